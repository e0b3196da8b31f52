"""The details of the DOM events the quiz sends for integrators (quiz/README.md, *Events for integrators*).

Runs unchanged in CPython (tests) and MicroPython (the browser); app.py dispatches what these functions build,
as `quiz:progress` and `quiz:result` CustomEvents on the quiz's form, bubbling, so a listener on document gets
every quiz's. Nothing leaves the page: the events are for scripts of the same page.

Both details have one shape:
    {"quiz": the quiz id, "form": the form's id, "answered": questions answered, "total": questions shown,
     "earned": points, "possible": points, "questions": [{"id", "verdict", "earned", "possible"}, ...]}
Points are numbers with at most two decimals, as the page shows them (0.67 for two thirds of a point).
In `quiz:progress`, "questions" lists the questions checked so far, in the quiz's order, and "earned" and
"possible" are their sums; in `quiz:result`, every question of the quiz, unanswered ones as "unanswered".
"""


def points(hundredths):
    """Whole hundredths of a point as a number: 67 -> 0.67, 200 -> 2 (an int when whole)."""
    if hundredths % 100 == 0:
        return hundredths // 100
    return hundredths / 100


def outcome(result):
    """One question's outcome from a scoring result."""
    return {
        "id": result["id"],
        "verdict": result["verdict"],
        "earned": points(result["earned"]),
        "possible": points(result["possible"]),
    }


def detail(quiz_id, form_id, answered, total, results, earned=None):
    """The event's detail: results are scoring results (score_question's), in the quiz's order; earned is the
    quiz's total in hundredths when known (score_quiz's, the exact sum rounded once), else the results' sum."""
    summed = 0
    possible = 0
    for result in results:
        summed += result["earned"]
        possible += result["possible"]
    if earned is None:
        earned = summed
    return {
        "quiz": quiz_id,
        "form": form_id,
        "answered": answered,
        "total": total,
        "earned": points(earned),
        "possible": points(possible),
        "questions": [outcome(result) for result in results],
    }
