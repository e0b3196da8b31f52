"""One Markdown page's questions, checked by the same checker as `quiz check` and the build.

The terminal runner and the exports take a page, not a docs folder, so the page's site is found around it:
the nearest mkdocs.yml above the page (or --config) whose docs_dir holds it gives the Markdown extensions and
the pages that `see:` and links may point at. A page outside any site is checked against its own folder.
"""

import os
from collections import namedtuple

from .blocks import extensions_of
from .check import check_docs
from .mkdocs_yml import ConfigError, read_config
from .source import display_path

# path: as messages show it; page: relative to docs_dir, with "/"; questions: parse.SourceQuestion, in page order.
Page = namedtuple("Page", "path page docs_dir questions issues use_directory_urls")
Issue = namedtuple("Issue", "path line message")


class SourceError(Exception):
    """A page that cannot be read at all; the message is one line, starting with the path."""


def _config_for(path, config_path):
    if config_path:
        return config_path if os.path.isfile(config_path) else None
    folder = os.path.dirname(os.path.abspath(path))
    while True:
        candidate = os.path.join(folder, "mkdocs.yml")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def _inside(path, folder):
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return os.path.commonpath([path, folder]) == folder


def load_page(path, config_path=None):
    """The page's questions and every mistake in it (Issue, as `quiz check` reports them)."""
    shown = display_path(path)
    if not os.path.isfile(path):
        raise SourceError("%s: no such file" % shown)
    if not path.endswith(".md"):
        raise SourceError("%s: not a Markdown page (.md)" % shown)
    docs_dir, extensions, use_directory_urls = os.path.dirname(os.path.abspath(path)), None, True
    found = _config_for(path, config_path)
    if found:
        try:
            config = read_config(found)
        except ConfigError as error:
            raise SourceError(str(error)) from None
        site_docs = os.path.join(os.path.dirname(os.path.abspath(found)), str(config.get("docs_dir") or "docs"))
        if _inside(path, site_docs):
            docs_dir, extensions = site_docs, extensions_of(config)
            use_directory_urls = config.get("use_directory_urls", True) is not False
    questions, issues = check_docs(docs_dir, extensions)
    target = os.path.abspath(path)
    mine = [Issue(shown, issue.line, issue.message) for issue in issues if os.path.abspath(issue.path) == target]
    page_questions = next((found for name, found in questions.items() if os.path.abspath(name) == target), [])
    page = os.path.relpath(target, docs_dir).replace(os.sep, "/")
    return Page(shown, page, docs_dir, page_questions, mine, use_directory_urls)


def format_issues(issues):
    return "\n".join("%s:%d: %s" % (issue.path, issue.line, issue.message) for issue in issues)
