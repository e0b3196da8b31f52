"""Moodle XML (question/format/xml): one <question type="..."> per question in a <quiz>.

Types: multichoice (single, multiple, and truefalse whose options are not True and False), truefalse,
shortanswer (fill), numerical, matching, cloze (Moodle's "Embedded answers", its {1:SHORTANSWER:...} syntax)
and ordering, which is the qtype_ordering plugin (bundled with Moodle since 4.4; installed separately before).
Texts are HTML from the project's converter; ElementTree escapes them for XML.
"""

import xml.etree.ElementTree as ET

from .. import parse
from ..browser import scoring
from .common import behaviour_losses, general_feedback, percent, to_html, to_plain

# Moodle's Cloze syntax reads these as its own inside a gap; a backslash makes them text.
CLOZE_SPECIAL = '\\}#~/"'


def cloze_escape(text):
    for char in CLOZE_SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def _text(parent, tag, content, format_name="html"):
    element = ET.SubElement(parent, tag, {"format": format_name} if format_name else {})
    ET.SubElement(element, "text").text = content
    return element


def _value(parent, tag, content):
    ET.SubElement(parent, tag).text = str(content)


class _Writer:
    def __init__(self, question, site, strings, report):
        self.q, self.site, self.strings, self.report = question, site, strings, report

    def html(self, text, inline=True):
        return to_html(text, self.site, self.report, self.q.line, inline)

    def start(self, kind, text=None):
        q = self.q
        element = ET.Element("question", {"type": kind})
        name = ET.SubElement(element, "name")
        ET.SubElement(name, "text").text = q.id
        _text(element, "questiontext", text if text is not None else self.html(q.text, inline=False))
        _text(element, "generalfeedback", general_feedback(q, self.site, self.strings, self.report))
        _value(element, "defaultgrade", q.points)
        _value(element, "penalty", 0)
        _value(element, "hidden", 0)
        _value(element, "idnumber", q.id)
        return element

    def combined_feedback(self, element):
        for tag in ("correctfeedback", "partiallycorrectfeedback", "incorrectfeedback"):
            _text(element, tag, "")

    def answer(self, element, fraction, text, feedback="", format_name="html"):
        answer = _text(element, "answer", text, format_name)
        answer.set("fraction", fraction)
        _text(answer, "feedback", self.html(feedback) if feedback else "")
        return answer

    def choices(self, single, fractions):
        element = self.start("multichoice")
        _value(element, "single", "true" if single else "false")
        _value(element, "shuffleanswers", "true" if self.q.shuffle else "false")
        _value(element, "answernumbering", "abc")
        self.combined_feedback(element)
        for option in self.q.options:
            self.answer(element, fractions[option.correct], self.html(option.text), option.feedback)
        return element

    def single(self):
        return self.choices(True, {True: "100", False: "0"})

    def multiple(self):
        count = len(self.q.correct_keys)
        return self.choices(False, {True: percent(1, count), False: percent(-1, count)})

    def truefalse(self):
        texts = [scoring.normalise_text(option.text) for option in self.q.options]
        if sorted(texts) != ["false", "true"]:
            return self.single()
        element = self.start("truefalse")
        for word, option in sorted(zip(texts, self.q.options), reverse=True):
            self.answer(element, "100" if option.correct else "0", word, option.feedback, "moodle_auto_format")
        return element

    def fill(self):
        element = self.start("shortanswer")
        _value(element, "usecase", 0)
        for accepted in self.q.accepted:
            self.answer(element, "100", accepted, format_name="moodle_auto_format")
        return element

    def numeric(self):
        value, tolerance, unit = self.q.number
        element = self.start("numerical")
        answer = self.answer(element, "100", scoring.format_number(value), format_name="moodle_auto_format")
        _value(answer, "tolerance", scoring.format_number(tolerance))
        if unit:
            units = ET.SubElement(ET.SubElement(element, "units"), "unit")
            _value(units, "multiplier", 1)
            _value(units, "unit_name", unit)
            # Units optional: "10" and "10 cm" are both read as 10 cm, as on the page.
            _value(element, "unitgradingtype", 0)
            _value(element, "unitpenalty", "0.1000000")
            _value(element, "showunits", 0)
            _value(element, "unitsleft", 0)
        return element

    def match(self):
        element = self.start("matching")
        _value(element, "shuffleanswers", "true")
        self.combined_feedback(element)
        for pair in self.q.pairs:
            sub = _text(element, "subquestion", self.html(pair.left))
            answer = ET.SubElement(sub, "answer")
            ET.SubElement(answer, "text").text = to_plain(pair.right)
        return element

    def order(self):
        element = self.start("ordering")
        for tag, value in (
            ("layouttype", "VERTICAL"),
            ("selecttype", "ALL"),
            ("selectcount", len(self.q.steps)),
            ("gradingtype", "ABSOLUTE_POSITION"),
            ("showgrading", "SHOW"),
        ):
            _value(element, tag, value)
        self.combined_feedback(element)
        for place, step in enumerate(self.q.steps, 1):
            self.answer(element, str(place), self.html(step.text))
        return element

    def cloze(self):
        q = self.q
        count = len(q.gaps)
        weight = q.points // count if q.points % count == 0 else 1
        if q.points % count:
            self.report.cannot(
                q.line,
                "points (%d) shared by %d gaps (a Cloze question is worth the sum of its gaps' whole weights)"
                % (q.points, count),
                "each gap weighs 1, so the question is worth %d; set its mark in the quiz" % count,
            )
        gaps = []
        for gap in q.gaps:
            if gap.options:
                answers = "~".join(("=" if o.correct else "") + cloze_escape(to_plain(o.text)) for o in gap.options)
                gaps.append("{%d:MULTICHOICE:%s}" % (weight, answers))
            else:
                answers = "~".join("=" + cloze_escape(answer) for answer in gap.accepted)
                gaps.append("{%d:SHORTANSWER:%s}" % (weight, answers))
        passage = self.html(parse.GAP_RE.sub(parse.GAP_MARK, q.passage), inline=False)
        pieces = passage.split(parse.GAP_MARK)
        text = pieces[0] + "".join(gap + piece for gap, piece in zip(gaps, pieces[1:]))
        return self.start("cloze", self.html(q.text, inline=False) + text)


def _question(question, site, strings, report):
    writer = _Writer(question, site, strings, report)
    element = getattr(writer, question.type)()
    if question.hint:
        report.cannot(
            question.keys_line.get("hint", question.line),
            "a hint shown on request",
            "it is Moodle's hint, shown after a wrong try in interactive mode",
        )
        _text(element, "hint", writer.html(question.hint))
    behaviour_losses(question, report)
    return element


def export(questions, site, strings, report):
    """The Moodle XML document: (text, number of questions written)."""
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(" %s: exported by python -m quiz export " % report.path.replace("--", "- -")))
    for question in questions:
        quiz.append(_question(question, site, strings, report))
    ET.indent(quiz)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="unicode") + "\n", len(questions)
