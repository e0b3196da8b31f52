"""Answers saved in the browser's localStorage: the format, and how stored data is checked before use.

Runs unchanged in CPython (tests) and MicroPython (the browser). Stored data is untrusted: another version
of the site, another quiz, a browser extension or a person may have written it. Anything that does not fit
today's questions exactly is dropped, and the reader is told, instead of being attached to the wrong
question or breaking the page.
"""

import json

VERSION = 1
PREFIX = "quiz-answers/v%d/" % VERSION
# Past scores: MAX_HISTORY short entries fit many times over; a larger value is not ours.
MAX_STORED = 50000
# The most a character of text takes in stored JSON: a character beyond the Basic Multilingual Plane is
# written as two \uXXXX escapes by CPython's json.dumps.
_PER_CHARACTER = 12

try:
    from . import question_types, tries
    from .scoring import MAX_TEXT, part_choices
except ImportError:  # the browser loads these files side by side, without a package
    import question_types
    import tries
    from scoring import MAX_TEXT, part_choices

# What decode() returns when it had to drop answers: keys of the strings catalogue.
CLEARED_ALL = "saved.cleared_all"
CLEARED_SOME = "saved.cleared_some"
# Only answers to questions changed since they were given were dropped: read_state's "reset" names them.
RESET_CHANGED = "saved.reset_changed"


def site_namespace(site_path, explicit=""):
    """What keeps the names of one site apart from another's on the same origin (GitHub Pages project sites
    all live on user.github.io): the site's own setting when it gives one, else its path under the origin
    without the slashes ("" for a site at the origin's root, whose names stay as they always were)."""
    return (explicit or site_path or "").strip("/")


def _named(prefix, quiz_id, namespace):
    # Quiz ids hold no "/", so no site's name can end where another site's namespace begins.
    return prefix + (namespace + "/" if namespace else "") + quiz_id


def storage_key(quiz_id, namespace=""):
    return _named(PREFIX, quiz_id, namespace)


# A reader's own shuffle of a quiz, kept across reloads.
SEED_PREFIX = "quiz-seed/v%d/" % VERSION


def seed_key(quiz_id, namespace=""):
    return _named(SEED_PREFIX, quiz_id, namespace)


def _counts(counts):
    # Sorted by question id, so the text reads the same in both interpreters.
    return "{%s}" % ", ".join(["%s: %d" % (json.dumps(name), counts[name]) for name in sorted(counts)])


def encode(quiz_id, answers, checked=None, finished=False, tries_used=None, hints_used=None):
    """What is stored for a quiz: the answers, which questions were checked, and whether the whole quiz was
    (so a reload shows the marked quiz and its score until the learner starts again). Optional, written only
    when not empty (so what older pages wrote reads the same): "tries" and "hints", question id -> the tries
    made and the hints shown (tries.py)."""
    # Written field by field: MicroPython's dicts keep no order, and the stored text should read the same in
    # every interpreter.
    extra = ""
    if tries_used:
        extra += ', "tries": ' + _counts(tries_used)
    if hints_used:
        extra += ', "hints": ' + _counts(hints_used)
    return '{"version": %d, "quiz": %s, "answers": %s, "checked": %s, "finished": %s%s}' % (
        VERSION,
        json.dumps(quiz_id),
        json.dumps(answers),
        json.dumps(checked or []),
        "true" if finished else "false",
        extra,
    )


def _quoted(text_length):
    return text_length * _PER_CHARACTER + 2


def max_stored(keys):
    """The most text encode() can write for a quiz of these questions (answer keys) with answers the page
    accepts: the limit grows with each question, so no page's answers are ever too long to read back."""
    size = 140
    for key in keys:
        # Its answer, and its counts of tries and hints.
        size += 4 * _quoted(len(key["id"])) + 20
        family = question_types.family(key["type"])
        if family == question_types.CHOICE:
            size += 2 + sum([_quoted(len(option)) + 2 for option in key["options"]])
        elif family == question_types.TEXT:
            size += _quoted(MAX_TEXT)
        else:
            size += 2
            for part, choices in part_choices(key):
                longest = MAX_TEXT if choices is None else max([len(choice) for choice in choices] + [0])
                size += _quoted(len(part)) + _quoted(longest) + 4
    return size


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
    state = read_state(quiz_id, text, keys)
    return state["answers"], state["message"]


def read_state(quiz_id, text, keys):
    """{"answers", "checked", "finished", "message", "reset", "tries", "hints"} from what was stored under the
    quiz's key ("tries" and "hints": question id -> count, optional in what is stored). Only
    questions whose answer was kept can stay checked; a finished quiz stays finished only if nothing was
    dropped. "reset" lists, in the keys' order, today's questions whose saved answer no longer fits them (the
    question changed in a new version of the site), so the reader can be told which."""
    state = {"answers": {}, "checked": [], "finished": False, "message": None, "reset": [], "tries": {}, "hints": {}}
    if text is None or text == "":
        return state
    state["message"] = CLEARED_ALL
    if not isinstance(text, str) or len(text) > max_stored(keys):
        return state
    try:
        data = json.loads(text)
    except ValueError:
        return state
    if not isinstance(data, dict) or data.get("version") != VERSION or data.get("quiz") != quiz_id:
        return state
    stored = data.get("answers")
    checked = data.get("checked", [])
    finished = data.get("finished", False)
    if not isinstance(stored, dict) or not isinstance(checked, list) or not isinstance(finished, bool):
        return state
    by_id = {}
    for key in keys:
        by_id[key["id"]] = key
    answers = {}
    dropped = False
    reset = []
    for question_id in stored:
        key = by_id.get(question_id)
        if key is not None and valid_answer(key, stored[question_id]):
            answers[question_id] = stored[question_id]
        elif key is not None:
            reset.append(question_id)
        else:
            dropped = True
    kept_checks = []
    for question_id in checked:
        if isinstance(question_id, str) and question_id in answers and question_id not in kept_checks:
            kept_checks.append(question_id)
        elif question_id not in reset:  # a reset question's check goes with its answer
            dropped = True
    for field in ("tries", "hints"):
        counts, lost = tries.valid_counts(keys, data.get(field), field)
        state[field] = counts
        dropped = dropped or lost
    state["answers"] = answers
    state["checked"] = kept_checks
    state["finished"] = finished and not dropped and not reset
    state["reset"] = [key["id"] for key in keys if key["id"] in reset]
    if dropped:
        state["message"] = CLEARED_SOME
    else:
        state["message"] = RESET_CHANGED if reset else None
    return state


# A learner's past scores on this device: the date and score of each whole-quiz check, newest last.
HISTORY_PREFIX = "quiz-history/v%d/" % VERSION
MAX_HISTORY = 30
HISTORY_CLEARED = "saved.history_cleared"


def history_key(quiz_id, namespace=""):
    return _named(HISTORY_PREFIX, quiz_id, namespace)


def _valid_attempt(entry):
    if not isinstance(entry, dict) or len(entry) != 3:
        return False
    at, earned, possible = entry.get("at"), entry.get("earned"), entry.get("possible")
    if not isinstance(at, str) or len(at) != 10 or at[4] != "-" or at[7] != "-":
        return False
    if not (at[:4] + at[5:7] + at[8:]).isdigit():
        return False
    for number in (earned, possible):
        if not isinstance(number, int) or isinstance(number, bool):
            return False
    return 0 <= earned <= possible and 0 < possible <= 1000000


def decode_history(text):
    """(attempts, message or None): every stored attempt that is well formed, at most MAX_HISTORY."""
    if text is None or text == "":
        return [], None
    if not isinstance(text, str) or len(text) > MAX_STORED:
        return [], HISTORY_CLEARED
    try:
        data = json.loads(text)
    except ValueError:
        return [], HISTORY_CLEARED
    if not isinstance(data, list):
        return [], HISTORY_CLEARED
    attempts = [entry for entry in data if _valid_attempt(entry)]
    message = HISTORY_CLEARED if len(attempts) != len(data) else None
    return attempts[len(attempts) - MAX_HISTORY :] if len(attempts) > MAX_HISTORY else attempts, message


def add_attempt(attempts, at, earned, possible):
    """The attempts with this one added last, keeping the newest MAX_HISTORY."""
    attempts = attempts + [{"at": at, "earned": earned, "possible": possible}]
    return attempts[len(attempts) - MAX_HISTORY :] if len(attempts) > MAX_HISTORY else attempts


def best_attempt(attempts):
    """The attempt with the highest share of its points (the earliest of equals), or None."""
    best = None
    for attempt in attempts:
        if best is None or attempt["earned"] * best["possible"] > best["earned"] * attempt["possible"]:
            best = attempt
    return best
