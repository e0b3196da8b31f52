"""WCAG 2.2 A/AA with axe-core in Chromium, in the light and dark palettes, before and after answering."""

import json

import pytest

from harness.quiz_driver import answer, site_questions

from .conftest import READY, ROOT
from .site_pages import nav_page, nav_pages

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}
QUIZZES = site_questions()
QUIZ = "/" + nav_page("quiz.md").url
# Every page of the nav but the quiz, which the tests below check with Python started.
PAGES = ["/" + page.url for page in nav_pages() if page.source != "quiz.md"]


def axe_violations(page, within=None):
    """axe-core's WCAG violations on the page, or only within the element the selector `within` names."""
    assert AXE.exists(), "axe-core is missing: run `npm ci` (make test does it)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "([tags, within]) => axe.run(within ? document.querySelector(within) : document,"
        " {runOnly: {type: 'tag', values: tags}})",
        [WCAG_TAGS, within],
    )
    return [
        {"id": violation["id"], "help": violation["help"], "nodes": [node["target"] for node in violation["nodes"]][:5]}
        for violation in result["violations"]
    ]


def open_page(new_page, server, path, scheme):
    # axe-core is injected as an inline script, which the pages' own CSP rightly refuses.
    page = new_page(color_scheme=scheme, bypass_csp=True)
    response = page.goto(server + path)
    assert response.ok, "%s: HTTP %d" % (path, response.status)
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
    return page


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_pages_have_no_violations(new_page, server, path, scheme):
    page = open_page(new_page, server, path, scheme)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_quiz_has_no_violations_before_and_after_submitting(new_page, server, scheme):
    page = open_page(new_page, server, QUIZ, scheme)
    page.wait_for_selector(READY)
    assert axe_violations(page) == []
    # Right, wrong and partly right answers of every type, so every verdict and mark is on the page.
    for quiz in QUIZZES.values():
        for index, question in enumerate(quiz):
            how = ["right", "wrong", "two-of-three" if question.type == "multiple" else "one-right"][index % 3]
            answer(page, question, how)
    # Sure of every safety answer (the quiz asks how sure): the result names the wrong ones given as sure.
    for question in QUIZZES["safety"]:
        page.locator("#q-%s-sure-high" % question.id).check()
    for form in page.locator("form.quiz").all():
        form.locator("button[type=submit]").click()
        assert form.get_attribute("data-quiz-state") == "finished"
        form.locator(".quiz-review > summary").click()
    assert page.locator(".quiz-result__sure-wrong a").count() > 0
    page.locator(".quiz-hint summary").first.click()
    page.locator("details.quiz-answer > summary").first.click()
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_quiz_before_python_starts_has_no_violations(new_page, server, scheme):
    """The static questions, as a reader sees them while Python loads or when it cannot start."""
    page = new_page(color_scheme=scheme, bypass_csp=True)
    held = []
    page.route("**/assets/quiz/micropython/**", lambda route: held.append(route))
    page.goto(server + QUIZ)
    # While Python starts: the quiz's buttons are there, disabled, with the status line saying so. The page is
    # still loading then (Material's own chrome settles at the load event), so axe judges the article.
    assert page.get_attribute("form.quiz", "data-quiz-state") == "starting"
    assert page.locator("form.quiz button[type=submit]:disabled").count() == 2
    violations = axe_violations(page, "article")
    assert violations == [], json.dumps(violations, indent=1)
    # When it cannot start: the page reads as it does without JavaScript, with the notice.
    for route in held:
        route.abort()
    page.wait_for_selector("html[data-quiz-failed]")
    assert page.locator("form.quiz button:visible").count() == 0
    page.locator("details.quiz-answer summary").first.click()
    violations = axe_violations(page, "article")
    assert violations == [], json.dumps(violations, indent=1)
