"""Shared fixtures: one strict build per session, a local static server, and Debian's Chromium.

Browser tests never skip: if Chromium is missing, they fail and say how to install it.
"""

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from urllib.parse import urlsplit

import pytest
from mkdocs.utils.meta import get_data

from harness import DOCS, ROOT
from harness.localhost import CHROMIUM, CHROMIUM_ARGS, StaticHandler
from quiz.source import heading_ids

READY = "form.quiz[data-quiz-state=ready]"


def run_build(config=ROOT / "mkdocs.yml", site_dir=None, cwd=ROOT):
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config)]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env)


def copy_docs(docs):
    """The site's pages copied to `docs` (a new folder) for a build of their own, without docs/assets: the
    vendored files there are the build's own to write, and a test that needs the icons copies them itself."""
    shutil.copytree(DOCS, docs, ignore=shutil.ignore_patterns("assets"))
    return docs


def config_in(folder):
    """mkdocs.yml copied into folder, with the site's own overrides and hooks pointing back at this checkout.
    The quiz needs nothing: it is the installed plugin, which writes nothing next to the config or the docs."""
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", "custom_dir: %s" % (ROOT / "overrides"))
    config = config.replace("  - sitebuild/mkdocs_hooks.py", "  - %s" % (ROOT / "sitebuild" / "mkdocs_hooks.py"))
    path = folder / "mkdocs.yml"
    path.write_text(config, encoding="utf-8")
    return path


def article_sections(source=DOCS / "unlock-your-ankles.md"):
    """Anchors of the article's headings below its title, in order, as the toc extension makes them."""
    body, _ = get_data(source.read_text(encoding="utf-8"))
    return list(heading_ids("\n".join(line for line in body.split("\n") if not line.startswith("# "))))


ARTICLE_SECTIONS = article_sections()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory):
    """The site built once with --strict; returns (site path, build output)."""
    site = tmp_path_factory.mktemp("site")
    prepared = subprocess.run(
        [sys.executable, "-m", "sitebuild", "prepare", str(DOCS)], cwd=ROOT, capture_output=True, text=True
    )
    assert prepared.returncode == 0, prepared.stderr
    result = run_build(site_dir=site)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, result.stdout + result.stderr


@pytest.fixture(scope="session")
def site_dir(built_site):
    return built_site[0]


class Server:
    """A static server of a folder on a free local port, until stop()."""

    def __init__(self, directory, handler_class=StaticHandler):
        handler = functools.partial(handler_class, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = "http://127.0.0.1:%d/" % self.httpd.server_address[1]

    def stop(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture(scope="session")
def server(site_dir):
    running = Server(site_dir)
    yield running.url.rstrip("/")
    running.stop()


@pytest.fixture(scope="session")
def playwright():
    if not os.path.exists(CHROMIUM):
        pytest.fail(
            "Chromium is missing at %s: install Debian's `chromium` package "
            "(sh tools/install-system-deps.sh does it)" % CHROMIUM
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as instance:
        yield instance


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()


class Recorder:
    """Every request a page makes, and every error it throws, for assertions."""

    def __init__(self, page):
        self.requests = []
        self.errors = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))

    def foreign(self, origin):
        allowed = urlsplit(origin).netloc
        return [
            url for url in self.requests if not url.startswith(("data:", "blob:")) and urlsplit(url).netloc != allowed
        ]


@pytest.fixture
def new_page(browser):
    """Factory: new_page(**context_options) -> page with .recorder; contexts are closed after the test."""
    contexts = []

    def make(**options):
        context = browser.new_context(**options)
        contexts.append(context)
        page = context.new_page()
        page.recorder = Recorder(page)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def quiz_page(new_page, server):
    page = new_page()
    page.goto(server + "/quiz.html")
    page.wait_for_selector(READY, timeout=20000)
    return page


@pytest.fixture
def quiz_in(new_page):
    """Factory: quiz_in(site folder, path) -> (page, server) with the quiz of another build ready; the
    servers stop after the test."""
    servers = []

    def open_quiz(folder, path="quiz.html"):
        server = Server(folder)
        servers.append(server)
        page = new_page()
        page.goto(server.url + path)
        page.wait_for_selector(READY, timeout=30000)
        return page, server

    yield open_quiz
    for server in servers:
        server.stop()


# How a learner meets the quiz: on a phone and on a desktop.
VIEWPORTS = {"phone": {"width": 375, "height": 740}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture(params=sorted(VIEWPORTS))
def viewport(request):
    return VIEWPORTS[request.param]


@pytest.fixture
def quiz_at_viewport(new_page, server, viewport):
    """The quiz page, ready, at each of VIEWPORTS in turn."""
    page = new_page(viewport=viewport)
    page.goto(server + "/quiz.html")
    page.wait_for_selector(READY, timeout=20000)
    return page


_READING_LEVELS = {}


@pytest.fixture(scope="session")
def reading_levels():
    """Filled by the reading-level test; printed at the end of the run."""
    return _READING_LEVELS


def pytest_terminal_summary(terminalreporter):
    if _READING_LEVELS:
        terminalreporter.section("reading level of the site's own text (Flesch-Kincaid)")
        for name, (grade, ease, words) in sorted(_READING_LEVELS.items()):
            terminalreporter.write_line(
                "%-22s grade %4.1f   reading ease %5.1f   %4d words" % (name, grade, ease, words)
            )


def pytest_collection_modifyitems(config, items):
    """A test that opens Chromium must carry the `browser` mark, which `make test-fast` leaves out: a test
    missing it stops the run, naming it, instead of starting a browser in the fast loop."""
    unmarked = [
        item.nodeid
        for item in items
        if "playwright" in getattr(item, "fixturenames", ()) and not item.get_closest_marker("browser")
    ]
    if unmarked:
        raise pytest.UsageError("tests that open Chromium without the `browser` mark: %s" % ", ".join(unmarked))
