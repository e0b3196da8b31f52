"""The three browser engines a reader may have, behind one small page interface, for the cross-engine flows
(tests/test_engines.py) and the benchmark.

Chromium is Debian's `chromium` through Playwright, Firefox is Debian's `firefox-esr` through Puppeteer
(WebDriver BiDi, harness/engines/firefox.mjs), WebKit is WebKitGTK's MiniBrowser through Selenium and
`WebKitWebDriver` under a virtual display. Nothing is downloaded: each engine is the installed package.

A page offers the part of Playwright's Page API the flows and harness/quiz_driver.py use, so the flows are
written once: goto, reload, evaluate, click, check, fill, select_option, locator, wait_for_selector,
wait_for_function, inner_text, get_attribute, and `errors` (console errors, uncaught exceptions and CSP
violations so far). Only the primitives below `EnginePage` differ per engine.

WebKit's automation mode never shows the page's console (MiniBrowser ignores its console setting there), so
`console_problems` loads pages in a plain MiniBrowser that prints its console instead.
"""

import contextlib
import json
import os
import re
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from harness import ROOT
from harness.localhost import CHROMIUM, CHROMIUM_ARGS

ENGINES = ("chromium", "firefox", "webkit")
FIREFOX = os.environ.get("FIREFOX", "/usr/bin/firefox-esr")
WEBKIT_DRIVER = os.environ.get("WEBKIT_DRIVER", "/usr/bin/WebKitWebDriver")
# Debian package of the MiniBrowser, and how to install each engine (tools/install-system-deps.sh does).
WEBKIT_PACKAGE = "libwebkit2gtk-4.1-0"
INSTALL = {"chromium": "chromium", "firefox": "firefox-esr", "webkit": "webkit2gtk-driver xvfb"}
FUNCTION_RE = re.compile(r"^\s*(async\s+)?(function\b|\([^)]*\)\s*=>|[A-Za-z_$][\w$]*\s*=>)")
# MiniBrowser's console lines that are a problem: errors and warnings (an unused preload, offline support
# off), as "CONSOLE [<source>] <level> <text>".
PROBLEM_RE = re.compile(r"CONSOLE (\w+ )?(ERROR|WARN)\b")


class EngineMissing(Exception):
    pass


def minibrowser():
    """The MiniBrowser that WEBKIT_PACKAGE installs: it is not on PATH, so ask dpkg where it is."""
    if os.environ.get("MINIBROWSER"):
        return os.environ["MINIBROWSER"]
    listed = subprocess.run(["dpkg", "-L", WEBKIT_PACKAGE], capture_output=True, text=True).stdout.split()
    found = [path for path in listed if path.endswith("/MiniBrowser")]
    if not found:
        raise EngineMissing("no MiniBrowser: install Debian's %s" % INSTALL["webkit"])
    return found[0]


def as_function(source):
    """Playwright's rule: a string that is a function is called with the argument, anything else is an
    expression."""
    return source if FUNCTION_RE.match(source) else "() => (%s)" % source


class Locator:
    """A CSS selector, narrowed by .locator() as Playwright's is (descendants)."""

    def __init__(self, page, selector):
        self.page = page
        self.selector = selector

    def locator(self, selector):
        return Locator(self.page, "%s %s" % (self.selector, selector))

    def count(self):
        return self.page.evaluate("s => document.querySelectorAll(s).length", self.selector)

    def click(self):
        self.page.click(self.selector)

    def check(self):
        self.page.check(self.selector)

    def fill(self, text):
        self.page.fill(self.selector, text)

    def select_option(self, value):
        self.page.select_option(self.selector, value)

    def inner_text(self):
        return self.page.inner_text(self.selector)

    def evaluate_all(self, source):
        return self.page.evaluate(
            "([s, f]) => (new Function('return ' + f)())(Array.from(document.querySelectorAll(s)))",
            [self.selector, source],
        )


class EnginePage:
    """What every engine's page offers; subclasses supply the primitives (_evaluate, _goto, _click, _fill,
    _select, errors)."""

    engine = None
    POLL = 0.05

    def evaluate(self, source, arg=None):
        return self._evaluate(as_function(source), arg)

    def goto(self, url):
        self._goto(url)

    def reload(self):
        self._goto(self.evaluate("location.href"))

    def click(self, selector):
        self.wait_for_selector(selector)
        self._click(selector)

    def check(self, selector):
        if not self.evaluate("s => document.querySelector(s).checked", selector):
            self.click(selector)

    def fill(self, selector, text):
        self.wait_for_selector(selector)
        self._fill(selector, text)

    def select_option(self, selector, value):
        self.wait_for_selector(selector)
        self._select(selector, value)

    def locator(self, selector):
        return Locator(self, selector)

    def inner_text(self, selector):
        return self.evaluate("s => document.querySelector(s).innerText", selector)

    def get_attribute(self, selector, name):
        return self.evaluate("([s, n]) => document.querySelector(s).getAttribute(n)", [selector, name])

    def wait_for_function(self, source, arg=None, timeout=30000):
        deadline = time.monotonic() + timeout / 1000
        while True:
            value = self.evaluate(source, arg)
            if value:
                return value
            if time.monotonic() > deadline:
                raise TimeoutError("%s: not true after %d ms: %s" % (self.engine, timeout, source))
            time.sleep(self.POLL)

    def wait_for_selector(self, selector, state="attached", timeout=30000):
        test = "s => !!document.querySelector(s)"
        if state == "visible":
            test = "s => { const e = document.querySelector(s); return !!e && e.getClientRects().length > 0; }"
        self.wait_for_function(test, selector, timeout)


class ChromiumPage(EnginePage):
    engine = "chromium"

    def __init__(self, browser):
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))

    def _evaluate(self, source, arg):
        return self.page.evaluate(source, arg)

    def _goto(self, url):
        self.page.goto(url)

    def _click(self, selector):
        self.page.click(selector)

    def _fill(self, selector, text):
        self.page.fill(selector, text)

    def _select(self, selector, value):
        self.page.select_option(selector, value)

    def close(self):
        self.context.close()


class Chromium:
    """browser: a Playwright Chromium already running (the other tests' one), kept open; else one of its own.
    Playwright's sync API runs once per thread, so the tests lend theirs."""

    def __init__(self, browser=None):
        self.playwright = None
        if browser is None:
            if not os.path.exists(CHROMIUM):
                raise EngineMissing("Chromium is missing at %s: install Debian's chromium" % CHROMIUM)
            from playwright.sync_api import sync_playwright

            self.playwright = sync_playwright().start()
            browser = self.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        self.browser = browser
        self.version = browser.version

    def new_page(self):
        return ChromiumPage(self.browser)

    def console_problems(self, urls, ready):
        return page_problems(self.new_page(), urls, ready)

    def close(self):
        if self.playwright:
            self.browser.close()
            self.playwright.stop()


class FirefoxPage(EnginePage):
    engine = "firefox"

    def __init__(self, bridge):
        self.bridge = bridge
        bridge.call("page")

    def _evaluate(self, source, arg):
        return self.bridge.call("evaluate", source, arg)

    def _goto(self, url):
        self.bridge.call("goto", url)

    def _click(self, selector):
        self.bridge.call("click", selector)

    def _fill(self, selector, text):
        self.bridge.call("fill", selector, text)

    def _select(self, selector, value):
        self.bridge.call("select", selector, value)

    @property
    def errors(self):
        return self.bridge.call("errors")

    def close(self):
        pass


class Firefox:
    """harness/engines/firefox.mjs in Node, one command at a time."""

    def __init__(self):
        if not os.path.exists(FIREFOX):
            raise EngineMissing("Firefox is missing at %s: install Debian's firefox-esr" % FIREFOX)
        self.process = subprocess.Popen(
            ["node", str(Path(__file__).with_name("firefox.mjs"))],
            cwd=ROOT,
            env=dict(os.environ, FIREFOX=FIREFOX),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.version = self.call("version")

    def call(self, op, *args):
        self.process.stdin.write(json.dumps({"op": op, "args": list(args)}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise EngineMissing("the Firefox driver stopped (exit code %s)" % self.process.wait())
        reply = json.loads(line)
        if "error" in reply:
            raise RuntimeError("firefox %s: %s" % (op, reply["error"]))
        return reply["value"]

    def new_page(self):
        return FirefoxPage(self)

    def console_problems(self, urls, ready):
        return page_problems(self.new_page(), urls, ready)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=30)


def fresh_profile(folder):
    """MiniBrowser keeps its profile under the user's webkitgtk-4.1 data and cache folders; pointing both
    at an empty folder gives every page the first visit of a new reader."""
    return dict(os.environ, XDG_DATA_HOME=str(folder / "data"), XDG_CACHE_HOME=str(folder / "cache"))


class WebKitPage(EnginePage):
    engine = "webkit"

    def __init__(self, binary):
        from selenium import webdriver
        from selenium.webdriver.webkitgtk.options import Options
        from selenium.webdriver.webkitgtk.service import Service

        self.folder = Path(tempfile.mkdtemp(prefix="webkit-profile-"))
        options = Options()
        options.binary_location = binary
        options.add_argument("--automation")
        service = Service(
            executable_path=WEBKIT_DRIVER, env=dict(fresh_profile(self.folder), NO_AT_BRIDGE="1", GTK_A11Y="none")
        )
        self.driver = webdriver.WebKitGTK(options=options, service=service)
        self.version = self.driver.capabilities.get("browserVersion")
        # Seen through console_problems(), not here: see the module docstring.
        self.errors = []

    def _find(self, selector):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def _evaluate(self, source, arg):
        return self.driver.execute_script("return (%s)(arguments[0])" % source, arg)

    def _goto(self, url):
        self.driver.get(url)

    def _click(self, selector):
        from selenium.common.exceptions import ElementNotInteractableException

        element = self._find(selector)
        # WebKitWebDriver does not always scroll a control below the fold into view before clicking it, and
        # now and then calls a visible, enabled control not interactable: then the DOM's own click.
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        try:
            element.click()
        except ElementNotInteractableException:
            self.driver.execute_script("arguments[0].click()", element)

    def _fill(self, selector, text):
        from selenium.common.exceptions import ElementNotInteractableException

        element = self._find(selector)
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        try:
            element.clear()
            element.send_keys(text)
        except ElementNotInteractableException:
            self.driver.execute_script(
                """arguments[0].value = arguments[1];
                arguments[0].dispatchEvent(new Event('input', {bubbles: true}));
                arguments[0].dispatchEvent(new Event('change', {bubbles: true}));""",
                element,
                text,
            )

    def _select(self, selector, value):
        from selenium.webdriver.support.select import Select

        Select(self._find(selector)).select_by_value(value)

    def close(self):
        self.driver.quit()
        shutil.rmtree(self.folder, ignore_errors=True)


class WebKit:
    """Each page is a MiniBrowser of its own (a fresh profile); the display is one Xvfb for all."""

    def __init__(self):
        if not os.path.exists(WEBKIT_DRIVER) or not shutil.which("Xvfb"):
            raise EngineMissing("WebKitWebDriver or Xvfb is missing: install Debian's %s" % INSTALL["webkit"])
        self.binary = minibrowser()
        self.display = start_display()
        page = self.new_page()
        self.version = page.version
        page.close()

    def new_page(self):
        return WebKitPage(self.binary)

    def console_problems(self, urls, ready):
        """Console errors and warnings of the pages, all opened at once in a plain MiniBrowser that prints its
        console (`ready` cannot be asked there): WebKit warns about an unused preload a few seconds after the
        load event, so the console is read until it has been quiet for QUIET seconds after its first line
        (the quiz page always writes one: PyScript's own "PyScript Ready")."""
        with tempfile.TemporaryDirectory(prefix="webkit-console-") as folder:
            return [(None, line) for line in minibrowser_console(self.binary, Path(folder), urls)]

    def close(self):
        self.display.terminate()
        self.display.wait()


QUIET = 6.0


def minibrowser_console(binary, folder, urls, limit=60.0):
    process = subprocess.Popen(
        # The web process writes the console to its stderr, despite the option's name.
        [binary, "--enable-write-console-messages-to-stdout=true", *urls],
        # No accessibility bus on a virtual display: without these GTK waits for one at every start.
        env=dict(fresh_profile(folder), NO_AT_BRIDGE="1", GTK_A11Y="none"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    output = b""
    started = time.monotonic()
    last = None
    while (last is None or time.monotonic() - last < QUIET) and time.monotonic() - started < limit:
        if select.select([process.stderr], [], [], 0.1)[0]:
            chunk = os.read(process.stderr.fileno(), 65536)
            if not chunk:
                break
            output += chunk
            last = time.monotonic()
    # What the browser says while being stopped (a registration cut short, for one) is not the pages'.
    process.terminate()
    process.communicate()
    lines = [line for line in output.decode("utf-8", "replace").splitlines() if "CONSOLE" in line]
    return [line for line in lines if PROBLEM_RE.search(line)]


def start_display():
    """Xvfb on a display number it picks itself; DISPLAY is set for this process and the browsers it starts."""
    read, write = os.pipe()
    display = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as numbers:
        number = numbers.readline().strip()
    if not number:
        display.wait()
        raise EngineMissing("no X display could be started with Xvfb")
    os.environ["DISPLAY"] = ":" + number
    return display


def page_problems(page, urls, ready):
    problems = []
    try:
        for url in urls:
            before = len(page.errors)
            page.goto(url)
            page.wait_for_function(ready(url))
            problems += [(url, text) for text in page.errors[before:]]
    finally:
        page.close()
    return problems


OPENERS = {"chromium": Chromium, "firefox": Firefox, "webkit": WebKit}


@contextlib.contextmanager
def engine(name, **options):
    opened = OPENERS[name](**options)
    try:
        yield opened
    finally:
        opened.close()
