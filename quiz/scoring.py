"""How answers are marked. Runs unchanged in CPython (build, tests) and MicroPython (the browser).

Keep to what both interpreters share: no dataclasses, typing, f-strings with `=`, `match`, or dict order
(MicroPython dicts are unordered, so results are walked in the order of the answer keys).

Rules
- single: the question's points if the one correct option is chosen, else 0.
- multiple (select all that apply): each correct option is worth points / (number of correct options).
  Each correct option ticked adds one share, each wrong option ticked takes one share away, and the question
  never goes below 0. Ticking every option therefore scores 0 unless every option is correct.
- Scores are kept in whole hundredths of a point, rounded half up, so both interpreters agree exactly.
"""

CORRECT = "correct"
PARTIAL = "partial"
INCORRECT = "incorrect"
UNANSWERED = "unanswered"


def score_question(key, chosen):
    """Mark one question.

    key: {"id", "type": "single"|"multiple", "points", "options": [option keys], "correct": [option keys]}
    chosen: option keys the reader picked (any order; unknown keys are ignored).
    Returns {"id", "earned" (hundredths), "possible" (hundredths), "verdict"}.
    """
    points = int(key.get("points", 1))
    possible = points * 100
    options = key["options"]
    correct = key["correct"]
    picked = []
    for option in chosen:
        if option in options and option not in picked:
            picked.append(option)
    if not picked:
        return _result(key, 0, possible, UNANSWERED)
    if key["type"] == "single":
        earned = possible if (len(picked) == 1 and picked[0] in correct) else 0
    else:
        right = len([option for option in picked if option in correct])
        wrong = len(picked) - right
        shares = len(correct)
        # Round half up in whole hundredths: 2 of 3 shares of one point is 0.67.
        earned = max(0, ((right - wrong) * possible * 2 + shares) // (2 * shares))
    if earned == possible:
        verdict = CORRECT
    elif earned == 0:
        verdict = INCORRECT
    else:
        verdict = PARTIAL
    return _result(key, earned, possible, verdict)


def _result(key, earned, possible, verdict):
    return {"id": key["id"], "earned": earned, "possible": possible, "verdict": verdict}


def score_quiz(keys, answers):
    """Mark a whole quiz. answers maps question id -> list of chosen option keys."""
    results = [score_question(key, answers.get(key["id"], [])) for key in keys]
    earned = 0
    possible = 0
    for result in results:
        earned += result["earned"]
        possible += result["possible"]
    return {"earned": earned, "possible": possible, "results": results}


def format_points(hundredths):
    """6 for 600, 6.5 for 650, 6.33 for 633: no trailing zeros, never scientific notation."""
    whole = hundredths // 100
    part = hundredths % 100
    if part == 0:
        return str(whole)
    if part % 10 == 0:
        return "%d.%d" % (whole, part // 10)
    return "%d.%02d" % (whole, part)


def format_score(earned, possible):
    return "%s of %s" % (format_points(earned), format_points(possible))


VERDICT_WORDS = {
    CORRECT: "Correct",
    PARTIAL: "Partly correct",
    INCORRECT: "Incorrect",
    UNANSWERED: "Not answered",
}


def verdict_text(result):
    """Words, never colour alone: 'Correct', 'Partly correct: 0.67 of 1 point', ..."""
    words = VERDICT_WORDS[result["verdict"]]
    if result["verdict"] == PARTIAL:
        unit = "point" if result["possible"] == 100 else "points"
        return "%s: %s of %s %s" % (words, format_points(result["earned"]), format_points(result["possible"]), unit)
    return words
