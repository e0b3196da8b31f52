"""Asking one question in the terminal and reading the reply as the browser's answer of the same shape:
a list of option keys, the text typed, or {part key: value} (see quiz/browser/question_types.py).

An empty reply leaves the question (or a part of it) unanswered, as a reader may leave it in the browser.
A reply that cannot be an answer ("7" among three options, "2,2" for an order) is explained and asked again.
"""

import re

from ..browser import question_types, scoring

# Terminal-only words (prompts for typed replies); what the page also says comes from the strings catalogue.
PROMPTS = {
    "one": "Your answer (%s, Enter to skip): ",
    "all": "Your answers, separated by commas (for example 1,3; Enter to skip): ",
    "order": "The steps' numbers from first to last (for example %s; Enter to skip): ",
    "part": "%s (%s, Enter to skip): ",
    "typed": "%s (Enter to skip): ",
    "hint": "(Type ? and Enter for a hint.)",
    "out_of_range": "Give numbers from 1 to %d.",
    "only_one": "Give one number.",
    "each_once": "Give each of the %d numbers once.",
}
# The number the "enter a number" note shows, as in the browser: fixed, so it never gives an answer away.
NUMBER_EXAMPLE = "12"
NUMBERS_RE = re.compile(r"^\d+(?:\s*[,;\s]\s*\d+)*$")


class EndOfInput(Exception):
    """The reader closed the input (Ctrl-D, end of a piped file) or pressed Ctrl-C (interrupted)."""

    def __init__(self, interrupted=False):
        super().__init__()
        self.interrupted = interrupted


class Terminal:
    def __init__(self, stdin, stdout, strings):
        self.stdin, self.stdout, self.strings = stdin, stdout, strings
        # The current question's hint, shown when asked for with "?", as behind the page's "Show a hint".
        self.hint = ""

    def say(self, text=""):
        self.stdout.write(text + "\n")

    def ask(self, prompt):
        while True:
            self.stdout.write(prompt)
            self.stdout.flush()
            try:
                line = self.stdin.readline()
            except KeyboardInterrupt:
                raise EndOfInput(interrupted=True) from None
            if not line:
                self.say()
                raise EndOfInput()
            line = line.rstrip("\r\n")
            if line.strip() != "?" or not self.hint:
                return line
            self.say(self.hint)

    def words(self, key, **values):
        return scoring.fill(self.strings[key], values)


def _numbers(reply, count, one=False):
    """The 1-based numbers in a reply such as "1,3" or "2 1 3", or the reason it is not that."""
    if not NUMBERS_RE.match(reply.strip()):
        return None, PROMPTS["out_of_range"] % count
    numbers = [int(part) for part in re.split(r"[,;\s]+", reply.strip())]
    if any(number < 1 or number > count for number in numbers):
        return None, PROMPTS["out_of_range"] % count
    if one and len(numbers) != 1:
        return None, PROMPTS["only_one"]
    return numbers, None


def _ask_numbers(terminal, prompt, count, one=False, permutation=False):
    while True:
        reply = terminal.ask(prompt)
        if not reply.strip():
            return None
        numbers, problem = _numbers(reply, count, one)
        if numbers is not None and permutation and sorted(numbers) != list(range(1, count + 1)):
            numbers, problem = None, PROMPTS["each_once"] % count
        if numbers is not None:
            return numbers
        terminal.say(problem)


def _listed(terminal, items):
    for number, (_, text) in enumerate(items, 1):
        terminal.say("  %d. %s" % (number, text.replace("\n", "\n     ")))


def _ask_choice(terminal, question):
    _listed(terminal, question.options)
    one = question_types.get(question.type).control == "radio"
    count = len(question.options)
    prompt = PROMPTS["one"] % ("1-%d" % count) if one else PROMPTS["all"]
    numbers = _ask_numbers(terminal, prompt, count, one=one)
    picked = []
    for number in numbers or []:
        if question.options[number - 1][0] not in picked:
            picked.append(question.options[number - 1][0])
    return picked


def _ask_text(terminal, question):
    unit = question.key.get("unit") if question.type == "numeric" else ""
    label = terminal.words("control.your_answer_unit", unit=unit) if unit else terminal.words("control.your_answer")
    while True:
        reply = terminal.ask(PROMPTS["typed"] % label)
        problem = scoring.numeric_problem(question.key, reply)
        if not problem:
            return reply
        terminal.say(terminal.words(problem, example=NUMBER_EXAMPLE))


def _ask_order(terminal, question):
    _listed(terminal, question.rows)
    count = len(question.rows)
    example = ",".join(str(number) for number in range(count, 0, -1))
    numbers = _ask_numbers(terminal, PROMPTS["order"] % example, count, permutation=True)
    if numbers is None:
        return {}
    return {question.rows[number - 1][0]: str(place) for place, number in enumerate(numbers, 1)}


def _ask_match(terminal, question):
    _listed(terminal, question.partners)
    answer = {}
    count = len(question.partners)
    for key, text in question.rows:
        numbers = _ask_numbers(terminal, PROMPTS["part"] % (text, "1-%d" % count), count, one=True)
        if numbers:
            answer[key] = question.partners[numbers[0] - 1][0]
    return answer


def _ask_cloze(terminal, question):
    terminal.say(question.passage)
    answer = {}
    total = len(question.gaps)
    for number, (key, choices) in enumerate(question.gaps, 1):
        label = terminal.words("control.gap", n=number, total=total)
        if choices is None:
            reply = terminal.ask(PROMPTS["typed"] % label)
            if reply.strip():
                answer[key] = reply
            continue
        _listed(terminal, choices)
        numbers = _ask_numbers(terminal, PROMPTS["part"] % (label, "1-%d" % len(choices)), len(choices), one=True)
        if numbers:
            answer[key] = choices[numbers[0] - 1][0]
    return answer


ASKERS = {"order": _ask_order, "match": _ask_match, "cloze": _ask_cloze}


def ask(terminal, question, number, total):
    """Show the question and read its answer. Raises EndOfInput when the input ends."""
    terminal.say()
    terminal.say("%s (%d/%d, %s)" % (terminal.words("review.question", n=number), number, total, question.id))
    terminal.say(question.text)
    terminal.say(terminal.words(question_types.get(question.type).hint))
    terminal.hint = question.hint
    if question.hint:
        terminal.say(PROMPTS["hint"])
    family = question_types.family(question.type)
    if family == question_types.CHOICE:
        return _ask_choice(terminal, question)
    if family == question_types.TEXT:
        return _ask_text(terminal, question)
    return ASKERS[question.type](terminal, question)
