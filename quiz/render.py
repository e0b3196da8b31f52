"""Render a parsed Question as HTML that is complete without JavaScript.

Every piece of text comes from a contributor's Markdown and goes through quiz/markup.py, which cannot emit
raw HTML, so `<img onerror=...>` in a question shows as text. The answer key the browser scores with is
JSON in an attribute, escaped like every attribute value.
"""

import html
import json
import re

from . import markup
from .browser.scoring import DECIMAL, MAX_TEXT, fill, format_number
from .browser.shuffle import seed_from_text, shuffled, shuffled_away
from .parse import GAP_MARK, GAP_RE

PAGE_HREF_RE = re.compile(r'href="([^"#:]+\.md(?:#[^"]*)?)"')


def _convert(text, link=None):
    out = markup.convert(text)
    if link is not None:
        # Links to other pages are written as `page.md#anchor`, like everywhere else in docs/.
        out = PAGE_HREF_RE.sub(lambda m: 'href="%s"' % html.escape(link(html.unescape(m.group(1)))), out)
    return out


def render_block(text, link=None):
    return _convert(text, link)


def render_inline(text, link=None):
    out = _convert(text, link)
    if out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out


def json_for_script(data):
    """JSON that is safe inside <script>: nothing in it can end the element or open a comment."""
    text = json.dumps(data, separators=(",", ":"), sort_keys=True, ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def answer_key_json(question):
    """The answer key as the page carries it, in the fieldset's data-quiz-key attribute. Not a <script> block:
    Material's instant navigation runs every script of the new page's content as JavaScript, whatever its
    type, and a JSON block then fails with a syntax error."""
    return json.dumps(question.answer_key(), separators=(",", ":"), sort_keys=True, ensure_ascii=True)


def _say(strings, key, **values):
    """A catalogue string as HTML: the text escaped, then the values (already HTML) put in."""
    return fill(html.escape(strings[key], quote=False), values)


def render_question(question, see_href, see_title, strings, link=None):
    """HTML for one question, complete without JavaScript. `link` turns `page.md#anchor` into a URL;
    `strings` is the UI catalogue of the site's language (quiz/strings.py)."""
    attr = html.escape
    qid = "q-" + question.id
    row = question.row
    inline = lambda text: render_inline(text, link)  # noqa: E731
    out = [
        '<fieldset class="quiz-question" id="%s" data-quiz-question="%s" data-quiz-type="%s" '
        'data-quiz-family="%s" data-quiz="%s"%s aria-describedby="%s-hint" data-quiz-key="%s">'
        % (
            attr(qid),
            attr(question.id),
            attr(question.type),
            attr(row.family),
            attr(question.quiz),
            ' data-quiz-shuffle=""' if question.shuffle else "",
            attr(qid),
            attr(answer_key_json(question)),
        )
    ]
    # The question's number is written into the legend, so it is part of what a screen reader announces for
    # every control ("Question 3: ..."): quiz/page.py fills it in once it knows the question's place in its quiz.
    out.append(
        '<legend class="quiz-question__text"><span class="quiz-question__number"></span>%s</legend>'
        % inline(question.text)
    )
    hint = _say(strings, row.hint)
    if question.type == "order":
        # Where the quiz runs, the steps are moved with buttons (reorder.py), not given places in drop-downs:
        # each way has its own hint, both in the page from the start so nothing moves when Python starts.
        hint = '<span class="quiz-without-js">%s</span><span class="quiz-needs-js">%s</span>' % (
            hint,
            _say(strings, "hint.order_moves"),
        )
    out.append('<p class="quiz-question__hint" id="%s-hint">%s</p>' % (attr(qid), hint))
    if question.hint:
        out.append(
            # Material's "question" and "abstract" styles: a hint and the answer never look alike.
            '<details class="quiz-hint question"><summary>%s</summary><p>%s</p></details>'
            % (_say(strings, "question.show_hint"), inline(question.hint))
        )
    for number, hint in enumerate(question.hints, 1):
        # One revealed after each wrong try where the quiz runs (app.py); each on request everywhere.
        out.append(
            '<details class="quiz-hint" data-quiz-hint="%d"><summary>%s</summary><p>%s</p></details>'
            % (number, _say(strings, "question.show_hint_n", n=number, total=len(question.hints)), inline(hint))
        )
    out.extend(CONTROLS[question.type](question, qid, inline, strings))
    # Shown only where the quiz's script runs (quiz.css), disabled until it is ready.
    out.append(
        '<p class="quiz-question__actions quiz-needs-js"><button type="button" class="md-button" '
        'data-quiz-action="check-question" disabled>%s</button></p>' % _say(strings, "question.check")
    )
    # Answers stay out of the search index: a reader searching the site must not find the key.
    out.append(
        '<details class="quiz-answer abstract" data-search-exclude><summary>%s</summary>'
        % _say(strings, "question.show_answer")
    )
    out.append('<div class="quiz-answer__body">')
    out.extend(ANSWERS[question.type](question, inline, strings))
    out.append('<div class="quiz-answer__explanation">%s</div>' % render_block(question.explanation, link))
    out.append(
        '<p class="quiz-answer__see"><a href="%s">%s</a></p>'
        % (attr(see_href), _say(strings, "answer.read_section", title=render_inline(see_title)))
    )
    out.append("</div></details>")
    out.append("</fieldset>")
    return "\n".join(out)


# Controls, one renderer per type. Parts (order, match, cloze gaps) carry data-part: the browser reads every
# parts-family answer as {data-part: value} without knowing the type.
def _controls_single(question, qid, inline, strings):
    attr = html.escape
    input_type = question.row.control
    out = ['<ul class="quiz-options">']
    for option in question.options:
        input_id = "%s-%s" % (qid, option.key)
        out.append(
            '<li class="quiz-option"><input type="%s" id="%s" name="%s" value="%s">'
            '<label for="%s">%s</label></li>'
            % (input_type, attr(input_id), attr(qid), attr(option.key), attr(input_id), inline(option.text))
        )
    out.append("</ul>")
    return out


_controls_multiple = _controls_truefalse = _controls_single


def _text_box(qid, label, mode=""):
    attr = html.escape
    return [
        '<p class="quiz-text"><label for="%s-answer">%s</label> '
        '<input type="text" id="%s-answer" name="%s" maxlength="%d" autocomplete="off" spellcheck="false"%s></p>'
        % (attr(qid), label, attr(qid), attr(qid), MAX_TEXT, mode)
    ]


def _controls_fill(question, qid, inline, strings):
    return _text_box(qid, _say(strings, "control.your_answer"))


def _controls_numeric(question, qid, inline, strings):
    unit = question.number[2]
    label = (
        _say(strings, "control.your_answer_unit", unit=html.escape(unit))
        if unit
        else _say(strings, "control.your_answer")
    )
    return _text_box(qid, label, ' inputmode="decimal"')


def _rows(qid, items, options_html, inline, list_attributes=""):
    attr = html.escape
    out = ['<ul class="quiz-rows"%s>' % list_attributes]
    for key, text in items:
        select_id = "%s-%s" % (qid, key)
        out.append(
            '<li class="quiz-row" data-item="%s"><label for="%s">%s</label> '
            '<select id="%s" name="%s" data-part="%s">%s</select></li>'
            % (attr(key), attr(select_id), inline(text), attr(select_id), attr(select_id), attr(key), options_html)
        )
    out.append("</ul>")
    return out


def _controls_order(question, qid, inline, strings):
    # Shown in an order fixed at build time that is never the answer, so the page gives nothing away.
    steps = shuffled_away(question.steps, seed_from_text(question.id))
    places = "".join('<option value="%d">%d</option>' % (n, n) for n in range(1, len(steps) + 1))
    options = '<option value="">%s</option>%s' % (_say(strings, "control.place"), places)
    # data-reorder: where the quiz's script runs, the rows are moved with buttons instead (reorder.py); the
    # selects stay the answer, hidden, so no two steps can share a place. The box under the list gives the
    # order shown as the answer: shown only where scripts run (quiz.css), disabled until Python is ready.
    out = _rows(qid, [(step.key, step.text) for step in steps], options, inline, " data-reorder")
    keep_id = html.escape(qid + "-keep")
    out.append(
        '<p class="quiz-reorder__keep quiz-needs-js"><input type="checkbox" id="%s" disabled>'
        '<label for="%s">%s</label></p>' % (keep_id, keep_id, _say(strings, "reorder.keep"))
    )
    return out


def _controls_match(question, qid, inline, strings):
    attr = html.escape
    partners = []
    for pair in question.pairs:
        if pair.right_key not in [key for key, _ in partners]:
            partners.append((pair.right_key, pair.right))
    partners = shuffled_away(partners, seed_from_text(question.id + "/partners"))
    options = '<option value="">%s</option>' % _say(strings, "control.choose") + "".join(
        '<option value="%s">%s</option>' % (attr(key), attr(text)) for key, text in partners
    )
    pairs = shuffled_away(question.pairs, seed_from_text(question.id))
    return _rows(qid, [(pair.key, pair.left) for pair in pairs], options, inline)


def _controls_cloze(question, qid, inline, strings):
    attr = html.escape
    controls = []
    total = len(question.gaps)
    for number, gap in enumerate(question.gaps, 1):
        control_id = "%s-%s" % (qid, gap.key)
        label = '<label for="%s" class="quiz-visually-hidden">%s</label>' % (
            attr(control_id),
            _say(strings, "control.gap", n=number, total=total),
        )
        if gap.options:
            choices = shuffled(gap.options, seed_from_text(question.id + "/" + gap.key))
            control = '<select id="%s" name="%s" data-part="%s"><option value="">%s</option>%s</select>' % (
                attr(control_id),
                attr(control_id),
                attr(gap.key),
                _say(strings, "control.choose"),
                "".join('<option value="%s">%s</option>' % (attr(o.key), attr(o.text)) for o in choices),
            )
        else:
            # Sized to the longest accepted answer, so the box's width gives away no more than a printed gap.
            width = max(6, min(24, max(len(answer) for answer in gap.accepted) + 2))
            control = (
                '<input type="text" id="%s" name="%s" data-part="%s" size="%d" maxlength="%d" autocomplete="off" '
                'spellcheck="false">' % (attr(control_id), attr(control_id), attr(gap.key), width, MAX_TEXT)
            )
        controls.append('<span class="quiz-gap">%s%s</span>' % (label, control))
    # The passage is rendered as Markdown with a marker per gap, then each marker becomes its control.
    pieces = inline(GAP_RE.sub(GAP_MARK, question.passage)).split(GAP_MARK)
    out = [pieces[0]]
    for control, piece in zip(controls, pieces[1:]):
        out.append(control + piece)
    return ['<p class="quiz-cloze">%s</p>' % "".join(out)]


# Answers behind "Show the answer", one renderer per type.
def _answer_single(question, inline, strings):
    attr = html.escape
    correct = [inline(option.text) for option in question.options if option.correct]
    label = _say(strings, "answer.one" if len(correct) == 1 else "answer.many")
    out = ['<p class="quiz-answer__key"><strong>%s</strong> %s</p>' % (label, "; ".join(correct))]
    feedback = [option for option in question.options if option.feedback]
    if feedback:
        out.append('<ul class="quiz-answer__feedback">')
        for option in feedback:
            out.append(
                '<li data-option="%s"><em>%s</em> %s</li>'
                % (attr(option.key), inline(option.text), inline(option.feedback))
            )
        out.append("</ul>")
    return out


_answer_multiple = _answer_truefalse = _answer_single


def _also(strings, others):
    if not others:
        return ""
    return " (%s)" % _say(strings, "answer.also", answers=", ".join(html.escape(answer) for answer in others))


def _answer_fill(question, inline, strings):
    first, others = question.accepted[0], question.accepted[1:]
    return [
        '<p class="quiz-answer__key"><strong>%s</strong> <span class="quiz-answer__value">%s</span>%s</p>'
        % (_say(strings, "answer.one"), html.escape(first), _also(strings, others))
    ]


def _answer_numeric(question, inline, strings):
    value, tolerance, unit = question.number
    unit_text = html.escape(" " + unit if unit else "")
    decimal = html.escape(strings.get(DECIMAL) or ".")
    accepted = ""
    if tolerance:
        accepted = " (%s)" % _say(
            strings,
            "answer.range",
            low=format_number(value - tolerance, decimal),
            high=format_number(value + tolerance, decimal) + unit_text,
        )
    return [
        '<p class="quiz-answer__key"><strong>%s</strong> <span class="quiz-answer__value">%s%s</span>%s</p>'
        % (_say(strings, "answer.one"), format_number(value, decimal), unit_text, accepted)
    ]


def _answer_list(strings, heading, tag, class_name, items):
    """The answer as a heading and a list: the steps in order, the pairs, the gaps."""
    out = [
        '<p class="quiz-answer__key"><strong>%s</strong></p><%s class="%s">' % (_say(strings, heading), tag, class_name)
    ]
    out.extend("<li>%s</li>" % item for item in items)
    out.append("</%s>" % tag)
    return out


def _answer_order(question, inline, strings):
    steps = [inline(step.text) for step in question.steps]
    return _answer_list(strings, "answer.order", "ol", "quiz-answer__order", steps)


def _answer_match(question, inline, strings):
    pairs = ["%s: %s" % (inline(pair.left), html.escape(pair.right)) for pair in question.pairs]
    return _answer_list(strings, "answer.pairs", "ul", "quiz-answer__pairs", pairs)


def _answer_cloze(question, inline, strings):
    gaps = []
    for gap in question.gaps:
        if gap.options:
            gaps.append(html.escape(next(option.text for option in gap.options if option.correct)))
        else:
            gaps.append(html.escape(gap.accepted[0]) + _also(strings, gap.accepted[1:]))
    return _answer_list(strings, "answer.gaps", "ol", "quiz-answer__gaps", gaps)


# Each type's form controls and its answer as shown in the explanation, by type name.
CONTROLS = {
    "single": _controls_single,
    "multiple": _controls_multiple,
    "truefalse": _controls_truefalse,
    "fill": _controls_fill,
    "numeric": _controls_numeric,
    "order": _controls_order,
    "match": _controls_match,
    "cloze": _controls_cloze,
}
ANSWERS = {
    "single": _answer_single,
    "multiple": _answer_multiple,
    "truefalse": _answer_truefalse,
    "fill": _answer_fill,
    "numeric": _answer_numeric,
    "order": _answer_order,
    "match": _answer_match,
    "cloze": _answer_cloze,
}
