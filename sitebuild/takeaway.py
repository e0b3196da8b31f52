"""The take-away copy: one self-contained HTML file of the article, the quiz and the evidence page that works
when opened straight from disk (file://) with no server and no network.

A plain multi-file build cannot run the quiz from disk: browsers refuse module scripts from file:// (origin
null). One file can, if nothing in it needs a second file:
- the page's CSS is inlined;
- every PyScript chunk and the MicroPython loader become data: URLs in an import map, their relative
  imports rewritten to the map's names;
- the interpreter's .wasm and the quiz's .py files sit in inert <script type="application/octet-stream">
  blocks, served by a small fetch() wrapper to URLs under a reserved name (https://takeaway.invalid/),
  which never reach a network.
It is generated from the built pages after each build, so it never drifts from the site.
"""

import base64
import datetime
import html
import json
import os
import re

from quiz.assets import QUIZ_ASSETS, QUIZ_RUNTIME, VENDOR_MICROPYTHON, VENDOR_PYSCRIPT

FILE_NAME = "ankle-mobility-offline.html"
ORIGIN = "https://takeaway.invalid/"
# Pages of the site in the copy, in order, with the id of the section each becomes.
PAGES = (("unlock-your-ankles.html", "article"), ("quiz.html", "quiz"), ("evidence.html", "evidence"))
PY_CONFIG_RE = re.compile(r"<py-config>(.*?)</py-config>", re.S)

ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
STYLESHEET_RE = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
HREF_RE = re.compile(r'href="([^"]*)"')
ID_RE = re.compile(r'\bid="([^"]+)"')
SOURCE_MAP_RE = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")


class TakeawayError(Exception):
    pass


def _read(path, mode="r"):
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as handle:
        return handle.read()


def _data_url(mime, data):
    return "data:%s;base64,%s" % (mime, base64.b64encode(data).decode("ascii"))


def _script_safe(text):
    """Text for inside <style> or <script>: nothing in it may close the element."""
    return text.replace("</", "<\\/")


def _content(site_dir, page):
    found = ARTICLE_RE.search(_read(os.path.join(site_dir, page)))
    if not found:
        raise TakeawayError("%s has no article content" % page)
    # Zensical puts the skip-link target inside the article; it is page chrome, not content.
    return re.sub(r'<a id="__skip"[^>]*></a>', "", found.group(1))


def _relink(body, sections):
    """Links between the pages in the copy become in-page links; links to other pages lose their target."""

    def replace(match):
        href = html.unescape(match.group(1))
        if href.startswith(("#", "http://", "https://", "mailto:")):
            return match.group(0)
        page, _, anchor = href.partition("#")
        page = page.split("?")[0].lstrip("./")
        if page in sections:
            return 'href="#%s"' % html.escape(anchor or sections[page], quote=True)
        return 'href="#%s"' % sections[PAGES[0][0]]

    return HREF_RE.sub(replace, body)


def _styles(site_dir, page_html):
    css = []
    for href in STYLESHEET_RE.findall(page_html):
        path = os.path.join(site_dir, href)
        if os.path.isfile(path):
            css.append(SOURCE_MAP_RE.sub("", _read(path)))
    return "\n".join(css)


def _pyscript(site_dir):
    """(import map, inert data blocks, module bootstrap) for PyScript, MicroPython and the quiz."""
    imports = {}
    pyscript_dir = os.path.join(site_dir, VENDOR_PYSCRIPT)
    for name in sorted(os.listdir(pyscript_dir)):
        if not name.endswith(".js"):
            continue
        source = _read(os.path.join(pyscript_dir, name))
        source = re.sub(
            r'(["\'])\./([\w.-]+\.js)\1', lambda m: "%spyscript/%s%s" % (m.group(1), m.group(2), m.group(1)), source
        )
        imports["pyscript/" + name] = _data_url("text/javascript", source.encode("utf-8"))
    micropython_dir = os.path.join(site_dir, VENDOR_MICROPYTHON)
    imports[ORIGIN + "micropython.mjs"] = _data_url(
        "text/javascript", _read(os.path.join(micropython_dir, "micropython.mjs"), "rb")
    )
    blocks = [
        (
            ORIGIN + "micropython.wasm",
            "application/wasm",
            _read(os.path.join(micropython_dir, "micropython.wasm"), "rb"),
        )
    ]
    for name in QUIZ_RUNTIME:
        blocks.append((ORIGIN + name, "text/plain", _read(os.path.join(site_dir, QUIZ_ASSETS, name), "rb")))
    return imports, blocks


FETCH_SHIM = """
// Answers PyScript's requests for the interpreter and the quiz's Python from the blocks in this file.
(function () {
  var files = {};
  document.querySelectorAll("script[data-takeaway-url]").forEach(function (block) {
    files[block.getAttribute("data-takeaway-url")] = block;
  });
  var realFetch = window.fetch.bind(window);
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : (input && input.url) || String(input);
    var block = files[url];
    if (!block) return realFetch(input, init);
    var binary = atob(block.textContent.trim());
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return Promise.resolve(new Response(bytes, {
      status: 200,
      headers: { "Content-Type": block.getAttribute("data-type") }
    }));
  };
})();
"""

SCHEME_SCRIPT = """
// Follow the reader's light or dark setting, as the site does.
if (window.matchMedia && matchMedia("(prefers-color-scheme: dark)").matches) {
  document.body.setAttribute("data-md-color-scheme", "slate");
}
"""


def build_takeaway(site_dir):
    """Write the single-file copy into site_dir. Returns its path, or None for a site without these pages
    (a test or benchmark build of other content)."""
    if not all(os.path.isfile(os.path.join(site_dir, page)) for page, _ in PAGES):
        return None
    sections = {page: section for page, section in PAGES}
    parts, seen_ids = [], {}
    for page, section in PAGES:
        body = _relink(_content(site_dir, page), sections)
        for found in ID_RE.findall(body) + [section]:
            if found in seen_ids and seen_ids[found] != page:
                raise TakeawayError(
                    "id %r is used by both %s and %s: the copy needs unique ids" % (found, seen_ids[found], page)
                )
            seen_ids[found] = page
        parts.append('<section class="takeaway-page" id="%s">\n%s\n</section>' % (section, body))

    quiz_html = _read(os.path.join(site_dir, "quiz.html"))
    css = _styles(site_dir, quiz_html)
    # The same PyScript plugin choices as the site's quiz page.
    found = PY_CONFIG_RE.search(quiz_html)
    if not found:
        raise TakeawayError("quiz.html has no <py-config>")
    unused_plugins = json.loads(html.unescape(found.group(1)))["plugins"]
    imports, blocks = _pyscript(site_dir)
    config = {
        "interpreter": ORIGIN + "micropython.mjs",
        "files": {ORIGIN + name: "./" + name for name in QUIZ_RUNTIME if name != "app.py"},
        "plugins": unused_plugins,
    }
    title = "Unlock Your Ankles to Reduce Knee, Hip and Back Pain: offline copy"
    built = datetime.date.today().isoformat()
    data_blocks = "\n".join(
        '<script type="application/octet-stream" data-takeaway-url="%s" data-type="%s">%s</script>'
        % (html.escape(url), mime, base64.b64encode(data).decode("ascii"))
        for url, mime, data in blocks
    )
    document = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>%(title)s</title>
<style>%(css)s
.takeaway-page + .takeaway-page { margin-top: 3rem; border-top: 0.1rem solid var(--md-default-fg-color--lightest); }
</style>
<script type="importmap">%(importmap)s</script>
</head>
<body dir="ltr" data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo">
<script>%(scheme)s</script>
<div class="md-container"><main class="md-main"><div class="md-main__inner md-grid"><div class="md-content">
<article class="md-content__inner md-typeset">
<div class="admonition info"><p class="admonition-title">An offline copy</p>
<p>This single file holds the article, the self-check quiz and the evidence notes from the Ankle Mobility
site, as built on <time datetime="%(built)s">%(built)s</time>. It works without a network: open it in a
browser. Quiz answers are saved in this browser only.</p>
<p>Contents: <a href="#article">the article</a>, <a href="#quiz">the quiz</a>,
<a href="#evidence">what the evidence says</a>.</p></div>
%(parts)s
</article>
</div></div></main></div>
%(blocks)s
<script>%(shim)s</script>
<py-config>%(pyconfig)s</py-config>
<script type="module">import "pyscript/core.js";</script>
<mpy-script src="%(origin)sapp.py" config="%(config)s"></mpy-script>
</body>
</html>
""" % {
        "title": html.escape(title),
        "css": _script_safe(css),
        "importmap": _script_safe(json.dumps({"imports": imports})),
        "scheme": SCHEME_SCRIPT,
        "built": built,
        "parts": "\n".join(parts),
        "blocks": data_blocks,
        "shim": FETCH_SHIM,
        "pyconfig": html.escape(json.dumps({"plugins": unused_plugins})),
        "origin": ORIGIN,
        "config": html.escape(json.dumps(config), quote=True),
    }
    path = os.path.join(site_dir, FILE_NAME)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(document)
    return path
