"""Nothing a learner gives is lost, and every score adds up: exact totals, answers compared as the same text
whatever their bytes, unique form ids and storage keys, a score even when storage is full, results kept but
marked out of date, limits the page itself keeps to, and tabs that agree."""

import json

import pytest

from harness.quiz_driver import answer, site_questions
from quiz import strings as catalogue
from quiz.browser import saved
from quiz.browser.scoring import MAX_TEXT
from quiz.parse import parse_question

from .conftest import READY, config_in, copy_docs, run_build
from .site_pages import nav_page

browser = pytest.mark.browser

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


SEE = "see: unlock-your-ankles.md#why-ankle-mobility-matters"
MANY = 300


def block(question_id, body, kind="fill", quiz=None):
    header = "id: %s\ntype: %s\n%s\n%s" % (question_id, kind, SEE, "quiz: %s\n" % quiz if quiz else "")
    return "```quiz\n%s\n%s\n\nThe article says so.\n```\n" % (header, body)


# Pages added to a copy of the site, each with its own quizzes, built once for this module.
PAGES = {
    "same-text.md": "# Same text\n\n"
    + block("fish-and-chips", "What is the dish?\n\n= fish &amp; chips", quiz="dishes")
    # Written decomposed, as a paste from macOS gives it: e + combining acute accent.
    + block("decomposed-cafe", "Where do you drink it?\n\n= cafe\u0301", quiz="dishes")
    + block("composed-creme", "What goes in the coffee?\n\n= crème", quiz="dishes"),
    # A quiz in two runs, and a quiz whose id is the first one's with "-2": three forms, three storage keys.
    "two-runs.md": "# Two runs\n\n"
    + block("run-one", "First run?\n\n= one", quiz="drills")
    + "\nBetween the runs.\n\n"
    + block("run-two", "Second run?\n\n= two", quiz="drills")
    + "\nAnother quiz.\n\n"
    + block("other-quiz", "Another quiz?\n\n= three", quiz="drills-2"),
    # A long page: one quiz of many questions, whose longest answers must all come back after a reload.
    "many.md": "# Many questions\n\n"
    + "\n".join(
        block("many-%d" % number, "Question %d?\n\n= answer %d" % (number, number), quiz="many")
        for number in range(MANY)
    ),
}


@pytest.fixture(scope="module")
def extra_site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("extra")
    docs = copy_docs(folder / "docs")
    for name, text in PAGES.items():
        (docs / name).write_text(text, encoding="utf-8")
    config = config_in(folder)
    nav = "".join("  - %s: %s\n" % (name[:-3], name) for name in PAGES)
    text = config.read_text(encoding="utf-8").replace("  - About: about.md\n", "  - About: about.md\n" + nav)
    config.write_text(text, encoding="utf-8")
    site = folder / "site"
    result = run_build(config=config, site_dir=site, cwd=folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return site


@pytest.fixture
def extra_quiz(extra_site, quiz_in):
    def open_page(name):
        page, _ = quiz_in(extra_site, name.replace(".md", ".html"))
        return page

    return open_page


def test_accepted_answers_are_kept_as_the_page_shows_them():
    fill = block("entities", "Which?\n\n= fish &amp; chips | cafe\u0301 | a &lt; b").split("\n")[1:-2]
    question, issues = parse_question(fill, 2)
    assert issues == []
    assert question.accepted == ["fish & chips", "caf\u00e9", "a < b"]
    assert question.answer_key()["accepted"] == ["fish & chips", "caf\u00e9", "a < b"]
    cloze = block("gaps", "Which?\n\nA {{cre\u0300me | R&amp;D}} here.", kind="cloze").split("\n")[1:-2]
    question, issues = parse_question(cloze, 2)
    assert issues == []
    assert question.answer_key()["gaps"][0]["accepted"] == ["cr\u00e8me", "r&d"]


@browser
def test_the_same_text_in_other_bytes_is_the_same_answer(extra_quiz):
    page = extra_quiz("same-text.md")
    typed = {"fish-and-chips": "Fish & chips", "decomposed-cafe": "caf\u00e9", "composed-creme": "cre\u0300me"}
    for question_id, text in typed.items():
        page.fill("#q-%s input" % question_id, text)
    page.click("form.quiz button[type=submit]")
    for question_id in typed:
        assert page.inner_text("#q-%s .quiz-verdict" % question_id) == "Correct", question_id
    # The answer shown is the one the reader is to type, entity decoded once.
    shown = page.text_content("#q-fish-and-chips .quiz-answer__key").strip()
    assert shown.endswith("fish & chips"), shown
    assert page.recorder.errors == []


@browser
def test_a_second_run_of_a_quiz_and_a_quiz_named_like_it_keep_their_own_answers(extra_quiz):
    page = extra_quiz("two-runs.md")
    ids = page.evaluate("() => Array.from(document.querySelectorAll('[id]'), node => node.id)")
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    typed = {"run-one": "one", "run-two": "two", "other-quiz": "three"}
    for question_id, text in typed.items():
        page.fill("#q-%s input" % question_id, text)
    page.reload()
    page.wait_for_selector(READY)
    for question_id, text in typed.items():
        assert page.input_value("#q-%s input" % question_id) == text, question_id
    assert page.locator("form.quiz .quiz-status").all_inner_texts() == ["", "", ""]
    keys = page.evaluate("() => Object.keys(localStorage).filter(key => key.startsWith('quiz-answers/'))")
    assert len(keys) == 3


@browser
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


# Every write to localStorage fails as a full quota does; reading still works.
STORAGE_FULL = """
Storage.prototype.setItem = function () {
    throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
};
"""


@browser
def test_a_full_storage_still_gives_the_score_and_says_once_it_cannot_save(new_page, server):
    page = open_quiz(new_page, server + QUIZ_PATH, init_script=STORAGE_FULL)
    for question in MAIN:
        answer(page, question)
    submit(page)
    total = len(MAIN)
    assert page.inner_text(MAIN_FORM + " .quiz-result__score") == "You scored %d of %d (100%%)." % (total, total)
    status = page.inner_text(MAIN_FORM + " .quiz-status")
    assert status == EN["saved.storage_full"]
    assert page.locator("text=" + EN["saved.storage_full"]).count() == 1
    assert page.recorder.errors == []


@browser
def test_trying_one_question_again_keeps_the_result_marked_out_of_date(quiz_page):
    page = quiz_page
    for question in MAIN:
        answer(page, question)
    answer(page, MAIN[0], "wrong")
    submit(page)
    result = MAIN_FORM + " .quiz-result"
    score = page.inner_text(result + " .quiz-result__score")
    band = page.inner_text(result + " .quiz-result__feedback")
    revisit = page.inner_text(result + " .quiz-result__revisit")
    box(page, MAIN[1]).locator('[data-quiz-action="retry-question"]').click()
    assert page.locator(result).is_visible()
    assert page.inner_text(result + " .quiz-result__stale") == EN["result.out_of_date"]
    assert page.inner_text(result + " .quiz-result__score") == score
    assert page.inner_text(result + " .quiz-result__feedback") == band
    assert page.inner_text(result + " .quiz-result__revisit") == revisit
    # The next check replaces it with a current result.
    answer(page, MAIN[1])
    submit(page)
    assert page.locator(result + " .quiz-result__stale").count() == 0
    assert page.inner_text(result + " .quiz-result__score") == score


def test_the_longest_answers_of_a_long_quiz_are_read_back():
    keys = [{"id": "many-%d" % number, "type": "fill", "points": 1, "accepted": ["x"]} for number in range(MANY)]
    # Characters beyond the Basic Multilingual Plane take the most room in CPython's JSON.
    answers = {key["id"]: "\U0001f600" * MAX_TEXT for key in keys}
    text = saved.encode("many", answers, [key["id"] for key in keys], True)
    state = saved.read_state("many", text, keys)
    assert state["message"] is None and state["answers"] == answers and state["finished"]
    # One character more than a box takes is not the page's answer.
    answers[keys[0]["id"]] += "x"
    state = saved.read_state("many", saved.encode("many", answers), keys)
    assert state["message"] == saved.RESET_CHANGED and state["reset"] == [keys[0]["id"]]
    assert len(state["answers"]) == MANY - 1


@browser
def test_every_box_keeps_what_it_accepts_on_a_page_of_many_questions(extra_quiz):
    page = extra_quiz("many.md")
    boxes = page.locator("form.quiz input[type=text]")
    assert boxes.count() == MANY
    assert set(boxes.evaluate_all("nodes => nodes.map(node => node.maxLength)")) == {MAX_TEXT}
    # Typed past the limit, a box stops at it.
    boxes.first.fill("")
    boxes.first.press_sequentially("y" * (MAX_TEXT + 5), delay=0)
    assert len(boxes.first.input_value()) == MAX_TEXT
    # Every box at its longest, each answer different; one input event saves them.
    page.evaluate(
        """limit => {
            document.querySelectorAll('form.quiz input[type=text]').forEach((node, index) => {
                node.value = (index + ' ' + 'é'.repeat(limit)).slice(0, limit);
            });
            document.querySelector('form.quiz input[type=text]').dispatchEvent(new Event('input', {bubbles: true}));
        }""",
        MAX_TEXT,
    )
    given = boxes.evaluate_all("nodes => nodes.map(node => node.value)")
    page.reload()
    page.wait_for_selector(READY)
    assert boxes.evaluate_all("nodes => nodes.map(node => node.value)") == given
    assert page.inner_text("form.quiz .quiz-status") == ""


@browser
def test_two_tabs_keep_each_others_answers(new_page, server):
    first = open_quiz(new_page, server + QUIZ_PATH)
    second = open_quiz(None, server + QUIZ_PATH, context=first.context)
    one, two = MAIN[0], MAIN[1]
    answer(first, one)
    # The other tab shows it at once, and says why its page changed.
    second.wait_for_function("id => document.querySelectorAll('#q-' + id + ' input:checked').length > 0", arg=one.id)
    assert second.inner_text(MAIN_FORM + " .quiz-status") == EN["saved.other_tab"]
    answer(second, two)
    first.wait_for_function("id => document.querySelectorAll('#q-' + id + ' input:checked').length > 0", arg=two.id)
    stored = json.loads(first.evaluate("() => localStorage.getItem('quiz-answers/v1/self-check')"))
    assert stored["answers"][one.id] == one.correct_keys
    assert sorted(stored["answers"][two.id]) == sorted(two.correct_keys)
    third = open_quiz(None, server + QUIZ_PATH, context=first.context)
    for question in (one, two):
        checked = third.locator("#q-%s input:checked" % question.id).evaluate_all("nodes => nodes.map(n => n.value)")
        assert sorted(checked) == sorted(question.correct_keys), question.id
    assert first.recorder.errors == []


@browser
def test_answers_reset_by_a_changed_question_are_named(new_page, server):
    page = open_quiz(new_page, server + QUIZ_PATH)
    kept, changed = MAIN[0], MAIN[3]
    # Saved by an earlier version of the site, where the changed question had an option it no longer has.
    stored = {
        "version": 1,
        "quiz": "self-check",
        "answers": {kept.id: kept.correct_keys, changed.id: ["0ld0pt10"]},
        "checked": [kept.id, changed.id],
        "finished": False,
    }
    page.evaluate("v => localStorage.setItem('quiz-answers/v1/self-check', v)", json.dumps(stored))
    page.reload()
    page.wait_for_selector(READY)
    expected = EN["saved.reset_changed"].replace("{questions}", "Question 4")
    assert page.inner_text(MAIN_FORM + " .quiz-status") == expected
    assert box(page, kept).locator(".quiz-verdict").inner_text() == "Correct"
    assert box(page, changed).locator("input:checked").count() == 0
