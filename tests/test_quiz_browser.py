"""The quiz in Debian's Chromium: Python starts, scores as documented, and works from the keyboard alone."""

import pytest

from quiz import scoring
from quiz.check import check_docs

from .conftest import DOCS, READY

SUBMIT = "form.quiz button[type=submit]"

pytestmark = pytest.mark.browser


def site_questions():
    questions, _ = check_docs(str(DOCS))
    return questions["docs/quiz.md"] if "docs/quiz.md" in questions else next(iter(questions.values()))


QUESTIONS = site_questions()


def answer(page, question, keys):
    for key in keys:
        page.check("#q-%s-%s" % (question.id, key))


def verdicts(page):
    return page.locator(".quiz-verdict").all_inner_texts()


def test_quiz_reaches_ready_with_python(quiz_page):
    assert quiz_page.get_attribute("html", "data-quiz-ready") == "1"
    # Python hid the answers and added a real submit button.
    assert quiz_page.locator("details.quiz-answer:visible").count() == 0
    assert quiz_page.locator("form.quiz button[type=submit]").inner_text() == "Check my answers"
    assert quiz_page.recorder.errors == []


def test_all_correct_gives_full_marks(quiz_page):
    for question in QUESTIONS:
        answer(quiz_page, question, question.correct_keys)
    quiz_page.click(SUBMIT)
    total = len(QUESTIONS)
    result = quiz_page.inner_text(".quiz-result")
    assert "You scored %d of %d." % (total, total) in result
    assert "not the health of your ankles" in result
    assert verdicts(quiz_page) == ["Correct"] * total
    assert quiz_page.get_attribute("form.quiz", "data-quiz-state") == "scored"
    # Explanations and section links are revealed.
    assert quiz_page.locator("details.quiz-answer[open]:visible").count() == total
    assert quiz_page.locator(".quiz-answer__see a:visible").count() == total


def test_wrong_and_partial_answers_score_by_the_documented_rule(quiz_page):
    single = next(question for question in QUESTIONS if question.type == "single")
    multiple = next(question for question in QUESTIONS
                    if question.type == "multiple" and len(question.correct_keys) == 3)
    wrong = next(option.key for option in single.options if not option.correct)
    for question in QUESTIONS:
        if question is single:
            answer(quiz_page, question, [wrong])
        elif question is multiple:
            answer(quiz_page, question, question.correct_keys[:2])  # two of three: 0.67 of a point
        else:
            answer(quiz_page, question, question.correct_keys)
    quiz_page.click(SUBMIT)
    total = len(QUESTIONS)
    expected = scoring.format_score(total * 100 - 100 - 33, total * 100)
    assert expected == "%d.67 of %d" % (total - 2, total)
    assert "You scored %s." % expected in quiz_page.inner_text(".quiz-result")
    single_box = quiz_page.locator("#q-" + single.id)
    assert single_box.locator(".quiz-verdict").inner_text() == "Incorrect"
    assert "(your choice, not correct)" in single_box.inner_text()
    assert "(correct answer)" in single_box.inner_text()
    multiple_box = quiz_page.locator("#q-" + multiple.id)
    assert multiple_box.locator(".quiz-verdict").inner_text() == "Partly correct: 0.67 of 1 point"
    assert multiple_box.locator(".quiz-answer__explanation").is_visible()


def test_incomplete_submit_names_the_missing_questions_and_focuses_the_first(quiz_page):
    first, second = QUESTIONS[0], QUESTIONS[1]
    answer(quiz_page, first, first.correct_keys)
    quiz_page.click(SUBMIT)
    status = quiz_page.inner_text(".quiz-status")
    assert status.startswith("Answer every question before checking. Not answered: questions 2, 3")
    assert quiz_page.evaluate("document.activeElement.id") == "q-%s-1" % second.id
    assert quiz_page.get_attribute("form.quiz", "data-quiz-state") == "ready"
    assert quiz_page.inner_text(".quiz-result") == ""
    # Answering a question clears its own message.
    assert quiz_page.locator("#q-%s .quiz-error" % second.id).count() == 1
    answer(quiz_page, second, second.correct_keys[:1])
    assert quiz_page.locator("#q-%s .quiz-error" % second.id).count() == 0


def test_try_again_resets_everything(quiz_page):
    for question in QUESTIONS:
        answer(quiz_page, question, question.correct_keys)
    quiz_page.click(SUBMIT)
    quiz_page.click("form.quiz button:has-text(\"Try again\")")
    assert quiz_page.get_attribute("form.quiz", "data-quiz-state") == "ready"
    assert quiz_page.locator("form.quiz input:checked").count() == 0
    assert quiz_page.locator("form.quiz input:disabled").count() == 0
    assert quiz_page.locator(".quiz-verdict, .quiz-mark").count() == 0
    assert quiz_page.locator("details.quiz-answer:visible").count() == 0
    assert quiz_page.inner_text(".quiz-result") == ""
    assert quiz_page.evaluate("document.activeElement.id") == "q-%s-1" % QUESTIONS[0].id


def active(page):
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {id: el.id, tag: el.tagName, text: el.textContent.trim(), type: el.type || ""};
    }""")


def test_keyboard_only_from_page_top_to_result(quiz_page):
    page = quiz_page
    first_input = "q-%s-1" % QUESTIONS[0].id
    for _ in range(120):
        page.keyboard.press("Tab")
        if active(page)["id"] == first_input:
            break
    assert active(page)["id"] == first_input, "the first answer is not reachable with Tab"
    for question in QUESTIONS:
        keys = [option.key for option in question.options]
        assert active(page)["id"] == "q-%s-1" % question.id
        if question.type == "single":
            target = keys.index(question.correct_keys[0])
            page.keyboard.press("Space")
            for _ in range(target):
                page.keyboard.press("ArrowDown")
            # Moving through a radio group must never submit.
            assert page.get_attribute("form.quiz", "data-quiz-state") == "ready"
            page.keyboard.press("Tab")
        else:
            for key in keys:
                if key in question.correct_keys:
                    page.keyboard.press("Space")
                page.keyboard.press("Tab")
    assert active(page)["text"] == "Check my answers"
    page.keyboard.press("Enter")
    total = len(QUESTIONS)
    assert "You scored %d of %d." % (total, total) in page.inner_text(".quiz-result")
    assert active(page)["text"] == "Your result"
    # Try again is one Shift+Tab away, and works with Enter.
    page.keyboard.press("Shift+Tab")
    assert active(page)["text"] == "Try again"
    page.keyboard.press("Enter")
    assert active(page)["id"] == first_input
    assert page.locator("form.quiz input:checked").count() == 0


def test_without_javascript_every_question_and_answer_is_readable(new_page, server):
    page = new_page(java_script_enabled=False)
    page.goto(server + "/quiz/")
    assert page.locator("fieldset.quiz-question").count() == len(QUESTIONS)
    assert page.locator("form.quiz").count() == 0
    first = QUESTIONS[0]
    box = page.locator("#q-" + first.id)
    assert box.locator("legend").inner_text().strip().endswith(first.text)
    box.locator("summary").click()
    assert box.locator(".quiz-answer__explanation").is_visible()
    assert box.locator(".quiz-answer__see a").is_visible()
    # Labels are bound to their inputs: clicking the text picks the answer.
    box.locator("label").first.click()
    assert page.is_checked("#q-%s-1" % first.id)


def test_every_request_stays_on_the_site(new_page, server):
    page = new_page()
    for path in ("/", "/unlock-your-ankles/", "/about/", "/quiz/"):
        page.goto(server + path)
    page.wait_for_selector(READY)
    for question in QUESTIONS:
        answer(page, question, question.correct_keys)
    page.click(SUBMIT)
    search_for(page, "dorsiflexion")
    page.wait_for_load_state("networkidle")
    assert page.recorder.requests, "no requests were recorded"
    assert page.recorder.foreign(server) == []


def search_for(page, words):
    # Material's search listens to key events, so type as a reader would.
    page.click("input.md-search__input")
    page.keyboard.type(words)
    page.wait_for_selector(".md-search-result__item")
    return page.locator(".md-search-result__item").all_inner_texts()


def test_search_finds_the_article(new_page, server):
    page = new_page()
    page.goto(server + "/")
    results = search_for(page, "dorsiflexion")
    assert any("The Role of Dorsiflexion" in result for result in results)


def test_article_page_loads_no_python(new_page, server):
    page = new_page()
    page.goto(server + "/unlock-your-ankles/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.recorder.requests if "/vendor/" in url or url.endswith(".py")]


@pytest.mark.parametrize("path", ["/", "/unlock-your-ankles/", "/quiz/", "/evidence/", "/about/"])
def test_layout_fits_320_pixels(new_page, server, path):
    page = new_page(viewport={"width": 320, "height": 640})
    page.goto(server + path)
    if path == "/quiz/":
        page.wait_for_selector(READY)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
