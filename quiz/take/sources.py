"""Where `quiz take` reads a quiz: a Markdown page (checked first, like `quiz check`), a page of the built
site, or the address of one (http or https, fetched only because it was asked for)."""

import json
import os
import urllib.error
import urllib.request

from .. import strings
from ..browser import question_types
from ..page import SETTINGS_RE
from ..source_file import SourceError, load_page
from . import questions as taken

URL_SCHEMES = ("http://", "https://")
FETCH_TIMEOUT = 30


def _key_problem(key):
    row = question_types.get(key.get("type")) if isinstance(key, dict) else None
    if row is None or not isinstance(key.get("id"), str) or not isinstance(key.get("points"), int):
        return "an answer key without a known type, an id and points"
    missing = [name for name, _ in row.fields if name not in key]
    return "the answer key of %r lacks %s" % (key["id"], ", ".join(missing)) if missing else None


def page_strings(html, fallback):
    """The UI strings a built page carries (its site's language), when complete; else `fallback`."""
    found = SETTINGS_RE.search(html)
    try:
        carried = json.loads(found.group(1))["strings"] if found else None
    except (ValueError, KeyError, TypeError):
        carried = None
    if isinstance(carried, dict) and set(carried) >= set(fallback):
        return {key: str(carried[key]) for key in fallback}
    return fallback


def _from_html(html, shown):
    try:
        found = taken.from_html(html)
    except (AttributeError, KeyError, TypeError, ValueError):
        raise SourceError("%s: a quiz question on this page is not as the quiz's build writes it" % shown) from None
    if not found:
        raise SourceError("%s: no quiz questions on this page" % shown)
    for number, question in enumerate(found, 1):
        problem = _key_problem(question.key)
        if problem:
            raise SourceError("%s: question %d: %s" % (shown, number, problem))
    return found


def _fetch(url):
    try:
        with urllib.request.urlopen(url, timeout=FETCH_TIMEOUT) as response:
            charset = response.headers.get_content_charset() or "utf-8"
            return response.read().decode(charset, "replace")
    except (urllib.error.URLError, OSError, ValueError) as error:
        reason = getattr(error, "reason", None) or error
        raise SourceError("%s: cannot fetch the page: %s" % (url, reason)) from None


def load(target, config_path=None, language="en"):
    """(questions as TakeQuestion, path to show in messages, UI strings); SourceError for a page that cannot be
    taken.
    A Markdown page with mistakes raises SourceError carrying every `path:line: message`."""
    catalogue = strings.load(language)
    if target.startswith(URL_SCHEMES):
        html = _fetch(target)
        return _from_html(html, target), target, page_strings(html, catalogue)
    if os.path.isdir(target) and os.path.isfile(os.path.join(target, "index.html")):
        target = os.path.join(target, "index.html")
    if target.endswith((".html", ".htm")):
        try:
            with open(target, encoding="utf-8") as handle:
                html = handle.read()
        except (OSError, UnicodeDecodeError) as error:
            raise SourceError("%s: cannot read the page: %s" % (target, error)) from None
        return _from_html(html, target), target, page_strings(html, catalogue)
    page = load_page(target, config_path)
    if page.issues:
        raise IssuesFound(page.issues)
    if not page.questions:
        raise SourceError("%s: no quiz questions on this page" % page.path)
    path = os.path.join(page.docs_dir, page.page)
    return [taken.from_source(question, catalogue, path) for question in page.questions], page.path, catalogue


class IssuesFound(SourceError):
    def __init__(self, issues):
        super().__init__("%d error(s) in quiz blocks" % len(issues))
        self.issues = issues
