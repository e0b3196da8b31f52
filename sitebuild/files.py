"""Copying third-party browser files out of node_modules (pinned by package-lock.json), shared by the steps
that vendor them: the quiz runtime packaged with the plugin, and the site's own Workbox and iframe-worker."""

import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NODE_MODULES = os.path.join(ROOT, "node_modules")


class AssetError(Exception):
    pass


def sync_files(files, target_dir):
    """Make target_dir hold exactly `files` ({name in target: source path}), copying only what changed, so
    stale hashed chunks never linger and unchanged files keep their timestamps."""
    os.makedirs(target_dir, exist_ok=True)
    for name in os.listdir(target_dir):
        if name not in files:
            os.remove(os.path.join(target_dir, name))
    for name, source in files.items():
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
