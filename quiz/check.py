"""Find every ```quiz fence in a docs tree and report every mistake as `path:line: message`.

Used by `python -m quiz check docs`, by the quiz plugin before a build (so `mkdocs build` fails) and by the
tests. quiz/blocks.py finds the blocks as the renderer does; this module checks them against the whole site.
"""

import difflib
import os
import re
import subprocess
import urllib.parse
from collections import namedtuple

import yaml
from markdown.extensions.toc import slugify
from mkdocs.utils.meta import YAML_RE, get_data

from . import element_ids
from .blocks import BlockFinder
from .parse import DEFAULT_QUIZ, HTML_RE, parse_question

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
    return {anchor: heading for _, anchor, heading in headings(text)}


def headings(text):
    """(line, anchor, heading text) of each heading of a page, in order."""
    found = []
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


def markdown_files(docs_dir):
    found = []
    for root, dirs, files in os.walk(docs_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.endswith(".md"):
                found.append(os.path.join(root, name))
    return found


def display_path(path):
    """A path as `path:line` messages show it: relative to the working folder when under it."""
    relative = os.path.relpath(path)
    return path if relative.startswith("..") else relative


def _body(text):
    """(Markdown MkDocs converts, its first line in the file): the page without its front matter."""
    body = get_data(text)[0]
    return body, text[: len(text) - len(body)].count("\n") + 1


def check_docs(docs_dir, extensions=None):
    """Parse every quiz in docs_dir. Returns (questions by display path, list of FileIssue).

    `extensions` are the site's Markdown extensions, (names, configs) as quiz.blocks.extensions_of gives
    them; without them, those of a site that lists none."""
    finder = BlockFinder(extensions)
    issues = []
    questions = {}
    sources = {}
    unreadable = {}
    for path in markdown_files(docs_dir):
        text, problem = read_page(path)
        sources[os.path.normpath(path)] = text
        if problem:
            unreadable[os.path.normpath(path)] = problem
    # Where each question id and each quiz id is used: (path, line) in page order.
    id_places, quiz_places = {}, {}
    for path, text in sources.items():
        shown = display_path(path)
        if path in unreadable:
            issues.append(FileIssue(shown, *unreadable[path]))
            continue
        body, first_line = _body(text)
        try:
            blocks, problems = finder.find(body, first_line)
        except Exception as error:  # any failure of an extension on this page's text
            issues.append(FileIssue(shown, 1, "Markdown could not read this page: %s" % error))
            continue
        issues.extend(FileIssue(shown, line, message) for line, message in problems)
        found = []
        for block in blocks:
            question, problems = parse_question(block.body, block.line + 1)
            issues.extend(FileIssue(shown, p.line, p.message) for p in problems)
            if question.id:
                id_places.setdefault(question.id, []).append((shown, question.keys_line.get("id", block.line + 1)))
            quiz_places.setdefault(question.quiz, {}).setdefault(shown, question.keys_line.get("quiz", block.line))
            if question.see:
                problem = _check_see(question.see, path, docs_dir, sources)
                if problem:
                    issues.append(FileIssue(shown, question.keys_line["see"], problem))
            for line, target in question.links:
                problem = _check_link(target, path, docs_dir, sources)
                if problem:
                    issues.append(FileIssue(shown, line, problem))
            for line, target in question.images:
                problem = _check_image(target, path, docs_dir)
                if problem:
                    issues.append(FileIssue(shown, line, problem))
            found.append(question)
        for line, message in element_ids.page_issues(headings(text), found):
            issues.append(FileIssue(shown, line, message))
        for line, message in front_matter_issues(text, {question.quiz for question in found}):
            issues.append(FileIssue(shown, line, message))
        if found:
            questions[shown] = found
    issues.extend(clash_issues(id_places, quiz_places, docs_dir))
    issues.sort(key=lambda issue: (issue.path, issue.line))
    return questions, issues


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


# The page settings a quiz page reads from its front matter (quiz/page.py); any other quiz_* key is a typo.
FRONT_MATTER_KEYS = ("quiz_shuffle_questions", "quiz_result_note", "quiz_score_bands")
BAND_KEYS = ("from", "text")


class _FrontMatter:
    """The page's YAML front matter as nodes, so that each mistake is reported on its own line of the file."""

    def __init__(self, yaml_text):
        self.loader = yaml.SafeLoader(yaml_text)

    def close(self):
        self.loader.dispose()

    def root(self):
        return self.loader.get_single_node()

    def value(self, node):
        return self.loader.construct_object(node, deep=True)

    @staticmethod
    def line(node):
        # The YAML starts on the file's second line, after the opening "---".
        return node.start_mark.line + 2


def _quizzes_named(quiz_ids):
    if not quiz_ids:
        return "this page has no quiz"
    return "quizzes on this page: %s" % ", ".join(sorted(quiz_ids))


def _did_you_mean(quiz_id, quiz_ids):
    close = difflib.get_close_matches(str(quiz_id), sorted(quiz_ids), n=1)
    return "; did you mean %r?" % close[0] if close else ""


def front_matter_issues(text, quiz_ids):
    """(line, message) for every mistake in the quiz settings of a page's front matter; quiz_ids are the
    ids of the quizzes the page shows. MkDocs reads the same front matter into page.meta (quiz/page.py)."""
    match = YAML_RE.match(text)
    if not match or "quiz_" not in match.group(1):
        return []
    front = _FrontMatter(match.group(1))
    try:
        try:
            root = front.root()
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            problem = getattr(error, "problem", None) or str(error)
            return [
                (
                    mark.line + 2 if mark else 1,
                    "the front matter is not valid YAML (%s), so its quiz settings are ignored" % problem,
                )
            ]
        if not isinstance(root, yaml.MappingNode):
            return []
        issues = []
        for key_node, value_node in root.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else ""
            if key == "quiz_shuffle_questions":
                issues += _shuffle_issues(front, value_node, quiz_ids)
            elif key == "quiz_result_note":
                issues += _note_issues(front, value_node)
            elif key == "quiz_score_bands":
                issues += _bands_issues(front, value_node, quiz_ids)
            elif key.startswith("quiz_"):
                issues.append(
                    (
                        front.line(key_node),
                        "unknown quiz setting %r (known settings: %s)" % (key, ", ".join(FRONT_MATTER_KEYS)),
                    )
                )
        return issues
    finally:
        front.close()


def _shuffle_issues(front, node, quiz_ids):
    if isinstance(node, yaml.ScalarNode):
        value = front.value(node)
        if value is None or isinstance(value, bool):
            return []
        named = [(node, quiz_id) for quiz_id in str(value).split()]
    elif isinstance(node, yaml.SequenceNode) and all(isinstance(item, yaml.ScalarNode) for item in node.value):
        named = [(item, item.value) for item in node.value]
    else:
        return [(front.line(node), "quiz_shuffle_questions must be `true` or a list of quiz ids")]
    return [
        (
            front.line(item),
            "quiz_shuffle_questions: no quiz with id %r on this page%s (%s)"
            % (quiz_id, _did_you_mean(quiz_id, quiz_ids), _quizzes_named(quiz_ids)),
        )
        for item, quiz_id in named
        if quiz_id not in quiz_ids
    ]


def _plain_text_issue(text, what):
    if HTML_RE.search(text):
        return "raw HTML is not allowed in %s: it is shown as plain text" % what
    return None


def _text_issue(front, node, empty, not_text, what):
    """The message for a front-matter value that must be plain, non-empty text, or None. `not_text` has a %s
    for what was written instead; `what` names the value in the raw-HTML message."""
    value = front.value(node) if isinstance(node, yaml.ScalarNode) else None
    if isinstance(node, yaml.ScalarNode) and (value is None or (isinstance(value, str) and not value.strip())):
        return empty
    if not isinstance(value, str):
        return not_text % _source(node)
    return _plain_text_issue(value, what)


def _note_issues(front, node):
    problem = _text_issue(
        front,
        node,
        "quiz_result_note is empty; remove the key or write the note",
        "quiz_result_note must be text, not %s",
        "quiz_result_note",
    )
    return [(front.line(node), problem)] if problem else []


BAND_SHAPE = "`- from: <percent>` and `text: <what the reader sees>`"


def _bands_issues(front, node, quiz_ids):
    if not isinstance(node, yaml.MappingNode):
        return [(front.line(node), "quiz_score_bands must list, under each quiz id, its bands: %s" % BAND_SHAPE)]
    issues = []
    for id_node, bands_node in node.value:
        quiz_id = id_node.value if isinstance(id_node, yaml.ScalarNode) else None
        if quiz_id not in quiz_ids:
            issues.append(
                (
                    front.line(id_node),
                    "quiz_score_bands: no quiz with id %r on this page%s (%s)"
                    % (quiz_id, _did_you_mean(quiz_id, quiz_ids), _quizzes_named(quiz_ids)),
                )
            )
        if not isinstance(bands_node, yaml.SequenceNode) or not bands_node.value:
            issues.append(
                (front.line(bands_node), "quiz_score_bands: %r needs a list of bands, each %s" % (quiz_id, BAND_SHAPE))
            )
            continue
        issues += _band_list_issues(front, id_node, quiz_id, bands_node)
    return issues


def _band_list_issues(front, id_node, quiz_id, bands_node):
    issues = []
    bounds = []
    every_bound_valid = True
    for band in bands_node.value:
        if not isinstance(band, yaml.MappingNode):
            issues.append((front.line(band), "quiz_score_bands: each band is %s" % BAND_SHAPE))
            every_bound_valid = False
            continue
        fields = {}
        for key_node, value_node in band.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key in BAND_KEYS:
                fields[key] = value_node
            else:
                issues.append(
                    (
                        front.line(key_node),
                        "quiz_score_bands: unknown key %r in a band (known keys: %s)" % (key, ", ".join(BAND_KEYS)),
                    )
                )
        bound = _bound(front, fields.get("from"))
        if "from" not in fields:
            issues.append((front.line(band), "quiz_score_bands: a band needs `from:`, the lowest percent it covers"))
        elif bound is None:
            issues.append(
                (
                    front.line(fields["from"]),
                    "quiz_score_bands: from %s must be a number from 0 to 100" % _source(fields["from"]),
                )
            )
        if bound is None:
            every_bound_valid = False
        else:
            if bounds and bound >= bounds[-1]:
                issues.append(
                    (
                        front.line(fields["from"]),
                        "quiz_score_bands: from %s must be lower than the band before it (from %s); list the bands "
                        "from the highest score down" % (_number(bound), _number(bounds[-1])),
                    )
                )
            bounds.append(bound)
        issues += _band_text_issues(front, band, fields.get("text"))
    if every_bound_valid and 0 not in bounds:
        issues.append(
            (
                front.line(id_node),
                "quiz_score_bands: %r has no band from 0, so a low score would get no text; "
                "end with `- from: 0`" % (quiz_id,),
            )
        )
    return issues


def _bound(front, node):
    if not isinstance(node, yaml.ScalarNode):
        return None
    value = front.value(node)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        return None
    return value


def _source(node):
    """A value as the author wrote it: `yes`, not Python's True."""
    if isinstance(node, yaml.ScalarNode):
        return node.value
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"


def _number(value):
    return "%g" % value


def _band_text_issues(front, band, node):
    if node is None:
        return [(front.line(band), "quiz_score_bands: a band needs `text:`, what the reader sees for that score")]
    problem = _text_issue(
        front,
        node,
        "text is empty; write what the reader sees for that score",
        "text must be text, not %s; put it in quotes",
        "a band's text",
    )
    return [(front.line(node), "quiz_score_bands: " + problem)] if problem else []


def _find_page(target, page_path, sources):
    """(normalised path or None, anchor) of a `page.md#anchor` link written in page_path."""
    page, _, anchor = target.partition("#")
    path = os.path.normpath(os.path.join(os.path.dirname(page_path), page)) if page else page_path
    return (path if path.endswith(".md") and path in sources else None), anchor


def _check_see(see, page_path, docs_dir, sources):
    page = see.partition("#")[0]
    target, anchor = _find_page(see, page_path, sources)
    if target is None:
        return "see: page %r does not exist under %s" % (page, display_path(docs_dir))
    if not anchor:
        return "see: %r names no section; add `#anchor` of the heading that answers the question" % see
    if anchor not in heading_ids(sources[target]):
        return "see: %r has no section with anchor #%s" % (page or os.path.basename(page_path), anchor)
    return None


def _check_image(image, page_path, docs_dir):
    address = urllib.parse.unquote(image.partition("#")[0].partition("?")[0])
    base = docs_dir if address.startswith("/") else os.path.dirname(page_path)
    if os.path.isfile(os.path.join(base, address.lstrip("/"))):
        return None
    return "image %r: no such file under %s" % (image, display_path(docs_dir))


def _check_link(link, page_path, docs_dir, sources):
    page = urllib.parse.unquote(link.partition("#")[0].partition("?")[0])
    if page and not page.endswith(".md"):
        # A file of the site (a PDF, a picture): links to pages are written page.md#section.
        if os.path.isfile(os.path.join(os.path.dirname(page_path), page)):
            return None
        return "link to %r: no such file under %s; link a page as page.md#section" % (page, display_path(docs_dir))
    target, anchor = _find_page(link, page_path, sources)
    if target is None:
        return "link to %r: no such page under %s" % (link.partition("#")[0], display_path(docs_dir))
    if anchor and anchor not in heading_ids(sources[target]):
        return "link to %r: the page has no section with anchor #%s" % (link, anchor)
    return None


def format_issues(issues):
    return "\n".join("%s:%d: %s" % issue for issue in issues)
