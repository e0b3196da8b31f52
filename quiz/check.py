"""Check every ```quiz block of a docs tree against the whole site and report every mistake as
`path:line: message`.

Used by `python -m quiz check docs`, by the quiz plugin before a build (so `mkdocs build` fails) and by the
tests. quiz/blocks.py finds the blocks as the renderer does, parse.py reads each one, front_matter.py checks
the page's quiz settings; this module adds what needs the whole site: ids unique across pages, and links,
images and `see:` sections that exist.
"""

import os
import re
import subprocess
import urllib.parse

from . import element_ids, front_yaml, invisible, page_html
from . import strings as catalogue
from .anchors import PageAnchors
from .blocks import BlockFinder
from .browser import typos
from .front_matter import front_matter_issues, meta_file_issues, per_quiz_numbers
from .page import LABEL_ATTRIBUTE, UNKNOWN_LABEL
from .parse import DEFAULT_QUIZ, TYPO_TYPES, parse_question
from .published import meta_files
from .source import FileIssue, display_path, headings, markdown_files, page_body, read_page


def check_docs(docs_dir, extensions=None, check_pages=True, excluded=None, meta_file=None):
    """Parse every quiz in docs_dir. Returns (questions by display path, list of FileIssue).

    `extensions` are the site's Markdown extensions, (names, configs) as quiz.blocks.extensions_of gives
    them; without them, those of a site that lists none. With check_pages, each page's own markup is checked
    too (quiz/page_html.py), as `python -m sitebuild prepare` checks it. `excluded` and `meta_file` are what
    the build reads (quiz/published.py): pages it leaves out are not read, and the quiz settings of Material's
    meta files are checked against the pages below them."""
    finder = BlockFinder(extensions)
    anchors = PageAnchors(finder)
    issues = []
    questions = {}
    sources = {}
    unreadable = {}
    for path in markdown_files(docs_dir, excluded):
        text, problem = read_page(path)
        sources[os.path.normpath(path)] = text
        if problem:
            unreadable[os.path.normpath(path)] = problem
    # Where each question id and each quiz id is used: (path, line) in page order.
    id_places, quiz_places = {}, {}
    page_quizzes = {}
    label_keys = set(catalogue.load("en"))
    for path, text in sources.items():
        shown = display_path(path)
        if path in unreadable:
            issues.append(FileIssue(shown, *unreadable[path]))
            continue
        issues.extend(FileIssue(shown, line, message) for line, message in front_yaml.page_issues(text))
        if check_pages:
            issues.extend(FileIssue(shown, line, message) for line, message in page_html.problems(text))
        issues.extend(FileIssue(shown, line, message) for line, message in label_problems(text, label_keys))
        body, first_line = page_body(text)
        try:
            blocks, problems = finder.find(body, first_line)
            anchors.remember(path, finder.html)
        except Exception as error:  # any failure of an extension on this page's text
            issues.append(FileIssue(shown, 1, "Markdown could not read this page: %s" % error))
            continue
        issues.extend(FileIssue(shown, line, message) for line, message in problems)
        lines, quiz_lines = body.split("\n"), invisible.block_lines([b for b in blocks if not b.path], first_line)
        issues.extend(FileIssue(shown, *found) for found in invisible.line_issues(lines, first_line, quiz_lines))
        found = []
        for block in blocks:
            # A block a snippet brought in is reported in its own file; links still resolve from the page.
            where = display_path(block.path) if block.path else shown
            question, problems = parse_question(block.body, block.line + 1)
            issues.extend(FileIssue(where, p.line, p.message) for p in problems)
            if question.id:
                id_places.setdefault(question.id, []).append((where, question.keys_line.get("id", block.line + 1)))
            quiz_places.setdefault(question.quiz, {}).setdefault(where, question.keys_line.get("quiz", block.line))
            if question.see:
                problem = _check_see(question.see, path, docs_dir, sources, anchors)
                if problem:
                    issues.append(FileIssue(where, question.keys_line["see"], problem))
            for line, target in question.links:
                problem = _check_link(target, path, docs_dir, sources, anchors)
                if problem:
                    issues.append(FileIssue(where, line, problem))
            for line, target in question.images:
                problem = _check_image(target, path, docs_dir)
                if problem:
                    issues.append(FileIssue(where, line, problem))
            found.append(question)
        for line, message in element_ids.page_issues(headings(text), found):
            issues.append(FileIssue(shown, line, message))
        page_quizzes[path] = {question.quiz for question in found}
        apply_page_typos(found, per_quiz_numbers(text, "quiz_typos"))
        sizes = {}
        for question in found:
            sizes[question.quiz] = sizes.get(question.quiz, 0) + 1
        for line, message in front_matter_issues(text, page_quizzes[path], sizes):
            issues.append(FileIssue(shown, line, message))
        if found:
            questions[shown] = found
    issues.extend(_meta_issues(docs_dir, meta_file, page_quizzes) if meta_file else [])
    issues.extend(clash_issues(id_places, quiz_places, docs_dir))
    issues.sort(key=lambda issue: (issue.path, issue.line))
    return questions, issues


# `{: data-quiz-label="quiz.check" }` or the attribute in HTML, as the page's markup has it.
LABEL_KEY_RE = re.compile(r"""\s%s\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>}]*))""" % LABEL_ATTRIBUTE)


def label_problems(text, keys):
    """[(line, message)] for each button the page's text names (quiz.page.labels_from_catalogue) by a key not
    among `keys` (the quiz's strings), found here with its line rather than by the build without one."""
    markup = page_html.visible_markup(text)
    found = []
    for match in LABEL_KEY_RE.finditer(markup):
        key = next(value for value in match.groups() if value is not None)
        if key not in keys:
            found.append((markup.count("\n", 0, match.start()) + 1, UNKNOWN_LABEL % key))
    return found


def apply_page_typos(questions, page_typos):
    """The page's quiz_typos for each typed question of that quiz without a `typos:` of its own: what the
    build writes into the page's answer keys too (quiz/page.py)."""
    for question in questions:
        if question.typos is None and question.type in TYPO_TYPES and question.quiz in page_typos:
            question.typos = min(page_typos[question.quiz], typos.MAX_TYPOS)


def _meta_issues(docs_dir, name, page_quizzes):
    issues = []
    for path, folder in meta_files(docs_dir, name):
        text, problem = read_page(path)
        shown = display_path(path)
        if problem:
            issues.append(FileIssue(shown, *problem))
            continue
        below = os.path.join(os.path.normpath(docs_dir), folder)
        quiz_ids = set().union(*(ids for page, ids in page_quizzes.items() if page.startswith(below)))
        issues.extend(FileIssue(shown, line, message) for line, message in meta_file_issues(text, quiz_ids))
    return issues


def clash_issues(id_places, quiz_places, docs_dir):
    """A question id used twice, or a quiz id on two pages: reported where it was used last, naming the
    first use. Across pages, "last" is the page changed most recently (see page_age)."""
    clashing = {path for places in id_places.values() if len(places) > 1 for path, _ in places}
    clashing |= {path for pages in quiz_places.values() if len(pages) > 1 for path in pages}
    age = page_age(sorted(clashing), docs_dir) if clashing else {}
    issues = []
    for question_id, places in id_places.items():
        if len(places) < 2:
            continue
        # sorted() is stable: within one page, places stay in page order.
        first, *later = sorted(places, key=lambda place: age[place[0]])
        for path, line in later:
            issues.append(FileIssue(path, line, "duplicate id %r (first used at %s:%d)" % (question_id, *first)))
    for quiz_id, pages in quiz_places.items():
        if len(pages) < 2:
            continue
        first, *later = sorted(pages.items(), key=lambda place: age[place[0]])
        for path, line in later:
            issues.append(
                FileIssue(
                    path,
                    line,
                    "quiz id %r is also used at %s:%d: the browser keeps a quiz's answers and scores under its "
                    "id, so the two pages would overwrite each other's; give this page's questions their own "
                    "quiz id with `quiz: <id>`%s"
                    % (
                        quiz_id,
                        *first,
                        " (without it, a question is in quiz %r)" % DEFAULT_QUIZ if quiz_id == DEFAULT_QUIZ else "",
                    ),
                )
            )
    return issues


def page_age(paths, docs_dir):
    """A sort key per page, oldest first, to blame a clash on the page that brought it. In a git checkout:
    committed pages by their last commit, then pages with changes not yet committed (those are new); outside
    git, or on a tie, the time the file was last written, then the order of the paths."""
    times = {}
    try:
        status = subprocess.run(
            ["git", "status", "--porcelain", "-z", "--untracked-files=all", "--", *paths],
            cwd=os.getcwd(),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        changed = {os.path.normpath(entry[3:]) for entry in status.split("\0") if len(entry) > 3}
        prefix = subprocess.run(
            ["git", "rev-parse", "--show-prefix"], capture_output=True, text=True, check=True
        ).stdout.strip()
        for path in paths:
            if os.path.normpath(os.path.join(prefix, path)) in changed:
                times[path] = float("inf")
                continue
            stamp = subprocess.run(
                ["git", "log", "-1", "--format=%ct", "--", path], capture_output=True, text=True, check=True
            ).stdout.strip()
            times[path] = float(stamp) if stamp else float("inf")
    except (OSError, subprocess.CalledProcessError):
        times = {}
    return {path: (times.get(path, 0.0), os.stat(path).st_mtime_ns, index) for index, path in enumerate(paths)}


def _find_page(target, page_path, sources):
    """(normalised path or None, anchor) of a `page.md#anchor` link written in page_path."""
    page, _, anchor = target.partition("#")
    path = os.path.normpath(os.path.join(os.path.dirname(page_path), page)) if page else page_path
    return (path if path.endswith(".md") and path in sources else None), anchor


def _check_see(see, page_path, docs_dir, sources, anchors):
    page = see.partition("#")[0]
    target, anchor = _find_page(see, page_path, sources)
    if target is None:
        return "see: page %r does not exist under %s" % (page, display_path(docs_dir))
    if not anchor:
        return "see: %r names no section; add `#anchor` of the heading that answers the question" % see
    if anchor not in anchors.of(target, sources[target]):
        return "see: %r has no section with anchor #%s" % (page or os.path.basename(page_path), anchor)
    return None


def _check_image(image, page_path, docs_dir):
    address = urllib.parse.unquote(image.partition("#")[0].partition("?")[0])
    base = docs_dir if address.startswith("/") else os.path.dirname(page_path)
    if os.path.isfile(os.path.join(base, address.lstrip("/"))):
        return None
    return "image %r: no such file under %s" % (image, display_path(docs_dir))


def _check_link(link, page_path, docs_dir, sources, anchors):
    page = urllib.parse.unquote(link.partition("#")[0].partition("?")[0])
    if page and not page.endswith(".md"):
        # A file of the site (a PDF, a picture): links to pages are written page.md#section.
        if os.path.isfile(os.path.join(os.path.dirname(page_path), page)):
            return None
        return "link to %r: no such file under %s; link a page as page.md#section" % (page, display_path(docs_dir))
    target, anchor = _find_page(link, page_path, sources)
    if target is None:
        return "link to %r: no such page under %s" % (link.partition("#")[0], display_path(docs_dir))
    if anchor and anchor not in anchors.of(target, sources[target]):
        return "link to %r: the page has no section with anchor #%s" % (link, anchor)
    return None
