"""The quiz as a learner takes it, on a phone (375x740) and a desktop (1280x900): check one question or the
whole quiz at any time, a page that is finished before Python starts and does not move when it does,
feedback about what was chosen, results that last, and a result worth reading."""

import json

import pytest

from harness.quiz_driver import answer, answer_all, site_questions
from quiz import strings as catalogue
from quiz.browser import scoring

from .conftest import READY
from .site_pages import nav_page

pytestmark = pytest.mark.browser

EN = catalogue.load("en")
QUIZZES = site_questions()
MAIN = QUIZZES["self-check"]
SHUFFLED = "safety"
MAIN_FORM = 'form.quiz[data-quiz="self-check"]'
QUIZ_PATH = "/" + nav_page("quiz.md").url
HISTORY_KEY = "quiz-history/v1/self-check"


@pytest.fixture
def learner(quiz_at_viewport):
    """The quiz page, ready, on a phone and on a desktop (conftest.VIEWPORTS)."""
    return quiz_at_viewport


def box(page, question):
    return page.locator("#q-" + question.id)


def check_question(page, question):
    box(page, question).locator('[data-quiz-action="check-question"]').click()


def verdict(page, question):
    found = box(page, question).locator(".quiz-verdict")
    return found.inner_text() if found.count() else None


def submit(page):
    page.click(MAIN_FORM + " button[type=submit]")


def stored(page, key="quiz-answers/v1/self-check"):
    text = page.evaluate("key => localStorage.getItem(key)", key)
    return json.loads(text) if text else None


def positions(page):
    return page.evaluate(
        """() => Object.fromEntries(Array.from(document.querySelectorAll('fieldset.quiz-question'),
            node => [node.id, node.getBoundingClientRect().top + window.scrollY]))"""
    )


def test_one_question_can_be_checked_on_its_own(learner):
    page = learner
    first, second = MAIN[0], MAIN[1]
    answer(page, first)
    check_question(page, first)
    assert verdict(page, first) == "Correct"
    assert verdict(page, second) is None
    assert page.get_attribute(MAIN_FORM, "data-quiz-state") == "ready"
    # Checked questions stay checked after a reload; the question can be tried again.
    page.reload()
    page.wait_for_selector(READY)
    assert verdict(page, first) == "Correct"
    box(page, first).locator('[data-quiz-action="retry-question"]').click()
    assert verdict(page, first) is None
    assert page.evaluate("document.activeElement.closest('fieldset').id") == "q-" + first.id


def test_enter_in_a_text_box_checks_that_question_only(learner):
    page = learner
    fill = next(q for q in MAIN if q.type == "fill")
    box(page, fill).locator("input").fill("calves")
    box(page, fill).locator("input").press("Enter")
    assert verdict(page, fill) == "Correct"
    assert page.get_attribute(MAIN_FORM, "data-quiz-state") == "ready"
    assert page.locator(MAIN_FORM + " .quiz-result").is_hidden()


def test_checking_an_unanswered_question_says_what_to_do_and_clears_when_answered(learner):
    page = learner
    for question in MAIN:
        if question.type in ("single", "fill", "match"):
            check_question(page, question)
            note = box(page, question).locator(".quiz-error")
            family = {"single": "note.choose", "fill": "note.type", "match": "note.every_part"}[question.type]
            assert note.inner_text() == EN[family]
            focused = page.evaluate("document.activeElement.closest('fieldset') && document.activeElement.id")
            assert focused and focused.startswith("q-" + question.id)
            answer(page, question)
            assert box(page, question).locator(".quiz-error").count() == 0


def test_the_whole_quiz_can_be_checked_with_questions_skipped(learner):
    page = learner
    answered = MAIN[:3]
    for question in answered:
        answer(page, question)
    submit(page)
    # Nothing blocks the check: the questions left out score 0, say so, and are listed to revisit.
    assert page.get_attribute(MAIN_FORM, "data-quiz-state") == "finished"
    total = len(MAIN)
    score = page.inner_text(MAIN_FORM + " .quiz-result__score")
    assert score == "You scored 3 of %d (%d%%)." % (total, round(300 / total))
    for question in MAIN[3:]:
        assert verdict(page, question) == "Not answered"
    revisit = page.locator(MAIN_FORM + " .quiz-result__revisit a")
    assert revisit.count() == total - 3
    assert revisit.first.get_attribute("href") == "#q-" + MAIN[3].id
    assert page.inner_text(MAIN_FORM + " .quiz-result__revisit").startswith(
        "To revisit: Question 4 (Not answered), Question 5 (Not answered),"
    )
    assert page.evaluate("document.activeElement.textContent.trim()") == "Your result"
    # The focused heading is not hidden under the sticky header.
    header_bottom = page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")
    assert page.evaluate("document.activeElement.getBoundingClientRect().top") >= header_bottom - 1


def test_the_page_is_finished_before_python_and_nothing_moves_when_it_starts(new_page, server, viewport):
    page = new_page(viewport=viewport)
    release = []

    def hold(route):
        release.append(route)

    page.route("**/assets/quiz/micropython/micropython.wasm", hold)
    page.goto(server + QUIZ_PATH)
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    page.wait_for_timeout(300)
    assert page.get_attribute(MAIN_FORM, "data-quiz-state") == "starting"
    assert page.inner_text(MAIN_FORM + " .quiz-status") == EN["status.starting"]
    assert page.locator(MAIN_FORM + " button[type=submit]").is_disabled()
    assert page.locator(MAIN_FORM + " button[type=submit]").is_visible()
    before = positions(page)
    shuffled_before = page.evaluate(
        "q => document.querySelector(q).getBoundingClientRect().height", 'form.quiz[data-quiz="%s"]' % SHUFFLED
    )
    # An answer given while Python starts is kept and saved once it is ready.
    first = MAIN[0]
    box(page, first).locator("#q-%s-%s" % (first.id, first.correct_keys[0])).check()
    assert release, "the interpreter was never requested"
    for route in release:
        route.continue_()
    page.wait_for_selector(READY, timeout=20000)
    after = positions(page)
    shuffled = {"q-" + q.id for q in QUIZZES[SHUFFLED]}
    for question_id, top in before.items():
        if question_id not in shuffled:
            assert abs(after[question_id] - top) <= 2, question_id
    shuffled_after = page.evaluate(
        "q => document.querySelector(q).getBoundingClientRect().height", 'form.quiz[data-quiz="%s"]' % SHUFFLED
    )
    assert abs(shuffled_after - shuffled_before) <= 2
    assert page.inner_text(MAIN_FORM + " .quiz-status") == ""
    stored = json.loads(page.evaluate("() => localStorage.getItem('quiz-answers/v1/self-check')"))
    assert stored["answers"][first.id] == first.correct_keys[:1]


def test_without_javascript_the_instructions_match_the_page(new_page, server):
    page = new_page(java_script_enabled=False)
    page.goto(server + QUIZ_PATH)
    text = page.inner_text("article")
    assert "open Show the answer under each question" in text
    assert "Check this question" not in text and "Check my answers" not in text
    assert page.locator("article button:visible").count() == 0


def test_feedback_belongs_to_what_was_chosen(learner):
    page = learner
    question = next(q for q in MAIN if q.type == "single" and any(o.feedback for o in q.options))
    with_feedback = next(o for o in question.options if o.feedback)
    wrong = next(o for o in question.options if not o.correct and not o.feedback)
    for other in MAIN:
        answer(page, other)
    box(page, question).locator("#q-%s-%s" % (question.id, wrong.key)).check()
    check_question(page, question)
    options = box(page, question).locator("li.quiz-option")
    marks = {
        options.nth(i).evaluate("n => n.querySelector('input').value"): options.nth(i)
        .locator(".quiz-mark")
        .all_inner_texts()
        for i in range(options.count())
    }
    assert marks[wrong.key] == [" (chosen, wrong)"]
    assert marks[question.correct_keys[0]] == [" (missed)"]
    assert sorted(key for key, found in marks.items() if found) == sorted([wrong.key, question.correct_keys[0]])
    feedback = box(page, question).locator(".quiz-option__feedback")
    # The right option was missed, so its feedback shows; feedback of options neither chosen nor right does not.
    expected = [o.feedback for o in question.options if o.feedback and o.key in (wrong.key, question.correct_keys[0])]
    assert len(feedback.all_inner_texts()) == len(expected)
    assert with_feedback.key in (wrong.key, question.correct_keys[0])
    colour = page.evaluate(
        "n => getComputedStyle(n).color", box(page, question).locator(".quiz-mark--wrong").element_handle()
    )
    assert colour != page.evaluate("() => getComputedStyle(document.querySelector('article')).color")


def test_results_last_across_a_reload_with_history(learner):
    page = learner
    answer_all(page, MAIN)
    answer(page, MAIN[0], "wrong")
    submit(page)
    first_score = page.inner_text(MAIN_FORM + " .quiz-result__score")
    assert page.inner_text(MAIN_FORM + " .quiz-result__history") == EN["result.first"]
    page.reload()
    page.wait_for_selector(READY)
    assert page.get_attribute(MAIN_FORM, "data-quiz-state") == "finished"
    assert page.inner_text(MAIN_FORM + " .quiz-result__score") == first_score
    assert verdict(page, MAIN[0]) == "Incorrect"
    page.click(MAIN_FORM + ' [data-quiz-action="retry-wrong"]')
    # The right answers are kept; the wrong one is cleared to answer again.
    assert verdict(page, MAIN[1]) == "Correct"
    assert box(page, MAIN[0]).locator("input:checked").count() == 0
    answer(page, MAIN[0])
    submit(page)
    history = page.inner_text(MAIN_FORM + " .quiz-result__history")
    total = len(MAIN)
    assert history.startswith("Last time: %d of %d on " % (total - 1, total))
    assert history.endswith("Best: %d of %d." % (total, total))
    attempts = json.loads(page.evaluate("k => localStorage.getItem(k)", HISTORY_KEY))
    assert [attempt["earned"] for attempt in attempts] == [(total - 1) * 100, total * 100]


@pytest.mark.parametrize("stored", ["{bad", '[{"at": "yesterday", "earned": 1, "possible": 1}]', '{"a": 1}'])
def test_corrupt_history_is_cleared_with_a_message(new_page, server, stored):
    page = new_page()
    page.goto(server + QUIZ_PATH)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [HISTORY_KEY, stored])
    page.reload()
    page.wait_for_selector(READY)
    answer_all(page, MAIN)
    submit(page)
    assert page.inner_text(MAIN_FORM + " .quiz-status") == EN["saved.history_cleared"]
    assert page.inner_text(MAIN_FORM + " .quiz-result__history") == EN["result.first"]
    assert page.recorder.errors == []


def test_clear_can_be_undone(learner):
    page = learner
    answer_all(page, MAIN[:4])
    check_question(page, MAIN[0])
    page.click(MAIN_FORM + ' [data-quiz-action="clear"]')
    assert page.locator(MAIN_FORM + " input:checked").count() == 0
    assert page.inner_text(MAIN_FORM + " .quiz-status") == EN["saved.cleared"]
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == "0 of %d answered" % len(MAIN)
    assert [q.id for q in MAIN if scoring.is_answered(q.answer_key(), stored(page)["answers"][q.id])] == []
    page.click(MAIN_FORM + ' [data-quiz-action="undo"]')
    assert page.inner_text(MAIN_FORM + " .quiz-status") == EN["saved.restored"]
    assert verdict(page, MAIN[0]) == "Correct"
    assert page.inner_text(MAIN_FORM + " .quiz-progress").startswith("4 of ")


def test_start_over_clears_everything(learner):
    page = learner
    answer_all(page, MAIN)
    submit(page)
    page.click(MAIN_FORM + ' [data-quiz-action="start-over"]')
    assert page.get_attribute(MAIN_FORM, "data-quiz-state") == "ready"
    assert page.locator(MAIN_FORM + " input:checked").count() == 0
    assert page.locator(MAIN_FORM + " input:disabled, %s select:disabled" % MAIN_FORM).count() == 0
    assert page.locator(MAIN_FORM + " .quiz-verdict, %s .quiz-mark" % MAIN_FORM).count() == 0
    assert page.locator(MAIN_FORM + " .quiz-result").is_hidden()
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == "0 of %d answered" % len(MAIN)
    first = page.evaluate("id => document.getElementById('q-' + id).querySelector('input, select').id", MAIN[0].id)
    assert page.evaluate("document.activeElement.id") == first
    saved_state = stored(page)
    assert saved_state["finished"] is False and saved_state["checked"] == []
    assert page.recorder.errors == []


def test_the_result_fits_the_first_screen_and_the_page_grows_little(learner, viewport):
    page = learner
    height_before = page.evaluate("document.documentElement.scrollHeight")
    answer_all(page, MAIN)
    for question in MAIN[:3]:
        answer(page, question, "wrong")
    submit(page)
    assert page.evaluate("document.activeElement.className") == "quiz-result__title"
    rects = page.evaluate(
        """f => ['.quiz-result__title', '.quiz-result__score', '.quiz-result__revisit']
            .map(s => document.querySelector(f + ' ' + s).getBoundingClientRect())
            .map(r => [r.top, r.bottom])""",
        MAIN_FORM,
    )
    for top, bottom in rects:
        assert top >= 0 and bottom <= viewport["height"], rects
    grown = page.evaluate("document.documentElement.scrollHeight") - height_before
    # Every part, box and step now says its answer when it is not right ("belongs in place 2"), and a text
    # box says "correct" beside it: a little more than the 1.5 screens the marks once took.
    assert grown <= 1.6 * viewport["height"], grown
    assert page.locator(MAIN_FORM + " details.quiz-review[open]").count() == 0


def test_a_focused_question_is_never_under_the_back_to_top_button(learner, viewport):
    page = learner
    page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)")
    page.mouse.wheel(0, -200)
    last = MAIN[-1]
    page.locator("#q-%s input, #q-%s select" % (last.id, last.id)).first.focus()
    page.wait_for_timeout(300)
    button = page.evaluate(
        "() => { const b = document.querySelector('.md-top'); const r = b.getBoundingClientRect();"
        " return b.hidden ? null : [r.top, r.bottom]; }"
    )
    control = page.evaluate(
        "() => { const r = document.activeElement.getBoundingClientRect(); return [r.top, r.bottom]; }"
    )
    if button:
        assert control[1] <= button[0] or control[0] >= button[1]
    assert control[0] >= 0 and control[1] <= viewport["height"]


def test_a_number_box_without_a_number_asks_for_one_and_counts_as_not_answered(learner):
    page = learner
    numeric = next(q for q in MAIN if q.type == "numeric")
    field = box(page, numeric).locator("input")
    field.fill("four")
    note = box(page, numeric).locator(".quiz-error")
    # Said once the learner leaves the box, not while they type (tests/test_verdict.py).
    field.blur()
    assert note.inner_text() == EN["quiz.enter_number"].replace("{example}", "12")
    field.fill("4")
    assert note.count() == 0
    field.fill("about")
    submit(page)
    assert verdict(page, numeric) == "Not answered"


def test_the_result_gives_the_authors_words_for_the_score(learner):
    page = learner
    answer_all(page, MAIN)
    submit(page)
    feedback = page.inner_text(MAIN_FORM + " .quiz-result__feedback")
    assert feedback.startswith("You know the article well.")
    assert feedback.endswith("not the health of your ankles.")
