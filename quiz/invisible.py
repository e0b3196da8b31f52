"""Invisible and bidirectional-control characters in quiz text and on fence lines, named by code point.

They cannot be seen in an editor or a diff, yet they change what is published: a zero width space before
```quiz stops Markdown from reading the fence, so the quiz is published as text with `[x]` on the right
answer; two options that differ only by a zero width joiner are two options; a right-to-left override shows
the text after it reversed.

The rule (quiz/README.md): every character of Unicode's "format" category (Cf: zero width space, joiners,
word joiner, soft hyphen, a byte order mark inside the file, the bidi marks, embeddings, overrides and
isolates, tag characters) is refused in a quiz block's lines and on any line that is a fence once they are
removed. Two uses are part of an emoji, not hidden text, and stay allowed: a zero width joiner between two
emoji (👩‍💻) and the tag characters of a flag (🏴 followed by tags). Page prose outside quizzes is not checked.
"""

import re
import unicodedata

# A fence once its invisible characters are removed: after container marks, three backticks or tildes.
FENCE_RE = re.compile(r"^(?P<prefix>[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+)?)(?P<fence>`{3,}|~{3,})")
ZERO_WIDTH_JOINER = "\u200d"
VARIATION_SELECTOR_16 = "\ufe0f"
SKIN_TONES = range(0x1F3FB, 0x1F400)
TAGS = range(0xE0020, 0xE0080)
# Characters that reorder the text shown after them.
BIDI = (
    set("\u061c\u200e\u200f")
    | {chr(code) for code in range(0x202A, 0x202F)}
    | {chr(code) for code in range(0x2066, 0x206A)}
)
# A lone box character is named by the quiz parser (`[ ]` holding a zero width space).
BOX_RE = re.compile(r"\[(.)\]")


def is_invisible(char):
    return unicodedata.category(char) == "Cf"


def _emoji(char):
    return char and (unicodedata.category(char) == "So" or char == VARIATION_SELECTOR_16 or ord(char) in SKIN_TONES)


def _part_of_emoji(text, index):
    char = text[index]
    before = text[index - 1] if index else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    if char == ZERO_WIDTH_JOINER:
        return bool(_emoji(before)) and unicodedata.category(after or " ") == "So"
    if ord(char) in TAGS or ord(char) == 0xE007F:
        return bool(_emoji(before)) or (before and ord(before) in TAGS)
    return False


def found_in(text):
    """(index, char) of each invisible character of text that is not part of an emoji."""
    boxes = {match.start(1) for match in BOX_RE.finditer(text)}
    return [
        (index, char)
        for index, char in enumerate(text)
        if is_invisible(char) and not _part_of_emoji(text, index) and index not in boxes
    ]


def describe(char, where):
    """The message for one invisible character: its code point and name, where it is, and the fix."""
    name = unicodedata.name(char, "FORMAT CHARACTER")
    if char == "\ufeff":
        name += " (a byte order mark)"
    if where.endswith("fence") or where.endswith("fence line"):
        effect = "it cannot be seen, and Markdown does not read the fence as written"
    elif char in BIDI:
        effect = "it changes the order in which the text around it is shown"
    else:
        effect = "it cannot be seen, yet the text is not what it looks like"
    return "U+%04X %s %s: delete it (%s)" % (ord(char), name, where, effect)


def line_issues(lines, first_line, quiz_lines):
    """[(line, message)] for a page's Markdown lines (lines[0] is file line first_line); quiz_lines are the
    indexes of lines of quiz blocks, fences included."""
    issues = []
    for index, text in enumerate(lines):
        found = found_in(text)
        if not found:
            continue
        plain = "".join(char for char in text if not is_invisible(char))
        fence = FENCE_RE.match(plain)
        seen = set()
        for position, char in found:
            if fence:
                before = "".join(c for c in text[:position] if not is_invisible(c))
                where = "before the fence" if len(before) <= len(fence.group("prefix")) else "on the fence line"
            elif index in quiz_lines:
                where = "in quiz text"
            else:
                continue
            if (char, where) not in seen:
                seen.add((char, where))
                issues.append((first_line + index, describe(char, where)))
    return issues


def block_lines(blocks, first_line):
    """Indexes, in the page's Markdown lines, of every line of the given quiz blocks, fences included."""
    covered = set()
    for block in blocks:
        start = block.line - first_line
        covered.update(range(start, start + len(block.body) + 2))
    return covered


def text_issue(text, what):
    """The message for the first invisible character of a value (a front-matter note), or None."""
    found = found_in(text)
    return describe(found[0][1], "in " + what) if found else None
