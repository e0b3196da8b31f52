"""The site's pages as mkdocs.yml's `nav` lists them, so a test of every page covers a page added there.

Read with the quiz package's reader, without loading MkDocs' config (which would import hooks and plugins).
"""

from collections import namedtuple
from pathlib import Path

from quiz import mkdocs_yml as config_file

CONFIG = Path(__file__).resolve().parent.parent / "mkdocs.yml"

# source: the Markdown file as nav names it (relative to docs_dir); built: the HTML file in the built site;
# url: the page's address relative to the site root, as a link in the site would write it.
NavPage = namedtuple("NavPage", "title source built url")


def read_config(config=CONFIG):
    return config_file.read_config(str(config))


def _entries(items):
    """(title or None, target) of every page in a nav list, sections flattened, in order."""
    for item in items:
        if isinstance(item, str):
            yield None, item
            continue
        for title, value in item.items():
            if isinstance(value, list):
                yield from _entries(value)
            else:
                yield title, value


built_path = config_file.built_page


def nav_pages(config=CONFIG):
    """Every page of the nav, in nav order; links to other sites are not pages of this one."""
    settings = read_config(config)
    assert settings.get("nav"), "%s has no nav: the tests take the site's pages from it" % config
    directory_urls = settings.get("use_directory_urls", True)
    pages = []
    for title, target in _entries(settings["nav"]):
        if "://" in target:
            continue
        built = built_path(target, directory_urls)
        url = built[: -len("index.html")] if directory_urls and built.endswith("index.html") else built
        pages.append(NavPage(title, target, built, url))
    return pages


def nav_page(source, config=CONFIG):
    """The nav entry of one source file, such as "quiz.md"."""
    (page,) = [page for page in nav_pages(config) if page.source == source]
    return page
