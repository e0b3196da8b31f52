"""Copy what a quiz page runs out of node_modules and quiz/ into docs/assets, before any build.

A plain step (`python -m quiz prepare`) rather than MkDocs-only code, so any generator reading mkdocs.yml
publishes the same files. Only the files a quiz page loads are copied: PyScript's entry module, the chunks it
imports statically, the plugins the page keeps (see overrides/main.html), the MicroPython interpreter, and
the quiz's own Python. Never source maps, editors, terminals or Pyodide helpers.
"""

import os
import re
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NODE_MODULES = os.path.join(ROOT, "node_modules")
PYSCRIPT_DIST = os.path.join(NODE_MODULES, "@pyscript", "core", "dist")
MICROPYTHON_DIR = os.path.join(NODE_MODULES, "@micropython", "micropython-webassembly-pyscript")

# PyScript plugins the quiz page lets load; the others are switched off in the page's config.
KEPT_PLUGINS = ("error",)
PYSCRIPT_ENTRIES = ("core.js", "core.css")
MICROPYTHON_FILES = ("micropython.mjs", "micropython.wasm")
QUIZ_RUNTIME = ("app.py", "scoring.py")

# Where they land, relative to docs_dir; overrides/main.html links the same paths.
VENDOR_PYSCRIPT = os.path.join("assets", "vendor", "pyscript")
VENDOR_MICROPYTHON = os.path.join("assets", "vendor", "micropython")
QUIZ_ASSETS = os.path.join("assets", "quiz")

STATIC_IMPORT_RE = re.compile(r'(?:\bfrom|\bimport)\s*"\./([\w.-]+\.js)"')
DYNAMIC_IMPORT_RE = re.compile(r'\bimport\(\s*"\./([\w.-]+\.js)"\s*\)')


class AssetError(Exception):
    pass


def pyscript_files(dist=PYSCRIPT_DIST):
    """PyScript's entry files plus every chunk they import at start, following imports transitively."""
    if not os.path.isdir(dist):
        raise AssetError("%s is missing: run `npm ci` (the Makefile does it for you)" % dist)
    wanted = list(PYSCRIPT_ENTRIES)
    index = 0
    while index < len(wanted):
        name = wanted[index]
        index += 1
        if not name.endswith(".js"):
            continue
        with open(os.path.join(dist, name), encoding="utf-8") as handle:
            source = handle.read()
        found = STATIC_IMPORT_RE.findall(source)
        found += [chunk for chunk in DYNAMIC_IMPORT_RE.findall(source)
                  if chunk.rsplit("-", 1)[0] in KEPT_PLUGINS]
        for chunk in found:
            if chunk not in wanted:
                wanted.append(chunk)
    missing = [name for name in wanted if not os.path.isfile(os.path.join(dist, name))]
    if missing:
        raise AssetError("PyScript files named by its imports are missing: %s" % ", ".join(missing))
    return sorted(wanted)


def _sync(source_dir, names, target_dir):
    """Make target_dir hold exactly `names` from source_dir, so stale hashed chunks never linger."""
    os.makedirs(target_dir, exist_ok=True)
    for name in os.listdir(target_dir):
        if name not in names:
            os.remove(os.path.join(target_dir, name))
    for name in names:
        source = os.path.join(source_dir, name)
        target = os.path.join(target_dir, name)
        if not os.path.isfile(source):
            raise AssetError("%s is missing: run `npm ci` (the Makefile does it for you)" % source)
        if not os.path.isfile(target) or not _same(source, target):
            shutil.copyfile(source, target)


def _same(a, b):
    if os.path.getsize(a) != os.path.getsize(b):
        return False
    with open(a, "rb") as first, open(b, "rb") as second:
        return first.read() == second.read()


def prepare(docs_dir):
    """Copy every run-time asset into docs_dir. Returns the copied paths relative to docs_dir."""
    plan = [
        (PYSCRIPT_DIST, pyscript_files(), VENDOR_PYSCRIPT),
        (MICROPYTHON_DIR, list(MICROPYTHON_FILES), VENDOR_MICROPYTHON),
        (os.path.join(ROOT, "quiz"), list(QUIZ_RUNTIME), QUIZ_ASSETS),
    ]
    copied = []
    for source_dir, names, target in plan:
        _sync(source_dir, names, os.path.join(docs_dir, target))
        copied.extend(os.path.join(target, name) for name in names)
    return copied
