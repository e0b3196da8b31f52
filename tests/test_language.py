"""Switching Material's theme.language switches every quiz string: the same site built in German or French
shows that catalogue at build time (without JavaScript) and from the browser code, no English UI string,
and its numbers with a decimal comma. A site in two languages (mkdocs-static-i18n) gets each language's
quiz on its pages. tests/test_languages_build.py covers the builds that need no browser."""

import json
import re
import shutil

import pytest

from harness.quiz_driver import answer, answer_all, site_questions
from quiz import strings
from quiz.browser.scoring import fill
from quiz.page import SETTINGS_RE
from sitebuild.config import load as read_config
from sitebuild.config import offline_copy
from sitebuild.takeaway import date_in_words

from .conftest import DOCS, ROOT, Server, config_in, run_build
from .test_languages_build import QUIZ_PAGE, build, i18n_project

pytestmark = pytest.mark.browser

ENGLISH = strings.load("en")


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


@pytest.fixture(scope="module", params=["de", "fr"])
def foreign_site(request, tmp_path_factory):
    """(language, built site) for each language."""
    result, site = build_in(tmp_path_factory.mktemp(request.param), request.param)
    assert result.returncode == 0, result.stdout + result.stderr
    return request.param, site


def ui_text(page):
    """The quiz's own words on the page: hints, summaries, labels the build writes, buttons, messages."""
    return page.evaluate("""() => Array.from(document.querySelectorAll(
        '.quiz-question__hint, details > summary, .quiz-text label, .quiz-gap label, form.quiz button, '
        + '.quiz-progress, .quiz-status, .quiz-error, .quiz-verdict, .quiz-mark, .quiz-result, .quiz-result__title, '
        + '.quiz-review__item > p > a, .quiz-answer__key strong, .quiz-answer__see a, select option[value=""]'
    ), node => node.textContent).join("\\n")""")


def test_the_built_page_carries_the_catalogue_of_its_language(foreign_site):
    language, site = foreign_site
    catalogue = strings.load(language)
    html = site.joinpath("quiz.html").read_text(encoding="utf-8")
    settings = json.loads(SETTINGS_RE.search(html).group(1))
    assert settings["strings"] == catalogue and settings["language"] == language
    for key in ("question.show_answer", "hint.choose_one", "hint.cloze", "control.place", "answer.order"):
        assert catalogue[key].replace("\u00a0", "&nbsp;") in html or catalogue[key] in html, key
    # The buttons the instructions name, in the page and in what search finds.
    index = json.loads(site.joinpath("search", "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(entry["text"] for entry in index["docs"] if entry["location"].startswith("quiz.html"))
    assert catalogue["quiz.check"] in text and ENGLISH["quiz.check"] not in text
    # Every heading's permalink titled in the page's language.
    words = read_config(ROOT / "mkdocs.yml")["extra"]["site_strings"][language]
    article = site.joinpath("unlock-your-ankles.html").read_text(encoding="utf-8")
    titles = set(re.findall(r'<a class="headerlink" href="#[^"]*" title="([^"]*)">', article))
    assert titles == {words["permalink"]}, titles
    # The take-away copy's banner: its words, and the day it was built in them.
    copy = site.joinpath(offline_copy(read_config(ROOT / "mkdocs.yml")).file_name).read_text(encoding="utf-8")
    assert words["takeaway_title"] in copy and words["takeaway_contents"] in copy
    built, shown = re.search(r'<time datetime="([\d-]+)">([^<]*)</time>', copy).groups()
    assert shown == date_in_words(built, words) != built


def test_every_quiz_string_is_in_the_page_language_in_the_browser(foreign_site, quiz_in):
    language, site = foreign_site
    catalogue = strings.load(language)
    # Words the language shares with English (French "Question 3") are not English left over.
    english_parts = [part for part in ENGLISH_PARTS if part not in " ".join(catalogue.values())]
    page, _ = quiz_in(site)
    main = site_questions()["self-check"]
    # A question checked before it is answered, then one left out, one answered wrong and one partly right:
    # the notes, marks and verdicts of each case show.
    page.click('#q-%s [data-quiz-action="check-question"]' % main[0].id)
    before = ui_text(page)
    partly = next(q for q in main if q.type == "multiple" and len(q.correct_keys) == 3)
    answer_all(page, [q for q in main if q is not partly])
    answer(page, next(q for q in main if q.type == "match"), "wrong")
    answer(page, partly, "two-of-three")
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
        found = [part for part in english_parts if part in text]
        assert found == [], [text[max(0, text.find(part) - 80) : text.find(part) + 40] for part in found]
    assert catalogue["quiz.check"] in before and catalogue["note.choose"] in before
    assert catalogue["result.title"] in after and catalogue["verdict.correct"] in after
    assert catalogue["verdict.incorrect"] in after and catalogue["mark.part_wrong"].split("{")[0] in after
    # Two of three right options of a one-point question: 0,67 of 1 point, with the decimal comma.
    verdict = page.locator("#q-%s .quiz-verdict" % partly.id).text_content()
    points = catalogue["points.one"]
    assert verdict == fill(catalogue["verdict.partial"], {"earned": "0,67", "possible": "1", "points": points})
    assert "0.67" not in after
    assert page.recorder.errors == []


def test_the_french_pages_of_an_i18n_site_show_the_french_quiz(tmp_path, quiz_in):
    """mkdocs-static-i18n builds /fr/ in a pass of its own: its quiz is French in the browser too, and the
    English pages stay English."""
    folder = i18n_project(tmp_path)
    result = build(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    french, english = strings.load("fr"), ENGLISH
    page, _ = quiz_in(folder / "site", "fr/" + QUIZ_PAGE)
    form = page.locator("form.quiz").first
    form.locator("button[type=submit]").click()
    assert page.locator("form.quiz .quiz-result__title").first.text_content() == french["result.title"]
    assert french["verdict.unanswered"] in form.text_content()
    shown = ui_text(page)
    assert french["quiz.check"] in shown and english["quiz.check"] not in shown
    # A second check: the last score's date in French words, "le 5 mars 2026", not 05/03/2026.
    form.locator('[data-quiz-action="start-over"]').click()
    form.locator("button[type=submit]").click()
    today = page.evaluate("new Date().toLocaleDateString('fr', {year: 'numeric', month: 'long', day: 'numeric'})")
    assert re.fullmatch(r"\d{1,2} \w+ \d{4}", today)
    assert ", le %s." % today in form.locator(".quiz-result").text_content()
    english_page, _ = quiz_in(folder / "site", QUIZ_PAGE)
    assert english["quiz.check"] in ui_text(english_page)
    # Material's language selector looks for sitemap.xml beside the page on a site without site_url: that
    # 404 is the theme's; any error of the quiz would be another message.
    for opened in (page, english_page):
        assert [error for error in opened.recorder.errors if not error.startswith("Failed to load resource")] == []


SITE_ENGLISH = read_config(ROOT / "mkdocs.yml")["extra"]["site_strings"]["en"]
SITE_ENGLISH_PARTS = sorted(
    {part for value in SITE_ENGLISH.values() if isinstance(value, str) for part in fixed_parts(value)}
    | {month for month in SITE_ENGLISH["months"] if len(month) > 3}
    # The same word in English and German ("November") is no English left over.
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
def test_no_english_ui_string_on_a_page_in_another_language(foreign_site, quiz_in, path):
    language, site = foreign_site
    page, _ = quiz_in(site)
    page.goto(page.url.rsplit("/", 1)[0] + "/" + path)
    text = page.evaluate(CHROME)
    if path == "quiz.html":
        page.wait_for_selector("form.quiz[data-quiz-state=ready]")
        text += "\n" + page.evaluate(CHROME) + "\n" + ui_text(page)
    # A word the language shares with English ("Question" in French) is its own, not English left over.
    own = {part for value in strings.load(language).values() for part in fixed_parts(value)}
    found = [part for part in ENGLISH_PARTS + SITE_ENGLISH_PARTS if part in text and part not in own]
    assert found == [], [text[max(0, text.find(part) - 60) : text.find(part) + 40] for part in found]
    # The words that replaced them are the language's own.
    words = read_config(ROOT / "mkdocs.yml")["extra"]["site_strings"][language]
    assert words["byline"].split("{")[0] in text or path == "quiz.html"
    assert strings.load(language)["quiz.check"] in text or path != "quiz.html"


def test_a_partly_right_verdict_wraps_on_a_phone_in_every_language(foreign_site, new_page):
    server = Server(foreign_site[1])
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
