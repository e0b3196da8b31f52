"""Enhance the quiz markup already in the page. Runs in the browser on MicroPython, through PyScript.

The page is complete without this: every question, answer and explanation is plain HTML. This module groups
the questions into quizzes, hides the answers until the reader asks to check, saves answers as they are
given, marks them with `scoring` (the same code the tests run under CPython) and reports in words. It only
creates elements, sets textContent and moves or clones nodes already in the page: no string from the page
or from storage is ever parsed as HTML.
"""

import json

from pyscript import document, window
from pyscript.ffi import create_proxy

import saved
import scoring
import shuffle

# Handlers must outlive this module's top level, or the proxies are collected.
_KEEP = []


def _el(tag, class_name=None, text=None):
    node = document.createElement(tag)
    if class_name:
        node.className = class_name
    if text is not None:
        node.textContent = text
    return node


def _nodes(root, selector):
    found = root.querySelectorAll(selector)
    return [found.item(i) for i in range(found.length)]


def _proxy(function):
    proxy = create_proxy(function)
    _KEEP.append(proxy)
    return proxy


def _text(node):
    return " ".join(str(node.textContent).split()) if node else ""


class Storage:
    """localStorage, which a browser may refuse (private modes, file:// pages, quotas): never fatal."""

    def get(self, key):
        try:
            return window.localStorage.getItem(key)
        except Exception:
            return None

    def set(self, key, value):
        try:
            window.localStorage.setItem(key, value)
            return True
        except Exception:
            return False

    def remove(self, key):
        try:
            window.localStorage.removeItem(key)
        except Exception:
            pass


STORAGE = Storage()


class Question:
    def __init__(self, fieldset):
        self.fieldset = fieldset
        self.key = json.loads(fieldset.querySelector("script.quiz-key").textContent)
        self.id = self.key["id"]
        self.type = self.key["type"]
        self.legend = fieldset.querySelector("legend")
        self.details = fieldset.querySelector("details.quiz-answer")
        self.inputs = _nodes(fieldset, "input, select")
        self.rows = _nodes(fieldset, "li.quiz-row")
        self.added = []
        self.number = 0
        self.details.hidden = True

    # Reading and restoring the reader's answer.
    def answer(self):
        if self.type in scoring.CHOICE_TYPES:
            return [node.value for node in self.inputs if node.checked]
        if self.type in scoring.TEXT_TYPES:
            return str(self.inputs[0].value)
        answer = {}
        for row in self.rows:
            answer[row.getAttribute("data-item")] = str(row.querySelector("select").value)
        return answer

    def restore(self, answer):
        if self.type in scoring.CHOICE_TYPES:
            for node in self.inputs:
                node.checked = node.value in answer
        elif self.type in scoring.TEXT_TYPES:
            self.inputs[0].value = answer
        else:
            for row in self.rows:
                row.querySelector("select").value = answer.get(row.getAttribute("data-item"), "")

    def answered(self):
        return scoring.is_answered(self.key, self.answer())

    def shuffle_options(self, seed):
        if self.type not in scoring.CHOICE_TYPES or not self.fieldset.hasAttribute("data-quiz-shuffle"):
            return
        options = _nodes(self.fieldset, "li.quiz-option")
        parent = options[0].parentNode
        for node in shuffle.shuffled(options, shuffle.seed_from_text(self.id) ^ seed):
            parent.appendChild(node)
        self.inputs = _nodes(self.fieldset, "input")

    # Messages and marks.
    def _add(self, node, after):
        after.after(node)
        self.added.append(node)

    def clear_error(self):
        for node in _nodes(self.fieldset, ".quiz-error"):
            node.remove()
            self.added.remove(node)

    def show_missing(self):
        if not self.fieldset.querySelector(".quiz-error"):
            self._add(_el("p", "quiz-error", "Not answered yet: give an answer to every part."), self.legend)

    def first_control(self):
        return self.inputs[0] if self.type not in ("order", "match") else self.rows[0].querySelector("select")

    def show_result(self, result):
        verdict = _el("p", "quiz-verdict quiz-verdict--" + result["verdict"])
        verdict.appendChild(_el("strong", None, scoring.verdict_text(result)))
        self._add(verdict, self.legend)
        if self.type in scoring.CHOICE_TYPES:
            correct = self.key["correct"]
            for node in self.inputs:
                mark = None
                if node.value in correct:
                    mark = "your choice, correct" if node.checked else "correct answer"
                elif node.checked:
                    mark = "your choice, not correct"
                if mark:
                    self._mark(node.labels.item(0), mark)
        elif self.type == "order":
            steps = self.key["steps"]
            for row in self.rows:
                place = str(steps.index(row.getAttribute("data-item")) + 1)
                right = row.querySelector("select").value == place
                self._mark(row.querySelector("label"), "right place" if right else "should be " + place)
        elif self.type == "match":
            partners = {}
            for pair in self.key["pairs"]:
                partners[pair[0]] = pair[1]
            for row in self.rows:
                select = row.querySelector("select")
                wanted = partners[row.getAttribute("data-item")]
                if select.value == wanted:
                    self._mark(row.querySelector("label"), "right match")
                else:
                    option = select.querySelector('option[value="%s"]' % wanted)
                    self._mark(row.querySelector("label"), "right match: " + _text(option))
        for node in self.inputs:
            node.disabled = True
        self.details.hidden = False
        self.details.open = True

    def _mark(self, label, text):
        span = _el("span", "quiz-mark", " (" + text + ")")
        label.appendChild(span)
        self.added.append(span)

    def describe_answer(self):
        if self.type in scoring.CHOICE_TYPES:
            chosen = [node for node in self.inputs if node.checked]
            return "; ".join(_text(self.fieldset.querySelector('label[for="%s"]' % node.id)) for node in chosen)
        if self.type in scoring.TEXT_TYPES:
            return self.answer().strip()
        parts = []
        for row in self.rows:
            select = row.querySelector("select")
            option = select.options.item(select.selectedIndex)
            parts.append("%s: %s" % (_text(row.querySelector("label")), _text(option)))
        return "; ".join(parts)

    def reset(self):
        for node in self.added:
            node.remove()
        self.added = []
        self.restore([] if self.type in scoring.CHOICE_TYPES else ("" if self.type in scoring.TEXT_TYPES else {}))
        for node in self.inputs:
            node.disabled = False
        self.details.open = False
        self.details.hidden = True


class Quiz:
    """Questions with the same quiz id that follow each other on a page, marked and saved together."""

    def __init__(self, quiz_id, fieldsets, shuffle_questions):
        self.id = quiz_id
        self.storage_key = saved.storage_key(quiz_id)
        first = fieldsets[0]
        self.form = _el("form", "quiz")
        self.form.noValidate = True
        self.form.setAttribute("data-quiz", quiz_id)
        first.parentNode.insertBefore(self.form, first)
        self.progress = _el("p", "quiz-progress")
        self.form.appendChild(self.progress)
        self.questions = []
        for fieldset in fieldsets:
            self.form.appendChild(fieldset)
            self.questions.append(Question(fieldset))

        seed = self.seed()
        for question in self.questions:
            question.shuffle_options(seed)
        if shuffle_questions:
            self.questions = shuffle.shuffled(self.questions, seed)
            for question in self.questions:
                self.form.appendChild(question.fieldset)
        for number, question in enumerate(self.questions):
            question.number = number + 1

        controls = _el("div", "quiz-controls")
        self.submit = _el("button", "md-button md-button--primary", "Check my answers")
        self.submit.type = "submit"
        self.again = _el("button", "md-button", "Try again")
        self.again.type = "button"
        self.again.hidden = True
        self.clear = _el("button", "md-button", "Clear my answers")
        self.clear.type = "button"
        for node in (self.submit, self.again, self.clear):
            controls.appendChild(node)
        self.status = _el("p", "quiz-status")
        self.status.setAttribute("role", "status")
        self.heading = _el("h2", "quiz-result__title", "Your result")
        self.heading.tabIndex = -1
        self.heading.hidden = True
        self.result = _el("p", "quiz-result")
        self.result.setAttribute("aria-live", "polite")
        self.review = _el("ol", "quiz-review")
        self.review.hidden = True
        for node in (controls, self.status, self.heading, self.result, self.review):
            self.form.appendChild(node)

        self.load()
        self.form.addEventListener("submit", _proxy(self.on_submit))
        self.form.addEventListener("change", _proxy(self.on_edit))
        self.form.addEventListener("input", _proxy(self.on_edit))
        self.again.addEventListener("click", _proxy(self.on_again))
        self.clear.addEventListener("click", _proxy(self.on_clear))
        self.update_progress()
        self.form.setAttribute("data-quiz-state", "ready")

    def seed(self):
        """The reader's own shuffle, kept across reloads; a fresh one if the stored value is not ours."""
        key = "quiz-seed/v%d/%s" % (saved.VERSION, self.id)
        stored = STORAGE.get(key)
        if stored and str(stored).isdigit() and len(str(stored)) <= 10:
            return int(stored)
        value = int(window.Math.random() * 4294967295) + 1
        STORAGE.set(key, str(value))
        return value

    def load(self):
        answers, message = saved.decode(
            self.id, STORAGE.get(self.storage_key), [question.key for question in self.questions]
        )
        for question in self.questions:
            if question.id in answers:
                question.restore(answers[question.id])
        if message:
            self.status.textContent = message
            self.save()

    def answers(self):
        return {question.id: question.answer() for question in self.questions}

    def save(self):
        if not STORAGE.set(self.storage_key, saved.encode(self.id, self.answers())):
            self.status.textContent = (
                "Your answers cannot be saved in this browser; they are kept until you leave the page."
            )

    def update_progress(self):
        answered = len([1 for question in self.questions if question.answered()])
        self.progress.textContent = scoring.progress_text(answered, len(self.questions))

    def on_edit(self, event):
        if self.form.getAttribute("data-quiz-state") != "ready":
            return
        for question in self.questions:
            if question.answered():
                question.clear_error()
        self.update_progress()
        self.save()

    def on_submit(self, event):
        event.preventDefault()
        missing = [question for question in self.questions if not question.answered()]
        if missing:
            for question in missing:
                question.show_missing()
            numbers = ", ".join(str(question.number) for question in missing)
            noun = "question" if len(missing) == 1 else "questions"
            self.status.textContent = "Answer every question before checking. Not answered: %s %s." % (noun, numbers)
            missing[0].first_control().focus()
            return
        self.status.textContent = ""
        marked = scoring.score_quiz([question.key for question in self.questions], self.answers())
        for question, result in zip(self.questions, marked["results"]):
            question.show_result(result)
            self.review.appendChild(self.review_item(question, result))
        self.submit.hidden = True
        self.clear.hidden = True
        self.again.hidden = False
        self.heading.hidden = False
        self.review.hidden = False
        self.result.textContent = (
            "You scored %s. This measures how well you know the article, not the "
            "health of your ankles." % scoring.format_score(marked["earned"], marked["possible"])
        )
        self.form.setAttribute("data-quiz-state", "scored")
        self.heading.focus()

    def review_item(self, question, result):
        item = _el("li", "quiz-review__item")
        title = _el("p")
        link = _el("a", None, "Question %d" % question.number)
        link.href = "#" + question.fieldset.id
        title.appendChild(link)
        title.appendChild(document.createTextNode(": " + scoring.verdict_text(result) + "."))
        item.appendChild(title)
        item.appendChild(_el("p", None, "Your answer: " + question.describe_answer()))
        right = _el("div", "quiz-review__right")
        for node in _nodes(
            question.details,
            ".quiz-answer__key, .quiz-answer__order, .quiz-answer__pairs, .quiz-answer__explanation, .quiz-answer__see",
        ):
            right.appendChild(node.cloneNode(True))
        item.appendChild(right)
        return item

    def reset(self):
        for question in self.questions:
            question.reset()
        while self.review.firstChild:
            self.review.firstChild.remove()
        self.result.textContent = ""
        self.heading.hidden = True
        self.review.hidden = True
        self.again.hidden = True
        self.submit.hidden = False
        self.clear.hidden = False
        self.form.setAttribute("data-quiz-state", "ready")
        STORAGE.remove(self.storage_key)
        self.update_progress()
        self.questions[0].first_control().focus()

    def on_again(self, event):
        self.reset()
        self.status.textContent = ""

    def on_clear(self, event):
        self.reset()
        self.status.textContent = "Your answers were cleared."


def _quizzes():
    """Group questions that follow each other directly and share a quiz id; anything else starts a new quiz."""
    runs = []
    for fieldset in _nodes(document, "fieldset.quiz-question"):
        previous = fieldset.previousElementSibling
        quiz_id = fieldset.getAttribute("data-quiz")
        if runs and runs[-1][0] == quiz_id and previous and previous.isSameNode(runs[-1][1][-1]):
            runs[-1][1].append(fieldset)
        else:
            runs.append((quiz_id, [fieldset]))
    meta = document.querySelector('meta[name="quiz-shuffle-questions"]')
    shuffled = str(meta.getAttribute("content")).split() if meta else []
    return [Quiz(quiz_id, fieldsets, "true" in shuffled or quiz_id in shuffled) for quiz_id, fieldsets in runs]


QUIZZES = _quizzes()
document.documentElement.setAttribute("data-quiz-ready", str(len(QUIZZES)))
# Lets benchmarks measure navigation -> usable quiz with the browser's own clock.
window.performance.mark("quiz-ready")
