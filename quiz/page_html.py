"""Page Markdown may not carry script, nor send the reader or the page's requests to another host: a content
mistake, reported as `(line, message)`, every one at once.

Refused outside code: a raw <script> (or PyScript's <mpy-script>, <py-config>...), an on*= event attribute
(in HTML or in an attribute list, `{ onclick=... }`), a javascript: URL (in a link, a reference definition,
an HTML attribute or an attribute list), the quiz's question markup written by hand (which would give the
page the quiz runtime and 'unsafe-eval'), and the elements that load or send elsewhere: <meta> (a refresh
redirects the reader), <base> (moves every link), <iframe>, <object>, <embed>, <form> and <link>. In the
front matter, a `title` or `description` holding markup: Material's templates print them as HTML.

One function for every tool, so that they refuse the same things: `python -m quiz check` and the quiz plugin
before a build (quiz/check.py), and `python -m sitebuild prepare` (sitebuild/unsafe_html.py), which this
package does not need. The page's Content-Security-Policy (sitebuild/csp.py) would block script anyway; this
says where it is.

What a page shows as code is not markup: fenced blocks (``` and ~~~, at any indent, so inside admonitions
and lists too), code spans, HTML comments and the rest of the front matter are left out. The text of
```quiz blocks is the quiz check's, which refuses raw HTML there. Indented code blocks are read as text:
Python-Markdown's admonitions and lists indent their content the same way, so a fence is the way to show a
<script> tag in a page.
"""

import html
import re

from .front_yaml import safe_data, value_line
from .markup import as_browser_reads
from .source import mask_fences

FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
COMMENT_RE = re.compile(r"<!--.*?-->", re.S)
BACKTICKS_RE = re.compile(r"`+")
# <script>, and PyScript's elements, which run Python with the same reach as script on a quiz page.
SCRIPT_TAG_RE = re.compile(r"<\s*(?P<tag>script|m?py-script|m?py-config|m?py-repl)\b", re.I)
# The rendered question's own attribute (quiz/render.py): written by hand it would give any page the quiz
# runtime and 'unsafe-eval' (quiz.page.has_quiz).
QUIZ_ATTRIBUTE = "data-quiz-question"
TAG_RE = re.compile(r"<[A-Za-z][\w:-]*(?P<attrs>(?:\s[^<>]*)?)/?>", re.S)
# `{: #id .class key="value" }` after a block or an inline element (Python-Markdown's attr_list).
ATTR_LIST_RE = re.compile(r"\{:?(?P<attrs>[^{}\n]*)\}")
ATTRIBUTE_RE = re.compile(r"""(?:^|[\s/])(?P<name>[^\s"'>/=]+)\s*(?:=\s*(?P<value>"[^"]*"|'[^']*'|[^\s"'>]+))?""")
LINK_RE = re.compile(r"\]\(\s*<?(?P<url>[^)\s>]*)")
REFERENCE_RE = re.compile(r"^[ \t]{0,3}\[[^\]\n]+\]:[ \t]*<?(?P<url>\S+?)>?(?:\s|$)", re.M)
SCRIPT_SCHEMES = ("javascript:", "vbscript:")
# Elements that send the reader, what they type, or the page's requests elsewhere: why each is refused.
ELSEWHERE_TAGS = {
    "meta": "a refresh sends the reader to another address",
    "base": "it changes where every link of the page goes",
    "iframe": "it embeds another page",
    "object": "it embeds a plugin or another page",
    "embed": "it embeds a plugin or another page",
    "form": "it can send what the reader types to another address",
    "link": "it loads a style sheet or other file into the page",
}
ELSEWHERE_TAG_RE = re.compile(r"<\s*(?P<tag>%s)(?![\w:-])" % "|".join(ELSEWHERE_TAGS), re.I)
CLOSING_TAG_RE = re.compile(r"</\s*[A-Za-z][\w:-]*\s*>")
# Front-matter values Material's templates print as HTML (the page header, the tab title, the description).
PRINTED_KEYS = ("title", "description")

# Each ends with the fix; the page's Content-Security-Policy would block the script in any case.
SCRIPT_MESSAGE = "raw <%s> in a page: content cannot run script; to show the tag, put it in a code span or a ``` fence"
QUIZ_MESSAGE = "quiz markup (%s) written as HTML in a page: write the question as a ```quiz block"
EVENT_MESSAGE = "event attribute %s= in a page: content cannot run script; remove the attribute"
URL_MESSAGE = "%s URL in a page: content cannot run script; link to a page or an https: address instead"
ELSEWHERE_MESSAGE = (
    "raw <%s> in a page: %s, and content may not send the reader or the page elsewhere; remove it (to show the "
    "tag, put it in a code span or a ``` fence)"
)
PRINTED_TAG_MESSAGE = "front matter %s holds markup (%s), which the theme prints as HTML in the page: write plain text"
PRINTED_ENTITY_MESSAGE = (
    "front matter %s holds an entity that stands for <, which the theme prints as HTML in the page: write plain text"
)


def _blank(text, start, end):
    """text with [start, end) replaced by spaces, line breaks kept, so offsets still give line numbers."""
    return text[:start] + re.sub(r"[^\n]", " ", text[start:end]) + text[end:]


def _mask_code_spans(text):
    """Code spans, within a paragraph: a run of backticks up to the next run of the same length."""
    result, position = text, 0
    while True:
        opening = BACKTICKS_RE.search(result, position)
        if not opening:
            return result
        run = opening.group(0)
        closing = re.compile(r"(?<!`)%s(?!`)" % run)
        end = closing.search(result, opening.end())
        paragraph_end = result.find("\n\n", opening.end())
        if end and (paragraph_end < 0 or end.start() < paragraph_end):
            result = _blank(result, opening.start(), end.end())
            position = end.end()
        else:
            position = opening.end()


def visible_markup(text):
    """The page's Markdown with everything that is not rendered as markup blanked out (same length)."""
    found = FRONT_MATTER_RE.match(text)
    if found:
        text = _blank(text, 0, found.end())
    text = mask_fences(text)
    text = COMMENT_RE.sub(lambda match: re.sub(r"[^\n]", " ", match.group(0)), text)
    return _mask_code_spans(text)


def _script_scheme(url):
    """The script scheme a URL uses as a browser reads it (`java&#x09;script:` is javascript:), or None."""
    plain = as_browser_reads(url).lower()
    return next((scheme for scheme in SCRIPT_SCHEMES if plain.startswith(scheme)), None)


def _attribute_problems(attrs):
    for found in ATTRIBUTE_RE.finditer(attrs):
        name = found.group("name")
        value = found.group("value") or ""
        if name.lower().startswith("on") and len(name) > 2 and found.group("value") is not None:
            yield found.start("name"), EVENT_MESSAGE % name
        elif name.lower() == QUIZ_ATTRIBUTE:
            yield found.start("name"), QUIZ_MESSAGE % QUIZ_ATTRIBUTE
        elif value:
            scheme = _script_scheme(value.strip("\"'"))
            if scheme:
                yield found.start("value"), URL_MESSAGE % scheme


def problems(text):
    """[(line, message)] for the page's Markdown, in line order."""
    markup = visible_markup(text)
    found = []
    for match in SCRIPT_TAG_RE.finditer(markup):
        found.append((match.start(), SCRIPT_MESSAGE % match.group("tag").lower()))
    for match in ELSEWHERE_TAG_RE.finditer(markup):
        tag = match.group("tag").lower()
        found.append((match.start(), ELSEWHERE_MESSAGE % (tag, ELSEWHERE_TAGS[tag])))
    for pattern in (TAG_RE, ATTR_LIST_RE):
        for match in pattern.finditer(markup):
            offset = match.start("attrs")
            found.extend((offset + at, message) for at, message in _attribute_problems(match.group("attrs")))
    for pattern in (LINK_RE, REFERENCE_RE):
        for match in pattern.finditer(markup):
            scheme = _script_scheme(match.group("url"))
            if scheme:
                found.append((match.start("url"), URL_MESSAGE % scheme))
    lines = {(markup.count("\n", 0, offset) + 1, message) for offset, message in found}
    return sorted(lines | set(front_matter_problems(text)))


def front_matter_problems(text):
    """[(line, message)] for markup in the front matter's `title` and `description`."""
    data = safe_data(text) or {}
    found = []
    for key in PRINTED_KEYS:
        value = data.get(key)
        if not isinstance(value, str):
            continue
        tag = TAG_RE.search(value) or CLOSING_TAG_RE.search(value)
        if tag:
            found.append((value_line(text, key), PRINTED_TAG_MESSAGE % (key, tag.group(0))))
        elif "<" in html.unescape(value) and "<" not in value:
            found.append((value_line(text, key), PRINTED_ENTITY_MESSAGE % key))
    return found
