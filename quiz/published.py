"""What the build reads of a docs folder, so that the check reads the same: the pages MkDocs leaves out
(`exclude_docs`, and `draft_docs` in a build; its own default `.*` and `/templates/`), and the folder-wide
settings of Material's meta plugin (`.meta.yml` files, merged into the meta of every page below them).

Build-time code (CPython).
"""

import os

import pathspec

# MkDocs' own exclusions (mkdocs.structure.files), which every site has.
DEFAULT_EXCLUDED = (".*", "/templates/")
META_PLUGIN = "material/meta"
DEFAULT_META_FILE = ".meta.yml"


def exclusion(*specs):
    """A predicate on a page's path under docs_dir ("a/b.md"): is it left out of the build? Each spec is
    what MkDocs' config holds (a GitIgnoreSpec), or the patterns as written in mkdocs.yml, or None."""
    combined = pathspec.gitignore.GitIgnoreSpec.from_lines(DEFAULT_EXCLUDED)
    for spec in specs:
        if isinstance(spec, str):
            spec = pathspec.gitignore.GitIgnoreSpec.from_lines(spec.splitlines())
        if spec:
            combined = combined + spec
    return combined.match_file


def meta_file_name(options):
    """The meta plugin's file name, from its options as mkdocs.yml gives them (None: the plugin is off)."""
    if options is None or options.get("enabled", True) is False:
        return None
    return str(options.get("meta_file") or DEFAULT_META_FILE)


def meta_files(docs_dir, name):
    """Every meta file under docs_dir, as (path, folder under docs_dir with "/", or "" for docs_dir itself).
    The meta plugin reads them whatever exclude_docs says: it takes them out of the site itself."""
    found = []
    for root, dirs, files in os.walk(docs_dir):
        dirs.sort()
        if name in files:
            folder = os.path.relpath(root, docs_dir).replace(os.sep, "/")
            found.append((os.path.join(root, name), "" if folder == "." else folder + "/"))
    return found
