"""Command line: `python -m sitebuild prepare [DOCS_DIR]` before a build, `python -m sitebuild finish [SITE_DIR]`
after it. `mkdocs build` runs both through sitebuild/mkdocs_hooks.py; other generators need them by hand."""

import argparse
import sys

from quiz.assets import AssetError

from . import steps
from .takeaway import TakeawayError


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser(
        "prepare", help="copy PyScript, MicroPython, Workbox and the quiz runtime into DOCS_DIR"
    )
    prepare.add_argument("docs_dir", nargs="?", default="docs")
    finish = commands.add_parser("finish", help="add the CSP, the take-away copy and the service worker to SITE_DIR")
    finish.add_argument("site_dir", nargs="?", default="site")
    finish.add_argument("--no-service-worker", action="store_true", help="for a live-reloading preview")
    args = parser.parse_args(argv)
    try:
        if args.command == "prepare":
            copied = steps.prepare(args.docs_dir)
            print("copied %d browser file(s) into %s/assets" % (len(copied), args.docs_dir))
        else:
            print(steps.finish(args.site_dir, service_worker=not args.no_service_worker))
    except (AssetError, TakeawayError) as error:
        print("error: %s" % error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
