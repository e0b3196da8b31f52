"""Benchmarks: how fast the quiz becomes usable, how heavy each page is, how the build scales.

    make bench                      # or: .venv/bin/python bench/run.py [--runs 9] [--skip-lighthouse]
    .venv/bin/python bench/run.py --engines-only [--engine-runs 3]   # the quiz in every engine, alone
    .venv/bin/python bench/run.py --skip-pyodide --skip-scaling       # leave out the slow parts
    .venv/bin/python bench/run.py --serve-only      # a 300-question page: build, and rebuilds under mkdocs serve

Builds the site, serves it on 127.0.0.1 with gzip (as static hosts do), and drives Debian's Chromium through
Playwright, then Chromium, Firefox and WebKit through harness/engines for the quiz in every engine. Prints
tables of medians with min/max and writes everything to bench/results/latest.json. Also the first visit's
background download (the service worker's precache) and the long tasks up to quiz-ready.
Exits 1 when a budget is missed. Figures, not pass/fail timings, are the point: nothing here is a test.
"""

import argparse
import functools
import gzip
import http.server
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
RESULTS = BENCH / "results"
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

BUDGET_RUNTIME_GZIP = 350 * 1024
# What the service worker downloads in the background of a reader's first visit, compressed as served.
BUDGET_PRECACHE_GZIP = 500 * 1024
# Formats a static host sends as they are: already compressed.
UNCOMPRESSED = (".png", ".zip", ".ico", ".woff2")
# The compression level the bench server uses, for pages and for the precache figures alike.
GZIP_LEVEL = 6
BUDGET_READY_RATIO = 2.0

sys.path.insert(0, str(ROOT))

# The same Chromium, launched the same way, and the same static types as the browser tests.
from harness.localhost import CHROMIUM, CHROMIUM_ARGS, StaticHandler  # noqa: E402

# ---------------------------------------------------------------- serving


class GzipHandler(StaticHandler):
    """The tests' static server, plus gzip for everything but already-compressed formats, like a static host."""

    cache = {}

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            path = os.path.join(path, "index.html")
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
        if (
            not os.path.isfile(path)
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or path.endswith(UNCOMPRESSED)
        ):
            return super().send_head()
        body = self.cache.get(path)
        if body is None:
            with open(path, "rb") as handle:
                body = gzip.compress(handle.read(), GZIP_LEVEL)
            self.cache[path] = body
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return BytesIO(body)


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser closing a connection early (a context closed mid-precache) is not an error here.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(directory):
    handler = functools.partial(GzipHandler, directory=str(directory))
    httpd = QuietServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, "http://127.0.0.1:%d" % httpd.server_address[1]


# ---------------------------------------------------------------- building


def build_site(site_dir, docs_dir=ROOT / "docs", config=ROOT / "mkdocs.yml", cwd=ROOT):
    subprocess.run(
        [sys.executable, "-m", "sitebuild", "prepare", str(docs_dir)], cwd=ROOT, check=True, capture_output=True
    )
    started = time.perf_counter()
    run = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(config), "--site-dir", str(site_dir)],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )
    elapsed = time.perf_counter() - started
    if run.returncode:
        raise SystemExit("build failed:\n" + run.stdout + run.stderr)
    return elapsed


def add_variants(site_dir):
    """Beside quiz.html: the same page enhanced by plain JavaScript, and the same page on Pyodide."""
    quiz_html = (site_dir / "quiz.html").read_text(encoding="utf-8")
    pyscript_tags = re.compile(
        r'\s*<link rel="stylesheet" href="[^"]*assets/quiz/pyscript/core\.css">'
        r'|\s*<script src="[^"]*assets/quiz/web/quiz-loader\.js".*?</script>'
        r"|\s*<py-config>.*?</py-config>"
        r"|\s*<mpy-script.*?</mpy-script>"
        r'|\s*<script src="[^"]*assets/quiz/web/quiz-fallback\.js"></script>',
        re.S,
    )
    baseline = pyscript_tags.sub("", quiz_html)
    assert "pyscript" not in baseline and "<mpy-script" not in baseline
    baseline = baseline.replace("</body>", '<script src="bench-baseline.js"></script></body>')
    shutil.copy(BENCH / "baseline.js", site_dir / "bench-baseline.js")
    (site_dir / "quiz-baseline.html").write_text(baseline, encoding="utf-8")

    pyodide_src = BENCH / "node_modules" / "pyodide"
    if not pyodide_src.is_dir():
        raise SystemExit("bench/node_modules is missing: run `npm ci --prefix bench` (make bench does it)")
    target = site_dir / "assets" / "vendor" / "pyodide"
    target.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy(pyodide_src / name, target / name)
    # Same page, same app.py and scoring.py: only the script type and interpreter change.
    # The loader must not request MicroPython's files for this page.
    pyodide = re.sub(r' [^ "]*/micropython/micropython\.(?:mjs|wasm)', "", quiz_html)
    pyodide = re.sub(r'"[^ "]*/micropython/micropython\.(?:mjs|wasm) ', '"', pyodide)
    pyodide = pyodide.replace("<mpy-script", "<py-script").replace("</mpy-script>", "</py-script>")
    pyodide = pyodide.replace("quiz/micropython/micropython.mjs", "vendor/pyodide/pyodide.mjs")
    # The unused-plugin list must be given for the other type too: here that is mpy.
    pyodide = pyodide.replace("<py-config>", "<mpy-config>").replace("</py-config>", "</mpy-config>")
    assert pyodide != quiz_html
    (site_dir / "quiz-pyodide.html").write_text(pyodide, encoding="utf-8")


# ---------------------------------------------------------------- measuring in Chromium

MEASURE = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  const fcp = performance.getEntriesByName('first-contentful-paint')[0];
  const ready = performance.getEntriesByName('quiz-ready')[0];
  const runtime = resources.filter(r => /\\/(quiz\\/pyscript|quiz\\/micropython|vendor\\/pyodide)\\//.test(r.name));
  const sum = (list, key) => list.reduce((total, r) => total + (r[key] || 0), 0);
  return {
    fcp_ms: fcp ? fcp.startTime : null,
    ready_ms: ready ? ready.startTime : null,
    load_ms: nav.loadEventEnd,
    bytes: nav.transferSize + sum(resources, 'transferSize'),
    runtime_bytes: sum(runtime, 'transferSize'),
    runtime_decoded_bytes: sum(runtime, 'decodedBodySize'),
    requests: 1 + resources.length,
    runtime_requests: runtime.length,
  };
}"""


def load(page, url, wait_ready):
    page.goto(url, wait_until="load")
    if wait_ready:
        page.wait_for_function("performance.getEntriesByName('quiz-ready').length > 0", timeout=60000)
    else:
        page.wait_for_load_state("networkidle")
    page.wait_for_function("performance.getEntriesByName('first-contentful-paint').length > 0", timeout=10000)
    sample = page.evaluate(MEASURE)
    sample.update(page.evaluate(START_WORK))
    return sample


# ---------------------------------------------------------------- main-thread work during start

# Registered before any of the page's scripts: long tasks (50 ms or more on the main thread) are not kept in
# the performance timeline, so only an observer there from the start sees them all.
OBSERVE_LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push([entry.startTime, entry.duration]);
}).observe({ type: 'longtask', buffered: true });
"""

# Up to quiz-ready (or the load event on a page without a quiz): long tasks, the blocking time Lighthouse
# counts (each long task's time beyond 50 ms), and how long the quiz's own Python ran (app.py's
# `quiz-start` mark to `quiz-ready`).
START_WORK = """() => {
  const ready = performance.getEntriesByName('quiz-ready')[0];
  const start = performance.getEntriesByName('quiz-start')[0];
  const end = ready ? ready.startTime : performance.getEntriesByType('navigation')[0].loadEventEnd;
  const tasks = (window.__longTasks || []).filter(([at]) => at <= end);
  return {
    long_tasks: tasks.length,
    long_task_ms: tasks.reduce((total, [, duration]) => total + duration, 0),
    blocking_ms: tasks.reduce((total, [, duration]) => total + Math.max(0, duration - 50), 0),
    longest_task_ms: tasks.reduce((most, [, duration]) => Math.max(most, duration), 0),
    quiz_python_ms: ready && start ? ready.startTime - start.startTime : null,
  };
}"""


def new_context(browser):
    """A browser context for one series of loads: the service worker blocked (its background precaching
    is measured apart, see precache_figures), long tasks observed from the start."""
    context = browser.new_context(service_workers="block")
    context.add_init_script(OBSERVE_LONG_TASKS)
    return context


def start_work_rows(pages_samples):
    """Rows of the start-up work table: long tasks up to quiz-ready, per page and load kind."""
    rows = []
    for name, samples in pages_samples.items():
        for kind in ("cold", "warm"):
            row = [name, kind]
            for key in ("long_tasks", "long_task_ms", "blocking_ms", "longest_task_ms", "quiz_python_ms"):
                figure = summary(samples[kind], key)
                row.append(
                    "%s (%s-%s)" % (fmt(figure["median"]), fmt(figure["min"]), fmt(figure["max"])) if figure else "-"
                )
            rows.append(row)
    return rows


# ---------------------------------------------------------------- first visit: the service worker's precache


def precache_figures(site_dir):
    """What a reader's first visit downloads in the background: every file of sw.js's precache list, at the
    size the bench server sends it (gzip at GZIP_LEVEL, as GzipHandler; UNCOMPRESSED formats as they are)."""
    from sitebuild.service_worker import precache_manifest

    files = []
    for entry in precache_manifest((site_dir / "sw.js").read_text(encoding="utf-8")):
        body = (site_dir / entry["url"]).read_bytes()
        sent = len(body) if entry["url"].endswith(UNCOMPRESSED) else len(gzip.compress(body, GZIP_LEVEL))
        files.append({"url": entry["url"], "bytes": len(body), "gzip": sent})
    files.sort(key=lambda file: -file["gzip"])
    return {
        "files": len(files),
        "bytes": sum(file["bytes"] for file in files),
        "gzip": sum(file["gzip"] for file in files),
        "largest": files[:8],
    }


def print_precache(figures):
    print(
        "First visit: the service worker precaches %d files, %.1f KB (%.1f KB gzip, as served); largest, KB gzip:"
        % (figures["files"], figures["bytes"] / 1024, figures["gzip"] / 1024)
    )
    print(table([[file["url"], "%.1f" % (file["gzip"] / 1024)] for file in figures["largest"]], ["file", "KB gzip"]))


def precache_budget(figures):
    return (
        "service worker precache <= %d KB gzip (first visit, background)" % (BUDGET_PRECACHE_GZIP // 1024),
        figures["gzip"] <= BUDGET_PRECACHE_GZIP,
        "%.1f KB in %d files" % (figures["gzip"] / 1024, figures["files"]),
    )


def measure_pages(browser, origin, pages, runs):
    """Cold: a new context each time (empty cache). Warm: one context per page, HTTP cache primed. The service
    worker is blocked in both, so the figures are network loads and not its background precaching.

    The pages take turns (run 1 of every page, then run 2, ...) so that a busy moment on the machine falls on
    all of them alike instead of on one page's whole series: the ratios to the baseline stay comparable."""
    samples = {name: {"cold": [], "warm": []} for name, _, _ in pages}
    for _ in range(runs):
        for name, path, wait_ready in pages:
            context = new_context(browser)
            samples[name]["cold"].append(load(context.new_page(), origin + path, wait_ready))
            context.close()
    contexts = {}
    for name, path, wait_ready in pages:
        contexts[name] = new_context(browser)
        load(contexts[name].new_page(), origin + path, wait_ready)  # primes the HTTP cache
    for _ in range(runs):
        for name, path, wait_ready in pages:
            page = contexts[name].new_page()
            samples[name]["warm"].append(load(page, origin + path, wait_ready))
            page.close()
    for context in contexts.values():
        context.close()
    return samples


def summary(samples, key):
    values = [sample[key] for sample in samples if sample[key] is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values)}


# ---------------------------------------------------------------- every engine

# The quiz beside the plain-JavaScript page in each engine the tests drive (harness/engines): cold loads only,
# each in a fresh profile, as a first visit. Chromium is measured again here so the three share one method.
ENGINE_PAGES = (("quiz (MicroPython)", "/quiz.html"), ("quiz (plain JavaScript baseline)", "/quiz-baseline.html"))
READY_MARK = "performance.getEntriesByName('quiz-ready').length > 0"


def measure_engines(origin, runs):
    """{engine: {"version", "pages": {page: [samples]}}}; pages take turns within an engine."""
    from harness.engines import ENGINES, engine

    found = {}
    for name in ENGINES:
        print("measuring in %s ..." % name, file=sys.stderr)
        with engine(name) as opened:
            samples = {page: [] for page, _ in ENGINE_PAGES}
            for _ in range(runs):
                for page_name, path in ENGINE_PAGES:
                    page = opened.new_page()
                    try:
                        page.goto(origin + path)
                        page.wait_for_function(READY_MARK, timeout=60000)
                        samples[page_name].append(page.evaluate(MEASURE))
                    finally:
                        page.close()
            found[name] = {"version": opened.version, "pages": samples}
    return found


def engine_rows(engines):
    rows = []
    for name, measured in engines.items():
        base = summary(measured["pages"]["quiz (plain JavaScript baseline)"], "ready_ms")["median"]
        base_bytes = summary(measured["pages"]["quiz (plain JavaScript baseline)"], "bytes")["median"]
        for page_name, samples in measured["pages"].items():
            ready = summary(samples, "ready_ms")
            nbytes = summary(samples, "bytes")["median"]
            rows.append(
                [
                    "%s %s" % (name, measured["version"]),
                    page_name,
                    "%s (%s-%s)" % (fmt(ready["median"]), fmt(ready["min"]), fmt(ready["max"])),
                    "%.2fx" % (ready["median"] / base),
                    fmt(nbytes, "KB"),
                    "%.1fx" % (nbytes / base_bytes) if base_bytes else "-",
                    fmt(summary(samples, "runtime_requests")["median"]),
                ]
            )
    return rows


def engines_alone(runs, output):
    """`--engines-only`: this section alone, on a fresh build."""
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        build_site(site)
        add_variants(site)
        httpd, origin = serve(site)
        try:
            engines = measure_engines(origin, runs)
        finally:
            httpd.shutdown()
    print_engines(engines, runs)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps({"runs": runs, "engines": engines}, indent=1), encoding="utf-8")
    return 0


def print_engines(engines, runs):
    print()
    print("Cold quiz loads in every engine, %d each (median, min-max; KB transferred, gzip)" % runs)
    print(
        table(
            engine_rows(engines),
            ["engine", "page", "ready ms", "ready vs JS", "KB total", "KB vs JS", "runtime requests"],
        )
    )


# ---------------------------------------------------------------- build scaling


def scaling(counts):
    from quiz.source import fences

    article = (ROOT / "docs" / "unlock-your-ankles.md").read_text(encoding="utf-8")
    quiz = (ROOT / "docs" / "quiz.md").read_text(encoding="utf-8")
    blocks = [fence.body for fence in fences(quiz) if fence.info == "quiz"]
    rows = []
    for count in counts:
        with tempfile.TemporaryDirectory() as temp:
            temp = Path(temp)
            docs = temp / "docs"
            (docs / "stylesheets").mkdir(parents=True)
            for css in (ROOT / "docs" / "stylesheets").iterdir():
                shutil.copy(css, docs / "stylesheets" / css.name)
            # Quiz explanations and the article's notes link to the evidence page.
            shutil.copy(ROOT / "docs" / "evidence.md", docs / "evidence.md")
            nav = [{"Evidence": "evidence.md"}]
            for number in range(1, count + 1):
                name = "article-%03d.md" % number
                body = [article.split("\n---\n\n[Test what you learned")[0]]
                for block in blocks:
                    text = "\n".join(block)
                    text = re.sub(r"^id: (.*)$", r"id: \1-%d" % number, text, flags=re.M)
                    text = re.sub(r"^see: unlock-your-ankles\.md", "see: " + name, text, flags=re.M)
                    body.append("```quiz\n%s\n```" % text)
                (docs / name).write_text("\n\n".join(body) + "\n", encoding="utf-8")
                nav.append({"Article %d" % number: name})
            config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
            config = config.replace("custom_dir: overrides", "custom_dir: %s" % (ROOT / "overrides"))
            config = config.replace(
                "  - sitebuild/mkdocs_hooks.py", "  - %s" % (ROOT / "sitebuild" / "mkdocs_hooks.py")
            )
            config = re.sub(r"\nnav:\n(  - .*\n)+", "\nnav: %s\n" % json.dumps(nav), config)
            (temp / "mkdocs.yml").write_text(config, encoding="utf-8")
            site = temp / "site"
            seconds = build_site(site, docs_dir=docs, config=temp / "mkdocs.yml", cwd=temp)
            files = [path for path in site.rglob("*") if path.is_file()]
            rows.append(
                {
                    "pages": count,
                    "questions": count * len(blocks),
                    "build_s": round(seconds, 2),
                    "files": len(files),
                    "bytes": sum(path.stat().st_size for path in files),
                }
            )
    return rows


# ---------------------------------------------------------------- one long quiz page under `mkdocs serve`


def long_quiz_project(folder, count):
    """This site with its quiz page made `count` questions long (the page's blocks repeated under new ids),
    its overrides and hooks pointing back at this checkout. Returns the config file."""
    from quiz.source import fences

    shutil.copytree(ROOT / "docs", folder / "docs", ignore=shutil.ignore_patterns("assets"))
    quiz_page = folder / "docs" / "quiz.md"
    text = quiz_page.read_text(encoding="utf-8")
    blocks = ["\n".join(fence.body) for fence in fences(text) if fence.info == "quiz"]
    # The page's own words, without the settings that name its two quizzes: every copy is in one quiz.
    head = re.sub(
        r"\nquiz_(?:shuffle_questions|score_bands):.*?(?=\n[a-z_]+:|\n---)", "", text.split("```quiz")[0], flags=re.S
    )
    body = [head]
    for number in range(count):
        block = re.sub(r"^id: (.*)$", r"id: \1-%d" % number, blocks[number % len(blocks)], flags=re.M)
        body.append("```quiz\n%s\n```\n" % re.sub(r"^quiz: .*\n", "", block, flags=re.M))
    quiz_page.write_text("\n".join(body), encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    config = config.replace("custom_dir: overrides", "custom_dir: %s" % (ROOT / "overrides"))
    config = config.replace("  - sitebuild/mkdocs_hooks.py", "  - %s" % (ROOT / "sitebuild" / "mkdocs_hooks.py"))
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


BUILT_RE = re.compile(r"Documentation built in ([\d.]+) seconds")


def serve_rebuilds(count=300, edits=3):
    """A full strict build of a `count`-question quiz page, then `mkdocs serve` on it: for each of `edits`
    saves of the page, the seconds MkDocs reports for the rebuild and the wall time from the save to it."""
    import queue

    with tempfile.TemporaryDirectory() as temp:
        temp = Path(temp)
        config = long_quiz_project(temp, count)
        build_s = build_site(temp / "site", docs_dir=temp / "docs", config=config, cwd=temp)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        serve = subprocess.Popen(
            # As `make serve` runs it (live reload on: without it MkDocs does not watch for changes at all).
            [sys.executable, "-m", "mkdocs", "serve", "--strict", "-a", "127.0.0.1:%d" % port],
            cwd=temp,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
        )
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(line) for line in serve.stdout], daemon=True).start()

        def next_build(limit=600):
            ends = time.monotonic() + limit
            while time.monotonic() < ends:
                try:
                    found = BUILT_RE.search(lines.get(timeout=min(5, ends - time.monotonic())))
                except queue.Empty:
                    if serve.poll() is not None:
                        raise SystemExit("mkdocs serve stopped") from None
                    continue
                if found:
                    return float(found.group(1))
            raise SystemExit("mkdocs serve did not rebuild within %d s" % limit)

        rebuilds = []
        try:
            first = next_build()
            for _ in range(edits):
                time.sleep(1)
                page = temp / "docs" / "quiz.md"
                saved = time.monotonic()
                page.write_text(page.read_text(encoding="utf-8") + "\n", encoding="utf-8")
                reported = next_build()
                rebuilds.append({"reported_s": reported, "wall_s": round(time.monotonic() - saved, 2)})
        finally:
            serve.terminate()
            serve.wait(timeout=30)
    return {"questions": count, "build_s": round(build_s, 2), "first_serve_s": first, "rebuilds": rebuilds}


def print_serve(found):
    print(
        "A %d-question page: strict build %.2f s; mkdocs serve's first build %.2f s; rebuild after a save "
        "(reported / save to done): %s"
        % (
            found["questions"],
            found["build_s"],
            found["first_serve_s"],
            ", ".join("%.2f / %.2f s" % (row["reported_s"], row["wall_s"]) for row in found["rebuilds"]),
        )
    )


# ---------------------------------------------------------------- Lighthouse


def lighthouse(url):
    cli = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
    with tempfile.TemporaryDirectory() as temp:
        out = Path(temp) / "report.json"
        run = subprocess.run(
            [
                "node",
                str(cli),
                url,
                "--output=json",
                "--output-path=%s" % out,
                "--quiet",
                "--form-factor=mobile",
                "--chrome-flags=--headless=new " + " ".join(CHROMIUM_ARGS),
            ],
            env=dict(os.environ, CHROME_PATH=CHROMIUM),
            capture_output=True,
            text=True,
            timeout=300,
        )
        if run.returncode or not out.exists():
            return {"error": (run.stderr or run.stdout)[-500:]}
        report = json.loads(out.read_text(encoding="utf-8"))
    scores = {key: round(category["score"] * 100) for key, category in report["categories"].items()}
    scores["total-blocking-time_ms"] = round(report["audits"]["total-blocking-time"]["numericValue"])
    return scores


# ---------------------------------------------------------------- report


def fmt(value, unit=""):
    if value is None:
        return "-"
    if unit == "KB":
        return "%.1f" % (value / 1024)
    return "%.0f" % value


def table(rows, headers):
    widths = [max(len(str(row[i])) for row in rows + [headers]) for i in range(len(headers))]
    lines = ["  ".join(str(cell).ljust(width) for cell, width in zip(headers, widths))]
    lines.append("  ".join("-" * width for width in widths))
    lines += ["  ".join(str(cell).ljust(width) for cell, width in zip(row, widths)) for row in rows]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--scaling", default="1,10,100")
    parser.add_argument("--skip-lighthouse", action="store_true")
    parser.add_argument("--engine-runs", type=int, default=3, help="cold loads per page in each engine")
    parser.add_argument("--skip-scaling", action="store_true")
    parser.add_argument("--skip-pyodide", action="store_true", help="leave out the Pyodide page (3 s a load)")
    parser.add_argument("--output", default=str(RESULTS / "latest.json"))
    parser.add_argument("--engines-only", action="store_true", help="only the quiz in every engine")
    parser.add_argument("--serve-only", action="store_true", help="only the long quiz page under mkdocs serve")
    args = parser.parse_args()
    if args.engines_only:
        return engines_alone(args.engine_runs, Path(args.output).with_name("engines.json"))
    if args.serve_only:
        print_serve(serve_rebuilds())
        return 0
    from playwright.sync_api import sync_playwright

    results = {
        "machine": {"platform": platform.platform(), "cpus": os.cpu_count(), "python": platform.python_version()},
        "runs": args.runs,
        "pages": {},
    }
    with tempfile.TemporaryDirectory() as temp:
        site = Path(temp) / "site"
        results["build_s"] = round(build_site(site), 2)
        results["precache"] = precache_figures(site)
        add_variants(site)
        httpd, origin = serve(site)
        pages = [
            ("article", "/unlock-your-ankles.html", False),
            ("quiz (MicroPython)", "/quiz.html", True),
            ("quiz (Pyodide)", "/quiz-pyodide.html", True),
            ("quiz (plain JavaScript baseline)", "/quiz-baseline.html", True),
        ]
        if args.skip_pyodide:
            pages = [entry for entry in pages if entry[0] != "quiz (Pyodide)"]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            results["machine"]["chromium"] = browser.version
            print("measuring %s ..." % ", ".join(name for name, _, _ in pages), file=sys.stderr)
            results["pages"] = measure_pages(browser, origin, pages, args.runs)
            browser.close()
        results["engines"] = measure_engines(origin, args.engine_runs)
        if not args.skip_lighthouse:
            results["lighthouse"] = {}
            for name, path in (("article", "/unlock-your-ankles.html"), ("quiz", "/quiz.html")):
                print("lighthouse %s ..." % name, file=sys.stderr)
                results["lighthouse"][name] = lighthouse(origin + path)
        httpd.shutdown()
    if not args.skip_scaling:
        print("build scaling ...", file=sys.stderr)
        results["scaling"] = scaling([int(count) for count in args.scaling.split(",")])
        print("a long quiz page under mkdocs serve ...", file=sys.stderr)
        results["serve"] = serve_rebuilds()

    # Summaries and ratios to the plain JavaScript baseline.
    rows = []
    baseline = results["pages"]["quiz (plain JavaScript baseline)"]
    base_ready = {kind: summary(baseline[kind], "ready_ms")["median"] for kind in ("cold", "warm")}
    for name, samples in results["pages"].items():
        for kind in ("cold", "warm"):
            ready = summary(samples[kind], "ready_ms")
            fcp = summary(samples[kind], "fcp_ms")
            nbytes = summary(samples[kind], "bytes")
            runtime = summary(samples[kind], "runtime_bytes")
            requests = summary(samples[kind], "requests")
            ratio = "%.2fx" % (ready["median"] / base_ready[kind]) if ready else "-"
            rows.append(
                [
                    name,
                    kind,
                    "%s (%s-%s)" % (fmt(fcp["median"]), fmt(fcp["min"]), fmt(fcp["max"])),
                    "%s (%s-%s)" % (fmt(ready["median"]), fmt(ready["min"]), fmt(ready["max"])) if ready else "-",
                    ratio,
                    fmt(nbytes["median"], "KB"),
                    fmt(runtime["median"], "KB"),
                    fmt(requests["median"]),
                ]
            )
    print()
    print(
        "Page loads, %d each, Chromium %s (median, min-max; KB transferred, gzip)"
        % (args.runs, results["machine"]["chromium"])
    )
    print(table(rows, ["page", "load", "FCP ms", "ready ms", "ready vs JS", "KB total", "KB runtime", "requests"]))
    print_engines(results["engines"], args.engine_runs)
    print()
    print("Start-up work up to quiz-ready (or load): long tasks on the main thread (median, min-max)")
    print(
        table(
            start_work_rows(results["pages"]),
            ["page", "load", "long tasks", "long task ms", "blocking ms", "longest ms", "quiz's Python ms"],
        )
    )
    print()
    print_precache(results["precache"])
    print()
    if "scaling" in results:
        print(
            "Build scaling (strict build, %d quiz questions per page)"
            % (results["scaling"][0]["questions"] // max(1, results["scaling"][0]["pages"]))
        )
        print(
            table(
                [
                    [
                        row["pages"],
                        row["questions"],
                        "%.2f" % row["build_s"],
                        row["files"],
                        "%.1f" % (row["bytes"] / 1024 / 1024),
                    ]
                    for row in results["scaling"]
                ],
                ["pages", "questions", "build s", "files", "MB"],
            )
        )
    if "serve" in results:
        print()
        print_serve(results["serve"])
    if "lighthouse" in results:
        print()
        print("Lighthouse (mobile)")
        keys = ["performance", "accessibility", "best-practices", "seo", "total-blocking-time_ms"]
        print(
            table(
                [
                    [name] + [scores.get(key, scores.get("error", "-")) for key in keys]
                    for name, scores in results["lighthouse"].items()
                ],
                ["page"] + keys,
            )
        )

    # Budgets.
    article = results["pages"]["article"]["cold"]
    mpy_cold = results["pages"]["quiz (MicroPython)"]["cold"]
    mpy_ready = summary(mpy_cold, "ready_ms")["median"]
    # Each round loads every page once, so a round's two loads met the same moment of the machine.
    paired = [
        python["ready_ms"] / plain["ready_ms"]
        for python, plain in zip(mpy_cold, baseline["cold"])
        if python["ready_ms"] and plain["ready_ms"]
    ]
    budgets = [
        (
            "article page loads no PyScript",
            max(sample["runtime_requests"] for sample in article) == 0,
            "%d runtime requests" % max(sample["runtime_requests"] for sample in article),
        ),
        (
            "PyScript + interpreter <= 350 KB compressed",
            summary(mpy_cold, "runtime_bytes")["median"] <= BUDGET_RUNTIME_GZIP,
            "%.1f KB" % (summary(mpy_cold, "runtime_bytes")["median"] / 1024),
        ),
        (
            "quiz-ready within 2x plain JavaScript (cold)",
            mpy_ready <= BUDGET_READY_RATIO * base_ready["cold"],
            "%.0f ms vs %.0f ms = %.2fx; round by round %.2fx to %.2fx"
            % (mpy_ready, base_ready["cold"], mpy_ready / base_ready["cold"], min(paired), max(paired)),
        ),
    ]
    budgets.append(precache_budget(results["precache"]))
    results["budgets"] = [{"budget": name, "met": met, "measured": detail} for name, met, detail in budgets]
    print()
    print("Budgets")
    for name, met, detail in budgets:
        print("  %s  %s: %s" % ("PASS" if met else "MISS", name, detail))

    output = Path(args.output)
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(json.dumps(results, indent=1), encoding="utf-8")
    print("\nwritten to %s" % output.relative_to(ROOT) if output.is_relative_to(ROOT) else output)
    return 0 if all(met for _, met, _ in budgets) else 1


if __name__ == "__main__":
    sys.exit(main())
