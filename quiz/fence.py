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
from .languages import from_config, page_language
from .mkdocs_yml import ConfigError, read_config
from .parse import parse_question
from .render import render_question

# Set by the MkDocs plugin for each build (each language, with mkdocs-static-i18n). Generators that run the
# fence without the plugin read theme.language and the plugin's `strings` option from the mkdocs.yml in the
# folder they build.
_CURRENT = {"strings": None}


def use_language(language, strings=None):
    """Render with `strings`, or with those of theme.language `language` and no site catalogue."""
    _CURRENT["strings"] = strings if strings is not None else page_language(language).strings


def _strings():
    if _CURRENT["strings"] is None:
        try:
            config = read_config("mkdocs.yml") if os.path.isfile("mkdocs.yml") else {}
            _CURRENT["strings"] = from_config(config).strings
        except (ConfigError, catalogue.StringsError) as error:
            raise SuperFencesException(str(error)) from None
    return _CURRENT["strings"]


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
