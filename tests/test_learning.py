"""Learning features in Debian's Chromium, on a phone and a desktop: the events integrators listen to, typo
tolerance, several tries with hints, certainty, pools and the review on a later visit."""

import pytest

from harness.quiz_driver import answer, answer_all, site_questions

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
