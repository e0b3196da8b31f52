"""WCAG 2.2 A/AA with axe-core in Chromium, in the light and dark palettes, before and after answering."""

import json

import pytest

from .conftest import READY, ROOT

pytestmark = pytest.mark.browser

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
SCHEMES = {"light": "default", "dark": "slate"}


def axe_violations(page):
    assert AXE.exists(), "axe-core is missing: run `npm ci` (make test does it)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    return [
        {"id": violation["id"], "help": violation["help"],
         "nodes": [node["target"] for node in violation["nodes"]][:5]}
        for violation in result["violations"]
    ]


def open_page(new_page, server, path, scheme):
    page = new_page(color_scheme=scheme)
    page.goto(server + path)
    assert page.get_attribute("body", "data-md-color-scheme") == SCHEMES[scheme]
    return page


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", ["/", "/unlock-your-ankles/", "/evidence/", "/about/"])
def test_pages_have_no_violations(new_page, server, path, scheme):
    page = open_page(new_page, server, path, scheme)
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_quiz_has_no_violations_before_and_after_submitting(new_page, server, scheme):
    page = open_page(new_page, server, "/quiz/", scheme)
    page.wait_for_selector(READY)
    assert axe_violations(page) == []
    # Half right, half wrong, so every kind of verdict and mark is on the page.
    for index, fieldset in enumerate(page.locator("fieldset.quiz-question").all()):
        fieldset.locator("input").nth(index % 2).check()
    page.click("form.quiz button[type=submit]")
    assert page.get_attribute("form.quiz", "data-quiz-state") == "scored"
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)


@pytest.mark.parametrize("scheme", SCHEMES)
def test_quiz_before_python_starts_has_no_violations(new_page, server, scheme):
    """The static questions, as a reader sees them while Python loads or when it cannot start."""
    page = new_page(color_scheme=scheme)
    page.route("**/assets/vendor/**", lambda route: route.abort())
    page.goto(server + "/quiz/")
    assert page.locator("form.quiz").count() == 0
    page.locator("details.quiz-answer summary").first.click()
    violations = axe_violations(page)
    assert violations == [], json.dumps(violations, indent=1)
