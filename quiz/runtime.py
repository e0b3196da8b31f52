"""Every file a quiz page loads: where it comes from in this package and where it goes in a built site.

A quiz page loads PyScript (its entry module and the chunks that module imports), the MicroPython
interpreter, the quiz's own Python and its web files (loader, fallback, stylesheet). PyScript and MicroPython
are package data under runtime/, copied from the npm packages pinned by package-lock.json when the
distribution is made (`python -m sitebuild vendor-runtime`, which `make setup` runs) and listed in
runtime/manifest.json, so a site using the plugin needs neither npm nor a CDN.

Build-time code (CPython): the browser never imports this module.
"""

import hashlib
import json
import os

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
RUNTIME_SOURCE = os.path.join(PACKAGE_DIR, "runtime")
WEB_SOURCE = os.path.join(PACKAGE_DIR, "web")
# Every module of browser/ is the quiz's Python in the browser (its __init__ says why the folder is the list).
BROWSER_SOURCE = os.path.join(PACKAGE_DIR, "browser")
MANIFEST = os.path.join(RUNTIME_SOURCE, "manifest.json")

# The only place that names the runtime's folders in a built site (paths relative to the site root, with
# "/"). Everything under SITE_PREFIX belongs to the quiz: the fallback script tells the runtime's own
# failures from anything else on the page by it.
SITE_PREFIX = "assets/quiz/"
PYSCRIPT_DIR = SITE_PREFIX + "pyscript"
MICROPYTHON_DIR = SITE_PREFIX + "micropython"
WEB_DIR = SITE_PREFIX + "web"

PYSCRIPT_ENTRY = "core.js"
PYSCRIPT_CSS = "core.css"
INTERPRETER = "micropython.mjs"
# The quiz's Python as served to the browser: the page runs app.py, which imports the others.
APP = "app.py"
PYTHON_FILES = tuple(
    sorted(name for name in os.listdir(BROWSER_SOURCE) if name.endswith(".py") and name != "__init__.py")
)
WEB_FILES = ("quiz-loader.js", "quiz-fallback.js", "quiz-storage.js", "quiz.css")


def python_version(source_dir=BROWSER_SOURCE):
    """A digest of the quiz's Python, which names its folder in a built site.

    A build whose Python changed publishes it at new addresses, so a page of the previous build never runs
    it: a deploy landing between a page's HTML and its Python leaves that page its own files missing, which
    the fallback reports at once. (A page the service worker controls stays on one build anyway; this covers
    a first visit, before any worker.)"""
    digest = hashlib.sha256()
    for name in PYTHON_FILES:
        with open(os.path.join(source_dir, name), "rb") as handle:
            digest.update(name.encode("utf-8") + b"\0" + handle.read() + b"\0")
    return digest.hexdigest()[:12]


PYTHON_DIR = SITE_PREFIX + "python-" + python_version()

# PyScript plugins a quiz page switches off: no editor, terminal, game or worker helper, six requests fewer.
# The page gives this list to PyScript's config; the packaging step copies the chunks of the plugins kept
# ("error" cannot be switched off: PyScript 0.7 imports it whatever the list says).
PYSCRIPT_UNUSED_PLUGINS = ["!deprecations-manager", "!donkey", "!py-editor", "!py-game", "!py-terminal"]
PYSCRIPT_KEPT_PLUGINS = ("error",)

# Folders of runtime/ and of the built site, by manifest entry.
VENDORED = (("pyscript", PYSCRIPT_DIR), ("micropython", MICROPYTHON_DIR))


class RuntimeFilesError(Exception):
    pass


def manifest(path=MANIFEST):
    """runtime/manifest.json: {"pyscript": {"package", "version", "files"}, "micropython": {...}}."""
    if not os.path.isfile(path):
        raise RuntimeFilesError(
            "%s is missing: this copy of the quiz package has no PyScript or MicroPython files; "
            "in a checkout of it, run `make setup` (or `python -m sitebuild vendor-runtime`)" % path
        )
    with open(path, encoding="utf-8") as handle:
        data = json.load(handle)
    for name, _ in VENDORED:
        if not isinstance(data.get(name), dict) or not data[name].get("files"):
            raise RuntimeFilesError("%s lists no %s files: run `make setup` again" % (path, name))
    return data


def site_files():
    """[(path in the built site, absolute source path)] for everything a quiz page needs."""
    listing = manifest()
    found = []
    for name, site_dir in VENDORED:
        for file_name in listing[name]["files"]:
            found.append((site_dir + "/" + file_name, os.path.join(RUNTIME_SOURCE, name, file_name)))
    found += [(PYTHON_DIR + "/" + name, os.path.join(BROWSER_SOURCE, name)) for name in PYTHON_FILES]
    found += [(WEB_DIR + "/" + name, os.path.join(WEB_SOURCE, name)) for name in WEB_FILES]
    missing = [source for _, source in found if not os.path.isfile(source)]
    if missing:
        raise RuntimeFilesError(
            "the quiz package is incomplete, missing: %s; in a checkout, run `make setup`" % ", ".join(missing)
        )
    return found


def preloads(paths):
    """(modules, fetched files) among site paths, for the loader to request early: every JavaScript
    module (PyScript's entry too, so the module script added later finds it fetched), then the interpreter's
    .wasm and the quiz's Python, which PyScript fetch()es."""
    modules = sorted(path for path in paths if path.endswith((".js", ".mjs")) and not path.startswith(WEB_DIR))
    fetched = [path for path in paths if path.endswith(".wasm")]
    fetched += [PYTHON_DIR + "/" + name for name in PYTHON_FILES if PYTHON_DIR + "/" + name in paths]
    return modules, fetched
