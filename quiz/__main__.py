"""Command line.

`python -m quiz check [DOCS_DIR] [--config mkdocs.yml]` lists every malformed ```quiz block, and every page
whose markup the plugin refuses (quiz/page_html.py), as path:line: message, reading what the build reads: the
config file's docs_dir (unless DOCS_DIR is given), its Markdown extensions, the pages it does not leave out
(exclude_docs, draft_docs) and the quiz settings of Material's meta files (quiz/published.py).

`python -m quiz take PAGE` asks a page's questions in the terminal (quiz/take/), and `python -m quiz export
--format gift|moodle-xml|qti21 PAGE` writes them for a learning platform (quiz/export/).

`python -m quiz finish SITE_DIR [--config mkdocs.yml]` does, after a build by a generator that ignores MkDocs
plugins (Zensical), what the plugin does during `mkdocs build`: copies the quiz runtime into SITE_DIR and adds
its tags and settings to every built page that shows a question. It reads the theme's language,
use_directory_urls, docs_dir and the quiz plugin's options (`strings` and `offline_copy`) from the config file,
and each page's front matter from its Markdown source.
"""

import argparse
import os
import shutil
import sys

from .check import check_docs
from .source import display_path, format_issues

CONFIG = "mkdocs.yml"


class FinishError(Exception):
    pass


def finish(site_dir, config_path):
    """Returns (runtime files copied, site-relative paths of the pages given the quiz)."""
    from mkdocs.structure.files import File
    from mkdocs.utils.meta import get_data

    from .blocks import BlockFinder, extensions_of
    from .languages import from_config
    from .mkdocs_yml import plugin_options, read_config
    from .page import PageError, has_quiz, inject, instant_navigation, namespace_problem, settings
    from .published import exclusion
    from .runtime import site_files
    from .source import markdown_files, read_page

    config = read_config(config_path)
    if not os.path.isdir(site_dir):
        raise FinishError("%s is not a folder: build the site first" % site_dir)
    config_dir = os.path.dirname(os.path.abspath(config_path))
    docs_dir = os.path.join(config_dir, str(config.get("docs_dir") or "docs"))
    if not os.path.isdir(docs_dir):
        raise FinishError("docs_dir %s is not a folder" % docs_dir)
    use_directory_urls = config.get("use_directory_urls", True) is not False
    theme = config.get("theme")
    every_page = instant_navigation(theme.get("features") if isinstance(theme, dict) else None)
    offline_copy = (plugin_options(config, "quiz") or {}).get("offline_copy") or ""
    if not isinstance(offline_copy, str):
        raise FinishError("the quiz plugin's offline_copy must be a path, not %r" % (offline_copy,))
    namespace = (plugin_options(config, "quiz") or {}).get("storage_namespace") or ""
    if namespace_problem(namespace):
        raise FinishError(namespace_problem(namespace))

    language = from_config(config)
    if language.warning:
        print("warning: %s" % language.warning, file=sys.stderr)
    files = site_files()
    for site_path, source in files:
        target = os.path.join(site_dir, *site_path.split("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(source, target)
    site_paths = [path for path, _ in files]

    pages = []
    finder = None
    excluded = exclusion(config.get("exclude_docs"), config.get("draft_docs"))
    for source in markdown_files(docs_dir, excluded):
        src_uri = os.path.relpath(source, docs_dir).replace(os.sep, "/")
        built = File(src_uri, docs_dir, site_dir, use_directory_urls)
        markdown, unreadable = read_page(source)
        if unreadable:
            raise FinishError("%s:%d: %s" % (os.path.relpath(source), *unreadable))
        if not os.path.isfile(built.abs_dest_path):
            finder = finder or BlockFinder(extensions_of(config))
            if finder.find(get_data(markdown)[0])[0]:
                raise FinishError("%s has a quiz but %s is missing: build the site first" % (src_uri, built.dest_uri))
            continue
        with open(built.abs_dest_path, encoding="utf-8") as handle:
            html = handle.read()
        quiz = has_quiz(html)
        if not quiz and not every_page:
            continue
        try:
            page_settings = (
                settings(language.strings, get_data(markdown)[1], built.url, offline_copy, language.language, namespace)
                if quiz
                else None
            )
            injected = inject(html, built.url, page_settings, site_paths, every_page=every_page)
        except PageError as error:
            raise FinishError("%s: %s" % (src_uri, error)) from None
        if injected != html:
            with open(built.abs_dest_path, "w", encoding="utf-8") as handle:
                handle.write(injected)
        if quiz:
            pages.append(built.dest_uri)
    return len(files), pages


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m quiz", description="Check quiz blocks; finish a built site.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="report every malformed ```quiz block as path:line: message")
    check.add_argument("docs_dir", nargs="?", help="the pages' folder (default: docs_dir of the config file)")
    check.add_argument(
        "--config",
        default=CONFIG,
        help="the site's config file, for its Markdown extensions (without it: those of a site that lists none)",
    )
    finish_command = commands.add_parser(
        "finish", help="copy the quiz runtime into SITE_DIR and add it to every built page with a question"
    )
    finish_command.add_argument("site_dir")
    finish_command.add_argument("--config", default="mkdocs.yml", help="the site's config file (mkdocs.yml)")
    from .export import cli as export_cli
    from .take import cli as take_cli

    take_cli.add_command(commands)
    export_cli.add_command(commands)
    args = parser.parse_args(argv)
    if args.command in ("take", "export"):
        return (take_cli if args.command == "take" else export_cli).run(args)

    if args.command == "finish":
        from .mkdocs_yml import ConfigError
        from .page import PageError
        from .runtime import RuntimeFilesError
        from .strings import StringsError

        try:
            copied, pages = finish(args.site_dir, args.config)
        except (ConfigError, FinishError, PageError, RuntimeFilesError, StringsError, OSError) as error:
            print("error: %s" % " ".join(str(error).split()), file=sys.stderr)
            return 1
        print(
            "copied %d quiz runtime file(s) into %s; quiz added to %d page(s)%s"
            % (copied, args.site_dir, len(pages), (": " + ", ".join(pages)) if pages else "")
        )
        return 0

    from .blocks import extensions_of
    from .mkdocs_yml import ConfigError, plugin_options, read_config
    from .published import META_PLUGIN, exclusion, meta_file_name

    config = {}
    if os.path.isfile(args.config):
        try:
            config = read_config(args.config)
        except ConfigError as error:
            print("error: %s" % error, file=sys.stderr)
            return 1
    elif args.config != CONFIG:
        print("error: cannot read %s: no such file" % args.config, file=sys.stderr)
        return 1
    # The docs folder the config names (beside it), as the build reads it, unless one is given.
    docs_dir = args.docs_dir
    if docs_dir is None:
        docs_dir = os.path.join(os.path.dirname(os.path.abspath(args.config)), str(config.get("docs_dir") or "docs"))
        docs_dir = display_path(docs_dir)
    if not os.path.isdir(docs_dir):
        print("error: %s is not a folder of pages" % docs_dir, file=sys.stderr)
        return 1
    questions, issues = check_docs(
        docs_dir,
        extensions_of(config) if config else None,
        (plugin_options(config, "quiz") or {}).get("check_pages") is True,
        exclusion(config.get("exclude_docs"), config.get("draft_docs")),
        meta_file_name(plugin_options(config, META_PLUGIN)),
    )
    if issues:
        print(format_issues(issues), file=sys.stderr)
        print("%d error(s) in quiz blocks or page markup" % len(issues), file=sys.stderr)
        return 1
    count = sum(len(found) for found in questions.values())
    print("%d question(s) in %d file(s): no errors" % (count, len(questions)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
