"""How answers are marked. Runs unchanged in CPython (build, tests) and MicroPython (the browser).

Keep to what both interpreters share: no dataclasses, typing, `match`, re quantifiers such as {m,n},
str.casefold, or dict order (MicroPython dicts are unordered, so results are walked in the order of the
answer keys). Each type has its scorer here, found by name (`_score_<type>` for choice and text types,
`_parts_<type>` and `_choices_<type>` for types of the parts family); the answer key's shape is documented in
quiz/question_types.py.

Rules, for a question worth P points (scores are whole hundredths of a point, rounded half up):
- single, truefalse: P if the one correct option is chosen, else 0.
- multiple (select all that apply): each correct option is worth P / (number of correct options). Each
  correct option ticked adds one share, each wrong option ticked takes one away; never below 0.
- fill: P if the answer, ignoring case (ASCII letters) and extra spaces, is one of the accepted answers.
- numeric: P if the number is within the tolerance of the value. "10", " 10 ", "10.0", "10,0", "10 cm" and
  "10cm" all read as 10 when the unit is cm; another unit ("10 mm") is not converted and scores 0.
- order: each step in its right place is worth P / (number of steps).
- match: each item matched to its right partner is worth P / (number of items).
- cloze: each gap filled right is worth P / (number of gaps); a typed gap is compared like fill.
"""

try:
    from . import question_types
except ImportError:  # the browser loads these files side by side, without a package
    import question_types

CORRECT = "correct"
PARTIAL = "partial"
INCORRECT = "incorrect"
UNANSWERED = "unanswered"

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


def _scorer(prefix, kind):
    return globals()[prefix + kind]


# Choice types: the answer is a list of option keys.
def _picked(key, answer):
    picked = []
    for option in answer:
        if option in key["options"] and option not in picked:
            picked.append(option)
    return picked


def _score_single(key, picked, possible):
    return possible if (len(picked) == 1 and picked[0] in key["correct"]) else 0


_score_truefalse = _score_single


def _score_multiple(key, picked, possible):
    correct = key["correct"]
    right = len([option for option in picked if option in correct])
    return _share(right, len(picked) - right, possible, len(correct))


# Text types: the answer is the text typed.
def _score_fill(key, text, possible):
    return possible if normalise_text(text) in key["accepted"] else 0


def _score_numeric(key, text, possible):
    number = read_numeric(key, text)
    ok = number is not None and abs(number - key["value"]) <= key["tolerance"] + 1e-9
    return possible if ok else 0


# Parts types: the answer is {part key: value}. _parts_<type> gives [part, right?, the right value] for each
# part, in the key's order; _choices_<type> gives each part's allowed values (None: any short text).
def _parts_order(key, answer):
    return [[step, answer.get(step) == str(index + 1), str(index + 1)] for index, step in enumerate(key["steps"])]


def _choices_order(key):
    places = [str(index + 1) for index in range(len(key["steps"]))]
    return [[step, places] for step in key["steps"]]


def _parts_match(key, answer):
    return [[pair[0], answer.get(pair[0]) == pair[1], pair[1]] for pair in key["pairs"]]


def _choices_match(key):
    partners = [pair[1] for pair in key["pairs"]]
    return [[pair[0], partners] for pair in key["pairs"]]


def _parts_cloze(key, answer):
    found = []
    for gap in key["gaps"]:
        given = answer.get(gap["key"])
        if "accepted" in gap:
            ok = isinstance(given, str) and normalise_text(given) in gap["accepted"]
            found.append([gap["key"], ok, gap["accepted"][0]])
        else:
            found.append([gap["key"], given == gap["correct"], gap["correct"]])
    return found


def _choices_cloze(key):
    return [[gap["key"], gap.get("options")] for gap in key["gaps"]]


def part_results(key, answer):
    """[part key, right?, right value] for each part of a parts-family question, in the key's order."""
    return _scorer("_parts_", key["type"])(key, answer if isinstance(answer, dict) else {})


def part_choices(key):
    """[part key, allowed values or None for free text] for each part of a parts-family question."""
    return _scorer("_choices_", key["type"])(key)


def is_answered(key, answer):
    """True when every part of the question has an answer (the submit check asks for this)."""
    family = question_types.family(key["type"])
    if family == question_types.CHOICE:
        return isinstance(answer, list) and len(answer) > 0
    if family == question_types.TEXT:
        return isinstance(answer, str) and answer.strip() != ""
    if not isinstance(answer, dict):
        return False
    for part, _ in part_choices(key):
        value = answer.get(part)
        if not isinstance(value, str) or not value.strip():
            return False
    return True


def _has_any(family, answer):
    if family == question_types.CHOICE:
        return isinstance(answer, list) and len(answer) > 0
    if family == question_types.TEXT:
        return isinstance(answer, str) and answer.strip() != ""
    if not isinstance(answer, dict):
        return False
    return any(isinstance(value, str) and value.strip() for value in answer.values())


def score_question(key, answer):
    """Mark one question.

    key: the answer key embedded in the page (shapes in quiz/question_types.py).
    answer: choice types: list of option keys; text types: the text typed; parts types: {part key: value}.
    Returns {"id", "earned" (hundredths), "possible" (hundredths), "verdict"}.
    """
    possible = int(key.get("points", 1)) * 100
    kind = key["type"]
    family = question_types.family(kind)
    if not _has_any(family, answer):
        return _result(key, 0, possible, UNANSWERED)
    if family == question_types.CHOICE:
        picked = _picked(key, answer)
        if not picked:
            return _result(key, 0, possible, UNANSWERED)
        earned = _scorer("_score_", kind)(key, picked, possible)
    elif family == question_types.TEXT:
        earned = _scorer("_score_", kind)(key, answer, possible)
    else:
        parts = part_results(key, answer)
        earned = _share(len([1 for part in parts if part[1]]), 0, possible, len(parts))
    if earned == possible:
        verdict = CORRECT
    elif earned == 0:
        verdict = INCORRECT
    else:
        verdict = PARTIAL
    return _result(key, earned, possible, verdict)


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


def fill(template, values):
    """The catalogue text with each {name} replaced. Plain replacement, not str.format: a stray brace in a
    translation shows as a brace instead of stopping the quiz."""
    for name in values:
        template = template.replace("{" + name + "}", str(values[name]))
    return template


def plural(strings, key, count):
    """strings[key + ".one"] for exactly one, else strings[key + ".other"]."""
    return strings[key + (".one" if count == 1 else ".other")]


def format_score(earned, possible, strings):
    return fill(strings["score.of"], {"earned": format_points(earned), "possible": format_points(possible)})


def verdict_text(result, strings):
    """Words, never colour alone: 'Correct', 'Partly correct: 0.67 of 1 point', ..."""
    verdict = result["verdict"]
    if verdict == PARTIAL:
        return fill(
            strings["verdict.partial"],
            {
                "earned": format_points(result["earned"]),
                "possible": format_points(result["possible"]),
                "points": plural(strings, "points", result["possible"] // 100),
            },
        )
    return strings["verdict." + verdict]


def progress_text(answered, total, strings):
    return fill(strings["progress.answered"], {"answered": answered, "total": total})
