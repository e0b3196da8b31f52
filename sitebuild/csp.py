"""A Content-Security-Policy for every built page, as a <meta> tag (static hosts such as GitHub Pages
cannot send headers).

The policy allows nothing but the site's own files. Inline scripts run only if their SHA-256 is listed, and
only scripts the theme and the site's own templates write are listed: an allowlist, never "whatever is in
the page", so nothing a page's content brings (a <script> in Markdown, a front-matter value that breaks out
of an attribute) can widen it. The allowlist is derived, not typed in:

- Template scripts: every inline executable <script> of the templates (the site's `theme.custom_dir` and
  the installed Material and Zensical templates) becomes a pattern; a script in a built page is hashed only
  if its body is exactly such a template's script. The template's `{{ ... }}` values (a base URL, all
  inside string literals) may be filled with any text that cannot leave the literal, so a match only ever
  runs the theme's code. Material writes a few small ones, one of which differs with page depth.
- The iframe-worker shim (sitebuild/vendor.py copies it), which Material's offline plugin needs for search
  in a folder opened from disk: it writes its frame's inline script with document.write, and that frame
  inherits the page's policy. The script is the shim's own template literal filled with the shim's helper
  functions and the page's search worker address (from Material's `__config`), so its hash is computed per
  page from the shim file in the built site.

Quiz pages (a rendered question, quiz.page.has_quiz) also need WebAssembly compilation ('wasm-unsafe-eval')
and 'unsafe-eval', because PyScript builds a function with Function() while it starts; pages without a
quiz get neither.

Scripts that content might try to bring in never reach a page: `python -m sitebuild prepare` refuses raw
<script>, on*= attributes and javascript: URLs in the Markdown (sitebuild/unsafe_html.py). The policy is
the second wall, for what that check cannot see.
"""

import base64
import functools
import hashlib
import html as html_lib
import importlib.util
import json
import os
import posixpath
import re

from quiz.page import has_quiz

from .content_error import ContentError
from .vendor import IFRAME_WORKER_DIR, IFRAME_WORKER_SHIM

SCRIPT_RE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
TYPE_RE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.I)
SRC_RE = re.compile(r"""\bsrc\s*=\s*["']?([^"'\s>]+)""", re.I)
EXECUTABLE_TYPES = ("", "text/javascript", "application/javascript", "module")
# An import map is held to script-src like a script.
SCRIPT_SRC_TYPES = EXECUTABLE_TYPES + ("importmap",)
META_NAME = 'http-equiv="Content-Security-Policy"'
JINJA_RE = re.compile(r"(\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\})", re.S)
# What a template value may become inside the theme's scripts: text that cannot end a string literal.
TEMPLATE_VALUE = r"""[^"'`\\<>\r\n]*"""
# Material's page settings, which name the search worker the shim loads.
CONFIG_RE = re.compile(r'<script id="__config" type="application/json">(.*?)</script>', re.S)
# The shim's frame document: an inline script, then the worker itself.
SHIM_FRAME_RE = re.compile(r"`<html><body><script>(.*?)<\\/script>", re.S)
SHIM_PLACEHOLDER_RE = re.compile(r"\$\{(\w+)\}")
THEME_PACKAGES = ("material", "zensical")

# What no document of the site may do, the take-away copy included: change the base of its addresses, embed
# plugins or submit a form anywhere.
LOCKED = [
    ("base-uri", ["'none'"]),
    ("object-src", ["'none'"]),
    ("form-action", ["'none'"]),
]
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
] + LOCKED
# What PyScript needs on a page that runs the quiz (the module docstring says why).
QUIZ_SCRIPT_SOURCES = ["'wasm-unsafe-eval'", "'unsafe-eval'"]


def script_hash(body):
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")


def inline_scripts(html, types=EXECUTABLE_TYPES):
    """The bodies of the page's inline scripts of the given types: by default those a browser runs (not
    JSON or other data blocks)."""
    for match in SCRIPT_RE.finditer(html):
        attrs = match.group("attrs")
        if SRC_RE.search(attrs):
            continue
        kind = TYPE_RE.search(attrs)
        if (kind.group(1).lower() if kind else "") in types:
            yield match.group("body")


def template_dirs(custom_dir=None):
    """The site's own templates first, then those of the installed themes that may build it."""
    found = [custom_dir] if custom_dir and os.path.isdir(custom_dir) else []
    for package in THEME_PACKAGES:
        spec = importlib.util.find_spec(package)
        if spec and spec.origin:
            templates = os.path.join(os.path.dirname(spec.origin), "templates")
            if os.path.isdir(templates):
                found.append(templates)
    return found


def _pattern(template_body):
    parts = JINJA_RE.split(template_body)
    # Odd parts are template tags: a value is the only kind found in the themes' scripts.
    return "".join(re.escape(part) if index % 2 == 0 else TEMPLATE_VALUE for index, part in enumerate(parts))


@functools.cache
def template_scripts(dirs):
    """One compiled pattern matching every inline script written by the templates under `dirs` (a tuple)."""
    patterns = set()
    for folder in dirs:
        for root, _, files in os.walk(folder):
            for name in files:
                if not name.endswith(".html"):
                    continue
                with open(os.path.join(root, name), encoding="utf-8") as handle:
                    template = handle.read()
                patterns.update(_pattern(body) for body in inline_scripts(template))
    if not patterns:
        return None
    return re.compile("|".join("(?:%s)" % pattern for pattern in sorted(patterns)), re.S)


def _function_source(source, name):
    """The text of `function name(...){...}` in source, as Function.prototype.toString gives it."""
    start = source.find("function %s(" % name)
    if start < 0:
        return None
    depth, position = 0, source.index("{", start)
    while position < len(source):
        char = source[position]
        if char in "\"'`":
            # Skip a string literal, escapes included.
            end = position + 1
            while source[end] != char:
                end += 2 if source[end] == "\\" else 1
            position = end
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return source[start : position + 1]
        position += 1
    return None


def shim_frame_script(shim_source, worker_url):
    """The inline script the iframe-worker shim writes into its frame for a worker at worker_url, or None
    if the shim no longer has the known form."""
    frame = SHIM_FRAME_RE.search(shim_source)
    if not frame:
        return None
    missing = []

    def fill(match):
        function = _function_source(shim_source, match.group(1))
        if function is None:
            missing.append(match.group(1))
        return function if function is not None else worker_url

    script = SHIM_PLACEHOLDER_RE.sub(fill, frame.group(1))
    # Exactly one placeholder is the worker's address (the constructor's argument); the others are helpers.
    return script if len(missing) == 1 else None


def _shim_hashes(html, page, site_dir):
    shim = posixpath.join(IFRAME_WORKER_DIR.replace(os.sep, "/"), IFRAME_WORKER_SHIM)
    found = CONFIG_RE.search(html)
    if not found or site_dir is None:
        return []
    for src in SRC_RE.findall(html):
        if posixpath.normpath(posixpath.join(posixpath.dirname(page), html_lib.unescape(src))) != shim:
            continue
        try:
            worker = json.loads(found.group(1)).get("search")
            with open(os.path.join(site_dir, shim), encoding="utf-8") as handle:
                script = shim_frame_script(handle.read(), worker) if isinstance(worker, str) else None
        except (OSError, ValueError):
            return []
        return [script_hash(script)] if script else []
    return []


def inline_script_hashes(html, allowed, page="index.html", site_dir=None):
    """Hashes of the page's inline scripts that match the `allowed` pattern (template_scripts()), and of
    the shim's frame script when the page loads the shim."""
    hashes = []
    for body in inline_scripts(html):
        if allowed is not None and allowed.fullmatch(body):
            source = script_hash(body)
            if source not in hashes:
                hashes.append(source)
    return hashes + _shim_hashes(html, page, site_dir)


def serialise(directives):
    """A policy's text from (name, sources) pairs, in their order."""
    return "; ".join(" ".join([name] + list(sources)) for name, sources in directives)


def policy_for(html, allowed=None, page="index.html", site_dir=None):
    directives = []
    for name, sources in BASE:
        sources = list(sources)
        if name == "script-src":
            if has_quiz(html):
                sources += QUIZ_SCRIPT_SOURCES
            sources += inline_script_hashes(html, allowed, page, site_dir)
        directives.append((name, sources))
    return serialise(directives)


def add_policy(html, policy):
    """The page with `policy` right after <meta charset> (it must precede every script), replacing one
    from an earlier run."""
    html = re.sub(r'\s*<meta %s content="[^"]*">' % re.escape(META_NAME), "", html)
    meta = '<meta %s content="%s">' % (META_NAME, policy)
    # A page without <head> (an HTML file of the docs, say) gets one from the parser, which puts a <meta>
    # met before any content into it.
    match = (
        re.search(r"<meta charset=[^>]*>", html, re.I)
        or re.search(r"<head\b[^>]*>", html, re.I)
        or re.match(r"\s*(?:<!doctype[^>]*>\s*)?(?:<html\b[^>]*>)?", html, re.I)
    )
    return html[: match.end()] + "\n    " + meta + html[match.end() :]


def secure_page(html, allowed=None, page="index.html", site_dir=None):
    return add_policy(html, policy_for(html, allowed, page, site_dir))


def secure_site(site_dir, skip=(), custom_dir=None):
    """Add the policy to every HTML page under site_dir. Returns the pages changed, relative to site_dir.
    An HTML file that is not UTF-8 (one copied from docs_dir) is a content mistake: ContentError."""
    allowed = template_scripts(tuple(template_dirs(custom_dir)))
    pages, unreadable = [], []
    for root, _, files in os.walk(site_dir):
        for name in sorted(files):
            path = os.path.join(root, name)
            relative = os.path.relpath(path, site_dir)
            if not name.endswith(".html") or relative in skip:
                continue
            try:
                with open(path, encoding="utf-8") as handle:
                    html = handle.read()
            except UnicodeDecodeError as error:
                unreadable.append("%s:1: not UTF-8 (%s): save it as UTF-8" % (path, error.reason))
                continue
            with open(path, "w", encoding="utf-8") as handle:
                handle.write(secure_page(html, allowed, relative.replace(os.sep, "/"), site_dir))
            pages.append(relative)
    if unreadable:
        raise ContentError(unreadable)
    return pages
