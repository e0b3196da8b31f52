"""The code the browser runs (scoring, saved answers, shuffles), proven on the same vectors under CPython
and under MicroPython, the interpreter the page uses."""

import importlib
import json
import runpy
import shutil
import subprocess
import sys

import pytest

from quiz.browser import scoring, shuffle
from quiz.browser.question_types import TYPE_NAMES

from .conftest import ROOT

# One vector a line, its keys always in this order, so a change to one vector is a one-line diff.
FIELDS = ["name", "module", "call", "args", "expect"]
VECTORS_PATH = ROOT / "tests" / "scoring_vectors.jsonl"
VECTOR_LINES = VECTORS_PATH.read_text(encoding="utf-8").splitlines()
VECTORS = [json.loads(line) for line in VECTOR_LINES]
MODULES = {name: importlib.import_module("quiz.browser." + name) for name in sorted({v["module"] for v in VECTORS})}
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


def run_micropython(vectors_path):
    node = shutil.which("node")
    assert node, "Node.js is needed to run MicroPython outside the browser (sh tools/install-system-deps.sh)"
    run = subprocess.run(
        [
            node,
            str(ROOT / "tests" / "micropython" / "run_vectors.mjs"),
            str(ROOT / "quiz" / "browser"),
            str(vectors_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    # Split at newlines only: a result may hold other line separators (U+2028, U+0085).
    output = json.loads(run.stdout.strip().split("\n")[-1])
    assert output["implementation"] == "micropython"
    return {result["name"]: result for result in output["results"]}


@pytest.fixture(scope="module")
def micropython_results():
    return run_micropython(VECTORS_PATH)


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


def test_casefold_table_is_current():
    """quiz/browser/casefold.py is what tools/make_casefold.py makes from this Python's Unicode data: after a Python
    upgrade that moves it, run `.venv/bin/python tools/make_casefold.py` and commit the result."""
    made = runpy.run_path(str(ROOT / "tools" / "make_casefold.py"))["source"]()
    assert (ROOT / "quiz" / "browser" / "casefold.py").read_text(encoding="utf-8") == made, "run tools/make_casefold.py"


# Every code point but the surrogates, which UTF-8 (and so JSON in a file) cannot carry.
EVERY_CHARACTER = "".join(chr(code) for code in range(sys.maxunicode + 1) if not 0xD800 <= code <= 0xDFFF)


def folds(code):
    return chr(code).casefold() != chr(code)


def test_fold_case_is_str_casefold():
    assert scoring.fold_case(EVERY_CHARACTER) == EVERY_CHARACTER.casefold()


def test_micropython_folds_as_cpython(tmp_path):
    # The Basic Multilingual Plane, and the rest of the table with each entry's neighbours: all of Unicode
    # takes MicroPython over two minutes.
    beyond = {code + step for code in range(0x10000, sys.maxunicode + 1) for step in (-1, 0, 1) if folds(code)}
    text = EVERY_CHARACTER[: 0x10000 - 0x800] + "".join(chr(code) for code in sorted(beyond))
    vector = {"name": "every character", "module": "scoring", "call": "fold_case", "args": [text]}
    path = tmp_path / "every_character.jsonl"
    path.write_text(json.dumps(vector, ensure_ascii=False) + "\n", encoding="utf-8")
    result = run_micropython(path)["every character"]
    assert "error" not in result, result["error"]
    assert result["value"] == text.casefold()


def test_white_space_is_what_python_calls_white_space():
    # The browser cannot ask str.isspace() (MicroPython knows ASCII only), so the list is written out.
    assert set(scoring._SPACES) == {char for char in EVERY_CHARACTER if char.isspace()}
