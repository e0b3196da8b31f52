"""The MkDocs plugin: `plugins: [quiz]` in mkdocs.yml is all a site needs.

- on_config: checks the site's own UI strings (the `strings` option) and, unless mkdocs.yml declares it, adds
  the ```quiz fence to pymdownx.superfences (adding that extension too when it is missing);
- on_pre_build: picks the UI strings of theme.language, read here rather than in on_config because
  mkdocs-static-i18n sets it for each language it builds in its own on_config, which runs after this one's;
  then checks every quiz in docs_dir and stops the build listing each mistake as path:line: message;
- on_files: publishes the runtime (PyScript, MicroPython, the quiz's Python and web files) from this package;
- on_page_content: puts the catalogue's words into the buttons the page's text names (data-quiz-label), so
  the search index has them too;
- on_post_page: adds the runtime's tags and the page's settings to pages that show a question (and the
  loader to every page when Material's instant navigation is on, see quiz/page.py).

Nothing is written into docs_dir, the theme or this package: the runtime's files are MkDocs files generated
from package data, copied into the site like any other.
"""

import logging
import os

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File

from . import languages
from . import strings as catalogue
from .anchors import use_extensions
from .check import check_docs
from .fence import format_quiz, use_language
from .page import PageError, has_quiz, inject, instant_navigation, labels_from_catalogue, namespace_problem, settings
from .published import META_PLUGIN, exclusion
from .runtime import SITE_PREFIX, RuntimeFilesError, site_files
from .source import format_issues

log = logging.getLogger("mkdocs.plugins.quiz")

SUPERFENCES = "pymdownx.superfences"
FENCE = {"name": "quiz", "class": "quiz", "format": format_quiz}


class QuizConfig(Config):
    # Site-root-relative path of a single-file copy of the quiz that works from disk; when set, a quiz page
    # opened from disk links to it.
    offline_copy = config_options.Type(str, default="")
    # The part of saved answers' names that keeps this site apart from others on its origin; by default the
    # site's path under the origin, worked out in the browser (saved.site_namespace).
    storage_namespace = config_options.Type(str, default="")
    # Refuse script, and markup that sends the reader elsewhere, in every page (quiz/page_html.py).
    check_pages = config_options.Type(bool, default=False)
    # A folder of the site's own UI strings, <language>.json, relative to mkdocs.yml (quiz/languages.py).
    strings = config_options.Type(str, default="")


def add_fence(config):
    """Declare the ```quiz fence, unless mkdocs.yml already does."""
    if SUPERFENCES not in config.markdown_extensions:
        config.markdown_extensions.append(SUPERFENCES)
    options = config.mdx_configs.setdefault(SUPERFENCES, {})
    fences = options.setdefault("custom_fences", [])
    if not any(isinstance(fence, dict) and fence.get("name") == FENCE["name"] for fence in fences):
        fences.append(dict(FENCE))


class QuizPlugin(BasePlugin[QuizConfig]):
    def __init__(self):
        self.language = None
        self.site_strings = languages.SiteCatalogue()
        self.files = []
        self.every_page = False
        self.serving = False

    def on_config(self, config):
        config_dir = os.path.dirname(os.path.abspath(config.config_file_path or "mkdocs.yml"))
        try:
            self.site_strings = languages.site_catalogue(config_dir, self.config.strings)
            # A language that cannot work stops the build here, before anything is built.
            languages.page_language(config.theme.get("language"), self.site_strings)
            self.files = site_files()
        except (catalogue.StringsError, RuntimeFilesError) as error:
            raise PluginError("quiz: %s" % error) from None
        problem = namespace_problem(self.config.storage_namespace)
        if problem:
            raise PluginError("quiz: %s" % problem)
        add_fence(config)
        self.every_page = instant_navigation(config.theme.get("features"))
        use_extensions((config.markdown_extensions, config.mdx_configs))
        return config

    def on_startup(self, command, dirty):
        # `mkdocs serve` publishes draft_docs; a build leaves them out.
        self.serving = command == "serve"

    def on_pre_build(self, config):
        try:
            self.language = languages.page_language(config.theme.get("language"), self.site_strings)
        except catalogue.StringsError as error:
            raise PluginError("quiz: %s" % error) from None
        if self.language.warning:
            log.warning(self.language.warning)
        use_language(self.language.language, self.language.strings)
        extensions = (config.markdown_extensions, config.mdx_configs)
        excluded = exclusion(config.exclude_docs, None if self.serving else config.draft_docs)
        meta = config.plugins.get(META_PLUGIN)
        meta_file = meta.config.meta_file if meta is not None and meta.config.enabled else None
        _, issues = check_docs(config.docs_dir, extensions, self.config.check_pages, excluded, meta_file)
        if issues:
            raise PluginError(
                "the pages have %d error(s) in quiz blocks or markup:\n%s" % (len(issues), format_issues(issues))
            )

    def on_files(self, files, config):
        # The runtime's folder is the plugin's: a file left there (a copy from an older setup) would be
        # published beside the runtime or in its place.
        for stray in [found for found in files if found.src_uri.startswith(SITE_PREFIX)]:
            log.warning("%s is in the quiz runtime's folder, which the quiz plugin fills: remove it", stray.src_uri)
            files.remove(stray)
        for site_path, source in self.files:
            files.append(File.generated(config, site_path, abs_src_path=source))
        return files

    def on_page_content(self, html, page, config, files):
        # Here, not only in on_post_page: the search index is made from the page's content before then, and a
        # reader searching in the page's language finds the buttons by the words the page shows.
        try:
            return labels_from_catalogue(html, self.language.strings)
        except PageError as error:
            raise PluginError("quiz: %s: %s" % (page.file.src_uri, error)) from None

    def on_post_page(self, output, page, config):
        quiz = has_quiz(output)
        if not quiz and not self.every_page:
            return output
        try:
            page_settings = (
                settings(
                    self.language.strings,
                    page.meta,
                    page.url,
                    self.config.offline_copy,
                    self.language.language,
                    self.config.storage_namespace,
                )
                if quiz
                else None
            )
            paths = [path for path, _ in self.files]
            return inject(output, page.url, page_settings, paths, every_page=self.every_page)
        except PageError as error:
            raise PluginError("quiz: %s: %s" % (page.file.src_uri, error)) from None
