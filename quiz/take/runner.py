"""`python -m quiz take`: ask a page's questions one by one, mark each with the scoring module, and keep the
score in the history file."""

import sys

from ..source_file import SourceError, format_issues
from . import history as past
from .ask import EndOfInput, Terminal, ask
from .report import mark, summary
from .sources import IssuesFound, load


def _chosen(questions, only, shown):
    if not only:
        return questions
    wanted = [part.strip() for part in only.split(",") if part.strip()]
    known = [question.id for question in questions]
    unknown = [name for name in wanted if name not in known]
    if unknown:
        raise SourceError(
            "%s: no question with id %s on this page (its ids: %s)"
            % (shown, ", ".join(map(repr, unknown)), ", ".join(known))
        )
    return [question for question in questions if question.id in wanted]


def take(target, stdin=None, stdout=None, stderr=None, only=None, history_path=None, config=None):
    """Run the quiz; returns the exit status: 0 when it ran (to the end or until the input ended), 1 when the
    page cannot be taken (its mistakes are on stderr as path:line: message), 130 after Ctrl-C."""
    stdin, stdout, stderr = stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr
    try:
        questions, shown, strings = load(target, config)
        questions = _chosen(questions, only, shown)
    except IssuesFound as found:
        stderr.write(format_issues(found.issues) + "\n%s\n" % found)
        return 1
    except SourceError as error:
        stderr.write("error: %s\n" % error)
        return 1
    warn = lambda text: stderr.write("warning: %s\n" % text)  # noqa: E731
    store = past.History(history_path, warn) if history_path else None
    records = store.read() if store else []
    terminal = Terminal(stdin, stdout, strings)
    results, status = [], 0
    try:
        for number, question in enumerate(questions, 1):
            answer = ask(terminal, question, number, len(questions))
            results.append(mark(terminal, question, answer))
    except EndOfInput as ended:
        status = 130 if ended.interrupted else 0
    except KeyboardInterrupt:
        status = 130
    current = past.record(shown, questions[: len(results)], results, len(results) == len(questions))
    lines = past.past_lines(records, current, terminal) if store and results else []
    summary(terminal, questions, results, len(questions), lines)
    if store and results:
        store.append(current)
    return status
