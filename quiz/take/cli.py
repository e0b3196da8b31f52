"""The `take` command's arguments."""

from . import history


def add_command(commands):
    command = commands.add_parser(
        "take",
        help="take a page's quiz in the terminal: each question asked, marked and explained, then the score",
        description="Ask a page's quiz questions in the terminal and mark them as the browser does.",
    )
    command.add_argument(
        "page", help="a Markdown page (docs/quiz.md), a built page of the site (site/quiz/index.html) or its address"
    )
    command.add_argument("--only", metavar="ID[,ID]", help="ask only these questions, in page order")
    command.add_argument(
        "--history",
        metavar="FILE",
        default=None,
        help="where past scores are kept, one JSON line per attempt (default: %s)" % history.default_path(),
    )
    command.add_argument("--no-history", action="store_true", help="neither show nor keep past scores")
    command.add_argument("--config", default=None, help="the site's mkdocs.yml (default: the nearest above the page)")


def run(args):
    from .runner import take

    history_path = None if args.no_history else (args.history or history.default_path())
    return take(args.page, only=args.only, history_path=history_path, config=args.config)
