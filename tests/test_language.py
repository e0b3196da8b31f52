"""Switching Material's theme.language switches every quiz string: the same site built in German shows the
German catalogue at build time (without JavaScript) and from the browser code, and no English UI string.
A language with no complete catalogue stops the build with a message, never a key name on the page."""

import json
import re
import shutil

import pytest

from harness.quiz_driver import answer, answer_all, site_questions
from quiz import strings
from quiz.page import SETTINGS_RE
from sitebuild.config import load as read_config

from .conftest import DOCS, ROOT, Server, config_in, run_build

pytestmark = pytest.mark.browser

ENGLISH, GERMAN = strings.load("en"), strings.load("de")


def fixed_parts(text):
    """The words of a catalogue string around its placeholders: what must show on a page that uses it."""
    return [part.strip(" :()") for part in re.split(r"\{\w+\}", text) if len(part.strip(" :()")) > 3]


ENGLISH_PARTS = sorted({part for value in ENGLISH.values() for part in fixed_parts(value)})


def build_in(tmp_path, language):
    shutil.copytree(DOCS, tmp_path / "docs")
    config = config_in(tmp_path)
    text = config.read_text(encoding="utf-8").replace("language: en", "language: %s" % language)
    config.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    return run_build(config=config, site_dir=site, cwd=tmp_path), site


@pytest.fixture(scope="module")
def german_site(tmp_path_factory):
    result, site = build_in(tmp_path_factory.mktemp("german"), "de")
    assert result.returncode == 0, result.stdout + result.stderr
    return site


def ui_text(page):
    """The quiz's own words on the page: hints, summaries, labels the build writes, buttons, messages."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        '.quiz-question__hint, details > summary, .quiz-text label, .quiz-gap label, form.quiz button, '
        + '.quiz-progress, .quiz-status, .quiz-error, .quiz-verdict, .quiz-mark, .quiz-result, .quiz-result__title, '
        + '.quiz-review__item > p > a, .quiz-answer__key strong, .quiz-answer__see a, select option[value=""]'
    ), node => node.textContent).join("\\n")""")


def test_the_built_page_carries_the_german_catalogue(german_site):
    html = german_site.joinpath("quiz.html").read_text(encoding="utf-8")
    settings = json.loads(SETTINGS_RE.search(html).group(1))
    assert settings["strings"] == GERMAN
    for key in ("question.show_answer", "hint.choose_one", "hint.cloze", "control.place", "answer.order"):
        assert GERMAN[key] in html, key


def test_every_quiz_string_is_german_in_the_browser(german_site, quiz_in):
    page, _ = quiz_in(german_site)
    main = site_questions()["self-check"]
    # A question checked before it is answered, then one left out and one answered wrong: the notes, marks and
    # verdicts of each case show.
    page.click('#q-%s [data-quiz-action="check-question"]' % main[0].id)
    before = ui_text(page)
    answer_all(page, main)
    answer(page, next(q for q in main if q.type == "match"), "wrong")
    page.click('form.quiz[data-quiz="self-check"] button[type=submit]')
    after = ui_text(page)
    # The article's own words stay English: a mark or the review may quote an answer ("Toes point outward").
    content = sorted(
        {pair.right for question in main for pair in question.pairs}
        | {option.text for question in main for option in question.options}
        | {step.text for question in main for step in question.steps},
        key=len,
        reverse=True,
    )
    for text in (before, after):
        for quoted in content:
            text = text.replace(quoted, "")
        found = [part for part in ENGLISH_PARTS if part in text]
        assert found == [], [text[max(0, text.find(part) - 80) : text.find(part) + 40] for part in found]
    assert GERMAN["quiz.check"] in before and GERMAN["note.choose"] in before
    assert GERMAN["result.title"] in after and GERMAN["verdict.correct"] in after
    assert GERMAN["verdict.incorrect"] in after and GERMAN["mark.part_wrong"].split("{")[0] in after
    assert "Ihr Ergebnis: %d von %d (" % (len(main) - 1, len(main)) in after
    assert page.recorder.errors == []


def test_a_language_without_a_catalogue_stops_the_build(tmp_path):
    result, _ = build_in(tmp_path, "ja")
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "the quiz has no strings for theme.language 'ja'" in output
    assert "Traceback" not in output


SITE_ENGLISH = read_config(ROOT / "mkdocs.yml")["extra"]["site_strings"]["en"]
SITE_ENGLISH_PARTS = sorted(
    {part for value in SITE_ENGLISH.values() if isinstance(value, str) for part in fixed_parts(value)}
    | {month for month in SITE_ENGLISH["months"] if len(month) > 3}
    # The same word in both languages ("November") is no English left over.
    - set(read_config(ROOT / "mkdocs.yml")["extra"]["site_strings"]["de"]["months"])
)
# What the site's templates and the quiz's build write around the content, as a reader sees or hears it:
# header, footer, byline, review dates, the buttons the page's instructions name (the instructions' own words
# are the page's content), and every title and accessible name.
CHROME = """() => [
  ...Array.from(document.querySelectorAll(
    '.md-header, .md-footer, .article-byline, .page-review, form .quiz-needs-js, .md-top, '
    + '.quiz-needs-js > strong, .quiz-without-js > strong'),
    node => node.innerText),
  ...Array.from(document.querySelectorAll('[title], [aria-label]'),
    node => (node.getAttribute('title') || '') + ' ' + (node.getAttribute('aria-label') || '')),
].join('\\n')"""


@pytest.mark.parametrize("path", ["quiz.html", "unlock-your-ankles.html"])
def test_no_english_ui_string_on_a_german_page(german_site, quiz_in, path):
    page, _ = quiz_in(german_site)
    page.goto(page.url.rsplit("/", 1)[0] + "/" + path)
    text = page.evaluate(CHROME)
    if path == "quiz.html":
        page.wait_for_selector("form.quiz[data-quiz-state=ready]")
        text += "\n" + page.evaluate(CHROME) + "\n" + ui_text(page)
    found = [part for part in ENGLISH_PARTS + SITE_ENGLISH_PARTS if part in text]
    assert found == [], [text[max(0, text.find(part) - 60) : text.find(part) + 40] for part in found]
    # The words that replaced them are the German ones.
    assert "Veröffentlicht von" in text or path == "quiz.html"
    assert GERMAN["quiz.check"] in text or path != "quiz.html"


def test_a_partly_right_german_verdict_wraps_on_a_phone(german_site, new_page):
    server = Server(german_site)
    try:
        page = new_page(viewport={"width": 375, "height": 740})
        page.goto(server.url + "quiz.html")
        page.wait_for_selector("form.quiz[data-quiz-state=ready]", timeout=30000)
        for question in site_questions()["self-check"]:
            how = {"multiple": "two-of-three", "order": "one-right", "cloze": "first-gap-only"}.get(question.type)
            if how:
                answer(page, question, how)
                page.locator("#q-%s .quiz-question__actions button" % question.id).click()
        assert page.locator(".quiz-verdict--partial").count() >= 3
        assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
    finally:
        server.stop()
