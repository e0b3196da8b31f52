"""Answers saved in the browser's localStorage: the format, and how stored data is checked before use.

Runs unchanged in CPython (tests) and MicroPython (the browser). Stored data is untrusted: another version
of the site, another quiz, a browser extension or a person may have written it. Anything that does not fit
today's questions exactly is dropped, and the reader is told, instead of being attached to the wrong
question or breaking the page.
"""

import json

VERSION = 1
PREFIX = "quiz-answers/v%d/" % VERSION
# Far more than any real set of answers; a larger value is not ours.
MAX_STORED = 50000

try:
    from .scoring import CHOICE_TYPES, MAX_TEXT, TEXT_TYPES, row_items
except ImportError:  # the browser loads these files side by side, without a package
    from scoring import CHOICE_TYPES, MAX_TEXT, TEXT_TYPES, row_items

CLEARED_ALL = "Your saved answers could not be read, so they were cleared."
CLEARED_SOME = "Some saved answers no longer fit these questions, so they were cleared."


def storage_key(quiz_id):
    return PREFIX + quiz_id


def encode(quiz_id, answers):
    return json.dumps({"version": VERSION, "quiz": quiz_id, "answers": answers})


def valid_answer(key, value):
    kind = key["type"]
    if kind in CHOICE_TYPES:
        if not isinstance(value, list) or len(value) > len(key["options"]):
            return False
        if kind != "multiple" and len(value) > 1:
            return False
        seen = []
        for option in value:
            if not isinstance(option, str) or option not in key["options"] or option in seen:
                return False
            seen.append(option)
        return True
    if kind in TEXT_TYPES:
        return isinstance(value, str) and len(value) <= MAX_TEXT
    if not isinstance(value, dict):
        return False
    allowed = row_items(key)
    if kind == "order":
        choices = [str(index + 1) for index in range(len(allowed))]
    else:
        choices = [pair[1] for pair in key["pairs"]]
    for item in value:
        if item not in allowed or not isinstance(value[item], str):
            return False
        if value[item] and value[item] not in choices:
            return False
    return True


def decode(quiz_id, text, keys):
    """(answers that fit the questions, message or None) from what was stored under the quiz's key."""
    if text is None or text == "":
        return {}, None
    if not isinstance(text, str) or len(text) > MAX_STORED:
        return {}, CLEARED_ALL
    try:
        data = json.loads(text)
    except ValueError:
        return {}, CLEARED_ALL
    if not isinstance(data, dict) or data.get("version") != VERSION or data.get("quiz") != quiz_id:
        return {}, CLEARED_ALL
    stored = data.get("answers")
    if not isinstance(stored, dict):
        return {}, CLEARED_ALL
    by_id = {}
    for key in keys:
        by_id[key["id"]] = key
    answers = {}
    dropped = False
    for question_id in stored:
        key = by_id.get(question_id)
        if key is not None and valid_answer(key, stored[question_id]):
            answers[question_id] = stored[question_id]
        else:
            dropped = True
    return answers, (CLEARED_SOME if dropped else None)
