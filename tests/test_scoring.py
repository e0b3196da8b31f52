"""The code the browser runs (scoring, saved answers, shuffles), proven on the same vectors under CPython
and under MicroPython, the interpreter the page uses."""

import importlib
import json
import shutil
import subprocess

import pytest

from quiz import scoring, shuffle
from quiz.question_types import TYPE_NAMES

from .conftest import ROOT

# One vector a line, its keys always in this order, so a change to one vector is a one-line diff.
FIELDS = ["name", "module", "call", "args", "expect"]
VECTORS_PATH = ROOT / "tests" / "scoring_vectors.jsonl"
VECTOR_LINES = VECTORS_PATH.read_text(encoding="utf-8").splitlines()
VECTORS = [json.loads(line) for line in VECTOR_LINES]
MODULES = {name: importlib.import_module("quiz." + name) for name in sorted({v["module"] for v in VECTORS})}
IDS = [vector["name"] for vector in VECTORS]


def plain(value):
    """As JSON sees it: MicroPython prints tuples as lists."""
    return json.loads(json.dumps(value))


def test_vector_names_are_unique():
    assert len(set(IDS)) == len(IDS)


def test_vectors_file_is_one_vector_a_line_in_field_order():
    for number, line in enumerate(VECTOR_LINES, 1):
        vector = json.loads(line)
        assert list(vector) == FIELDS, "line %d" % number
        assert line == json.dumps(vector, ensure_ascii=False), "line %d is not one compact JSON object" % number


@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_cpython_matches_vector(vector):
    assert plain(getattr(MODULES[vector["module"]], vector["call"])(*vector["args"])) == vector["expect"]


@pytest.fixture(scope="module")
def micropython_results():
    node = shutil.which("node")
    assert node, "Node.js is needed to run MicroPython outside the browser (sh tools/install-system-deps.sh)"
    run = subprocess.run(
        [node, str(ROOT / "tests" / "micropython" / "run_vectors.mjs"), str(ROOT / "quiz"), str(VECTORS_PATH)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    output = json.loads(run.stdout.strip().splitlines()[-1])
    assert output["implementation"] == "micropython"
    return {result["name"]: result for result in output["results"]}


@pytest.mark.parametrize("vector", VECTORS, ids=IDS)
def test_micropython_matches_vector(vector, micropython_results):
    result = micropython_results[vector["name"]]
    assert "error" not in result, result["error"]
    assert result["value"] == vector["expect"]


def test_vectors_cover_every_public_function_and_type():
    for name, module in MODULES.items():
        public = {
            attr
            for attr in dir(module)
            if not attr.startswith("_")
            and callable(getattr(module, attr))
            and getattr(getattr(module, attr), "__module__", "").endswith(name)
        }
        assert public <= {vector["call"] for vector in VECTORS if vector["module"] == name}, name
    types = {vector["args"][0]["type"] for vector in VECTORS if vector["call"] == "score_question"}
    assert types == set(TYPE_NAMES)


def test_multiple_never_negative_and_never_above_points():
    key = {"id": "m", "type": "multiple", "points": 2, "options": ["1", "2", "3", "4", "5"], "correct": ["2", "5"]}
    for mask in range(32):
        chosen = [str(i + 1) for i in range(5) if mask & (1 << i)]
        result = scoring.score_question(key, chosen)
        assert 0 <= result["earned"] <= result["possible"] == 200


def test_shuffled_is_a_permutation():
    for seed in range(1, 200):
        items = list(range(seed % 9))
        assert sorted(shuffle.shuffled(items, seed)) == items
