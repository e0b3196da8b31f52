"""The ```quiz custom fence for pymdownx.superfences: parse, then render plain HTML.

A Markdown extension rather than an MkDocs plugin, so any generator that reads `markdown_extensions` from
mkdocs.yml (MkDocs, Zensical) renders quizzes the same way. A malformed block raises SuperFencesException,
which stops the build; `python -m quiz check` and the MkDocs hook report every mistake with its file and line
before conversion ever gets here.
"""

import os
import posixpath

from pymdownx.superfences import SuperFencesException

from . import strings as catalogue
from .anchors import of_markdown
from .mkdocs_yml import read_config
from .parse import parse_question
from .render import render_question

# Set by the MkDocs plugin from theme.language. Generators that run the fence without the plugin read the
# same setting from the mkdocs.yml in the folder they build.
_LANGUAGE = {"name": None}
_STRINGS = {}


def use_language(language):
    _LANGUAGE["name"] = language


def _strings():
    language = _LANGUAGE["name"]
    if language is None:
        config = read_config("mkdocs.yml") if os.path.isfile("mkdocs.yml") else {}
        language = (config.get("theme") or {}).get("language") or "en"
    if language not in _STRINGS:
        try:
            _STRINGS[language] = catalogue.load(language)
        except catalogue.StringsError as error:
            raise SuperFencesException(str(error)) from None
    return _STRINGS[language]


def _resolve(target, md):
    """(href relative to the current page, heading text or None) for a `page.md#anchor` link."""
    page, _, anchor = target.partition("#")
    # A Python-Markdown Registry, which has no .get().
    relpath = md.treeprocessors["relpath"] if "relpath" in md.treeprocessors else None  # noqa: SIM401
    if relpath is None:
        # Outside MkDocs (Zensical) there is no page context here. The link is relative to the page's own
        # folder, as written, and pages are files (use_directory_urls: false), so page.md -> page.html.
        stem = page[:-3] + ".html" if page.endswith(".md") else page
        return "%s%s" % (stem, "#" + anchor if anchor else ""), None
    from mkdocs.utils import get_relative_url

    current = relpath.file
    target_uri = (
        posixpath.normpath(posixpath.join(posixpath.dirname(current.src_uri), page)) if page else current.src_uri
    )
    found = relpath.files.get_file_from_path(target_uri)
    if found is None:
        raise SuperFencesException("quiz link %r: no page %s" % (target, target_uri))
    href = get_relative_url(found.url, current.url) + ("#" + anchor if anchor else "")
    anchors = of_markdown(found.src_uri, found.content_string) if anchor else {}
    if anchor and anchor not in anchors:
        raise SuperFencesException("quiz link %r: %s has no section #%s" % (target, target_uri, anchor))
    return href, anchors.get(anchor)


def format_quiz(src, language, class_name, options, md, **kwargs):
    lines = src.split("\n")
    question, issues = parse_question(lines, 1)
    if issues:
        details = "; ".join("line %d of the block: %s" % (issue.line, issue.message) for issue in issues)
        raise SuperFencesException("malformed quiz block: " + details)
    href, title = _resolve(question.see, md)
    return render_question(
        question,
        href,
        title or question.see.partition("#")[2].replace("-", " "),
        _strings(),
        link=lambda target: _resolve(target, md)[0],
    )
