"""The site's settings as the steps need them, read from mkdocs.yml itself.

The steps also run without MkDocs (after a Zensical build), so they read the file rather than MkDocs'
config object, through the quiz package's reader (quiz/mkdocs_yml.py).
"""

import os
import re

from quiz.mkdocs_yml import ConfigError, built_page, plugin_options, read_config

DEFAULT_CONFIG = "mkdocs.yml"
# The quiz plugin's entry in mkdocs.yml names the take-away copy, so the quiz pages link the same file.
QUIZ_PLUGIN = "quiz"


def load(path=DEFAULT_CONFIG):
    """mkdocs.yml as a dict."""
    return read_config(path)


def docs_dir(config):
    """The site's Markdown folder, as a path."""
    folder = str(config.get("docs_dir") or "docs")
    return os.path.join(os.path.dirname(os.path.abspath(config.get("config_file_path", DEFAULT_CONFIG))), folder)


def custom_dir(config):
    """The theme's `custom_dir` (the site's own templates) as a path, or None."""
    theme = config.get("theme")
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(folder, str) or not folder:
        return None
    return os.path.join(os.path.dirname(os.path.abspath(config.get("config_file_path", DEFAULT_CONFIG))), folder)


def section_id(source):
    """An HTML id for a page of the take-away copy, from its file name: `unlock-your-ankles.md` becomes
    `unlock-your-ankles`, `guides/setup.md` becomes `guides-setup`."""
    stem, _ = os.path.splitext(source.replace(os.sep, "/"))
    return re.sub(r"[^A-Za-z0-9_-]+", "-", stem).strip("-") or "page"


def site_words(config):
    """The site's own words (extra.site_strings in mkdocs.yml) in the theme's language, English for a language
    the site does not list; {} for a site without them."""
    table = (config.get("extra") or {}).get("site_strings") or {}
    theme = config.get("theme")
    try:
        language = theme["language"] or "en"
    except (KeyError, TypeError):
        language = "en"
    words = table.get(language) or table.get("en") or {}
    return words if isinstance(words, dict) else {}


class OfflineCopy:
    """What mkdocs.yml says about the take-away copy: `extra.offline_copy` (title, pages) and the quiz
    plugin's `offline_copy` (the file name)."""

    def __init__(self, file_name, title, pages, site_name="", dark_palette=None, docs_dir=None, words=None):
        self.file_name = file_name
        # The site's words for the copy's banner, in the site's language (site_words).
        self.words = words or {}
        # Where the pages' Markdown is, to name the line of a mistake found in the built pages.
        self.docs_dir = docs_dir
        self.title = title
        # [(source page, built page, section id)], in the copy's order.
        self.pages = pages
        self.site_name = site_name
        # Material's palette for readers who prefer dark ({"scheme", "primary", "accent"}), if the site has one.
        self.dark_palette = dark_palette


def dark_palette(config):
    """The theme's palette entry for `prefers-color-scheme: dark`, as {"scheme", "primary", "accent"}."""
    palettes = (config.get("theme") or {}).get("palette") if isinstance(config.get("theme"), dict) else None
    for palette in palettes if isinstance(palettes, list) else ():
        if isinstance(palette, dict) and "dark" in str(palette.get("media", "")):
            return {key: palette[key] for key in ("scheme", "primary", "accent") if isinstance(palette.get(key), str)}
    return None


def offline_copy(config):
    """The take-away settings of a loaded config, or None when the site asks for no copy
    (no `extra.offline_copy`). A copy asked for without a file name, title or pages is an error."""
    settings = (config.get("extra") or {}).get("offline_copy")
    if settings is None:
        return None
    path = config.get("config_file_path", DEFAULT_CONFIG)
    if not isinstance(settings, dict):
        raise ConfigError("%s: extra.offline_copy must be a mapping with `title` and `pages`" % path)
    options = plugin_options(config, QUIZ_PLUGIN)
    file_name = options.get("offline_copy") if isinstance(options, dict) else None
    if not file_name or not isinstance(file_name, str):
        raise ConfigError(
            "%s: extra.offline_copy is set but the file name is not: add `offline_copy: <name>.html` to the "
            "`%s` plugin's options under `plugins:`" % (path, QUIZ_PLUGIN)
        )
    if "/" in file_name or "\\" in file_name or not file_name.endswith(".html"):
        raise ConfigError("%s: the quiz plugin's offline_copy must be a file name ending in .html" % path)
    title = settings.get("title")
    if not title or not isinstance(title, str):
        raise ConfigError("%s: extra.offline_copy needs a `title`" % path)
    sources = settings.get("pages")
    if not sources or not isinstance(sources, list) or not all(isinstance(page, str) for page in sources):
        raise ConfigError("%s: extra.offline_copy needs `pages`, a list of Markdown files in docs_dir" % path)
    use_directory_urls = config.get("use_directory_urls", True)
    pages, sections = [], {}
    for source in sources:
        section = section_id(source)
        if section in sections:
            raise ConfigError(
                "%s: pages %s and %s of extra.offline_copy both become section #%s"
                % (path, sections[section], source, section)
            )
        sections[section] = source
        pages.append((source, built_page(source, use_directory_urls), section))
    return OfflineCopy(
        file_name,
        title,
        pages,
        config.get("site_name") or "",
        dark_palette(config),
        docs_dir(config),
        site_words(config),
    )


# `extra.source_maps: true` in mkdocs.yml publishes the theme's source maps (`*.map`), for debugging a
# deployed site; by default `finish` removes them: readers never use them.
SOURCE_MAPS = "source_maps"


def publish_source_maps(config):
    """Whether the site keeps its source maps (`extra.source_maps`, default false)."""
    value = (config.get("extra") or {}).get(SOURCE_MAPS, False)
    if not isinstance(value, bool):
        path = config.get("config_file_path", DEFAULT_CONFIG)
        raise ConfigError("%s: extra.%s must be true or false, not %r" % (path, SOURCE_MAPS, value))
    return value
