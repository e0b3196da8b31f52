"""What the three export formats share: quiz text as HTML or plain text, links made absolute (or reported),
equal shares as percentages, and the report of whatever a format cannot express.

Quiz text goes through the project's one Markdown converter (quiz/markup.py), which never passes raw HTML
through and drops addresses the check refuses.
"""

import html
import os
import posixpath
import re

from .. import markup
from ..mkdocs_yml import built_page
from ..source import heading_ids
from ..take import html_tree

LINK_RE = re.compile(r'<a href="([^"]*)"[^>]*>(.*?)</a>', re.S)
IMAGE_RE = re.compile(r"<img\b[^>]*>")
ATTRIBUTE_RE = re.compile(r'(\w+)="([^"]*)"')
SPACES_RE = re.compile(r"\s+")


FORMAT_NAMES = {"gift": "GIFT", "moodle-xml": "Moodle XML", "qti21": "QTI 2.1"}


class Report:
    """Warnings in `path:line: warning: <format> cannot express ...; <what was done>` form, in page order."""

    def __init__(self, path, format_name):
        self.path, self.format_name = path, FORMAT_NAMES.get(format_name, format_name)
        self.warnings = []

    def cannot(self, line, what, done):
        self.warnings.append(
            "%s:%d: warning: %s cannot express %s; %s" % (self.path, line, self.format_name, what, done)
        )

    def note(self, line, text):
        self.warnings.append("%s:%d: warning: %s" % (self.path, line, text))


class Site:
    """Where the exported text's links to pages of this site point: absolute addresses under site_url, or
    nowhere when no --site-url was given (the link's text stays, and the report says so)."""

    def __init__(self, site_url, page, docs_dir, use_directory_urls):
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.page, self.docs_dir, self.use_directory_urls = page, docs_dir, use_directory_urls

    def address(self, target):
        """The absolute address of `page.md#anchor` or `file.pdf` written in this page, or ""."""
        if not self.site_url:
            return ""
        path, hash_mark, anchor = target.partition("#")
        source = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), path)) if path else self.page
        if source.endswith(".md"):
            built = built_page(source, self.use_directory_urls)
            source = built[: -len("index.html")] if built.endswith("index.html") else built
        return html.escape(self.site_url + ("" if source == "." else source) + hash_mark + anchor)

    def section_title(self, see):
        target, _, anchor = see.partition("#")
        path = os.path.join(self.docs_dir, posixpath.normpath(posixpath.join(posixpath.dirname(self.page), target)))
        try:
            with open(path, encoding="utf-8") as handle:
                return heading_ids(handle.read()).get(anchor) or see
        except OSError:
            return see


def _local(value):
    return markup.kind(value) == "local"


def to_html(text, site, report, line, inline=False):
    """Quiz text as HTML for a format that takes it, with links to this site made absolute or, without a site
    address, reduced to their text and reported."""
    out = markup.convert(text)
    lost = []

    def link(match):
        href = html.unescape(match.group(1))
        if not _local(href):
            return match.group(0)
        address = site.address(href)
        if address:
            return match.group(0).replace('href="%s"' % match.group(1), 'href="%s"' % address, 1)
        lost.append("a link to %s" % href)
        return match.group(2)

    def image(match):
        attributes = dict(ATTRIBUTE_RE.findall(match.group(0)))
        address = site.address(html.unescape(attributes.get("src", "")))
        if address:
            return match.group(0).replace('src="%s"' % attributes.get("src", ""), 'src="%s"' % address, 1)
        lost.append("the image %s" % html.unescape(attributes.get("src", "")))
        return attributes.get("alt", "")

    out = IMAGE_RE.sub(image, LINK_RE.sub(link, out))
    for what in lost:
        report.note(line, "%s is exported without its address (give --site-url to keep it)" % what)
    if inline and out.startswith("<p>") and out.endswith("</p>") and out.count("<p>") == 1:
        out = out[3:-4]
    return out.strip()


def to_plain(text):
    """Quiz text as plain text, for the places a format takes no markup (a Moodle matching answer)."""
    return SPACES_RE.sub(" ", html_tree.text(html_tree.parse(markup.convert(text)))).strip()


def percent(share, total):
    """share/total as a percentage, the way Moodle writes its grades: 100, 50, 33.33333, -33.33333."""
    value = 100.0 * share / total
    text = ("%.5f" % value).rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def see_html(question, site, strings):
    """The link to the section that answers the question, as the page shows it, when the site has an address."""
    address = site.address(question.see)
    if not address:
        return ""
    title = html.escape(site.section_title(question.see))
    words = html.escape(strings["answer.read_section"]).replace("{title}", title)
    return '<p><a href="%s">%s</a></p>' % (address, words)


def general_feedback(question, site, strings, report):
    """The explanation and the section link: what every format shows after the question is answered."""
    return to_html(question.explanation, site, report, question.line) + see_html(question, site, strings)


def behaviour_losses(question, report):
    """The page's learning behaviours no export format has, each reported once per question: typo tolerance
    (the platforms compare typed answers exactly, or ignoring case)."""
    if question.hints:
        report.cannot(
            question.keys_line.get("hints", question.line),
            "hints revealed one after each wrong try (%d)" % len(question.hints),
            "the hints are left out",
        )
    if question.penalty is not None:
        report.cannot(
            question.keys_line.get("penalty", question.line),
            "a penalty for each try after the first",
            "the question scores its full points however many tries it took",
        )
    if question.typos:
        report.cannot(
            question.keys_line.get("typos", question.line),
            "typo tolerance (%d edit(s) in a typed answer)" % question.typos,
            "only the accepted answers as written count",
        )
