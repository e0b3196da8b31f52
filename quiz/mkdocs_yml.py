"""Read an mkdocs.yml outside MkDocs, for the commands that serve generators which ignore plugins.

YAML's safe loader, taught the tags mkdocs.yml may carry: `!ENV` is resolved as MkDocs resolves it, and
object tags such as `!!python/name:` (which MkDocs would import) stay plain text. Reading a config never
imports or runs code named in it.
"""

import os

import yaml


class ConfigError(Exception):
    pass


class _Loader(yaml.SafeLoader):
    pass


def _env(loader, node):
    """`!ENV NAME` or `!ENV [NAME, OTHER, default]`: the first variable set, else the default (or None)."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        names = loader.construct_sequence(node)
        default = names.pop() if len(names) > 1 else None
    for name in names:
        value = os.environ.get(name) if isinstance(name, str) else None
        if value is not None:
            return yaml.safe_load(value) if value else value
    return default


def _as_written(loader, suffix, node):
    if isinstance(node, yaml.ScalarNode):
        return loader.construct_scalar(node) or node.tag
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)
    return loader.construct_mapping(node)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _as_written)
_Loader.add_multi_constructor("!", _as_written)


def read_config(path):
    """The config file as a dict, with "config_file_path" added. Raises ConfigError with a one-line reason."""
    try:
        with open(path, encoding="utf-8") as handle:
            config = yaml.load(handle, Loader=_Loader)  # a SafeLoader subclass
    except OSError as error:
        raise ConfigError("cannot read %s: %s" % (path, error.strerror)) from None
    except yaml.YAMLError as error:
        raise ConfigError("%s is not valid YAML: %s" % (path, " ".join(str(error).split()))) from None
    if not isinstance(config, dict):
        raise ConfigError("%s holds no settings" % path)
    config["config_file_path"] = os.path.abspath(path)
    return config


def plugin_options(config, name):
    """The options of plugin `name` in config["plugins"] (a list of names or {name: options}, or a mapping),
    or None when the plugin is not listed."""
    plugins = config.get("plugins") or []
    if isinstance(plugins, dict):
        return (plugins[name] or {}) if name in plugins else None
    for entry in plugins:
        if entry == name:
            return {}
        if isinstance(entry, dict) and name in entry:
            return entry[name] or {}
    return None


def built_page(source, use_directory_urls=True):
    """The file MkDocs writes for Markdown page `source` (relative to docs_dir): `a/b.md` -> `a/b.html`, or
    `a/b/index.html` with directory URLs; `index.md` and `README.md` become their folder's `index.html`."""
    stem, _ = os.path.splitext(source.replace(os.sep, "/"))
    folder, _, name = stem.rpartition("/")
    if name in ("index", "README"):
        return (folder + "/" if folder else "") + "index.html"
    if use_directory_urls:
        return stem + "/index.html"
    return stem + ".html"
