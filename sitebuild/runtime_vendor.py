"""Packaging step of the quiz plugin: copy the browser runtime out of node_modules into quiz/runtime/.

`python -m sitebuild vendor-runtime` (run by `make setup`, before `make wheel`). Only what a quiz page loads
is copied: PyScript's entry files, the chunks they import statically, the chunks of the plugins the page
keeps (quiz.runtime.PYSCRIPT_KEPT_PLUGINS), and the MicroPython interpreter. Never source maps, editors,
terminals or Pyodide helpers. quiz/runtime/manifest.json lists the files and the npm versions they came from;
quiz/runtime.py reads it to publish them.
"""

import json
import os
import re

from quiz.runtime import INTERPRETER, MANIFEST, PYSCRIPT_CSS, PYSCRIPT_ENTRY, PYSCRIPT_KEPT_PLUGINS, RUNTIME_SOURCE

from .files import NODE_MODULES, AssetError, sync_files

PYSCRIPT_PACKAGE = "@pyscript/core"
MICROPYTHON_PACKAGE = "@micropython/micropython-webassembly-pyscript"
MICROPYTHON_FILES = (INTERPRETER, "micropython.wasm")

STATIC_IMPORT_RE = re.compile(r'(?:\bfrom|\bimport)\s*"\./([\w.-]+\.js)"')
DYNAMIC_IMPORT_RE = re.compile(r'\bimport\(\s*"\./([\w.-]+\.js)"\s*\)')


def _package_dir(package, node_modules):
    return os.path.join(node_modules, *package.split("/"))


def _version(package, node_modules):
    path = os.path.join(_package_dir(package, node_modules), "package.json")
    if not os.path.isfile(path):
        raise AssetError("%s is missing: run `npm ci` (the Makefile does it for you)" % path)
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)["version"]


def pyscript_files(node_modules=NODE_MODULES):
    """PyScript's entry files plus every chunk they import at start, following imports transitively."""
    dist = os.path.join(_package_dir(PYSCRIPT_PACKAGE, node_modules), "dist")
    if not os.path.isdir(dist):
        raise AssetError("%s is missing: run `npm ci` (the Makefile does it for you)" % dist)
    wanted = [PYSCRIPT_ENTRY, PYSCRIPT_CSS]
    index = 0
    while index < len(wanted):
        name = wanted[index]
        index += 1
        if not name.endswith(".js") or not os.path.isfile(os.path.join(dist, name)):
            continue
        with open(os.path.join(dist, name), encoding="utf-8") as handle:
            source = handle.read()
        found = STATIC_IMPORT_RE.findall(source)
        found += [
            chunk for chunk in DYNAMIC_IMPORT_RE.findall(source) if chunk.rsplit("-", 1)[0] in PYSCRIPT_KEPT_PLUGINS
        ]
        for chunk in found:
            if chunk not in wanted:
                wanted.append(chunk)
    missing = [name for name in wanted if not os.path.isfile(os.path.join(dist, name))]
    if missing:
        raise AssetError("PyScript files named by its imports are missing: %s" % ", ".join(missing))
    return sorted(wanted)


def vendor_runtime(target=RUNTIME_SOURCE, node_modules=NODE_MODULES):
    """Make target hold exactly the runtime a quiz page loads, and its manifest. Returns the manifest."""
    plan = (
        ("pyscript", PYSCRIPT_PACKAGE, "dist", pyscript_files(node_modules)),
        ("micropython", MICROPYTHON_PACKAGE, "", list(MICROPYTHON_FILES)),
    )
    listing = {}
    for name, package, folder, files in plan:
        source = os.path.join(_package_dir(package, node_modules), folder)
        sync_files({file_name: os.path.join(source, file_name) for file_name in files}, os.path.join(target, name))
        listing[name] = {"package": package, "version": _version(package, node_modules), "files": files}
    # Written every time: its date is what `make setup` compares with package-lock.json.
    path = os.path.join(target, os.path.basename(MANIFEST))
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(listing, handle, indent=2, sort_keys=True)
        handle.write("\n")
    return listing
