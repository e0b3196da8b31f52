"""`python -m sitebuild prepare` refuses pages whose Markdown carries script or sends the reader elsewhere,
listing every mistake as `path:line: message`; quiz/page_html.py holds the rules, shared with `python -m quiz
check` and the quiz plugin so that the check and the build refuse the same things.

`prepare` runs before any build, so the rules hold for every generator that builds the site (MkDocs through
sitebuild/mkdocs_hooks.py, Zensical by the README's commands).
"""

from quiz.page_html import problems
from quiz.source import display_path, markdown_files, read_page

from .content_error import ContentError


class UnsafeHtmlError(ContentError):
    pass


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
