"""Render a parsed Question as HTML that is complete without JavaScript.

Every piece of text comes from a contributor's Markdown and goes through a Markdown converter that cannot
emit raw HTML, so `<img onerror=...>` in a question shows as text. The answer key the browser scores with is
embedded as JSON with `<`, `>` and `&` escaped, so no content can close the script element.
"""

import html
import json
import re

import markdown

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
    "multiple": "Select all that apply.",
}


def render_question(question, see_href, see_title, link=None):
    """HTML for one question. `link` turns a `page.md#anchor` written in the text into a URL."""
    qid = "q-" + question.id
    kind = "radio" if question.type == "single" else "checkbox"
    attr = html.escape
    out = []
    out.append('<fieldset class="quiz-question" id="%s" data-quiz-question="%s" data-quiz-type="%s" '
               'aria-describedby="%s-hint">' % (attr(qid), attr(question.id), attr(question.type), attr(qid)))
    out.append('<legend class="quiz-question__text">%s</legend>' % render_inline(question.text, link))
    out.append('<p class="quiz-question__hint" id="%s-hint">%s</p>' % (attr(qid), HINTS[question.type]))
    out.append('<ul class="quiz-options">')
    for option in question.options:
        input_id = "%s-%s" % (qid, option.key)
        out.append('<li class="quiz-option"><input type="%s" id="%s" name="%s" value="%s">'
                   '<label for="%s">%s</label></li>'
                   % (kind, attr(input_id), attr(qid), attr(option.key), attr(input_id), render_inline(option.text, link)))
    out.append("</ul>")
    out.append('<details class="quiz-answer"><summary>Show the answer</summary>')
    out.append('<div class="quiz-answer__body">')
    correct = [render_inline(option.text, link) for option in question.options if option.correct]
    label = "Answer" if len(correct) == 1 else "Answers"
    out.append('<p class="quiz-answer__key"><strong>%s:</strong> %s</p>' % (label, "; ".join(correct)))
    feedback = [option for option in question.options if option.feedback]
    if feedback:
        out.append('<ul class="quiz-answer__feedback">')
        for option in feedback:
            out.append('<li data-option="%s"><em>%s</em> %s</li>'
                       % (attr(option.key), render_inline(option.text, link), render_inline(option.feedback, link)))
        out.append("</ul>")
    out.append('<div class="quiz-answer__explanation">%s</div>' % render_block(question.explanation, link))
    out.append('<p class="quiz-answer__see"><a href="%s">Read the section: %s</a></p>'
               % (attr(see_href), render_inline(see_title)))
    out.append("</div></details>")
    out.append('<script type="application/json" class="quiz-key">%s</script>' % json_for_script(question.answer_key()))
    out.append("</fieldset>")
    return "\n".join(out)
