"""The types table (quiz/browser/question_types.py) is the one description of each type: its answer-key shape is what
parse.py emits, and every type has a parser, renderer, scorer and test driver in tables keyed by its name."""

import json
import re
from pathlib import Path

import pytest

from harness import quiz_driver
from quiz import parse, render
from quiz.browser import scoring
from quiz.browser.question_types import CHOICE, OPTIONAL_FIELDS, PARTS, TEXT, TYPE_NAMES, TYPES, get, names_in
from quiz.source import fences

GOLDEN = Path(__file__).parent / "quiz_format" / "render"


def parsed(name):
    fence = fences((GOLDEN / (name + ".md")).read_text(encoding="utf-8"))[0]
    question, issues = parse.parse_question(fence.body, fence.body_line)
    assert issues == []
    return question


def is_keys(value):
    return isinstance(value, list) and all(isinstance(item, str) and item for item in value)


SHAPES = {
    "count": lambda value: isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 99,
    "fraction": lambda value: isinstance(value, list) and len(value) == 2 and 0 < value[0] <= value[1],
    "keys": is_keys,
    "texts": lambda value: is_keys(value) and all(item == scoring.normalise_text(item) for item in value),
    "number": lambda value: isinstance(value, float),
    "text": lambda value: isinstance(value, str),
    "pairs": lambda value: isinstance(value, list) and all(is_keys(pair) and len(pair) == 2 for pair in value),
    "gaps": lambda value: (
        isinstance(value, list)
        and all(
            (set(gap) == {"key", "accepted"} and SHAPES["texts"](gap["accepted"]))
            or (
                set(gap) == {"key", "options", "correct"}
                and is_keys(gap["options"])
                and gap["correct"] in gap["options"]
            )
            for gap in value
        )
    ),
}


@pytest.mark.parametrize("row", TYPES, ids=TYPE_NAMES)
def test_answer_key_has_exactly_the_documented_fields(row):
    key = parsed(row.name).answer_key()
    fields = dict(row.fields)
    assert set(key) == {"id", "type", "points"} | set(fields)
    assert key["type"] == row.name and isinstance(key["id"], str) and isinstance(key["points"], int)
    for name, shape in fields.items():
        assert SHAPES[shape](key[name]), (name, key[name])


@pytest.mark.parametrize("name", ["fill", "cloze"])
def test_optional_fields_are_written_when_set_in_their_shape(name):
    question = parsed(name)
    plain = question.answer_key()
    assert not set(plain) & {field for field, _ in OPTIONAL_FIELDS}
    question.typos = 2
    question.hints = ["First.", "Second."]
    question.penalty = [1, 3]
    key = question.answer_key()
    assert set(key) - set(plain) == {field for field, _ in OPTIONAL_FIELDS}
    for field, shape in OPTIONAL_FIELDS:
        assert SHAPES[shape](key[field]), field
    assert key["hints"] == 2


def test_rows_are_complete_and_known():
    assert len(set(TYPE_NAMES)) == len(TYPES)
    for row in TYPES:
        assert row.family in (CHOICE, TEXT, PARTS)
        assert row.control in ("radio", "checkbox", "text", "number", "select", "gaps")
        assert row.lines in ("option", "answer", "step", "pair", "gaps")
        assert row.hint.startswith("hint.") and row.syntax
        assert all(shape in SHAPES for _, shape in row.fields)
    assert get("essay") is None


def test_every_table_by_type_names_each_type_once():
    """Each job a type has is one table keyed by type name; a type missing from one (or a name that is no
    type) fails here, not by falling into another type's branch."""
    types = set(TYPE_NAMES)
    assert set(parse.ANSWER_KEYS) == set(parse._Parser.CHECKS) == types
    assert set(parse._Parser.READERS) >= {row.lines for row in TYPES} - {"gaps"}
    assert set(render.CONTROLS) == set(render.ANSWERS) == types
    assert set(scoring.SCORERS) == set(names_in(CHOICE) + names_in(TEXT))
    assert set(scoring.PART_RESULTS) == set(scoring.PART_CHOICES) == set(names_in(PARTS))
    assert set(quiz_driver.ANSWERERS) == types


@pytest.mark.parametrize("name", TYPE_NAMES)
def test_right_answers_from_the_key_score_full_marks(name):
    """Each family's answer shape, built from the key alone as the browser would, scores as documented."""
    key = parsed(name).answer_key()
    family = get(name).family
    if family == CHOICE:
        answer = key["correct"]
    elif family == TEXT:
        answer = key["accepted"][0] if name == "fill" else "%g %s" % (key["value"], key["unit"])
    else:
        answer = {part: right for part, _, right in scoring.part_results(key, {})}
    result = scoring.score_question(key, answer)
    assert result["earned"] == result["possible"] == key["points"] * 100


ROOT = Path(__file__).resolve().parent.parent
CHECKLIST_RE = re.compile(r"<!-- type-checklist -->(.*?)<!-- /type-checklist -->", re.S)


def checklist():
    """The files quiz/README.md says a new type touches, in its order."""
    text = (ROOT / "quiz" / "README.md").read_text(encoding="utf-8")
    return re.findall(r"^- `([^`]+)`", CHECKLIST_RE.search(text).group(1), re.M)


def _in_catalogues(name):
    return all(get(name).hint in json.loads(path.read_text(encoding="utf-8")) for path in STRINGS.glob("*.json"))


def _vectors_score(name):
    vectors = [json.loads(line) for line in (ROOT / "tests" / "scoring_vectors.jsonl").open(encoding="utf-8")]
    return any(v["call"] == "score_question" and v["args"][0].get("type") == name for v in vectors)


def _malformed_case(name):
    cases = (ROOT / "tests" / "quiz_format" / "malformed").glob("*.md")
    return any(re.search(r"^type: %s$" % name, path.read_text(encoding="latin-1"), re.M) for path in cases)


def _golden(name):
    return all((GOLDEN / (name + suffix)).is_file() for suffix in (".md", ".html"))


def _documented(name):
    return "\n### `%s`" % name in (ROOT / "quiz" / "README.md").read_text(encoding="utf-8")


def _scored(name):
    if get(name).family == PARTS:
        return name in scoring.PART_RESULTS and name in scoring.PART_CHOICES
    return name in scoring.SCORERS


STRINGS = ROOT / "quiz" / "strings"
# What each checklist entry asks of a type, by the entry's path.
TOUCHES = {
    "quiz/browser/question_types.py": lambda name: get(name) is not None,
    "quiz/parse.py": lambda name: name in parse.ANSWER_KEYS and name in parse._Parser.CHECKS,
    "quiz/render.py": lambda name: name in render.CONTROLS and name in render.ANSWERS,
    "quiz/browser/scoring.py": _scored,
    "quiz/strings/en.json": _in_catalogues,
    "harness/quiz_driver.py": lambda name: name in quiz_driver.ANSWERERS,
    "tests/quiz_format/render/": _golden,
    "tests/scoring_vectors.jsonl": _vectors_score,
    "tests/quiz_format/malformed/": _malformed_case,
    "quiz/README.md": _documented,
}


def test_the_checklist_names_every_file_a_type_touches():
    assert checklist() == list(TOUCHES)
    assert all((ROOT / path).exists() for path in TOUCHES)


@pytest.mark.parametrize("name", TYPE_NAMES)
def test_every_type_has_every_file_of_the_checklist(name):
    assert [path for path, has in TOUCHES.items() if not has(name)] == []
