"""Enhance the quiz markup already in the page. Runs in the browser on MicroPython, through PyScript.

The page is complete without this: every question, answer and explanation is plain HTML. This module hides
the answers, adds a real submit button, marks the answers with `scoring` (the same code the tests run under
CPython) and reports the result in words in a live region. It only creates elements and sets textContent:
no string from the page is ever parsed as HTML.
"""

import json

from pyscript import document, window
from pyscript.ffi import create_proxy

import scoring

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


class Question:
    def __init__(self, fieldset, number):
        self.fieldset = fieldset
        self.number = number
        self.key = json.loads(fieldset.querySelector("script.quiz-key").textContent)
        self.inputs = _nodes(fieldset, "input")
        self.details = fieldset.querySelector("details.quiz-answer")
        self.legend = fieldset.querySelector("legend")
        self.added = []
        self.details.hidden = True
        fieldset.addEventListener("change", _proxy(self.on_change))

    def chosen(self):
        return [node.value for node in self.inputs if node.checked]

    def on_change(self, event):
        error = self.fieldset.querySelector(".quiz-error")
        if error and self.chosen():
            error.remove()

    def show_missing(self):
        if not self.fieldset.querySelector(".quiz-error"):
            error = _el("p", "quiz-error", "Not answered yet: choose an answer.")
            self.legend.after(error)
            self.added.append(error)

    def show_result(self, result):
        verdict = _el("p", "quiz-verdict quiz-verdict--" + result["verdict"])
        verdict.appendChild(_el("strong", None, scoring.verdict_text(result)))
        self.legend.after(verdict)
        self.added.append(verdict)
        correct = self.key["correct"]
        for node in self.inputs:
            mark = None
            if node.value in correct:
                mark = "your choice, correct" if node.checked else "correct answer"
            elif node.checked:
                mark = "your choice, not correct"
            if mark:
                span = _el("span", "quiz-mark", " (" + mark + ")")
                node.labels.item(0).appendChild(span)
                self.added.append(span)
            node.disabled = True
        self.details.hidden = False
        self.details.open = True

    def reset(self):
        for node in self.added:
            node.remove()
        self.added = []
        for node in self.inputs:
            node.checked = False
            node.disabled = False
        self.details.open = False
        self.details.hidden = True


class Quiz:
    """One run of consecutive questions on a page, marked together."""

    def __init__(self, fieldsets):
        first = fieldsets[0]
        self.form = _el("form", "quiz")
        self.form.noValidate = True
        self.form.setAttribute("aria-label", "Self-check quiz")
        first.parentNode.insertBefore(self.form, first)
        self.questions = []
        for fieldset in fieldsets:
            self.form.appendChild(fieldset)
            self.questions.append(Question(fieldset, len(self.questions) + 1))

        controls = _el("div", "quiz-controls")
        self.submit = _el("button", "md-button md-button--primary", "Check my answers")
        self.submit.type = "submit"
        self.again = _el("button", "md-button", "Try again")
        self.again.type = "button"
        self.again.hidden = True
        controls.appendChild(self.submit)
        controls.appendChild(self.again)
        self.status = _el("p", "quiz-status")
        self.status.setAttribute("role", "status")
        self.heading = _el("h2", "quiz-result__title", "Your result")
        self.heading.tabIndex = -1
        self.heading.hidden = True
        self.result = _el("p", "quiz-result")
        self.result.setAttribute("aria-live", "polite")
        for node in (controls, self.status, self.heading, self.result):
            self.form.appendChild(node)

        self.form.addEventListener("submit", _proxy(self.on_submit))
        self.again.addEventListener("click", _proxy(self.on_again))
        self.form.setAttribute("data-quiz-state", "ready")

    def on_submit(self, event):
        event.preventDefault()
        missing = [question for question in self.questions if not question.chosen()]
        if missing:
            for question in missing:
                question.show_missing()
            numbers = ", ".join(str(question.number) for question in missing)
            self.status.textContent = "Answer every question before checking. Not answered: question %s." % numbers \
                if len(missing) == 1 else \
                "Answer every question before checking. Not answered: questions %s." % numbers
            missing[0].inputs[0].focus()
            return
        self.status.textContent = ""
        answers = {}
        for question in self.questions:
            answers[question.key["id"]] = question.chosen()
        marked = scoring.score_quiz([question.key for question in self.questions], answers)
        for question, result in zip(self.questions, marked["results"]):
            question.show_result(result)
        self.submit.hidden = True
        self.again.hidden = False
        self.heading.hidden = False
        self.result.textContent = "You scored %s. This measures how well you know the article, not the " \
            "health of your ankles." % scoring.format_score(marked["earned"], marked["possible"])
        self.form.setAttribute("data-quiz-state", "scored")
        self.heading.focus()

    def on_again(self, event):
        for question in self.questions:
            question.reset()
        self.status.textContent = ""
        self.result.textContent = ""
        self.heading.hidden = True
        self.again.hidden = True
        self.submit.hidden = False
        self.form.setAttribute("data-quiz-state", "ready")
        self.questions[0].inputs[0].focus()


def _runs(fieldsets):
    """Group questions that follow each other directly; other content between them starts a new quiz."""
    runs = []
    for fieldset in fieldsets:
        previous = fieldset.previousElementSibling
        if runs and previous and previous.isSameNode(runs[-1][-1]):
            runs[-1].append(fieldset)
        else:
            runs.append([fieldset])
    return runs


QUIZZES = [Quiz(run) for run in _runs(_nodes(document, "fieldset.quiz-question"))]
document.documentElement.setAttribute("data-quiz-ready", str(len(QUIZZES)))
# Lets benchmarks measure navigation -> usable quiz with the browser's own clock.
window.performance.mark("quiz-ready")
