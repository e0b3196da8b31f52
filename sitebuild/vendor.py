"""Copy the site's own third-party browser files (not the quiz's) out of node_modules into docs/assets.

- Workbox, self-hosted: the service worker's precaching and routing (see sitebuild/service_worker.py), and
  workbox-window, which registers it from the pages and offers a new build (docs/javascripts/offline.js).
- iframe-worker: the shim Material's offline plugin needs for search from a downloaded copy. The plugin
  would link it from a CDN; mkdocs.yml lists this copy in `extra.polyfills` instead.
"""

import os

from .files import NODE_MODULES, sync_files

WORKBOX_DIR = os.path.join("assets", "vendor", "workbox")
IFRAME_WORKER_DIR = os.path.join("assets", "vendor", "iframe-worker")
IFRAME_WORKER_SHIM = "shim.js"

# workbox-sw loads the production build of each module it needs from its own folder.
WORKBOX_PACKAGES = ("workbox-core", "workbox-precaching", "workbox-routing", "workbox-strategies")
# The pages' side, as a plain script defining `workbox.Workbox` (mkdocs.yml lists it before offline.js).
WORKBOX_WINDOW = "workbox-window.prod.umd.js"


def prepare(docs_dir):
    """Copy the files into docs_dir. Returns their paths relative to docs_dir."""
    workbox = {"workbox-sw.js": os.path.join(NODE_MODULES, "workbox-sw", "build", "workbox-sw.js")}
    for package in WORKBOX_PACKAGES:
        name = package + ".prod.js"
        workbox[name] = os.path.join(NODE_MODULES, package, "build", name)
    workbox[WORKBOX_WINDOW] = os.path.join(NODE_MODULES, "workbox-window", "build", WORKBOX_WINDOW)
    shim = {IFRAME_WORKER_SHIM: os.path.join(NODE_MODULES, "iframe-worker", "shim", "index.js")}
    copied = []
    for target, files in ((WORKBOX_DIR, workbox), (IFRAME_WORKER_DIR, shim)):
        sync_files(files, os.path.join(docs_dir, target))
        copied += [os.path.join(target, name) for name in files]
    return copied
