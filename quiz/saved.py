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
    from . import question_types
    from .scoring import MAX_TEXT, part_choices
except ImportError:  # the browser loads these files side by side, without a package
    import question_types
    from scoring import MAX_TEXT, part_choices

# What decode() returns when it had to drop answers: keys of the strings catalogue.
CLEARED_ALL = "saved.cleared_all"
CLEARED_SOME = "saved.cleared_some"


def storage_key(quiz_id):
    return PREFIX + quiz_id


def encode(quiz_id, answers):
    return json.dumps({"version": VERSION, "quiz": quiz_id, "answers": answers})


def valid_answer(key, value):
    """True when a stored answer has exactly the shape today's question takes (see question_types)."""
    row = question_types.get(key["type"])
    family = row.family if row else None
    if family == question_types.CHOICE:
        if not isinstance(value, list) or len(value) > len(key["options"]):
            return False
        if row.control != "checkbox" and len(value) > 1:
            return False
        seen = []
        for option in value:
            if not isinstance(option, str) or option not in key["options"] or option in seen:
                return False
            seen.append(option)
        return True
    if family == question_types.TEXT:
        return isinstance(value, str) and len(value) <= MAX_TEXT
    if family != question_types.PARTS or not isinstance(value, dict):
        return False
    allowed = {}
    for part, choices in part_choices(key):
        allowed[part] = choices
    for part in value:
        if part not in allowed or not isinstance(value[part], str) or len(value[part]) > MAX_TEXT:
            return False
        if value[part] and allowed[part] is not None and value[part] not in allowed[part]:
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
