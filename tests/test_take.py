"""`python -m quiz take`: every type answered right, wrong and partly right through the terminal, each mark
checked against what the scoring module gives for the same answer; the end of input, the history file, a
page with mistakes, and a built page read like its Markdown source."""

import io
import json
import os
import subprocess
import sys

import pytest

from quiz import strings
from quiz.browser import scoring
from quiz.source_file import load_page
from quiz.take import sources
from quiz.take.runner import take

from .conftest import ROOT, Server

PAGE = ROOT / "tests" / "take_export" / "docs" / "every-type.md"
BROKEN = ROOT / "tests" / "take_export" / "docs" / "broken.md"
SOURCE = {question.id: question for question in load_page(str(PAGE)).questions}
SHOWN = {question.id: question for question in sources.load(str(PAGE))[0]}
STRINGS = strings.load("en")


def run(replies, only=None, history=None, page=PAGE):
    stdin = io.StringIO("".join(reply + "\n" for reply in replies))
    stdout, stderr = io.StringIO(), io.StringIO()
    status = take(str(page), stdin, stdout, stderr, only=only, history_path=history)
    return status, stdout.getvalue(), stderr.getvalue()


def number_of(items, key):
    return str([item_key for item_key, _ in items].index(key) + 1)


def steps_in(question_id, keys):
    return ",".join(number_of(SHOWN[question_id].rows, key) for key in keys)


def option_numbers(question_id, keys):
    return ",".join(number_of(SHOWN[question_id].options, key) for key in keys)


def options(question_id):
    return [option.key for option in SOURCE[question_id].options]


ORDER = [step.key for step in SOURCE["put-in-order"].steps]
PAIRS = [(pair.key, pair.right_key) for pair in SOURCE["pair-up"].pairs]
GAPS = SOURCE["fill-gaps"].gaps
COLOUR = {option.text: option.key for option in GAPS[1].options}


def match_replies(chosen):
    """One reply per row, in the order the rows are shown: the number of the partner chosen for it."""
    shown = SHOWN["pair-up"]
    return [number_of(shown.partners, chosen[row]) for row, _ in shown.rows]


def cloze_replies(typed, colour):
    return [typed, number_of(SHOWN["fill-gaps"].gaps[1][1], COLOUR[colour])]


# (question id, replies typed, the same answer as the browser holds it, the verdict expected)
CASES = [
    (
        "pick-one",
        lambda: [option_numbers("pick-one", options("pick-one")[1:2])],
        lambda: options("pick-one")[1:2],
        "Correct",
    ),
    ("pick-one", lambda: ["1"], lambda: options("pick-one")[:1], "Incorrect"),
    ("pick-all", lambda: ["1,2,3"], lambda: options("pick-all")[:3], "Correct"),
    ("pick-all", lambda: ["1, 2"], lambda: options("pick-all")[:2], "Partly correct: 0.67 of 1 point"),
    ("pick-all", lambda: ["1,4"], lambda: [options("pick-all")[0], options("pick-all")[3]], "Incorrect"),
    ("yes-or-no", lambda: ["2"], lambda: options("yes-or-no")[1:], "Correct"),
    ("yes-or-no", lambda: ["1"], lambda: options("yes-or-no")[:1], "Incorrect"),
    ("type-word", lambda: ["\u201cCalf\u2013Muscles.\u201d"], lambda: "\u201cCalf\u2013Muscles.\u201d", "Correct"),
    ("type-word", lambda: ["shins"], lambda: "shins", "Incorrect"),
    ("type-number", lambda: ["10,5 cm"], lambda: "10,5 cm", "Correct"),
    ("type-number", lambda: ["four", "9 CM"], lambda: "9 CM", "Correct"),
    ("type-number", lambda: ["10 mm"], lambda: "10 mm", "Incorrect"),
    (
        "put-in-order",
        lambda: [steps_in("put-in-order", ORDER)],
        lambda: {k: str(i) for i, k in enumerate(ORDER, 1)},
        "Correct",
    ),
    (
        "put-in-order",
        lambda: [steps_in("put-in-order", [ORDER[1], ORDER[0]] + ORDER[2:])],
        lambda: {k: str(i) for i, k in enumerate([ORDER[1], ORDER[0]] + ORDER[2:], 1)},
        "Partly correct: 0.5 of 1 point",
    ),
    ("pair-up", lambda: match_replies(dict(PAIRS)), lambda: dict(PAIRS), "Correct"),
    (
        "pair-up",
        lambda: match_replies({PAIRS[0][0]: PAIRS[1][1], PAIRS[1][0]: PAIRS[1][1], PAIRS[2][0]: PAIRS[2][1]}),
        lambda: {PAIRS[0][0]: PAIRS[1][1], PAIRS[1][0]: PAIRS[1][1], PAIRS[2][0]: PAIRS[2][1]},
        "Partly correct: 0.67 of 1 point",
    ),
    (
        "fill-gaps",
        lambda: cloze_replies("Heavens", "blue"),
        lambda: {GAPS[0].key: "Heavens", GAPS[1].key: COLOUR["blue"]},
        "Correct",
    ),
    (
        "fill-gaps",
        lambda: cloze_replies("sky", "red"),
        lambda: {GAPS[0].key: "sky", GAPS[1].key: COLOUR["red"]},
        "Partly correct: 0.5 of 1 point",
    ),
    ("fill-gaps", lambda: cloze_replies("", "green"), lambda: {GAPS[1].key: COLOUR["green"]}, "Incorrect"),
]


@pytest.mark.parametrize(
    "question_id, replies, answer, verdict", CASES, ids=["%s-%d" % (c[0], n) for n, c in enumerate(CASES)]
)
def test_each_answer_is_marked_as_the_scoring_module_marks_it(question_id, replies, answer, verdict):
    expected = scoring.score_question(SOURCE[question_id].answer_key(), answer())
    assert scoring.verdict_text(expected, STRINGS) == verdict
    status, out, err = run(replies(), only=question_id)
    assert status == 0 and err == ""
    # The verdict follows the last prompt on its line, where the typed reply would be echoed.
    assert [line for line in out.splitlines() if line.endswith("skip): " + verdict)]
    score = scoring.format_score(expected["earned"], expected["possible"], STRINGS)
    percent = (expected["earned"] * 200 + expected["possible"]) // (2 * expected["possible"])
    assert "You scored %s (%d%%)." % (score, percent) in out


def test_points_feedback_explanation_and_section_are_shown():
    status, out, _ = run(["2"], only="pick-one")
    assert status == 0 and "You scored 2 of 2 (100%)." in out
    assert "  - Right {one} (chosen, right)\n    Yes: the braces {} and colon : stay." in out
    assert "The explanation: a=b and c#d." in out
    assert "Read the section: First section (target.md#first-section)" in out


def test_a_wrong_choice_shows_its_feedback_and_the_missed_right_one():
    _, out, _ = run(["4"], only="pick-all")
    assert "  - Only wrong (chosen, wrong)\n    Only wrong: no." in out
    assert "  - First right (missed)\n    First right: yes." in out


def test_a_reply_that_is_no_answer_is_explained_and_asked_again():
    _, out, _ = run(["7", "1,2", "2"], only="pick-one")
    assert out.count("Give numbers from 1 to 3.") == 1 and out.count("Give one number.") == 1
    assert "You scored 2 of 2 (100%)." in out


def test_the_hint_is_shown_on_request_and_the_number_note_is_the_browsers():
    _, out, _ = run(["?", "2"], only="pick-one")
    assert "Think of {braces} and 50% ~ tilde." in out
    _, out, _ = run(["four", "10"], only="type-number")
    assert "Enter a number, for example 12." in out


def test_end_of_input_stops_with_the_score_so_far():
    status, out, err = run(["2", "1,2,3"])
    assert status == 0 and err == ""
    assert "Stopped after 2 of 9 question(s)" in out
    assert "You scored 3 of 3 (100%)." in out


def test_skipped_questions_score_zero_and_are_listed_to_revisit():
    status, out, _ = run([""], only="yes-or-no")
    assert status == 0 and "Not answered" in out and "You scored 0 of 1 (0%)." in out
    assert "To revisit:\n  - True or false: the sky is green." in out


def test_history_is_kept_as_versioned_json_lines_and_shown(tmp_path):
    history = tmp_path / "state" / "history.jsonl"
    _, out, _ = run(["1"], only="pick-one", history=str(history))
    assert "This is your first score here." in out
    _, out, _ = run(["2"], only="pick-one", history=str(history))
    records = [json.loads(line) for line in history.read_text(encoding="utf-8").splitlines()]
    assert [(r["version"], r["earned"], r["possible"], r["finished"]) for r in records] == [
        (1, 0, 200, True),
        (1, 200, 200, True),
    ]
    assert records[1]["results"] == [{"id": "pick-one", "earned": 200, "possible": 200, "verdict": "correct"}]
    assert "Last time: 0 of 2 on %s." % records[0]["at"][:10] in out and "Best: 2 of 2." in out


def test_a_corrupt_history_is_reported_and_set_aside(tmp_path):
    history = tmp_path / "history.jsonl"
    history.write_text('{"version": 1, "at": "x"}\nnot json\n', encoding="utf-8")
    status, out, err = run(["2"], only="pick-one", history=str(history))
    assert status == 0 and "You scored 2 of 2" in out
    assert err.startswith("warning: %s:1: not a quiz history record" % history) and "moved to" in err
    aside = [name for name in os.listdir(tmp_path) if name.startswith("history.jsonl.corrupt-")]
    assert len(aside) == 1 and "not json" in (tmp_path / aside[0]).read_text(encoding="utf-8")
    assert json.loads(history.read_text(encoding="utf-8"))["earned"] == 200


def test_a_newer_history_line_is_kept_and_skipped(tmp_path):
    history = tmp_path / "history.jsonl"
    history.write_text('{"version": 2, "anything": true}\n', encoding="utf-8")
    _, out, err = run(["2"], only="pick-one", history=str(history))
    assert err == "" and "This is your first score here." in out
    assert history.read_text(encoding="utf-8").splitlines()[0] == '{"version": 2, "anything": true}'


def test_a_page_with_mistakes_is_reported_as_path_line_message():
    status, out, err = run([], page=BROKEN)
    assert status == 1 and out == ""
    assert "tests/take_export/docs/broken.md:7: see: 'target.md' has no section with anchor #no-such-section" in err
    assert "broken.md:11: a single question needs exactly one correct option [x], found 2" in err
    assert "Traceback" not in err


def test_unknown_ids_and_missing_pages_are_errors_not_tracebacks():
    status, _, err = run([], only="pick-one,no-such")
    assert status == 1 and "no question with id 'no-such' on this page" in err
    status, _, err = run([], page=ROOT / "tests" / "take_export" / "docs" / "missing.md")
    assert status == 1 and err == "error: tests/take_export/docs/missing.md: no such file\n"


def test_the_command_line_reads_stdin_and_ends_cleanly_on_eof():
    run_ = subprocess.run(
        [
            sys.executable,
            "-m",
            "quiz",
            "take",
            str(PAGE.relative_to(ROOT)),
            "--no-history",
            "--only",
            "pick-all,pick-one",
        ],
        input="2\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run_.returncode == 0, run_.stderr
    # Asked in page order, whatever the order of --only.
    assert run_.stdout.index("pick-one") < run_.stdout.index("pick-all")
    assert "Stopped after 1 of 2 question(s)" in run_.stdout and "You scored 2 of 2 (100%)." in run_.stdout


def test_a_built_page_gives_the_questions_of_its_markdown_source(site_dir):
    markdown = sources.load(str(ROOT / "docs" / "quiz.md"))[0]
    built = sources.load(str(site_dir / "quiz.html"))[0]
    assert [q.key for q in built] == [q.key for q in markdown]
    assert [(q.text, q.options, q.rows, q.partners, q.gaps, q.passage) for q in built] == [
        (q.text, q.options, q.rows, q.partners, q.gaps, q.passage) for q in markdown
    ]
    status, out, _ = run(["2"], only="ankles-foundation", page=site_dir / "quiz.html")
    assert status == 0 and "Correct" in out and "You scored 1 of 1 (100%)." in out


def test_the_address_of_a_built_page_is_read_like_the_file(site_dir):
    server = Server(site_dir)
    try:
        status, out, err = run(["2"], only="ankles-foundation", page=server.url + "quiz.html")
        assert status == 0 and "You scored 1 of 1 (100%)." in out
        status, _, err = run([], page=server.url + "no-such-page.html")
        assert status == 1 and err.startswith("error: %sno-such-page.html: cannot fetch the page" % server.url)
    finally:
        server.stop()


LEARNING = ROOT / "tests" / "take_export" / "docs" / "learning.md"


def test_typo_tolerance_of_the_page_and_of_a_question_is_honoured():
    # The page's quiz_typos (1) for the fill question; the cloze's own `typos: 2` for its typed gap.
    status, out, _ = run(["dorsiflexoin", "stabilyti", "4"], page=LEARNING)
    assert status == 0
    assert "Correct (spelling: dorsiflexion)" in out
    assert "[1] (correct (spelling: stability))" in out
    assert "You scored 3 of 3 (100%)." in out
    # Two edits are one too many for the fill question; a number is never read as a misspelling.
    status, out, _ = run(["dorsiflexoinn", "stability", "5"], page=LEARNING)
    assert "Correct (spelling" not in out
    assert "You scored 1 of 3 (33%)." in out
