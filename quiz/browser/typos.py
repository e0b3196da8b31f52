"""Typo tolerance for typed answers (fill, and the typed gaps of a cloze), as H5P Blanks' "accept minor spelling
errors". Runs unchanged in CPython (build, tests) and MicroPython (the browser).

The distance is Damerau-Levenshtein in its optimal string alignment form: each letter left out, added or changed,
and each two neighbouring letters swapped ("dorsiflexoin"), is one edit; a swapped pair is not edited again.
It compares the answers after scoring.normalise_text, so case, dashes, spaces and end punctuation never count
as edits. The rules (quiz/README.md):
- a question's `typos: N` (or the page's `quiz_typos`) lets a typed answer be N edits (1 to 3) away from an
  accepted answer and still count as right;
- an accepted answer under MIN_LENGTH characters (after normalising), such as "calf" or "shin", gets no tolerance: they
  are one letter from other words;
- numbers (numeric questions) never get any: a number one digit off is another number.
"""

# Accepted answers shorter than this, in characters after normalising, must be typed exactly.
MIN_LENGTH = 5
# The most edits a question may allow.
MAX_TYPOS = 3


def distance(first, second, limit=MAX_TYPOS):
    """The optimal-string-alignment distance between two texts, or limit + 1 when it is more than limit (the
    work stops as soon as every path is longer)."""
    a = list(first)
    b = list(second)
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, before[j - 2] + 1)
            current[j] = value
            if value < best:
                best = value
        if best > limit:
            return limit + 1
        before, previous = previous, current
    found = previous[len(b)]
    return found if found <= limit else limit + 1


def allowed(key):
    """The edits a question's answer key allows: its "typos", 0 when absent or not a number from 0 to 3."""
    value = key.get("typos", 0)
    if isinstance(value, bool) or not isinstance(value, int) or value < 0 or value > MAX_TYPOS:
        return 0
    return value


def close_match(text, accepted, edits):
    """The accepted answer (normalised, as the answer key holds it) that `text` (normalised) misspells by at
    most `edits` edits, the nearest and then the first listed; None when there is none. Accepted answers under
    MIN_LENGTH characters are skipped, and so is an empty text."""
    if edits <= 0 or not text:
        return None
    found = None
    nearest = edits + 1
    for answer in accepted:
        if len(answer) < MIN_LENGTH:
            continue
        away = distance(text, answer, edits)
        if away < nearest:
            found, nearest = answer, away
    return found
