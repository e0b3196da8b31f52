"""Generate sw.js at the site root with a precache list of every file of the built site.

Each entry carries a hash of the file's content as its revision, so a new build re-downloads exactly the
files that changed. Written by hand in Python rather than with workbox-build: the manifest is a list of
hashes, and the Node tool would add about 500 npm packages to the project for that. The caching itself is
Workbox's (sitebuild/sw.js).
"""

import hashlib
import json
import os

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sw.js")
SERVICE_WORKER = "sw.js"


def manifest(site_dir):
    """[{"url", "revision"}] for every file under site_dir except the service worker itself."""
    entries = []
    for root, dirs, files in os.walk(site_dir):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            url = os.path.relpath(path, site_dir).replace(os.sep, "/")
            if url == SERVICE_WORKER:
                continue
            with open(path, "rb") as handle:
                revision = hashlib.sha256(handle.read()).hexdigest()[:16]
            entries.append({"url": url, "revision": revision})
    return entries


def write_service_worker(site_dir):
    entries = manifest(site_dir)
    with open(TEMPLATE, encoding="utf-8") as handle:
        source = handle.read()
    source = source.replace("__PRECACHE_MANIFEST__", json.dumps(entries, indent=0, separators=(",", ":")))
    with open(os.path.join(site_dir, SERVICE_WORKER), "w", encoding="utf-8") as handle:
        handle.write(source)
    return entries
