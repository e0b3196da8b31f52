"""Generate sw.js at the site root with a precache list of what reading the site offline needs.

Each entry carries a hash of the file's content as its revision, so a new build re-downloads exactly the
files that changed. Written by hand in Python rather than with workbox-build: the manifest is a list of
hashes, and the Node tool would add about 500 npm packages to the project for that. The caching itself is
Workbox's (sitebuild/sw.js).

The precache is downloaded in the background of a reader's first visit, often on a phone's data plan, so it
holds only what browsing offline uses (`precached`): not source maps, not the search stemmers of languages
the site does not search in, and not the take-away copy, a file for downloading that the service worker
caches only once a reader opens it (`RUNTIME_CACHED` in sw.js).
"""

import hashlib
import json
import os
import re

from .config import DEFAULT_CONFIG, load, offline_copy

TEMPLATE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sw.js")
SERVICE_WORKER = "sw.js"
# Material's search index: its `config.lang` is the list of languages its search worker loads stemmers for.
SEARCH_INDEX = "search/search_index.json"
LUNR_DIR = "assets/javascripts/lunr/"


def search_languages(site_dir):
    """The languages Material's search uses on this site, as its build wrote them into the index; None when
    the site has no such index (another search, or none)."""
    path = os.path.join(site_dir, SEARCH_INDEX)
    if not os.path.isfile(path):
        return None
    with open(path, encoding="utf-8") as handle:
        languages = (json.load(handle).get("config") or {}).get("lang")
    return list(languages) if isinstance(languages, list) else None


def lunr_files(languages):
    """The files under LUNR_DIR that Material's search worker imports for these languages (mirrors its
    loader: a segmenter for Japanese, Hindi and Thai, a stemmer per language but English, the multi-language
    glue for more than one, and the shared stemmer support whenever it imports any)."""
    wanted = []
    for language in languages:
        if language == "ja":
            wanted.append("tinyseg.js")
        elif language in ("hi", "th"):
            wanted.append("wordcut.js")
        if language != "en":
            wanted.append("min/lunr.%s.min.js" % language)
    if len(languages) > 1:
        wanted.append("min/lunr.multi.min.js")
    if wanted:
        wanted.append("min/lunr.stemmer.support.min.js")
    return {LUNR_DIR + name for name in wanted}


def precached(url, languages, runtime_cached=()):
    """Whether a built file (site-root-relative url) goes into the precache."""
    if url == SERVICE_WORKER or url.endswith(".map") or url in runtime_cached:
        return False
    if url.startswith(LUNR_DIR) and languages is not None:
        return url in lunr_files(languages)
    return True


def manifest(site_dir, runtime_cached=()):
    """[{"url", "revision"}] for every file under site_dir the precache holds (see `precached`)."""
    languages = search_languages(site_dir)
    entries = []
    for root, dirs, files in os.walk(site_dir):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(root, name)
            url = os.path.relpath(path, site_dir).replace(os.sep, "/")
            if not precached(url, languages, runtime_cached):
                continue
            with open(path, "rb") as handle:
                revision = hashlib.sha256(handle.read()).hexdigest()[:16]
            entries.append({"url": url, "revision": revision})
    return entries


def runtime_cached_files(config_file=DEFAULT_CONFIG):
    """Files the service worker caches when a reader opens them rather than in advance: the take-away copy."""
    copy = offline_copy(load(config_file))
    return (copy.file_name,) if copy else ()


def precache_manifest(sw_source):
    """The precache list written into a generated sw.js, read back."""
    return json.loads(re.search(r"^const PRECACHE = (.*?);$", sw_source, re.M | re.S).group(1))


def write_service_worker(site_dir, config_file=DEFAULT_CONFIG):
    runtime_cached = runtime_cached_files(config_file)
    entries = manifest(site_dir, runtime_cached)
    with open(TEMPLATE, encoding="utf-8") as handle:
        source = handle.read()
    source = source.replace("__PRECACHE_MANIFEST__", json.dumps(entries, indent=0, separators=(",", ":")))
    source = source.replace("__RUNTIME_CACHED__", json.dumps(list(runtime_cached)))
    with open(os.path.join(site_dir, SERVICE_WORKER), "w", encoding="utf-8") as handle:
        handle.write(source)
    return entries
