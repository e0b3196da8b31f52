"""How answers are marked. Runs unchanged in CPython (build, tests) and MicroPython (the browser).

Keep to what both interpreters share: no dataclasses, typing, `match`, re quantifiers such as {m,n},
str.casefold, str.translate, str.strip(chars) with characters outside ASCII (MicroPython strips bytes),
white space outside ASCII in str.split() or str.strip() (MicroPython knows only ASCII's), or dict order
(MicroPython dicts are unordered, so results are walked in the order of the answer keys). Each type has its
scorer here, in the tables SCORERS (choice and text types) and PART_RESULTS and PART_CHOICES (the parts
family); the answer key's shape is documented in quiz/browser/question_types.py.

Rules, for a question worth P points. Shares are exact fractions (exact.py), and a quiz's total is their exact
sum; only what is shown is rounded, to whole hundredths of a point, half up (three thirds make 1, not 0.99):
- single, truefalse: P if the one correct option is chosen, else 0.
- multiple (select all that apply): each correct option is worth P / (number of correct options). Each
  correct option ticked adds one share, each wrong option ticked takes one away; never below 0.
- fill: P if the answer, normalised by normalise_text, is one of the accepted answers, normalised the same
  way when the page is built. Normalising, in this order:
    1. fold case as str.casefold() does, in every script ("ÉCOLE" -> "école", "STRASSE" and "Straße" ->
       "strasse", "ΟΔΟΣ" -> "οδοσ"), from the table in casefold.py (fold_case);
    2. read the apostrophe-like marks in _APOSTROPHES (curly single quotes, prime, modifier letter
       apostrophe, grave and acute accent) as ' and the double quotes in _QUOTES (curly, low and
       angle quotes, double prime) as ";
    3. read hyphens, dashes, the minus sign and the underscore (_DASHES) as a space, and drop the invisible
       soft hyphen, zero-width space, word joiner and byte-order mark (_DROPPED);
    4. read every white space character (_SPACES, what CPython's str.isspace() accepts) as a space;
    5. remove spaces and the punctuation in _ENDS (. , ; : ! ? ' " brackets, inverted ! and ?, the
       ellipsis, single angle quotes) from both ends;
    6. keep one space between words.
  So "calf muscles.", " Calf-muscles ", "calf muscles" with an en dash, and "Calf Muscles" in curly quotes all
  match "calf muscles", and "don't" with a curly apostrophe matches "don't". Letters must still match,
  accents included. Before all this the text is put in Unicode's composed form (normal.nfc), so a letter
  typed as a base letter and a combining accent is the same letter typed as one character.
  With `typos: N` (typos.py), an answer at most N edits from an accepted answer of 5 characters or more is
  right too, and the result names the spelling it was read as ("spelling").
- numeric: P if the number is within the tolerance of the value. "10", " 10 ", "10.0", "10,0", "10 cm",
  "10cm", "10 CM" and "10 cm." all read as 10 when the unit is cm, and a minus sign (U+2212) is a minus. A
  number followed by something other than the unit ("10 mm", "10 inches") is an answer in another unit: it
  is not converted and scores 0. A question without a unit wants the number alone. Text with no number read
  that way ("four", "about", "4 tests" when the question has no unit, "1e400") is no answer yet: it is marked
  unanswered, is_answered says False, and numeric_problem names the message to show.
- order: each step in its right place is worth P / (number of steps).
- match: each item matched to its right partner is worth P / (number of items).
- cloze: each gap filled right is worth P / (number of gaps); a typed gap is compared like fill, typo
  tolerance included.
"""

try:
    from . import casefold, exact, normal, plurals, question_types, typos
except ImportError:  # the browser loads these files side by side, without a package
    import casefold
    import exact
    import normal
    import plurals
    import question_types
    import typos

CORRECT = "correct"
PARTIAL = "partial"
INCORRECT = "incorrect"
UNANSWERED = "unanswered"

# The longest text answer, in characters: every text box has it as its maxlength (render.py), so the page
# can never write a longer one, and a saved answer longer than this is not the page's.
MAX_TEXT = 200

# The catalogue key of the message for a numeric box holding text with no number in it.
ENTER_NUMBER = "quiz.enter_number"

# Read as a space: every character str.isspace() accepts in CPython (MicroPython's str.split() and
# str.strip() know only ASCII's), then hyphens, dashes, the minus sign and the underscore.
_SPACES = (
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007"
    "\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_DASHES = "-_\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2e3a\u2e3b\ufe58\ufe63\uff0d"
# Invisible: soft hyphen, zero-width space, word joiner, byte-order mark.
_DROPPED = "\xad\u200b\u2060\ufeff"
_APOSTROPHES = "`\xb4\u2018\u2019\u201a\u201b\u2032\u02bc"
_QUOTES = "\u201c\u201d\u201e\u201f\u2033\xab\xbb"
# Removed from both ends of an answer (after the marks above are read as ' and ").
_ENDS = " .,;:!?\xa1\xbf\u2026'\"()[]{}\u2039\u203a"
# Removed from the end of a numeric answer: the full stop of a sentence ("10 cm.").
_NUMBER_ENDS = " .,;:!?"

# Code point -> folded code point (int) or code points (tuple), filled from casefold.py on first need.
_FOLDS = {}


def _folds():
    if not _FOLDS:
        for first, count, stride, offset in casefold.RUNS:
            for code in range(first, first + count * stride, stride):
                _FOLDS[code] = code + offset
        for code in casefold.MULTI:
            _FOLDS[code] = casefold.MULTI[code]
    return _FOLDS


def fold_case(text):
    """text as str.casefold() gives it, in MicroPython too: "Straße" -> "strasse", "ÉCOLE" -> "école"."""
    folded = []
    for char in text:
        if char < "\x80":
            if "A" <= char <= "Z":
                char = chr(ord(char) + 32)
            folded.append(char)
            continue
        found = _folds().get(ord(char))
        if found is None:
            folded.append(char)
        elif isinstance(found, int):
            folded.append(chr(found))
        else:
            folded.append("".join([chr(code) for code in found]))
    return "".join(folded)


def _words(text):
    return " ".join([word for word in text.split(" ") if word])


def _is_blank(text):
    return all(char in _SPACES for char in text)


def _trim(text, ends, at_start=True):
    # By hand: MicroPython's str.strip(chars) compares bytes, not characters.
    start = 0
    end = len(text)
    while at_start and start < end and text[start] in ends:
        start += 1
    while end > start and text[end - 1] in ends:
        end -= 1
    return text[start:end]


def normalise_text(text):
    """The form in which a typed answer and the accepted answers are compared (rules in this module's
    docstring): case folded, quotes and apostrophes made plain, dashes read as spaces, punctuation at the
    ends removed, one space between words. Both interpreters give the same result."""
    plain = []
    for char in fold_case(normal.nfc(text)):
        if char in _SPACES or char in _DASHES:
            char = " "
        elif char in _DROPPED:
            continue
        elif char in _APOSTROPHES:
            char = "'"
        elif char in _QUOTES:
            char = '"'
        plain.append(char)
    return _trim(_words("".join(plain)), _ENDS)


# The catalogue key of the language's decimal mark: "." in English, "," in German and French.
DECIMAL = "number.decimal"


def format_number(value, decimal="."):
    """A number as a person writes it: no trailing zeros, no exponent, never "-0"; `decimal` is the
    decimal mark of the page's language (the catalogue's number.decimal)."""
    text = ("%.6f" % value).rstrip("0").rstrip(".")
    return ("0" if text == "-0" else text).replace(".", decimal)


def parse_number(text):
    """A decimal number from text, or None. Accepts a comma as the decimal mark; rejects nan and inf."""
    text = text.strip().replace(",", ".")
    if not text or len(text) > 40:
        return None
    for char in text:
        if char not in "0123456789.+-eE":
            return None
    # A digit before any exponent: MicroPython's float() reads "e1" and "." as 0, CPython refuses them.
    mantissa = text.replace("E", "e").split("e")[0]
    if not any(char in "0123456789" for char in mantissa):
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    if value != value or value in (float("inf"), float("-inf")):
        return None
    return value


def _numeric_text(text):
    # Not normalise_text: a leading minus and a decimal point are part of the number.
    plain = []
    for char in fold_case(text):
        if char in _SPACES:
            char = " "
        elif char == "\u2212":
            char = "-"
        plain.append(char)
    return _words("".join(plain))


# _reading's answer for a number followed by something other than the question's unit.
_OTHER_UNIT = "other unit"


def _reading(key, text):
    """The number in the question's unit (a float), _OTHER_UNIT, or None when text holds no number read as
    the rules in this module's docstring say."""
    text = _trim(_numeric_text(text), _NUMBER_ENDS, at_start=False)
    number = parse_number(text)
    if number is not None:
        return number
    unit = _numeric_text(key.get("unit") or "")
    if not unit:
        return None
    if text.endswith(unit):
        number = parse_number(text[: len(text) - len(unit)])
        if number is not None:
            return number
    digits = 0
    while digits < len(text) and text[digits] in "0123456789.,+-":
        digits += 1
    rest = text[digits:]
    if parse_number(text[:digits]) is None or _is_blank(rest):
        return None
    for char in rest:
        if char in "0123456789":
            return None
    return _OTHER_UNIT


def read_numeric(key, text):
    """The number in a reader's answer, with the question's unit allowed after it; None if there is none
    or it is followed by another unit."""
    number = _reading(key, text)
    return None if number == _OTHER_UNIT else number


def numeric_problem(key, text):
    """The catalogue key of the message for a numeric box whose text holds no number ("quiz.enter_number",
    its {example} a number), or None: for a number, an empty box, or a question of another type."""
    if key.get("type") != "numeric" or not isinstance(text, str) or _is_blank(text):
        return None
    return ENTER_NUMBER if _reading(key, text) is None else None


def _share(right, wrong, points, shares):
    # Exact: 2 of 3 shares of one point is [2, 3], shown as 0.67 but summed as two thirds.
    return exact.make(max(0, right - wrong) * points, shares)


_NOTHING = [0, 1]


# Choice types: the answer is a list of option keys.
def _picked(key, answer):
    picked = []
    for option in answer:
        if option in key["options"] and option not in picked:
            picked.append(option)
    return picked


def _score_single(key, picked, points):
    return [points, 1] if (len(picked) == 1 and picked[0] in key["correct"]) else _NOTHING


_score_truefalse = _score_single


def _score_multiple(key, picked, points):
    correct = key["correct"]
    right = len([option for option in picked if option in correct])
    return _share(right, len(picked) - right, points, len(correct))


def _typed(key, given, accepted):
    """(right?, the accepted answer a misspelt answer was read as, or None): exact after normalising, or
    within the question's typo tolerance (typos.py)."""
    if not isinstance(given, str):
        return False, None
    text = normalise_text(given)
    if text in accepted:
        return True, None
    found = typos.close_match(text, accepted, typos.allowed(key))
    return found is not None, found


# Text types: the answer is the text typed.
def _score_fill(key, text, points):
    return [points, 1] if _typed(key, text, key["accepted"])[0] else _NOTHING


def _score_numeric(key, text, points):
    number = read_numeric(key, text)
    ok = number is not None and abs(number - key["value"]) <= key["tolerance"] + 1e-9
    return [points, 1] if ok else _NOTHING


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
            found.append([gap["key"], _typed(key, given, gap["accepted"])[0], gap["accepted"][0]])
        else:
            found.append([gap["key"], given == gap["correct"], gap["correct"]])
    return found


def _choices_cloze(key):
    return [[gap["key"], gap.get("options")] for gap in key["gaps"]]


# Each type's marking, by type name: choice and text types have a scorer; parts types read their parts and
# list each part's choices. tests/test_question_types.py holds these tables to the types table.
SCORERS = {
    "single": _score_single,
    "truefalse": _score_truefalse,
    "multiple": _score_multiple,
    "fill": _score_fill,
    "numeric": _score_numeric,
}
PART_RESULTS = {"order": _parts_order, "match": _parts_match, "cloze": _parts_cloze}
PART_CHOICES = {"order": _choices_order, "match": _choices_match, "cloze": _choices_cloze}


def part_results(key, answer):
    """[part key, right?, right value] for each part of a parts-family question, in the key's order."""
    return PART_RESULTS[key["type"]](key, answer if isinstance(answer, dict) else {})


def part_choices(key):
    """[part key, allowed values or None for free text] for each part of a parts-family question."""
    return PART_CHOICES[key["type"]](key)


def spellings(key, answer):
    """[part, accepted answer] for each typed answer counted right only by typo tolerance, in the key's order:
    the part is a cloze gap's key, or the question's id for a fill question. Empty for other types."""
    found = []
    if key.get("type") == "fill":
        spelling = _typed(key, answer, key["accepted"])[1]
        if spelling is not None:
            found.append([key["id"], spelling])
    elif key.get("type") == "cloze" and isinstance(answer, dict):
        for gap in key["gaps"]:
            if "accepted" in gap:
                spelling = _typed(key, answer.get(gap["key"]), gap["accepted"])[1]
                if spelling is not None:
                    found.append([gap["key"], spelling])
    return found


def _text_given(key, text):
    # A numeric box holding no number is not answered yet (numeric_problem says why).
    if not isinstance(text, str) or _is_blank(text):
        return False
    return key["type"] != "numeric" or _reading(key, text) is not None


def is_answered(key, answer):
    """True when every part of the question has an answer (the submit check asks for this)."""
    return _given(key, question_types.family(key["type"]), answer, every=True)


def _given(key, family, answer, every):
    """Whether the answer gives every part of the question (every=True), or any part of it."""
    if family == question_types.CHOICE:
        return isinstance(answer, list) and len(answer) > 0
    if family == question_types.TEXT:
        return _text_given(key, answer)
    if not isinstance(answer, dict):
        return False
    given = []
    for part, _ in part_choices(key):
        value = answer.get(part)
        given.append(isinstance(value, str) and not _is_blank(value))
    return all(given) if every else any(given)


def score_question(key, answer):
    """Mark one question.

    key: the answer key embedded in the page (shapes in quiz/browser/question_types.py).
    answer: choice types: list of option keys; text types: the text typed; parts types: {part key: value}.
    Returns {"id", "earned" (hundredths, rounded), "possible" (hundredths), "verdict", "exact" (the points
    earned as an exact fraction, [numerator, denominator], which totals add up)}.
    """
    points = int(key.get("points", 1))
    kind = key["type"]
    family = question_types.family(kind)
    if not _given(key, family, answer, every=False):
        return _result(key, _NOTHING, points, UNANSWERED)
    if family == question_types.CHOICE:
        picked = _picked(key, answer)
        if not picked:
            return _result(key, _NOTHING, points, UNANSWERED)
        earned = SCORERS[kind](key, picked, points)
    elif family == question_types.TEXT:
        earned = SCORERS[kind](key, answer, points)
    else:
        parts = part_results(key, answer)
        earned = _share(len([1 for part in parts if part[1]]), 0, points, len(parts))
    if earned == [points, 1]:
        verdict = CORRECT
    elif earned[0] == 0:
        verdict = INCORRECT
    else:
        verdict = PARTIAL
    result = _result(key, earned, points, verdict)
    spelt = spellings(key, answer)
    if spelt:
        # What a misspelt answer was read as, for the verdict: "Correct (spelling: dorsiflexion)".
        result["spelling"] = [spelling for _, spelling in spelt]
    return result


def _result(key, earned, points, verdict):
    return {
        "id": key["id"],
        "earned": exact.hundredths(earned),
        "possible": points * 100,
        "verdict": verdict,
        "exact": earned,
    }


def score_quiz(keys, answers):
    """Mark a whole quiz. answers maps question id -> answer (see score_question). The total is the exact sum
    of the questions' points, rounded once: "earned" in hundredths, "exact" as [numerator, denominator]."""
    results = [score_question(key, answers.get(key["id"])) for key in keys]
    earned = exact.total([result["exact"] for result in results])
    possible = 0
    for result in results:
        possible += result["possible"]
    return {"earned": exact.hundredths(earned), "possible": possible, "exact": earned, "results": results}


def format_points(hundredths, decimal="."):
    """6 for 600, 6.5 for 650, 6.33 for 633 (6,33 with decimal=","): no trailing zeros, never scientific
    notation."""
    whole = hundredths // 100
    part = hundredths % 100
    if part == 0:
        return str(whole)
    if part % 10 == 0:
        return "%d%s%d" % (whole, decimal, part // 10)
    return "%d%s%02d" % (whole, decimal, part)


def fill(template, values):
    """The catalogue text with each {name} replaced. Plain replacement, not str.format: a stray brace in a
    translation shows as a brace instead of stopping the quiz."""
    for name in values:
        template = template.replace("{" + name + "}", str(values[name]))
    return template


def plural(strings, key, count, language="en"):
    """The form of `key` for count in the catalogue's language: the string of key and its CLDR category,
    one, few, many or other (see plurals.py)."""
    return strings[key + "." + plurals.category(language, count)]


def _decimal(strings):
    return strings.get(DECIMAL) or "."


def format_score(earned, possible, strings):
    decimal = _decimal(strings)
    return fill(
        strings["score.of"], {"earned": format_points(earned, decimal), "possible": format_points(possible, decimal)}
    )


def verdict_text(result, strings, language="en"):
    """Words, never colour alone: 'Correct', 'Partly correct: 0.67 of 1 point', ..."""
    verdict = result["verdict"]
    words = _verdict_words(result, strings, language)
    if result.get("spelling") and verdict in (CORRECT, PARTIAL):
        return fill(strings["verdict.spelling"], {"verdict": words, "spelling": ", ".join(result["spelling"])})
    return words


def _verdict_words(result, strings, language):
    verdict = result["verdict"]
    if verdict == PARTIAL:
        return fill(
            strings["verdict.partial"],
            {
                "earned": format_points(result["earned"], _decimal(strings)),
                "possible": format_points(result["possible"], _decimal(strings)),
                "points": plural(strings, "points", result["possible"] // 100, language),
            },
        )
    return strings["verdict." + verdict]


def progress_text(answered, total, strings):
    return fill(strings["progress.answered"], {"answered": answered, "total": total})
