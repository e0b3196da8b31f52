"""The question types, one row each: the table that parsing, rendering, scoring, saved answers and the browser
read. Adding a type means a row here, a parser, a renderer, a scorer and their tests (see quiz/README.md).

Runs unchanged in CPython (build, tests) and MicroPython (the browser): plain tuples, no imports but
namedtuple.

Columns:
- name: what a contributor writes after `type:`.
- family: how the browser reads an answer, and the answer's shape.
    choice  a list of the chosen option keys;
    text    the text typed in the one box;
    parts   {part key: value}, one control per part (a step's place, an item's match, a gap's text or choice).
- control: the form control of each answer: radio, checkbox, text, number, select, or gaps (text boxes and
  drop-downs inside a passage).
- lines: which answer lines the parser reads after the question: option, answer, step, pair, or gaps (the
  passage itself).
- hint: the key, in the strings catalogue (quiz/strings/), of the instruction shown under the question.
- syntax: the answer lines, for messages and documentation.
- fields: the answer key the page embeds for scoring. Every key has "id" (str), "type" (str) and "points"
  (int), plus these (name, shape):
    keys    a list of short stable keys (strings) of options, steps or items;
    texts   a list of answers as normalised text (see scoring.normalise_text);
    number  a float;
    text    a string;
    pairs   a list of [item key, partner key];
    gaps    a list of gaps, each {"key": str, "accepted": texts} (typed) or
            {"key": str, "options": keys, "correct": str} (chosen from a drop-down).
  tests/test_question_types.py checks every key parse.py emits against this column.

Beside its type's fields, a key may carry the optional fields in OPTIONAL_FIELDS, for any type that takes them:
    typos   count  edits a typed answer may be from an accepted one (fill, cloze; typos.py);
    hints   count  hints revealed one after each wrong try (`hints:`; tries.py);
    penalty fraction  the share of the points each try after the first takes away, [numerator, denominator];
  written only when the question (or, for typos, its page) sets them.
"""

from collections import namedtuple

QuestionType = namedtuple("QuestionType", "name family control lines hint syntax fields")

CHOICE = "choice"
TEXT = "text"
PARTS = "parts"

TYPES = (
    QuestionType(
        "single",
        CHOICE,
        "radio",
        "option",
        "hint.choose_one",
        "options `- [x] right` / `- [ ] wrong`",
        (("options", "keys"), ("correct", "keys")),
    ),
    QuestionType(
        "multiple",
        CHOICE,
        "checkbox",
        "option",
        "hint.choose_all",
        "options `- [x] right` / `- [ ] wrong`",
        (("options", "keys"), ("correct", "keys")),
    ),
    QuestionType(
        "truefalse",
        CHOICE,
        "radio",
        "option",
        "hint.choose_one",
        "two options, `- [x] True` / `- [ ] False`",
        (("options", "keys"), ("correct", "keys")),
    ),
    QuestionType(
        "fill",
        TEXT,
        "text",
        "answer",
        "hint.type_answer",
        "one answer line `= answer | other accepted answer`",
        (("accepted", "texts"),),
    ),
    QuestionType(
        "numeric",
        TEXT,
        "number",
        "answer",
        "hint.type_number",
        "one answer line `= 10 +- 1 cm`",
        (("value", "number"), ("tolerance", "number"), ("unit", "text")),
    ),
    QuestionType(
        "order",
        PARTS,
        "select",
        "step",
        "hint.order",
        "numbered steps `1. first step` in the right order",
        (("steps", "keys"),),
    ),
    QuestionType(
        "match",
        PARTS,
        "select",
        "pair",
        "hint.match",
        "pairs `- item -> its match`",
        (("pairs", "pairs"),),
    ),
    QuestionType(
        "cloze",
        PARTS,
        "gaps",
        "gaps",
        "hint.cloze",
        "a passage with gaps `{{answer | other answer}}` or `{{[x] right | [ ] wrong}}`",
        (("gaps", "gaps"),),
    ),
)

TYPE_NAMES = tuple(row.name for row in TYPES)

# (name, shape) of the fields any answer key may carry (see the docstring).
OPTIONAL_FIELDS = (("typos", "count"), ("hints", "count"), ("penalty", "fraction"))


def get(name):
    """The row of a type, or None for a name that is not a type."""
    for row in TYPES:
        if row.name == name:
            return row
    return None


def family(name):
    row = get(name)
    return row.family if row else None


def names_in(family_name):
    return tuple(row.name for row in TYPES if row.family == family_name)
