"""Content cannot bring script into the site, and the site's steps report content mistakes as
`path:line: message`, every one at once, never a traceback: the Markdown check (sitebuild/unsafe_html.py),
the take-away copy's id clashes, and which pages get 'unsafe-eval'. The policy itself is tested in
tests/test_site_security.py."""

import os
import subprocess
import sys

import pytest

from sitebuild.unsafe_html import EVENT_MESSAGE, QUIZ_MESSAGE, SCRIPT_MESSAGE, URL_MESSAGE, problems

from .conftest import DOCS, ROOT, config_in, copy_docs, run_build

UNSAFE_PAGE = """---
title: A page
description: '<script>in front matter, which the templates escape</script>'
---
# A page

Code is shown, not run: `<script>alert(1)</script>`, `<img src=x onerror=alert(1)>`, ``a ` <script>``.

<script>alert(1)</script>

<img src="x.png" onerror="alert(2)">

[click](java&#x09;script:alert(3)) and [fine](https://example.org) and [also fine](evidence.md#wall-test)

!!! note
    Inside <span onmouseover="alert(4)">an admonition</span>.

    ```html
    <script>shown in a fence</script>
    ```

~~~
<img src=x onerror=alert(5)>
~~~

[ref]: JavaScript:alert(6)

A paragraph with an attribute list { onclick="alert(7)" }

<!-- <script>a comment is not rendered</script> -->

<a href="&#106;avascript:alert(8)">x</a> <a href="https://example.org" title="on=1">y</a>

<SCRIPT src="x.js"></SCRIPT>

<mpy-script src="x.py"></mpy-script> <fieldset class="quiz-question" data-quiz-question="q"></fieldset>
"""
UNSAFE_LINES = [
    (9, SCRIPT_MESSAGE % "script"),
    (11, EVENT_MESSAGE % "onerror"),
    (13, URL_MESSAGE % "javascript:"),
    (16, EVENT_MESSAGE % "onmouseover"),
    (26, URL_MESSAGE % "javascript:"),
    (28, EVENT_MESSAGE % "onclick"),
    (32, URL_MESSAGE % "javascript:"),
    (34, SCRIPT_MESSAGE % "script"),
    (36, QUIZ_MESSAGE % "data-quiz-question"),
    (36, SCRIPT_MESSAGE % "mpy-script"),
]


def test_script_in_a_page_is_found_on_its_line_and_code_is_not():
    assert problems(UNSAFE_PAGE) == UNSAFE_LINES


def test_the_site_pages_carry_no_script():
    for path in sorted(DOCS.rglob("*.md")):
        assert problems(path.read_text(encoding="utf-8")) == [], path


@pytest.fixture
def project(tmp_path):
    """A copy of the site's sources to break, with the site's mkdocs.yml."""
    copy_docs(tmp_path / "docs")
    config_in(tmp_path)
    return tmp_path


def sitebuild(*args, cwd):
    """`python -m sitebuild ...` as the README runs it: from the checkout, in the project's folder."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return subprocess.run([sys.executable, "-m", "sitebuild", *args], cwd=cwd, capture_output=True, text=True, env=env)


def expected_lines(path, found):
    return ["%s:%d: %s" % (path, line, message) for line, message in found]


def test_prepare_lists_every_script_in_pages_as_path_line(project):
    (project / "docs" / "unsafe.md").write_text(UNSAFE_PAGE, encoding="utf-8")
    (project / "docs" / "latin1.md").write_bytes("# Page\n\nD\xe9j\xe0 vu\n".encode("latin-1"))
    result = sitebuild("prepare", "docs", cwd=project)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    lines = [
        "docs/latin1.md:3: the file is not UTF-8 text (byte 0xe9 cannot be read, as from an editor saving in"
        " Latin-1 or Windows-1252): save it as UTF-8"
    ]
    lines += expected_lines("docs/unsafe.md", UNSAFE_LINES)
    assert result.stderr.splitlines() == lines + ["%d error(s) in the site's pages" % len(lines)]


def test_mkdocs_build_stops_on_script_in_a_page_with_path_line(project):
    (project / "docs" / "unsafe.md").write_text(UNSAFE_PAGE, encoding="utf-8")
    result = run_build(config=project / "mkdocs.yml", site_dir=project / "site", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output
    for line in expected_lines("docs/unsafe.md", UNSAFE_LINES):
        assert line in output


def test_a_heading_of_evidence_md_that_repeats_an_article_heading_names_both(project):
    article = (DOCS / "unlock-your-ankles.md").read_text(encoding="utf-8").split("\n")
    number, heading = next(
        (number, line) for number, line in enumerate(article, 1) if line.startswith("## Why Ankle Mobility Matters")
    )
    evidence = project / "docs" / "evidence.md"
    text = evidence.read_text(encoding="utf-8").rstrip("\n") + "\n\n## Why Ankle Mobility Matters\n\nMore.\n"
    evidence.write_text(text, encoding="utf-8")
    clash = text.count("\n")
    message = (
        'docs/evidence.md:%d: heading "Why Ankle Mobility Matters" has the id #why-ankle-mobility-matters, as does '
        'heading "Why Ankle Mobility Matters" at docs/unlock-your-ankles.md:%d' % (clash - 2, number)
    )
    assert heading.startswith("## Why Ankle Mobility Matters")
    result = run_build(config=project / "mkdocs.yml", site_dir=project / "site", cwd=project)
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "Traceback" not in output and "TakeawayError" not in output
    assert message in output
    # The same from the command other generators use, on the pages just built.
    finish = sitebuild("finish", "site", cwd=project)
    assert finish.returncode == 1 and "Traceback" not in finish.stderr
    assert finish.stderr.splitlines()[0].startswith(message)


def test_prose_about_the_quiz_markup_gets_no_eval(project):
    about = project / "docs" / "about.md"
    about.write_text(
        about.read_text(encoding="utf-8")
        + '\nA question is a `<fieldset class="quiz-question" data-quiz-question="x">`; the text '
        'data-quiz-question="x" and &lt;fieldset class="quiz-question" data-quiz-question="y"&gt; too.\n',
        encoding="utf-8",
    )
    result = run_build(config=project / "mkdocs.yml", site_dir=project / "site", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    about = (project / "site" / "about.html").read_text(encoding="utf-8")
    quiz = (project / "site" / "quiz.html").read_text(encoding="utf-8")
    assert about.count("data-quiz-question=") == 3
    assert "'unsafe-eval'" not in about and "assets/quiz/" not in about
    assert "'unsafe-eval'" in quiz


def test_finish_checks_the_pages_too_for_a_build_that_skipped_prepare(project):
    result = run_build(config=project / "mkdocs.yml", site_dir=project / "site", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    (project / "docs" / "unsafe.md").write_text(UNSAFE_PAGE, encoding="utf-8")
    finish = sitebuild("finish", "site", cwd=project)
    assert finish.returncode == 1 and "Traceback" not in finish.stderr
    lines = expected_lines("docs/unsafe.md", UNSAFE_LINES)
    assert finish.stderr.splitlines() == lines + ["%d error(s) in the site's pages" % len(lines)]
