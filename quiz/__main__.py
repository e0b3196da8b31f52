"""Command line: `python -m quiz check [DOCS_DIR]` and `python -m quiz prepare [DOCS_DIR]`."""

import argparse
import sys

from .assets import AssetError, prepare
from .check import check_docs, format_issues


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m quiz", description="Check quiz blocks and prepare assets.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="report every malformed ```quiz block as path:line: message")
    check.add_argument("docs_dir", nargs="?", default="docs")
    prep = commands.add_parser("prepare", help="copy PyScript, MicroPython and the quiz runtime into DOCS_DIR/assets")
    prep.add_argument("docs_dir", nargs="?", default="docs")
    args = parser.parse_args(argv)

    if args.command == "check":
        questions, issues = check_docs(args.docs_dir)
        if issues:
            print(format_issues(issues), file=sys.stderr)
            print("%d error(s) in quiz blocks" % len(issues), file=sys.stderr)
            return 1
        count = sum(len(found) for found in questions.values())
        print("%d question(s) in %d file(s): no errors" % (count, len(questions)))
        return 0
    try:
        copied = prepare(args.docs_dir)
    except AssetError as error:
        print("error: %s" % error, file=sys.stderr)
        return 1
    print("copied %d run-time file(s) into %s/assets" % (len(copied), args.docs_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
