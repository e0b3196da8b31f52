"""A quiz that a bare ``` line ends early: a code block without a language in the explanation.

Inside ```quiz, a ``` line that opens a code sample (```python) is caught by quiz.blocks, since no closing
fence has text after it. A bare ``` cannot be told from the quiz's own closing fence: Markdown ends the quiz
there, publishes the code as page text, and opens a new code block at what was meant to close the sample.
What gives it away is the text right after the quiz, with no blank line, followed by another bare fence:
the code sample, then its closing line. A quiz that really ends there needs only a blank line after it.
"""

import re

CONTAINER_RE = re.compile(r"^[ \t>]*")

MESSAGE = (
    "this bare %(fence)s line ends the quiz, and text follows it directly, then another bare %(fence)s: if it "
    "opens a code block in the explanation, the code and the rest of the quiz are published as page text; fence "
    "the quiz with more marks than any fence inside it: %(longer)squiz … %(longer)s (if the quiz does end here, "
    "leave a blank line after it)"
)


def _plain(line):
    return line[CONTAINER_RE.match(line).end() :]


def early_close(lines, closing, fence):
    """The message when lines[closing], the quiz's closing fence, looks like the opening of a code sample
    (see above), or None."""
    after = closing + 1
    if after >= len(lines) or not _plain(lines[after]).strip():
        return None
    mark = re.compile(r"^%s%s*[ \t]*(?P<info>.*)$" % (re.escape(fence), re.escape(fence[0])))
    for line in lines[after:]:
        found = mark.match(_plain(line))
        if found:
            if found.group("info").strip():
                return None
            return MESSAGE % {"fence": fence, "longer": fence[0] * (len(fence) + 1)}
    return None
