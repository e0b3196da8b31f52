"""Offline first and private by default, proven in Chromium: the service worker, updates, installability,
the take-away copy from file://, the Content-Security-Policy, and failing well."""

import json
import re
import shutil
import threading

import pytest

from harness.localhost import StaticHandler
from harness.quiz_driver import answer_all, site_questions
from quiz import strings as catalogue
from quiz.parse import parse_question
from quiz.render import render_question
from quiz.runtime import APP, PYTHON_DIR
from sitebuild.config import load, offline_copy
from sitebuild.service_worker import write_service_worker

from .conftest import CHROMIUM, CHROMIUM_ARGS, READY, ROOT, Server, config_in, copy_docs, run_build
from .site_pages import nav_pages

pytestmark = pytest.mark.browser

QUIZZES = site_questions()
MAIN = QUIZZES["self-check"]
MAIN_FORM = 'form.quiz[data-quiz="self-check"]'
PAGES = [page.built for page in nav_pages()]
# The take-away copy as mkdocs.yml describes it: file name, title, and (page, built page, section id).
COPY = offline_copy(load(ROOT / "mkdocs.yml"))
TAKEAWAY = COPY.file_name
OFFLINE_READY = "html[data-offline=ready]"


@pytest.fixture
def site_copy(site_dir, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site_dir, copy)
    return copy


@pytest.fixture
def own_server(site_copy):
    """A server of its own, so a test can change the files or stop serving altogether."""
    server = Server(site_copy)
    yield server
    server.stop()


def wait_for_precache(page):
    """Until the service worker is active and every file of the manifest is in its cache."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function(
        """async () => {
        const names = await caches.keys();
        const name = names.find(n => n.includes('precache'));
        if (!name) return false;
        const cached = await (await caches.open(name)).keys();
        return cached.length >= window.__expected;
    }""",
        timeout=60000,
    )


def expect_files(page, site):
    count = len(json.loads((site / "sw.js").read_text().split("const PRECACHE = ", 1)[1].split(";\n", 1)[0]))
    page.evaluate("n => { window.__expected = n; }", count)
    return count


def test_every_page_search_and_quiz_work_offline_after_one_visit(new_page, own_server, site_copy):
    page = new_page()
    page.goto(own_server.url + "index.html")
    assert expect_files(page, site_copy) > len(PAGES)
    wait_for_precache(page)
    own_server.stop()
    page.context.set_offline(True)
    # Every page, none of them visited before.
    for name in PAGES:
        response = page.goto(own_server.url + name)
        assert response.ok and response.from_service_worker, name
        assert page.locator("article.md-content__inner h1").count() == 1, name
    # Search.
    page.goto(own_server.url + "index.html")
    page.click("input.md-search__input")
    page.keyboard.type("dorsiflexion")
    page.wait_for_selector(".md-search-result__item")
    # The quiz: ready, scores, and keeps saved answers across a reload.
    page.goto(own_server.url + "quiz.html")
    page.wait_for_selector(READY)
    answer_all(page, MAIN[:4])
    page.reload()
    page.wait_for_selector(READY)
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == "4 of %d answered" % len(MAIN)
    answer_all(page, MAIN[4:])
    page.click(MAIN_FORM + " button[type=submit]")
    assert "You scored %d of %d (100%%)." % (len(MAIN), len(MAIN)) in page.inner_text(MAIN_FORM + " .quiz-result")
    assert page.recorder.errors == []


# What a new build's quiz Python does first, so a test can tell which build's Python a page runs.
NEW_BUILD = 'document.documentElement.setAttribute("data-build", "new")'


def visit_and_answer(page, url, site):
    """A first visit until the service worker holds the site, then the quiz page under its control with
    three answers given."""
    page.goto(url + "quiz.html")
    page.wait_for_selector(READY)
    expect_files(page, site)
    wait_for_precache(page)
    page.reload()
    page.wait_for_selector(READY)
    assert page.evaluate("navigator.serviceWorker.controller !== null")
    answer_all(page, MAIN[:3])


def expect_update_offered(page):
    """The new build waits beside the old one: the page offers it and still runs the first build's Python."""
    notice = page.wait_for_selector(".site-update", timeout=60000)
    assert "A new version of this site is ready" in notice.inner_text()
    assert page.get_attribute("html", "data-build") is None


def take_the_update(page, new_title):
    """The reader chooses the new version: the page reloads into it, the three answers kept, one precache left."""
    with page.expect_navigation():
        page.click(".site-update button")
    page.wait_for_selector(READY)
    assert new_title in page.inner_text("h1")
    assert page.get_attribute("html", "data-build") == "new"
    assert page.inner_text(MAIN_FORM + " .quiz-progress") == "3 of %d answered" % len(MAIN)
    assert len([name for name in page.evaluate("caches.keys()") if "precache" in name]) == 1


def test_a_new_build_replaces_the_old_cache_and_keeps_answers(new_page, own_server, site_copy):
    page = new_page()
    visit_and_answer(page, own_server.url, site_copy)

    # A new build: new page text and new Python, and a new precache list.
    quiz = site_copy / "quiz.html"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("Self-check quiz<a", "Self-check quiz (new)<a", 1), encoding="utf-8"
    )
    app = site_copy / PYTHON_DIR / APP
    app.write_text(app.read_text(encoding="utf-8") + "\n" + NEW_BUILD + "\n", encoding="utf-8")
    expected = len(write_service_worker(site_copy))
    page.evaluate("n => { window.__expected = n; }", expected)

    page.evaluate("navigator.serviceWorker.getRegistration().then(r => r.update())")
    # Until the reader chooses, the old version keeps running: no mix of old HTML and new Python.
    expect_update_offered(page)
    take_the_update(page, "Self-check quiz (new)")


# Records, for each call to navigator.serviceWorker.register, whether the quiz was ready by then.
RECORD_REGISTRATION = """
window.__registrations = [];
const register = ServiceWorkerContainer.prototype.register;
ServiceWorkerContainer.prototype.register = function (...args) {
    window.__registrations.push({
        url: String(args[0]),
        quizReady: document.documentElement.hasAttribute('data-quiz-ready'),
        loaded: document.readyState === 'complete',
        at: performance.now(),
    });
    return register.apply(this, args);
};
"""


def warnings_of(page):
    found = []
    page.on("console", lambda message: message.type == "warning" and found.append(message.text))
    return found


def test_workbox_window_registers_the_worker_that_then_controls_the_page(new_page, server):
    page = new_page()
    page.add_init_script(RECORD_REGISTRATION)
    warnings = warnings_of(page)
    page.goto(server + "/index.html")
    page.wait_for_selector(OFFLINE_READY, state="attached", timeout=60000)
    # Registered by workbox-window, self-hosted with the other Workbox files, once the page had loaded.
    assert page.evaluate("typeof workbox.Workbox") == "function"
    assert server + "/assets/vendor/workbox/workbox-window.prod.umd.js" in page.recorder.requests
    registrations = page.evaluate("window.__registrations")
    assert len(registrations) == 1 and registrations[0]["loaded"]
    assert registrations[0]["url"] == server + "/sw.js"
    page.reload()
    page.wait_for_selector(OFFLINE_READY, state="attached", timeout=60000)
    assert page.evaluate("navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL") == (
        server + "/sw.js"
    )
    assert warnings == [] and page.recorder.errors == []


def test_a_quiz_page_registers_once_the_quiz_is_ready(new_page, server):
    page = new_page()
    page.add_init_script(RECORD_REGISTRATION)
    page.goto(server + "/quiz.html")
    page.wait_for_selector(READY)
    page.wait_for_selector(OFFLINE_READY, state="attached", timeout=60000)
    registrations = page.evaluate("window.__registrations")
    assert [entry["quizReady"] for entry in registrations] == [True]
    # Straight after the quiz's `quiz:ready` (or the load event, if that came later), not after the
    # wait that covers a quiz that never starts.
    settled = page.evaluate(
        """Math.max(performance.getEntriesByName('quiz-ready')[0].startTime,
                    performance.getEntriesByType('navigation')[0].loadEventEnd)"""
    )
    assert registrations[0]["at"] - settled < 2000
    assert page.recorder.errors == []


def test_a_quiz_that_never_starts_does_not_keep_the_site_from_going_offline(new_page, server):
    page = new_page()
    page.add_init_script(RECORD_REGISTRATION)
    page.route("**/micropython.wasm", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(server + "/quiz.html")
    page.wait_for_selector(".quiz-fallback[role=alert]", timeout=30000)
    # Registered after the wait for the quiz ran out.
    page.wait_for_selector(OFFLINE_READY, state="attached", timeout=60000)
    assert [entry["quizReady"] for entry in page.evaluate("window.__registrations")] == [False]


def test_a_failed_registration_is_reported(new_page, own_server, site_copy):
    # The browser fetches a worker's script itself, past page.route: the server has none to give.
    (site_copy / "sw.js").unlink()
    page = new_page()
    warnings = warnings_of(page)
    page.goto(own_server.url + "index.html")
    page.wait_for_selector("html[data-offline=failed]", state="attached", timeout=30000)
    assert any("Offline support is off" in text and "could not be registered" in text for text in warnings), warnings
    assert page.evaluate("navigator.serviceWorker.controller") is None


class NeverAnswersTheSitemap(StaticHandler):
    """Holds the sitemap's request open until the test ends: a precached file no page loads, so only the
    service worker's install waits for it."""

    release = threading.Event()

    def do_GET(self):
        if self.path.partition("?")[0] == "/sitemap.xml":
            self.release.wait(120)
            return None
        return super().do_GET()


def test_an_install_that_never_ends_is_reported_as_stuck(new_page, site_dir):
    server = Server(site_dir, NeverAnswersTheSitemap)
    page = new_page()
    warnings = warnings_of(page)
    try:
        # The page's timers run on a clock the test moves, so "still installing after minutes" takes none.
        page.clock.install()
        page.goto(server.url + "index.html")
        page.wait_for_function("navigator.serviceWorker.getRegistration().then((r) => Boolean(r && r.installing))")
        assert page.get_attribute("html", "data-offline") is None
        page.clock.run_for("10:00")
        page.wait_for_selector("html[data-offline=failed]", state="attached", timeout=10000)
        assert any("Offline support is off" in text and "still not active" in text for text in warnings), warnings
        assert page.evaluate("navigator.serviceWorker.controller") is None
    finally:
        NeverAnswersTheSitemap.release.set()
        server.stop()


def test_without_workbox_window_offline_support_says_it_is_off(new_page, server):
    page = new_page()
    warnings = warnings_of(page)
    page.route("**/workbox-window.prod.umd.js", lambda route: route.fulfill(status=404, body="not found"))
    page.goto(server + "/index.html")
    page.wait_for_selector("html[data-offline=failed]", state="attached", timeout=30000)
    assert any("workbox-window did not load" in text for text in warnings), warnings


def test_the_site_can_be_installed(playwright, server, tmp_path):
    # A profile on disk: Chromium never offers to install from an incognito-like context.
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS
    )
    page = context.new_page()
    page.goto(server + "/index.html")
    page.wait_for_load_state("networkidle")
    session = page.context.new_cdp_session(page)
    errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
    assert errors == []
    manifest = session.send("Page.getAppManifest")
    context.close()
    assert manifest["url"].endswith("manifest.webmanifest") and not manifest.get("errors")


def no_network_requests(page):
    return [url for url in page.recorder.requests if url.startswith(("http:", "https:", "ws:"))]


def test_take_away_copy_runs_the_quiz_from_disk(new_page, site_dir):
    page = new_page()
    page.goto((site_dir / TAKEAWAY).as_uri())
    page.wait_for_selector(READY, timeout=30000)
    assert page.get_attribute("html", "data-quiz-ready") == "2"
    assert page.title() == COPY.title
    article = next(section for source, _, section in COPY.pages if source == "unlock-your-ankles.md")
    assert "Unlock Your Ankles to Reduce Knee, Hip and Back Pain" in page.inner_text("#" + article)
    answer_all(page, MAIN)
    page.click(MAIN_FORM + " button[type=submit]")
    assert "You scored %d of %d (100%%)." % (len(MAIN), len(MAIN)) in page.inner_text(MAIN_FORM + " .quiz-result")
    # In-file links: the quiz's section links point into the article of the same file.
    href = page.get_attribute("#q-%s .quiz-answer__see a" % MAIN[0].id, "href")
    assert href.startswith("#") and page.locator(href).count() == 1
    assert no_network_requests(page) == []
    assert page.recorder.errors == []


def test_take_away_file_name_title_and_pages_come_from_mkdocs_yml(tmp_path):
    copy_docs(tmp_path / "docs")
    config = config_in(tmp_path)
    text = config.read_text(encoding="utf-8")
    text = text.replace("offline_copy: %s" % TAKEAWAY, "offline_copy: ankles-to-go.html")
    text = text.replace('title: "%s"' % COPY.title, 'title: "Ankles to go"')
    text = text.replace("pages: [unlock-your-ankles.md, quiz.md, evidence.md]", "pages: [evidence.md, quiz.md]")
    text = re.sub(r"^site_name: .*$", "site_name: Ankle Notes", text, count=1, flags=re.M)
    assert "ankles-to-go.html" in text and "Ankles to go" in text and "pages: [evidence.md, quiz.md]" in text
    config.write_text(text, encoding="utf-8")
    result = run_build(config=config, site_dir=tmp_path / "site", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert not (tmp_path / "site" / TAKEAWAY).exists()
    copy = (tmp_path / "site" / "ankles-to-go.html").read_text(encoding="utf-8")
    assert "<title>Ankles to go</title>" in copy
    assert "pages of the Ankle Notes site" in copy
    assert re.findall(r'<section class="takeaway-page" id="([^"]+)">', copy) == ["evidence", "quiz"]
    # The quiz's pages link the copy by its new name.
    assert "ankles-to-go.html" in (tmp_path / "site" / "quiz.html").read_text(encoding="utf-8")


def test_take_away_copy_is_linked_from_the_about_page(site_dir):
    about = (site_dir / "about.html").read_text(encoding="utf-8")
    assert 'href="%s"' % TAKEAWAY in about


def test_multi_file_site_from_disk_reads_well_and_says_how_to_take_the_quiz(new_page, site_dir):
    page = new_page()
    page.goto((site_dir / "unlock-your-ankles.html").as_uri())
    assert "Why Ankle Mobility Matters" in page.inner_text("article")
    page.goto((site_dir / "quiz.html").as_uri())
    message = page.wait_for_selector(".quiz-fallback[role=alert]")
    text = message.inner_text()
    assert "could not start" in text and "single-file copy" in text
    # Why, as prepared for a page from disk, even when a failed request of the runtime is heard first.
    assert "Browsers do not run it from a page opened straight from your disk." in text
    assert "Part of it failed to load." not in text
    assert page.get_attribute(".quiz-fallback a", "href") == TAKEAWAY
    first = page.locator("#q-" + MAIN[0].id)
    first.locator("details.quiz-answer summary").click()
    assert first.locator(".quiz-answer__explanation").is_visible()
    first.locator("label").first.click()
    assert page.locator("#q-%s input:checked" % MAIN[0].id).count() == 1
    assert no_network_requests(page) == []


VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(
    [e.violatedDirective, e.blockedURI, e.sourceFile, e.lineNumber].join(' ')));
"""


def test_no_page_or_quiz_flow_breaks_the_content_security_policy(new_page, server, site_dir):
    page = new_page()
    page.add_init_script(VIOLATIONS)
    for name in PAGES:
        html = (site_dir / name).read_text(encoding="utf-8")
        assert "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'" in html
        page.goto(server + "/" + name)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__violations") == [], name
    page.goto(server + "/quiz.html")
    page.wait_for_selector(READY)
    answer_all(page, MAIN)
    page.click(MAIN_FORM + " button[type=submit]")
    page.click(MAIN_FORM + ' button:has-text("Try again")')
    page.click("label[for=__palette_1], label[for=__palette_2]", timeout=5000)
    page.click("input.md-search__input")
    page.keyboard.type("calf")
    page.wait_for_selector(".md-search-result__item")
    assert page.evaluate("window.__violations") == []
    assert page.recorder.errors == []


def test_only_quiz_pages_allow_eval(site_dir):
    for name in PAGES:
        html = (site_dir / name).read_text(encoding="utf-8")
        policy = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
        assert ("'unsafe-eval'" in policy) == (name == "quiz.html"), name
        assert "'unsafe-inline'" not in policy


HOSTILE = '<img src=x onerror="window.hacked=1">'


def test_hostile_question_text_renders_as_text_and_runs_nothing(new_page, tmp_path):
    """The checks refuse raw HTML; this shows the renderer is safe even if one were bypassed."""
    lines = (
        "id: hostile\ntype: single\nsee: page.md#a\n\nPick %s </script><script>window.hacked=2</script>\n\n"
        "- [x] Yes %s\n- [ ] No\n\nBecause %s." % (HOSTILE, HOSTILE, HOSTILE)
    ).split("\n")
    question, issues = parse_question(lines, 1)
    assert issues  # the build would have refused it
    page_file = tmp_path / "hostile.html"
    page_file.write_text(
        "<!doctype html><html><body>%s</body></html>" % render_question(question, "#a", "A", catalogue.load("en")),
        encoding="utf-8",
    )
    page = new_page()
    page.goto(page_file.as_uri())
    page.locator("summary").click()
    assert page.evaluate("window.hacked") is None
    assert page.locator("img").count() == 0
    # Shown as the characters typed (quotes become typographic ones, like all text).
    assert "<img src=x onerror=" in page.inner_text("legend")
    assert "</script><script>window.hacked=2</script>" in page.inner_text("legend")
    assert page.evaluate("JSON.parse(document.querySelector('[data-quiz-key]').dataset.quizKey).id") == "hostile"


def test_hostile_saved_answer_is_shown_as_text(new_page, server):
    fill = next(q for q in MAIN if q.type == "fill")
    stored = json.dumps({"version": 1, "quiz": "self-check", "answers": {fill.id: HOSTILE}})
    page = new_page()
    page.add_init_script("localStorage.setItem('quiz-answers/v1/self-check', %s)" % json.dumps(stored))
    page.goto(server + "/quiz.html")
    page.wait_for_selector(READY)
    assert page.input_value("#q-%s-answer" % fill.id) == HOSTILE
    answer_all(page, [q for q in MAIN if q is not fill])
    page.click(MAIN_FORM + " button[type=submit]")
    page.click(MAIN_FORM + " .quiz-review > summary")
    assert "Your answer: " + HOSTILE in page.inner_text(MAIN_FORM + " .quiz-review")
    assert page.evaluate("window.hacked") is None
    assert page.locator(MAIN_FORM + " .quiz-review img").count() == 0


@pytest.mark.parametrize("failure", ["wasm missing", "wasm blocked", "no WebAssembly"])
def test_quiz_says_so_when_the_interpreter_cannot_load(new_page, server, failure):
    page = new_page()
    if failure == "wasm missing":
        page.route("**/micropython.wasm", lambda route: route.fulfill(status=404, body="not found"))
    elif failure == "wasm blocked":
        page.route("**/micropython.wasm", lambda route: route.abort())
    else:
        page.add_init_script("delete window.WebAssembly")
    page.goto(server + "/quiz.html")
    message = page.wait_for_selector(".quiz-fallback[role=alert]", timeout=30000)
    assert "could not start" in message.inner_text()
    assert page.get_attribute("html", "data-quiz-ready") is None
    # The static questions stay usable.
    first = page.locator("#q-" + MAIN[0].id)
    first.locator("details.quiz-answer summary").click()
    assert first.locator(".quiz-answer__explanation").is_visible()


PALETTE_KEY = "/.__palette"
BAD_PALETTES = [
    "{bad",
    '"light"',
    "[1, 2]",
    '{"index": 99, "color": {}}',
    '{"index": 0, "color": {"scheme": 5}}',
    '{"index": -1}',
    "null",
]


@pytest.mark.parametrize("value", BAD_PALETTES)
def test_corrupt_material_palette_never_breaks_the_page(new_page, server, value):
    page = new_page()
    page.add_init_script("localStorage.setItem(%s, %s)" % (json.dumps(PALETTE_KEY), json.dumps(value)))
    page.goto(server + "/index.html")
    page.wait_for_load_state("networkidle")
    before = page.get_attribute("body", "data-md-color-scheme")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    assert page.get_attribute("body", "data-md-color-scheme") != before
    page.click("input.md-search__input")
    page.keyboard.type("ankle")
    page.wait_for_selector(".md-search-result__item")
    assert page.recorder.errors == []


def test_the_take_away_copy_opened_once_opens_offline(new_page, own_server, site_copy):
    page = new_page()
    page.goto(own_server.url + "index.html")
    expect_files(page, site_copy)
    wait_for_precache(page)
    # Not downloaded in advance: only once a reader opens it.
    assert not page.evaluate("caches.match(%s).then(Boolean)" % json.dumps(own_server.url + TAKEAWAY))
    response = page.goto(own_server.url + TAKEAWAY)
    assert response.ok and response.from_service_worker
    page.wait_for_selector(READY, timeout=30000)
    own_server.stop()
    page.context.set_offline(True)
    response = page.goto(own_server.url + TAKEAWAY)
    assert response.ok and response.from_service_worker
    assert page.title() == COPY.title
    page.wait_for_selector(READY, timeout=30000)
    assert page.recorder.errors == []
