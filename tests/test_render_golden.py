"""Golden files for rendering, in the pymdown-extensions style: tests/quiz_format/render/TYPE.md is a page with
one question of that type, TYPE.html the exact HTML the ```quiz fence makes of it (outside MkDocs, English).
A change to the markup shows as a diff here. After an intended change, rewrite the expected files with
`QUIZ_GOLDEN=update .venv/bin/python -m pytest tests/test_render_golden.py` and review the diff."""

import os
from pathlib import Path

import markdown
import pytest

from quiz import fence
from quiz.browser.question_types import TYPE_NAMES

FOLDER = Path(__file__).parent / "quiz_format" / "render"


def render(source):
    fence.use_language("en")
    return markdown.markdown(
        source,
        extensions=["pymdownx.superfences"],
        extension_configs={
            "pymdownx.superfences": {
                "custom_fences": [{"name": "quiz", "class": "quiz", "format": fence.format_quiz}],
            }
        },
    )


def test_every_type_has_a_golden_file():
    assert sorted(path.stem for path in FOLDER.glob("*.md")) == sorted(TYPE_NAMES)


@pytest.mark.parametrize("name", TYPE_NAMES)
def test_rendering_matches_the_golden_file(name):
    source = (FOLDER / (name + ".md")).read_text(encoding="utf-8")
    expected_path = FOLDER / (name + ".html")
    html = render(source) + "\n"
    if os.environ.get("QUIZ_GOLDEN") == "update":
        expected_path.write_text(html, encoding="utf-8")
    assert expected_path.exists(), "no golden file %s: run with QUIZ_GOLDEN=update once" % expected_path.name
    assert html == expected_path.read_text(encoding="utf-8")
