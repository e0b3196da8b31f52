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


def _convert(text):
    _MD.reset()
    out = _MD.convert(text)
    # Belt and braces: drop any link whose scheme could run code.
    return re.sub(r'href="(?![#./]|%s)[^"]*"' % "|".join(SAFE_SCHEMES), 'href="#"', out)


def render_block(text):
    return _convert(text)


def render_inline(text):
    out = _convert(text)
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


def render_question(question, see_href, see_title):
    qid = "q-" + question.id
    kind = "radio" if question.type == "single" else "checkbox"
    attr = html.escape
    out = []
    out.append('<fieldset class="quiz-question" id="%s" data-quiz-question="%s" data-quiz-type="%s" '
               'aria-describedby="%s-hint">' % (attr(qid), attr(question.id), attr(question.type), attr(qid)))
    out.append('<legend class="quiz-question__text">%s</legend>' % render_inline(question.text))
    out.append('<p class="quiz-question__hint" id="%s-hint">%s</p>' % (attr(qid), HINTS[question.type]))
    out.append('<ul class="quiz-options">')
    for option in question.options:
        input_id = "%s-%s" % (qid, option.key)
        out.append('<li class="quiz-option"><input type="%s" id="%s" name="%s" value="%s">'
                   '<label for="%s">%s</label></li>'
                   % (kind, attr(input_id), attr(qid), attr(option.key), attr(input_id), render_inline(option.text)))
    out.append("</ul>")
    out.append('<details class="quiz-answer"><summary>Show the answer</summary>')
    out.append('<div class="quiz-answer__body">')
    correct = [render_inline(option.text) for option in question.options if option.correct]
    label = "Answer" if len(correct) == 1 else "Answers"
    out.append('<p class="quiz-answer__key"><strong>%s:</strong> %s</p>' % (label, "; ".join(correct)))
    feedback = [option for option in question.options if option.feedback]
    if feedback:
        out.append('<ul class="quiz-answer__feedback">')
        for option in feedback:
            out.append('<li data-option="%s"><em>%s</em> %s</li>'
                       % (attr(option.key), render_inline(option.text), render_inline(option.feedback)))
        out.append("</ul>")
    out.append('<div class="quiz-answer__explanation">%s</div>' % render_block(question.explanation))
    out.append('<p class="quiz-answer__see"><a href="%s">Read the section: %s</a></p>'
               % (attr(see_href), render_inline(see_title)))
    out.append("</div></details>")
    out.append('<script type="application/json" class="quiz-key">%s</script>' % json_for_script(question.answer_key()))
    out.append("</fieldset>")
    return "\n".join(out)
