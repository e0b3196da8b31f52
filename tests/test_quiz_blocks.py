"""`quiz check` finds exactly the quiz blocks the build renders, wherever Markdown puts a fence, on the file's
own line; and clashes between pages are reported on the page that brought them, naming both places."""

import os
import subprocess
import sys

import markdown
import pytest
from mkdocs.utils.meta import get_data

from quiz.blocks import extensions_of
from quiz.check import check_docs
from quiz.fence import format_quiz
from quiz.mkdocs_yml import read_config

from .conftest import ROOT, config_in, copy_docs, run_build

SITE = extensions_of(read_config(str(ROOT / "mkdocs.yml")))
WITH_TABS = (SITE[0] + ["pymdownx.tabbed"], SITE[1])
TARGET = "# Target\n\n## First section\n"
BODY = "id: %s\ntype: single\nsee: target.md#first-section\n\nQuestion?\n\n- [x] A\n- [ ] B\n\nBecause.\n"


def quiz(question_id, fence="```", info="quiz", prefix=""):
    lines = ["%s%s" % (fence, info), *(BODY % question_id).rstrip("\n").split("\n"), fence]
    return "\n".join((prefix + line).rstrip() if line else prefix.rstrip() for line in lines) + "\n"


# name: (page, line of the opening fence, extensions)
FOUND = {
    "top level": (quiz("top"), 1, SITE),
    "tilde fence": (quiz("tilde", fence="~~~"), 1, SITE),
    "attribute-list fence": ("Intro.\n\n" + quiz("attrs", info="{.quiz}"), 3, SITE),
    "longer fence": (quiz("longer", fence="````"), 1, SITE),
    "admonition": ('!!! note "Check"\n\n' + quiz("note", prefix="    "), 3, SITE),
    "details": ('??? question "Check"\n\n' + quiz("details", prefix="    "), 3, SITE),
    "list item": ("1. Read.\n2. Answer:\n\n" + quiz("listed", prefix="    "), 4, SITE),
    "block quote": ("> Quoted:\n>\n" + quiz("quoted", prefix="> "), 3, SITE),
    "admonition in a block quote": ("> !!! note\n>\n" + quiz("deep", prefix=">     "), 3, SITE),
    "content tab": ('=== "Quiz"\n\n' + quiz("tabbed", prefix="    "), 3, WITH_TABS),
    "html block with markdown": ('<div markdown="1">\n\n' + quiz("in-div") + "\n</div>\n", 3, SITE),
    "after a byte-order mark": ("\ufeff" + quiz("bom"), 1, SITE),
    "after front matter": ("---\ntitle: A page\n---\n\n" + quiz("front"), 5, SITE),
    "windows line breaks": (("Intro.\n\n" + quiz("crlf")).replace("\n", "\r\n"), 3, SITE),
}
# name: (page, line, the start of the message, extensions): shown as code or text, never as a quiz.
NOT_RENDERED = {
    "capital Q": (quiz("capital", info="Quiz"), 1, "```Quiz is published as a code block", SITE),
    "misspelt": (quiz("misspelt", info="quizz"), 1, "```quizz is published as a code block", SITE),
    "on a list marker": ("- " + quiz("marker", prefix="  ")[2:], 1, "this ```quiz fence is shown as text", SITE),
    "indented code": ("Text.\n\n" + quiz("code", prefix="    "), 3, "this ```quiz fence is shown as code", SITE),
    "content tab, extension off": ('=== "Quiz"\n\n' + quiz("tab", prefix="    "), 3, "this ```quiz fence", SITE),
    "unclosed": ("```quiz\n" + BODY % "open", 1, "the ```quiz fence opened here is never closed", SITE),
}


def write_docs(folder, pages):
    folder.mkdir(exist_ok=True)
    (folder / "target.md").write_text(TARGET, encoding="utf-8")
    for name, text in pages.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    return folder


def rendered_questions(text, extensions):
    """How many questions the build's own fence renders from a page."""
    names, configs = extensions
    configs = dict(configs)
    configs["pymdownx.superfences"] = {"custom_fences": [{"name": "quiz", "class": "quiz", "format": format_quiz}]}
    # As MkDocs reads a page: a byte-order mark dropped (utf-8-sig), then the front matter.
    body = get_data(text.encode("utf-8").decode("utf-8-sig"))[0]
    return markdown.Markdown(extensions=names, extension_configs=configs).convert(body).count("data-quiz-question=")


@pytest.mark.parametrize("name", FOUND)
def test_check_finds_every_block_the_build_renders(name, tmp_path, monkeypatch):
    page, line, extensions = FOUND[name]
    write_docs(tmp_path / "docs", {"case.md": page})
    monkeypatch.chdir(tmp_path)
    questions, issues = check_docs("docs", extensions)
    assert issues == []
    found = questions[os.path.join("docs", "case.md")]
    assert [question.line for question in found] == [line]
    assert found[0].keys_line["id"] == line + 1
    assert rendered_questions(page, extensions) == 1


@pytest.mark.parametrize("name", FOUND)
def test_a_mistake_in_any_block_is_reported_on_its_line(name, tmp_path, monkeypatch):
    page, line, extensions = FOUND[name]
    write_docs(tmp_path / "docs", {"case.md": page.replace("- [ ] B", "- [?] B")})
    monkeypatch.chdir(tmp_path)
    _, issues = check_docs("docs", extensions)
    assert [(issue.line, issue.message.split(":")[0]) for issue in issues] == [
        (line + 8, "option box [?] is not valid")
    ]


@pytest.mark.parametrize("name", NOT_RENDERED)
def test_a_quiz_fence_shown_as_code_or_text_is_an_error(name, tmp_path, monkeypatch):
    page, line, message, extensions = NOT_RENDERED[name]
    write_docs(tmp_path / "docs", {"case.md": page})
    monkeypatch.chdir(tmp_path)
    questions, issues = check_docs("docs", extensions)
    assert questions == {}
    assert [(issue.line, issue.message[: len(message)]) for issue in issues] == [(line, message)]
    assert rendered_questions(page, extensions) == 0


def test_a_quiz_shown_inside_a_longer_fence_is_an_example_not_a_quiz(tmp_path, monkeypatch):
    page = "````markdown\n" + quiz("example") + "````\n"
    write_docs(tmp_path / "docs", {"case.md": page})
    monkeypatch.chdir(tmp_path)
    assert check_docs("docs", SITE) == ({}, [])
    assert rendered_questions(page, SITE) == 0


def test_code_in_an_explanation_needs_a_longer_quiz_fence(tmp_path, monkeypatch):
    code = "Run:\n\n```python\nprint(1)\n```\n\nThen compare."
    longer = quiz("code", fence="````").replace("Because.", code)
    write_docs(tmp_path / "docs", {"case.md": longer, "early.md": quiz("early").replace("Because.", code)})
    monkeypatch.chdir(tmp_path)
    questions, issues = check_docs("docs", SITE)
    assert [question.id for question in questions[os.path.join("docs", "case.md")]] == ["code"]
    assert [(issue.path, issue.line) for issue in issues] == [(os.path.join("docs", "early.md"), 13)]
    assert "ends the quiz early" in issues[0].message and "````quiz" in issues[0].message
    # The explanation shows the code as code.
    html = markdown.Markdown(
        extensions=["pymdownx.superfences"],
        extension_configs={
            "pymdownx.superfences": {"custom_fences": [{"name": "quiz", "class": "quiz", "format": format_quiz}]}
        },
    ).convert(longer)
    assert '<pre><code class="language-python">print(1)\n</code></pre>' in html


def test_check_cli_reads_the_extensions_of_the_config(tmp_path):
    docs = write_docs(tmp_path / "docs", {"case.md": '=== "Quiz"\n\n' + quiz("tab", prefix="    ")})
    (tmp_path / "tabs.yml").write_text("markdown_extensions:\n  - pymdownx.tabbed\n", encoding="utf-8")
    command = [sys.executable, "-m", "quiz", "check", str(docs)]
    with_tabs = subprocess.run([*command, "--config", "tabs.yml"], cwd=tmp_path, capture_output=True, text=True)
    assert with_tabs.returncode == 0, with_tabs.stderr
    assert "1 question(s) in 1 file(s): no errors" in with_tabs.stdout
    without = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert without.returncode == 1
    assert "docs/case.md:3: this ```quiz fence is shown as code, not as a quiz" in without.stderr


def test_a_page_not_in_utf8_is_named_with_the_line_of_its_first_bad_byte(tmp_path, monkeypatch):
    docs = write_docs(tmp_path / "docs", {"case.md": quiz("fine")})
    (docs / "latin.md").write_bytes("# Notes\n\nCaf\u00e9 au lait.\n".encode("latin-1"))
    monkeypatch.chdir(tmp_path)
    _, issues = check_docs("docs", SITE)
    assert [(issue.path, issue.line) for issue in issues] == [(os.path.join("docs", "latin.md"), 3)]
    assert issues[0].message.startswith("the file is not UTF-8 text (byte 0xe9 cannot be read")


def git(folder, *args, when="2026-01-01T00:00:00"):
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(
        ["git", "-c", "user.name=Author", "-c", "user.email=author@example.org", *args],
        cwd=folder,
        env=env,
        check=True,
        capture_output=True,
    )


def test_a_clash_between_pages_is_blamed_on_the_page_not_yet_committed(tmp_path, monkeypatch):
    """alpha.md sorts first, but zeta.md was there before: alpha.md brought both clashes."""
    docs = write_docs(tmp_path / "docs", {"zeta.md": quiz("shared")})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "zeta")
    (docs / "alpha.md").write_text("Intro.\n\n" + quiz("shared"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    _, issues = check_docs("docs", SITE)
    alpha, zeta = os.path.join("docs", "alpha.md"), os.path.join("docs", "zeta.md")
    assert ["%s:%d: %s" % issue for issue in issues] == [
        "%s:3: quiz id 'self-check' is also used at %s:1: the browser keeps a quiz's answers and scores under its "
        "id, so the two pages would overwrite each other's; give this page's questions their own quiz id with "
        "`quiz: <id>` (without it, a question is in quiz 'self-check')" % (alpha, zeta),
        "%s:4: duplicate id 'shared' (first used at %s:2)" % (alpha, zeta),
    ]


def test_a_clash_between_committed_pages_is_blamed_on_the_later_commit(tmp_path, monkeypatch):
    docs = write_docs(tmp_path / "docs", {"zeta.md": quiz("shared").replace("```quiz", "```quiz\nquiz: mine", 1)})
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "zeta", when="2026-01-01T00:00:00")
    (docs / "alpha.md").write_text(quiz("other").replace("```quiz", "```quiz\nquiz: mine", 1), encoding="utf-8")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "alpha", when="2026-02-01T00:00:00")
    monkeypatch.chdir(tmp_path)
    _, issues = check_docs("docs", SITE)
    expected = "quiz id 'mine' is also used at %s:2: " % os.path.join("docs", "zeta.md")
    assert [(issue.path, issue.line, issue.message[: len(expected)]) for issue in issues] == [
        (os.path.join("docs", "alpha.md"), 2, expected)
    ]


def test_the_build_reports_blocks_in_containers_and_unreadable_pages_as_path_line(tmp_path):
    docs = tmp_path / "docs"
    copy_docs(docs)
    noted = '!!! note "Check"\n\n' + quiz("noted", prefix="    ")
    (docs / "noted.md").write_text(
        noted.replace("- [ ] B", "- [?] B").replace("see: target.md#first-section", "see: quiz.md"), "utf-8"
    )
    (docs / "latin.md").write_bytes("# Notes\n\nCaf\u00e9.\n".encode("latin-1"))
    result = run_build(config=config_in(tmp_path), cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "docs/latin.md:3: the file is not UTF-8 text" in output
    assert "docs/noted.md:6: see: 'quiz.md' names no section" in output
    assert "docs/noted.md:11: option box [?] is not valid" in output
    # Written after the site's pages, outside git: the new page is blamed for reusing quiz.md's quiz id.
    assert "docs/noted.md:3: quiz id 'self-check' is also used at docs/quiz.md:" in output
    assert "the pages have 4 error(s) in quiz blocks or markup" in output
    assert "Traceback" not in output and "of the block" not in output


def test_anchors_follow_the_slugify_setting_of_the_config(tmp_path):
    """`see:` anchors are those of the page as rendered with the site's toc settings: here Unicode slugs."""
    page = "# Seite\n\n## Über die Wade\n\nText.\n\n" + quiz("umlaut").replace(
        "target.md#first-section", "#über-die-wade"
    )
    docs = write_docs(tmp_path / "docs", {"case.md": page})
    (tmp_path / "unicode.yml").write_text(
        "markdown_extensions:\n  - toc:\n      slugify: !!python/name:markdown.extensions.toc.slugify_unicode\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "quiz", "check", str(docs)]
    unicode_slugs = subprocess.run([*command, "--config", "unicode.yml"], cwd=tmp_path, capture_output=True, text=True)
    assert unicode_slugs.returncode == 0, unicode_slugs.stderr
    ascii_slugs = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert ascii_slugs.returncode == 1
    assert "docs/case.md:10: see: 'case.md' has no section with anchor #über-die-wade" in ascii_slugs.stderr
