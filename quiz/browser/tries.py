"""Several tries with a hint per try, as Moodle's interactive behaviour: the penalty for each try after the first,
and the counts kept with the saved answers. Runs unchanged in CPython (tests) and MicroPython (the browser).

A try is one check of an answered question (its own **Check this question**, or **Check my answers** for a
question not checked yet). With `penalty: p` (an exact fraction, parse.py), a question right at try n earns
its points times max(0, 1 - p * (n - 1)), kept exact (exact.py): with p = 1/3, the second try earns two thirds.
"""

try:
    from . import exact
except ImportError:  # the browser loads these files side by side, without a package
    import exact

# The most tries or hints a saved count may hold; a larger one is not ours.
MAX_COUNT = 999


def _penalty(key):
    value = key.get("penalty")
    if not isinstance(value, list) or len(value) != 2:
        return None
    numerator, denominator = value
    for part in value:
        if isinstance(part, bool) or not isinstance(part, int):
            return None
    if numerator <= 0 or denominator <= 0 or numerator > denominator:
        return None
    return value


def factor(key, tries):
    """The share of its points a question right at this try earns, as an exact fraction."""
    penalty = _penalty(key)
    if penalty is None or tries <= 1:
        return [1, 1]
    left = penalty[1] - penalty[0] * (tries - 1)
    return exact.make(max(0, left), penalty[1])


def penalised(result, key, tries):
    """A scoring result (score_question's) with the penalty for its tries applied, and "tries" added when more
    than one. The verdict stays what the answer is; the points are what it earns after the penalty."""
    found = dict(result)
    if tries > 1:
        found["tries"] = tries
    share = factor(key, tries)
    if share == [1, 1]:
        return found
    earned = result["exact"]
    found["exact"] = exact.make(earned[0] * share[0], earned[1] * share[1])
    found["earned"] = exact.hundredths(found["exact"])
    return found


def totals(results):
    """{"earned", "possible", "exact"} of a quiz from its (penalised) results: the exact sum, rounded once."""
    earned = exact.total([result["exact"] for result in results])
    possible = 0
    for result in results:
        possible += result["possible"]
    return {"earned": exact.hundredths(earned), "possible": possible, "exact": earned, "results": results}


def valid_counts(keys, counts, field):
    """The counts (question id -> whole number) that fit today's questions: tries up to MAX_COUNT, hints up to
    the question's number of hints; (kept, dropped any?)."""
    kept = {}
    if not isinstance(counts, dict):
        return kept, counts is not None
    by_id = {}
    for key in keys:
        by_id[key["id"]] = key
    dropped = False
    for question_id in counts:
        value = counts[question_id]
        key = by_id.get(question_id)
        most = MAX_COUNT if field == "tries" else (key or {}).get("hints", 0)
        if key is None or isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= most:
            dropped = True
        elif value:
            kept[question_id] = value
    return kept, dropped
