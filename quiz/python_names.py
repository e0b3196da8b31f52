"""`!!python/name:module.attr` settings of Markdown extensions, as MkDocs gives them to the extensions.

quiz.config reads such a tag as its text, without importing anything. The check needs the objects some of
them name, because they decide what a page renders to: toc's `slugify` makes the anchors that `see:` and
links must match. They are imported here exactly as `mkdocs build` imports them; a name that cannot be
imported stays text, and the extension is then loaded without its settings (quiz.blocks).
"""

import importlib

TAG = "tag:yaml.org,2002:python/name:"


def _imported(name):
    module, _, attribute = name.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError, ValueError):
        return None


def resolved(value):
    """value with every `!!python/name:` string in it (in dicts and lists too) replaced by its object."""
    if isinstance(value, str) and value.startswith(TAG):
        found = _imported(value[len(TAG) :])
        return value if found is None else found
    if isinstance(value, dict):
        return {key: resolved(item) for key, item in value.items()}
    if isinstance(value, list):
        return [resolved(item) for item in value]
    return value
