"""Answer quiz questions in a page as a reader would, from the questions parsed out of docs/: one answerer
per question type, in ANSWERERS (tests/test_question_types.py holds it to the types table, so a new type
cannot fall silently into another type's answerer)."""

from quiz.blocks import extensions_of
from quiz.browser.question_types import CHOICE, names_in
from quiz.check import check_docs
from quiz.mkdocs_yml import read_config

from . import DOCS, ROOT

CHOICE_TYPES = names_in(CHOICE)


def site_questions():
    """Questions of docs/quiz.md grouped by quiz id, in source order."""
    questions, issues = check_docs(str(DOCS), extensions_of(read_config(str(ROOT / "mkdocs.yml"))))
    assert issues == [], issues
    found = next(found for path, found in questions.items() if path.endswith("quiz.md"))
    quizzes = {}
    for question in found:
        quizzes.setdefault(question.quiz, []).append(question)
    return quizzes


def right_text(question):
    if question.type == "fill":
        return question.accepted[0]
    value, _, unit = question.number
    return ("%g %s" % (value, unit)).strip()


def answer(page, question, how="right"):
    """how: "right", "wrong" (scores 0), "two-of-three" (multiple: the first two of three right options) or
    "one-right" (order: only the first step in its place) or "first-gap-only" (cloze)."""
    ANSWERERS[question.type](page.locator("#q-" + question.id), question, how)


def _choose(box, question, how):
    if how == "right":
        keys = question.correct_keys
    elif how == "two-of-three":
        keys = question.correct_keys[:2]
    else:
        keys = [option.key for option in question.options if not option.correct][:1]
    for key in keys:
        box.locator("#q-%s-%s" % (question.id, key)).check()


def _type_fill(box, question, how):
    box.locator("input:not([data-quiz-sure])").fill(right_text(question) if how == "right" else "not the answer")


def _type_number(box, question, how):
    value, tolerance, _ = question.number
    box.locator("input:not([data-quiz-sure])").fill(
        right_text(question) if how == "right" else "%g" % (value + tolerance + 5)
    )


def _place_steps(box, question, how):
    count = len(question.steps)
    places = {}
    for index, step in enumerate(question.steps):
        if how == "right":
            places[step.key] = index + 1
        elif how == "one-right":  # first step in place, the rest reversed: one of three right
            places[step.key] = 1 if index == 0 else count + 1 - index
        else:
            places[step.key] = (index + 1) % count + 1
    if box.locator("ul.quiz-reorder").count():
        arrange(box, sorted(places, key=places.get))
    else:
        for key, place in places.items():
            box.locator("#q-%s-%s" % (question.id, key)).select_option(str(place))


def _match_pairs(box, question, how):
    partners = [pair.right_key for pair in question.pairs]
    for index, pair in enumerate(question.pairs):
        partner = partners[index] if how == "right" else partners[(index + 1) % len(partners)]
        box.locator("#q-%s-%s" % (question.id, pair.key)).select_option(partner)


def _fill_gaps(box, question, how):
    for index, gap in enumerate(question.gaps):
        right = how == "right" or (how == "first-gap-only" and index == 0)
        control = box.locator("#q-%s-%s" % (question.id, gap.key))
        if gap.options:
            chosen = next(option for option in gap.options if option.correct == right)
            control.select_option(chosen.key)
        else:
            control.fill(gap.accepted[0].upper() if right else "not the answer")


ANSWERERS = {
    "single": _choose,
    "multiple": _choose,
    "truefalse": _choose,
    "fill": _type_fill,
    "numeric": _type_number,
    "order": _place_steps,
    "match": _match_pairs,
    "cloze": _fill_gaps,
}


def shown_order(box):
    return box.locator("li.quiz-row").evaluate_all("rows => rows.map(row => row.dataset.item)")


def arrange(box, items):
    """Put an order list made movable (quiz/browser/reorder.py) in this order with its Move up buttons, as a learner
    would; when it is already in that order, give it with the box "This order is my answer"."""
    moved = False
    for target, item in enumerate(items):
        for _ in range(shown_order(box).index(item) - target):
            box.locator('li.quiz-row[data-item="%s"] button[data-move="-1"]' % item).click()
            moved = True
    if not moved:
        box.locator(".quiz-reorder__keep input").check()


def keyboard_arrange(page, question, items):
    """arrange() with keys only, from focus on one of the list's buttons: Tab or Shift+Tab to the Move up
    button of the step to move, Enter to press it. Focus stays on that button as its row moves."""
    box = page.locator("#q-" + question.id)
    where = """([id, item]) => {
        const buttons = Array.from(document.querySelectorAll('#q-' + id + ' .quiz-reorder button:enabled'));
        const wanted = document.querySelector('#q-' + id + ' li[data-item="' + item + '"] button[data-move="-1"]');
        return [buttons.indexOf(document.activeElement), buttons.indexOf(wanted)];
    }"""
    for target, item in enumerate(items):
        while shown_order(box).index(item) > target:
            now, wanted = page.evaluate(where, [question.id, item])
            assert now >= 0, "focus left the list"
            for _ in range(abs(wanted - now)):
                page.keyboard.press("Tab" if wanted > now else "Shift+Tab")
            page.keyboard.press("Enter")


def answer_all(page, questions, how="right"):
    for question in questions:
        answer(page, question, how)


def first_control_id(question):
    """The id of the first control a reader reaches in the question, as rendered (order/match rows are
    shown shuffled, so it is read from the page by the caller for those)."""
    if question.type in CHOICE_TYPES:
        return "q-%s-%s" % (question.id, question.options[0].key)
    if question.type in ("fill", "numeric"):
        return "q-%s-answer" % question.id
    return None
