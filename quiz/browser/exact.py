"""Exact fractions of a point, as [numerator, denominator] lists of whole numbers.

Runs unchanged in CPython and MicroPython, which has no `fractions` module. A question's share of its points
(1 of 3 options, 2 of 7 steps) is kept exact and totals are summed exactly, so three thirds make one point
and not 0.99; rounding to hundredths happens once, for display. Lists rather than a class: they go through
JSON (the test vectors) unchanged and compare with ==.
"""


def _gcd(a, b):
    while b:
        a, b = b, a % b
    return a


def make(numerator, denominator=1):
    """The fraction in lowest terms, its denominator positive."""
    if denominator == 0:
        raise ValueError("a fraction with denominator 0")
    if denominator < 0:
        numerator, denominator = -numerator, -denominator
    common = _gcd(abs(numerator), denominator) or 1
    return [numerator // common, denominator // common]


def add(a, b):
    return make(a[0] * b[1] + b[0] * a[1], a[1] * b[1])


def total(values):
    """The exact sum of a list of fractions."""
    found = [0, 1]
    for value in values:
        found = add(found, value)
    return found


def hundredths(value):
    """The fraction in whole hundredths, rounded half up: [2, 3] -> 67, [1, 3] -> 33, [1, 8] -> 13."""
    return (value[0] * 200 + value[1]) // (2 * value[1])
