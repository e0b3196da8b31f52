"""Converter HTML as QTI 2.1 XHTML: QTI's item body takes a subset of XHTML, as XML in QTI's namespace.

Python-Markdown writes HTML (`<br>`, named entities such as &rsquo; from smarty), so the HTML is read into
a tree and written again as elements; a tag outside QTI's subset keeps its text and loses the tag.
"""

import xml.etree.ElementTree as ET

from ..take import html_tree

NS = "http://www.imsglobal.org/xsd/imsqti_v2p1"
INLINE = {
    "a", "abbr", "acronym", "b", "big", "br", "cite", "code", "dfn", "em", "i", "img", "kbd", "q", "samp", "small",
    "span", "strong", "sub", "sup", "tt", "var",
}  # fmt: skip
BLOCK = {"blockquote", "div", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p", "pre", "ul", "li"}
ATTRIBUTES = {"a": ("href",), "img": ("src", "alt"), "ol": (), "ul": ()}


def tag(name):
    return "{%s}%s" % (NS, name)


def _append_text(parent, text):
    if not text:
        return
    children = list(parent)
    if children:
        children[-1].tail = (children[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _copy(parent, node, interactions):
    for child in node.children:
        if isinstance(child, str):
            for number, piece in enumerate(child.split(interactions.mark) if interactions else [child]):
                if number:
                    parent.append(interactions.next())
                _append_text(parent, piece)
            continue
        if child.tag not in INLINE | BLOCK:
            _copy(parent, child, interactions)
            continue
        element = ET.SubElement(parent, tag(child.tag))
        for name in ATTRIBUTES.get(child.tag, ()):
            element.set(name, child.attrs.get(name) or "")
        _copy(element, child, interactions)


class Marks:
    """Where the interactions go: each `mark` in the text becomes the next element from `elements`."""

    def __init__(self, mark, elements):
        self.mark, self.elements = mark, list(elements)

    def next(self):
        return self.elements.pop(0)


def append(parent, html, interactions=None):
    """Add the HTML's content to `parent` (an ElementTree element in QTI's namespace)."""
    _copy(parent, html_tree.parse(html), interactions)
