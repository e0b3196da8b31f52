"""Stable shuffles from a seed. Runs unchanged in CPython (build) and MicroPython (the browser).

MicroPython's `random` has no `shuffle` and its `seed` gives other numbers than CPython's, so a small
xorshift generator is written here: the same seed gives the same order in both interpreters, which keeps a
reader's shuffled quiz the same across reloads and lets the tests check it in both.
"""

MASK = 0xFFFFFFFF
# The most questions a pool (front matter quiz_pool) may draw, whatever the page: its own count bounds it first.
MAX_POOL = 1000


def seed_from_text(text):
    """A 32-bit seed from a string (FNV-1a), for orders fixed at build time."""
    value = 0x811C9DC5
    for char in text:
        value = ((value ^ ord(char)) * 0x01000193) & MASK
    return value or 1


def _next(state):
    state ^= (state << 13) & MASK
    state ^= state >> 17
    state ^= (state << 5) & MASK
    return state & MASK


def shuffled(items, seed):
    """A new list with the items in an order fixed by the seed (Fisher-Yates)."""
    result = list(items)
    state = (seed & MASK) or 1
    index = len(result) - 1
    while index > 0:
        state = _next(state)
        other = state % (index + 1)
        result[index], result[other] = result[other], result[index]
        index -= 1
    return result


def shuffled_away(items, seed):
    """Like shuffled, but never the original order when there are two or more distinct items, so a page
    that lists steps to put in order does not show the answer."""
    result = shuffled(items, seed)
    if len(result) > 1 and result == list(items):
        result = result[1:] + result[:1]
    return result


def drawn(items, count, seed):
    """The items a pool of `count` draws with this seed, in their given order: each attempt at a quiz with a
    pool (front matter quiz_pool) shows these. All of them when count is not below their number."""
    if count >= len(items) or count < 1:
        return list(items)
    chosen = shuffled(items, seed)[:count]
    return [item for item in items if item in chosen]
