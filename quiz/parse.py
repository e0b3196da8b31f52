"""Parse the body of one ```quiz fence into a Question, collecting every mistake with its line.

The format is documented in docs/contributing/quiz-format.md. Line numbers are those of the source Markdown
file: the caller passes the line the fence body starts on.
"""

import html
import re
from collections import namedtuple

TYPES = ("single", "multiple")
KEYS = ("id", "type", "see", "points")
REQUIRED_KEYS = ("id", "type", "see")

Issue = namedtuple("Issue", "line message")
Option = namedtuple("Option", "key text correct feedback line")


class Question:
    def __init__(self):
        self.id = None
        self.type = None
        self.see = None
        self.points = 1
        self.text = ""
        self.options = []
        self.explanation = ""
        self.line = 0
        self.keys_line = {}
        # (line, "page.md#anchor") for every link to another page in the text, checked against the docs.
        self.links = []

    @property
    def correct_keys(self):
        return [option.key for option in self.options if option.correct]

    def answer_key(self):
        """What the browser needs to score this question: no text, only option keys."""
        return {
            "id": self.id,
            "type": self.type,
            "points": self.points,
            "options": [option.key for option in self.options],
            "correct": self.correct_keys,
        }


ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
OPTION_RE = re.compile(r"^[-*+]\s+\[(.?)\]\s*(.*)$")
OPTION_LIKE_RE = re.compile(r"^[-*+]\s+\[")
FEEDBACK_RE = re.compile(r"^\s+>\s?(.*)$")
# Tags such as <img ...>, </script>, <!-- -->: question text is Markdown, never raw HTML.
HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
EXTERNAL_IMAGE_RE = re.compile(r"!\[[^\]]*\]\(\s*<?\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
SCRIPT_URL_RE = re.compile(r"\]\(\s*<?\s*(?:javascript|vbscript|data)\s*:", re.IGNORECASE)


def _unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


PAGE_LINK_RE = re.compile(r"\]\(\s*<?([^)\s:>]+\.md(?:#[^)\s>]*)?)>?\s*\)")


def _check_text(text, line, what, issues, links=None):
    if links is not None:
        links.extend((line, target) for target in PAGE_LINK_RE.findall(text))
    if HTML_RE.search(text):
        issues.append(Issue(line, "raw HTML is not allowed in %s; write Markdown instead" % what))
    plain = html.unescape(text)
    if SCRIPT_URL_RE.search(plain) or re.search(r"(?i)\bjavascript\s*:", plain):
        issues.append(Issue(line, "javascript: and data: URLs are not allowed in %s" % what))
    if EXTERNAL_IMAGE_RE.search(plain):
        issues.append(Issue(line, "images in %s must be files of this site, not URLs: the page may not "
                            "load anything from another host" % what))


def parse_question(lines, first_line):
    """Parse the lines of a fence body; `first_line` is the file line of lines[0].

    Returns (question, issues). The question is usable only when issues is empty.
    """
    question = Question()
    question.line = first_line - 1
    issues = []
    index = 0
    count = len(lines)

    def line_no(i):
        return first_line + i

    # Header: `key: value` lines up to the first blank line.
    while index < count and lines[index].strip():
        raw = lines[index]
        match = KEY_RE.match(raw.strip())
        if not match:
            issues.append(Issue(line_no(index), "expected `key: value` in the header, got %r; "
                                "leave a blank line between the header and the question" % raw.strip()))
            index += 1
            continue
        key, value = match.group(1), _unquote(match.group(2))
        if key not in KEYS:
            issues.append(Issue(line_no(index), "unknown key %r (known keys: %s)" % (key, ", ".join(KEYS))))
        elif key in question.keys_line:
            issues.append(Issue(line_no(index), "key %r is given twice (first on line %d)"
                                % (key, question.keys_line[key])))
        else:
            question.keys_line[key] = line_no(index)
            _set_key(question, key, value, line_no(index), issues)
        index += 1

    for key in REQUIRED_KEYS:
        if key not in question.keys_line:
            issues.append(Issue(first_line, "missing key %r" % key))

    while index < count and not lines[index].strip():
        index += 1

    # Question text: everything up to the first option.
    text_lines = []
    text_line = line_no(index)
    while index < count and not OPTION_LIKE_RE.match(lines[index]):
        text_lines.append(lines[index])
        index += 1
    question.text = "\n".join(text_lines).strip()
    if not question.text:
        issues.append(Issue(text_line, "the question text is missing"))
    else:
        if "\n\n" in question.text:
            issues.append(Issue(text_line, "the question text must be one paragraph; put details in the "
                                "explanation after the options"))
        _check_text(question.text, text_line, "question text", issues, question.links)

    # Options, each with optional `    > feedback` lines, up to the first blank line followed by prose.
    options_line = line_no(index)
    seen_text = {}
    while index < count:
        raw = lines[index]
        if not raw.strip():
            nxt = index + 1
            while nxt < count and not lines[nxt].strip():
                nxt += 1
            if nxt < count and OPTION_LIKE_RE.match(lines[nxt]):
                index = nxt
                continue
            break
        match = OPTION_RE.match(raw)
        if match:
            box, text = match.group(1), match.group(2).strip()
            if box not in ("x", " "):
                issues.append(Issue(line_no(index), "option box [%s] is not valid: use [x] for a correct "
                                    "option and [ ] for a wrong one" % box))
            if not text:
                issues.append(Issue(line_no(index), "option text is empty"))
            else:
                _check_text(text, line_no(index), "option text", issues, question.links)
                folded = " ".join(text.lower().split())
                if folded in seen_text:
                    issues.append(Issue(line_no(index), "duplicate option %r (also on line %d)"
                                        % (text, seen_text[folded])))
                else:
                    seen_text[folded] = line_no(index)
            option_line = line_no(index)
            index += 1
            feedback = []
            while index < count and FEEDBACK_RE.match(lines[index]):
                feedback.append(FEEDBACK_RE.match(lines[index]).group(1).strip())
                index += 1
            feedback_text = " ".join(part for part in feedback if part)
            if feedback_text:
                _check_text(feedback_text, option_line + 1, "option feedback", issues, question.links)
            question.options.append(Option(str(len(question.options) + 1), text, box == "x",
                                           feedback_text, option_line))
        elif OPTION_LIKE_RE.match(raw):
            issues.append(Issue(line_no(index), "malformed option: write `- [x] text` or `- [ ] text`"))
            index += 1
        else:
            issues.append(Issue(line_no(index), "stray text between options: %r; indent feedback as "
                                "`    > text` under its option, or leave a blank line before the explanation"
                                % raw.strip()))
            index += 1

    _check_options(question, options_line, issues)

    # Explanation: the rest.
    while index < count and not lines[index].strip():
        index += 1
    explanation_line = line_no(index)
    rest = lines[index:]
    for offset, raw in enumerate(rest):
        if OPTION_LIKE_RE.match(raw):
            issues.append(Issue(explanation_line + offset, "option after the explanation: keep all options "
                                "together, before the explanation"))
    question.explanation = "\n".join(rest).strip()
    if not question.explanation:
        issues.append(Issue(explanation_line if index < count else line_no(count),
                            "the explanation is missing: add a paragraph after the options"))
    else:
        _check_text(question.explanation, explanation_line, "the explanation", issues, question.links)

    return question, issues


def _set_key(question, key, value, line, issues):
    if key == "id":
        if not ID_RE.match(value):
            issues.append(Issue(line, "id %r must be lowercase letters, digits and single hyphens" % value))
        question.id = value
    elif key == "type":
        if value not in TYPES:
            issues.append(Issue(line, "unknown type %r (known types: %s)" % (value, ", ".join(TYPES))))
        question.type = value
    elif key == "see":
        if not value:
            issues.append(Issue(line, "see: is empty; give the page and section, e.g. `page.md#section`"))
        elif re.match(r"(?i)^\s*[a-z][a-z0-9+.-]*:", value):
            issues.append(Issue(line, "see: %r must be a page of this site, not a URL" % value))
        else:
            question.see = value
    elif key == "points":
        if not re.match(r"^[1-9][0-9]?$", value):
            issues.append(Issue(line, "points %r must be a whole number from 1 to 99" % value))
        else:
            question.points = int(value)


def _check_options(question, line, issues):
    if len(question.options) < 2:
        issues.append(Issue(line, "a question needs at least two options, found %d" % len(question.options)))
        return
    correct = len(question.correct_keys)
    if question.type == "single" and correct != 1:
        issues.append(Issue(line, "a single question needs exactly one correct option [x], found %d" % correct))
    if question.type == "multiple" and correct == 0:
        issues.append(Issue(line, "a multiple question needs at least one correct option [x]"))
