"""GIFT, Moodle's plain-text question format: one question a paragraph, `::name::[html]text{answers}`.

Moodle's importer (question/format/gift) reads a backslash before ~ = # { } : as the character itself and \\n
as a line break, so every piece of text is escaped here and no question spans a blank line. Texts are HTML
from the project's converter, marked `[html]` once per question (answers and feedback take that format too).
"""

from .. import parse
from ..browser import scoring
from .common import behaviour_losses, general_feedback, percent, to_html, to_plain

SPECIAL = "~=#{}:"
TRUE_FALSE = ("true", "false")


def escape(text):
    text = text.replace("\\", "\\\\")
    for char in SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r", "").replace("\n", "\\n")


class _Writer:
    def __init__(self, question, site, strings, report):
        self.q, self.site, self.strings, self.report = question, site, strings, report

    def html(self, text, inline=True):
        return escape(to_html(text, self.site, self.report, self.q.line, inline))

    def cannot(self, what, done):
        self.report.cannot(self.q.line, what, done)

    def closing(self):
        general = escape(general_feedback(self.q, self.site, self.strings, self.report))
        return ("\n\t####" + general if general else "") + "\n}"

    def option(self, prefix, option):
        feedback = "#" + self.html(option.feedback) if option.feedback else ""
        return "\n\t%s%s%s" % (prefix, self.html(option.text), feedback)

    def single(self):
        return "{" + "".join(self.option("=" if o.correct else "~", o) for o in self.q.options) + self.closing()

    def truefalse(self):
        texts = [scoring.normalise_text(option.text) for option in self.q.options]
        if sorted(texts) != sorted(TRUE_FALSE):
            return self.single()
        by_text = dict(zip(texts, self.q.options))
        right = next(option for option in self.q.options if option.correct)
        wrong = next(option for option in self.q.options if not option.correct)
        word = "TRUE" if right is by_text["true"] else "FALSE"
        # Moodle's order: the feedback for a wrong answer, then for the right one.
        feedback = "#%s#%s" % (self.html(wrong.feedback), self.html(right.feedback))
        return "{" + word + (feedback if wrong.feedback or right.feedback else "") + self.closing()

    def multiple(self):
        count = len(self.q.correct_keys)
        weights = {True: percent(1, count), False: percent(-1, count)}
        return "{" + "".join(self.option("~%%%s%%" % weights[o.correct], o) for o in self.q.options) + self.closing()

    def fill(self):
        return "{" + "".join("\n\t=" + escape(answer) for answer in self.q.accepted) + self.closing()

    def numeric(self):
        value, tolerance, unit = self.q.number
        if unit:
            self.cannot("a unit (%s)" % unit, "the unit is named after the question and the answer is the number alone")
        answer = "%s:%s" % (scoring.format_number(value), scoring.format_number(tolerance))
        # Not escaped: Moodle splits the value from the tolerance at this colon, and numbers hold no specials.
        return "{#\n\t=" + answer + self.closing()

    def pairs(self, pairs):
        return (
            "{" + "".join("\n\t=%s -> %s" % (self.html(left), escape(right)) for left, right in pairs) + self.closing()
        )

    def match(self):
        return self.pairs([(pair.left, to_plain(pair.right)) for pair in self.q.pairs])

    def order(self):
        self.cannot(
            "an order question",
            "it is exported as a matching question, each step matched to its place (1 to %d), each right place "
            "earning its share as on the page" % len(self.q.steps),
        )
        return self.pairs([(step.text, str(place)) for place, step in enumerate(self.q.steps, 1)])

    def cloze(self):
        if len(self.q.gaps) > 1:
            self.cannot(
                "a passage with %d gaps (a GIFT question has one gap at most)" % len(self.q.gaps),
                "the question is left out; the moodle-xml export keeps it as a Cloze question",
            )
            return None
        gap = self.q.gaps[0]
        if gap.options:
            answers = "".join("\n\t%s%s" % ("=" if o.correct else "~", escape(to_plain(o.text))) for o in gap.options)
        else:
            answers = "".join("\n\t=" + escape(answer) for answer in gap.accepted)
        passage = self.html(parse.GAP_RE.sub(parse.GAP_MARK, self.q.passage), inline=False)
        before, _, after = passage.partition(parse.GAP_MARK)
        return {"passage": before + "{" + answers + self.closing() + after}


def _question(question, site, strings, report):
    writer = _Writer(question, site, strings, report)
    body = getattr(writer, question.type)()
    if body is None:
        return None
    if question.points != 1:
        report.cannot(
            question.keys_line.get("points", question.line),
            "points (%d)" % question.points,
            "the question gets Moodle's default mark of 1; set its mark in the quiz",
        )
    if question.hint:
        report.cannot(question.keys_line.get("hint", question.line), "a hint", "the hint is left out")
    behaviour_losses(question, report)
    text = writer.html(question.text)
    if question.type == "numeric" and question.number[2]:
        text += " (%s)" % escape(question.number[2])
    if isinstance(body, dict):
        return "::%s::[html]<p>%s</p>%s" % (escape(question.id), text, body["passage"])
    return "::%s::[html]%s%s" % (escape(question.id), text, body)


def export(questions, site, strings, report):
    """The GIFT text of the questions: (text, number of questions written)."""
    written = [_question(question, site, strings, report) for question in questions]
    written = [text for text in written if text is not None]
    header = "// %s: %d question(s), exported by python -m quiz export\n\n" % (report.path, len(written))
    return header + "\n\n".join(written) + "\n", len(written)
