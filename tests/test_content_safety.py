"""Content cannot bring script into the site, and the site's steps report content mistakes as
`path:line: message`, every one at once, never a traceback: the Markdown check (sitebuild/unsafe_html.py),
the take-away copy's id clashes, and which pages get 'unsafe-eval'. The policy itself is tested in
tests/test_site_security.py."""

import os
import subprocess
import sys

import pytest

from quiz.page_html import (
    ELSEWHERE_MESSAGE,
    ELSEWHERE_TAGS,
    EVENT_MESSAGE,
    PRINTED_ENTITY_MESSAGE,
    PRINTED_TAG_MESSAGE,
    QUIZ_MESSAGE,
    SCRIPT_MESSAGE,
    URL_MESSAGE,
    problems,
)

from .conftest import DOCS, ROOT, config_in, copy_docs, run_build

UNSAFE_PAGE = """---
title: A page
description: '<script>in front matter, which the theme prints as HTML</script>'
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
    (3, PRINTED_TAG_MESSAGE % ("description", "<script>")),
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


ELSEWHERE_PAGE = """# A page

<meta http-equiv="refresh" content="0;url=https://example.org/">

Text <BASE href="https://example.org/"> and <iframe src="https://example.org/"></iframe>.

<object data="x.swf"></object><embed src="x.swf">

<form action="https://example.org/collect"><input name="q"></form>

<link rel="stylesheet" href="https://example.org/x.css">

Shown as code: `<meta http-equiv="refresh">`, and these are other elements: <metadata>, <linked>, <formula>.

```html
<iframe src="https://example.org/"></iframe>
```

<!-- <form action="https://example.org/"> -->
"""


def elsewhere(tag):
    return ELSEWHERE_MESSAGE % (tag, ELSEWHERE_TAGS[tag])


def test_markup_that_sends_the_reader_elsewhere_is_refused_on_its_line():
    assert problems(ELSEWHERE_PAGE) == sorted(
        [
            (3, elsewhere("meta")),
            (5, elsewhere("base")),
            (5, elsewhere("iframe")),
            (7, elsewhere("object")),
            (7, elsewhere("embed")),
            (9, elsewhere("form")),
            (11, elsewhere("link")),
        ]
    )


@pytest.mark.parametrize(
    "front, found",
    [
        ("title: A <b>bold</b> title", [(2, PRINTED_TAG_MESSAGE % ("title", "<b>"))]),
        ("title: Plain\ndescription: ends </p>", [(3, PRINTED_TAG_MESSAGE % ("description", "</p>"))]),
        ("description: '&lt;img src=x onerror=alert(1)&gt;'", [(2, PRINTED_ENTITY_MESSAGE % "description")]),
        ("title: 'Fish &#60;script&#62;'", [(2, PRINTED_ENTITY_MESSAGE % "title")]),
        ("title: Knees < hips, and A & B", []),
        ("title: 3", []),
        ("summary: <b>not printed by the theme</b>", []),
    ],
)
def test_markup_in_the_printed_front_matter_is_refused(front, found):
    assert problems("---\n%s\n---\n\n# Page\n" % front) == found


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


def test_the_quiz_check_refuses_what_prepare_refuses(project):
    (project / "docs" / "unsafe.md").write_text(UNSAFE_PAGE, encoding="utf-8")
    (project / "docs" / "elsewhere.md").write_text(ELSEWHERE_PAGE, encoding="utf-8")
    prepared = sitebuild("prepare", "docs", cwd=project)
    checked = subprocess.run(
        [sys.executable, "-m", "quiz", "check", "docs"], cwd=project, capture_output=True, text=True
    )
    assert prepared.returncode == checked.returncode == 1
    listed = prepared.stderr.splitlines()[:-1]
    assert len(listed) == len(UNSAFE_LINES) + 7
    assert checked.stderr.splitlines()[:-1] == listed
    # A site that wants raw HTML in its pages leaves the page check off (the default) for the quiz plugin.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("      check_pages: true\n", ""), encoding="utf-8")
    assert "check_pages" not in config.read_text(encoding="utf-8")
    unchecked = subprocess.run(
        [sys.executable, "-m", "quiz", "check", "docs"], cwd=project, capture_output=True, text=True
    )
    assert unchecked.returncode == 0, unchecked.stderr


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
