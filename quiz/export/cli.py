"""The `export` command: check the page, write it in the chosen format, report what the format cannot express."""

import os
import sys

from .. import strings
from ..source_file import SourceError, format_issues, load_page

FORMATS = ("gift", "moodle-xml", "qti21")


def add_command(commands):
    command = commands.add_parser(
        "export",
        help="write a page's questions as GIFT, Moodle XML or a QTI 2.1 package for a learning platform",
        description="Write a page's questions for a learning platform. Whatever the format cannot express is "
        "reported as path:line: warning: ...",
    )
    command.add_argument("page", help="a Markdown page with quiz questions (docs/quiz.md)")
    command.add_argument("--format", required=True, choices=FORMATS)
    command.add_argument(
        "-o",
        "--output",
        metavar="OUT",
        help="the file to write (default: standard output; qti21 writes a zip and needs it)",
    )
    command.add_argument(
        "--site-url",
        default="",
        help="the published site's address, so links to its pages "
        "and each question's section link work from the platform",
    )
    command.add_argument("--strict", action="store_true", help="exit with status 2 when there is any warning")
    command.add_argument("--config", default=None, help="the site's mkdocs.yml (default: the nearest above the page)")


def _writer(name):
    from . import gift, moodle_xml, qti21_package

    return {"gift": gift, "moodle-xml": moodle_xml, "qti21": qti21_package}[name]


def export(page_path, format_name, output, site_url="", config=None, strict=False, stderr=None):
    """Returns the exit status: 0 written (warnings included, unless strict: 2), 1 not written."""
    from .common import Report, Site

    stderr = stderr or sys.stderr
    if format_name == "qti21" and not output:
        stderr.write("error: the qti21 format is a zip file: give it a name with -o FILE.zip\n")
        return 1
    try:
        page = load_page(page_path, config)
    except SourceError as error:
        stderr.write("error: %s\n" % error)
        return 1
    if page.issues:
        stderr.write(format_issues(page.issues) + "\n%d error(s) in quiz blocks\n" % len(page.issues))
        return 1
    if not page.questions:
        stderr.write("error: %s: no quiz questions on this page\n" % page.path)
        return 1
    report = Report(page.path, format_name)
    site = Site(site_url, page.page, page.docs_dir, page.use_directory_urls)
    content, written = _writer(format_name).export(page.questions, site, strings.load("en"), report)
    for warning in report.warnings:
        stderr.write(warning + "\n")
    try:
        if output:
            mode, data = ("wb", content) if isinstance(content, bytes) else ("w", content)
            with open(output, mode, **({} if mode == "wb" else {"encoding": "utf-8"})) as handle:
                handle.write(data)
        else:
            sys.stdout.write(content)
    except OSError as error:
        stderr.write("error: cannot write %s: %s\n" % (output, error.strerror))
        return 1
    left_out = len(page.questions) - written
    stderr.write(
        "%s: %d of %d question(s) exported as %s%s; %d warning(s)%s\n"
        % (
            page.path,
            written,
            len(page.questions),
            format_name,
            " to " + os.path.relpath(output) if output else "",
            len(report.warnings),
            (
                ": %d left out and the others not all as written, see above" % left_out
                if left_out
                else ": some questions are not exported exactly as written, see above"
            )
            if report.warnings
            else "",
        )
    )
    return 2 if strict and report.warnings else 0


def run(args):
    return export(args.page, args.format, args.output, args.site_url, args.config, args.strict)
