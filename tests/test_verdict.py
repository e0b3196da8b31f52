"""Every learner hears and sees the verdict, on a phone (375x740) and a desktop (1280x900): each check and the
result said through the quiz's one live region, questions named by their number, honest marks for what was
left blank, the same feedback for every type, the answer only after a check, a number box that waits for the
learner, a sticky progress bar, targets of 44 px, and nothing covering or pushing what the learner acts on."""

import re

import pytest

from harness.quiz_driver import answer, answer_all, site_questions
from quiz import strings as catalogue

from .conftest import READY

pytestmark = pytest.mark.browser

EN = catalogue.load("en")
MAIN = site_questions()["self-check"]
MAIN_FORM = 'form.quiz[data-quiz="self-check"]'
LIVE = MAIN_FORM + " .quiz-announce"


def of_type(kind):
    return next(question for question in MAIN if question.type == kind)


def number(question):
    return MAIN.index(question) + 1


def box(page, question):
    return page.locator("#q-" + question.id)


def press(page, question):
    box(page, question).locator(".quiz-question__actions button").click()


def marks(page, question):
    return box(page, question).locator(".quiz-mark").all_inner_texts()


def submit(page):
    page.click(MAIN_FORM + " button[type=submit]")
    page.wait_for_selector(MAIN_FORM + "[data-quiz-state=finished]")


def test_the_live_region_is_in_the_page_before_python_starts(site_dir):
    html = (site_dir / "quiz.html").read_text(encoding="utf-8")
    forms = re.findall(r"<form class=\"quiz\".*?</form>", html, re.S)
    assert len(forms) == 2
    for form in forms:
        # One live region per quiz, empty, and nothing else in the form that speaks on its own.
        assert form.count("aria-live") == 1
        assert '<p class="quiz-announce quiz-visually-hidden" aria-live="polite"></p>' in form
        assert 'role="status"' not in form and 'role="alert"' not in form
    # Each question is named by its number in its legend, from the catalogue: not CSS content.
    assert '<span class="quiz-question__number">Question 3:</span>' in forms[0]
    assert "counter(" not in (site_dir / "assets" / "quiz" / "web" / "quiz.css").read_text(encoding="utf-8")


def test_a_check_and_the_result_are_announced(quiz_at_viewport):
    page = quiz_at_viewport
    order = of_type("order")
    answer(page, order, "one-right")
    press(page, order)
    said = page.inner_text(LIVE)
    assert said.startswith("Question %d: Partly correct: 0.33 of 1 point." % number(order)), said
    assert "belongs in place 2" in said and "Not right:" in said
    # The question's accessible name carries its number, as the result's "To revisit" links name it.
    group = box(page, order).aria_snapshot().splitlines()[0]
    assert 'group "Question %d: Put the chain reaction' % number(order) in group, group
    # Focus stays on the question's button, now "Try again", and the verdict is there to see.
    assert page.evaluate("document.activeElement.textContent") == EN["question.retry"]
    assert box(page, order).locator(".quiz-verdict").is_visible()
    # A text box checked with Enter: it is disabled now, so focus goes to the button.
    fill = of_type("fill")
    box(page, fill).locator("input").fill("not the answer")
    box(page, fill).locator("input").press("Enter")
    assert page.inner_text(LIVE).startswith("Question %d: Incorrect." % number(fill))
    assert page.evaluate("document.activeElement.textContent") == EN["question.retry"]
    submit(page)
    said = page.inner_text(LIVE)
    assert said.startswith("You scored ") and "Question %d (Partly correct" % number(order) in said, said


def test_what_was_left_blank_is_not_answered_never_incorrect(quiz_at_viewport):
    page = quiz_at_viewport
    submit(page)
    for kind in ("order", "match", "cloze", "fill", "numeric"):
        question = of_type(kind)
        found = marks(page, question)
        assert found, kind
        assert all("not answered" in mark and "incorrect" not in mark for mark in found), (kind, found)
    order = of_type("order")
    assert sorted(marks(page, order)) == sorted(
        " (%s)" % EN["mark.order_unanswered"].replace("{place}", str(place)) for place in range(1, 4)
    )
    numeric = of_type("numeric")
    value, _, unit = numeric.number
    assert marks(page, numeric) == [" (not answered, the answer is %s)" % ("%g %s" % (value, unit)).strip()]
    assert box(page, of_type("order")).locator(".quiz-verdict").inner_text().endswith(EN["verdict.unanswered"])


def test_every_type_says_what_the_answer_is(quiz_at_viewport):
    page = quiz_at_viewport
    for kind in ("fill", "numeric", "order", "match", "cloze"):
        answer(page, of_type(kind), "wrong")
    submit(page)
    fill, numeric = of_type("fill"), of_type("numeric")
    assert marks(page, fill) == [" (incorrect, the answer is %s)" % fill.accepted[0]]
    value, _, unit = numeric.number
    assert marks(page, numeric) == [" (incorrect, the answer is %s)" % ("%g %s" % (value, unit)).strip()]
    order = marks(page, of_type("order"))
    assert order and all(re.fullmatch(r" \(incorrect, belongs in place \d\)", mark) for mark in order), order
    for kind in ("match", "cloze"):
        found = marks(page, of_type(kind))
        assert found and all(mark.startswith(" (incorrect, the answer is ") for mark in found), found


def test_the_answer_opens_only_after_a_check_and_looks_unlike_a_hint(quiz_at_viewport):
    page = quiz_at_viewport
    hinted = next(question for question in MAIN if question.hint)
    answer_box = box(page, hinted).locator("details.quiz-answer")
    hint = box(page, hinted).locator("details.quiz-hint")
    assert hint.is_visible() and not answer_box.is_visible()
    answer(page, hinted, "wrong")
    press(page, hinted)
    assert answer_box.is_visible()
    style = "node => [getComputedStyle(node).borderColor, getComputedStyle(node.firstElementChild).backgroundColor]"
    assert hint.evaluate(style) != answer_box.evaluate(style)
    # Trying again closes and hides it again.
    answer_box.locator("summary").click()
    press(page, hinted)
    assert not answer_box.is_visible()


def test_the_order_hint_describes_the_buttons(quiz_at_viewport):
    order = of_type("order")
    hint = box(quiz_at_viewport, order).locator(".quiz-question__hint")
    assert hint.inner_text() == EN["hint.order_moves"]
    # The hint is what a screen reader hears for the question too.
    assert EN["hint.order_moves"] in box(quiz_at_viewport, order).aria_snapshot()
    # Without the buttons (no JavaScript) the drop-downs' hint shows instead.
    page = quiz_at_viewport.context.browser.new_context(java_script_enabled=False).new_page()
    page.goto(quiz_at_viewport.url)
    assert box(page, order).locator(".quiz-question__hint").inner_text() == EN["hint.order"]
    page.context.close()


def test_the_number_box_waits_until_the_learner_leaves_it(quiz_at_viewport):
    page = quiz_at_viewport
    numeric = of_type("numeric")
    field = box(page, numeric).locator("input")
    field.scroll_into_view_if_needed()
    top = field.bounding_box()["y"]
    field.press_sequentially("-")
    assert box(page, numeric).locator(".quiz-error").count() == 0
    field.press_sequentially("4")
    field.fill("abc")
    assert box(page, numeric).locator(".quiz-error").count() == 0
    field.blur()
    assert box(page, numeric).locator(".quiz-error").inner_text() == EN["quiz.enter_number"].replace("{example}", "12")
    # The note sits under the box: the box stays where the learner's finger is.
    assert abs(field.bounding_box()["y"] - top) < 1
    field.fill("4")
    assert box(page, numeric).locator(".quiz-error").count() == 0


def test_the_check_button_stays_under_the_finger_and_the_verdict_shows(quiz_at_viewport):
    page = quiz_at_viewport
    # Wrong: the feedback of the missed option appears above the button.
    question = MAIN[0]
    answer(page, question, "wrong")
    button = box(page, question).locator(".quiz-question__actions button")
    # Where a finger presses it: mid-screen, with room above for the verdict.
    button.evaluate("node => node.scrollIntoView({block: 'center'})")
    before = button.bounding_box()["y"]
    button.click()
    assert abs(button.bounding_box()["y"] - before) < 2
    verdict = box(page, question).locator(".quiz-verdict").bounding_box()
    assert verdict["y"] >= 0 and verdict["y"] + verdict["height"] <= page.viewport_size["height"]


def test_a_verdict_that_lands_off_screen_is_scrolled_into_view(quiz_at_viewport):
    page = quiz_at_viewport
    # A text box at the foot of the screen, checked with Enter: its verdict, in the row below, would land
    # under the screen's edge.
    fill = of_type("fill")
    field = box(page, fill).locator("input")
    field.fill("not the answer")
    field.evaluate("node => window.scrollBy(0, node.getBoundingClientRect().bottom - innerHeight + 2)")
    verdict_row = box(page, fill).locator(".quiz-question__actions").bounding_box()
    assert verdict_row["y"] >= page.viewport_size["height"], verdict_row
    field.press("Enter")
    page.wait_for_timeout(300)
    verdict = box(page, fill).locator(".quiz-verdict").bounding_box()
    bar = page.locator(MAIN_FORM + " .quiz-bar").bounding_box()
    assert verdict["y"] >= bar["y"] + bar["height"] - 1, (verdict, bar)
    assert verdict["y"] + verdict["height"] <= page.viewport_size["height"], verdict


def test_touch_targets_are_44_px(quiz_at_viewport):
    page = quiz_at_viewport
    question, numeric = MAIN[0], of_type("numeric")
    answer(page, question, "right")
    press(page, question)
    page.click(MAIN_FORM + ' [data-quiz-action="clear"]')
    targets = [
        MAIN_FORM + " .quiz-question__actions button",
        MAIN_FORM + ' [data-quiz-action="undo"]',
        MAIN_FORM + " .quiz-next",
        MAIN_FORM + " button[type=submit]",
        "#q-%s input" % numeric.id,
        MAIN_FORM + " .quiz-hint > summary",
    ]
    for selector in targets:
        size = page.locator(selector).first.bounding_box()
        assert size["height"] >= 44, (selector, size)
    # Every option row and certainty choice, pressed anywhere on its label; the box centred on the first line.
    for label in page.locator(".quiz-option label, .quiz-confidence__choice label").all():
        size = label.bounding_box()
        assert size["height"] >= 44 and size["width"] >= 24, (label.text_content(), size)
    for row in page.locator(".quiz-option").all()[:8]:
        tick, label = row.locator("input").bounding_box(), row.locator("label").bounding_box()
        assert abs(tick["y"] + tick["height"] / 2 - (label["y"] + 22)) <= 2, (tick, label)
    answer(page, question, "wrong")
    press(page, question)
    summary = box(page, question).locator("details.quiz-answer > summary").bounding_box()
    assert summary["height"] >= 44


CONTRAST = """node => {
  const parse = text => text.match(/[\\d.]+/g).map(Number);
  const luminance = ([r, g, b]) => [r, g, b].map(v => {
    v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
  }).reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  let page = parse(getComputedStyle(document.body).backgroundColor);
  if (page.length > 3 && page[3] === 0) page = [255, 255, 255];
  const fill = parse(getComputedStyle(node).backgroundColor);
  const alpha = fill.length > 3 ? fill[3] : 1;
  const shown = [0, 1, 2].map(i => fill[i] * alpha + page[i] * (1 - alpha));
  const [a, b] = [luminance(shown), luminance(page)].sort((x, y) => y - x);
  return {appearance: getComputedStyle(node).appearance, opacity: getComputedStyle(node).opacity,
          contrast: (a + 0.05) / (b + 0.05)};
}"""


def test_a_chosen_option_stays_clearly_visible_after_a_check(quiz_at_viewport):
    page = quiz_at_viewport
    question = MAIN[0]
    answer(page, question, "right")
    press(page, question)
    chosen = box(page, question).locator("input:checked")
    shown = chosen.evaluate(CONTRAST)
    # Drawn by the stylesheet, not greyed by the browser: its fill stands out from the page by 4.5:1 or more.
    assert shown["appearance"] == "none" and shown["opacity"] == "1", shown
    assert shown["contrast"] >= 4.5, shown


def test_the_progress_bar_stays_in_sight_and_leads_to_the_next_open_question(quiz_at_viewport):
    page = quiz_at_viewport
    bar = page.locator(MAIN_FORM + " .quiz-bar")
    answer(page, MAIN[0], "wrong")
    press(page, MAIN[0])
    answer(page, MAIN[1], "right")
    box(page, MAIN[6]).scroll_into_view_if_needed()
    where = bar.bounding_box()
    assert 0 <= where["y"] <= 60 and bar.is_visible(), where
    assert "2 of %d answered" % len(MAIN) in bar.inner_text()
    assert "1 to revisit" in bar.inner_text()
    bar.locator(".quiz-next").click()
    focused = page.evaluate("document.activeElement.closest('fieldset').id")
    assert focused == "q-" + MAIN[2].id
    # What it leads to is not under the bar or the header.
    legend = box(page, MAIN[2]).bounding_box()
    assert legend["y"] >= bar.bounding_box()["y"] + bar.bounding_box()["height"] - 1


def test_the_first_question_is_on_the_first_screen_of_a_phone(new_page, server):
    page = new_page(viewport={"width": 375, "height": 740})
    page.goto(server + "/quiz.html")
    page.wait_for_selector(READY, timeout=20000)
    legend = box(page, MAIN[0]).locator("legend").bounding_box()
    assert legend["y"] + legend["height"] <= 740, legend
    # The scoring note is folded.
    assert page.locator("details.note").count() == 1 and not page.locator("details.note").get_attribute("open")


def overlaps(a, b):
    return (
        a
        and b
        and a["x"] < b["x"] + b["width"]
        and b["x"] < a["x"] + a["width"]
        and a["y"] < b["y"] + b["height"]
        and b["y"] < a["y"] + a["height"]
    )


def test_back_to_top_never_covers_the_question_or_its_verdict(quiz_at_viewport):
    page = quiz_at_viewport
    answer_all(page, MAIN)
    answer(page, MAIN[9], "wrong")
    submit(page)
    # Following a "To revisit" link scrolls up the page, which is when Material shows "Back to top".
    page.click(MAIN_FORM + " .quiz-result__revisit a")
    page.wait_for_timeout(600)
    target = box(page, MAIN[9])
    top = page.locator(".md-top")
    covering = top.bounding_box() if top.is_visible() else None
    assert not overlaps(covering, target.locator("legend").bounding_box())
    bar = page.locator(MAIN_FORM + " .quiz-bar").bounding_box()
    assert target.locator("legend").bounding_box()["y"] >= bar["y"] + bar["height"] - 1
    # After trying it again: focus on its first control, which nothing covers.
    target.locator(".quiz-question__actions button").click()
    page.mouse.wheel(0, -300)
    page.wait_for_timeout(600)
    covering = top.bounding_box() if top.is_visible() else None
    for part in (target.locator(".quiz-question__actions button"), target.locator("legend")):
        assert not overlaps(covering, part.bounding_box())


def test_a_past_score_has_its_date_in_words(quiz_at_viewport):
    page = quiz_at_viewport
    submit(page)
    page.click(MAIN_FORM + ' [data-quiz-action="start-over"]')
    submit(page)
    history = page.inner_text(MAIN_FORM + " .quiz-result__history")
    month = page.evaluate("new Date().toLocaleDateString('en', {month: 'long'})")
    assert month in history and not re.search(r"\d+/\d+/\d+", history), history


def test_print_shows_each_verdict_and_keeps_headings_with_their_text(quiz_at_viewport):
    page = quiz_at_viewport
    answer(page, MAIN[0], "right")
    press(page, MAIN[0])
    page.emulate_media(media="print")
    verdict = box(page, MAIN[0]).locator(".quiz-verdict")
    assert verdict.is_visible()
    assert not box(page, MAIN[0]).locator(".quiz-question__actions button").is_visible()
    assert page.locator("article h2").first.evaluate("node => getComputedStyle(node).breakAfter") == "avoid"


@pytest.mark.parametrize("width", [320])
def test_a_partly_right_verdict_wraps_on_a_small_phone(new_page, server, width):
    page = new_page(viewport={"width": width, "height": 720})
    page.goto(server + "/quiz.html")
    page.wait_for_selector(READY, timeout=20000)
    for question in MAIN:
        how = {"multiple": "two-of-three", "order": "one-right", "cloze": "first-gap-only"}.get(question.type)
        if how:
            answer(page, question, how)
            press(page, question)
    assert page.evaluate("document.scrollingElement.scrollWidth <= innerWidth")
