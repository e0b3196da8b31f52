"""The ```quiz authoring format: every mistake reported with its line, valid questions round-trip.

Golden files in the pymdown-extensions style: tests/quiz_format/malformed/NAME.md holds a page with
mistakes, NAME.errors the exact `line: message` lines a contributor must see for it.
"""

import json
import os
import re
import shutil
import subprocess
import sys
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quiz import strings as catalogue
from quiz.blocks import extensions_of
from quiz.browser import scoring
from quiz.browser.question_types import TYPE_NAMES
from quiz.check import check_docs
from quiz.mkdocs_yml import read_config
from quiz.page import PageError
from quiz.page import settings as page_settings
from quiz.parse import parse_question
from quiz.render import json_for_script, render_question
from quiz.source import fences

from .conftest import DOCS, ROOT, config_in, copy_docs, run_build

FORMAT_DIR = Path(__file__).parent / "quiz_format"
CASES = sorted(FORMAT_DIR.joinpath("malformed").glob("*.md"))
STRINGS = catalogue.load("en")


# The site's own Markdown extensions: a case finds its quiz blocks as this site's build would.
SITE_EXTENSIONS = extensions_of(read_config(str(ROOT / "mkdocs.yml")))


def check_case(tmp_path, source, monkeypatch):
    shutil.copy(FORMAT_DIR / "page.md", tmp_path / "page.md")
    shutil.copy(source, tmp_path / "case.md")
    monkeypatch.chdir(tmp_path)
    _, issues = check_docs(".", SITE_EXTENSIONS)
    return issues


def test_corpus_is_large_enough():
    assert len(CASES) >= 130


@pytest.mark.parametrize("case", CASES, ids=[case.stem for case in CASES])
def test_malformed_case_reports_exact_lines(case, tmp_path, monkeypatch):
    expected = case.with_suffix(".errors").read_text(encoding="utf-8").splitlines()
    issues = check_case(tmp_path, case, monkeypatch)
    assert all(issue.path == "case.md" for issue in issues)
    assert ["%d: %s" % (issue.line, issue.message) for issue in issues] == expected
    assert expected, "every malformed case must produce at least one error"


def test_site_questions_are_valid():
    questions, issues = check_docs(str(DOCS), SITE_EXTENSIONS)
    assert issues == []
    assert sum(len(found) for found in questions.values()) >= 8


def test_cli_lists_every_error_as_path_line_message(tmp_path):
    shutil.copy(FORMAT_DIR / "page.md", tmp_path / "page.md")
    shutil.copy(FORMAT_DIR / "malformed" / "every-error-at-once.md", tmp_path / "broken.md")
    shutil.copy(FORMAT_DIR / "malformed" / "missing-id.md", tmp_path / "second.md")
    os.utime(tmp_path / "broken.md", ns=(1, 1))
    run = subprocess.run(
        [sys.executable, "-m", "quiz", "check", str(tmp_path), "--config", str(ROOT / "mkdocs.yml")],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert run.returncode == 1
    lines = run.stderr.strip().splitlines()
    assert lines[-1] == "10 error(s) in quiz blocks or page markup"
    assert lines[0] == "broken.md:2: id 'Bad Id' must be lowercase letters, digits and single hyphens"
    assert "second.md:2: missing key 'id'" in lines
    # Both pages use the default quiz id; outside git, the page written last is blamed, the other named.
    assert lines[-3].startswith("second.md:1: quiz id 'self-check' is also used at broken.md:1: ")
    assert "Traceback" not in run.stderr


def test_cli_passes_on_the_site():
    run = subprocess.run([sys.executable, "-m", "quiz", "check", "docs"], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "no errors" in run.stdout


def test_mkdocs_build_fails_listing_every_error(tmp_path):
    docs = tmp_path / "docs"
    copy_docs(docs)
    broken = FORMAT_DIR / "malformed" / "every-error-at-once.md"
    (docs / "broken.md").write_text(broken.read_text(encoding="utf-8"), encoding="utf-8")
    (docs / "page.md").write_text((FORMAT_DIR / "page.md").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_build(config=config_in(tmp_path), cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/broken.md:2: id 'Bad Id'" in output
    assert "docs/broken.md:11: option box [?] is not valid" in output
    # broken.md, written last, reuses the default quiz id of quiz.md.
    assert "docs/broken.md:1: quiz id 'self-check' is also used at docs/quiz.md:" in output
    assert "the pages have 9 error(s) in quiz blocks or markup" in output
    assert "Traceback" not in output


ISSUE_LINE_RE = re.compile(r"^docs/\S+:\d+: .*$", re.M)


def test_the_build_and_the_check_report_the_same_for_every_case(tmp_path):
    """Every malformed case in one docs folder: `mkdocs build --strict` stops listing exactly the lines
    `python -m quiz check` lists, each as path:line, and neither shows a traceback."""
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(FORMAT_DIR / "page.md", docs / "page.md")
    for case in CASES:
        shutil.copy(case, docs / case.name)
    config = config_in(tmp_path)
    check = subprocess.run(
        [sys.executable, "-m", "quiz", "check", "docs", "--config", str(config)],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    build = run_build(config=config, site_dir=tmp_path / "site", cwd=tmp_path)
    built = build.stdout + build.stderr
    assert check.returncode == 1 and build.returncode != 0
    assert "Traceback" not in check.stderr + built
    checked = ISSUE_LINE_RE.findall(check.stderr)
    assert {line.split(":", 1)[0] for line in checked} >= {"docs/%s" % case.name for case in CASES}
    assert ISSUE_LINE_RE.findall(built) == checked


def test_score_bands_reach_the_page_settings_highest_first():
    bands = [{"from": 0, "text": " Read it again. "}, {"from": 80, "text": "Well done."}, {"from": 50.5, "text": "OK."}]
    found = page_settings(STRINGS, {"quiz_score_bands": {"self-check": bands}}, "quiz.html")["score_bands"]
    assert found == {"self-check": [[80, "Well done."], [50.5, "OK."], [0, "Read it again."]]}
    assert page_settings(STRINGS, {}, "quiz.html")["score_bands"] == {}
    for wrong in ({"self-check": [{"from": 120, "text": "Too high."}]}, {"self-check": "Well done."}, ["x"]):
        with pytest.raises(PageError):
            page_settings(STRINGS, {"quiz_score_bands": wrong}, "quiz.html")


def test_site_quizzes_have_score_bands():
    from mkdocs.utils.meta import get_data

    meta = get_data((DOCS / "quiz.md").read_text(encoding="utf-8"))[1]
    bands = page_settings(STRINGS, meta, "quiz.html")["score_bands"]
    assert set(bands) == {"self-check", "safety"}
    assert all(listed[-1][0] == 0 for listed in bands.values())


def test_nested_fences_are_not_quizzes():
    text = "````markdown\n```quiz\nid: x\n```\n````\n\n```quiz\nid: y\n```\n"
    found = fences(text)
    assert [(fence.info, fence.line) for fence in found] == [("markdown", 1), ("quiz", 7)]


HOSTILE = '<img src=x onerror="window.hacked=1">'


def test_hostile_text_renders_as_text():
    lines = (
        "id: hostile\ntype: single\nsee: page.md#a\n\nWhich *one*? %s\n\n- [x] Yes %s\n    > Note %s\n- [ ] No\n\n"
        "Because </script><script>window.hacked=1</script> [link](javascript:alert(1))." % ((HOSTILE,) * 3)
    )
    question, issues = parse_question(lines.split("\n"), 1)
    assert [issue.message for issue in issues] == [
        "raw HTML is not allowed in question text; write Markdown instead",
        "raw HTML is not allowed in option text; write Markdown instead",
        "raw HTML is not allowed in option feedback; write Markdown instead",
        "raw HTML is not allowed in the explanation; write Markdown instead",
        "javascript: and data: URLs are not allowed in the explanation",
    ]
    # Even if a check were bypassed, rendering escapes it.
    html = render_question(question, "../page/#a", "A <b>section</b>", STRINGS)
    assert "<img" not in html and "<script>window" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=" in html
    assert "javascript:" not in html
    assert "<em>one</em>" in html


def test_addresses_to_other_hosts_are_not_rendered_even_unchecked():
    lines = (
        "id: hosts\ntype: single\nsee: page.md#a\n\nWhich? ![a](//host.example/a.png) ![b](/\\host.example/b.png)\n\n"
        "- [x] [c](//host.example/c) [d](http://host.example/d)\n- [ ] [e](java&#x09;script:alert(1))\n\n"
        "Because ![f][ref] and [g](https://example.org/g).\n\n[ref]: \\\\host.example/f.png"
    )
    question, issues = parse_question(lines.split("\n"), 1)
    assert len(issues) == 6
    html = render_question(question, "../page/#a", "A", STRINGS)
    addresses = re.findall(r'(?:href|src)="([^"]*)"', html)
    assert set(addresses) == {"#", "https://example.org/g", "../page/#a"}


def test_html_in_a_code_span_is_text_not_a_mistake():
    lines = (
        "id: spans\ntype: single\nsee: page.md#a\n\nWhat does `<img src=x>` show?\n\n- [x] Text\n- [ ] A picture\n\nB."
    )
    question, issues = parse_question(lines.split("\n"), 1)
    assert issues == []
    assert "<code>&lt;img src=x&gt;</code>" in render_question(question, "../page/#a", "A", STRINGS)


def test_answer_key_json_cannot_close_script():
    text = json_for_script({"id": "</script><!--", "amp": "&"})
    assert "<" not in text and ">" not in text and "&" not in text


# Property: any valid question of any type survives parse -> render -> score, the right answer scores full
# marks, and a wrong one scores nothing.
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
sentences = st.lists(words, min_size=1, max_size=6).map(" ".join)
distinct = lambda size: st.lists(sentences, min_size=2, max_size=size, unique_by=lambda t: " ".join(t.split()).lower())


@st.composite
def valid_questions(draw):
    kind = draw(st.sampled_from(TYPE_NAMES))
    points = draw(st.integers(1, 5))
    lines = ["id: q-%s" % draw(words), "type: %s" % kind, "see: page.md#a", "points: %d" % points]
    if draw(st.booleans()):
        lines.append("hint: %s" % draw(sentences))
    lines += ["", draw(sentences) + "?", ""]
    right, wrong = None, None
    if kind in ("single", "multiple", "truefalse"):
        texts = draw(distinct(2 if kind == "truefalse" else 6))
        if kind == "multiple":
            correct = set(draw(st.lists(st.integers(0, len(texts) - 1), min_size=1, unique=True)))
        else:
            correct = {draw(st.integers(0, len(texts) - 1))}
        for index, text in enumerate(texts):
            lines.append("- [%s] %s" % ("x" if index in correct else " ", text))
        right = lambda q: q.correct_keys
        wrong = lambda q: [o.key for o in q.options if not o.correct]
    elif kind == "fill":
        accepted = draw(distinct(4))
        lines.append("= " + " | ".join(accepted))
        right = lambda q: "  " + accepted[-1].upper() + " "
        wrong = lambda q: "0"
    elif kind == "numeric":
        value = draw(st.integers(-1000, 1000)) / 10
        tolerance = draw(st.integers(0, 50)) / 10
        unit = draw(st.sampled_from(["", "cm", "degrees"]))
        lines.append(("= %s +- %s %s" % (value, tolerance, unit)).strip())
        right = lambda q: ("%s %s" % (value + tolerance / 2, unit)).strip()
        wrong = lambda q: str(value + tolerance + 1)
    elif kind == "order":
        steps = draw(distinct(6))
        lines += ["%d. %s" % (index + 1, step) for index, step in enumerate(steps)]
        right = lambda q: {s.key: str(i + 1) for i, s in enumerate(q.steps)}
        wrong = lambda q: {s.key: str((i + 1) % len(q.steps) + 1) for i, s in enumerate(q.steps)}
    elif kind == "cloze":
        gaps = draw(
            st.lists(st.one_of(distinct(3), distinct(4).map(lambda texts: [None, *texts])), min_size=1, max_size=4)
        )
        passage, typed = [], []
        for gap in gaps:
            if gap[0] is None:
                choices = gap[1:]
                passage.append(
                    draw(sentences)
                    + " {{%s}}"
                    % " | ".join("[%s] %s" % ("x" if index == 0 else " ", text) for index, text in enumerate(choices))
                )
                typed.append(None)
            else:
                passage.append(draw(sentences) + " {{%s}}" % " | ".join(gap))
                typed.append(gap[-1])
        lines.append(" ".join(passage) + ".")

        def right(q):
            return {
                g.key: (typed[i].upper() if typed[i] else next(o.key for o in g.options if o.correct))
                for i, g in enumerate(q.gaps)
            }

        def wrong(q):
            return {
                g.key: ("0" if typed[i] else next(o.key for o in g.options if not o.correct))
                for i, g in enumerate(q.gaps)
            }
    else:
        lefts = draw(distinct(5))
        rights = draw(
            st.lists(
                sentences, min_size=len(lefts), max_size=len(lefts), unique_by=lambda t: " ".join(t.split()).lower()
            )
        )
        lines += ["- %s -> %s" % pair for pair in zip(lefts, rights)]
        right = lambda q: {p.key: p.right_key for p in q.pairs}
        wrong = lambda q: {p.key: q.pairs[(i + 1) % len(q.pairs)].right_key for i, p in enumerate(q.pairs)}
    lines += ["", draw(sentences) + "."]
    return lines, kind, points, right, wrong


@settings(max_examples=300, deadline=None)
@given(valid_questions())
def test_valid_questions_round_trip(generated):
    lines, kind, points, right, wrong = generated
    question, issues = parse_question(lines, 1)
    assert issues == []
    assert question.type == kind and question.points == points
    html = render_question(question, "../page/#a", "A", STRINGS)
    assert html.count("<fieldset") == 1 and "<legend" in html
    key = json.loads(unescape(re.search(r'data-quiz-key="([^"]*)"', html).group(1)))
    assert key == question.answer_key()
    assert scoring.score_question(key, right(question))["earned"] == points * 100
    if kind != "multiple" or len(question.correct_keys) < len(question.options):
        assert scoring.score_question(key, wrong(question))["verdict"] == "incorrect"
