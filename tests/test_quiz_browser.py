"""The quiz in Debian's Chromium: Python starts, marks every question type as documented, saves answers,
survives bad stored data, and works from the keyboard alone."""

import json
import re

import pytest

from harness.quiz_driver import answer, answer_all, keyboard_arrange, right_text, site_questions
from quiz import strings as catalogue
from quiz.browser import scoring
from quiz.runtime import MICROPYTHON_DIR, PYSCRIPT_DIR, PYTHON_DIR, PYTHON_FILES

from .conftest import ARTICLE_SECTIONS, READY
from .site_pages import nav_page, nav_pages

pytestmark = pytest.mark.browser

QUIZZES = site_questions()
MAIN = QUIZZES["self-check"]
SAFETY = QUIZZES["safety"]
MAIN_FORM = 'form.quiz[data-quiz="self-check"]'
SAFETY_FORM = 'form.quiz[data-quiz="safety"]'
MAIN_KEY = "quiz-answers/v1/self-check"
QUIZ_PATH = "/" + nav_page("quiz.md").url
# Every page of the nav, the quiz last.
PAGES = ["/" + page.url for page in nav_pages() if page.source != "quiz.md"] + [QUIZ_PATH]


def submit(page, form=MAIN_FORM):
    page.click(form + " button[type=submit]")


def verdicts(page, form=MAIN_FORM):
    return page.locator(form + " .quiz-verdict").all_inner_texts()


def first_control(page, question):
    return page.evaluate("id => document.getElementById('q-' + id).querySelector('input, select').id", question.id)


def active(page):
    return page.evaluate("""() => {
        const el = document.activeElement;
        return {id: el.id, tag: el.tagName, text: el.textContent.trim(), type: el.type || ""};
    }""")


def stored(page, key=MAIN_KEY):
    text = page.evaluate("key => localStorage.getItem(key)", key)
    return json.loads(text) if text else None


def test_quiz_covers_the_article_with_five_types_or_more():
    assert len(MAIN) >= 12
    assert len({question.type for question in MAIN}) >= 5
    # Every section of the article but the one that only introduces its subsection.
    wanted = set(ARTICLE_SECTIONS) - {"signs-your-ankles-may-be-restricted"}
    assert {question.see.partition("#")[2] for question in MAIN} >= wanted


def test_quiz_reaches_ready_with_python(quiz_page):
    page = quiz_page
    assert page.get_attribute("html", "data-quiz-ready") == "2"
    # Python enabled what the build wrote: the check buttons of each quiz and of each question.
    assert page.locator("form.quiz button[type=submit]").all_inner_texts() == ["Check my answers"] * 2
    # Only a reorderable list's first "Move up" and last "Move down" stay disabled.
    assert page.locator("form.quiz button:disabled:not(.quiz-move)").count() == 0
    assert page.locator('[data-quiz-action="check-question"]:enabled').count() == len(MAIN) + len(SAFETY)
    # The answers keep their place, unseen until each question is checked: nothing moved when Python started.
    assert page.locator("details.quiz-answer[open]").count() == 0
    assert page.locator("details.quiz-answer:visible").count() == 0
    assert page.locator("details.quiz-answer").evaluate_all("nodes => nodes.every(n => n.offsetHeight > 0)")
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == "0 of %d answered" % len(MAIN)
    assert page.recorder.errors == []


def test_all_right_gives_full_marks_and_a_review(quiz_page):
    page = quiz_page
    answer_all(page, MAIN)
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == "%d of %d answered" % (len(MAIN), len(MAIN))
    submit(page)
    total = len(MAIN)
    result = page.inner_text(MAIN_FORM + " .quiz-result")
    assert "You scored %d of %d (100%%)." % (total, total) in result
    assert "not the health of your ankles" in result
    assert verdicts(page) == ["Correct"] * total
    assert page.get_attribute(MAIN_FORM, "data-quiz-state") == "finished"
    # The review is one line per question, with the reader's answer, and opens on request.
    assert page.locator(MAIN_FORM + " details.quiz-review[open]").count() == 0
    page.click(MAIN_FORM + " details.quiz-review > summary")
    review = page.locator(MAIN_FORM + " .quiz-review__list > .quiz-review__item")
    assert review.count() == total
    for index, question in enumerate(MAIN):
        item = review.nth(index).inner_text()
        assert item.startswith("Question %d: Correct." % (index + 1))
        assert "Your answer: " in item
        if question.type in ("fill", "numeric"):
            assert "Your answer: %s" % right_text(question) in item
        link = review.nth(index).locator("a")
        assert link.get_attribute("href") == "#q-" + question.id


def test_wrong_and_partial_answers_score_by_the_documented_rule(quiz_page):
    page = quiz_page
    single = next(q for q in MAIN if q.type == "single")
    multiple = next(q for q in MAIN if q.type == "multiple" and len(q.correct_keys) == 3)
    order = next(q for q in MAIN if q.type == "order" and len(q.steps) == 3)
    fill = next(q for q in MAIN if q.type == "fill")
    for question in MAIN:
        how = {single.id: "wrong", multiple.id: "two-of-three", order.id: "one-right", fill.id: "wrong"}
        answer(page, question, how.get(question.id, "right"))
    submit(page)
    total = len(MAIN)
    # single 0, fill 0, multiple 2 of 3 shares = 0.67, order 1 of 3 places = 0.33.
    earned = (total - 4) * 100 + 67 + 33
    expected = scoring.format_score(earned, total * 100, catalogue.load("en"))
    assert expected == "%d of %d" % (total - 3, total)
    assert "You scored %s (%d%%)." % (expected, round(100 * earned / (total * 100))) in page.inner_text(
        MAIN_FORM + " .quiz-result"
    )
    box = page.locator("#q-" + single.id)
    assert box.locator(".quiz-verdict").inner_text() == "Incorrect"
    assert "(chosen, wrong)" in box.inner_text() and "(missed)" in box.inner_text()
    assert page.locator("#q-%s .quiz-verdict" % multiple.id).inner_text() == "Partly correct: 0.67 of 1 point"
    assert page.locator("#q-%s .quiz-verdict" % order.id).inner_text() == "Partly correct: 0.33 of 1 point"
    assert page.locator("#q-%s .quiz-verdict" % fill.id).inner_text() == "Incorrect"
    assert "(correct)" in page.inner_text("#q-" + order.id)
    assert "(incorrect, belongs in place " in page.inner_text("#q-" + order.id)
    # The answer and explanation stay one click away, collapsed, so the page does not grow by all of them.
    assert not page.locator("#q-%s .quiz-answer__explanation" % multiple.id).is_visible()
    page.click("#q-%s details.quiz-answer > summary" % multiple.id)
    assert page.locator("#q-%s .quiz-answer__explanation" % multiple.id).is_visible()


def test_match_and_numeric_marks(quiz_page):
    page = quiz_page
    match = next(q for q in MAIN if q.type == "match")
    numeric = next(q for q in MAIN if q.type == "numeric")
    for question in MAIN:
        answer(page, question, "wrong" if question in (match, numeric) else "right")
    submit(page)
    assert page.locator("#q-%s .quiz-verdict" % match.id).inner_text() == "Incorrect"
    assert "(incorrect, the answer is %s)" % match.pairs[0].right in page.inner_text("#q-" + match.id)
    assert "(correct)" not in page.inner_text("#q-" + match.id)
    assert page.locator("#q-%s .quiz-verdict" % numeric.id).inner_text() == "Incorrect"


def test_cloze_scores_each_gap_and_is_saved_and_restored(quiz_page):
    page = quiz_page
    cloze = next(q for q in MAIN if q.type == "cloze")
    assert len(cloze.gaps) == 3 and any(gap.options for gap in cloze.gaps) and any(gap.accepted for gap in cloze.gaps)
    for question in MAIN:
        answer(page, question, "first-gap-only" if question is cloze else "right")
    saved_answers = stored(page)["answers"][cloze.id]
    assert sorted(saved_answers) == sorted(gap.key for gap in cloze.gaps)
    page.reload()
    page.wait_for_selector(READY)
    for gap in cloze.gaps:
        assert page.input_value("#q-%s-%s" % (cloze.id, gap.key)) == saved_answers[gap.key]
    submit(page)
    box = page.locator("#q-" + cloze.id)
    assert box.locator(".quiz-verdict").inner_text() == "Partly correct: 0.33 of 1 point"
    text = box.inner_text()
    assert text.count("(correct)") == 1 and text.count("(incorrect, the answer is ") == 2
    right_choice = next(option.text for gap in cloze.gaps for option in gap.options if option.correct)
    assert "(incorrect, the answer is %s)" % right_choice in text


def keyboard_choose(page, wanted):
    """Choose an option of the focused drop-down with arrow keys. A native closed drop-down changes its value
    with each key; a customisable one (appearance: base-select) opens its list on the first key, moves
    through it, and takes the option with Enter. Either way focus ends on the drop-down."""
    select = page.evaluate("document.activeElement.id")
    for _ in range(15):
        if page.evaluate("document.activeElement.value") == wanted:
            break
        page.keyboard.press("ArrowDown")
    if page.evaluate("document.activeElement.id") != select:
        page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == select
    assert page.evaluate("id => document.getElementById(id).value", select) == wanted


def keyboard_answer(page, question):
    """Answer with keys only, starting with focus on the question's first control; ends on the next one."""
    if question.type in ("single", "truefalse"):
        ids = page.evaluate(
            "id => Array.from(document.querySelectorAll('#q-' + id + ' input'), i => i.id)", question.id
        )
        target = ids.index("q-%s-%s" % (question.id, question.correct_keys[0]))
        page.keyboard.press("Space")
        for _ in range(target):
            page.keyboard.press("ArrowDown")
            # Moving through a radio group must never submit.
            assert page.get_attribute(MAIN_FORM, "data-quiz-state") == "ready"
        page.keyboard.press("Tab")
    elif question.type == "multiple":
        ids = page.evaluate(
            "id => Array.from(document.querySelectorAll('#q-' + id + ' input'), i => i.id)", question.id
        )
        for input_id in ids:
            if input_id.rsplit("-", 1)[1] in question.correct_keys:
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    elif question.type in ("fill", "numeric"):
        page.keyboard.type(right_text(question))
        page.keyboard.press("Tab")
    elif question.type == "cloze":
        for gap in question.gaps:
            assert page.evaluate("document.activeElement.dataset.part") == gap.key
            if gap.options:
                keyboard_choose(page, next(option.key for option in gap.options if option.correct))
            else:
                page.keyboard.type(gap.accepted[0])
            page.keyboard.press("Tab")
    elif question.type == "order" and page.locator("#q-%s ul.quiz-reorder" % question.id).count():
        # From the list's first button: move the steps into order, then Tab past the list and its box
        # "This order is my answer", which the moves ticked.
        keyboard_arrange(page, question, [step.key for step in question.steps])
        while page.evaluate("document.activeElement.closest('ul.quiz-reorder') !== null"):
            page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.checked") is True
        page.keyboard.press("Tab")
    else:
        rows = page.evaluate(
            "id => Array.from(document.querySelectorAll('#q-' + id + ' li.quiz-row'), r => r.dataset.item)", question.id
        )
        for item in rows:
            if question.type == "order":
                wanted = str([step.key for step in question.steps].index(item) + 1)
            else:
                wanted = next(pair.right_key for pair in question.pairs if pair.key == item)
            keyboard_choose(page, wanted)
            page.keyboard.press("Tab")


def test_keyboard_only_from_page_top_to_result(quiz_page):
    page = quiz_page
    first = first_control(page, MAIN[0])
    for _ in range(150):
        page.keyboard.press("Tab")
        if active(page)["id"] == first:
            break
    assert active(page)["id"] == first, "the first answer is not reachable with Tab"
    for question in MAIN:
        while page.evaluate("document.activeElement.tagName") == "SUMMARY":
            page.keyboard.press("Tab")  # a question's "Show a hint" (or each of its hints) comes before its answers
        assert page.evaluate("document.activeElement.closest('fieldset').id") == "q-" + question.id
        if not page.locator("#q-%s [data-reorder]" % question.id).count():
            assert active(page)["id"] == first_control(page, question), question.id
        keyboard_answer(page, question)
        # After the answers: the question's own check button; its "Show the answer" waits for a check.
        assert active(page)["text"] == "Check this question", question.id
        page.keyboard.press("Tab")
    assert active(page)["text"] == "Check my answers"
    page.keyboard.press("Enter")
    total = len(MAIN)
    assert "You scored %d of %d (100%%)." % (total, total) in page.inner_text(MAIN_FORM + " .quiz-result")
    assert active(page)["text"] == "Your result"
    page.keyboard.press("Tab")
    assert active(page)["text"] == "Start over"
    page.keyboard.press("Enter")
    assert active(page)["id"] == first_control(page, MAIN[0])
    assert page.locator(MAIN_FORM + " input:checked").count() == 0


def test_hint_is_shown_on_request_before_answering(quiz_page):
    question = next(q for q in MAIN if q.hint)
    hint = quiz_page.locator("#q-%s details.quiz-hint" % question.id)
    assert hint.is_visible() and not hint.get_attribute("open")
    hint.locator("summary").click()
    assert question.hint.split()[0] in hint.inner_text()


def test_answers_persist_across_reloads(quiz_page):
    page = quiz_page
    answer_all(page, MAIN[:5])
    data = stored(page)
    assert data["version"] == 1 and data["quiz"] == "self-check"
    assert set(data["answers"]) == {question.id for question in MAIN}
    page.reload()
    page.wait_for_selector(READY)
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == "5 of %d answered" % len(MAIN)
    answer_all(page, MAIN[5:])
    submit(page)
    assert "You scored %d of %d (100%%)." % (len(MAIN), len(MAIN)) in page.inner_text(MAIN_FORM + " .quiz-result")
    assert page.inner_text(MAIN_FORM + " .quiz-status") == ""


def test_saved_answers_follow_question_ids_not_positions(quiz_page):
    """The safety quiz shows its questions in each reader's own order: a new order must not move answers."""
    page = quiz_page
    answer_all(page, SAFETY)
    order = page.evaluate("Array.from(document.querySelectorAll('%s fieldset'), f => f.id)" % SAFETY_FORM)
    assert sorted(order) == sorted("q-" + q.id for q in SAFETY)
    page.reload()
    page.wait_for_selector(READY)
    assert page.evaluate("Array.from(document.querySelectorAll('%s fieldset'), f => f.id)" % SAFETY_FORM) == order
    # Another reader's shuffle: a different seed, the same saved answers.
    orders = {tuple(order)}
    for seed in ("1", "2", "3", "4", "5", "6"):
        page.evaluate("seed => localStorage.setItem('quiz-seed/v1/safety', seed)", seed)
        page.reload()
        page.wait_for_selector(READY)
        orders.add(
            tuple(page.evaluate("Array.from(document.querySelectorAll('%s fieldset'), f => f.id)" % SAFETY_FORM))
        )
        assert page.inner_text(SAFETY_FORM + " .quiz-progress") == "%d of %d answered" % (len(SAFETY), len(SAFETY))
    assert len(orders) > 1, "question order never changed with the seed"
    submit(page, SAFETY_FORM)
    assert "You scored %d of %d (100%%)." % (len(SAFETY), len(SAFETY)) in page.inner_text(SAFETY_FORM + " .quiz-result")


def test_shuffled_options_are_stable_for_a_reader(quiz_page):
    page = quiz_page
    question = next(q for q in MAIN if q.shuffle)
    read = "Array.from(document.querySelectorAll('#q-%s input'), i => i.value)" % question.id
    first = page.evaluate(read)
    assert sorted(first) == sorted(option.key for option in question.options)
    page.reload()
    page.wait_for_selector(READY)
    assert page.evaluate(read) == first


BAD_STORAGE = {
    "invalid JSON": "{not json",
    "wrong types": json.dumps({"version": 1, "quiz": "self-check", "answers": {MAIN[0].id: 42}}),
    "unknown ids": json.dumps({"version": 1, "quiz": "self-check", "answers": {"no-such-question": ["x"]}}),
    "foreign quiz": json.dumps({"version": 1, "quiz": "another", "answers": {}}),
    "old format": json.dumps({"quiz-0": "b", "quiz-1": "a"}),
    "huge value": json.dumps({"version": 1, "quiz": "self-check", "answers": {MAIN[0].id: ["x" * 100000]}}),
    "out-of-range place": json.dumps(
        {"version": 1, "quiz": "self-check", "answers": {next(q.id for q in MAIN if q.type == "order"): {"a": "99"}}}
    ),
}


@pytest.mark.parametrize("case", BAD_STORAGE, ids=list(BAD_STORAGE))
def test_bad_saved_answers_are_discarded_with_a_message(new_page, server, case):
    page = new_page()
    page.add_init_script("localStorage.setItem(%s, %s)" % (json.dumps(MAIN_KEY), json.dumps(BAD_STORAGE[case])))
    page.goto(server + "/quiz.html")
    page.wait_for_selector(READY)
    status = page.inner_text(MAIN_FORM + " .quiz-status")
    # An answer of the wrong shape for a question of today is named as reset with the question; the rest cleared.
    reset = catalogue.load("en")["saved.reset_changed"].split("{questions}")[0]
    assert status.endswith("so they were cleared.") or status.startswith(reset + "Question "), status
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == "0 of %d answered" % len(MAIN)
    answer_all(page, MAIN)
    submit(page)
    assert "You scored %d of %d (100%%)." % (len(MAIN), len(MAIN)) in page.inner_text(MAIN_FORM + " .quiz-result")
    assert page.recorder.errors == []


def test_two_quizzes_on_one_page_are_independent(quiz_page):
    page = quiz_page
    answer_all(page, SAFETY)
    submit(page, SAFETY_FORM)
    assert "You scored %d of %d (100%%)." % (len(SAFETY), len(SAFETY)) in page.inner_text(SAFETY_FORM + " .quiz-result")
    assert page.get_attribute(MAIN_FORM, "data-quiz-state") == "ready"
    assert page.locator(MAIN_FORM + " .quiz-result").is_hidden()
    assert page.locator(MAIN_FORM + " .quiz-verdict").count() == 0
    answer(page, MAIN[0])
    submit(page)
    assert page.inner_text(MAIN_FORM + " .quiz-result__score").startswith("You scored 1 of %d" % len(MAIN))
    # Each quiz keeps its own result.
    assert "You scored %d of %d" % (len(SAFETY), len(SAFETY)) in page.inner_text(SAFETY_FORM + " .quiz-result")
    assert stored(page, "quiz-answers/v1/safety")["quiz"] == "safety"
    assert stored(page)["quiz"] == "self-check"


def test_targets_are_at_least_24_pixels(quiz_page):
    small = quiz_page.evaluate("""() => Array.from(document.querySelectorAll(
        'form.quiz input, form.quiz select, form.quiz button, form.quiz summary'))
        .filter(el => el.offsetParent !== null)
        .map(el => [el.id || el.textContent.trim(), el.getBoundingClientRect()])
        .filter(([, r]) => r.width < 24 || r.height < 24)
        .map(([name]) => name)""")
    assert small == []


def test_print_shows_questions_answers_and_explanations_without_buttons(quiz_page):
    page = quiz_page
    page.emulate_media(media="print")
    assert page.locator("form.quiz button:visible").count() == 0
    assert page.locator(".md-header:visible, .md-sidebar:visible, .md-footer:visible").count() == 0
    first = page.locator("#q-" + MAIN[0].id)
    assert first.locator("legend").is_visible()
    assert first.locator(".quiz-answer__explanation").is_visible()
    assert first.locator(".quiz-answer__key").is_visible()


def test_without_javascript_every_question_and_answer_is_readable(new_page, server):
    page = new_page(java_script_enabled=False)
    page.goto(server + "/quiz.html")
    assert page.locator("fieldset.quiz-question").count() == len(MAIN) + len(SAFETY)
    # What needs the script (progress, status, check buttons) is not shown without it.
    assert page.locator("form.quiz button:visible, .quiz-progress:visible, .quiz-status:visible").count() == 0
    for question in MAIN:
        box = page.locator("#q-" + question.id)
        box.locator("details.quiz-answer summary").click()
        assert box.locator(".quiz-answer__explanation").is_visible()
        assert box.locator(".quiz-answer__see a").is_visible()
    # Labels are bound to their controls: clicking the text picks the answer.
    first = MAIN[0]
    page.locator("#q-%s label" % first.id).first.click()
    assert page.is_checked("#q-%s input" % first.id)


def test_every_request_stays_on_the_site(new_page, server):
    page = new_page()
    for path in PAGES:
        page.goto(server + path)
    page.wait_for_selector(READY)
    answer_all(page, MAIN)
    submit(page)
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
    page.goto(server + "/unlock-your-ankles.html")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.recorder.requests if "/assets/quiz/" in url or url.endswith(".py")]


def test_quiz_runtime_is_requested_after_the_text_is_on_screen(new_page, server):
    page = new_page()
    page.goto(server + "/quiz.html")
    page.wait_for_selector(READY)
    folders = "|".join(re.escape(folder) for folder in (PYSCRIPT_DIR, MICROPYTHON_DIR, PYTHON_DIR))
    timings = page.evaluate(
        """(folders) => {
          const paint = performance.getEntriesByName('first-contentful-paint')[0];
          const parsed = performance.getEntriesByType('navigation')[0].domContentLoadedEventStart;
          const pattern = new RegExp('/(' + folders + ')/[^/]+\\\\.(js|mjs|wasm|py)$');
          const runtime = performance.getEntriesByType('resource').filter(entry => pattern.test(entry.name));
          return {
            paint: paint ? paint.startTime : Infinity,
            parsed: parsed,
            names: runtime.map(entry => entry.name.split('/').pop()).sort(),
            first: Math.min(...runtime.map(entry => entry.startTime)),
          };
        }""",
        folders,
    )
    # PyScript's entry and two chunks, the interpreter and its wasm, the quiz's modules: each fetched once.
    assert len(timings["names"]) == 5 + len(PYTHON_FILES) == len(set(timings["names"])), " ".join(timings["names"])
    assert {"core.js", "micropython.mjs", "micropython.wasm", "app.py", "scoring.py"} <= set(timings["names"])
    assert timings["first"] >= min(timings["paint"], timings["parsed"]), timings


@pytest.mark.parametrize("path", PAGES)
def test_layout_fits_320_pixels(new_page, server, path):
    page = new_page(viewport={"width": 320, "height": 640})
    assert page.goto(server + path).ok, path
    if path == QUIZ_PATH:
        page.wait_for_selector(READY)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
