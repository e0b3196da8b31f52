"""Small helpers for the page's DOM, shared by the browser modules (app.py, reorder.py). Runs in the browser on
MicroPython, through PyScript. They only create elements and set textContent: nothing is parsed as HTML."""

import json

from pyscript import document, window
from pyscript.ffi import create_proxy

# Handlers must outlive the code that made them, or the proxies are collected.
_KEEP = []


def proxy(function):
    """A JavaScript callable for `function`, kept alive for the page's lifetime."""
    made = create_proxy(function)
    _KEEP.append(made)
    return made


def keep(thing):
    """Keep a JavaScript object (an observer) alive for the page's lifetime; returns it."""
    _KEEP.append(thing)
    return thing


def el(tag, class_name=None, text=None):
    node = document.createElement(tag)
    if class_name:
        node.className = class_name
    if text is not None:
        node.textContent = text
    return node


def nodes(root, selector):
    found = root.querySelectorAll(selector)
    return [found.item(i) for i in range(found.length)]


def text(node):
    return " ".join(str(node.textContent).split()) if node else ""


def js_object(data):
    """A plain JavaScript object (event details, options) from Python data."""
    return window.JSON.parse(json.dumps(data))
