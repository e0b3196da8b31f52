"""Review on a later visit: a Leitner box for each question, kept on the device beside the quiz's answers.

Runs unchanged in CPython (tests) and MicroPython (the browser). A whole-quiz check moves each question a
box: a right answer one box up (to at most the last), anything else back to the first. Each box has its
interval in days; a question is due for review that many days after its check. On a visit a day or more
after the last check, the quiz offers a short review of the questions due (app.py). Dates are the reader's
own, YYYY-MM-DD, as the history of attempts keeps them (saved.py); the day arithmetic is done here, since
MicroPython has no datetime.
"""

import json

# The days until a question in box 1, 2, 3 is due again.
INTERVALS = (1, 3, 7)
BOXES = len(INTERVALS)


def day_number(iso):
    """Days since 1970-01-01 of a date written YYYY-MM-DD, or None when it is not one."""
    if not isinstance(iso, str) or len(iso) != 10 or iso[4] != "-" or iso[7] != "-":
        return None
    digits = iso[:4] + iso[5:7] + iso[8:]
    if not digits.isdigit():
        return None
    year, month, day = int(iso[:4]), int(iso[5:7]), int(iso[8:])
    if not 1 <= month <= 12 or not 1 <= day <= _month_days(year, month):
        return None
    # Howard Hinnant's days_from_civil, in whole numbers only.
    year -= 1 if month <= 2 else 0
    era = year // 400
    year_of_era = year - era * 400
    day_of_year = (153 * (month + (-3 if month > 2 else 9)) + 2) // 5 + day - 1
    day_of_era = year_of_era * 365 + year_of_era // 4 - year_of_era // 100 + day_of_year
    return era * 146097 + day_of_era - 719468


def _month_days(year, month):
    if month == 2:
        return 29 if (year % 4 == 0 and year % 100 != 0) or year % 400 == 0 else 28
    return 30 if month in (4, 6, 9, 11) else 31


def iso_day(number):
    """The date YYYY-MM-DD of a day_number."""
    number += 719468
    era = number // 146097
    day_of_era = number - era * 146097
    year_of_era = (day_of_era - day_of_era // 1460 + day_of_era // 36524 - day_of_era // 146096) // 365
    day_of_year = day_of_era - (365 * year_of_era + year_of_era // 4 - year_of_era // 100)
    month_part = (5 * day_of_year + 2) // 153
    day = day_of_year - (153 * month_part + 2) // 5 + 1
    month = month_part + (3 if month_part < 10 else -9)
    year = year_of_era + era * 400 + (1 if month <= 2 else 0)
    return "%04d-%02d-%02d" % (year, month, day)


def after_check(boxes, verdicts, today):
    """The boxes after a whole-quiz check on `today`: verdicts is [[question id, verdict], ...] in the quiz's
    order; "correct" moves a question one box up (at most the last), any other verdict (incorrect, partly
    correct, not answered) back to box 1. Each gets its due date."""
    moved = dict(boxes)
    start = day_number(today)
    for question_id, verdict in verdicts:
        entry = boxes.get(question_id) or {}
        # A question never checked before starts in box 1, as every card of a Leitner box does.
        box = entry.get("box", 1)
        if entry and day_number(entry["due"]) - INTERVALS[box - 1] == start and verdict == "correct":
            # Moved already today (a retry after the result): right again moves it no further.
            continue
        box = min(box + 1, BOXES) if verdict == "correct" else 1
        moved[question_id] = {"box": box, "due": iso_day(start + INTERVALS[box - 1])}
    return moved


def due(boxes, ids, today):
    """The question ids, in the order given, whose review is due on `today`."""
    now = day_number(today)
    return [question_id for question_id in ids if question_id in boxes and day_number(boxes[question_id]["due"]) <= now]


def offer(boxes, ids, today, last_check):
    """The questions to offer for review on a visit: those due, when the last whole-quiz check was on an
    earlier day (never on the day of a check); [] otherwise."""
    if day_number(last_check) is None or day_number(today) <= day_number(last_check):
        return []
    return due(boxes, ids, today)


def encode(boxes):
    """What is stored: {"version": 1, "boxes": {id: {"box": n, "due": date}}}, sorted by question id so the text
    reads the same in both interpreters."""
    rows = []
    for question_id in sorted(boxes):
        entry = boxes[question_id]
        rows.append('%s: {"box": %d, "due": %s}' % (json.dumps(question_id), entry["box"], json.dumps(entry["due"])))
    return '{"version": 1, "boxes": {%s}}' % ", ".join(rows)


def _most(ids):
    # Each entry: its id as JSON (a character at most 12) and a box and date.
    return 40 + sum([12 * len(question_id) + 50 for question_id in ids])


def decode(text, ids):
    """(boxes that fit today's questions, dropped any?) from what was stored. Stored data is untrusted: an
    entry for a question the quiz no longer has, a box out of range or a date that is not one is dropped."""
    if text is None or text == "":
        return {}, False
    try:
        data = json.loads(text) if isinstance(text, str) and len(text) <= _most(ids) else None
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("version") != 1 or not isinstance(data.get("boxes"), dict):
        return {}, True
    boxes = {}
    dropped = False
    stored = data["boxes"]
    for question_id in stored:
        entry = stored[question_id]
        box = entry.get("box") if isinstance(entry, dict) else None
        if (
            question_id in ids
            and isinstance(entry, dict)
            and len(entry) == 2
            and isinstance(box, int)
            and not isinstance(box, bool)
            and 1 <= box <= BOXES
            and day_number(entry.get("due")) is not None
        ):
            boxes[question_id] = {"box": box, "due": entry["due"]}
        else:
            dropped = True
    return boxes, dropped
