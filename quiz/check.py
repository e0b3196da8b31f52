"""Find every ```quiz fence in a docs tree and report every mistake as `path:line: message`.

Used by `python -m quiz check docs`, by the MkDocs hook (so `mkdocs build` fails) and by the tests.
"""

import os
import re
from collections import namedtuple

from markdown.extensions.toc import slugify

from .parse import parse_question

FileIssue = namedtuple("FileIssue", "path line message")
Fence = namedtuple("Fence", "info line body body_line closed")

FENCE_OPEN_RE = re.compile(r"^(?P<indent> {0,3})(?P<fence>`{3,}|~{3,})\s*(?P<info>[^`]*?)\s*$")
HEADING_RE = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*#*\s*$")
ATTR_ID_RE = re.compile(r"#([\w-]+)")


def find_fences(text):
    """Every top-level fenced block of a Markdown file, with 1-based line numbers.

    Fences inside other fences (a documentation page showing a quiz example in a ````markdown fence) are
    body text of the outer fence, not quizzes.
    """
    lines = text.split("\n")
    fences = []
    index = 0
    while index < len(lines):
        match = FENCE_OPEN_RE.match(lines[index])
        if not match:
            index += 1
            continue
        marker = match.group("fence")
        info = match.group("info").split()[0].lstrip(".{") if match.group("info") else ""
        close_re = re.compile(r"^ {0,3}%s%s*\s*$" % (re.escape(marker[0]) * len(marker), re.escape(marker[0])))
        start = index
        index += 1
        body = []
        while index < len(lines) and not close_re.match(lines[index]):
            body.append(lines[index])
            index += 1
        closed = index < len(lines)
        fences.append(Fence(info, start + 1, body, start + 2, closed))
        index += 1
    return fences


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
    ids = {}
    fenced = set(range(1, _front_matter_lines(text) + 1))
    for fence in find_fences(text):
        fenced.update(range(fence.line, fence.body_line + len(fence.body) + 1))
    for number, line in enumerate(text.split("\n"), 1):
        if number in fenced:
            continue
        match = HEADING_RE.match(line)
        if not match:
            continue
        explicit = ATTR_ID_RE.search(match.group("attrs") or "")
        ids[explicit.group(1) if explicit else slugify(match.group("text"), "-")] = match.group("text")
    return ids


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return handle.read()


def markdown_files(docs_dir):
    found = []
    for root, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".md"):
                found.append(os.path.join(root, name))
    return found


def _display(path):
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def check_docs(docs_dir):
    """Parse every quiz in docs_dir. Returns (questions by display path, list of FileIssue)."""
    issues = []
    questions = {}
    first_id = {}
    sources = {}
    for path in markdown_files(docs_dir):
        sources[os.path.normpath(path)] = _read(path)
    for path, text in sources.items():
        shown = _display(path)
        found = []
        for fence in find_fences(text):
            if fence.info != "quiz":
                continue
            if not fence.closed:
                issues.append(FileIssue(shown, fence.line, "the ```quiz fence opened here is never closed"))
                continue
            question, problems = parse_question(fence.body, fence.body_line)
            issues.extend(FileIssue(shown, p.line, p.message) for p in problems)
            if question.id:
                if question.id in first_id:
                    issues.append(
                        FileIssue(
                            shown,
                            question.keys_line.get("id", fence.body_line),
                            "duplicate id %r (first used at %s)" % (question.id, first_id[question.id]),
                        )
                    )
                else:
                    first_id[question.id] = "%s:%d" % (shown, question.keys_line.get("id", fence.body_line))
            if question.see:
                problem = _check_see(question.see, path, docs_dir, sources)
                if problem:
                    issues.append(FileIssue(shown, question.keys_line["see"], problem))
            for line, target in question.links:
                problem = _check_link(target, path, docs_dir, sources)
                if problem:
                    issues.append(FileIssue(shown, line, problem))
            found.append(question)
        if found:
            questions[shown] = found
    issues.sort(key=lambda issue: (issue.path, issue.line))
    return questions, issues


def _find_page(target, page_path, sources):
    """(normalised path or None, anchor) of a `page.md#anchor` link written in page_path."""
    page, _, anchor = target.partition("#")
    path = os.path.normpath(os.path.join(os.path.dirname(page_path), page)) if page else page_path
    return (path if path.endswith(".md") and path in sources else None), anchor


def _check_see(see, page_path, docs_dir, sources):
    page = see.partition("#")[0]
    target, anchor = _find_page(see, page_path, sources)
    if target is None:
        return "see: page %r does not exist under %s" % (page, _display(docs_dir))
    if not anchor:
        return "see: %r names no section; add `#anchor` of the heading that answers the question" % see
    if anchor not in heading_ids(sources[target]):
        return "see: %r has no section with anchor #%s" % (page or os.path.basename(page_path), anchor)
    return None


def _check_link(link, page_path, docs_dir, sources):
    target, anchor = _find_page(link, page_path, sources)
    if target is None:
        return "link to %r: no such page under %s" % (link.partition("#")[0], _display(docs_dir))
    if anchor and anchor not in heading_ids(sources[target]):
        return "link to %r: the page has no section with anchor #%s" % (link, anchor)
    return None


def format_issues(issues):
    return "\n".join("%s:%d: %s" % issue for issue in issues)
