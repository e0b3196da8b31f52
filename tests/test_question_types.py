"""The types table (quiz/question_types.py) is the one description of each type: its answer-key shape is what
parse.py emits, and every type has a parser, renderer and scorer that the table's names find."""

from pathlib import Path

import pytest

from quiz import parse, render
from quiz.browser import scoring
from quiz.browser.question_types import CHOICE, PARTS, TEXT, TYPE_NAMES, TYPES, get
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


def test_rows_are_complete_and_known():
    assert len(set(TYPE_NAMES)) == len(TYPES)
    for row in TYPES:
        assert row.family in (CHOICE, TEXT, PARTS)
        assert row.control in ("radio", "checkbox", "text", "number", "select", "gaps")
        assert row.lines in ("option", "answer", "step", "pair", "gaps")
        assert row.hint.startswith("hint.") and row.syntax
        assert all(shape in SHAPES for _, shape in row.fields)
    assert get("essay") is None


@pytest.mark.parametrize("name", TYPE_NAMES)
def test_every_type_has_its_parser_renderer_and_scorer(name):
    family = get(name).family
    assert callable(getattr(parse, "_key_" + name))
    assert callable(getattr(parse._Parser, "check_" + name))
    assert callable(getattr(render, "_controls_" + name)) and callable(getattr(render, "_answer_" + name))
    if family == PARTS:
        assert callable(getattr(scoring, "_parts_" + name)) and callable(getattr(scoring, "_choices_" + name))
    else:
        assert callable(getattr(scoring, "_score_" + name))


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
