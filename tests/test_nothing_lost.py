"""Nothing a learner gives is lost, and every score adds up: exact totals, answers compared as the same text
whatever their bytes, unique form ids and storage keys, a score even when storage is full, results kept but
marked out of date, limits the page itself keeps to, and tabs that agree."""

import json

import pytest

from quiz import strings as catalogue

from .conftest import READY
from .quiz_driver import answer, site_questions
from .site_pages import nav_page

pytestmark = pytest.mark.browser

EN = catalogue.load("en")
QUIZZES = site_questions()
MAIN = QUIZZES["self-check"]
MAIN_FORM = 'form.quiz[data-quiz="self-check"]'
QUIZ_PATH = "/" + nav_page("quiz.md").url


def box(page, question):
    return page.locator("#q-" + question.id)


def submit(page, form=MAIN_FORM):
    page.click(form + " button[type=submit]")


def open_quiz(new_page, url, init_script=None, context=None):
    page = context.new_page() if context is not None else new_page()
    if init_script:
        page.add_init_script(init_script)
    page.goto(url)
    page.wait_for_selector(READY, timeout=20000)
    return page


def test_thirds_add_up_to_whole_points(quiz_page):
    page = quiz_page
    thirds = [q for q in MAIN if q.type == "multiple" and len(q.correct_keys) == 3][:3]
    assert len(thirds) == 3
    for question in thirds:
        box(page, question).locator("#q-%s-%s" % (question.id, question.correct_keys[0])).check()
    answer(page, next(q for q in MAIN if q.type == "single"))
    submit(page)
    total = len(MAIN)
    score = page.inner_text(MAIN_FORM + " .quiz-result__score")
    assert score == "You scored 2 of %d (%d%%)." % (total, round(200 / total))
    for question in thirds:
        assert box(page, question).locator(".quiz-verdict").inner_text() == "Partly correct: 0.33 of 1 point"
