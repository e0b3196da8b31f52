"""The reader's and the learner's core flows in every engine a reader may have: Chromium, Firefox and WebKit
(Safari's engine), through harness/engines. Written once; `-k firefox` (or `make test ENGINE=firefox`) runs
one engine alone.

Every page loads with no console error, CSP violation or wasted preload; the quiz starts and the same
answers get the same score as CPython's scoring gives them; answers survive a reload; the runtime is
downloaded once; the single-file copy runs from file://; after one visit the service worker serves every
page and the quiz with the server stopped."""

import json
from collections import Counter
from urllib.parse import urlsplit

import pytest

from harness.engines import ENGINES, EngineMissing, engine
from harness.localhost import StaticHandler
from harness.quiz_driver import answer, answer_all, site_questions
from quiz import strings as catalogue
from quiz.browser import scoring
from quiz.runtime import SITE_PREFIX
from sitebuild.config import load, offline_copy
from sitebuild.service_worker import SERVICE_WORKER

from .conftest import READY, ROOT, Server
from .site_pages import nav_pages

pytestmark = [
    pytest.mark.engines,
    # Selenium's own WebKitGTK driver still passes the address the old way; nothing of ours to change.
    pytest.mark.filterwarnings("ignore:setting remote_server_addr:DeprecationWarning"),
]

MAIN = site_questions()["self-check"]
MAIN_FORM = 'form.quiz[data-quiz="self-check"]'
PAGES = [page.built for page in nav_pages()]
TAKEAWAY = offline_copy(load(ROOT / "mkdocs.yml")).file_name
QUIZ_READY = "document.documentElement.hasAttribute('data-quiz-ready')"
LOADED = "document.readyState === 'complete'"


@pytest.fixture(scope="module", params=ENGINES)
def browser_engine(request):
    # Chromium is conftest's, which the other browser tests share.
    options = {"browser": request.getfixturevalue("browser")} if request.param == "chromium" else {}
    try:
        with engine(request.param, **options) as opened:
            yield opened
    except EngineMissing as missing:
        pytest.fail("%s (sh tools/install-system-deps.sh installs it)" % missing)


@pytest.fixture
def open_page(browser_engine):
    """Factory: a new page in a fresh profile of the engine; closed after the test."""
    pages = []

    def make():
        page = browser_engine.new_page()
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


class CountingHandler(StaticHandler):
    """The site, counting every request by path. no-cache makes a second use of a file reach the server
    (as a revalidation at least), so a preload the page does not reuse shows as a second request. Without
    the service worker when asked, whose precache would download every file once more."""

    def do_GET(self):
        self.server.counts[self.path] += 1
        path = urlsplit(self.path).path
        if (self.server.no_worker and path == "/" + SERVICE_WORKER) or path in self.server.missing:
            self.send_error(404)
            return
        super().do_GET()

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()


class CountingServer(Server):
    def __init__(self, directory, no_worker=False, missing=()):
        super().__init__(directory, CountingHandler)
        # Set before the first request: the test opens a page only once this returns.
        self.httpd.counts = Counter()
        self.httpd.no_worker = no_worker
        self.httpd.missing = set(missing)

    @property
    def counts(self):
        return self.httpd.counts


@pytest.fixture
def counting_server(site_dir):
    server = CountingServer(site_dir)
    yield server
    server.stop()


def ready_condition(url):
    return QUIZ_READY if url.endswith("quiz.html") else LOADED


def test_every_page_loads_without_console_error_csp_violation_or_wasted_preload(browser_engine, server):
    problems = browser_engine.console_problems([server + "/" + name for name in PAGES], ready_condition)
    assert problems == []


# The scripted answers: wrong, partly right and right, as in test_quiz_browser; CPython's scoring of the
# same points gives the expected line.
SCRIPT = {
    next(q for q in MAIN if q.type == "single").id: "wrong",
    next(q for q in MAIN if q.type == "multiple" and len(q.correct_keys) == 3).id: "two-of-three",
    next(q for q in MAIN if q.type == "order" and len(q.steps) == 3).id: "one-right",
    next(q for q in MAIN if q.type == "fill").id: "wrong",
}
EARNED = (len(MAIN) - 4) * 100 + 67 + 33
EXPECTED = "You scored %s (%d%%)." % (
    scoring.format_score(EARNED, len(MAIN) * 100, catalogue.load("en")),
    round(EARNED / len(MAIN)),
)


def test_the_quiz_starts_scores_alike_and_keeps_answers_across_a_reload(open_page, counting_server):
    page = open_page()
    page.goto(counting_server.url + "quiz.html")
    page.wait_for_selector(READY)
    assert page.get_attribute("html", "data-quiz-ready") == "2"
    for question in MAIN[:4]:
        answer(page, question, SCRIPT.get(question.id, "right"))
    page.reload()
    page.wait_for_selector(READY)
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == "4 of %d answered" % len(MAIN)
    for question in MAIN[4:]:
        answer(page, question, SCRIPT.get(question.id, "right"))
    page.click(MAIN_FORM + " button[type=submit]")
    assert EXPECTED in page.inner_text(MAIN_FORM + " .quiz-result")
    assert page.errors == []


def runtime_requests(counts):
    """Requests per runtime file."""
    found = Counter()
    for path, count in counts.items():
        path = urlsplit(path).path
        if path.startswith("/" + SITE_PREFIX):
            found[path[1:]] += count
    return found


def test_the_runtime_is_downloaded_once(open_page, site_dir):
    server = CountingServer(site_dir, no_worker=True)
    page = open_page()
    try:
        page.goto(server.url + "quiz.html")
        page.wait_for_selector(READY)
        page.wait_for_selector("html[data-offline=failed]")
    finally:
        server.stop()
    requests = runtime_requests(server.counts)
    assert len(requests) > 10
    assert {path: count for path, count in requests.items() if count != 1} == {}


def test_the_take_away_copy_runs_the_quiz_from_disk(open_page, site_dir):
    page = open_page()
    page.goto((site_dir / TAKEAWAY).as_uri())
    page.wait_for_selector(READY)
    answer_all(page, MAIN)
    page.click(MAIN_FORM + " button[type=submit]")
    assert "You scored %d of %d (100%%)." % (len(MAIN), len(MAIN)) in page.inner_text(MAIN_FORM + " .quiz-result")
    assert page.errors == []


PRECACHED = """async (expected) => {
    const name = (await caches.keys()).find(n => n.includes('precache'));
    return !!name && (await (await caches.open(name)).keys()).length >= expected;
}"""


def test_every_page_and_the_quiz_work_offline_after_one_visit(open_page, counting_server, site_dir):
    expected = len(json.loads((site_dir / "sw.js").read_text().split("const PRECACHE = ", 1)[1].split(";\n", 1)[0]))
    page = open_page()
    page.goto(counting_server.url + "index.html")
    page.wait_for_selector("html[data-offline]", timeout=60000)
    assert page.get_attribute("html", "data-offline") == "ready"
    page.wait_for_function(PRECACHED, expected, timeout=60000)
    counting_server.stop()
    for name in PAGES:
        page.goto(counting_server.url + name)
        # The quiz page too must settle: leaving it mid-download makes Firefox log the cut-off responses.
        page.wait_for_function(ready_condition(name))
        assert page.evaluate("navigator.serviceWorker.controller !== null"), name
        assert page.evaluate("document.querySelectorAll('article.md-content__inner h1').length") == 1, name
    page.goto(counting_server.url + "quiz.html")
    page.wait_for_selector(READY)
    answer_all(page, MAIN)
    page.click(MAIN_FORM + " button[type=submit]")
    assert "You scored %d of %d (100%%)." % (len(MAIN), len(MAIN)) in page.inner_text(MAIN_FORM + " .quiz-result")
    assert page.errors == []


def test_a_failed_install_is_reported_to_the_page(open_page, site_dir):
    # A file of the precache list that no page here loads, missing from the server: the install must fail.
    server = CountingServer(site_dir, missing={"/sitemap.xml"})
    page = open_page()
    try:
        page.goto(server.url + "index.html")
        page.wait_for_selector("html[data-offline]", timeout=60000)
        assert page.get_attribute("html", "data-offline") == "failed"
        assert page.evaluate("navigator.serviceWorker.controller") is None
    finally:
        server.stop()
