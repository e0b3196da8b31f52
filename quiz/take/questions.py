"""Questions as the terminal asks them, read from the HTML the renderer writes.

A built page carries each question as a rendered <fieldset> with its answer key (quiz/render.py); a Markdown
page's questions are rendered the same way first. So both sources give the same text, the same order of steps
and matches as the page shows, and the key the browser scores with.
"""

import json
import os

from .. import render
from ..source import heading_ids
from . import html_tree

FIELDSET_OPEN = '<fieldset class="quiz-question"'


class TakeQuestion:
    """One question: `key` is the answer key of quiz/browser/question_types.py; every text is plain text.

    options, rows, partners: [(key, text)]; gaps: [(key, [(key, text)] for a drop-down or None when typed)]."""

    def __init__(self, key):
        self.key = key
        self.id = key["id"]
        self.type = key["type"]
        self.line = None
        self.text = ""
        self.hint = ""
        self.options = []
        self.feedback = {}
        self.rows = []
        self.partners = []
        self.passage = ""
        self.gaps = []
        self.answer = ""
        self.explanation = ""
        self.see = ""


def _gap_text(numbers):
    def replace(node):
        if "quiz-gap" in node.classes():
            control = node.find("select") or node.find("input")
            return "[%d]" % numbers[control.attrs.get("data-part")] if control is not None else "[ ]"
        return None

    return replace


def _choices(select):
    return [
        (option.attrs["value"], html_tree.text(option))
        for option in select.find_all("option")
        if option.attrs.get("value")
    ]


def _without_number(node):
    return "" if "quiz-question__number" in node.classes() else None


def from_fieldset(node):
    """The TakeQuestion of one rendered <fieldset class="quiz-question">."""
    question = TakeQuestion(json.loads(node.attrs["data-quiz-key"]))
    # The legend starts with the question's number ("Question 3:"), which the terminal writes itself.
    question.text = html_tree.text(node.find("legend"), _without_number)
    hint = node.find("details", "quiz-hint")
    question.hint = html_tree.text(hint.find("p")) if hint is not None else ""
    for option in node.find_all("li", "quiz-option"):
        question.options.append((option.find("input").attrs["value"], html_tree.text(option.find("label"))))
    for row in node.find_all("li", "quiz-row"):
        question.rows.append((row.attrs["data-item"], html_tree.text(row.find("label"))))
    if question.type == "match" and question.rows:
        question.partners = _choices(node.find("li", "quiz-row").find("select"))
    cloze = node.find("p", "quiz-cloze")
    if cloze is not None:
        controls = [control for control in cloze.find_all(attr="data-part")]
        numbers = {control.attrs["data-part"]: index for index, control in enumerate(controls, 1)}
        question.passage = html_tree.text(cloze, _gap_text(numbers))
        for control in controls:
            question.gaps.append((control.attrs["data-part"], _choices(control) if control.tag == "select" else None))
    body = node.find("div", "quiz-answer__body")
    for item in body.find_all("li", attr="data-option"):
        # The item is "<em>option</em> feedback": the feedback is what follows the option.
        feedback = html_tree.text(item, lambda node: "" if node.tag == "em" else None)
        question.feedback[item.attrs["data-option"]] = feedback[2:] if feedback.startswith("- ") else feedback
    shown = []
    for child in body.children:
        if isinstance(child, html_tree.Node) and not {"quiz-answer__feedback", "quiz-answer__explanation"} & set(
            child.classes()
        ):
            if "quiz-answer__see" in child.classes():
                link = child.find("a")
                href = link.attrs.get("href", "") if link is not None else ""
                question.see = "%s (%s)" % (html_tree.text(child), href) if href else html_tree.text(child)
            else:
                shown.append(html_tree.text(child))
    question.answer = "\n".join(part for part in shown if part)
    question.explanation = html_tree.text(body.find("div", "quiz-answer__explanation"))
    return question


def fieldsets(html):
    """Each rendered question's <fieldset> node, in page order."""
    root = html_tree.parse(html)
    return [node for node in root.find_all("fieldset", "quiz-question") if "data-quiz-question" in node.attrs]


def from_html(html):
    return [from_fieldset(node) for node in fieldsets(html)]


def _section_title(see, page_path):
    target, _, anchor = see.partition("#")
    path = os.path.join(os.path.dirname(page_path), target) if target else page_path
    try:
        with open(path, encoding="utf-8") as handle:
            return heading_ids(handle.read()).get(anchor) or see
    except OSError:
        return see


def from_source(question, strings, page_path):
    """A parsed Markdown question (parse.SourceQuestion), rendered as the page shows it, then read back."""
    title = _section_title(question.see, page_path)
    html = render.render_question(question, question.see, title, strings)
    taken = from_fieldset(fieldsets(html)[0])
    taken.line = question.line
    return taken
