"""The anchors a built page has, read from the HTML its Markdown renders to, not from its lines.

A `see:` or a link to `page.md#anchor` is checked against every `id` the page's HTML carries, rendered with
the site's own Markdown extensions and settings (toc's slugify among them): so setext headings, headings
with an attr_list `{#id}`, headings inside admonitions, linked headings and raw HTML ids all count, and a
heading written inside an HTML comment does not, exactly as in the published page.
"""

from html.parser import HTMLParser

from mkdocs.utils.meta import get_data

HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")


class _Ids(HTMLParser):
    """id -> title: a heading's text (without toc's permalink sign), or None for any other element."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = {}
        self.heading = None
        self.text = []
        self.skip = False

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if self.heading is not None and tag == "a" and "headerlink" in (attributes.get("class") or "").split():
            self.skip = True
        anchor = attributes.get("id")
        if anchor and anchor not in self.ids:
            self.ids[anchor] = None
            if tag in HEADINGS:
                self.heading, self.text = anchor, []

    def handle_endtag(self, tag):
        if tag == "a" and self.skip:
            self.skip = False
        elif tag in HEADINGS and self.heading is not None:
            self.ids[self.heading] = " ".join("".join(self.text).split())
            self.heading = None

    def handle_data(self, data):
        if self.heading is not None and not self.skip:
            self.text.append(data)


def ids_in_html(html):
    parser = _Ids()
    parser.feed(html)
    parser.close()
    return parser.ids


class PageAnchors:
    """The anchors of each page of a check, rendered once with a quiz.blocks.BlockFinder (which renders
    every page anyway to find its quizzes)."""

    def __init__(self, finder):
        self.finder = finder
        self.pages = {}

    def remember(self, path, html):
        self.pages[path] = ids_in_html(html)

    def of(self, path, text):
        """id -> heading text (None for an element that is not a heading) of the page at path."""
        if path not in self.pages:
            try:
                self.finder.find(get_data(text)[0])
                self.remember(path, self.finder.html)
            except Exception:  # a page Markdown cannot read is reported as such by the check
                self.pages[path] = {}
        return self.pages[path]


_BUILD = {"extensions": None, "reader": None, "texts": {}}


def use_extensions(extensions):
    """The site's (names, configs), for the anchors the quiz fence looks up during a build."""
    _BUILD.update(extensions=extensions, reader=None, texts={})


def of_markdown(key, text):
    """id -> title for a page's Markdown source (front matter included), rendered with the extensions of
    use_extensions; `key` names the page in the cache."""
    if _BUILD["reader"] is None:
        from .blocks import BlockFinder

        _BUILD["reader"] = PageAnchors(BlockFinder(_BUILD["extensions"]))
    reader = _BUILD["reader"]
    if _BUILD["texts"].get(key) != text:
        # `mkdocs serve` builds again after an edit.
        reader.pages.pop(key, None)
        _BUILD["texts"][key] = text
    return reader.of(key, text)
