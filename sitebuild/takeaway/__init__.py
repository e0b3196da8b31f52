"""The take-away copy: one self-contained HTML file of chosen pages of the site, quiz included, that works
when opened straight from disk (file://) with no server and no network.

A plain multi-file build cannot run the quiz from disk: browsers refuse module scripts from file:// (origin
null). One file can, if nothing in it needs a second file:
- the page's CSS is inlined;
- every PyScript chunk and the MicroPython loader become data: URLs in an import map, their relative
  imports rewritten to the map's names;
- the interpreter's .wasm and the quiz's .py files sit in inert <script type="application/octet-stream">
  blocks, served by a small fetch() wrapper to URLs under a reserved name (https://takeaway.invalid/),
  which never reach a network.
It is generated from the built pages after each build, so it never drifts from the site. mkdocs.yml says
which pages, under what title and file name (sitebuild/config.py); the document itself is
takeaway.html in this package, with its two scripts beside it.

Its Content-Security-Policy (a <meta> tag, policy() below) is as tight as that design allows: no host at
all, not even its own folder; scripts only by hash, and only those the template writes (found by rendering
the template without the pages, so nothing in a page's content is ever hashed), with 'strict-dynamic' so
the PyScript modules its import map names (data: URLs) load from the hashed module script, while a
<script src=data:...> in a page would not; the stylesheet by hash; images only as data: URLs (local images
of the pages are inlined). 'unsafe-eval' and 'wasm-unsafe-eval' only when it holds a quiz, as on the site.
"""

import base64
import datetime
import html
import json
import mimetypes
import os
import posixpath
import re

import jinja2
from markdown.extensions.toc import slugify
from markupsafe import Markup

from quiz.page import SETTINGS_RE
from quiz.runtime import APP, INTERPRETER, MICROPYTHON_DIR, PYSCRIPT_DIR, PYTHON_DIR, PYTHON_FILES, WEB_SOURCE
from quiz.source import display_path, mask_fences

from ..content_error import ContentError
from ..csp import LOCKED, QUIZ_SCRIPT_SOURCES, SCRIPT_SRC_TYPES, inline_scripts, script_hash, serialise

# Its template and the two scripts the template inlines sit beside this module.
TEMPLATES = os.path.dirname(os.path.abspath(__file__))
ORIGIN = "https://takeaway.invalid/"
PY_CONFIG_RE = re.compile(r"<py-config>(.*?)</py-config>", re.S)

ARTICLE_RE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
STYLESHEET_RE = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
HREF_RE = re.compile(r'href="([^"]*)"')
ID_RE = re.compile(r'\bid="([^"]+)"')
SOURCE_MAP_RE = re.compile(r"/\*# sourceMappingURL=[^*]*\*/")
H1_RE = re.compile(r"<h1\b[^>]*>(.*?)</h1>", re.S)
HEADERLINK_RE = re.compile(r'<a class="headerlink"[^>]*>.*?</a>', re.S)
TAG_RE = re.compile(r"<[^>]+>")
HTML_LANG_RE = re.compile(r"<html\b[^>]*\blang=\"([^\"]+)\"")
BODY_RE = re.compile(r"<body\b([^>]*)>")
ATTRIBUTE_RE = re.compile(r'([\w-]+)="([^"]*)"')
SCHEME_RE = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:|^//")
# A Markdown heading and its id, as the toc extension makes it (an explicit `{ #id }` wins).
HEADING_LINE_RE = re.compile(r"^ {0,3}#{1,6}[ \t]+(?P<text>.*?)[ \t]*(?:\{(?P<attrs>[^}]*)\})?[ \t#]*$")
EXPLICIT_ID_RE = re.compile(r"#([\w-]+)")
ID_CLASH = (
    "%s:%d: %s has the id #%s, as does %s at %s:%d; the take-away copy holds both pages in one file, where ids "
    "must differ: reword one heading or give it an id of its own (`## Heading { #other-id }`)"
)


IMG_SRC_RE = re.compile(r'(<img\b[^>]*?\bsrc=")([^"]*)(")')
STYLE_RE = re.compile(r"<style>(.*?)</style>", re.S)


class TakeawayError(Exception):
    pass


class TakeawayContentError(TakeawayError, ContentError):
    """Mistakes in the pages the copy holds (ids used twice), as `path:line: message` lines."""


def _read(path, mode="r"):
    with open(path, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as handle:
        return handle.read()


def _data_url(mime, data):
    return "data:%s;base64,%s" % (mime, base64.b64encode(data).decode("ascii"))


def _script_safe(text):
    """Text for inside <style> or <script>: nothing in it may close the element."""
    return text.replace("</", "<\\/")


def _raw(text):
    """Text the template must insert as is, inside <style> or <script>."""
    return Markup(_script_safe(text))


def _environment():
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


def _text(fragment):
    return html.unescape(TAG_RE.sub("", HEADERLINK_RE.sub("", fragment))).strip()


def _content(site_dir, built, source):
    found = ARTICLE_RE.search(_read(os.path.join(site_dir, built)))
    if not found:
        raise TakeawayError("%s (from %s) has no article content" % (built, source))
    # Zensical puts the skip-link target inside the article; it is page chrome, not content.
    return re.sub(r'<a id="__skip"[^>]*></a>', "", found.group(1))


def _relink(body, built, sections, fallback):
    """Links between the pages in the copy become in-page links; links to other pages of the site lose
    their target (they go to the top of the copy). `sections` maps built pages to section ids."""
    folder = posixpath.dirname(built)

    def replace(match):
        href = html.unescape(match.group(1))
        if href.startswith("#") or SCHEME_RE.match(href):
            return match.group(0)
        path, _, anchor = href.partition("#")
        path = path.split("?")[0]
        target = posixpath.normpath(posixpath.join(folder, path)) if path else built
        if path.endswith("/") or target == ".":
            # A folder: its index page (a site with use_directory_urls links pages so).
            target = "index.html" if target == "." else target + "/index.html"
        return 'href="#%s"' % html.escape(anchor or sections.get(target, fallback), quote=True)

    return HREF_RE.sub(replace, body)


def _describe(body, element_id):
    """What carries an id, for an error message: a heading's text, else the element's tag."""
    found = re.search(r'<(\w+)\b[^>]*\bid="%s"[^>]*>(.*?)</\1>' % re.escape(element_id), body, re.S)
    if not found:
        return "an element"
    if re.match(r"h[1-6]$", found.group(1)):
        return 'heading "%s"' % _text(found.group(2))
    return "a <%s>" % found.group(1)


def _carrier(body, element_id):
    """What carries element_id in a page's body, or the page's own section (body None)."""
    return "the section of the page itself" if body is None else _describe(body, element_id)


def _source_line(docs_dir, source, element_id):
    """(path to show, line) of the Markdown that gives element_id: a heading's line, else the first line
    naming the id, else line 1."""
    path = os.path.join(docs_dir, source) if docs_dir else source
    try:
        with open(path, encoding="utf-8-sig") as handle:
            lines = mask_fences(handle.read()).split("\n")
    except (OSError, UnicodeDecodeError):
        return display_path(path), 1
    for number, line in enumerate(lines, 1):
        heading = HEADING_LINE_RE.match(line)
        if heading:
            explicit = EXPLICIT_ID_RE.search(heading.group("attrs") or "")
            if (explicit.group(1) if explicit else slugify(heading.group("text"), "-")) == element_id:
                return display_path(path), number
    named = re.compile(r"#%s\b|\bid=[\"']?%s\b" % (re.escape(element_id), re.escape(element_id)))
    return display_path(path), next((number for number, line in enumerate(lines, 1) if named.search(line)), 1)


def _inline_images(body, site_dir, built):
    """Local images of a page as data: URLs: the copy loads nothing, not even a file beside it."""

    def replace(match):
        src = html.unescape(match.group(2))
        if SCHEME_RE.match(src):
            return match.group(0)
        path = os.path.join(site_dir, posixpath.normpath(posixpath.join(posixpath.dirname(built), src.split("#")[0])))
        if not os.path.isfile(path):
            return match.group(0)
        mime = mimetypes.guess_type(path)[0] or "application/octet-stream"
        return match.group(1) + _data_url(mime, _read(path, "rb")) + match.group(3)

    return IMG_SRC_RE.sub(replace, body)


def policy(template_only, quiz):
    """The copy's policy, from its document rendered without the pages (template_only)."""
    scripts = sorted({script_hash(body) for body in inline_scripts(template_only, SCRIPT_SRC_TYPES)})
    styles = sorted({script_hash(body) for body in STYLE_RE.findall(template_only)})
    script_src = scripts + ["'strict-dynamic'"] + (QUIZ_SCRIPT_SOURCES if quiz else [])
    # One file, no host: everything it loads is inside it, as data: URLs or hashed inline blocks.
    return serialise(
        [
            ("default-src", ["'none'"]),
            ("script-src", script_src),
            ("style-src", styles),
            ("img-src", ["data:"]),
            ("font-src", ["data:"]),
        ]
        + LOCKED
    )


def _styles(site_dir, built, page_html):
    css = []
    for href in STYLESHEET_RE.findall(page_html):
        if SCHEME_RE.match(href):
            continue
        path = os.path.join(site_dir, posixpath.normpath(posixpath.join(posixpath.dirname(built), href)))
        if os.path.isfile(path):
            css.append(SOURCE_MAP_RE.sub("", _read(path)))
    return "\n".join(css)


def _pyscript(site_dir):
    """(import map, inert data blocks) for PyScript, MicroPython and the quiz."""
    needed = [PYSCRIPT_DIR, MICROPYTHON_DIR + "/" + INTERPRETER] + [PYTHON_DIR + "/" + name for name in PYTHON_FILES]
    missing = [path for path in needed if not os.path.exists(os.path.join(site_dir, path))]
    if missing:
        raise TakeawayError(
            "the quiz's runtime is not in the build (%s): the take-away copy needs it" % ", ".join(missing)
        )
    imports = {}
    pyscript_dir = os.path.join(site_dir, PYSCRIPT_DIR)
    for name in sorted(os.listdir(pyscript_dir)):
        if not name.endswith(".js"):
            continue
        source = _read(os.path.join(pyscript_dir, name))
        source = re.sub(
            r'(["\'])\./([\w.-]+\.js)\1', lambda m: "%spyscript/%s%s" % (m.group(1), m.group(2), m.group(1)), source
        )
        imports["pyscript/" + name] = _data_url("text/javascript", source.encode("utf-8"))
    micropython_dir = os.path.join(site_dir, MICROPYTHON_DIR)
    interpreter = _read(os.path.join(micropython_dir, INTERPRETER), "rb")
    imports[ORIGIN + INTERPRETER] = _data_url("text/javascript", interpreter)
    blocks = [
        (ORIGIN + name, "application/wasm", _read(os.path.join(micropython_dir, name), "rb"))
        for name in sorted(os.listdir(micropython_dir))
        if name.endswith(".wasm")
    ]
    for name in PYTHON_FILES:
        blocks.append((ORIGIN + name, "text/plain", _read(os.path.join(site_dir, PYTHON_DIR, name), "rb")))
    return imports, blocks


def _quiz(site_dir, quiz_html):
    """The template's quiz values: PyScript, the interpreter and the quiz's Python, all inside the file."""
    # The same PyScript plugin choices as the site's quiz page.
    found = PY_CONFIG_RE.search(quiz_html)
    unused_plugins = json.loads(html.unescape(found.group(1)))["plugins"]
    imports, blocks = _pyscript(site_dir)
    config = {
        "interpreter": ORIGIN + INTERPRETER,
        "files": {ORIGIN + name: "./" + name for name in PYTHON_FILES if name != APP},
        "plugins": unused_plugins,
    }
    settings = SETTINGS_RE.search(quiz_html)
    return {
        "settings": _raw(settings.group(1)) if settings else None,
        "importmap": _raw(json.dumps({"imports": imports})),
        "blocks": [
            {"url": url, "mime": mime, "data": _raw(base64.b64encode(data).decode("ascii"))}
            for url, mime, data in blocks
        ],
        "fetch_shim": _raw(_read(os.path.join(TEMPLATES, "fetch-shim.js"))),
        # The site's own guard around localStorage (app.Storage relies on it).
        "storage": _raw(_read(os.path.join(WEB_SOURCE, "quiz-storage.js"))),
        "pyconfig": json.dumps({"plugins": unused_plugins}),
        "app": ORIGIN + APP,
        "config": json.dumps(config),
    }


def date_in_words(iso, words):
    """The day of an ISO date in the site's words ("5 December 2026" for "2026-12-05"), by its `date` and
    `months` as the article's byline writes its date: a date no reader can take for another; the ISO date
    for a site without those words."""
    pattern, months = words.get("date"), words.get("months")
    if not pattern or not isinstance(months, list) or len(months) != 12:
        return iso
    year, month, day = iso.split("-")
    return pattern.replace("{day}", str(int(day))).replace("{month}", months[int(month) - 1]).replace("{year}", year)


def build_takeaway(site_dir, copy, built=None):
    """Write the single-file copy described by `copy` (a sitebuild.config.OfflineCopy) into site_dir.
    Every page it lists must be built. Returns the file's path."""
    missing = [source for source, page, _ in copy.pages if not os.path.isfile(os.path.join(site_dir, page))]
    if missing:
        raise TakeawayError("pages of the take-away copy are not in %s: %s" % (site_dir, ", ".join(missing)))
    sections = {page: section for _, page, section in copy.pages}
    fallback = copy.pages[0][2]
    parts, seen_ids, quiz_page, clashes = [], {}, None, []
    for source, page, section in copy.pages:
        page_html = _read(os.path.join(site_dir, page))
        if quiz_page is None and PY_CONFIG_RE.search(page_html):
            quiz_page = (page, page_html)
        body = _inline_images(_relink(_content(site_dir, page, source), page, sections, fallback), site_dir, page)
        # What carries each id is worked out only for a clash: describing every id of a long page scans the
        # page once per id.
        found_ids = [(found, body) for found in ID_RE.findall(body)] + [(section, None)]
        for found, where in found_ids:
            if found in seen_ids and seen_ids[found][0] != source:
                first, first_where = seen_ids[found]
                clashes.append(
                    ID_CLASH
                    % (
                        *_source_line(copy.docs_dir, source, found),
                        _carrier(where, found),
                        found,
                        _carrier(first_where, found),
                        *_source_line(copy.docs_dir, first, found),
                    )
                )
                continue
            seen_ids[found] = (source, where)
        title = H1_RE.search(body)
        parts.append({"id": section, "title": _text(title.group(1)) if title else section, "body": Markup(body)})
    if clashes:
        # Content mistakes, every one at once.
        raise TakeawayContentError(clashes)

    style_page, style_html = quiz_page or (copy.pages[0][1], _read(os.path.join(site_dir, copy.pages[0][1])))
    lang = HTML_LANG_RE.search(style_html)
    body = BODY_RE.search(style_html)
    body_attributes = [
        (name, html.unescape(value))
        for name, value in ATTRIBUTE_RE.findall(body.group(1) if body else "")
        if name == "dir" or name.startswith("data-md-color-")
    ]
    template = _environment().get_template("takeaway.html")
    built = built or datetime.date.today().isoformat()
    values = dict(
        lang=lang.group(1) if lang else "en",
        title=copy.title,
        site_name=copy.site_name,
        words=copy.words,
        built=built,
        built_in_words=date_in_words(built, copy.words),
        css=_raw(_styles(site_dir, style_page, style_html)),
        body_attributes=body_attributes,
        dark_palette=json.dumps(copy.dark_palette) if copy.dark_palette else "",
        color_scheme_script=_raw(_read(os.path.join(TEMPLATES, "color-scheme.js"))),
        quiz=_quiz(site_dir, quiz_page[1]) if quiz_page else None,
    )
    template_only = template.render(sections=[], csp="", **values)
    document = template.render(sections=parts, csp=policy(template_only, quiz_page is not None), **values)
    path = os.path.join(site_dir, copy.file_name)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(document)
    return path
