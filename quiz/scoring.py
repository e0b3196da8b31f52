"""How answers are marked. Runs unchanged in CPython (build, tests) and MicroPython (the browser).

Keep to what both interpreters share: no dataclasses, typing, f-strings with `=`, `match`, re quantifiers
such as {m,n}, str.casefold, or dict order (MicroPython dicts are unordered, so results are walked in the
order of the answer keys).

Rules, for a question worth P points (scores are whole hundredths of a point, rounded half up):
- single, truefalse: P if the one correct option is chosen, else 0.
- multiple (select all that apply): each correct option is worth P / (number of correct options). Each
  correct option ticked adds one share, each wrong option ticked takes one away; never below 0.
- fill: P if the answer, ignoring case (ASCII letters) and extra spaces, is one of the accepted answers.
- numeric: P if the number is within the tolerance of the value. "10", " 10 ", "10.0", "10,0", "10 cm" and
  "10cm" all read as 10 when the unit is cm; another unit ("10 mm") is not converted and scores 0.
- order: each step in its right place is worth P / (number of steps).
- match: each item matched to its right partner is worth P / (number of items).
"""

CORRECT = "correct"
PARTIAL = "partial"
INCORRECT = "incorrect"
UNANSWERED = "unanswered"

CHOICE_TYPES = ("single", "multiple", "truefalse")
TEXT_TYPES = ("fill", "numeric")
# A saved or typed text answer longer than this is not an answer to a short question.
MAX_TEXT = 200


def normalise_text(text):
    """Lowercase ASCII letters and fold runs of white space; both interpreters give the same result."""
    folded = []
    for char in text:
        if "A" <= char <= "Z":
            char = chr(ord(char) + 32)
        folded.append(char)
    return " ".join("".join(folded).split())


def parse_number(text):
    """A decimal number from text, or None. Accepts a comma as the decimal mark; rejects nan and inf."""
    text = text.strip().replace(",", ".")
    if not text or len(text) > 40:
        return None
    for char in text:
        if char not in "0123456789.+-eE":
            return None
    try:
        value = float(text)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value


def read_numeric(key, text):
    """The number in a reader's answer, with the question's unit allowed after it; None if unreadable."""
    text = normalise_text(text)
    unit = normalise_text(key.get("unit") or "")
    if unit and text.endswith(unit):
        text = text[: len(text) - len(unit)].strip()
    return parse_number(text)


def _share(right, wrong, possible, shares):
    # Round half up in whole hundredths: 2 of 3 shares of one point is 0.67.
    return max(0, ((right - wrong) * possible * 2 + shares) // (2 * shares))


def row_items(key):
    """The keys of an order or match question's rows: its steps, or the left side of its pairs."""
    if key["type"] == "order":
        return key["steps"]
    return [pair[0] for pair in key["pairs"]]


def is_answered(key, answer):
    """True when every part of the question has an answer (the submit check asks for this)."""
    kind = key["type"]
    if kind in CHOICE_TYPES:
        return isinstance(answer, list) and len(answer) > 0
    if kind in TEXT_TYPES:
        return isinstance(answer, str) and answer.strip() != ""
    return isinstance(answer, dict) and all(answer.get(item) for item in row_items(key))


def score_question(key, answer):
    """Mark one question.

    key: the answer key embedded in the page (see quiz/parse.py, Question.answer_key).
    answer: single/multiple/truefalse: list of option keys; fill/numeric: the text typed;
            order: {step key: position "1".."n"}; match: {item key: partner key}.
    Returns {"id", "earned" (hundredths), "possible" (hundredths), "verdict"}.
    """
    possible = int(key.get("points", 1)) * 100
    kind = key["type"]
    if not _has_any(kind, answer):
        return _result(key, 0, possible, UNANSWERED)
    if kind in CHOICE_TYPES:
        picked = []
        for option in answer:
            if option in key["options"] and option not in picked:
                picked.append(option)
        if not picked:
            return _result(key, 0, possible, UNANSWERED)
        correct = key["correct"]
        if kind == "multiple":
            right = len([option for option in picked if option in correct])
            earned = _share(right, len(picked) - right, possible, len(correct))
        else:
            earned = possible if (len(picked) == 1 and picked[0] in correct) else 0
    elif kind == "fill":
        earned = possible if normalise_text(answer) in key["accepted"] else 0
    elif kind == "numeric":
        number = read_numeric(key, answer)
        ok = number is not None and abs(number - key["value"]) <= key["tolerance"] + 1e-9
        earned = possible if ok else 0
    elif kind == "order":
        steps = key["steps"]
        right = len([1 for index, step in enumerate(steps) if answer.get(step) == str(index + 1)])
        earned = _share(right, 0, possible, len(steps))
    else:
        pairs = key["pairs"]
        right = len([1 for pair in pairs if answer.get(pair[0]) == pair[1]])
        earned = _share(right, 0, possible, len(pairs))
    if earned == possible:
        verdict = CORRECT
    elif earned == 0:
        verdict = INCORRECT
    else:
        verdict = PARTIAL
    return _result(key, earned, possible, verdict)


def _has_any(kind, answer):
    if kind in CHOICE_TYPES:
        return isinstance(answer, list) and len(answer) > 0
    if kind in TEXT_TYPES:
        return isinstance(answer, str) and answer.strip() != ""
    return isinstance(answer, dict) and len([1 for value in answer.values() if value]) > 0


def _result(key, earned, possible, verdict):
    return {"id": key["id"], "earned": earned, "possible": possible, "verdict": verdict}


def score_quiz(keys, answers):
    """Mark a whole quiz. answers maps question id -> answer (see score_question)."""
    results = [score_question(key, answers.get(key["id"])) for key in keys]
    earned = 0
    possible = 0
    for result in results:
        earned += result["earned"]
        possible += result["possible"]
    return {"earned": earned, "possible": possible, "results": results}


def format_points(hundredths):
    """6 for 600, 6.5 for 650, 6.33 for 633: no trailing zeros, never scientific notation."""
    whole = hundredths // 100
    part = hundredths % 100
    if part == 0:
        return str(whole)
    if part % 10 == 0:
        return "%d.%d" % (whole, part // 10)
    return "%d.%02d" % (whole, part)


def format_score(earned, possible):
    return "%s of %s" % (format_points(earned), format_points(possible))


VERDICT_WORDS = {
    CORRECT: "Correct",
    PARTIAL: "Partly correct",
    INCORRECT: "Incorrect",
    UNANSWERED: "Not answered",
}


def verdict_text(result):
    """Words, never colour alone: 'Correct', 'Partly correct: 0.67 of 1 point', ..."""
    words = VERDICT_WORDS[result["verdict"]]
    if result["verdict"] == PARTIAL:
        unit = "point" if result["possible"] == 100 else "points"
        return "%s: %s of %s %s" % (words, format_points(result["earned"]), format_points(result["possible"]), unit)
    return words


def progress_text(answered, total):
    return "%d of %d answered" % (answered, total)
