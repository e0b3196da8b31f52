"""Command line: `python -m sitebuild prepare [DOCS_DIR]` before a build, `python -m sitebuild finish [SITE_DIR]`
after it. `mkdocs build` runs both through sitebuild/mkdocs_hooks.py; other generators need them by hand.
`python -m sitebuild vendor-runtime` packages the quiz plugin's browser runtime (`make setup` runs it)."""

import argparse
import sys

from quiz.runtime import RUNTIME_SOURCE

from . import steps
from .config import DEFAULT_CONFIG, ConfigError
from .content_error import ContentError
from .files import AssetError
from .runtime_vendor import vendor_runtime
from .takeaway import TakeawayError


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m sitebuild", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    prepare = commands.add_parser("prepare", help="copy Workbox and the iframe-worker shim into DOCS_DIR")
    prepare.add_argument("docs_dir", nargs="?", default="docs")
    finish = commands.add_parser("finish", help="add the CSP, the take-away copy and the service worker to SITE_DIR")
    finish.add_argument("site_dir", nargs="?", default="site")
    finish.add_argument("--no-service-worker", action="store_true", help="for a live-reloading preview")
    finish.add_argument(
        "--config", default=DEFAULT_CONFIG, help="the site's mkdocs.yml: the take-away copy's name, title and pages"
    )
    commands.add_parser(
        "vendor-runtime", help="copy PyScript and MicroPython from node_modules into the quiz package (quiz/runtime)"
    )
    args = parser.parse_args(argv)
    try:
        if args.command == "prepare":
            copied = steps.prepare(args.docs_dir)
            print("copied %d browser file(s) into %s/assets" % (len(copied), args.docs_dir))
        elif args.command == "vendor-runtime":
            listing = vendor_runtime()
            print(
                "%s: %s"
                % (
                    RUNTIME_SOURCE,
                    ", ".join(
                        "%s %s (%d files)" % (entry["package"], entry["version"], len(entry["files"]))
                        for _, entry in sorted(listing.items())
                    ),
                )
            )
        else:
            print(steps.finish(args.site_dir, args.config, service_worker=not args.no_service_worker))
    except ContentError as error:
        print("\n".join(error.lines), file=sys.stderr)
        print("%d error(s) in the site's pages" % len(error.lines), file=sys.stderr)
        return 1
    except (AssetError, ConfigError, TakeawayError) as error:
        print("error: %s" % error, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
