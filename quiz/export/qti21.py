"""QTI 2.1 items, one assessmentItem per question, scored by explicit response processing (no templates), so
the partial credit of the page (shares per option, step, pair or gap, never below 0) is in the item itself.

Interactions: choiceInteraction (single, truefalse, multiple), textEntryInteraction (fill, numeric),
orderInteraction, matchInteraction, and a cloze passage with textEntryInteraction and inlineChoiceInteraction
in its text. Per-option feedback is modalFeedback shown for the options chosen; the explanation is
modalFeedback shown after every response.
"""

import html
import xml.etree.ElementTree as ET

from .. import parse
from ..browser import shuffle
from . import qti_html
from .common import behaviour_losses, general_feedback, to_html, to_plain

NS = qti_html.NS
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA = NS + " http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
EXPLANATION = "EXPLANATION"
ET.register_namespace("", NS)
ET.register_namespace("xsi", XSI)
t = qti_html.tag


def number(value):
    return "%.10g" % value


def identifier(question_id):
    # QTI identifiers may not start with a digit; question ids may.
    return question_id if question_id[0].isalpha() else "q-" + question_id


def _sub(parent, name, attributes=None, text=None):
    element = ET.SubElement(parent, t(name), attributes or {})
    if text is not None:
        element.text = text
    return element


def _value(parent, base_type, value):
    return _sub(parent, "baseValue", {"baseType": base_type}, value)


class _Item:
    def __init__(self, question, site, strings, report):
        self.q, self.site, self.strings, self.report = question, site, strings, report
        self.points = float(question.points)
        self.root = ET.Element(t("assessmentItem"))
        self.root.set("{%s}schemaLocation" % XSI, SCHEMA)
        for name, value in (("identifier", identifier(question.id)), ("title", question.id)):
            self.root.set(name, value)
        self.root.set("adaptive", "false")
        self.root.set("timeDependent", "false")
        self.declarations = []
        self.rules = []
        self.feedback = []

    def html(self, text, inline=False):
        return to_html(text, self.site, self.report, self.q.line, inline)

    def declare(self, response, cardinality, base_type, correct, mapping=None, case_sensitive="true"):
        declaration = ET.Element(t("responseDeclaration"))
        declaration.attrib.update(identifier=response, cardinality=cardinality, baseType=base_type)
        right = _sub(declaration, "correctResponse")
        for value in correct:
            _sub(right, "value", text=value)
        if mapping is not None:
            entries, lower = mapping
            mapped = _sub(declaration, "mapping", {"defaultValue": "0"})
            if lower is not None:
                mapped.attrib.update(lowerBound=number(lower), upperBound=number(self.points))
            for key, value in entries:
                _sub(mapped, "mapEntry", {"mapKey": key, "mappedValue": number(value), "caseSensitive": case_sensitive})
        self.declarations.append(declaration)

    def add_score(self, response, expression):
        """SCORE += expression, when the response was given (a NULL response adds nothing)."""
        condition = ET.Element(t("responseCondition"))
        branch = _sub(condition, "responseIf")
        _sub(_sub(branch, "not"), "isNull").append(ET.Element(t("variable"), {"identifier": response}))
        total = _sub(_sub(branch, "setOutcomeValue", {"identifier": "SCORE"}), "sum")
        _sub(total, "variable", {"identifier": "SCORE"})
        total.append(expression)
        self.rules.append(condition)

    def mapped(self, response):
        self.add_score(response, ET.Element(t("mapResponse"), {"identifier": response}))

    def body(self):
        body = ET.Element(t("itemBody"))
        qti_html.append(body, self.html(self.q.text))
        return body

    # One method per type: fills the declarations, the body and the rules.
    def single(self, body, max_choices=1):
        q = self.q
        keys = {option.key: "C%d" % index for index, option in enumerate(q.options, 1)}
        count = len(q.correct_keys)
        share = self.points / count
        entries = [(keys[o.key], share if o.correct else (-share if max_choices != 1 else 0)) for o in q.options]
        cardinality = "single" if max_choices == 1 else "multiple"
        self.declare("RESPONSE", cardinality, "identifier", [keys[key] for key in q.correct_keys], (entries, 0))
        interaction = _sub(body, "choiceInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "false"})
        interaction.set("maxChoices", str(max_choices))
        for option in q.options:
            choice = _sub(interaction, "simpleChoice", {"identifier": keys[option.key]})
            qti_html.append(choice, self.html(option.text, inline=True))
            if option.feedback:
                self.feedback.append((keys[option.key], self.html(option.feedback)))
        self.mapped("RESPONSE")
        return "RESPONSE"

    truefalse = single

    def multiple(self, body):
        return self.single(body, max_choices=0)

    def text_box(self, body, base_type, correct, mapping=None):
        self.declare("RESPONSE", "single", base_type, correct, mapping, case_sensitive="false")
        paragraph = _sub(body, "p")
        _sub(paragraph, "textEntryInteraction", {"responseIdentifier": "RESPONSE", "expectedLength": "20"})

    def fill(self, body):
        accepted = list(dict((answer.casefold(), answer) for answer in self.q.accepted).values())
        self.text_box(body, "string", accepted[:1], ([(answer, self.points) for answer in accepted], 0))
        self.mapped("RESPONSE")

    def numeric(self, body):
        value, tolerance, unit = self.q.number
        if unit:
            self.report.cannot(
                self.q.line,
                "a unit (%s)" % unit,
                "the unit is named after the question and the answer is the number alone",
            )
            _append_unit(body, unit)
        self.text_box(body, "float", [number(value)])
        compare = ET.Element(t("equal"), {"toleranceMode": "absolute" if tolerance else "exact"})
        if tolerance:
            compare.set("tolerance", "%s %s" % (number(tolerance), number(tolerance)))
        _sub(compare, "variable", {"identifier": "RESPONSE"})
        _sub(compare, "correct", {"identifier": "RESPONSE"})
        points = ET.Element(t("baseValue"), {"baseType": "float"})
        points.text = number(self.points)
        condition = ET.Element(t("responseCondition"))
        branch = _sub(condition, "responseIf")
        branch.append(compare)
        _sub(branch, "setOutcomeValue", {"identifier": "SCORE"}).append(points)
        self.rules.append(condition)

    def order(self, body):
        steps = self.q.steps
        keys = {step.key: "S%d" % index for index, step in enumerate(steps, 1)}
        self.declare("RESPONSE", "ordered", "identifier", [keys[step.key] for step in steps])
        interaction = _sub(body, "orderInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true"})
        # Listed as the page shows them, never in the right order, for platforms that do not shuffle.
        for step in shuffle.shuffled_away(steps, shuffle.seed_from_text(self.q.id)):
            qti_html.append(
                _sub(interaction, "simpleChoice", {"identifier": keys[step.key]}), self.html(step.text, True)
            )
        for place, step in enumerate(steps, 1):
            at = ET.Element(t("match"))
            _sub(_sub(at, "index", {"n": str(place)}), "variable", {"identifier": "RESPONSE"})
            _value(at, "identifier", keys[step.key])
            condition = ET.Element(t("responseCondition"))
            branch = _sub(condition, "responseIf")
            branch.append(at)
            total = _sub(_sub(branch, "setOutcomeValue", {"identifier": "SCORE"}), "sum")
            _sub(total, "variable", {"identifier": "SCORE"})
            _value(total, "float", number(self.points / len(steps)))
            self.rules.append(condition)

    def match(self, body):
        pairs = self.q.pairs
        items = {pair.key: "I%d" % index for index, pair in enumerate(pairs, 1)}
        partners = {}
        for pair in pairs:
            partners.setdefault(pair.right_key, ("P%d" % (len(partners) + 1), pair.right))
        correct = ["%s %s" % (items[pair.key], partners[pair.right_key][0]) for pair in pairs]
        share = self.points / len(pairs)
        self.declare("RESPONSE", "multiple", "directedPair", correct, ([(pair, share) for pair in correct], 0))
        interaction = _sub(body, "matchInteraction", {"responseIdentifier": "RESPONSE", "shuffle": "true"})
        interaction.set("maxAssociations", str(len(pairs)))
        left = _sub(interaction, "simpleMatchSet")
        # Both lists in the page's starting order (render.py), so neither pairs up with the other as written.
        for pair in shuffle.shuffled_away(pairs, shuffle.seed_from_text(self.q.id)):
            choice = _sub(left, "simpleAssociableChoice", {"identifier": items[pair.key], "matchMax": "1"})
            qti_html.append(choice, self.html(pair.left, inline=True))
        right = _sub(interaction, "simpleMatchSet")
        shown = shuffle.shuffled_away(list(partners.values()), shuffle.seed_from_text(self.q.id + "/partners"))
        for name, text in shown:
            _sub(right, "simpleAssociableChoice", {"identifier": name, "matchMax": "0"}, to_plain(text))
        self.mapped("RESPONSE")

    def cloze(self, body):
        share = self.points / len(self.q.gaps)
        controls = []
        for index, gap in enumerate(self.q.gaps, 1):
            response = "RESPONSE_%d" % index
            if gap.options:
                keys = {option.key: "G%dC%d" % (index, number_) for number_, option in enumerate(gap.options, 1)}
                right = keys[next(option.key for option in gap.options if option.correct)]
                self.declare(response, "single", "identifier", [right], ([(right, share)], 0))
                control = ET.Element(t("inlineChoiceInteraction"), {"responseIdentifier": response, "shuffle": "true"})
                for option in gap.options:
                    _sub(control, "inlineChoice", {"identifier": keys[option.key]}, to_plain(option.text))
            else:
                accepted = list(dict((answer.casefold(), answer) for answer in gap.accepted).values())
                mapping = ([(answer, share) for answer in accepted], 0)
                self.declare(response, "single", "string", accepted[:1], mapping, case_sensitive="false")
                control = ET.Element(
                    t("textEntryInteraction"), {"responseIdentifier": response, "expectedLength": "15"}
                )
            controls.append(control)
            self.mapped(response)
        passage = self.html(parse.GAP_RE.sub(parse.GAP_MARK, self.q.passage))
        qti_html.append(body, passage, qti_html.Marks(parse.GAP_MARK, controls))

    def build(self):
        body = self.body()
        response = getattr(self, self.q.type)(body)
        for name, base_type, default in (("SCORE", "float", "0"), ("MAXSCORE", "float", number(self.points))):
            outcome = _sub(self.root, "outcomeDeclaration", {"identifier": name, "cardinality": "single"})
            outcome.set("baseType", base_type)
            _sub(_sub(outcome, "defaultValue"), "value", text=default)
        _sub(
            self.root,
            "outcomeDeclaration",
            {"identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"},
        )
        for position, declaration in enumerate(self.declarations):
            self.root.insert(position, declaration)
        if self.q.hint:
            self.report.cannot(self.q.keys_line.get("hint", self.q.line), "a hint", "the hint is left out")
        behaviour_losses(self.q, self.report)
        self.root.append(body)
        processing = _sub(self.root, "responseProcessing")
        for rule in self.rules:
            processing.append(rule)
        shown = _sub(_sub(processing, "setOutcomeValue", {"identifier": "FEEDBACK"}), "multiple")
        if response:
            _sub(shown, "variable", {"identifier": response})
        _value(shown, "identifier", EXPLANATION)
        explanation = general_feedback(self.q, self.site, self.strings, self.report)
        for key, text in self.feedback + [(EXPLANATION, explanation)]:
            if text:
                modal = _sub(self.root, "modalFeedback", {"outcomeIdentifier": "FEEDBACK", "showHide": "show"})
                modal.set("identifier", key)
                qti_html.append(modal, text)
        return self.root


def _append_unit(body, unit):
    paragraphs = body.findall(t("p"))
    target = paragraphs[-1] if paragraphs else _sub(body, "p")
    qti_html.append(target, html.escape(" (%s)" % unit))


def item(question, site, strings, report):
    """(identifier, the assessmentItem as XML text) of one question."""
    root = _Item(question, site, strings, report).build()
    ET.indent(root)
    return identifier(question.id), '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
