"""Find the ```quiz blocks of a page exactly as the renderer finds them, each with its line in the file.

The page goes through Python-Markdown with the site's own extensions, in which every fence (the `quiz`
fence and all others) is replaced by one that only records its body. A block counts as a quiz when its
record reaches the output: pymdownx.superfences also formats fences it later gives back to an indented code
block, and those show as code. So a quiz in an admonition, a details block, a list item, a block quote, a
content tab, an attribute-list fence (```{.quiz}) or a tilde fence is found where, and only where, the build
renders one. Each body is then found again in the file's lines (under its indentation or `>` marks) for its
line number.

Lines that look like a quiz fence but render as anything else (```Quiz, ```quizz, an unclosed or wrongly
indented ```quiz) are mistakes with the fix named: otherwise they would be published as code or text.
"""

import copy
import difflib
import os
import re
from collections import namedtuple

import markdown
from pymdownx.superfences import highlight_validator

from . import python_names
from .bare_fence import early_close

FENCE_NAME = "quiz"
SUPERFENCES = "pymdownx.superfences"
# What MkDocs always loads, whatever mkdocs.yml lists; the quiz plugin adds superfences.
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")

# A quiz block: `line` is the opening fence's line (1-based), `body` its lines, from line + 1; `path` the file
# it is written in when that is not the page (a file pymdownx.snippets includes), else None.
Block = namedtuple("Block", "line body fence path", defaults=(None,))
SNIPPETS = "pymdownx.snippets"
# pymdownx.snippets' include lines: `--8<-- "file.md"` on one line, or a block of file names between two
# `--8<--` lines. A name may end with `:start:end` lines or `:section`.
SNIPPET_LINE_RE = re.compile(r"""^[ \t]*-{1,}8<-{1,}[ \t]+(["']?)(?P<name>[^"'\s]+)\1[ \t]*$""")
SNIPPET_FENCE_RE = re.compile(r"^[ \t]*-{1,}8<-{1,}[ \t]*$")
# An opening fence anywhere a container may put one: after `>` marks, indentation or a list marker.
OPENING_RE = re.compile(
    r"^(?P<prefix>(?:[ \t>]|[-*+][ \t]|\d{1,9}[.)][ \t])*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<info>[^\n]*)$"
)
INFO_NAME_RE = re.compile(r"^\{?[ \t]*\.?(?P<name>[^\s{}.=`]+)")
RECORD = "quizblockrecord%dx"
RECORD_RE = re.compile(r"quizblockrecord(\d+)x")


def default_extensions():
    """What a site with no markdown_extensions gets under MkDocs with the quiz plugin."""
    return list(MKDOCS_BUILTINS) + [SUPERFENCES], {}


def extensions_of(config):
    """(names, configs) of the Markdown extensions an mkdocs.yml read by quiz.mkdocs_yml declares."""
    names = list(MKDOCS_BUILTINS)
    configs = {}
    for entry in config.get("markdown_extensions") or []:
        if isinstance(entry, dict):
            for name, options in entry.items():
                names.append(name)
                configs[name] = python_names.resolved(options) if isinstance(options, dict) else {}
        elif isinstance(entry, str):
            names.append(entry)
    if SUPERFENCES not in names:
        names.append(SUPERFENCES)
    return names, configs


class _Recorder:
    def __init__(self):
        self.records = []

    def format(self, kind):
        def record(src, language, class_name, options, md, **kwargs):
            self.records.append((kind, language, src))
            return RECORD % (len(self.records) - 1)

        return record


class BlockFinder:
    """One Markdown converter with recording fences, reused for every page of a check."""

    def __init__(self, extensions=None):
        names, configs = extensions or default_extensions()
        self.recorder = _Recorder()
        configs = copy.deepcopy({name: dict(options) for name, options in configs.items()})
        fences = [
            {"name": "*", "class": "code", "format": self.recorder.format("code"), "validator": highlight_validator}
        ]
        for fence in (configs.get(SUPERFENCES) or {}).get("custom_fences") or []:
            name = fence.get("name") if isinstance(fence, dict) else None
            if name and name not in ("*", FENCE_NAME):
                fences.append({"name": name, "class": "code", "format": self.recorder.format("code")})
        fences.append({"name": FENCE_NAME, "class": FENCE_NAME, "format": self.recorder.format(FENCE_NAME)})
        configs.setdefault(SUPERFENCES, {})["custom_fences"] = fences
        self.md = self._markdown(list(dict.fromkeys(names)), configs)
        self.html = ""
        bases = (configs.get(SNIPPETS) or {}).get("base_path", ["."])
        self.snippet_bases = ([bases] if isinstance(bases, str) else list(bases)) if SNIPPETS in names else []

    @staticmethod
    def _markdown(names, configs):
        try:
            return markdown.Markdown(extensions=names, extension_configs=configs)
        except Exception:  # a setting written for MkDocs (a `!!python/name:` value) that
            # cannot be loaded outside it; the extension without its settings still places fences alike.
            pass
        loaded = []
        for name in names:
            for options in (configs.get(name) or {}, {}):
                try:
                    markdown.Markdown(extensions=[name], extension_configs={name: options})
                except Exception:
                    continue
                loaded.append((name, options))
                break
        return markdown.Markdown(
            extensions=[name for name, _ in loaded], extension_configs={name: options for name, options in loaded}
        )

    def find(self, markdown_text, first_line=1):
        """(quiz blocks, [(line, message)]) for a page's Markdown (front matter removed); first_line is the
        file line of the text's first line."""
        recorder = self.recorder
        recorder.records = []
        self.md.reset()
        output = self.md.convert(markdown_text)
        # The page as rendered, for its anchors (quiz/anchors.py).
        self.html = output
        shown = {int(number) for number in RECORD_RE.findall(output)}
        lines = markdown_text.split("\n")
        used = set()
        blocks, problems, covered = [], [], set()
        included = self._included(lines)
        for number, (kind, language, src) in enumerate(recorder.records):
            start = _locate(lines, src.split("\n"), used)
            if start is None:
                if kind == FENCE_NAME and number in shown:
                    found = _in_snippets(included, src.split("\n"))
                    if found:
                        blocks.append(found)
                        continue
                    # Never silently unchecked: the build would render this block.
                    problems.append((first_line, UNPLACED % src.strip().split("\n")[0]))
                continue
            used.add(start)
            body = src.split("\n")
            end = start + len(body) + 1
            fence = OPENING_RE.match(lines[start]).group("fence")
            line = first_line + start
            if number not in shown:
                if kind == FENCE_NAME:
                    problems.append((line, INDENTED_AS_CODE))
                continue
            covered.update(range(start, end + 1))
            if kind == FENCE_NAME:
                inner = _inner_fence(body, fence)
                if inner is not None:
                    problems.append((line + 1 + inner, CLOSED_EARLY % {"fence": fence, "longer": fence[0] * 4}))
                    continue
                bare = early_close(lines, end, fence)
                if bare:
                    problems.append((line + len(body) + 1, bare))
                    continue
                blocks.append(Block(line, body, fence))
            else:
                problem = near_miss(language)
                if problem:
                    problems.append((line, problem))
        for index, text in enumerate(lines):
            if index in covered or index in used:
                continue
            match = OPENING_RE.match(text)
            name = _info_name(match.group("info")) if match else None
            if not name:
                continue
            if name == FENCE_NAME:
                problems.append((first_line + index, _not_rendered(lines, index, match)))
            else:
                problem = near_miss(name)
                if problem:
                    problems.append((first_line + index, problem))
        blocks.sort()
        return blocks, sorted(problems, key=lambda problem: problem[0])

    def _included(self, lines):
        """[(path, its lines, set of used starts)] of the files the page includes with pymdownx.snippets, as
        that extension finds them under its base_path."""
        if not self.snippet_bases:
            return []
        names, inside = [], False
        for text in lines:
            if SNIPPET_FENCE_RE.match(text):
                inside = not inside
                continue
            match = SNIPPET_LINE_RE.match(text)
            if match:
                names.append(match.group("name"))
            elif inside and text.strip() and not text.strip().startswith(";"):
                names.append(text.strip().strip("\"'"))
        found = []
        for name in dict.fromkeys(names):
            for candidate in (name, name.split(":")[0]):
                paths = [os.path.join(base, candidate) for base in self.snippet_bases]
                path = next((path for path in paths if os.path.isfile(path)), None)
                if path:
                    with open(path, encoding="utf-8-sig") as handle:
                        found.append((path, handle.read().replace("\r\n", "\n").split("\n"), set()))
                    break
        return found


def _in_snippets(included, body):
    """The Block of `body` in a file a snippet brought in, placed on that file's own lines, or None."""
    for path, lines, used in included:
        start = _locate(lines, body, used)
        if start is not None:
            used.add(start)
            return Block(start + 1, body, OPENING_RE.match(lines[start]).group("fence"), path)
    return None


INDENTED_AS_CODE = (
    "this ```quiz fence is shown as code, not as a quiz: it is indented like a code block; remove the "
    "indentation, or indent it 4 spaces under an admonition, details block, content tab or list item whose "
    "Markdown extension the site enables"
)
UNPLACED = (
    "a ```quiz block starting %r is rendered from this page, but its lines could not be told apart in the "
    "file, so it is not checked: write it as a plain fence at the start of a line"
)
CLOSED_EARLY = (
    "a %(fence)s code block inside the quiz ends the quiz early, at its closing %(fence)s, and the rest of the "
    "quiz is published as page text; fence the quiz with more marks than any fence inside it: "
    "%(longer)squiz … %(longer)s"
)


def near_miss(name):
    """The message for a fence name that looks like `quiz` but is not, or None."""
    if not name or name == FENCE_NAME:
        return None
    lower = name.lower()
    if lower == FENCE_NAME:
        reason = "fence names are case-sensitive"
    elif lower.startswith(FENCE_NAME) or difflib.SequenceMatcher(None, lower, FENCE_NAME).ratio() >= 0.75:
        reason = "only `quiz` makes a quiz"
    else:
        return None
    return "```%s is published as a code block, not a quiz (%s): write ```quiz" % (name, reason)


def _info_name(info):
    match = INFO_NAME_RE.match(info.strip())
    return match.group("name") if match else None


def _not_rendered(lines, index, match):
    fence = match.group("fence")
    closing = re.compile(r"^[ \t>]*%s%s*[ \t]*$" % (re.escape(fence), re.escape(fence[0])))
    if not any(closing.match(line) for line in lines[index + 1 :]):
        return "the ```quiz fence opened here is never closed"
    if re.search(r"[-*+]|\d[.)]", match.group("prefix")):
        return (
            "this ```quiz fence is shown as text, not as a quiz: a fence cannot start on a list item's marker "
            "line; put it on a line of its own, indented 4 spaces under the item"
        )
    return (
        "this ```quiz fence is shown as text or code, not as a quiz: check its indentation (4 spaces under an "
        "admonition, details block, content tab or list item) and that the container's Markdown extension "
        "is enabled"
    )


def _inner_fence(body, fence):
    """Index of a body line opening a fence that the quiz's own closing fence would match, or None: Markdown
    ended the quiz at that inner block's closing line."""
    inner = re.compile(r"^[ \t]*%s%s*[ \t]*\S" % (re.escape(fence), re.escape(fence[0])))
    for index, text in enumerate(body):
        if inner.match(text):
            return index
    return None


def _fits(source, wanted):
    """Does a file line hold `wanted` (a body line as the fence got it) under container marks alone?"""
    source = source.expandtabs(4)
    if not wanted.strip():
        return not source.strip(" >")
    return source.endswith(wanted) and not source[: len(source) - len(wanted)].strip(" >")


def _locate(lines, body, used):
    """Index of the opening fence line of `body` in the file's lines, first not yet used."""
    for start, text in enumerate(lines):
        if start in used or start + len(body) + 1 >= len(lines) + 1:
            continue
        match = OPENING_RE.match(text)
        if not match or match.group("info").strip().startswith(match.group("fence")[0]):
            continue
        if all(_fits(lines[start + 1 + k], wanted) for k, wanted in enumerate(body)):
            return start
    return None
