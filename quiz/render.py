"""Render a parsed Question as HTML that is complete without JavaScript.

Every piece of text comes from a contributor's Markdown and goes through a Markdown converter that cannot
emit raw HTML, so `<img onerror=...>` in a question shows as text. The answer key the browser scores with is
embedded as JSON with `<`, `>` and `&` escaped, so no content can close the script element.
"""

import html
import json
import re

import markdown

from .shuffle import seed_from_text, shuffled_away

SAFE_SCHEMES = ("http:", "https:", "mailto:")


def _safe_markdown():
    md = markdown.Markdown(extensions=["smarty"], output_format="html")
    # Without these, Python-Markdown passes raw HTML through; with them removed, it escapes it.
    md.preprocessors.deregister("html_block")
    md.inlinePatterns.deregister("html")
    return md


_MD = _safe_markdown()


HREF_RE = re.compile(r'(href|src)="([^"]*)"')
SCHEME_RE = re.compile(r"^\s*([a-zA-Z][a-zA-Z0-9+.\-]*):")


def _drop_unsafe_href(match):
    """Belt and braces behind the checks: a URL that could run code or load from elsewhere becomes "#".

    The value is unescaped first, so `&#106;avascript:` is caught like `javascript:`.
    """
    value = html.unescape(match.group(2))
    value = "".join(char for char in value if char >= " ")
    scheme = SCHEME_RE.match(value)
    # Images load as the page opens, so any scheme at all would be a request to another host.
    if scheme and (match.group(1) == "src" or scheme.group(1).lower() + ":" not in SAFE_SCHEMES):
        return '%s="#"' % match.group(1)
    return match.group(0)


PAGE_HREF_RE = re.compile(r'href="([^"#:]+\.md(?:#[^"]*)?)"')


def _convert(text, link=None):
    _MD.reset()
    out = _MD.convert(text)
    out = HREF_RE.sub(_drop_unsafe_href, out)
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


HINTS = {
    "single": "Choose one answer.",
    "truefalse": "Choose one answer.",
    "multiple": "Select all that apply.",
    "fill": "Type your answer.",
    "numeric": "Type a number.",
    "order": "Give each step its place in the order, from 1 (first).",
    "match": "Choose the right match for each item.",
}


def _number(value):
    text = ("%.6f" % value).rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def render_question(question, see_href, see_title, link=None):
    """HTML for one question, complete without JavaScript. `link` turns `page.md#anchor` into a URL."""
    attr = html.escape
    qid = "q-" + question.id
    inline = lambda text: render_inline(text, link)  # noqa: E731
    out = [
        '<fieldset class="quiz-question" id="%s" data-quiz-question="%s" data-quiz-type="%s" '
        'data-quiz="%s"%s aria-describedby="%s-hint">'
        % (
            attr(qid),
            attr(question.id),
            attr(question.type),
            attr(question.quiz),
            ' data-quiz-shuffle=""' if question.shuffle else "",
            attr(qid),
        )
    ]
    out.append('<legend class="quiz-question__text">%s</legend>' % inline(question.text))
    out.append('<p class="quiz-question__hint" id="%s-hint">%s</p>' % (attr(qid), HINTS[question.type]))
    if question.hint:
        out.append(
            '<details class="quiz-hint"><summary>Show a hint</summary><p>%s</p></details>' % inline(question.hint)
        )
    out.extend(_controls(question, qid, inline))
    out.append('<details class="quiz-answer"><summary>Show the answer</summary>')
    out.append('<div class="quiz-answer__body">')
    out.extend(_answer(question, inline))
    out.append('<div class="quiz-answer__explanation">%s</div>' % render_block(question.explanation, link))
    out.append(
        '<p class="quiz-answer__see"><a href="%s">Read the section: %s</a></p>'
        % (attr(see_href), render_inline(see_title))
    )
    out.append("</div></details>")
    out.append('<script type="application/json" class="quiz-key">%s</script>' % json_for_script(question.answer_key()))
    out.append("</fieldset>")
    return "\n".join(out)


def _controls(question, qid, inline):
    attr = html.escape
    kind = question.type
    out = []
    if kind in ("single", "multiple", "truefalse"):
        input_type = "checkbox" if kind == "multiple" else "radio"
        out.append('<ul class="quiz-options">')
        for option in question.options:
            input_id = "%s-%s" % (qid, option.key)
            out.append(
                '<li class="quiz-option"><input type="%s" id="%s" name="%s" value="%s">'
                '<label for="%s">%s</label></li>'
                % (input_type, attr(input_id), attr(qid), attr(option.key), attr(input_id), inline(option.text))
            )
        out.append("</ul>")
    elif kind in ("fill", "numeric"):
        unit = question.number[2] if kind == "numeric" else ""
        label = "Your answer" + (" (%s)" % unit if unit else "")
        mode = ' inputmode="decimal"' if kind == "numeric" else ""
        out.append(
            '<p class="quiz-text"><label for="%s-answer">%s</label> '
            '<input type="text" id="%s-answer" name="%s" autocomplete="off" spellcheck="false"%s></p>'
            % (attr(qid), attr(label), attr(qid), attr(qid), mode)
        )
    elif kind == "order":
        # Shown in an order fixed at build time that is never the answer, so the page gives nothing away.
        steps = shuffled_away(question.steps, seed_from_text(question.id))
        out.append('<ul class="quiz-rows">')
        for step in steps:
            select_id = "%s-%s" % (qid, step.key)
            options = "".join('<option value="%d">%d</option>' % (n, n) for n in range(1, len(steps) + 1))
            out.append(
                '<li class="quiz-row" data-item="%s"><label for="%s">%s</label> <select id="%s" name="%s">'
                '<option value="">Place…</option>%s</select></li>'
                % (attr(step.key), attr(select_id), inline(step.text), attr(select_id), attr(select_id), options)
            )
        out.append("</ul>")
    else:
        partners = []
        for pair in question.pairs:
            if pair.right_key not in [key for key, _ in partners]:
                partners.append((pair.right_key, pair.right))
        partners = shuffled_away(partners, seed_from_text(question.id + "/partners"))
        options = "".join('<option value="%s">%s</option>' % (attr(key), attr(text)) for key, text in partners)
        out.append('<ul class="quiz-rows">')
        for pair in shuffled_away(question.pairs, seed_from_text(question.id)):
            select_id = "%s-%s" % (qid, pair.key)
            out.append(
                '<li class="quiz-row" data-item="%s"><label for="%s">%s</label> <select id="%s" name="%s">'
                '<option value="">Choose…</option>%s</select></li>'
                % (attr(pair.key), attr(select_id), inline(pair.left), attr(select_id), attr(select_id), options)
            )
        out.append("</ul>")
    return out


def _answer(question, inline):
    attr = html.escape
    kind = question.type
    out = []
    if kind in ("single", "multiple", "truefalse"):
        correct = [inline(option.text) for option in question.options if option.correct]
        label = "Answer" if len(correct) == 1 else "Answers"
        out.append('<p class="quiz-answer__key"><strong>%s:</strong> %s</p>' % (label, "; ".join(correct)))
        feedback = [option for option in question.options if option.feedback]
        if feedback:
            out.append('<ul class="quiz-answer__feedback">')
            for option in feedback:
                out.append(
                    '<li data-option="%s"><em>%s</em> %s</li>'
                    % (attr(option.key), inline(option.text), inline(option.feedback))
                )
            out.append("</ul>")
    elif kind == "fill":
        first, others = question.accepted[0], question.accepted[1:]
        also = " (also accepted: %s)" % ", ".join(attr(answer) for answer in others) if others else ""
        out.append('<p class="quiz-answer__key"><strong>Answer:</strong> %s%s</p>' % (attr(first), also))
    elif kind == "numeric":
        value, tolerance, unit = question.number
        unit_text = " " + unit if unit else ""
        if tolerance:
            accepted = " (anything from %s to %s%s counts)" % (
                _number(value - tolerance),
                _number(value + tolerance),
                unit_text,
            )
        else:
            accepted = ""
        out.append(
            '<p class="quiz-answer__key"><strong>Answer:</strong> %s%s%s</p>'
            % (_number(value), attr(unit_text), attr(accepted))
        )
    elif kind == "order":
        out.append('<p class="quiz-answer__key"><strong>Right order:</strong></p><ol class="quiz-answer__order">')
        out.extend("<li>%s</li>" % inline(step.text) for step in question.steps)
        out.append("</ol>")
    else:
        out.append('<p class="quiz-answer__key"><strong>Right matches:</strong></p><ul class="quiz-answer__pairs">')
        out.extend("<li>%s: %s</li>" % (inline(pair.left), attr(pair.right)) for pair in question.pairs)
        out.append("</ul>")
    return out
