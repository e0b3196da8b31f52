"""Enhance the quiz markup already in the page. Runs in the browser on MicroPython, through PyScript.

The page is complete without this: every question, answer and explanation is plain HTML, and the build has
already written each quiz's form, progress and status lines and buttons, in their starting state (see
quiz/page.py). This module enables them, restores and saves answers as they are given, marks a question or
the whole quiz with `scoring` (the same code the tests run under CPython) and reports in words. It only
creates elements, sets textContent and moves or clones nodes already in the page: no string from the page or
from storage is ever parsed as HTML.
"""

import json

from pyscript import document, window

# PyScript's own start ends here: benchmarks measure the quiz's share from this mark to `quiz-ready`.
window.performance.mark("quiz-start")

import dom  # noqa: E402
import events  # noqa: E402
import question_types  # noqa: E402
import reorder  # noqa: E402
import review  # noqa: E402
import saved  # noqa: E402
import scoring  # noqa: E402
import shuffle  # noqa: E402
import tries  # noqa: E402


def _label_text(node):
    """A label's own words, without the marks added to it after checking."""
    if not node:
        return ""
    copy = node.cloneNode(True)
    for mark in dom.nodes(copy, ".quiz-mark"):
        mark.remove()
    return dom.text(copy)


def _settings():
    """What the page tells the quiz (quiz/page.py writes it): UI strings and the page's own settings."""
    node = document.getElementById("quiz-settings")
    return json.loads(node.textContent) if node else {}


# The page's settings, UI strings and the catalogue's language (its plural forms and the dates of past scores
# follow it), read by mount() for each page shown.
SETTINGS = {}
STRINGS = {}
LANGUAGE = "en"
# The note under a question that is not answered yet, worded for what the question asks of the learner.
NOTES = {
    question_types.CHOICE: "note.choose",
    question_types.TEXT: "note.type",
    question_types.PARTS: "note.every_part",
}
# The number a "enter a number" note shows as an example: fixed, so the note never gives an answer away.
NUMBER_EXAMPLE = "12"


def say(key, values=None):
    return scoring.fill(STRINGS[key], values or {})


def _removed(node):
    """Takes an offered button out of the page, if there is one; None, for the attribute that held it."""
    if node is not None:
        node.remove()
    return None


def _button(text, action, primary=False):
    node = dom.el("button", "md-button md-button--primary" if primary else "md-button", text)
    node.type = "button"
    node.setAttribute("data-quiz-action", action)
    return node


def _today():
    """The reader's own date, YYYY-MM-DD (not UTC's, which can be another day)."""
    now = window.Date.new()
    return "%04d-%02d-%02d" % (int(now.getFullYear()), int(now.getMonth()) + 1, int(now.getDate()))


# The month as a word: "3 May 2025", "3. Mai 2025", "3 mai 2025", "2025年5月3日", never 05/03/2025, whose
# order of day and month depends on the reader.
DATE_OPTIONS = '{"year": "numeric", "month": "long", "day": "numeric"}'


def _local_date(iso):
    """A stored YYYY-MM-DD in the words of the catalogue's language, from the browser's own CLDR data."""
    date = window.Date.new(iso + "T12:00:00")
    try:
        return str(date.toLocaleDateString(LANGUAGE, window.JSON.parse(DATE_OPTIONS)))
    except Exception:  # a language tag this browser does not know
        return str(date.toLocaleDateString())


def _percent(earned, possible):
    return (earned * 200 + possible) // (2 * possible) if possible else 0


def _namespace():
    """This site's part of every storage name (saved.site_namespace): its path under the origin, from the
    site root the page names, unless the site sets its own."""
    root = window.URL.new(SETTINGS.get("site_root") or "./", window.location.href)
    return saved.site_namespace(str(root.pathname), SETTINGS.get("storage_namespace") or "")


def _adopt(old_key, key):
    old = STORAGE.get(old_key)
    if old is not None and STORAGE.get(key) is None and STORAGE.set(key, old) == "":
        STORAGE.remove(old_key)


class Storage:
    """localStorage, which a browser may refuse (private modes, file:// pages, a full quota): never fatal.
    Every call goes through window.quizStorage (quiz/web/quiz-storage.js), which catches what the browser throws:
    MicroPython cannot catch an exception thrown inside a JavaScript function it calls."""

    # set()'s answer when the browser's storage is full.
    FULL = "QuotaExceededError"

    def __init__(self):
        self.guard = getattr(window, "quizStorage", None)

    def get(self, key):
        if not self.guard:
            return None
        value = self.guard.get(key)
        return None if value is None else str(value)

    def set(self, key, value):
        """An empty string when saved, else the name of the browser's error."""
        if not self.guard:
            return "SecurityError"
        return str(self.guard.set(key, value))

    def remove(self, key):
        if self.guard:
            self.guard.remove(key)


STORAGE = Storage()


class PageQuestion:
    """One question's fieldset in the page (its source side is parse.SourceQuestion)."""

    def __init__(self, fieldset):
        self.fieldset = fieldset
        self.key = json.loads(fieldset.getAttribute("data-quiz-key"))
        self.id = self.key["id"]
        self.type = self.key["type"]
        self.family = question_types.family(self.type)
        self.legend = fieldset.querySelector("legend")
        self.number_node = self.legend.querySelector(".quiz-question__number")
        self.details = fieldset.querySelector("details.quiz-answer")
        self.check_button = fieldset.querySelector('[data-quiz-action="check-question"]')
        # The answer's controls; the radio buttons "How sure are you?" (front matter quiz_confidence) apart.
        self.inputs = dom.nodes(fieldset, "input:not([data-quiz-sure]), select")
        self.sure_inputs = dom.nodes(fieldset, "input[data-quiz-sure]")
        self.parts = {}
        for node in dom.nodes(fieldset, "[data-part]"):
            self.parts[node.getAttribute("data-part")] = node
        self.added = []
        self.note = None
        self.number = 0
        self.result = None
        # Tries made at this question in this attempt, and its hints revealed one by one (tries.py).
        self.tries = 0
        self.hint_nodes = dom.nodes(fieldset, "details[data-quiz-hint]")

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
        reorder.sync(self.fieldset)

    def sure(self):
        """How sure the learner said they are (saved.SURE_LEVELS), or "" when not said or not asked."""
        for node in self.sure_inputs:
            if node.checked:
                return str(node.value)
        return ""

    def set_sure(self, level):
        for node in self.sure_inputs:
            node.checked = str(node.value) == level

    def empty(self):
        if self.family == question_types.CHOICE:
            return []
        return "" if self.family == question_types.TEXT else {}

    def answered(self):
        return scoring.is_answered(self.key, self.answer())

    def has_any(self):
        """True when the reader gave any part of an answer (typed, ticked or chosen)."""
        answer = self.answer()
        if self.family == question_types.CHOICE:
            return len(answer) > 0
        if self.family == question_types.TEXT:
            return answer.strip() != ""
        return len([1 for part in answer if answer[part].strip()]) > 0

    def enhance(self):
        """Type-specific enhancements the markup asks for: a list marked data-reorder becomes reorderable."""
        if self.fieldset.querySelector("[data-reorder]"):
            reorder.enhance(self.fieldset, say)

    def shuffle_options(self, seed):
        if self.family != question_types.CHOICE or not self.fieldset.hasAttribute("data-quiz-shuffle"):
            return
        options = dom.nodes(self.fieldset, "li.quiz-option")
        parent = options[0].parentNode
        for node in shuffle.shuffled(options, shuffle.seed_from_text(self.id) ^ seed):
            parent.appendChild(node)
        self.inputs = dom.nodes(self.fieldset, "input:not([data-quiz-sure])")

    # Notes, marks and feedback.
    def problem(self):
        """The note a text box's content calls for (a number box holding no number), or None."""
        if self.family != question_types.TEXT:
            return None
        found = scoring.numeric_problem(self.key, self.answer())
        return say(found, {"example": NUMBER_EXAMPLE}) if found else None

    def show_note(self, text=None):
        # A reorderable list is answered by moving its steps, not by filling parts in.
        family_note = "note.order" if self.fieldset.querySelector("[data-reorder]") else NOTES[self.family]
        text = text or self.problem() or say(family_note)
        if self.note is None:
            self.note = dom.el("p", "quiz-error")
            self.note.id = self.fieldset.id + "-note"
            # Under the controls, just above the question's button: a note never moves the box being typed in.
            self.check_button.closest("p").before(self.note)
            for node in self.inputs:
                node.setAttribute("aria-describedby", self.note.id)
        self.note.textContent = text

    def refresh_note(self, typing=False):
        """Notes follow the answer as it is given: a note goes away as soon as what it asked for is done, and a
        number box says it wants a number once the learner leaves it (a `change`), never while they type:
        "-" is how "-4" starts. A note already shown stays while its problem does."""
        problem = self.problem()
        if problem:
            if not typing or self.note is not None:
                self.show_note(problem)
        elif self.note is not None and (self.answered() or self.family == question_types.TEXT):
            self.clear_note()

    def clear_note(self):
        if self.note is not None:
            self.note.remove()
            self.note = None
            for node in self.inputs:
                node.removeAttribute("aria-describedby")

    def first_control(self, unanswered_only=False):
        """The control to focus: the first one, or the first still without an answer; a hidden control (an
        order list made reorderable) hands over to the first button of its row."""
        found = self.inputs[0]
        if unanswered_only and self.family == question_types.PARTS:
            for node in dom.nodes(self.fieldset, "[data-part]"):
                if not str(node.value).strip():
                    found = node
                    break
        if found.hidden or found.closest("[hidden]"):
            row = found.closest("li") or self.fieldset
            button = row.querySelector("button:not([disabled])") or self.fieldset.querySelector("button")
            return button or found
        return found

    def _add(self, node):
        self.added.append(node)
        return node

    def _mark(self, node, text, state, after=False):
        span = self._add(dom.el("span", "quiz-mark quiz-mark--" + state, " (" + text + ")"))
        if after:
            node.after(span)
        else:
            node.appendChild(span)

    def label(self):
        return say("question.number", {"n": self.number})

    def shown_answer(self):
        """The right answer of a text question as the answer under "Show the answer" gives it."""
        node = self.details.querySelector(".quiz-answer__value")
        return dom.text(node)

    def mark(self, result):
        """Show the verdict, and for each option or part what the reader did with it: icon, words and colour.
        Every type says it the same way: "correct", "incorrect, the answer is …", and for what was left
        blank "not answered, the answer is …" (an order step: "belongs in place 3"). Returns what was not
        right, as "label (mark)" for the announcement."""
        self.clear_note()
        self.result = result
        issues = []
        # In the row of the question's button, which is there from the first paint: marking adds no line.
        verdict = self._add(dom.el("strong", "quiz-verdict quiz-verdict--" + result["verdict"]))
        verdict.textContent = scoring.verdict_text(result, STRINGS, LANGUAGE)
        self.check_button.before(verdict)
        if self.family == question_types.CHOICE:
            correct = self.key["correct"]
            for node in self.inputs:
                state = None
                if node.value in correct:
                    state = "right" if node.checked else "missed"
                elif node.checked:
                    state = "wrong"
                if state:
                    words = {"right": "mark.chosen_correct", "missed": "mark.missed", "wrong": "mark.chosen_wrong"}
                    label = node.labels.item(0)
                    if state != "right":
                        issues.append("%s (%s)" % (_label_text(label), say(words[state])))
                    self._mark(label, say(words[state]), state)
                    self._feedback(node)
        elif self.family == question_types.TEXT:
            box = self.inputs[0]
            spelt = scoring.spellings(self.key, self.answer())
            if result["verdict"] == scoring.CORRECT and spelt:
                self._mark(box, say("mark.part_right_spelling", {"spelling": spelt[0][1]}), "right", True)
            elif result["verdict"] == scoring.CORRECT:
                self._mark(box, say("mark.part_right"), "right", True)
            else:
                blank = result["verdict"] == scoring.UNANSWERED
                text = say("mark.part_unanswered" if blank else "mark.part_wrong", {"answer": self.shown_answer()})
                issues.append(text)
                self._mark(box, text, "unanswered" if blank else "wrong", True)
        elif self.family == question_types.PARTS:
            answer = self.answer()
            order = self.type == "order"
            spelt = {}
            for part, spelling in scoring.spellings(self.key, answer):
                spelt[part] = spelling
            for part, right, value in scoring.part_results(self.key, answer):
                control = self.parts[part]
                # A row's mark goes with its label, on the row's own line; a gap's follows it in the text.
                row = control.closest("li.quiz-row")
                target = (row.querySelector("label") if row else None) or control
                after = target is control
                if right and part in spelt:
                    self._mark(target, say("mark.part_right_spelling", {"spelling": spelt[part]}), "right", after)
                    continue
                if right:
                    self._mark(target, say("mark.part_right"), "right", after)
                    continue
                blank = not str(answer.get(part, "")).strip()
                if order:
                    text = say("mark.order_unanswered" if blank else "mark.order_wrong", {"place": value})
                else:
                    shown = value
                    if str(control.tagName).lower() == "select":
                        shown = dom.text(control.querySelector('option[value="%s"]' % value))
                    text = say("mark.part_unanswered" if blank else "mark.part_wrong", {"answer": shown})
                name = _label_text(self.fieldset.querySelector('label[for="%s"]' % control.id))
                issues.append("%s (%s)" % (name, text))
                self._mark(target, text, "unanswered" if blank else "wrong", after)
        for node in self.inputs + self.sure_inputs:
            node.disabled = True
        for node in dom.nodes(self.fieldset, "[data-reorder] button"):
            node.disabled = True
        self.check_button.textContent = say("question.retry")
        self.check_button.setAttribute("data-quiz-action", "retry-question")
        self.fieldset.setAttribute("data-quiz-verdict", result["verdict"])
        return issues

    def announcement(self, issues):
        """What the quiz's live region says for this question: "Question 3: Partly correct: 0.67 of 1 point.
        Not right: Knees and hips absorb extra stress (incorrect, belongs in place 2)."."""
        text = "%s %s." % (self.label(), scoring.verdict_text(self.result, STRINGS, LANGUAGE))
        if issues:
            text += " " + say("announce.not_right", {"items": "; ".join(issues)})
        return text

    def _feedback(self, node):
        """The author's feedback on an option, under the option, for what the reader chose or missed."""
        source = self.details.querySelector('li[data-option="%s"]' % node.value)
        if source is None:
            return
        # The answer's list item is "<em>option</em> feedback": the feedback is what follows the option.
        copy = source.cloneNode(True)
        copy.querySelector("em").remove()
        text = dom.el("p", "quiz-option__feedback")
        while copy.firstChild:
            text.appendChild(copy.firstChild)
        node.closest("li").appendChild(self._add(text))

    def unmark(self):
        for node in self.added:
            node.remove()
        self.added = []
        self.result = None
        for node in self.inputs + self.sure_inputs:
            node.disabled = False
        reorder.sync(self.fieldset)
        self.check_button.textContent = say("question.check")
        self.check_button.setAttribute("data-quiz-action", "check-question")
        self.fieldset.removeAttribute("data-quiz-verdict")
        # The answer opens only after a check (quiz/README.md, "What the reader gets").
        self.details.open = False

    def reset(self):
        self.unmark()
        self.clear_note()
        self.restore(self.empty())
        self.set_sure("")
        self.details.open = False

    # Tries and hints (tries.py): each wrong check reveals the next hint; the counts show with the verdict.
    def hints_used(self):
        return len([1 for node in self.hint_nodes if node.open])

    def reveal_hint(self):
        for node in self.hint_nodes:
            if not node.open:
                node.open = True
                return

    def show_hints(self, count):
        for index, node in enumerate(self.hint_nodes):
            node.open = index < count

    def tries_text(self):
        """ "Try 2, hints used: 1." (with the points after the penalty when there is one), or "" for a first try
        without hints."""
        if self.tries <= 1 and not self.hints_used():
            return ""
        values = {"tries": max(1, self.tries), "hints": self.hints_used()}
        if self.result is not None and tries.factor(self.key, self.tries) != [1, 1]:
            decimal = STRINGS.get(scoring.DECIMAL) or "."
            values["earned"] = scoring.format_points(self.result["earned"], decimal)
            values["possible"] = scoring.format_points(self.result["possible"], decimal)
            values["points"] = scoring.plural(STRINGS, "points", self.result["possible"] // 100, LANGUAGE)
            return say("question.tries_points", values)
        return say("question.tries", values)

    def show_tries(self):
        text = self.tries_text()
        if text and self.result is not None:
            self.check_button.before(self._add(dom.el("span", "quiz-tries", text)))

    def describe_answer(self):
        if self.family == question_types.CHOICE:
            chosen = [node for node in self.inputs if node.checked]
            return "; ".join(_label_text(self.fieldset.querySelector('label[for="%s"]' % node.id)) for node in chosen)
        if self.family == question_types.TEXT:
            return self.answer().strip()
        parts = []
        for node in dom.nodes(self.fieldset, "[data-part]"):
            label = _label_text(self.fieldset.querySelector('label[for="%s"]' % node.id))
            if str(node.tagName).lower() == "select":
                value = dom.text(node.options.item(node.selectedIndex))
            else:
                value = str(node.value).strip()
            parts.append("%s: %s" % (label, value))
        return "; ".join(parts)


class Quiz:
    """One quiz form the build wrote: questions marked and saved together."""

    def __init__(self, form):
        self.form = form
        self.id = str(form.getAttribute("data-quiz"))
        # Answers, scores and the shuffle are kept per form: two runs of questions with the same quiz id on a
        # page are two forms (quiz-<id>, quiz-<id>--2: quiz ids never hold "--") and never read each other's answers.
        self.key = str(form.id)[len("quiz-") :]
        namespace = _namespace()
        self.storage_key = saved.storage_key(self.key, namespace)
        self.history_key = saved.history_key(self.key, namespace)
        self.seed_key = saved.seed_key(self.key, namespace)
        self.pool_key = saved.pool_key(self.key, namespace)
        self.boxes_key = saved.boxes_key(self.key, namespace)
        if namespace:
            # Saved before names held the site: this site takes them over once, unless it has its own.
            _adopt(saved.storage_key(self.key), self.storage_key)
            _adopt(saved.history_key(self.key), self.history_key)
            _adopt(saved.seed_key(self.key), self.seed_key)
            _adopt(saved.pool_key(self.key), self.pool_key)
            _adopt(saved.boxes_key(self.key), self.boxes_key)
        # Every question of the form; self.questions are those this attempt shows (all, unless a pool draws).
        self.all_questions = [PageQuestion(fieldset) for fieldset in dom.nodes(form, "fieldset.quiz-question")]
        self.questions = self.all_questions
        self.pool = (SETTINGS.get("pool") or {}).get(self.id) or 0
        # The review on a later visit: the questions it offers, its button, and whether it is under way.
        self.review_ids = []
        self.review_button = None
        self.reviewing = False
        self.progress = form.querySelector(".quiz-progress")
        self.revisit_count = form.querySelector(".quiz-progress__revisit")
        self.next_button = form.querySelector('[data-quiz-action="next-unanswered"]')
        self.status = form.querySelector(".quiz-status")
        self.announcer = form.querySelector(".quiz-announce")
        self.submit = form.querySelector("button[type=submit]")
        self.clear_button = form.querySelector('[data-quiz-action="clear"]')
        self.result = form.querySelector(".quiz-result")
        self.heading = self.result.querySelector(".quiz-result__title")
        self.finished = False
        self.undo = None
        self.snapshot = None
        self.unsaved = False
        self.progress_sent = None

        # The build wrote every button disabled, for the time Python starts.
        for node in dom.nodes(form, "button[disabled], input[data-quiz-sure][disabled]"):
            node.disabled = False
        seed = self.seed()
        for question in self.all_questions:
            question.shuffle_options(seed)
        if form.hasAttribute("data-quiz-shuffled"):
            anchor = self.all_questions[-1].fieldset.nextSibling
            self.all_questions = shuffle.shuffled(self.all_questions, seed)
            for question in self.all_questions:
                form.insertBefore(question.fieldset, anchor)
        self.draw(self.pool_seed(fresh=False))
        for question in self.all_questions:
            question.enhance()

        self.load()
        self.offer_review()
        form.addEventListener("submit", dom.proxy(self.on_submit))
        form.addEventListener("click", dom.proxy(self.on_click))
        form.addEventListener("change", dom.proxy(self.on_edit))
        form.addEventListener("input", dom.proxy(self.on_edit))
        form.addEventListener("keydown", dom.proxy(self.on_key))
        self.update_progress()
        form.setAttribute("data-quiz-state", "finished" if self.finished else "ready")

    def seed(self):
        """The reader's own shuffle, kept across reloads; a fresh one if the stored value is not ours."""
        key = self.seed_key
        stored = STORAGE.get(key)
        if stored and str(stored).isdigit() and len(str(stored)) <= 10:
            return int(stored)
        value = int(window.Math.random() * 4294967295) + 1
        STORAGE.set(key, str(value))
        return value

    def pool_seed(self, fresh):
        """This attempt's draw of a quiz with a pool, kept across reloads until the learner starts over."""
        if not self.pool:
            return 0
        stored = STORAGE.get(self.pool_key)
        if not fresh and stored and str(stored).isdigit() and len(str(stored)) <= 10:
            return int(stored)
        value = int(window.Math.random() * 4294967295) + 1
        STORAGE.set(self.pool_key, str(value))
        return value

    def draw(self, seed):
        """Show the questions this attempt draws (front matter quiz_pool) and hide the others: only those
        shown are numbered, counted, scored and saved. Without a pool, every question."""
        ids = [question.id for question in self.all_questions]
        if self.pool:
            ids = shuffle.drawn(ids, self.pool, seed)
        self.show_only(ids)

    def show_only(self, ids):
        """Show these questions (a pool's draw, or those a review goes over), hide the others."""
        self.questions = [question for question in self.all_questions if question.id in ids]
        for question in self.all_questions:
            question.fieldset.hidden = question.id not in ids
        for number, question in enumerate(self.questions):
            question.number = number + 1
            # The build numbered the questions in source order; a shuffled quiz, a pool's draw and a review
            # are numbered as shown.
            if question.number_node is not None:
                question.number_node.textContent = question.label()

    # The review on a later visit (review.py).
    def boxes(self):
        boxes, _ = review.decode(STORAGE.get(self.boxes_key), [question.id for question in self.all_questions])
        return boxes

    def offer_review(self):
        """A day or more after the last whole-quiz check, offer a short review of the questions due."""
        attempts, _ = saved.decode_history(STORAGE.get(self.history_key))
        if not attempts:
            return
        ids = [question.id for question in self.all_questions]
        self.review_ids = review.offer(self.boxes(), ids, _today(), attempts[-1]["at"])
        if not self.review_ids:
            return
        said = str(self.status.textContent)
        offer = say("due.offer", {"n": len(self.review_ids)})
        self.status.textContent = said + " " + offer if said else offer
        self.review_button = self.offer(say("due.start"), "review-due", primary=True)

    def offer(self, text, action, primary=False):
        """A button right after the status line (Undo, the review on a later visit): returns it."""
        button = _button(text, action, primary)
        self.status.after(button)
        return button

    def drop_review_offer(self):
        self.review_button = _removed(self.review_button)

    def start_review(self):
        """Just the questions due, unanswered, as an attempt of their own; Start over shows the others again."""
        self.drop_review_offer()
        self.unanswer_all()
        self.reviewing = True
        self.show_only(self.review_ids)
        self.status.textContent = ""
        self.update_progress()
        self.save()
        self.questions[0].first_control().focus()

    def move_boxes(self):
        """Each checked question one box up when right, back to the first when not (review.after_check)."""
        verdicts = [[question.id, question.result["verdict"]] for question in self.questions if question.result]
        text = review.encode(review.after_check(self.boxes(), verdicts, _today()))
        self.saved(STORAGE.set(self.boxes_key, text))

    def by_id(self, question_id):
        for question in self.questions:
            if question.id == question_id:
                return question
        return None

    # Saving and loading.
    def state(self):
        return {
            "answers": {question.id: question.answer() for question in self.questions},
            "checked": [question.id for question in self.questions if question.result is not None],
            "finished": self.finished,
            "tries": {question.id: question.tries for question in self.questions if question.tries},
            "hints": {question.id: question.hints_used() for question in self.questions if question.hints_used()},
            "sure": {question.id: question.sure() for question in self.questions if question.sure()},
        }

    def load(self):
        """Saved answers, except where the reader already answered while Python was starting: those win, and
        are saved now. Checked questions are marked again, and a finished quiz shows its result."""
        state = saved.read_state(self.key, STORAGE.get(self.storage_key), [q.key for q in self.all_questions])
        early = False
        for question in self.questions:
            if question.has_any():
                early = True
            elif question.id in state["answers"]:
                question.restore(state["answers"][question.id])
            self.restore_tries(question, state)
        if early:
            state["checked"] = []
            state["finished"] = False
        # The starting line goes; a message from reading the saved answers or scores takes its place.
        self.set_status(self.saved_message(state))
        self.apply_marks(state["checked"], state["finished"], fresh=False)
        if state["message"] or early:
            self.save()

    def from_other_tab(self, text):
        """Another tab of this page saved this quiz (a `storage` event): show what it saved, so the next save
        here keeps the answers given there, and say so when an answer here changes. Nothing is saved back:
        the other tab's write is already the latest."""
        state = saved.read_state(self.key, text, [q.key for q in self.all_questions])
        if state["message"] == saved.CLEARED_ALL:  # not this quiz's data: this tab's answers stay
            return
        changed = False
        for question in self.questions:
            wanted = state["answers"].get(question.id, question.empty())
            checked = question.id in state["checked"] and not state["finished"]
            if question.answer() == wanted and (question.result is not None) == checked:
                continue
            changed = True
            question.unmark()
            question.clear_note()
            question.restore(wanted)
            self.restore_tries(question, state)
            if checked:
                self.mark_tried(question, scoring.score_question(question.key, question.answer()))
        if state["finished"] and not self.finished:
            self.check_all(fresh=False)
            self.finished = True
            changed = True
        elif self.finished and not state["finished"]:
            self.result_out_of_date()
            self.finished = False
            changed = True
        if changed:
            self.drop_undo()
            self.update_progress()
            self.set_status(say("saved.other_tab"))

    def saved_message(self, state):
        """What reading the saved answers calls for: nothing, or which answers were dropped and why."""
        if not state["message"]:
            return ""
        if state["message"] != saved.RESET_CHANGED:
            return say(state["message"])
        names = [say("review.question", {"n": self.by_id(question_id).number}) for question_id in state["reset"]]
        return say(saved.RESET_CHANGED, {"questions": ", ".join(names)})

    def restore_tries(self, question, state):
        """The tries, hints and certainty saved with a question's answer."""
        question.set_sure(state.get("sure", {}).get(question.id, ""))
        question.tries = state.get("tries", {}).get(question.id, 0)
        question.show_hints(state.get("hints", {}).get(question.id, 0))

    def mark_tried(self, question, result):
        """Mark a question with the penalty for its tries applied, and say how many tries and hints it took."""
        issues = question.mark(tries.penalised(result, question.key, question.tries))
        question.show_tries()
        return issues

    def apply_marks(self, checked, finished, fresh):
        if finished:
            self.check_all(fresh=fresh)
            return
        for question_id in checked:
            question = self.by_id(question_id)
            if question is not None:
                self.mark_tried(question, scoring.score_question(question.key, question.answer()))

    def save(self):
        state = self.state()
        text = saved.encode(
            self.key,
            state["answers"],
            state["checked"],
            state["finished"],
            state["tries"],
            state["hints"],
            state["sure"],
        )
        self.saved(STORAGE.set(self.storage_key, text))

    def saved(self, failure):
        """Say once, plainly, that answers are not being saved; the quiz goes on working without storage."""
        if not failure or self.unsaved:
            return
        self.unsaved = True
        self.set_status(say("saved.storage_full" if failure == Storage.FULL else "saved.cannot_save"))

    def set_status(self, text):
        """The status line, shown, and said through the quiz's live region."""
        self.status.textContent = text
        if text:
            self.announce(text)

    def announce(self, text):
        """Say text through the quiz's one live region. The same words twice in a row are still a change."""
        if str(self.announcer.textContent) == text:
            text += "\u00a0"
        self.announcer.textContent = text

    def update_progress(self):
        answered = len([1 for question in self.questions if question.answered()])
        self.progress.textContent = scoring.progress_text(answered, len(self.questions), STRINGS)
        revisit = len([1 for q in self.questions if q.result is not None and q.result["verdict"] != scoring.CORRECT])
        self.revisit_count.textContent = say("progress.to_revisit", {"count": revisit}) if revisit else ""
        self.revisit_count.hidden = not revisit
        self.next_button.hidden = self.next_unanswered() is None
        self.send_progress(answered)

    def next_unanswered(self, after=None):
        """The first question after `after` (or from the top) neither answered nor checked, wrapping round."""
        open_ones = [q for q in self.questions if q.result is None and not q.answered()]
        if not open_ones:
            return None
        if after is not None:
            for question in self.questions[self.questions.index(after) + 1 :]:
                if question in open_ones:
                    return question
        return open_ones[0]

    def go_to_next_unanswered(self):
        current = self.question_of(document.activeElement) if document.activeElement else None
        question = self.next_unanswered(current)
        if question is not None:
            question.first_control(unanswered_only=True).focus()

    # Events.
    def on_edit(self, event):
        typing = str(event.type) == "input"
        for question in self.questions:
            if question.result is None:
                question.refresh_note(typing)
        self.drop_undo()
        self.update_progress()
        self.save()

    def on_key(self, event):
        """Enter in a text box checks that question, not the whole quiz."""
        target = event.target
        if event.key != "Enter" or str(target.tagName).lower() != "input" or str(target.type) != "text":
            return
        event.preventDefault()
        question = self.question_of(target)
        if question is not None and question.result is None:
            self.check_question(question)

    def question_of(self, node):
        fieldset = node.closest("fieldset.quiz-question")
        for question in self.questions:
            if fieldset and question.fieldset.isSameNode(fieldset):
                return question
        return None

    def on_click(self, event):
        button = event.target.closest("[data-quiz-action]")
        if not button:
            return
        action = str(button.getAttribute("data-quiz-action"))
        question = self.question_of(button)
        if action == "check-question":
            self.check_question(question)
        elif action == "retry-question":
            question.unmark()
            if self.finished:
                self.result_out_of_date()
            self.finished = False
            question.first_control().focus()
            self.update_progress()
            self.save()
        elif action == "next-unanswered":
            self.go_to_next_unanswered()
        elif action == "clear":
            self.clear()
        elif action == "undo":
            self.restore_snapshot()
        elif action == "retry-wrong":
            self.retry_wrong()
        elif action == "start-over":
            self.start_over(redraw=True)
        elif action == "review-due":
            self.start_review()

    def on_submit(self, event):
        event.preventDefault()
        self.check_all(fresh=True)

    # Checking.
    def check_question(self, question):
        if not question.answered():
            question.show_note()
            self.announce(dom.text(question.note))
            question.first_control(unanswered_only=True).focus()
            return
        button = question.check_button
        before = button.getBoundingClientRect().top
        question.tries += 1
        issues = self.mark_tried(question, scoring.score_question(question.key, question.answer()))
        if question.result["verdict"] != scoring.CORRECT:
            question.reveal_hint()
        # Marks, feedback and a hint added above the button push it down: the page scrolls by as much, so the
        # button stays under the finger or pointer that pressed it.
        moved = float(button.getBoundingClientRect().top) - float(before)
        if moved:
            window.scrollBy(0, moved)
        self.show_in_view(question.fieldset.querySelector(".quiz-verdict"))
        # Focus stays on the question's button (now "Try again"); a text box checked with Enter is disabled
        # now, so focus moves to that button.
        button.focus(dom.js_object({"preventScroll": True}))
        self.announce(question.announcement(issues))
        self.drop_undo()
        self.update_progress()
        self.save()

    def show_in_view(self, node):
        """Scroll node into view when it is not on screen (clear of the header and the quiz's sticky bar)."""
        if node is None:
            return
        box = node.getBoundingClientRect()
        if float(box.top) < float(self.bar_bottom()) or float(box.bottom) > float(window.innerHeight):
            # As little as it takes, so the button just pressed moves no further than it must.
            node.scrollIntoView(dom.js_object({"block": "nearest"}))

    def bar_bottom(self):
        bar = self.form.querySelector(".quiz-bar")
        return bar.getBoundingClientRect().bottom if bar else 0

    def check_all(self, fresh):
        """Mark every question (an unanswered one scores 0 and says so) and show the result."""
        for question in self.questions:
            if question.result is not None:
                question.unmark()
            elif fresh and question.answered():
                question.tries += 1
            question.clear_note()
        marked = scoring.score_quiz([question.key for question in self.questions], self.answers())
        results = []
        for question, result in zip(self.questions, marked["results"]):
            self.mark_tried(question, result)
            results.append(question.result)
        marked = tries.totals(results)
        self.update_progress()
        self.finished = True
        self.submit.disabled = True
        self.form.setAttribute("data-quiz-state", "finished")
        attempts, message = saved.decode_history(STORAGE.get(self.history_key))
        previous = attempts[-1] if attempts else None
        if fresh:
            self.drop_review_offer()
            self.move_boxes()
            # A review goes over a few questions: its score is not an attempt at the quiz.
            if not self.reviewing:
                attempts = saved.add_attempt(attempts, _today(), marked["earned"], marked["possible"])
                self.saved(STORAGE.set(self.history_key, json.dumps(attempts)))
            self.save()
        self.show_result(marked, previous if fresh else (attempts[-2] if len(attempts) > 1 else None), attempts)
        if fresh:
            self.update_progress()
            self.send_result(marked)
        if message:
            self.set_status(say(message))
        if fresh:
            said = dom.nodes(self.result, ".quiz-result__score, .quiz-result__feedback, .quiz-result__revisit")
            self.announce(" ".join(dom.text(node) for node in said))
            self.heading.focus(dom.js_object({"preventScroll": True}))
            self.heading.scrollIntoView(dom.js_object({"block": "start"}))

    def answers(self):
        return {question.id: question.answer() for question in self.questions}

    def show_result(self, marked, previous, attempts):
        self.clear_result()
        self.result.hidden = False
        add = self.result.appendChild
        score = scoring.format_score(marked["earned"], marked["possible"], STRINGS)
        percent = _percent(marked["earned"], marked["possible"])
        add(dom.el("p", "quiz-result__score", say("result.score", {"score": score, "percent": percent})))
        band = self.band(percent)
        note = SETTINGS.get("result_note") or ""
        if band or note:
            add(dom.el("p", "quiz-result__feedback", " ".join(text for text in (band, note) if text)))
        add(dom.el("p", "quiz-result__history", self.history_text(previous, attempts)))
        to_revisit = [q for q in self.questions if q.result and q.result["verdict"] != scoring.CORRECT]
        if to_revisit:
            add(self.revisit_line(to_revisit))
        else:
            add(dom.el("p", None, say("result.all_right")))
        # Certainty-based marking's lesson: answers given as sure that were wrong are misbeliefs to revisit.
        misbeliefs = [q for q in to_revisit if q.sure() == "high" and q.result["verdict"] != scoring.UNANSWERED]
        if misbeliefs:
            add(self.links_line("quiz-result__sure-wrong", say("result.sure_wrong"), misbeliefs))
        actions = dom.el("div", "quiz-result__actions")
        if to_revisit:
            actions.appendChild(_button(say("result.retry_wrong"), "retry-wrong", primary=True))
        actions.appendChild(_button(say("result.start_over"), "start-over"))
        add(actions)
        review = dom.el("details", "quiz-review")
        review.appendChild(dom.el("summary", None, say("review.summary")))
        review.appendChild(self.review_list(self.questions))
        add(review)

    def band(self, percent):
        """The author's words for this score (front matter quiz_score_bands), or ""."""
        bands = (SETTINGS.get("score_bands") or {}).get(self.id) or []
        for lower, text in bands:
            if percent >= lower:
                return text
        return ""

    def history_text(self, previous, attempts):
        best = saved.best_attempt(attempts)
        parts = []
        if previous is None:
            parts.append(say("result.first"))
        else:
            last = scoring.format_score(previous["earned"], previous["possible"], STRINGS)
            parts.append(say("result.last", {"score": last, "date": _local_date(previous["at"])}))
        if best is not None and len(attempts) > 1:
            parts.append(say("result.best", {"score": scoring.format_score(best["earned"], best["possible"], STRINGS)}))
        return " ".join(parts)

    def revisit_line(self, questions):
        """One paragraph of links, so the result stays on a phone's first screen: "To revisit: Question 3
        (Incorrect), Question 7 (Not answered)"."""
        line = dom.el("p", "quiz-result__revisit", say("result.revisit") + " ")
        for index, question in enumerate(questions):
            link = dom.el("a", None, say("review.question", {"n": question.number}))
            link.href = "#" + question.fieldset.id
            line.appendChild(link)
            verdict = " (%s)" % scoring.verdict_text(question.result, STRINGS, LANGUAGE)
            line.appendChild(document.createTextNode(verdict + ("," if index < len(questions) - 1 else "") + " "))
        return line

    def links_line(self, name, text, questions):
        """A paragraph of `text` followed by a link to each question: "Question 2, Question 5"."""
        line = dom.el("p", name, text + " ")
        for index, question in enumerate(questions):
            link = dom.el("a", None, say("review.question", {"n": question.number}))
            link.href = "#" + question.fieldset.id
            line.appendChild(link)
            if index < len(questions) - 1:
                line.appendChild(document.createTextNode(", "))
        return line

    def review_list(self, questions):
        listing = dom.el("ol", "quiz-review__list")
        for question in questions:
            item = dom.el("li", "quiz-review__item")
            title = dom.el("p")
            link = dom.el("a", None, say("review.question", {"n": question.number}))
            link.href = "#" + question.fieldset.id
            title.appendChild(link)
            title.appendChild(
                document.createTextNode(": " + scoring.verdict_text(question.result, STRINGS, LANGUAGE) + ".")
            )
            item.appendChild(title)
            if question.has_any():
                item.appendChild(dom.el("p", None, say("review.your_answer", {"answer": question.describe_answer()})))
            if question.tries_text():
                item.appendChild(dom.el("p", "quiz-review__tries", question.tries_text()))
            listing.appendChild(item)
        return listing

    def clear_result(self):
        for node in dom.nodes(self.result, ":scope > :not(.quiz-result__title)"):
            node.remove()
        self.result.removeAttribute("data-quiz-stale")

    def result_out_of_date(self):
        """The result stays, said to be out of date, until the next check: trying one question again must not
        take away the score, the band's words and the questions to revisit."""
        self.result.insertBefore(dom.el("p", "quiz-result__stale", say("result.out_of_date")), self.heading.nextSibling)
        self.result.setAttribute("data-quiz-stale", "")
        self.submit.disabled = False
        self.form.setAttribute("data-quiz-state", "ready")

    def hide_result(self):
        self.clear_result()
        self.result.hidden = True
        self.submit.disabled = False
        if self.form.getAttribute("data-quiz-state") == "finished":
            self.form.setAttribute("data-quiz-state", "ready")

    # Events for integrators (events.py has the details' shape; quiz/README.md documents them).
    def send(self, name, detail):
        options = dom.js_object({"detail": detail, "bubbles": True})
        self.form.dispatchEvent(window.CustomEvent.new(name, options))

    def send_progress(self, answered):
        """`quiz:progress` when the number answered or the questions checked change, not on every keystroke."""
        checked = [q.result for q in self.questions if q.result is not None]
        detail = events.detail(self.id, str(self.form.id), answered, len(self.questions), checked)
        sent = json.dumps(detail)
        if sent == self.progress_sent:
            return
        self.progress_sent = sent
        self.send("quiz:progress", detail)

    def send_result(self, marked):
        answered = len([1 for question in self.questions if question.answered()])
        total = len(self.questions)
        detail = events.detail(self.id, str(self.form.id), answered, total, marked["results"], marked["earned"])
        self.send("quiz:result", detail)

    # Starting again.
    def unanswer_all(self):
        """Every question of the quiz (a pool's unshown ones too) blank, with no tries or hints yet, and the
        result hidden: where starting over and a review on a later visit both begin."""
        self.finished = False
        self.hide_result()
        for question in self.all_questions:
            question.reset()
            question.tries = 0
            question.show_hints(0)

    def retry_wrong(self):
        """Keep what is fully right, clear the rest, and go back to the first question to answer again."""
        retry = [q for q in self.questions if q.result is None or q.result["verdict"] != scoring.CORRECT]
        self.finished = False
        self.hide_result()
        for question in retry:
            question.reset()
        self.update_progress()
        self.save()
        if retry:
            retry[0].first_control().focus()

    def start_over(self, redraw=False):
        """Every answer cleared; a quiz with a pool draws its questions afresh when the learner starts over
        (not on Clear, which Undo can take back)."""
        self.unanswer_all()
        if redraw and (self.pool or self.reviewing):
            self.reviewing = False
            self.draw(self.pool_seed(fresh=True))
        self.update_progress()
        self.save()
        self.questions[0].first_control().focus()

    def clear(self):
        """Clear every answer, with a way back: the status line offers Undo until the next change."""
        self.snapshot = self.state()
        self.start_over()
        self.set_status(say("saved.cleared"))
        self.drop_undo()
        self.undo = self.offer(say("saved.undo"), "undo")

    def drop_undo(self):
        self.undo = _removed(self.undo)

    def restore_snapshot(self):
        snapshot, self.snapshot = self.snapshot, None
        self.drop_undo()
        if snapshot is None:
            return
        for question in self.questions:
            question.restore(snapshot["answers"].get(question.id, question.empty()))
            self.restore_tries(question, snapshot)
        self.apply_marks(snapshot["checked"], snapshot["finished"], fresh=False)
        self.finished = snapshot["finished"]
        self.update_progress()
        self.save()
        self.set_status(say("saved.restored"))
        self.questions[0].first_control().focus()


def _announce_ready(count):
    """The one documented signal that the quiz is usable: html[data-quiz-ready] for anything that starts later,
    and a `quiz:ready` event on document (detail: {"quizzes": count}) for anything already waiting.

    A slow start may have made the fallback script give up and say so: the quiz runs after all, so its notice
    goes and the quiz's controls show again."""
    root = document.documentElement
    if root.hasAttribute("data-quiz-failed"):
        for notice in dom.nodes(document, ".quiz-fallback"):
            notice.remove()
        root.removeAttribute("data-quiz-failed")
        root.classList.add("quiz-js")
    document.documentElement.setAttribute("data-quiz-ready", str(count))
    # Lets benchmarks measure navigation -> usable quiz with the browser's own clock.
    window.performance.mark("quiz-ready")
    document.dispatchEvent(window.CustomEvent.new("quiz:ready", dom.js_object({"detail": {"quizzes": count}})))


def _on_storage(event):
    """Tabs agree: a quiz saved in another tab of this site is shown here as it was saved there (the
    browser's `storage` event, passed on by quiz-storage.js)."""
    key, value = event.detail.key, event.detail.value
    for quiz in QUIZZES:
        if key is not None and str(key) == quiz.storage_key:
            quiz.from_other_tab(None if value is None else str(value))


def mount(event=None):
    """Enhance the quizzes of the page shown: on start, and on each `quiz:mount` event, which the loader sends
    when Material's instant navigation has put a new page's content under this same running Python. The
    page's settings are read again: they are the new page's."""
    global SETTINGS, STRINGS, LANGUAGE, QUIZZES
    SETTINGS = _settings()
    STRINGS = SETTINGS.get("strings", {})
    LANGUAGE = SETTINGS.get("language") or "en"
    QUIZZES = [Quiz(form) for form in dom.nodes(document, 'form.quiz[data-quiz-state="starting"]')]
    _announce_ready(len(QUIZZES))


QUIZZES = []
document.addEventListener("quiz:storage", dom.proxy(_on_storage))
document.addEventListener("quiz:mount", dom.proxy(mount))
mount()
