"""Every link in the built site that points inside it reaches a file and, with a #fragment, an element.

MkDocs checks links written in Markdown; this also covers links written in raw HTML or made by templates.
Written here rather than with a link-checker package because it reuses the page parser the build tests have,
needs no server, and is a dozen lines.
"""

from urllib.parse import unquote, urljoin, urlsplit

from .html_page import Page


def test_every_internal_link_and_anchor_exists(site_dir):
    pages = {path.relative_to(site_dir).as_posix(): path for path in site_dir.glob("*.html")}
    ids = {name: Page(path).ids for name, path in pages.items()}
    broken = []
    for name, path in pages.items():
        for href in Page(path).links:
            parts = urlsplit(urljoin("http://site/" + name, href))
            if href.startswith(("http:", "https:", "mailto:")) or parts.netloc != "site":
                continue
            target = unquote(parts.path.lstrip("/")) or "index.html"
            if not (site_dir / target).exists():
                broken.append("%s -> %s (no such file)" % (name, href))
            elif parts.fragment and target in ids and parts.fragment not in ids[target]:
                broken.append("%s -> %s (no such anchor)" % (name, href))
    assert broken == []
