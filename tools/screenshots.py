"""The README's pictures of the quiz: a phone and a desktop, before and after checking the answers.

Run `make screenshots` (or `.venv/bin/python tools/screenshots.py`) after changing how the quiz looks. It builds
the site afresh into a temporary folder, serves it on 127.0.0.1 as the tests do, answers the self-check quiz
in Chromium (most answers right, some wrong) and writes one PNG per view into .github/readme/, which the site
does not publish. Each picture is the browser's viewport, not the whole page, to keep the files small.
"""

import functools
import http.server
import os
import subprocess
import sys
import tempfile
import threading

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from harness.localhost import CHROMIUM, CHROMIUM_ARGS, StaticHandler  # noqa: E402
from harness.quiz_driver import answer, site_questions  # noqa: E402

OUT = os.path.join(ROOT, ".github", "readme")
VIEWS = {
    "phone": {"viewport": {"width": 375, "height": 740}, "device_scale_factor": 2, "is_mobile": True},
    "desktop": {"viewport": {"width": 1280, "height": 900}, "device_scale_factor": 1},
}
QUIZ = "self-check"
# Where the "before" picture starts: the first questions, under the page's introduction.
BEFORE_AT = "#about-the-article"
READY = "form.quiz[data-quiz-state=ready]"
CHECKED = 'form.quiz[data-quiz="%s"] .quiz-result:not([hidden])' % QUIZ


def build(site_dir):
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    for command in (
        [sys.executable, "-m", "sitebuild", "prepare", "docs"],
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", site_dir],
    ):
        run = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
        if run.returncode != 0:
            sys.exit("%s failed:\n%s%s" % (" ".join(command[2:4]), run.stdout, run.stderr))


def serve(site_dir):
    handler = functools.partial(StaticHandler, directory=site_dir)
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd


def how(index):
    """Every fourth question answered wrongly from the third on: a score in the middle of the range."""
    return "wrong" if index % 4 == 2 else "right"


def shoot(browser, url, name, options):
    from playwright.sync_api import Error as PlaywrightError

    context = browser.new_context(reduced_motion="reduce", **options)
    page = context.new_page()
    page.goto(url)
    page.wait_for_selector(READY, timeout=30000)
    page.set_default_timeout(5000)
    for index, question in enumerate(site_questions()[QUIZ]):
        try:
            answer(page, question, how(index))
        except PlaywrightError as error:
            # A picture with one question unanswered still shows the page; the tests are where it must work.
            print("%s: could not answer %s, left unanswered: %s" % (name, question.id, error.message.splitlines()[0]))
    # From the top down, so Material's "Back to top" button (shown while scrolling up) stays hidden, to just
    # below the header.
    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(300)
    page.evaluate(
        """selector => {
            const header = document.querySelector(".md-header");
            const top = document.querySelector(selector).getBoundingClientRect().top;
            window.scrollTo(0, top - (header ? header.offsetHeight : 0) - 8);
        }""",
        BEFORE_AT,
    )
    page.wait_for_timeout(500)
    written = [save(page, "quiz-%s-before.png" % name)]
    page.locator('form.quiz[data-quiz="%s"] button[type=submit]' % QUIZ).click()
    page.wait_for_selector(CHECKED, timeout=10000)
    # The quiz scrolls its result into view; let the browser settle on it.
    page.wait_for_timeout(500)
    written.append(save(page, "quiz-%s-after.png" % name))
    context.close()
    return written


def save(page, file_name):
    path = os.path.join(OUT, file_name)
    # The focus ring of the button just pressed is not part of the picture.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.screenshot(path=path, animations="disabled", caret="hide")
    return path


def main():
    if not os.path.exists(CHROMIUM):
        sys.exit("Chromium is missing at %s: run `make system-deps`" % CHROMIUM)
    from playwright.sync_api import sync_playwright

    os.makedirs(OUT, exist_ok=True)
    with tempfile.TemporaryDirectory() as site_dir:
        build(site_dir)
        httpd = serve(site_dir)
        url = "http://127.0.0.1:%d/quiz.html" % httpd.server_address[1]
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                written = []
                for name, options in VIEWS.items():
                    written += shoot(browser, url, name, options)
                browser.close()
        finally:
            httpd.shutdown()
            httpd.server_close()
    for path in written:
        print("%s  %d KB" % (os.path.relpath(path, ROOT), (os.path.getsize(path) + 1023) // 1024))


if __name__ == "__main__":
    main()
