"""A Content-Security-Policy for every built page, as a <meta> tag (static hosts such as GitHub Pages
cannot send headers).

The policy allows nothing but the site's own files. Inline scripts run only if their SHA-256 is listed,
computed here from the built page (Material writes a few small ones, one of which differs with page depth).
Quiz pages also need WebAssembly compilation ('wasm-unsafe-eval') and 'unsafe-eval', because PyScript builds
a function with Function() while it starts; pages without a quiz get neither.
"""

import base64
import hashlib
import os
import re

from quiz.page import has_quiz

SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")
META_NAME = 'http-equiv="Content-Security-Policy"'

# default-src is 'self' only for what no directive below covers in every engine: the web app manifest
# (manifest-src is unknown to WebKit, which reports it on every page) and Firefox's prefetch of the
# <link rel="next"> page (no directive of its own). Every other kind of request is named here.
BASE = [
    ("default-src", ["'self'"]),
    ("script-src", ["'self'"]),
    ("style-src", ["'self'"]),
    ("img-src", ["'self'", "data:"]),
    ("font-src", ["'self'"]),
    ("connect-src", ["'self'"]),
    ("worker-src", ["'self'"]),
    ("frame-src", ["'self'"]),
    ("media-src", ["'none'"]),
    ("base-uri", ["'none'"]),
    ("object-src", ["'none'"]),
    ("form-action", ["'none'"]),
]
QUIZ_SCRIPT_SOURCES = ["'wasm-unsafe-eval'", "'unsafe-eval'"]


def inline_script_hashes(html):
    hashes = []
    for match in SCRIPT_RE.finditer(html):
        attrs = match.group("attrs")
        if re.search(r"\bsrc\s*=", attrs, re.I):
            continue
        kind = TYPE_RE.search(attrs)
        if (kind.group(1).lower() if kind else "") not in EXECUTABLE_TYPES:
            continue
        digest = hashlib.sha256(match.group("body").encode("utf-8")).digest()
        source = "'sha256-%s'" % base64.b64encode(digest).decode("ascii")
        if source not in hashes:
            hashes.append(source)
    return hashes


def policy_for(html):
    directives = []
    for name, sources in BASE:
        sources = list(sources)
        if name == "script-src":
            if has_quiz(html):
                sources += QUIZ_SCRIPT_SOURCES
            sources += inline_script_hashes(html)
        directives.append(" ".join([name] + sources))
    return "; ".join(directives)


def secure_page(html):
    """The page with its policy right after <meta charset> (it must precede every script), replacing one
    from an earlier run."""
    html = re.sub(r'\s*<meta %s content="[^"]*">' % re.escape(META_NAME), "", html)
    meta = '<meta %s content="%s">' % (META_NAME, policy_for(html))
    match = re.search(r"<meta charset=[^>]*>", html, re.I) or re.search(r"<head[^>]*>", html, re.I)
    if not match:
        raise ValueError("no <head> in page")
    return html[: match.end()] + "\n    " + meta + html[match.end() :]


def secure_site(site_dir, skip=()):
    """Add the policy to every HTML page under site_dir. Returns the pages changed, relative to site_dir."""
    pages = []
    for root, _, files in os.walk(site_dir):
        for name in sorted(files):
            path = os.path.join(root, name)
            relative = os.path.relpath(path, site_dir)
            if not name.endswith(".html") or relative in skip:
                continue
            with open(path, encoding="utf-8") as handle:
                html = handle.read()
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(secure_page(html))
            pages.append(relative)
    return pages
