"""Markdown pages may not carry script: a raw <script> (or PyScript's <mpy-script>, <py-config>...), an on*=
event attribute (in HTML or in an attribute list, `{ onclick=... }`), a javascript: URL (in a link, a
reference definition, an HTML attribute or an attribute list) or the quiz's question markup written by hand
(which would give the page the quiz runtime and 'unsafe-eval') is a content mistake, reported as
`path:line: message`, every one at once.

`python -m sitebuild prepare` runs this check before any build, so it holds for every generator that builds
the site (MkDocs through sitebuild/mkdocs_hooks.py, Zensical by the README's commands). The page's
Content-Security-Policy (sitebuild/csp.py) would block such script anyway; this says where it is.

What a page shows as code is not script: fenced blocks (``` and ~~~, at any indent, so inside admonitions
and lists too), code spans, HTML comments and the front matter (data that the templates escape) are left
out. The text of ```quiz blocks is the quiz check's (`python -m quiz check`), which refuses raw HTML there.
Indented code blocks are read as text: Python-Markdown's admonitions and lists indent their content the
same way, so a fence is the way to show a <script> tag in a page.
"""

import re

from quiz.markup import as_browser_reads
from quiz.source import display_path, markdown_files, mask_fences, read_page

from .content_error import ContentError

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

# Each ends with the fix; the page's Content-Security-Policy would block the script in any case.
SCRIPT_MESSAGE = "raw <%s> in a page: content cannot run script; to show the tag, put it in a code span or a ``` fence"
QUIZ_MESSAGE = "quiz markup (%s) written as HTML in a page: write the question as a ```quiz block"
EVENT_MESSAGE = "event attribute %s= in a page: content cannot run script; remove the attribute"
URL_MESSAGE = "%s URL in a page: content cannot run script; link to a page or an https: address instead"


class UnsafeHtmlError(ContentError):
    pass


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
    for pattern in (TAG_RE, ATTR_LIST_RE):
        for match in pattern.finditer(markup):
            offset = match.start("attrs")
            found.extend((offset + at, message) for at, message in _attribute_problems(match.group("attrs")))
    for pattern in (LINK_RE, REFERENCE_RE):
        for match in pattern.finditer(markup):
            scheme = _script_scheme(match.group("url"))
            if scheme:
                found.append((match.start("url"), URL_MESSAGE % scheme))
    lines = sorted({(markup.count("\n", 0, offset) + 1, message) for offset, message in found})
    return lines


def check_pages(docs_dir):
    """Every page's mistakes as `path:line: message` lines (empty when there are none)."""
    issues = []
    for path in markdown_files(docs_dir):
        text, unreadable = read_page(path)
        if unreadable:
            issues.append("%s:%d: %s" % ((display_path(path),) + unreadable))
            continue
        issues.extend("%s:%d: %s" % (display_path(path), line, message) for line, message in problems(text))
    return issues


def require_safe_pages(docs_dir):
    issues = check_pages(docs_dir)
    if issues:
        raise UnsafeHtmlError(issues)
