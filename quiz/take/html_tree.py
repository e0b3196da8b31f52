"""A small tree of the quiz's own HTML (what quiz/render.py writes), and its text as a terminal shows it.

The standard library's HTMLParser is enough: the markup read here is the renderer's, not arbitrary pages.
"""

import re
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCK = {
    "blockquote", "details", "div", "dl", "dt", "dd", "fieldset", "h1", "h2", "h3", "h4", "h5", "h6", "legend",
    "li", "ol", "p", "pre", "section", "summary", "table", "tr", "ul",
}  # fmt: skip
SPACES_RE = re.compile(r"\s+")


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag = tag
        self.attrs = dict(attrs)
        self.children = []
        self.parent = parent

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def find_all(self, tag=None, cls=None, attr=None):
        """Descendants in document order, by tag, class and/or attribute name."""
        for child in self.children:
            if not isinstance(child, Node):
                continue
            if (
                (tag is None or child.tag == tag)
                and (cls is None or cls in child.classes())
                and (attr is None or attr in child.attrs)
            ):
                yield child
            yield from child.find_all(tag, cls, attr)

    def find(self, tag=None, cls=None, attr=None):
        return next(self.find_all(tag, cls, attr), None)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {})

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, attrs, self.current))

    def handle_endtag(self, tag):
        node = self.current
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.current = node.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html):
    builder = _Builder()
    builder.feed(html)
    builder.close()
    return builder.root


def text(node, replace=None):
    """The node's text, one line per block, white space as a browser collapses it (kept inside <pre>), list
    items marked, images as their alt text. replace(node) may give the text of a node instead (a gap)."""
    lines, current = [], []

    def flush():
        line = SPACES_RE.sub(" ", "".join(current)).strip()
        if line:
            lines.append(line)
        current.clear()

    def walk(item, in_pre):
        if isinstance(item, str):
            if in_pre:
                flush()
                lines.extend(item.rstrip("\n").split("\n"))
            else:
                current.append(item)
            return
        instead = replace(item) if replace else None
        if instead is not None:
            current.append(instead)
            return
        if item.tag == "br":
            flush()
        elif item.tag == "img":
            current.append("[%s]" % (item.attrs.get("alt") or "image"))
        block = item.tag in BLOCK
        if block:
            flush()
        if item.tag == "li" and item.parent is not None:
            siblings = [child for child in item.parent.children if isinstance(child, Node) and child.tag == "li"]
            current.append("%d. " % (siblings.index(item) + 1) if item.parent.tag == "ol" else "- ")
        for child in item.children:
            walk(child, in_pre or item.tag == "pre")
        if block:
            flush()

    walk(node, False)
    flush()
    return "\n".join(lines)
