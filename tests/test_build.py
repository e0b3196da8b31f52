"""The built site: strict build, the article word for word, quiz markup without JavaScript, no foreign hosts."""

import json
import re
import shutil
from html import unescape
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.utils.meta import get_data

from quiz import strings
from quiz.browser.question_types import TYPE_NAMES
from quiz.check import check_docs
from quiz.page import SETTINGS_RE
from quiz.runtime import (
    MICROPYTHON_DIR,
    PYSCRIPT_DIR,
    PYTHON_DIR,
    PYTHON_FILES,
    WEB_DIR,
    WEB_FILES,
    manifest,
    python_version,
    site_files,
)
from sitebuild.config import load, offline_copy
from sitebuild.runtime_vendor import pyscript_files
from sitebuild.takeaway import ORIGIN as TAKEAWAY_ORIGIN

from .conftest import ARTICLE_SECTIONS, DOCS, ROOT
from .html_page import Page, page

SOURCE = Path(__file__).parent / "fixtures" / "source-article.txt"
TITLE = "Unlock Your Ankles to Reduce Knee, Hip and Back Pain"
# Page furniture of the source, not article text: publisher and date lines, the repeated title, the share bar.
FURNITURE = {"24Sevenupdates.", "Fri, Feb 20, 2026", TITLE}
TAKEAWAY = offline_copy(load(ROOT / "mkdocs.yml")).file_name


def source_sentences():
    sentences = []
    for line in SOURCE.read_text(encoding="utf-8").splitlines():
        # Bullets may become a Markdown list: the bullet character is not text.
        line = line.strip().lstrip("\u2022").strip()
        if not line or line in FURNITURE or line.startswith("Share:"):
            continue
        sentences.extend(part.strip() for part in re.split(r"(?<=\.)\s+", line) if part.strip())
    return sentences


def test_strict_build_has_no_warnings(built_site):
    _, output = built_site
    assert not [line for line in output.splitlines() if "WARNING" in line or "ERROR" in line]


def test_every_sentence_of_the_source_is_published(site_dir):
    text = page(site_dir, "unlock-your-ankles").text
    sentences = source_sentences()
    assert len(sentences) >= 30
    missing = [sentence for sentence in sentences if " ".join(sentence.split()) not in text]
    assert missing == []


def test_article_shows_title_publisher_and_date(site_dir):
    article = page(site_dir, "unlock-your-ankles")
    assert TITLE in article.text
    assert "24Sevenupdates" in article.text
    assert ("time", {"datetime": "2026-02-20"}) in article.tags


def test_every_heading_is_an_anchor_in_the_table_of_contents(site_dir):
    article = page(site_dir, "unlock-your-ankles")
    for anchor in ARTICLE_SECTIONS:
        assert anchor in article.ids
        assert "#" + anchor in article.links, "%s is missing from the table of contents" % anchor


def test_site_has_home_article_quiz_and_about(site_dir):
    home = page(site_dir, ".")
    for target in ("unlock-your-ankles.html", "quiz.html", "about.html"):
        assert target in home.links
    about = page(site_dir, "about").text
    assert "never sent anywhere" in about and "pull request" in about


def control_ids(question):
    """The ids of the form controls a question must render, each with a <label for>."""
    if question.type in ("single", "multiple", "truefalse"):
        return ["q-%s-%s" % (question.id, option.key) for option in question.options]
    if question.type in ("fill", "numeric"):
        return ["q-%s-answer" % question.id]
    if question.type == "cloze":
        return ["q-%s-%s" % (question.id, gap.key) for gap in question.gaps]
    items = question.steps if question.type == "order" else question.pairs
    return ["q-%s-%s" % (question.id, item.key) for item in items]


def test_quiz_page_has_complete_markup_without_javascript(site_dir):
    questions, _ = check_docs(str(DOCS))
    quiz = site_dir.joinpath("quiz.html").read_text(encoding="utf-8")
    all_questions = [question for found in questions.values() for question in found]
    assert len(all_questions) >= 12
    # Every type of the table appears on the site.
    assert {question.type for question in all_questions} == set(TYPE_NAMES)
    for question in all_questions:
        block = re.search(
            r'<fieldset class="quiz-question" id="q-%s".*?</fieldset>' % re.escape(question.id), quiz, re.S
        )
        assert block, question.id
        block = block.group(0)
        assert "<legend" in block
        for control in control_ids(question):
            assert 'id="%s"' % control in block and '<label for="%s"' % control in block, control
        assert '<details class="quiz-answer abstract" data-search-exclude><summary>Show the answer</summary>' in block
        assert 'class="quiz-answer__see"' in block and 'class="quiz-answer__explanation"' in block
        key = json.loads(unescape(re.search(r'data-quiz-key="([^"]*)"', block).group(1)))
        assert key == question.answer_key()
    assert quiz.count("<summary>Show the answer</summary>") == len(all_questions)


def test_order_and_match_never_show_the_answer_order(site_dir):
    questions, _ = check_docs(str(DOCS))
    quiz = site_dir.joinpath("quiz.html").read_text(encoding="utf-8")
    for question in [q for found in questions.values() for q in found if q.type in ("order", "match")]:
        block = re.search(r'id="q-%s".*?<details class="quiz-answer' % re.escape(question.id), quiz, re.S).group(0)
        shown = re.findall(r'data-item="([0-9a-f]+)"', block)
        items = question.steps if question.type == "order" else question.pairs
        assert sorted(shown) == sorted(item.key for item in items)
        assert shown != [item.key for item in items]


def test_quiz_links_reach_existing_sections(site_dir):
    quiz = site_dir.joinpath("quiz.html").read_text(encoding="utf-8")
    hrefs = re.findall(r'<p class="quiz-answer__see"><a href="([^"]+)"', quiz)
    assert len(hrefs) >= 8
    for href in hrefs:
        target = urlsplit(urljoin("http://site/quiz.html", href))
        assert target.fragment, href
        path = site_dir / target.path.lstrip("/")
        assert target.fragment in Page(path).ids, href


def built_pages(site_dir, takeaway=True):
    return sorted(
        path for path in site_dir.rglob("*.html") if "assets" not in path.parts and (takeaway or path.name != TAKEAWAY)
    )


def test_no_page_loads_anything_from_another_host(site_dir):
    for path in built_pages(site_dir):
        for url in Page(path).loaded:
            # The take-away copy names files under a reserved host that its own fetch() wrapper answers
            # from inside the file; the file:// browser test proves no request leaves it.
            if path.name == TAKEAWAY and url.startswith(TAKEAWAY_ORIGIN):
                continue
            parts = urlsplit(url)
            # A data: URL is inside the page (the take-away copy's empty icon).
            assert parts.scheme in ("", "data") and not parts.netloc, "%s loads %s" % (path.relative_to(site_dir), url)
    for css in site_dir.rglob("*.css"):
        assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", css.read_text(encoding="utf-8")), css
    # Nor names one in a script's data: Material's Google Fonts and repository facts are off.
    for path in built_pages(site_dir):
        html = path.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html and "api.github.com" not in html


def test_pyscript_loads_only_on_quiz_pages(site_dir):
    for path in built_pages(site_dir, takeaway=False):
        html = path.read_text(encoding="utf-8")
        has_quiz = "data-quiz-question=" in html
        assert ("assets/quiz/pyscript/core.js" in html) == has_quiz, path
        assert ("<mpy-script" in html) == has_quiz, path
        assert ('id="quiz-settings"' in html) == has_quiz, path
    assert "data-quiz-question=" in site_dir.joinpath("quiz.html").read_text(encoding="utf-8")


def test_quiz_runtime_waits_for_the_loader(site_dir):
    """No tag in the quiz page fetches the runtime while the page is parsed: the loader, given every runtime
    file the site publishes, requests them after the first paint."""
    quiz = page(site_dir, "quiz")
    assert not [attrs for tag, attrs in quiz.tags if tag == "link" and attrs.get("rel") in ("preload", "modulepreload")]
    assert not [attrs for tag, attrs in quiz.tags if tag == "script" and attrs.get("type") == "module"]
    loaders = [attrs for tag, attrs in quiz.tags if tag == "script" and "data-pyscript" in attrs]
    assert len(loaders) == 1
    loader = loaders[0]
    assert loader["src"] == WEB_DIR + "/quiz-loader.js" and "async" in loader
    assert loader["data-pyscript"] == PYSCRIPT_DIR + "/core.js"
    assert loader["data-pyscript"] in loader["data-modules"].split()
    named = loader["data-modules"].split() + loader["data-files"].split()
    published = sorted(
        path.relative_to(site_dir).as_posix()
        for folder in (PYSCRIPT_DIR, MICROPYTHON_DIR, PYTHON_DIR)
        for path in site_dir.joinpath(folder).iterdir()
        if path.suffix != ".css"
    )
    assert sorted(named) == published
    assert loader["data-files"].split()[0] == MICROPYTHON_DIR + "/micropython.wasm"


def test_only_needed_runtime_files_are_published(site_dir):
    runtime = site_dir / "assets" / "quiz"
    folders = (MICROPYTHON_DIR, PYSCRIPT_DIR, PYTHON_DIR, WEB_DIR)
    assert sorted(path.relative_to(site_dir).as_posix() for path in runtime.iterdir()) == sorted(folders)
    pyscript = sorted(path.name for path in site_dir.joinpath(PYSCRIPT_DIR).iterdir())
    assert pyscript == pyscript_files() == manifest()["pyscript"]["files"]
    assert {"core.js", "core.css"} <= set(pyscript)
    assert not [name for name in pyscript if name.endswith(".map") or "editor" in name or "terminal" in name]
    assert sorted(path.name for path in site_dir.joinpath(MICROPYTHON_DIR).iterdir()) == [
        "micropython.mjs",
        "micropython.wasm",
    ]
    assert sorted(path.name for path in site_dir.joinpath(PYTHON_DIR).iterdir()) == sorted(PYTHON_FILES)
    assert sorted(path.name for path in site_dir.joinpath(WEB_DIR).iterdir()) == sorted(WEB_FILES)
    assert not list(runtime.rglob("*.map"))
    # The site's own copies of third-party files hold nothing of the quiz's.
    assert sorted(path.name for path in site_dir.joinpath("assets", "vendor").iterdir()) == ["iframe-worker", "workbox"]


def test_the_python_folder_is_named_by_its_files(tmp_path):
    """Changed Python goes to a new address, so a page of an earlier build never runs it."""
    for name in PYTHON_FILES:
        shutil.copy(ROOT / "quiz" / "browser" / name, tmp_path / name)
    assert PYTHON_DIR.endswith("-" + python_version(str(tmp_path)))
    for name in PYTHON_FILES:
        before = python_version(str(tmp_path))
        with open(tmp_path / name, "a", encoding="utf-8") as handle:
            handle.write("\n")
        assert python_version(str(tmp_path)) != before, name


def test_published_quiz_files_are_the_package_source(site_dir):
    """What the browser runs is the package's own Python, web files and vendored runtime, byte for byte."""
    for site_path, source in site_files():
        assert site_dir.joinpath(site_path).read_bytes() == Path(source).read_bytes(), site_path
    for name in PYTHON_FILES:
        assert site_dir.joinpath(PYTHON_DIR, name).read_bytes() == ROOT.joinpath("quiz", "browser", name).read_bytes()


def test_quiz_page_carries_its_settings(site_dir):
    settings = json.loads(SETTINGS_RE.search(site_dir.joinpath("quiz.html").read_text(encoding="utf-8"))[1])
    assert settings["strings"] == strings.load("en")
    _, meta = get_data(DOCS.joinpath("quiz.md").read_text(encoding="utf-8"))
    assert settings["shuffle_questions"] == meta["quiz_shuffle_questions"]
    assert settings["result_note"] == meta.get("quiz_result_note", "")
    # The plugin's offline_copy, relative to the page.
    assert settings["offline_copy"] == TAKEAWAY


def test_the_build_writes_nothing_into_the_sources(built_site):
    """The quiz plugin publishes its files from the package: no generated copy in docs/ or overrides/."""
    assert not DOCS.joinpath("assets", "quiz").exists()
    assert not ROOT.joinpath("overrides", "partials", "quiz-runtime.html").exists()


def test_search_dialog_has_an_accessible_name(site_dir):
    """role="dialog" needs a name (axe-core's aria-dialog-name; Lighthouse's accessibility score)."""
    for path in built_pages(site_dir, takeaway=False):
        html = path.read_text(encoding="utf-8")
        assert '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">' in html, path


def test_search_index_leaves_out_answers(site_dir):
    """A reader who searches the site must not find the answer key: the answer blocks carry Material's
    data-search-exclude."""
    index = json.loads(site_dir.joinpath("search", "search_index.json").read_text(encoding="utf-8"))
    quiz_text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("quiz"))
    assert "Which muscles does the article call" in quiz_text  # the questions stay searchable
    for answer_only in ("Read the section:", "also accepted:", "Right order:", "Gaps, in order:"):
        assert answer_only not in quiz_text
