"""Reading a docs tree's Markdown source: its files, their text as MkDocs reads it, fenced code, headings,
and how a `path:line: message` names a file.

The one line scanner of fences is here (`fences`): the quiz check, the pages' script check
(sitebuild/unsafe_html.py) and the quiz text's raw-HTML check (parse.py) all skip fenced code through it.
quiz/blocks.py finds quiz blocks differently on purpose: it asks Python-Markdown, with the site's
extensions, which fences render as quizzes, because only the renderer knows (a fence in a content tab is a
quiz only where pymdownx.tabbed is on); a line scan cannot.

Build-time code (CPython).
"""

import os
import re
from collections import namedtuple

from markdown.extensions.toc import slugify
from mkdocs.utils.meta import get_data

FileIssue = namedtuple("FileIssue", "path line message")
# A fenced block: `line` is its opening line (1-based), `body` its lines from `body_line`; `prefix` the
# container marks (indentation, `>`) before its opening marks.
Fence = namedtuple("Fence", "info line body body_line closed prefix")

# A fence line under any container's marks: indentation (admonitions, lists, tabs) and `>` (block quotes).
FENCE_LINE_RE = re.compile(r"^(?P<prefix>[ \t>]*)(?P<fence>`{3,}|~{3,})(?P<info>.*)$")
HEADING_RE = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*#*\s*$")
ATTR_ID_RE = re.compile(r"#([\w-]+)")


def fences(text):
    """Every fenced block of a Markdown text (``` or ~~~, at the top level or under container marks), in
    order. A fence inside another fence (a page showing a quiz example in a ````markdown fence) is body text
    of the outer one. A backtick fence whose info has a backtick is not a fence (CommonMark), and a block
    ends at a line of the same mark, at least as long, with nothing after it."""
    lines = text.split("\n")
    found = []
    index = 0
    while index < len(lines):
        opened = FENCE_LINE_RE.match(lines[index])
        marker = opened.group("fence") if opened else ""
        if not opened or (marker[0] == "`" and "`" in opened.group("info")):
            index += 1
            continue
        info = opened.group("info").strip()
        name = info.split()[0].lstrip(".{") if info else ""
        start = index
        index += 1
        body = []
        while index < len(lines) and not _closes(lines[index], marker):
            body.append(lines[index])
            index += 1
        found.append(Fence(name, start + 1, body, start + 2, index < len(lines), opened.group("prefix")))
        index += 1
    return found


def _closes(line, marker):
    closing = FENCE_LINE_RE.match(line)
    return bool(
        closing
        and closing.group("fence")[0] == marker[0]
        and len(closing.group("fence")) >= len(marker)
        and not closing.group("info").strip()
    )


def mask_fences(text):
    """text with every fenced block blanked out (spaces), line breaks kept, so offsets still give lines."""
    lines = text.split("\n")
    for fence in fences(text):
        last = fence.body_line + len(fence.body) if fence.closed else len(lines)
        for number in range(fence.line, last + 1):
            lines[number - 1] = " " * len(lines[number - 1])
    return "\n".join(lines)


def _front_matter_lines(text):
    """How many lines the page's YAML front matter takes (0 without one): its comments are not headings."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return 0
    for number, line in enumerate(lines[1:], 2):
        if line.strip() in ("---", "..."):
            return number
    return 0


def heading_ids(text):
    """Anchor -> heading text for a page, as MkDocs' toc extension makes them (explicit `{#id}` wins)."""
    return {anchor: heading for _, anchor, heading in headings(text)}


def headings(text):
    """(line, anchor, heading text) of each heading of a page, in order."""
    found = []
    fenced = set(range(1, _front_matter_lines(text) + 1))
    for fence in fences(text):
        fenced.update(range(fence.line, fence.body_line + len(fence.body) + 1))
    for number, line in enumerate(text.split("\n"), 1):
        if number in fenced:
            continue
        match = HEADING_RE.match(line)
        if not match:
            continue
        explicit = ATTR_ID_RE.search(match.group("attrs") or "")
        anchor = explicit.group(1) if explicit else slugify(match.group("text"), "-")
        found.append((number, anchor, match.group("text")))
    return found


def read_page(path):
    """(text, problem): a page's text as MkDocs reads it (UTF-8, a byte-order mark dropped), and (line,
    message) when it is not UTF-8, with the text decoded as far as it goes."""
    with open(path, "rb") as handle:
        data = handle.read()
    try:
        # Line breaks as MkDocs reads them (text mode): \r\n and \r are \n.
        return _newlines(data.decode("utf-8-sig")), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        message = (
            "the file is not UTF-8 text (byte 0x%02x cannot be read, as from an editor saving in Latin-1 or "
            "Windows-1252): save it as UTF-8" % data[error.start]
        )
        return _newlines(data.decode("utf-8-sig", "replace")), (line, message)


def _newlines(text):
    return text.replace("\r\n", "\n").replace("\r", "\n")


def markdown_files(docs_dir, excluded=None):
    """Every Markdown page under docs_dir, in path order; `excluded` (quiz.published.exclusion) says which
    pages the build leaves out, by their path under docs_dir."""
    found = []
    for root, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = os.path.join(root, name)
            if name.endswith(".md") and not (
                excluded and excluded(os.path.relpath(path, docs_dir).replace(os.sep, "/"))
            ):
                found.append(path)
    return found


def display_path(path):
    """A path as `path:line` messages show it: relative to the working folder when under it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def page_body(text):
    """(Markdown MkDocs converts, its first line in the file): the page without its front matter."""
    body = get_data(text)[0]
    return body, text[: len(text) - len(body)].count("\n") + 1


def format_issues(issues):
    return "\n".join("%s:%d: %s" % issue for issue in issues)
