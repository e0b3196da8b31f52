"""The terminal's past scores: one JSON object a line, each with its format's version, appended per attempt.

Default file: $XDG_STATE_HOME/mkdocs-pyscript-quiz/history.jsonl (~/.local/state/... without the variable).
A line that is not a record of this format means the file is not ours any more (edited, truncated, another
program's): the whole file is moved aside, the reader is told where, and a new history begins. Lines of a
newer format version are kept and skipped, so an older copy of the quiz never damages a newer one's history.
"""

import json
import os
import time

from ..browser import saved, scoring
from .report import totals

RESULT_FIELDS = ("id", "earned", "possible", "verdict")

VERSION = 1
FOLDER = "mkdocs-pyscript-quiz"
NAME = "history.jsonl"
VERDICTS = (scoring.CORRECT, scoring.PARTIAL, scoring.INCORRECT, scoring.UNANSWERED)


def default_path(environ=None):
    environ = os.environ if environ is None else environ
    state = environ.get("XDG_STATE_HOME") or os.path.join(os.path.expanduser("~"), ".local", "state")
    return os.path.join(state, FOLDER, NAME)


def _is_count(value):
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _result_problem(result):
    if not isinstance(result, dict) or set(result) != set(RESULT_FIELDS):
        return "a result is not {id, earned, possible, verdict}"
    if not isinstance(result["id"], str) or result["verdict"] not in VERDICTS:
        return "a result has no question id or an unknown verdict"
    if not (_is_count(result["earned"]) and _is_count(result["possible"]) and result["earned"] <= result["possible"]):
        return "a result's points are not whole hundredths from 0 to its possible points"
    return None


def record_problem(record):
    """Why a decoded line is not a version-1 record, or None."""
    fields = {"version", "at", "source", "questions", "earned", "possible", "finished", "results"}
    if not isinstance(record, dict) or set(record) != fields:
        return "expected the fields %s" % ", ".join(sorted(fields))
    if not isinstance(record["at"], str) or not isinstance(record["source"], str):
        return "at and source must be text"
    if not isinstance(record["questions"], list) or not all(isinstance(item, str) for item in record["questions"]):
        return "questions must be a list of question ids"
    if not (_is_count(record["earned"]) and _is_count(record["possible"]) and record["earned"] <= record["possible"]):
        return "earned and possible must be whole hundredths, earned no more than possible"
    if not isinstance(record["finished"], bool) or not isinstance(record["results"], list):
        return "finished must be true or false and results a list"
    return next(filter(None, (_result_problem(result) for result in record["results"])), None)


def _newer(record):
    version = record.get("version") if isinstance(record, dict) else None
    return isinstance(version, int) and not isinstance(version, bool) and version > VERSION


class History:
    """The history file at `path`; warn(text) reports a problem, which never stops the quiz."""

    def __init__(self, path, warn):
        self.path, self.warn = path, warn
        self.writable = True

    def read(self):
        """Every version-1 record in the file, oldest first; [] when there is none yet."""
        try:
            with open(self.path, encoding="utf-8") as handle:
                lines = handle.read().split("\n")
        except FileNotFoundError:
            return []
        except (OSError, UnicodeDecodeError) as error:
            self._set_aside(1, "cannot be read as UTF-8 text: %s" % error)
            return []
        records = []
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except ValueError:
                record, problem = None, "not JSON"
            else:
                problem = None if _newer(record) else record_problem(record)
            if problem:
                self._set_aside(number, problem)
                return []
            if not _newer(record):
                records.append(record)
        return records

    def _set_aside(self, line, problem):
        aside = "%s.corrupt-%s" % (self.path, time.strftime("%Y%m%dT%H%M%S"))
        try:
            os.replace(self.path, aside)
        except OSError as error:
            self.writable = False
            self.warn(
                "%s:%d: not a quiz history record (%s), and the file could not be moved aside (%s): this attempt "
                "is not recorded" % (self.path, line, problem, error.strerror)
            )
            return
        self.warn(
            "%s:%d: not a quiz history record (%s); the file was moved to %s and a new history begun"
            % (self.path, line, problem, aside)
        )

    def append(self, record):
        if not self.writable:
            return
        try:
            os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as handle:
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        except OSError as error:
            self.warn("%s: this attempt could not be recorded: %s" % (self.path, error.strerror))


def record(source, questions, results, finished, at=None):
    return {
        "version": VERSION,
        "at": at or time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "source": source,
        "questions": [question.id for question in questions],
        "earned": totals(results)[0],
        "possible": totals(results)[1],
        "finished": finished,
        # As marked, without the exact fractions the totals were summed from.
        "results": [{name: result[name] for name in RESULT_FIELDS} for result in results],
    }


def past_lines(records, current, terminal):
    """The browser's history line for this attempt: the last score for the same page and questions, the
    best, or that this is the first."""
    same = [
        item for item in records if item["source"] == current["source"] and item["questions"] == current["questions"]
    ]
    if not same:
        return [terminal.words("result.first")]
    previous = same[-1]
    lines = [
        terminal.words(
            "result.last",
            score=scoring.format_score(previous["earned"], previous["possible"], terminal.strings),
            date=previous["at"][:10],
        )
    ]
    attempts = [item for item in same + [current] if item["possible"]]
    best = saved.best_attempt(attempts)
    if best is not None:
        lines.append(
            terminal.words(
                "result.best", score=scoring.format_score(best["earned"], best["possible"], terminal.strings)
            )
        )
    return lines
