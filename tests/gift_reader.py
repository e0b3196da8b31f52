"""A reader of GIFT as Moodle's importer (question/format/gift/format.php) reads it, for round-trip tests:
escapes turned into placeholders first, the answer block between the first `{` and the first `}`, the type
decided by the same tests in the same order, and weights, feedback and general feedback split the same way.
Only what the exports write is read: no categories, no [markdown] or [moodle] formats."""

import re

ESCAPES = {
    "\\:": "\0058",
    "\\#": "\0035",
    "\\=": "\0061",
    "\\{": "\0123",
    "\\}": "\0125",
    "\\~": "\0126",
    "\\n": "\0010",
}
CHARACTERS = {"\0058": ":", "\0035": "#", "\0061": "=", "\0123": "{", "\0125": "}", "\0126": "~", "\0010": "\n"}
WEIGHT_RE = re.compile(r"^%(-?[0-9]{1,3}(?:\.[0-9]*)?)%")


def _pre(text):
    text = text.replace("\\\\", "\0092")
    for escaped, placeholder in ESCAPES.items():
        text = text.replace(escaped, placeholder)
    return text.replace("\0092", "\\")


def _post(text):
    for placeholder, char in CHARACTERS.items():
        text = text.replace(placeholder, char)
    return text.strip()


def _answer(part):
    """(text, feedback) of one answer."""
    text, _, feedback = part.partition("#")
    return _post(text), _post(feedback)


def read_question(block):
    lines = [line for line in block.split("\n") if not line.strip().startswith("//")]
    text = _pre("\n".join(lines).strip())
    question = {}
    if text.startswith("::"):
        name, _, text = text[2:].partition("::")
        question["name"] = _post(name)
    start, end = text.index("{"), text.index("}")
    answers = text[start + 1 : end].strip()
    before, after = text[:start], text[end + 1 :]
    question["text"] = _post(before + ("" if not after.strip() else "_____" + after))
    if question["text"].startswith("[html]"):
        question["text"] = question["text"][len("[html]") :]
    general = ""
    if "####" in answers:
        answers, _, general = answers.rpartition("####")
    question["general"] = _post(general)
    answers = answers.strip()
    if answers.startswith("#"):
        question["type"] = "numerical"
        value, _, tolerance = answers[1:].strip().lstrip("=").partition(":")
        question["answers"] = [(float(value), float(tolerance or 0))]
    elif "~" in answers:
        question["type"] = "multichoice"
        question["single"] = "=" in answers
        question["answers"] = []
        for part in answers.replace("=", "~=").split("~"):
            part = part.strip()
            if not part:
                continue
            weight = 100.0
            if part.startswith("="):
                part = part[1:]
            elif WEIGHT_RE.match(part):
                weight = float(WEIGHT_RE.match(part).group(1))
                part = part[WEIGHT_RE.match(part).end() :]
            else:
                weight = 0.0
            question["answers"].append((*_answer(part), weight))
    elif "=" in answers and "->" in answers:
        question["type"] = "match"
        pairs = [part.strip() for part in answers.split("=") if part.strip()]
        question["pairs"] = [(_post(left), _post(right)) for left, _, right in (p.partition("->") for p in pairs)]
    elif answers.split("#")[0].strip() in ("T", "TRUE", "F", "FALSE"):
        question["type"] = "truefalse"
        word, wrong, right = (answers.split("#", 2) + ["", ""])[:3]
        question["correct"] = word.strip() in ("T", "TRUE")
        question["wrong_feedback"], question["right_feedback"] = _post(wrong), _post(right)
    else:
        question["type"] = "shortanswer"
        question["answers"] = [_answer(part)[0] for part in answers.split("=") if part.strip()]
    return question


def read(text):
    """Every question of a GIFT file, in order."""
    blocks = re.split(r"\n\s*\n", text)
    return [
        read_question(block)
        for block in blocks
        if any(not line.strip().startswith("//") and line.strip() for line in block.split("\n"))
    ]
