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

import question_types
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


def _settings():
    """What the page tells the quiz (quiz/page.py writes it): UI strings and the page's own settings."""
    node = document.getElementById("quiz-settings")
    return json.loads(node.textContent) if node else {}


SETTINGS = _settings()
STRINGS = SETTINGS.get("strings", {})


def say(key, values=None):
    return scoring.fill(STRINGS[key], values or {})


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


class PageQuestion:
    """One question's fieldset in the page (its source side is parse.SourceQuestion)."""

    def __init__(self, fieldset):
        self.fieldset = fieldset
        self.key = json.loads(fieldset.querySelector("script.quiz-key").textContent)
        self.id = self.key["id"]
        self.type = self.key["type"]
        self.family = question_types.family(self.type)
        self.legend = fieldset.querySelector("legend")
        self.details = fieldset.querySelector("details.quiz-answer")
        self.inputs = _nodes(fieldset, "input, select")
        self.parts = {}
        for node in _nodes(fieldset, "[data-part]"):
            self.parts[node.getAttribute("data-part")] = node
        self.added = []
        self.number = 0
        self.details.hidden = True

    # Reading and restoring the reader's answer, by family (question_types.py).
    def answer(self):
        if self.family == question_types.CHOICE:
            return [node.value for node in self.inputs if node.checked]
        if self.family == question_types.TEXT:
            return str(self.inputs[0].value)
        answer = {}
        for part in self.parts:
            answer[part] = str(self.parts[part].value)
        return answer

    def restore(self, answer):
        if self.family == question_types.CHOICE:
            for node in self.inputs:
                node.checked = node.value in answer
        elif self.family == question_types.TEXT:
            self.inputs[0].value = answer
        else:
            for part in self.parts:
                self.parts[part].value = answer.get(part, "")

    def empty(self):
        if self.family == question_types.CHOICE:
            return []
        return "" if self.family == question_types.TEXT else {}

    def answered(self):
        return scoring.is_answered(self.key, self.answer())

    def shuffle_options(self, seed):
        if self.family != question_types.CHOICE or not self.fieldset.hasAttribute("data-quiz-shuffle"):
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
            self._add(_el("p", "quiz-error", say("quiz.unanswered")), self.legend)

    def first_control(self):
        return self.inputs[0]

    def show_result(self, result):
        verdict = _el("p", "quiz-verdict quiz-verdict--" + result["verdict"])
        verdict.appendChild(_el("strong", None, scoring.verdict_text(result, STRINGS)))
        self._add(verdict, self.legend)
        if self.family == question_types.CHOICE:
            correct = self.key["correct"]
            for node in self.inputs:
                mark = None
                if node.value in correct:
                    mark = "mark.chosen_correct" if node.checked else "mark.missed"
                elif node.checked:
                    mark = "mark.chosen_wrong"
                if mark:
                    self._mark(node.labels.item(0), say(mark))
        elif self.family == question_types.PARTS:
            for part, right, value in scoring.part_results(self.key, self.answer()):
                control = self.parts[part]
                if right:
                    self._mark(control, say("mark.part_right"), True)
                else:
                    shown = value
                    if str(control.tagName).lower() == "select":
                        shown = _text(control.querySelector('option[value="%s"]' % value))
                    self._mark(control, say("mark.part_wrong", {"answer": shown}), True)
        for node in self.inputs:
            node.disabled = True
        self.details.hidden = False
        self.details.open = True

    def _mark(self, node, text, after=False):
        span = _el("span", "quiz-mark", " (" + text + ")")
        if after:
            node.after(span)
        else:
            node.appendChild(span)
        self.added.append(span)

    def describe_answer(self):
        if self.family == question_types.CHOICE:
            chosen = [node for node in self.inputs if node.checked]
            return "; ".join(_text(self.fieldset.querySelector('label[for="%s"]' % node.id)) for node in chosen)
        if self.family == question_types.TEXT:
            return self.answer().strip()
        parts = []
        for node in _nodes(self.fieldset, "[data-part]"):
            label = _text(self.fieldset.querySelector('label[for="%s"]' % node.id))
            if str(node.tagName).lower() == "select":
                value = _text(node.options.item(node.selectedIndex))
            else:
                value = str(node.value).strip()
            parts.append("%s: %s" % (label, value))
        return "; ".join(parts)

    def reset(self):
        for node in self.added:
            node.remove()
        self.added = []
        self.restore(self.empty())
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
            self.questions.append(PageQuestion(fieldset))

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
        self.submit = _el("button", "md-button md-button--primary", say("quiz.check"))
        self.submit.type = "submit"
        self.again = _el("button", "md-button", say("quiz.again"))
        self.again.type = "button"
        self.again.hidden = True
        self.clear = _el("button", "md-button", say("quiz.clear"))
        self.clear.type = "button"
        for node in (self.submit, self.again, self.clear):
            controls.appendChild(node)
        self.status = _el("p", "quiz-status")
        self.status.setAttribute("role", "status")
        self.heading = _el("h2", "quiz-result__title", say("result.title"))
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
            self.status.textContent = say(message)
            self.save()

    def answers(self):
        return {question.id: question.answer() for question in self.questions}

    def save(self):
        if not STORAGE.set(self.storage_key, saved.encode(self.id, self.answers())):
            self.status.textContent = say("saved.cannot_save")

    def update_progress(self):
        answered = len([1 for question in self.questions if question.answered()])
        self.progress.textContent = scoring.progress_text(answered, len(self.questions), STRINGS)

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
            noun = scoring.plural(STRINGS, "questions", len(missing))
            self.status.textContent = say("quiz.missing", {"questions": noun, "numbers": numbers})
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
        score = say("result.score", {"score": scoring.format_score(marked["earned"], marked["possible"], STRINGS)})
        # The author's note on what the score means, from the page's front matter (quiz_result_note).
        note = SETTINGS.get("result_note") or ""
        self.result.textContent = score + (" " + note if note else "")
        self.form.setAttribute("data-quiz-state", "scored")
        self.heading.focus()

    def review_item(self, question, result):
        item = _el("li", "quiz-review__item")
        title = _el("p")
        link = _el("a", None, say("review.question", {"n": question.number}))
        link.href = "#" + question.fieldset.id
        title.appendChild(link)
        title.appendChild(document.createTextNode(": " + scoring.verdict_text(result, STRINGS) + "."))
        item.appendChild(title)
        item.appendChild(_el("p", None, say("review.your_answer", {"answer": question.describe_answer()})))
        right = _el("div", "quiz-review__right")
        for node in _nodes(
            question.details,
            ".quiz-answer__body > *",
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
        self.status.textContent = say("saved.cleared")


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
    # Front matter quiz_shuffle_questions: true (every quiz on the page) or a list of quiz ids.
    chosen = SETTINGS.get("shuffle_questions")
    return [
        Quiz(quiz_id, fieldsets, chosen is True or (isinstance(chosen, list) and quiz_id in chosen))
        for quiz_id, fieldsets in runs
    ]


def _announce_ready(count):
    """The one documented signal that the quiz is usable: html[data-quiz-ready] for anything that starts later,
    and a `quiz:ready` event on document (detail: {"quizzes": count}) for anything already waiting."""
    document.documentElement.setAttribute("data-quiz-ready", str(count))
    # Lets benchmarks measure navigation -> usable quiz with the browser's own clock.
    window.performance.mark("quiz-ready")
    init = window.JSON.parse(json.dumps({"detail": {"quizzes": count}}))
    document.dispatchEvent(window.CustomEvent.new("quiz:ready", init))


QUIZZES = _quizzes()
_announce_ready(len(QUIZZES))
