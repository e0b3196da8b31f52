"""Reading built HTML in tests: text, ids, links and what a page loads."""

from html.parser import HTMLParser


class Page(HTMLParser):
    """Text, ids and loaded resources of one built HTML page."""

    LOADING = {
        ("script", "src"),
        ("img", "src"),
        ("iframe", "src"),
        ("source", "src"),
        ("audio", "src"),
        ("video", "src"),
        ("embed", "src"),
        ("object", "data"),
    }
    LOADING_LINK_RELS = {"stylesheet", "icon", "preload", "modulepreload", "manifest", "apple-touch-icon"}
    # The quiz loader (quiz/web/quiz-loader.js) requests the addresses listed in these.
    LOADER_ATTRIBUTES = ("data-pyscript", "data-modules", "data-files")

    def __init__(self, path):
        super().__init__()
        self.text_parts, self.ids, self.loaded, self.links, self.tags = [], set(), [], [], []
        self._skip = 0
        self.feed(path.read_text(encoding="utf-8"))

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.append((tag, attrs))
        if "id" in attrs:
            self.ids.add(attrs["id"])
        if tag in ("script", "style"):
            self._skip += 1
        for element, name in self.LOADING:
            if tag == element and attrs.get(name):
                self.loaded.append(attrs[name])
        if tag == "script":
            for name in self.LOADER_ATTRIBUTES:
                self.loaded.extend((attrs.get(name) or "").split())
        if tag == "link" and attrs.get("href") and set((attrs.get("rel") or "").split()) & self.LOADING_LINK_RELS:
            self.loaded.append(attrs["href"])
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.text_parts.append(data)

    @property
    def text(self):
        return " ".join(" ".join(self.text_parts).split())


def page(site_dir, url_path):
    """The built page for a site path such as "quiz" (quiz.html) or "." (index.html)."""
    return Page(site_dir / page_file(url_path))


def page_file(url_path):
    return "index.html" if url_path in (".", "") else url_path if url_path.endswith(".html") else url_path + ".html"


class Blocks(HTMLParser):
    """Text of every element whose class list contains `class_name`, one string per element."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, html, class_name):
        super().__init__()
        self.class_name, self.blocks, self._depth = class_name, [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        if self._depth:
            self._depth += 1
        elif self.class_name in (dict(attrs).get("class") or "").split():
            self._depth = 1
            self.blocks.append("")

    def handle_endtag(self, tag):
        if self._depth and tag not in self.VOID:
            self._depth -= 1

    def handle_data(self, data):
        if self._depth:
            self.blocks[-1] += data
