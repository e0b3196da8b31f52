"""Order questions as a list moved with buttons (quiz/browser/reorder.py), on a phone (375 px) and a desktop (1280 px):
keyboard only, focus kept on the button pressed, each move spoken, no place given twice, scored, saved and
restored, no axe-core violations, and laid out from the first paint so nothing moves when Python starts."""

import json

import pytest

from harness.quiz_driver import arrange, keyboard_arrange, shown_order, site_questions
from quiz import strings as catalogue
from quiz.browser import saved, scoring
from quiz.browser.shuffle import seed_from_text, shuffled_away

from .conftest import READY
from .site_pages import nav_page
from .test_accessibility import AXE, WCAG_TAGS

pytestmark = pytest.mark.browser

EN = catalogue.load("en")
MAIN = site_questions()["self-check"]
MAIN_FORM = 'form.quiz[data-quiz="self-check"]'
QUIZ_PATH = "/" + nav_page("quiz.md").url
ORDER = next(question for question in MAIN if question.type == "order" and len(question.steps) == 3)
BOX = "#q-" + ORDER.id
RIGHT = [step.key for step in ORDER.steps]
TEXT = {step.key: step.text for step in ORDER.steps}
# The order the page is built with (quiz/render.py), never the right one.
FIRST = [step.key for step in shuffled_away(ORDER.steps, seed_from_text(ORDER.id))]


@pytest.fixture
def page(quiz_at_viewport):
    """The quiz page, ready, on a phone and on a desktop (conftest.VIEWPORTS)."""
    return quiz_at_viewport


def box(page):
    return page.locator(BOX)


def places(page):
    """{step key: the value of its hidden select}, what app.py reads, saves and scores."""
    return page.evaluate(
        """sel => Object.fromEntries(Array.from(document.querySelectorAll(sel + ' select[data-part]'),
            s => [s.dataset.part, s.value]))""",
        BOX,
    )


def focused(page):
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const row = el.closest('li.quiz-row');
            return {item: row ? row.dataset.item : null, move: el.dataset.move || null, tag: el.tagName,
                    label: el.getAttribute('aria-label')};
        }"""
    )


def spoken(page):
    # The quiz's one live region, in its form.
    return page.inner_text(MAIN_FORM + " .quiz-announce")


def progress(page, answered):
    return scoring.progress_text(answered, len(MAIN), EN)


def assert_places_follow_the_rows(page):
    order = shown_order(box(page))
    assert places(page) == {item: str(index + 1) for index, item in enumerate(order)}
    assert box(page).locator(".quiz-row__place").all_inner_texts() == [str(n) for n in range(1, len(order) + 1)]


def start_before_the_list(page):
    """Focus on the question's hint, so the next Tab goes to the list's first button."""
    page.evaluate(
        "sel => { const hint = document.querySelector(sel + ' .quiz-question__hint'); "
        "hint.tabIndex = -1; hint.focus(); }",
        BOX,
    )


def test_moves_with_the_keyboard_keep_focus_and_are_spoken(page):
    assert shown_order(box(page)) == FIRST
    assert set(places(page).values()) == {""}
    start_before_the_list(page)
    page.keyboard.press("Tab")
    # The first row's Move up is disabled, so the first stop is its Move down, named with the step.
    assert focused(page) == {"item": FIRST[0], "move": "1", "tag": "BUTTON", "label": "Move down: " + TEXT[FIRST[0]]}
    page.keyboard.press("Enter")
    assert shown_order(box(page)) == [FIRST[1], FIRST[0], FIRST[2]]
    assert focused(page)["item"] == FIRST[0] and focused(page)["move"] == "1"
    assert spoken(page) == "%s moved to position 2 of 3." % TEXT[FIRST[0]]
    assert_places_follow_the_rows(page)
    page.keyboard.press("Space")
    assert shown_order(box(page)) == [FIRST[1], FIRST[2], FIRST[0]]
    # Its Move down is now disabled: focus went to the same row's Move up.
    assert focused(page) == {"item": FIRST[0], "move": "-1", "tag": "BUTTON", "label": "Move up: " + TEXT[FIRST[0]]}
    assert spoken(page) == "%s moved to position 3 of 3." % TEXT[FIRST[0]]
    assert_places_follow_the_rows(page)
    page.keyboard.press("Enter")
    assert shown_order(box(page)) == [FIRST[1], FIRST[0], FIRST[2]]
    assert focused(page)["item"] == FIRST[0] and focused(page)["move"] == "-1"
    assert spoken(page) == "%s moved to position 2 of 3." % TEXT[FIRST[0]]
    # Keys only, all the way to the right order; a button in a form never submits it.
    keyboard_arrange(page, ORDER, RIGHT)
    assert shown_order(box(page)) == RIGHT
    assert_places_follow_the_rows(page)
    assert page.get_attribute(MAIN_FORM, "data-quiz-state") == "ready"
    assert box(page).locator(".quiz-verdict").count() == 0
    assert page.recorder.errors == []


def test_no_place_can_be_given_twice(page):
    selects = box(page).locator("select[data-part]")
    assert selects.count() == 3
    for index in range(3):
        assert selects.nth(index).get_attribute("hidden") is not None
        assert not selects.nth(index).is_visible()
    # Tab goes from button to button, never to a select.
    start_before_the_list(page)
    stops = []
    for _ in range(6):
        page.keyboard.press("Tab")
        stops.append(focused(page))
    assert [stop["tag"] for stop in stops[:4]] == ["BUTTON"] * 4
    assert stops[4]["tag"] == "INPUT"  # "This order is my answer"
    assert "SELECT" not in [stop["tag"] for stop in stops]
    # Whatever is pressed, the places are 1, 2 and 3, once each, in the order shown.
    presses = [(FIRST[2], -1), (FIRST[2], -1), (FIRST[1], 1), (FIRST[0], -1), (FIRST[1], -1), (FIRST[2], 1)]
    for item, step in presses:
        button = box(page).locator('li[data-item="%s"] button[data-move="%d"]' % (item, step))
        if button.is_enabled():
            button.click()
        assert sorted(places(page).values()) == ["1", "2", "3"]
        assert_places_follow_the_rows(page)


def test_the_order_shown_counts_only_once_moved_or_kept(page):
    keep = box(page).locator(".quiz-reorder__keep input")
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == progress(page, 0)
    assert not keep.is_checked()
    keep.check()
    assert places(page) == {item: str(index + 1) for index, item in enumerate(FIRST)}
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == progress(page, 1)
    keep.uncheck()
    assert set(places(page).values()) == {""}
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == progress(page, 0)
    # Any move answers it, and ticks the box to say so.
    box(page).locator('li[data-item="%s"] button[data-move="1"]' % FIRST[0]).click()
    assert keep.is_checked()
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == progress(page, 1)


def test_the_right_order_scores_full_marks(page):
    arrange(box(page), RIGHT)
    stored = json.loads(page.evaluate("() => localStorage.getItem('quiz-answers/v1/self-check')"))
    answer = stored["answers"][ORDER.id]
    assert answer == {item: str(index + 1) for index, item in enumerate(RIGHT)}
    result = scoring.score_question(ORDER.answer_key(), answer)
    assert result["earned"] == result["possible"] == ORDER.points * 100
    box(page).locator('[data-quiz-action="check-question"]').click()
    assert box(page).locator(".quiz-verdict").inner_text() == EN["verdict.correct"]
    assert box(page).locator(".quiz-mark").count() == 3
    # Once marked, nothing in the list moves until the learner tries the question again.
    assert box(page).locator(".quiz-reorder button:enabled, .quiz-reorder__keep input:enabled").count() == 0
    box(page).locator('[data-quiz-action="retry-question"]').click()
    assert box(page).locator(".quiz-reorder button:enabled").count() == 4
    assert box(page).locator(".quiz-reorder__keep input").is_enabled()
    assert shown_order(box(page)) == RIGHT


def test_a_moved_order_is_saved_and_restored(page):
    box(page).locator('li[data-item="%s"] button[data-move="-1"]' % FIRST[2]).click()
    moved = [FIRST[0], FIRST[2], FIRST[1]]
    assert shown_order(box(page)) == moved
    page.reload()
    page.wait_for_selector(READY, timeout=20000)
    assert shown_order(box(page)) == moved
    assert_places_follow_the_rows(page)
    assert box(page).locator(".quiz-reorder__keep input").is_checked()
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == progress(page, 1)
    # The ends stay disabled after Python enabled the form's buttons.
    assert box(page).locator('li[data-item="%s"] button[data-move="-1"]' % moved[0]).is_disabled()
    assert box(page).locator('li[data-item="%s"] button[data-move="1"]' % moved[-1]).is_disabled()
    assert box(page).locator(".quiz-reorder button:enabled").count() == 4


NO_ORDER = {
    "a place twice": {FIRST[0]: "2", FIRST[1]: "2", FIRST[2]: "1"},
    "a place missing": {FIRST[1]: "1"},
}


@pytest.mark.parametrize("case", NO_ORDER, ids=list(NO_ORDER))
def test_saved_places_that_are_no_order_show_the_first_order_unanswered(new_page, server, case):
    page = new_page()
    text = saved.encode("self-check", {ORDER.id: NO_ORDER[case]})
    page.add_init_script("localStorage.setItem('quiz-answers/v1/self-check', %s)" % json.dumps(text))
    page.goto(server + QUIZ_PATH)
    page.wait_for_selector(READY, timeout=20000)
    assert shown_order(box(page)) == FIRST
    assert set(places(page).values()) == {""}
    assert not box(page).locator(".quiz-reorder__keep input").is_checked()
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == progress(page, 0)
    assert page.recorder.errors == []


def axe_violations(page, selector):
    assert AXE.exists(), "axe-core is missing: run `npm ci` (make test does it)"
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "([sel, tags]) => axe.run(document.querySelector(sel), {runOnly: {type: 'tag', values: tags}})",
        [selector, WCAG_TAGS],
    )
    return [{"id": v["id"], "nodes": [node["target"] for node in v["nodes"]][:5]} for v in result["violations"]]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_enhanced_question_has_no_axe_violations(new_page, server, viewport, scheme):
    page = new_page(viewport=viewport, color_scheme=scheme, bypass_csp=True)
    page.goto(server + QUIZ_PATH)
    page.wait_for_selector(READY, timeout=20000)
    box(page).locator('li[data-item="%s"] button[data-move="1"]' % FIRST[0]).click()
    assert spoken(page)
    violations = axe_violations(page, BOX)
    assert violations == [], json.dumps(violations, indent=1)
    box(page).locator('[data-quiz-action="check-question"]').click()
    violations = axe_violations(page, BOX)
    assert violations == [], json.dumps(violations, indent=1)


GEOMETRY = """sel => {
    const list = document.querySelector(sel + ' ul.quiz-rows');
    const top = list.getBoundingClientRect().top, left = list.getBoundingClientRect().left;
    const rows = Array.from(list.querySelectorAll(':scope > li'), row => {
        const r = row.getBoundingClientRect(), label = row.querySelector('label').getBoundingClientRect();
        return [row.dataset.item, Math.round(r.top - top), Math.round(r.height),
                Math.round(label.left - left), Math.round(label.width)];
    });
    const select = list.querySelector('select:not([hidden])');
    const moves = list.querySelector('.quiz-row__moves');
    const box = (select || moves).getBoundingClientRect();
    const next = list.parentNode.querySelector('details.quiz-answer').getBoundingClientRect();
    return {rows: rows, control: [Math.round(box.left - left), Math.round(box.width), Math.round(box.height)],
            below: Math.round(next.top - top)};
}"""


def close(before, after):
    if isinstance(before, (list, tuple)):
        return len(before) == len(after) and all(close(a, b) for a, b in zip(before, after))
    if isinstance(before, dict):
        return before.keys() == after.keys() and all(close(before[key], after[key]) for key in before)
    return before == after if isinstance(before, str) else abs(before - after) <= 1


def test_nothing_in_the_list_moves_when_the_buttons_replace_the_selects(new_page, server, viewport):
    page = new_page(viewport=viewport)
    held = []
    page.route("**/assets/quiz/micropython/micropython.wasm", lambda route: held.append(route))
    page.goto(server + QUIZ_PATH)
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    page.wait_for_selector(BOX + " select[data-part]:visible")
    assert page.evaluate("document.documentElement.classList.contains('quiz-js')")
    before = page.evaluate(GEOMETRY, BOX)
    assert held, "the interpreter was never requested"
    for route in held:
        route.continue_()
    page.wait_for_selector(READY, timeout=20000)
    after = page.evaluate(GEOMETRY, BOX)
    assert close(before, after), (before, after)


def test_without_python_the_selects_are_the_question(new_page, server):
    page = new_page(java_script_enabled=False)
    page.goto(server + QUIZ_PATH)
    assert box(page).locator(".quiz-row__moves").count() == 0
    assert not box(page).locator(".quiz-reorder__keep").is_visible()
    for item in FIRST:
        box(page).locator("#q-%s-%s" % (ORDER.id, item)).select_option("1")
    assert set(places(page).values()) == {"1"}


def test_when_python_cannot_start_the_selects_stay(new_page, server):
    page = new_page()
    page.route("**/assets/quiz/micropython/**", lambda route: route.abort())
    page.goto(server + QUIZ_PATH)
    page.wait_for_selector("html[data-quiz-failed]", timeout=25000)
    for index, item in enumerate(RIGHT):
        box(page).locator("#q-%s-%s" % (ORDER.id, item)).select_option(str(index + 1))
    assert places(page) == {item: str(index + 1) for index, item in enumerate(RIGHT)}
    assert box(page).locator(".quiz-row__moves").count() == 0
    assert not box(page).locator(".quiz-reorder__keep").is_visible()


def test_clearing_puts_the_first_order_back_and_undo_restores_the_moves(page):
    box(page).locator('li[data-item="%s"] button[data-move="-1"]' % FIRST[2]).click()
    moved = [FIRST[0], FIRST[2], FIRST[1]]
    page.click(MAIN_FORM + ' [data-quiz-action="clear"]')
    assert shown_order(box(page)) == FIRST
    assert set(places(page).values()) == {""}
    assert not box(page).locator(".quiz-reorder__keep input").is_checked()
    page.click(MAIN_FORM + ' [data-quiz-action="undo"]')
    assert shown_order(box(page)) == moved
    assert_places_follow_the_rows(page)


def test_places_chosen_while_python_starts_are_kept(new_page, server):
    page = new_page()
    held = []
    page.route("**/assets/quiz/micropython/micropython.wasm", lambda route: held.append(route))
    page.goto(server + QUIZ_PATH)
    page.wait_for_selector(BOX + " select[data-part]:visible")
    for index, item in enumerate(RIGHT):
        box(page).locator("#q-%s-%s" % (ORDER.id, item)).select_option(str(index + 1))
    assert held, "the interpreter was never requested"
    for route in held:
        route.continue_()
    page.wait_for_selector(READY, timeout=20000)
    assert shown_order(box(page)) == RIGHT
    assert_places_follow_the_rows(page)
    assert box(page).locator(".quiz-reorder__keep input").is_checked()
