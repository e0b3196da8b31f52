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
