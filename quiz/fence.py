"""The ```quiz custom fence for pymdownx.superfences: parse, then render plain HTML.

A Markdown extension rather than an MkDocs plugin, so any generator that reads `markdown_extensions` from
mkdocs.yml (MkDocs, Zensical) renders quizzes the same way. A malformed block raises SuperFencesException,
which stops the build; `python -m quiz check` and the MkDocs hook report every mistake with its file and line
before conversion ever gets here.
"""

import posixpath

from pymdownx.superfences import SuperFencesException

from .check import heading_ids
from .parse import parse_question
from .render import render_question


def _resolve_see(see, md):
    """(href relative to the current page, heading text) for a `page.md#anchor` reference."""
    page, _, anchor = see.partition("#")
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None
    if relpath is None:
        # Outside MkDocs there is no page context: link as the directory URL MkDocs would give it.
        stem = page[:-3] if page.endswith(".md") else page
        return "../%s/#%s" % (stem, anchor), anchor.replace("-", " ").capitalize()
    current = relpath.file
    target_uri = posixpath.normpath(posixpath.join(posixpath.dirname(current.src_uri), page)) if page \
        else current.src_uri
    target = relpath.files.get_file_from_path(target_uri)
    if target is None:
        raise SuperFencesException("quiz see: %r: no page %s" % (see, target_uri))
    from mkdocs.utils import get_relative_url

    href = get_relative_url(target.url, current.url) + "#" + anchor
    title = heading_ids(target.content_string).get(anchor)
    if title is None:
        raise SuperFencesException("quiz see: %r: %s has no section #%s" % (see, target_uri, anchor))
    return href, title


def format_quiz(src, language, class_name, options, md, **kwargs):
    lines = src.split("\n")
    question, issues = parse_question(lines, 1)
    if issues:
        details = "; ".join("line %d of the block: %s" % (issue.line, issue.message) for issue in issues)
        raise SuperFencesException("malformed quiz block: " + details)
    href, title = _resolve_see(question.see, md)
    return render_question(question, href, title)
