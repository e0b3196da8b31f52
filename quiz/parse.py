"""Parse the body of one ```quiz fence into a Question, collecting every mistake with its line.

The format is documented in quiz/README.md. Line numbers are those of the source Markdown file: the caller
passes the line the fence body starts on, so front matter and earlier content are counted.
"""

import hashlib
import html
import re
import unicodedata
from collections import namedtuple

from . import markup
from .browser import exact, question_types, typos
from .browser.normal import nfc
from .browser.scoring import format_number, normalise_text, parse_number
from .source import mask_fences

KEYS = ("id", "type", "see", "points", "hint", "hints", "penalty", "shuffle", "quiz", "typos")
REQUIRED_KEYS = ("id", "type", "see")
DEFAULT_QUIZ = "self-check"

Issue = namedtuple("Issue", "line message")
Option = namedtuple("Option", "key text correct feedback line")
Step = namedtuple("Step", "key text line")
Pair = namedtuple("Pair", "key left right right_key line")
# A gap of a cloze passage: typed (accepted answers) or chosen from a drop-down (options).
Gap = namedtuple("Gap", "key accepted options line")


def answer_text(written):
    """An accepted answer as the reader sees it and types it: entities decoded, as the page shows them
    (`fish &amp; chips` is "fish & chips"), and in Unicode's composed form (NFC), as the browser compares it."""
    return nfc(html.unescape(written))


def stable_key(text):
    """A short key that follows the text, not its position: reordering options in a pull request never
    makes a saved answer point at a different option (an edited text simply no longer matches).

    Its own folding (ASCII case, runs of white space), frozen: the rules for comparing typed answers
    (scoring.normalise_text) may grow without moving any key, and with it every reader's saved answers."""
    folded = "".join(chr(ord(char) + 32) if "A" <= char <= "Z" else char for char in text)
    return hashlib.sha1(" ".join(folded.split()).encode("utf-8")).hexdigest()[:8]


class SourceQuestion:
    """A question as written in Markdown, parsed at build time (the browser's side is app.PageQuestion)."""

    def __init__(self):
        self.id = None
        self.type = None
        self.see = None
        self.points = 1
        self.hint = ""
        self.shuffle = False
        # Edits a typed answer may be away from an accepted one (typos.py): the question's `typos:`, or the
        # page's quiz_typos for its quiz; None when neither sets it.
        self.typos = None
        # `hints:`, one revealed after each wrong try; `penalty:`, the share of the points each try after the
        # first takes away, as an exact fraction [numerator, denominator] (tries.py), or None.
        self.hints = []
        self.penalty = None
        self.quiz = DEFAULT_QUIZ
        self.text = ""
        self.options = []
        self.accepted = []
        self.number = None
        self.steps = []
        self.pairs = []
        self.passage = ""
        self.gaps = []
        self.explanation = ""
        self.line = 0
        self.keys_line = {}
        # (line, address) of every link and image within the site in the text, checked against the docs.
        self.links = []
        self.images = []

    @property
    def row(self):
        return question_types.get(self.type)

    @property
    def correct_keys(self):
        return [option.key for option in self.options if option.correct]

    def answer_key(self):
        """What the browser needs to score this question: keys and values, never the question's text.
        The shape of each type's key is the `fields` column of quiz/browser/question_types.py."""
        key = {"id": self.id, "type": self.type, "points": self.points}
        key.update(ANSWER_KEYS[self.type](self))
        if self.hints:
            key["hints"] = len(self.hints)
        if self.penalty is not None:
            key["penalty"] = self.penalty
        return key


def _key_single(question):
    return {"options": [option.key for option in question.options], "correct": question.correct_keys}


_key_multiple = _key_truefalse = _key_single


def _with_typos(question, key):
    if question.typos is not None:
        key["typos"] = question.typos
    return key


def _key_fill(question):
    return _with_typos(question, {"accepted": [normalise_text(answer) for answer in question.accepted]})


def _key_numeric(question):
    value, tolerance, unit = question.number
    return {"value": value, "tolerance": tolerance, "unit": unit}


def _key_order(question):
    return {"steps": [step.key for step in question.steps]}


def _key_match(question):
    return {"pairs": [[pair.key, pair.right_key] for pair in question.pairs]}


def _key_cloze(question):
    gaps = []
    for gap in question.gaps:
        if gap.options:
            correct = [option.key for option in gap.options if option.correct]
            gaps.append({"key": gap.key, "options": [option.key for option in gap.options], "correct": correct[0]})
        else:
            gaps.append({"key": gap.key, "accepted": [normalise_text(answer) for answer in gap.accepted]})
    return _with_typos(question, {"gaps": gaps})


# Each type's answer key, by type name (the shapes are question_types' `fields` column).
ANSWER_KEYS = {
    "single": _key_single,
    "multiple": _key_multiple,
    "truefalse": _key_truefalse,
    "fill": _key_fill,
    "numeric": _key_numeric,
    "order": _key_order,
    "match": _key_match,
    "cloze": _key_cloze,
}


ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
KEY_RE = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*)$")
OPTION_RE = re.compile(r"^[-*+]\s+\[(.?)\]\s*(.*)$")
OPTION_LIKE_RE = re.compile(r"^[-*+]\s+\[")
PAIR_RE = re.compile(r"^[-*+]\s+(.*?)\s*->\s*(.*)$")
BULLET_RE = re.compile(r"^[-*+]\s+(.*)$")
STEP_RE = re.compile(r"^(\d+)[.)]\s+(.*)$")
ANSWER_RE = re.compile(r"^=(.*)$")
ANSWER_LIKE_RE = re.compile(r"^(?:[-*+]\s|[-*+]$|[-*+]\[|=|\d+[.)]\s|[ \t]+(?:[-*+]\s+\[|=|\d+[.)]\s))")
# Answer lines written slightly wrong, each with its own message: `-[x] text`, an indented `  - [ ] text`.
NO_SPACE_OPTION_RE = re.compile(r"^[-*+]\[")
INDENTED_ANSWER_RE = re.compile(r"^[ \t]+(?:[-*+]\s+\[|=|\d+[.)]\s)")
# `1,000`: a comma is read as a decimal mark, so this would be 1.
THOUSANDS_RE = re.compile(r"^[+\-\u2212]?[1-9]\d{0,2}(?:,\d{3})+$")
FULL_WIDTH_COLON = "\uff1a"
FEEDBACK_RE = re.compile(r"^\s+>\s?(.*)$")
NUMERIC_RE = re.compile(r"^(?P<value>\S+)(?:\s*(?:\+-|±|\+/-)\s*(?P<tolerance>\S+))?(?:\s+(?P<unit>.+?))?$")
UNIT_RE = re.compile(r"^[^\W\d][\w°%/.²³-]*$")
# Tags such as <img ...>, </script>, <!-- -->: question text is Markdown, never raw HTML.
HTML_RE = re.compile(r"<\s*/?\s*[A-Za-z!][^>]*>")
CODE_SPAN_RE = re.compile(r"(?<!`)(`+)(?!`).+?(?<!`)\1(?!`)", re.DOTALL)
GAP_RE = re.compile(r"\{\{(.*?)\}\}")
# A link whose address is still open at this point of the line: `[text](addr`.
LINK_TARGET_OPEN_RE = re.compile(r"\]\([^)]*$")
OPTION_BOX_RE = re.compile(r"^\[(.?)\]\s*(.*)$")
# Where the renderer puts each gap's control; text that contains it would confuse the renderer.
GAP_MARK = "quizgapmark"
# `- a hint` under `hints:` in the header.
HINT_ITEM_RE = re.compile(r"^\s*[-*+]\s(.*)$|^\s*[-*+]$")
PENALTY_RE = re.compile(r"^([0-9]{1,3})(?:\.([0-9]{1,4}))?\s*(%)?$")
# The types whose answers are typed words, which `typos:` may apply to.
TYPO_TYPES = ("fill", "cloze")
TRUE_WORDS = ("yes", "true", "on", "1")
FALSE_WORDS = ("no", "false", "off", "0")


def _penalty(value):
    """`0.33` or `33%` as an exact fraction [numerator, denominator] above 0 and at most 1, or None."""
    match = PENALTY_RE.match(value.strip())
    if not match:
        return None
    whole, decimals, percent = match.group(1), match.group(2) or "", match.group(3)
    numerator = int(whole + decimals)
    denominator = 10 ** len(decimals) * (100 if percent else 1)
    if numerator == 0 or numerator > denominator:
        return None
    return exact.make(numerator, denominator)


def _unquote(value):
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return value


def _without_code(text):
    """Text with its code spans and fenced code removed: `<img>` in backticks is shown as text, not HTML."""
    text = mask_fences(text)
    return CODE_SPAN_RE.sub("", text)


def _address_line(text, value, line):
    """The file line of `value` in a field that starts on `line`: the field's first line if not found."""
    position = text.find(value)
    return line + text[:position].count("\n") if position >= 0 else line


def _check_text(text, line, what, issues, links=None, images=None):
    """Raw HTML and every link and image in one field of quiz text, as the renderer will write them."""
    if HTML_RE.search(_without_code(text)):
        issues.append(Issue(line, "raw HTML is not allowed in %s; write Markdown instead" % what))
    for attribute, value in markup.addresses(text):
        found = markup.kind(value)
        address = markup.as_browser_reads(value)
        where = _address_line(text, html.unescape(value), line)
        if found == "script":
            issues.append(Issue(where, "javascript: and data: URLs are not allowed in %s" % what))
        elif attribute == "src" and found != "local":
            issues.append(
                Issue(
                    where,
                    "images in %s must be files of this site, not URLs: the page may not "
                    "load anything from another host" % what,
                )
            )
        elif found == "other-host":
            issues.append(
                Issue(
                    where,
                    "link %r in %s starts with %s, which a browser reads as another host: write the whole "
                    "https:// address, or a page of this site as page.md#section" % (address, what, address[:2]),
                )
            )
        elif found == "scheme":
            issues.append(
                Issue(
                    where,
                    "link %r in %s: quiz text may link to pages of this site and to https:// addresses only"
                    % (address, what),
                )
            )
        elif found == "local":
            target = links if attribute == "href" else images
            if target is not None:
                target.append((where, address))


def parse_question(lines, first_line):
    """Parse the lines of a fence body; `first_line` is the file line of lines[0].

    Returns (question, issues). The question is usable only when issues is empty.
    """
    question = SourceQuestion()
    question.line = first_line - 1
    issues = []
    parser = _Parser(lines, first_line, question, issues)
    parser.header()
    parser.text()
    parser.answers()
    parser.check_typos()
    parser.explanation()
    return question, issues


class _Parser:
    def __init__(self, lines, first_line, question, issues):
        self.lines, self.first_line, self.q, self.issues = lines, first_line, question, issues
        self.index = 0
        # An invalid box may have meant "correct": then too few correct options is not a second mistake.
        self.bad_box = False
        # (number as written, line) of each order step: the lines give the order, so the numbers must agree.
        self.step_numbers = []

    def line_no(self, index=None):
        return self.first_line + (self.index if index is None else index)

    def error(self, message, index=None):
        self.issues.append(Issue(self.line_no(index), message))

    def more(self):
        return self.index < len(self.lines)

    def skip_blank(self):
        while self.more() and not self.lines[self.index].strip():
            self.index += 1

    # Header: `key: value` lines up to the first blank line.
    def header(self):
        q = self.q
        while self.more() and self.lines[self.index].strip():
            raw = self.lines[self.index].strip()
            match = KEY_RE.match(raw)
            if not match and FULL_WIDTH_COLON in raw and KEY_RE.match(raw.replace(FULL_WIDTH_COLON, ":", 1)):
                self.error(
                    "%r is written with a full-width colon (\uff1a), which is not read as a key: type an ASCII "
                    "colon, `%s`" % (raw, ": ".join(part.strip() for part in raw.split(FULL_WIDTH_COLON, 1)))
                )
                # Read as meant, so that the one mistake is not also reported as a missing key.
                match = KEY_RE.match(raw.replace(FULL_WIDTH_COLON, ":", 1))
                if match.group(1) in KEYS and match.group(1) not in q.keys_line:
                    q.keys_line[match.group(1)] = self.line_no()
                    self.set_key(match.group(1), _unquote(match.group(2)))
            elif not match:
                self.error(
                    "expected `key: value` in the header, got %r; leave a blank line between the "
                    "header and the question" % raw
                )
            else:
                key, value = match.group(1), _unquote(match.group(2))
                if key not in KEYS:
                    self.error("unknown key %r (known keys: %s)" % (key, ", ".join(KEYS)))
                elif key in q.keys_line:
                    self.error("key %r is given twice (first on line %d)" % (key, q.keys_line[key]))
                    if key == "hints":
                        self.read_hints(record=False)
                else:
                    q.keys_line[key] = self.line_no()
                    if key == "hints":
                        self.read_hints(value)
                    else:
                        self.set_key(key, value)
            self.index += 1
        if "hint" in q.keys_line and "hints" in q.keys_line:
            self.issues.append(
                Issue(
                    q.keys_line["hints"],
                    "give either `hint:` (one hint) or `hints:` (a list, one revealed after each wrong try), not both",
                )
            )
        for key in REQUIRED_KEYS:
            if key not in q.keys_line:
                self.issues.append(Issue(self.first_line, "missing key %r" % key))
        self.skip_blank()

    def read_hints(self, value="", record=True):
        """`hints:` on its own line, then one `- hint` line each, still in the header (no blank line between)."""
        q = self.q
        line = self.line_no()
        if value:
            self.error(
                "hints: takes a list, one hint a line under it: `hints:` then `- first hint` and `- second hint`; "
                "for a single hint write `hint: %s`" % value
            )
        found = []
        while self.index + 1 < len(self.lines) and HINT_ITEM_RE.match(self.lines[self.index + 1]):
            self.index += 1
            text = (HINT_ITEM_RE.match(self.lines[self.index]).group(1) or "").strip()
            if not text:
                self.error("a hint is empty: write its text after `- `, or remove the line")
                continue
            _check_text(text, self.line_no(), "a hint", self.issues, q.links, q.images)
            found.append(text)
        if not found and not value:
            self.issues.append(Issue(line, "hints: lists no hint: put each on a line under it, `- first hint`"))
        if record:
            q.hints = found

    def set_key(self, key, value):
        q = self.q
        if key == "id":
            if not ID_RE.match(value):
                self.error("id %r must be lowercase letters, digits and single hyphens" % value)
            q.id = value
        elif key == "quiz":
            if not ID_RE.match(value):
                self.error("quiz %r must be lowercase letters, digits and single hyphens" % value)
            q.quiz = value
        elif key == "type":
            if question_types.get(value) is None:
                self.error("unknown type %r (known types: %s)" % (value, ", ".join(question_types.TYPE_NAMES)))
            else:
                q.type = value
        elif key == "see":
            if not value:
                self.error("see: is empty; give the page and section, e.g. `page.md#section`")
            elif re.match(r"(?i)^\s*[a-z][a-z0-9+.-]*:", value):
                self.error("see: %r must be a page of this site, not a URL" % value)
            else:
                q.see = value
        elif key == "points":
            if not re.match(r"^[1-9][0-9]?$", value):
                self.error("points %r must be a whole number from 1 to 99" % value)
            else:
                q.points = int(value)
        elif key == "hint":
            if not value:
                self.error("hint: is empty; remove the key or write the hint")
            _check_text(value, self.line_no(), "the hint", self.issues, q.links, q.images)
            q.hint = value
        elif key == "penalty":
            penalty = _penalty(value)
            if penalty is None:
                self.error(
                    "penalty %r must be the share of the points each try after the first takes away: a number "
                    "above 0 and at most 1 (`0.33`), or a percent (`33%%`)" % value
                )
            else:
                q.penalty = penalty
        elif key == "typos":
            if not re.match(r"^[0-9]$", value) or int(value) > typos.MAX_TYPOS:
                self.error(
                    "typos %r must be a whole number from 0 to %d: how many letters a typed answer may have left "
                    "out, added, changed or swapped" % (value, typos.MAX_TYPOS)
                )
            else:
                q.typos = int(value)
        elif key == "shuffle":
            if value.lower() not in TRUE_WORDS + FALSE_WORDS:
                self.error("shuffle %r must be yes or no" % value)
            q.shuffle = value.lower() in TRUE_WORDS

    # Question text: one paragraph, up to the first answer line.
    def text(self):
        q = self.q
        row = q.row
        text_line = self.line_no()
        end = self.index
        if row and row.lines == "gaps":
            # The passage with its gaps is the next paragraph; answer-like lines are part of prose here.
            while end < len(self.lines) and self.lines[end].strip():
                end += 1
            q.text = "\n".join(self.lines[self.index : end]).strip()
            self.index = end
            if not q.text:
                self.issues.append(Issue(text_line, "the question text is missing"))
            else:
                _check_text(q.text, text_line, "question text", self.issues, q.links, q.images)
            return

        while end < len(self.lines) and self.lines[end].strip() and not ANSWER_LIKE_RE.match(self.lines[end]):
            end += 1
        later = end
        while later < len(self.lines) and not ANSWER_LIKE_RE.match(self.lines[later]):
            later += 1
        after_blank = end
        while after_blank < len(self.lines) and not self.lines[after_blank].strip():
            after_blank += 1
        if later >= len(self.lines) and row:
            # No answers anywhere: the second paragraph is the explanation, the answers were forgotten.
            self.issues.append(
                Issue(
                    self.line_no(after_blank) if after_blank < len(self.lines) else self.line_no(end),
                    "no answers: a %s question takes %s after the question" % (q.type, row.syntax),
                )
            )
            later = end
        elif later > after_blank and after_blank < len(self.lines):
            self.issues.append(
                Issue(
                    text_line,
                    "the question text must be one paragraph; put details in the explanation after the answers",
                )
            )
        q.text = "\n".join(self.lines[self.index : later]).strip()
        self.index = later
        if not q.text:
            self.issues.append(Issue(text_line, "the question text is missing"))
        else:
            _check_text(q.text, text_line, "question text", self.issues, q.links, q.images)

    # Answers: options, steps, pairs or an `=` line, up to the first blank line followed by prose.
    def answers(self):
        q = self.q
        start = self.line_no()
        expected = q.row.lines if q.row else None
        if expected == "gaps":
            self.skip_blank()
            self.read_passage()
            self.check_answers(start)
            return
        seen = {}
        after_blank = False
        while self.more():
            raw = self.lines[self.index]
            if not raw.strip():
                nxt = self.index + 1
                while nxt < len(self.lines) and not self.lines[nxt].strip():
                    nxt += 1
                if nxt < len(self.lines) and ANSWER_LIKE_RE.match(self.lines[nxt]):
                    self.index = nxt
                    after_blank = True
                    continue
                break
            kind = self.kind(raw)
            if kind == "bullet" and after_blank and expected not in ("pair", None):
                self.error(
                    "a list after the answers is read as more answers, and these have no [ ] box: if it is the "
                    "explanation, begin the explanation with a sentence (a list may follow it); if these are "
                    "options, write `- [ ] text`"
                )
                # The list is then the explanation, so its absence is not a second mistake.
                break
            if kind == "no-space":
                self.error("an option needs a space between the dash and its box: write `- [x] text`, not `-[x] text`")
                raw = raw[0] + " " + raw[1:]
                kind = self.kind(raw)
            elif kind == "indented":
                self.error(
                    "answer lines start at the beginning of the line: remove the indentation (tab or spaces) before "
                    "%r; only an option's feedback is indented, as `    > text`" % raw.strip()
                )
                raw = raw.strip()
                kind = self.kind(raw)
            if kind == "stray":
                self.error(
                    "stray text between answers: %r; indent feedback as `    > text` under its "
                    "option, or leave a blank line before the explanation" % raw.strip()
                )
                self.index += 1
                continue
            if expected and kind != expected:
                self.error("a %s question takes %s, not %s" % (q.type, q.row.syntax, _describe(kind)))
                self.index += 1
                self.skip_feedback()
                continue
            self.READERS[kind](self, raw, seen)
        self.check_answers(start)

    def kind(self, raw):
        if NO_SPACE_OPTION_RE.match(raw):
            return "no-space"
        if INDENTED_ANSWER_RE.match(raw):
            return "indented"
        if OPTION_LIKE_RE.match(raw):
            return "option"
        if PAIR_RE.match(raw):
            return "pair"
        if BULLET_RE.match(raw) or raw.strip() in "-*+":
            return "bullet"
        if STEP_RE.match(raw):
            return "step"
        if ANSWER_RE.match(raw):
            return "answer"
        return "stray"

    def skip_feedback(self):
        while self.more() and FEEDBACK_RE.match(self.lines[self.index]):
            self.index += 1

    def unique(self, text, seen, what):
        folded = normalise_text(text)
        if folded in seen:
            self.error("duplicate %s %r (also on line %d)" % (what, text, seen[folded]))
            return False
        seen[folded] = self.line_no()
        return True

    def read_option(self, raw, seen):
        match = OPTION_RE.match(raw)
        line = self.line_no()
        if not match:
            self.error("malformed option: write `- [x] text` or `- [ ] text`")
            self.index += 1
            self.skip_feedback()
            return
        box, text = match.group(1), match.group(2).strip()
        if box not in ("x", " "):
            self.error(_box_problem("option box", box, "use [x] for a correct option and [ ] for a wrong one"))
            self.bad_box = True
        if not text:
            self.error("option text is empty")
        else:
            _check_text(text, line, "option text", self.issues, self.q.links, self.q.images)
            self.unique(text, seen, "option")
        self.index += 1
        feedback = []
        while self.more() and FEEDBACK_RE.match(self.lines[self.index]):
            feedback.append(FEEDBACK_RE.match(self.lines[self.index]).group(1).strip())
            self.index += 1
        feedback_text = " ".join(part for part in feedback if part)
        if feedback_text:
            _check_text(feedback_text, line + 1, "option feedback", self.issues, self.q.links, self.q.images)
        self.q.options.append(Option(stable_key(text), text, box == "x", feedback_text, line))

    def read_bullet(self, raw, seen):
        self.error(
            "malformed pair: write `- item -> its match`"
            if self.q.type == "match"
            else "malformed option: write `- [x] text` or `- [ ] text`"
        )
        self.index += 1
        self.skip_feedback()

    def read_step(self, raw, seen):
        number, text = STEP_RE.match(raw).groups()
        text = text.strip()
        self.step_numbers.append((int(number), self.line_no()))
        _check_text(text, self.line_no(), "a step", self.issues, self.q.links, self.q.images)
        if self.unique(text, seen, "step"):
            self.q.steps.append(Step(stable_key(text), text, self.line_no()))
        self.index += 1

    def read_pair(self, raw, seen):
        match = PAIR_RE.match(raw)
        left, right = match.group(1).strip(), match.group(2).strip()
        if not left or not right:
            self.error("both sides of a pair need text: `- item -> its match`")
        else:
            _check_text(left + " " + right, self.line_no(), "a pair", self.issues, self.q.links, self.q.images)
            if self.unique(left, seen, "item"):
                self.q.pairs.append(Pair(stable_key(left), left, right, stable_key(right), self.line_no()))
        self.index += 1

    def read_answer(self, raw, seen):
        q = self.q
        value = ANSWER_RE.match(raw).group(1).strip()
        if "answer" in seen:
            self.error(
                "only one `=` answer line is allowed (first on line %d); list alternatives on it, "
                "separated by |" % seen["answer"]
            )
        elif q.type == "fill":
            answers = [part.strip() for part in value.split("|")]
            if not value or any(not answer for answer in answers):
                self.error("empty accepted answer: write `= answer | other answer`, with text between each |")
            for answer in answers:
                if answer:
                    _check_text(answer, self.line_no(), "an accepted answer", self.issues, q.links, q.images)
                    self.check_comparable(answer, self.line_no())
            q.accepted = [answer_text(answer) for answer in answers if answer]
        else:
            self.read_number(value)
        seen["answer"] = self.line_no()
        self.index += 1

    def read_number(self, value):
        match = NUMERIC_RE.match(value)
        number = parse_number(match.group("value")) if match else None
        for part in (match.group("value"), match.group("tolerance")) if match else ():
            if part and THOUSANDS_RE.match(part):
                self.error(
                    "numeric answer %r: the comma in %r is read as a decimal mark, so it means %s; write the "
                    "number without a thousands separator (%s), or with a point for a fraction"
                    % (value, part, format_number(parse_number(part)), part.replace(",", ""))
                )
                return
        if number is None:
            self.error("numeric answer %r does not parse: write `= 10`, `= 10 +- 1` or `= 10 +- 1 cm`" % value)
            return
        tolerance = 0.0
        if match.group("tolerance") is not None:
            tolerance = parse_number(match.group("tolerance"))
            if tolerance is None or tolerance < 0:
                self.error(
                    "tolerance %r does not parse: write a number of 0 or more after +-" % match.group("tolerance")
                )
                return
        unit = (match.group("unit") or "").strip()
        if unit and not UNIT_RE.match(unit):
            self.error("unit %r is not a unit: write a word such as cm, degrees or kg" % unit)
            return
        self.q.number = (number, tolerance, unit)

    def check_typos(self):
        """`typos:` is for typed words: not for numbers or choices, and not where every answer is too short."""
        q = self.q
        line = q.keys_line.get("typos")
        if line is None or q.type is None or q.typos is None:
            return
        if q.type == "numeric":
            self.issues.append(
                Issue(line, "typos: a number gets no typo tolerance; give a tolerance on the answer line, `= 10 +- 1`")
            )
        elif q.type not in TYPO_TYPES:
            self.issues.append(
                Issue(
                    line,
                    "typos: applies to typed answers (fill and the typed gaps of a cloze), not to a %s question"
                    % q.type,
                )
            )
        elif q.typos:
            typed = q.accepted if q.type == "fill" else [answer for gap in q.gaps for answer in gap.accepted]
            if q.type == "cloze" and not typed and q.gaps:
                self.issues.append(Issue(line, "typos: this cloze has no typed gap, only drop-downs; remove the key"))
            elif typed and all(len(normalise_text(answer)) < typos.MIN_LENGTH for answer in typed):
                self.issues.append(
                    Issue(
                        line,
                        "typos: %d has no effect: every accepted answer is shorter than %d characters, and those must "
                        "be typed exactly; remove the key" % (q.typos, typos.MIN_LENGTH),
                    )
                )

    def check_answers(self, line):
        if self.q.row:
            self.CHECKS[self.q.type](self, line)

    def check_single(self, line):
        q = self.q
        if len(q.options) < 2:
            self.issues.append(Issue(line, "a question needs at least two options, found %d" % len(q.options)))
            return
        correct = len(q.correct_keys)
        if q.type == "truefalse" and len(q.options) != 2:
            self.issues.append(Issue(line, "a truefalse question needs exactly two options, found %d" % len(q.options)))
        if q.type != "multiple" and (correct > 1 or (correct == 0 and not self.bad_box)):
            self.issues.append(
                Issue(line, "a %s question needs exactly one correct option [x], found %d" % (q.type, correct))
            )
        if q.type == "multiple" and correct == 0 and not self.bad_box:
            self.issues.append(Issue(line, "a multiple question needs at least one correct option [x]"))

    check_multiple = check_truefalse = check_single

    def check_fill(self, line):
        if not self.q.accepted and not self.has_issue_since(line):
            self.issues.append(Issue(line, "a fill question needs an answer line: `= answer | other answer`"))

    def check_numeric(self, line):
        if self.q.number is None and not self.has_issue_since(line):
            self.issues.append(Issue(line, "a numeric question needs an answer line: `= 10 +- 1 cm`"))

    def check_order(self, line):
        written = [number for number, _ in self.step_numbers]
        if written != list(range(1, len(written) + 1)):
            first = next(at for index, (number, at) in enumerate(self.step_numbers) if number != index + 1)
            self.issues.append(
                Issue(
                    first,
                    "steps numbered %s: the order of the lines is the answer and the numbers are not read; write the "
                    "steps in their right order, numbered 1, 2, 3" % ", ".join(str(number) for number in written),
                )
            )
        if len(self.q.steps) < 2:
            self.issues.append(Issue(line, "an order question needs at least two steps, found %d" % len(self.q.steps)))

    def check_match(self, line):
        if len(self.q.pairs) < 2:
            self.issues.append(Issue(line, "a match question needs at least two pairs, found %d" % len(self.q.pairs)))

    def check_cloze(self, line):
        if not self.q.gaps and not self.has_issue_since(line):
            self.issues.append(
                Issue(line, "a cloze question needs a passage with at least one gap, such as `{{answer}}`")
            )

    # Each type's last checks, by type name, and the reader of each kind of answer line.
    CHECKS = {
        "single": check_single,
        "multiple": check_multiple,
        "truefalse": check_truefalse,
        "fill": check_fill,
        "numeric": check_numeric,
        "order": check_order,
        "match": check_match,
        "cloze": check_cloze,
    }
    READERS = {
        "option": read_option,
        "bullet": read_bullet,
        "step": read_step,
        "pair": read_pair,
        "answer": read_answer,
    }

    # Cloze: one paragraph after the question, with {{gaps}} in it.
    def read_passage(self):
        q = self.q
        first = self.index
        end = first
        while end < len(self.lines) and self.lines[end].strip():
            end += 1
        lines = self.lines[first:end]
        q.passage = "\n".join(lines).strip()
        self.index = end
        seen = {}
        for offset, raw in enumerate(lines):
            line = self.line_no(first + offset)
            rest = GAP_RE.sub("", raw)
            if "{{" in rest or "}}" in rest:
                self.issues.append(
                    Issue(line, "a gap is not closed on its line: write `{{answer}}`, with the braces on one line")
                )
            for match in GAP_RE.finditer(raw):
                before = raw[: match.start()]
                # The renderer puts a control where the gap is: inside a code span or a link's address it
                # would break the markup.
                if before.count("`") % 2 or LINK_TARGET_OPEN_RE.search(before):
                    self.issues.append(
                        Issue(line, "a gap cannot sit inside a code span or a link's address; move it into the text")
                    )
                    continue
                self.read_gap(match.group(1), line, seen)
        if q.passage:
            _check_text(GAP_RE.sub("", q.passage), self.line_no(first), "the passage", self.issues, q.links, q.images)
            if GAP_MARK in q.passage:
                self.issues.append(Issue(self.line_no(first), "the passage may not contain %r" % GAP_MARK))

    def read_gap(self, body, line, seen):
        parts = [part.strip() for part in body.split("|")]
        boxed = [OPTION_BOX_RE.match(part) for part in parts]
        if any(boxed):
            if not all(boxed):
                self.issues.append(
                    Issue(line, "in a drop-down gap every choice needs a box: `{{[x] right | [ ] wrong}}`")
                )
                return
            options, texts = [], {}
            for match in boxed:
                box, text = match.group(1), match.group(2).strip()
                if box not in ("x", " "):
                    self.issues.append(Issue(line, _box_problem("gap box", box, "use [x] or [ ]")))
                    return
                if not text:
                    self.issues.append(Issue(line, "a gap choice is empty"))
                    return
                if normalise_text(text) in texts:
                    self.issues.append(Issue(line, "duplicate gap choice %r" % text))
                    return
                texts[normalise_text(text)] = True
                _check_text(text, line, "a gap choice", self.issues, self.q.links, self.q.images)
                options.append(Option(stable_key(text), text, box == "x", "", line))
            correct = len([option for option in options if option.correct])
            if len(options) < 2 or correct != 1:
                self.issues.append(
                    Issue(
                        line,
                        "a drop-down gap needs two or more choices with exactly one [x], found %d choice(s) "
                        "and %d [x]" % (len(options), correct),
                    )
                )
                return
            self.q.gaps.append(Gap(self.gap_key(body, seen), [], options, line))
            return
        if not all(parts):
            self.issues.append(Issue(line, "empty gap answer: write `{{answer | other answer}}`, text between each |"))
            return
        for part in parts:
            _check_text(part, line, "a gap answer", self.issues, self.q.links, self.q.images)
            self.check_comparable(part, line)
        self.q.gaps.append(Gap(self.gap_key(body, seen), [answer_text(part) for part in parts], [], line))

    def check_comparable(self, answer, line):
        # Typed answers are compared without surrounding punctuation (scoring.normalise_text): an answer of
        # punctuation alone would match an empty box.
        if not normalise_text(answer):
            self.issues.append(
                Issue(line, "accepted answer %r has no letters or digits, so it would match an empty box" % answer)
            )

    @staticmethod
    def gap_key(body, seen):
        # From the gap as written, so a saved answer follows the gap when the passage is edited around it; a
        # prefix keeps a drop-down gap's key from being one of its choices' keys. Two identical gaps still get
        # distinct keys.
        count = seen.get(normalise_text(body), 0) + 1
        seen[normalise_text(body)] = count
        return stable_key("gap:%s" % body if count == 1 else "gap:%s/%d" % (body, count))

    def has_issue_since(self, line):
        return any(issue.line >= line for issue in self.issues)

    # Explanation: the rest.
    def explanation(self):
        q = self.q
        self.skip_blank()
        explanation_line = self.line_no()
        rest = self.lines[self.index :]
        for offset, raw in enumerate(rest):
            if ANSWER_LIKE_RE.match(raw) and (OPTION_LIKE_RE.match(raw) or ANSWER_RE.match(raw)):
                self.issues.append(
                    Issue(
                        explanation_line + offset,
                        "answer after the explanation: keep all answers together, before the explanation",
                    )
                )
        q.explanation = "\n".join(rest).strip()
        if not q.explanation:
            self.issues.append(Issue(explanation_line, "the explanation is missing: add a paragraph after the answers"))
        else:
            _check_text(q.explanation, explanation_line, "the explanation", self.issues, q.links, q.images)


def _box_problem(what, box, fix):
    """Why a box is not [x] or [ ]; a space that only looks like one is named, since it cannot be seen."""
    if box.isspace() or box in "\u200b\u2060\ufeff":
        return "%s [%s] holds a %s (U+%04X), not a plain space: retype the space between [ and ]" % (
            what,
            box,
            unicodedata.name(box, "an invisible character").lower(),
            ord(box),
        )
    return "%s [%s] is not valid: %s" % (what, box, fix)


def _describe(kind):
    return {
        "option": "options with [ ] boxes",
        "pair": "`->` pairs",
        "step": "numbered steps",
        "answer": "an `=` answer line",
        "bullet": "plain bullets",
    }[kind]
