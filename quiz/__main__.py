"""Command line: `python -m quiz check [DOCS_DIR]` lists every malformed ```quiz block as path:line: message.

Copying the quiz's run-time files is part of `python -m sitebuild prepare`, with the site's other assets.
"""

import argparse
import sys

from .check import check_docs, format_issues


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m quiz", description="Check quiz blocks.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="report every malformed ```quiz block as path:line: message")
    check.add_argument("docs_dir", nargs="?", default="docs")
    args = parser.parse_args(argv)

    questions, issues = check_docs(args.docs_dir)
    if issues:
        print(format_issues(issues), file=sys.stderr)
        print("%d error(s) in quiz blocks" % len(issues), file=sys.stderr)
        return 1
    count = sum(len(found) for found in questions.values())
    print("%d question(s) in %d file(s): no errors" % (count, len(questions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
