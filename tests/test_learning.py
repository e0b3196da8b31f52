"""Learning features in Debian's Chromium, on a phone and a desktop: the events integrators listen to, typo
tolerance, several tries with hints, certainty, pools and the review on a later visit."""

import json

import pytest

from harness.quiz_driver import answer, answer_all, site_questions
from quiz.page import SETTINGS_RE
from quiz.render import json_for_script

from .test_accessibility import axe_violations

pytestmark = pytest.mark.browser

QUIZZES = site_questions()
MAIN = QUIZZES["self-check"]
MAIN_FORM = 'form.quiz[data-quiz="self-check"]'

LISTEN = """() => {
    window.quizEvents = [];
    for (const name of ["quiz:progress", "quiz:result"]) {
        document.addEventListener(name, (event) => window.quizEvents.push(
            {name, target: event.target.id, bubbles: event.bubbles, detail: event.detail}));
    }
}"""


def events(page, name):
    return [event for event in page.evaluate("() => window.quizEvents") if event["name"] == name]


def test_progress_and_result_events_reach_a_document_listener(quiz_at_viewport, server):
    page = quiz_at_viewport
    page.evaluate(LISTEN)
    first = MAIN[0]
    answer(page, first)
    progress = events(page, "quiz:progress")[-1]
    assert progress["target"] == "quiz-self-check" and progress["bubbles"] is True
    assert progress["detail"]["quiz"] == "self-check"
    assert progress["detail"]["answered"] == 1 and progress["detail"]["total"] == len(MAIN)
    assert progress["detail"]["questions"] == []
    page.locator("#q-%s [data-quiz-action=check-question]" % first.id).click()
    checked = events(page, "quiz:progress")[-1]["detail"]
    assert checked["questions"] == [
        {"id": first.id, "verdict": "correct", "earned": first.points, "possible": first.points}
    ]
    assert checked["earned"] == checked["possible"] == first.points
    # Typing more into a box changes nothing a listener is told: no event per keystroke.
    before = len(events(page, "quiz:progress"))
    answer(page, MAIN[1], "wrong")
    after = len(events(page, "quiz:progress"))
    assert after == before + 1
    answer(page, MAIN[1], "wrong")
    assert len(events(page, "quiz:progress")) == after
    answer_all(page, MAIN[2:])
    assert events(page, "quiz:result") == []
    page.click(MAIN_FORM + " button[type=submit]")
    results = events(page, "quiz:result")
    assert len(results) == 1
    detail = results[0]["detail"]
    total = sum(question.points for question in MAIN)
    wrong = MAIN[1]
    assert detail["quiz"] == "self-check" and detail["form"] == "quiz-self-check"
    assert detail["answered"] == detail["total"] == len(MAIN)
    assert detail["possible"] == total and detail["earned"] == total - wrong.points
    assert [outcome["id"] for outcome in detail["questions"]] == [question.id for question in MAIN]
    assert detail["questions"][1] == {"id": wrong.id, "verdict": "incorrect", "earned": 0, "possible": wrong.points}
    # Nothing left the page.
    assert page.recorder.foreign(server) == []
    assert page.recorder.errors == []


def by_id(question_id):
    return next(question for question in MAIN if question.id == question_id)


def check(page, question):
    page.locator("#q-%s [data-quiz-action=check-question]" % question.id).click()


def test_a_misspelt_typed_answer_counts_and_names_its_spelling(quiz_at_viewport):
    page = quiz_at_viewport
    fill = by_id("hidden-limiter-name")
    assert fill.typos == 1
    box = page.locator("#q-%s" % fill.id)
    box.locator("input").fill("Calf musles")
    check(page, fill)
    assert box.locator(".quiz-verdict").inner_text() == "Correct (spelling: calf muscles)"
    # Two letters off is more than the question allows.
    box.locator("[data-quiz-action=retry-question]").click()
    box.locator("input").fill("calf mussels")
    check(page, fill)
    assert box.locator(".quiz-verdict").inner_text() == "Incorrect"
    # A typed gap of a cloze says so on the gap; a gap under five letters ("hips") is exact.
    cloze = by_id("calf-function-gaps")
    gaps = page.locator("#q-%s" % cloze.id)
    typed = [gap for gap in cloze.gaps if not gap.options]
    gaps.locator("#q-%s-%s" % (cloze.id, typed[0].key)).fill(
        "blo" + "kc"
    )  # two letters swapped (split for the spell checker)
    gaps.locator("#q-%s-%s" % (cloze.id, typed[1].key)).fill("hisp")
    for gap in cloze.gaps:
        if gap.options:
            gaps.locator("#q-%s-%s" % (cloze.id, gap.key)).select_option(
                next(option.key for option in gap.options if option.correct)
            )
    check(page, cloze)
    marks = gaps.locator(".quiz-mark").all_inner_texts()
    assert marks[0] == " (correct (spelling: block))"
    assert marks[2].startswith(" (incorrect")
    assert gaps.locator(".quiz-verdict").inner_text().endswith("(spelling: block)")
    assert page.recorder.errors == []


def test_each_wrong_try_reveals_the_next_hint_and_the_penalty_counts(quiz_at_viewport):
    page = quiz_at_viewport
    fill = by_id("hidden-limiter-name")
    assert len(fill.hints) == 2 and fill.penalty == [1, 4]
    box = page.locator("#q-%s" % fill.id)
    hints = box.locator("details[data-quiz-hint]")
    assert hints.count() == 2
    assert box.locator("details[data-quiz-hint] > summary").all_inner_texts() == [
        "Show hint 1 of 2",
        "Show hint 2 of 2",
    ]
    assert box.locator("details[data-quiz-hint][open]").count() == 0
    box.locator("input").fill("ankles")
    check(page, fill)
    assert box.locator(".quiz-verdict").inner_text() == "Incorrect"
    assert hints.nth(0).get_attribute("open") is not None and hints.nth(1).get_attribute("open") is None
    box.locator("[data-quiz-action=retry-question]").click()
    box.locator("input").fill("calves")
    check(page, fill)
    assert box.locator(".quiz-verdict").inner_text() == "Correct"
    assert box.locator(".quiz-tries").inner_text() == (
        "Try 2, hints used: 1: 0.75 of 1 point after the penalty for each try."
    )
    # Tries and hints are saved with the answers, and come back with the marks after a reload.
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('quiz-answers/v1/self-check'))")
    assert stored["tries"] == {fill.id: 2} and stored["hints"] == {fill.id: 1}
    page.reload()
    page.wait_for_selector("form.quiz[data-quiz-state=ready]")
    box = page.locator("#q-%s" % fill.id)
    assert box.locator(".quiz-tries").inner_text().startswith("Try 2, hints used: 1")
    assert box.locator("details[data-quiz-hint][open]").count() == 1
    # The whole quiz counts the question at three quarters of its point, and the review says why.
    answer_all(page, [question for question in MAIN if question.id != fill.id])
    page.click(MAIN_FORM + " button[type=submit]")
    detail_total = sum(question.points for question in MAIN)
    result = page.inner_text(MAIN_FORM + " .quiz-result__score")
    assert result.startswith("You scored %s of %d" % ("%g" % (detail_total - 0.25), detail_total))
    page.click(MAIN_FORM + " details.quiz-review > summary")
    assert "Try 2, hints used: 1" in page.inner_text(MAIN_FORM + " .quiz-review__list")
    # Start over: a fresh attempt, no tries and the hints closed.
    page.click(MAIN_FORM + " [data-quiz-action=start-over]")
    assert box.locator("details[data-quiz-hint][open]").count() == 0
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('quiz-answers/v1/self-check'))")
    assert "tries" not in stored and "hints" not in stored
    assert page.recorder.errors == []


READY_FORM = "form.quiz[data-quiz-state=ready]"


def serve_with_settings(page, **changes):
    """The site's quiz page served with these page settings changed, as the front matter would write them
    (quiz/page.py: quiz_pool -> "pool")."""

    def serve(route):
        response = route.fetch()
        html = response.text()
        found = SETTINGS_RE.search(html)
        values = json.loads(found.group(1))
        values.update(changes)
        route.fulfill(response=response, body=html.replace(found.group(1), json_for_script(values)))

    page.route("**/quiz.html", serve)


def shown_ids(page, form=MAIN_FORM):
    return page.locator(form + " fieldset.quiz-question:not([hidden])").evaluate_all(
        "nodes => nodes.map(node => node.getAttribute('data-quiz-question'))"
    )


def quiz_with_settings(new_page, server, viewport, **changes):
    """The quiz page at this viewport with its settings changed; the site's service worker is blocked, as it
    would answer the reloads past page.route."""
    page = new_page(viewport=viewport, service_workers="block")
    serve_with_settings(page, **changes)
    page.goto(server + "/quiz.html")
    page.wait_for_selector(READY_FORM)
    return page


def test_a_pool_draws_five_questions_kept_for_the_attempt_and_drawn_afresh_on_start_over(new_page, server, viewport):
    page = quiz_with_settings(new_page, server, viewport, pool={"self-check": 5})
    drawn = shown_ids(page)
    assert len(drawn) == 5 and len(set(drawn)) == 5
    # The others are hidden, and neither counted nor scored.
    assert page.locator(MAIN_FORM + " fieldset.quiz-question[hidden]").count() == len(MAIN) - 5
    progress = page.locator(MAIN_FORM + " .quiz-progress")
    assert progress.inner_text() == "0 of 5 answered"
    # Numbered as shown: Question 1 to 5.
    numbers = page.locator(MAIN_FORM + " fieldset.quiz-question:not([hidden]) .quiz-question__number")
    assert numbers.all_inner_texts() == ["Question %d:" % n for n in range(1, 6)]
    first = by_id(drawn[0])
    answer(page, first)
    assert progress.inner_text() == "1 of 5 answered"
    # A reload shows the same draw, with the answer given.
    page.reload()
    page.wait_for_selector(READY_FORM)
    assert shown_ids(page) == drawn
    assert progress.inner_text() == "1 of 5 answered"
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('quiz-answers/v1/self-check'))")
    assert set(stored["answers"]) == set(drawn)
    answer_all(page, [by_id(question_id) for question_id in drawn[1:]])
    page.click(MAIN_FORM + " button[type=submit]")
    points = sum(by_id(question_id).points for question_id in drawn)
    score = page.locator(MAIN_FORM + " .quiz-result__score").inner_text()
    assert score == "You scored %d of %d (100%%)." % (points, points)
    review = page.locator(MAIN_FORM + " .quiz-review__item")
    assert review.count() == 5
    # Starting over draws again (and a new draw is saved): another set of five, sooner or later.
    seed = page.evaluate("() => localStorage.getItem('quiz-pool/v1/self-check')")
    for _ in range(5):
        page.click(MAIN_FORM + " [data-quiz-action=start-over]")
        if shown_ids(page) != drawn:
            break
    assert shown_ids(page) != drawn and len(shown_ids(page)) == 5
    assert page.evaluate("() => localStorage.getItem('quiz-pool/v1/self-check')") != seed
    assert progress.inner_text() == "0 of 5 answered"
    assert page.recorder.errors == []


def test_without_javascript_a_pool_shows_every_question(new_page, server, viewport):
    page = new_page(viewport=viewport, java_script_enabled=False, service_workers="block")
    serve_with_settings(page, pool={"self-check": 5})
    page.goto(server + "/quiz.html")
    assert page.locator(MAIN_FORM + " fieldset.quiz-question").count() == len(MAIN)
    assert page.locator(MAIN_FORM + " fieldset.quiz-question[hidden]").count() == 0
    assert page.locator(MAIN_FORM + " fieldset.quiz-question").last.is_visible()


SAFETY = QUIZZES["safety"]
SAFETY_FORM = 'form.quiz[data-quiz="safety"]'


def be_sure(page, question, level):
    page.locator("#q-%s-sure-%s" % (question.id, level)).check()


def test_certainty_is_asked_saved_and_names_the_wrong_answers_given_as_sure(quiz_at_viewport):
    page = quiz_at_viewport
    first, second, third = SAFETY
    group = page.locator("#q-%s [role=radiogroup]" % first.id)
    assert group.get_attribute("aria-labelledby") == "q-%s-sure" % first.id
    assert page.locator("#q-%s-sure" % first.id).inner_text() == "How sure are you?"
    assert group.locator("label").all_inner_texts() == ["Low", "Medium", "High"]
    assert group.locator("input[type=radio]:not([disabled])").count() == 3
    # The self-check quiz does not ask.
    assert page.locator(MAIN_FORM + " [data-quiz-sure]").count() == 0
    answer(page, first, "wrong")
    be_sure(page, first, "high")
    answer(page, second, "wrong")
    be_sure(page, second, "low")
    answer(page, third)
    be_sure(page, third, "high")
    stored = page.evaluate("() => JSON.parse(localStorage.getItem('quiz-answers/v1/safety'))")
    assert stored["sure"] == {first.id: "high", second.id: "low", third.id: "high"}
    # Saved with the answer: a reload brings the choices back.
    page.reload()
    page.wait_for_selector(SAFETY_FORM + "[data-quiz-state=ready]")
    assert page.locator("#q-%s-sure-high" % first.id).is_checked()
    assert page.locator("#q-%s-sure-low" % second.id).is_checked()
    page.click(SAFETY_FORM + " button[type=submit]")
    line = page.locator(SAFETY_FORM + " .quiz-result__sure-wrong")
    # Only the wrong answer given as sure: not the wrong one given as a guess, nor the right one given as sure.
    number = page.locator(SAFETY_FORM + " fieldset.quiz-question").evaluate_all(
        "(nodes, id) => nodes.findIndex(node => node.id === id) + 1", "q-" + first.id
    )
    assert line.inner_text() == "You were sure, but these were wrong: Question %d" % number
    assert line.locator("a").get_attribute("href") == "#q-%s" % first.id
    # The score is the same as without certainty: one right answer.
    points = sum(question.points for question in SAFETY)
    assert (
        page.locator(SAFETY_FORM + " .quiz-result__score")
        .inner_text()
        .startswith("You scored %d of %d" % (third.points, points))
    )
    # Checked answers lock their certainty too; starting over clears it.
    assert page.locator("#q-%s-sure-high" % first.id).is_disabled()
    page.click(SAFETY_FORM + " [data-quiz-action=start-over]")
    assert page.locator(SAFETY_FORM + " [data-quiz-sure]:checked").count() == 0
    assert page.recorder.errors == []


def test_without_javascript_certainty_is_not_shown(new_page, server, viewport):
    page = new_page(viewport=viewport, java_script_enabled=False)
    page.goto(server + "/quiz.html")
    assert page.locator(SAFETY_FORM + " input[data-quiz-sure]").count() == 3 * len(SAFETY)
    assert not page.locator(SAFETY_FORM + " .quiz-confidence").first.is_visible()


def test_a_later_visit_offers_a_short_review_of_the_questions_missed(new_page, server, viewport):
    # Axe is injected as an inline script, which the site's CSP rightly refuses.
    page = new_page(viewport=viewport, bypass_csp=True)
    page.clock.set_fixed_time("2026-03-02T10:00:00")
    page.goto(server + "/quiz.html")
    page.wait_for_selector(READY_FORM)
    missed = [MAIN[1], MAIN[4]]
    for question in MAIN:
        answer(page, question, "wrong" if question in missed else "right")
    page.click(MAIN_FORM + " button[type=submit]")
    boxes = page.evaluate("() => JSON.parse(localStorage.getItem('quiz-boxes/v1/self-check'))")["boxes"]
    # Wrong: box 1, due the next day; right: box 2, due in three days.
    assert boxes[missed[0].id] == {"box": 1, "due": "2026-03-03"}
    assert boxes[MAIN[0].id] == {"box": 2, "due": "2026-03-05"}
    offer = page.locator(MAIN_FORM + " [data-quiz-action=review-due]")
    status = page.locator(MAIN_FORM + " .quiz-status")
    # The same day: nothing to review yet.
    page.reload()
    page.wait_for_selector(MAIN_FORM + "[data-quiz-state=finished]")
    assert offer.count() == 0
    # The next day: the two missed questions.
    page.clock.set_fixed_time("2026-03-03T09:00:00")
    page.reload()
    page.wait_for_selector(MAIN_FORM + "[data-quiz-state=finished]")
    assert status.inner_text() == "Due for review from last time: 2."
    assert offer.inner_text() == "Start a 2-minute review"
    assert axe_violations(page, MAIN_FORM) == []
    offer.click()
    assert offer.count() == 0
    assert shown_ids(page) == [question.id for question in missed]
    assert page.locator(MAIN_FORM + " .quiz-progress").inner_text() == "0 of 2 answered"
    answer_all(page, missed)
    page.click(MAIN_FORM + " button[type=submit]")
    points = sum(question.points for question in missed)
    score = page.locator(MAIN_FORM + " .quiz-result__score").inner_text()
    assert score == "You scored %d of %d (100%%)." % (points, points)
    # A review moves the boxes but is not an attempt at the quiz.
    history = page.evaluate("() => JSON.parse(localStorage.getItem('quiz-history/v1/self-check'))")
    assert len(history) == 1 and history[0]["at"] == "2026-03-02"
    boxes = page.evaluate("() => JSON.parse(localStorage.getItem('quiz-boxes/v1/self-check'))")["boxes"]
    assert boxes[missed[0].id] == {"box": 2, "due": "2026-03-06"}
    # Start over shows every question again.
    page.click(MAIN_FORM + " [data-quiz-action=start-over]")
    assert len(shown_ids(page)) == len(MAIN)
    # Three days after the first check, the questions right then are due too.
    page.clock.set_fixed_time("2026-03-05T09:00:00")
    page.reload()
    page.wait_for_selector(READY_FORM)
    assert status.inner_text() == "Due for review from last time: %d." % (len(MAIN) - len(missed))
    assert page.recorder.errors == []
