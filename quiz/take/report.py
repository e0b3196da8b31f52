"""What the terminal says after an answer and at the end: the browser's verdicts, marks and result lines,
from the same strings catalogue, around the same scoring module's results."""

from ..browser import exact, question_types, scoring

STOPPED = "Stopped after %d of %d question(s): the score counts the questions answered before that."
MARKS = {"right": "mark.chosen_correct", "missed": "mark.missed", "wrong": "mark.chosen_wrong"}


def percent(earned, possible):
    # As the browser rounds it (app.py): half up, in whole percent.
    return (earned * 200 + possible) // (2 * possible) if possible else 0


def _indented(text, prefix="    "):
    return "\n".join(prefix + line for line in text.split("\n"))


def _choice_marks(terminal, question, answer):
    correct = question.key["correct"]
    for key, text in question.options:
        chosen = key in (answer or [])
        state = ("right" if chosen else "missed") if key in correct else ("wrong" if chosen else None)
        if state is None:
            continue
        terminal.say("  - %s (%s)" % (text, terminal.words(MARKS[state])))
        if question.feedback.get(key):
            terminal.say(_indented(question.feedback[key]))


def _part_names(question):
    if question.type == "cloze":
        total = len(question.gaps)
        return {key: "[%d]" % number for number, (key, _) in enumerate(question.gaps, 1)} if total else {}
    return dict(question.rows)


def _shown_value(question, part, value):
    if question.type == "match":
        return dict(question.partners).get(value, value)
    if question.type == "cloze":
        choices = dict(question.gaps).get(part)
        return dict(choices).get(value, value) if choices else value
    return value


def _part_marks(terminal, question, answer):
    names = _part_names(question)
    spelt = dict((part, spelling) for part, spelling in scoring.spellings(question.key, answer))
    for part, right, value in scoring.part_results(question.key, answer):
        if right and part in spelt:
            mark = terminal.words("mark.part_right_spelling", spelling=spelt[part])
        elif right:
            mark = terminal.words("mark.part_right")
        else:
            mark = terminal.words("mark.part_wrong", answer=_shown_value(question, part, value))
        terminal.say("  - %s (%s)" % (names.get(part, part), mark))


def mark(terminal, question, answer):
    """Score the answer with the scoring module, say the verdict, the marks and the explanation; return the
    scoring result."""
    result = scoring.score_question(question.key, answer)
    terminal.say(scoring.verdict_text(result, terminal.strings))
    family = question_types.family(question.type)
    if family == question_types.CHOICE:
        _choice_marks(terminal, question, answer)
    elif family == question_types.PARTS:
        _part_marks(terminal, question, answer)
    elif result["verdict"] != scoring.CORRECT:
        terminal.say(_indented(question.answer, "  "))
    if question.explanation:
        terminal.say(question.explanation)
    if question.see:
        terminal.say(question.see)
    return result


def totals(results):
    """(earned, possible) in hundredths: the questions' exact points summed, rounded once, as on the page."""
    earned = exact.hundredths(exact.total([result["exact"] for result in results]))
    return earned, sum(result["possible"] for result in results)


def summary(terminal, asked, results, total_questions, history_lines):
    """The result: score and percent, what to revisit, and past scores from the history."""
    earned, possible = totals(results)
    terminal.say()
    if len(results) < total_questions:
        terminal.say(STOPPED % (len(results), total_questions))
    score = scoring.format_score(earned, possible, terminal.strings)
    terminal.say(terminal.words("result.score", score=score, percent=percent(earned, possible)))
    to_revisit = [question for question, result in zip(asked, results) if result["verdict"] != scoring.CORRECT]
    if results and not to_revisit:
        terminal.say(terminal.words("result.all_right"))
    elif to_revisit:
        terminal.say(terminal.words("result.revisit"))
        for question in to_revisit:
            terminal.say("  - %s" % question.text.split("\n")[0])
            if question.see:
                terminal.say("    %s" % question.see)
    for line in history_lines:
        terminal.say(line)
    return earned, possible
