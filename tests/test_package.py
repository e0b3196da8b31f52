"""The quiz as another site uses it: the wheel built from this checkout, installed into a fresh virtual
environment, builds tests/fixtures/foreign-site (a site with nothing of this one but `plugins: [quiz]`), and
its quiz runs in Chromium.

The fixture differs from this site on purpose: directory URLs, `docs_dir: content`, the quiz in a subfolder
linking to a section of another page, no theme overrides, no hooks and no pymdownx.superfences of its own.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from harness.quiz_driver import answer, answer_all
from quiz.browser import saved
from quiz.check import check_docs
from quiz.page import SETTINGS_RE
from quiz.runtime import MANIFEST, PYSCRIPT_DIR, PYTHON_FILES, WEB_DIR, WEB_FILES, manifest

from .conftest import ROOT, Server
from .html_page import Page

pytestmark = pytest.mark.browser

FOREIGN = ROOT / "tests" / "fixtures" / "foreign-site"
QUIZ_PAGE = "learn/check/index.html"
# The tags the quiz adds to a page: what the plugin and `python -m quiz finish` must agree on.
QUIZ_TAGS_RE = re.compile(
    r'<link rel="stylesheet" href="[^"]*assets/quiz/[^"]*">|<script type="application/json" id="quiz-settings">.*?'
    r"</script>|<script src=\"[^\"]*assets/quiz/[^\"]*\".*?</script>|<py-config>.*?</py-config>|<mpy-script.*?"
    r"</mpy-script>",
    re.S,
)


def run(*command, cwd, env=None):
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=900, env=env)
    assert result.returncode == 0, "%s\n%s%s" % (" ".join(map(str, command)), result.stdout, result.stderr)
    return result.stdout + result.stderr


def listing(folder):
    return sorted(path.relative_to(folder).as_posix() for path in Path(folder).rglob("*"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv python, wheel path, installed package folder): the wheel built from a copy of the checkout's
    distribution files (so the build leaves nothing behind in the checkout), in a fresh venv."""
    if not os.path.isfile(MANIFEST):
        pytest.fail("quiz/runtime is missing: run `make setup`, which copies the runtime into the package")
    work = tmp_path_factory.mktemp("package")
    source = work / "source"
    source.mkdir()
    shutil.copy(ROOT / "pyproject.toml", source)
    shutil.copytree(ROOT / "quiz", source / "quiz", ignore=shutil.ignore_patterns("__pycache__"))
    venv = work / "venv"
    run(sys.executable, "-m", "venv", str(venv), cwd=work)
    python = str(venv / "bin" / "python")
    pip = [python, "-m", "pip", "--disable-pip-version-check", "--quiet"]
    with open(ROOT / "pyproject.toml", "rb") as handle:
        build_requires = tomllib.load(handle)["build-system"]["requires"]
    run(*pip, "install", *build_requires, cwd=work)
    run(*pip, "wheel", "--no-deps", "--no-build-isolation", "--wheel-dir", str(work / "dist"), str(source), cwd=work)
    wheels = list((work / "dist").glob("*.whl"))
    assert len(wheels) == 1, wheels
    # The plugin's dependencies, and Material, at the versions this checkout pins (the newest supported).
    run(*pip, "install", "%s[material]" % wheels[0], "-c", str(ROOT / "requirements.lock"), cwd=work)
    package = run(python, "-c", "import os, quiz; print(os.path.dirname(quiz.__file__))", cwd=work).strip()
    return python, wheels[0], Path(package)


def lower_bounds():
    """The plugin's dependencies and Material at the oldest versions pyproject.toml declares it supports."""
    with open(ROOT / "pyproject.toml", "rb") as handle:
        project = tomllib.load(handle)["project"]
    pins = []
    for requirement in project["dependencies"] + project["optional-dependencies"]["material"]:
        name, oldest = re.match(r"([A-Za-z0-9_.-]+)>=([\w.]+)", requirement).groups()
        pins.append("%s==%s" % (name, oldest))
    return pins


@pytest.fixture(scope="module")
def oldest(installed, tmp_path_factory):
    """(venv python, [name==version]): the same wheel in another fresh venv, with every supported range at its
    lower bound."""
    _, wheel, _ = installed
    work = tmp_path_factory.mktemp("oldest")
    run(sys.executable, "-m", "venv", str(work / "venv"), cwd=work)
    python = str(work / "venv" / "bin" / "python")
    pins = lower_bounds()
    run(python, "-m", "pip", "install", "--disable-pip-version-check", "--quiet", str(wheel), *pins, cwd=work)
    return python, pins


def full_marks(quiz_in, site):
    """The outside site's quiz taken with every answer right, in Chromium: (page, server) once it says so."""
    questions = [question for found in check_docs(str(FOREIGN / "content"))[0].values() for question in found]
    page, server = quiz_in(site, "learn/check/")
    answer_all(page, questions)
    page.click('form.quiz button[type=submit]:has-text("Check my answers")')
    assert "You scored %d of %d (100%%)." % (len(questions), len(questions)) in page.inner_text(
        "form.quiz .quiz-result"
    )
    return page, server


def build_variant(installed, tmp_path_factory, name, edit):
    """The fixture site, its mkdocs.yml changed by `edit`, built by the installed plugin: the site folder."""
    python = installed[0]
    project = tmp_path_factory.mktemp(name) / "project"
    shutil.copytree(FOREIGN, project)
    config = project / "mkdocs.yml"
    config.write_text(edit(config.read_text(encoding="utf-8")), encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    run(str(Path(python).parent / "mkdocs"), "build", "--strict", cwd=project, env=env)
    return project / "site"


# Material's instant navigation as its documentation sets it up: site_url, and the prefetch and progress
# features on top.
INSTANT = (
    "site_url: https://walking.example.org/notes/\n",
    "  font: false\n  features:\n    - navigation.instant\n    - navigation.instant.prefetch\n"
    "    - navigation.instant.progress\n",
)


@pytest.fixture(scope="module")
def instant_site(installed, tmp_path_factory):
    return build_variant(
        installed,
        tmp_path_factory,
        "instant",
        lambda text: INSTANT[0] + text.replace("  font: false\n", INSTANT[1]),
    )


@pytest.fixture(scope="module")
def foreign_build(installed, tmp_path_factory):
    """The fixture built by the installed plugin, with what its source tree and the installed package held
    before and after: (site folder, [(before, after) of source tree], [(before, after) of the package])."""
    python, _, package = installed
    site = tmp_path_factory.mktemp("foreign") / "site"
    mkdocs = str(Path(python).parent / "mkdocs")
    sources_before, package_before = listing(FOREIGN), listing(package)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    # From a folder outside the checkout, so only the installed package can be imported.
    run(
        mkdocs,
        "build",
        "--strict",
        "-f",
        str(FOREIGN / "mkdocs.yml"),
        "--site-dir",
        str(site),
        cwd=site.parent,
        env=env,
    )
    return site, (sources_before, listing(FOREIGN)), (package_before, listing(package))


def test_the_wheel_holds_the_quiz_package_only(installed):
    _, wheel, _ = installed
    names = zipfile.ZipFile(wheel).namelist()
    assert wheel.name.startswith("mkdocs_pyscript_quiz-")
    assert {name.split("/")[0] for name in names} == {"quiz", wheel.name.split("-py3")[0] + ".dist-info"}
    assert not [name for name in names if "sitebuild" in name or "__pycache__" in name]
    vendored = manifest()
    expected = (
        ["quiz/runtime/manifest.json", "quiz/plugin.py", "quiz/page.py", "quiz/runtime.py", "quiz/strings/en.json"]
        + ["quiz/browser/" + name for name in PYTHON_FILES]
        + ["quiz/web/" + name for name in WEB_FILES]
        + ["quiz/runtime/pyscript/" + name for name in vendored["pyscript"]["files"]]
        + ["quiz/runtime/micropython/" + name for name in vendored["micropython"]["files"]]
    )
    assert sorted(set(expected) - set(names)) == []
    entry_points = next(name for name in names if name.endswith("entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode("utf-8")
    assert "[mkdocs.plugins]" in text and "quiz = quiz.plugin:QuizPlugin" in text


def test_the_installed_plugin_is_the_one_used(installed):
    _, _, package = installed
    assert "site-packages" in package.parts and ROOT not in package.parents


def test_the_build_writes_nothing_into_the_sources_or_the_package(foreign_build):
    _, (sources_before, sources_after), (package_before, package_after) = foreign_build
    assert sources_after == sources_before
    assert package_after == package_before


def test_the_foreign_quiz_page_is_wired_relative_to_itself(foreign_build):
    site, _, _ = foreign_build
    html = (site / QUIZ_PAGE).read_text(encoding="utf-8")
    loader = next(attrs for tag, attrs in Page(site / QUIZ_PAGE).tags if tag == "script" and "data-pyscript" in attrs)
    assert loader["src"] == "../../%s/quiz-loader.js" % WEB_DIR
    assert loader["data-pyscript"] == "../../%s/core.js" % PYSCRIPT_DIR
    base = "http://site/" + QUIZ_PAGE.replace("index.html", "")
    for url in loader["data-modules"].split() + loader["data-files"].split():
        assert (site / urlsplit(urljoin(base, url)).path.lstrip("/")).is_file(), url
    settings = json.loads(SETTINGS_RE.search(html).group(1))
    assert settings["result_note"] == "A quiz about these notes, not about how well you walk."
    assert settings["shuffle_questions"] == [] and settings["offline_copy"] == ""
    assert settings["strings"]["quiz.check"] == "Check my answers"
    # Links to another page's section, written `../topics/walking.md#stride-length`, reach it.
    links = re.findall(r'<p class="quiz-answer__see"><a href="([^"]+)"', html)
    assert links and links[0] == "../../topics/walking/#stride-length"
    for href in links:
        target = urlsplit(urljoin(base, href))
        assert target.fragment in Page(site / target.path.lstrip("/") / "index.html").ids, href
    for other in ("index.html", "topics/walking/index.html"):
        assert "assets/quiz/" not in (site / other).read_text(encoding="utf-8"), other


def test_the_foreign_quiz_runs_in_chromium(foreign_build, quiz_in):
    site, _, _ = foreign_build
    questions = [question for found in check_docs(str(FOREIGN / "content"))[0].values() for question in found]
    assert len({question.type for question in questions}) == 3
    page, server = quiz_in(site, "learn/check/")
    answer_all(page, questions)
    page.click('form.quiz button[type=submit]:has-text("Check my answers")')
    result = page.inner_text("form.quiz .quiz-result")
    assert "You scored %d of %d (100%%)." % (len(questions), len(questions)) in result
    assert "A quiz about these notes, not about how well you walk." in result
    assert page.recorder.foreign(server.url) == []
    assert page.recorder.errors == []


def test_quiz_finish_gives_the_page_the_plugin_gives(foreign_build, tmp_path):
    """`python -m quiz finish`, for generators that ignore plugins, on the fixture built without the plugin:
    the same runtime files and the same tags on the quiz page, from the same config file."""
    plugin_site, _, _ = foreign_build
    project = tmp_path / "project"
    shutil.copytree(FOREIGN, project)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    # What a generator without plugins sees: the fence must then be declared by hand.
    config = config.replace(
        "plugins:\n  - quiz\n",
        "plugins: []\nmarkdown_extensions:\n  - pymdownx.superfences:\n      custom_fences:\n        - name: quiz\n"
        "          class: quiz\n          format: !!python/name:quiz.fence.format_quiz\n",
    )
    assert "plugins: []" in config
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    run(sys.executable, "-m", "mkdocs", "build", "--strict", cwd=project, env=env)
    site = project / "site"
    assert "quiz-settings" not in (site / QUIZ_PAGE).read_text(encoding="utf-8")
    output = run(sys.executable, "-m", "quiz", "finish", "site", cwd=project)
    assert "1 page(s): %s" % QUIZ_PAGE in output
    finished = (site / QUIZ_PAGE).read_text(encoding="utf-8")
    built = (plugin_site / QUIZ_PAGE).read_text(encoding="utf-8")
    assert QUIZ_TAGS_RE.findall(finished) == QUIZ_TAGS_RE.findall(built) != []
    assert listing(site / "assets" / "quiz") == listing(plugin_site / "assets" / "quiz")
    # A second run leaves the pages as they are.
    run(sys.executable, "-m", "quiz", "finish", "site", cwd=project)
    assert (site / QUIZ_PAGE).read_text(encoding="utf-8") == finished


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["finish", "no-such-site"], "no-such-site is not a folder: build the site first"),
        (["finish", "site", "--config", "missing.yml"], "cannot read missing.yml"),
    ],
)
def test_quiz_finish_reports_problems_in_one_line(tmp_path, arguments, message):
    shutil.copytree(FOREIGN, tmp_path / "project")
    (tmp_path / "project" / "site").mkdir()
    result = subprocess.run(
        [sys.executable, "-m", "quiz", *arguments], cwd=tmp_path / "project", capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and message in result.stderr and "Traceback" not in result.stderr


def test_quiz_finish_names_a_page_not_in_utf8(tmp_path):
    shutil.copytree(FOREIGN, tmp_path / "project")
    (tmp_path / "project" / "site").mkdir()
    (tmp_path / "project" / "content" / "latin.md").write_bytes("# Notes\n\nCaf\u00e9.\n".encode("latin-1"))
    result = subprocess.run(
        [sys.executable, "-m", "quiz", "finish", "site"], cwd=tmp_path / "project", capture_output=True, text=True
    )
    assert result.returncode == 1
    assert result.stderr.startswith("error: content/latin.md:3: the file is not UTF-8 text (byte 0xe9")
    assert "Traceback" not in result.stderr


def test_a_language_without_strings_gives_english_and_a_warning_in_words(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(FOREIGN, project)
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  name: material\n", "  name: material\n  language: sv\n"),
        encoding="utf-8",
    )
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build"], cwd=project, capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert "WARNING -  the quiz has no strings for theme.language 'sv'" in result.stderr
    html = (project / "site" / QUIZ_PAGE).read_text(encoding="utf-8")
    assert json.loads(SETTINGS_RE.search(html).group(1))["strings"]["quiz.check"] == "Check my answers"
    strict = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"], cwd=project, capture_output=True, text=True, env=env
    )
    assert strict.returncode != 0 and "theme.language 'sv'" in strict.stderr
    assert "Traceback" not in strict.stderr


def _instant_page(new_page, instant_site, servers, path=""):
    server = Server(instant_site)
    servers.append(server)
    # Material intercepts only links to the addresses its sitemap lists: the site as deployed at this server.
    sitemap = instant_site / "sitemap.xml"
    text = re.sub(r"<loc>https?://[^/]+/(?:notes/)?", "<loc>" + server.url, sitemap.read_text(encoding="utf-8"))
    sitemap.write_text(text, encoding="utf-8")
    page = new_page()
    page.goto(server.url + path)
    # A mark that only a full load would wipe: each later step must be an instant navigation.
    page.evaluate("window.__landed = true")
    return page, server


def _quiz_ready(page):
    page.wait_for_selector("html[data-quiz-ready] form.quiz:not([data-quiz-state=starting])", timeout=30000)
    assert page.evaluate("window.__landed") is True, "the page was loaded anew, not by instant navigation"


@pytest.fixture
def servers():
    running = []
    yield running
    for server in running:
        server.stop()


def test_instant_navigation_starts_scores_and_saves_the_quiz_forth_and_back(new_page, instant_site, servers):
    questions = [question for found in check_docs(str(FOREIGN / "content"))[0].values() for question in found]
    page, server = _instant_page(new_page, instant_site, servers)
    assert page.locator("form.quiz").count() == 0
    page.click('article a:has-text("a self-check")')
    _quiz_ready(page)
    answer_all(page, questions)
    page.click('form.quiz button[type=submit]:has-text("Check my answers")')
    result = "You scored %d of %d (100%%)." % (len(questions), len(questions))
    assert result in page.inner_text("form.quiz .quiz-result")
    page.go_back()
    page.wait_for_selector("article h1:has-text('Walking notes')")
    assert page.locator("form.quiz").count() == 0
    page.go_forward()
    _quiz_ready(page)
    # The answers and the result were saved and come back with the page.
    assert result in page.inner_text("form.quiz .quiz-result")
    assert page.locator('form.quiz [data-quiz-action="start-over"]').is_enabled()
    assert page.recorder.foreign(server.url) == []
    assert page.recorder.errors == []


def test_a_quiz_page_landed_on_starts_again_after_leaving_and_coming_back(new_page, instant_site, servers):
    page, _ = _instant_page(new_page, instant_site, servers, "learn/check/")
    _quiz_ready(page)
    page.click("form.quiz fieldset >> nth=0 >> input >> nth=0")
    # Checking the question, then following its answer's "Read the section" link, as a learner would.
    page.click('form.quiz fieldset >> nth=0 >> [data-quiz-action="check-question"]')
    page.click("form.quiz details.quiz-answer >> nth=0 >> summary")
    page.click("form.quiz .quiz-answer__see a >> nth=0")
    page.wait_for_selector("article h2:has-text('Stride length')")
    assert not page.evaluate("document.documentElement.hasAttribute('data-quiz-ready')")
    page.go_back()
    _quiz_ready(page)
    assert page.inner_text("form.quiz .quiz-status") != "Starting the quiz…"
    assert page.locator("form.quiz fieldset >> nth=0 >> input:checked").count() == 1
    assert page.recorder.errors == []


def test_instant_navigation_to_a_quiz_whose_runtime_fails_shows_the_fallback(new_page, instant_site, servers):
    page, _ = _instant_page(new_page, instant_site, servers)
    page.route("**/micropython.wasm", lambda route: route.fulfill(status=404, body="gone"))
    page.click('article a:has-text("a self-check")')
    page.wait_for_selector(".quiz-fallback[role=alert]", timeout=15000)
    assert page.evaluate("window.__landed") is True
    assert not page.evaluate("document.documentElement.hasAttribute('data-quiz-ready')")
    assert "could not start" in page.inner_text(".quiz-fallback")


def test_the_oldest_supported_versions_build_the_outside_site_and_run_its_quiz(oldest, tmp_path_factory, quiz_in):
    python, pins = oldest
    listed = run(python, "-m", "pip", "list", "--format=freeze", cwd=ROOT).lower().split()
    assert all(pin.lower() in listed for pin in pins), (pins, listed)
    site = build_variant(oldest, tmp_path_factory, "oldest", lambda text: text)
    page, server = full_marks(quiz_in, site)
    assert page.recorder.errors == [] and page.recorder.foreign(server.url) == []


def test_the_oldest_supported_material_runs_the_quiz_under_instant_navigation(
    oldest, tmp_path_factory, new_page, servers
):
    site = build_variant(
        oldest,
        tmp_path_factory,
        "oldest-instant",
        lambda text: INSTANT[0] + text.replace("  font: false\n", INSTANT[1]),
    )
    page, _ = _instant_page(new_page, site, servers)
    page.click('article a:has-text("a self-check")')
    _quiz_ready(page)
    assert page.recorder.errors == []


@pytest.mark.parametrize("theme", ["mkdocs", "readthedocs"])
def test_the_quiz_runs_on_mkdocs_own_themes(theme, installed, tmp_path_factory, quiz_in):
    site = build_variant(
        installed,
        tmp_path_factory,
        theme,
        lambda text: text.replace("  name: material\n  font: false\n", "  name: %s\n" % theme),
    )
    page, server = full_marks(quiz_in, site)
    # These themes load their own scripts and fonts from CDNs, which this machine cannot reach: what the quiz
    # loads stays on the site, and no error names the quiz's files.
    assert [url for url in page.recorder.foreign(server.url) if "quiz" in url] == []
    assert page.locator("html[data-quiz-ready]").count() == 1
    assert [error for error in page.recorder.errors if "assets/quiz/" in error or "pyscript" in error.lower()] == []


QUESTION = "```quiz\nid: %s\ntype: single\nsee: %s\n\nWhich?\n\n- [x] A\n- %s B\n\nBecause.\n```\n"


def test_the_check_and_the_build_read_what_the_build_publishes(installed, tmp_path):
    """exclude_docs and draft_docs pages are not read, a quiz that pymdownx.snippets brings in is checked on its
    own file's lines, a meta file's quiz settings on its own, and `quiz check` with no argument reads the
    config's docs_dir: the build and the check, both from the wheel, list the same mistakes."""
    python = installed[0]
    project = tmp_path / "project"
    shutil.copytree(FOREIGN, project)
    content = project / "content"
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("  - quiz\n", "  - material/meta\n  - quiz\n")
        + "exclude_docs: |\n  drafts/\ndraft_docs: |\n  *-wip.md\nmarkdown_extensions:\n"
        "  - pymdownx.snippets:\n      base_path: [shared]\n",
        encoding="utf-8",
    )
    # The same question id as the check page's first question, in pages the build leaves out: no clash.
    (content / "drafts").mkdir()
    (content / "drafts" / "old.md").write_text("# Old\n\n" + QUESTION % ("stride-landing", "../index.md", "[ ]"))
    (content / "next-wip.md").write_text("# Next\n\n" + QUESTION % ("stride-landing", "index.md", "[ ]"))
    (project / "shared").mkdir()
    shared = QUESTION % ("shared-one", "../index.md#walking-notes", "[x]")
    (project / "shared" / "extra.md").write_text("Shared.\n\n" + shared.replace("type:", "quiz: shared\ntype:"))
    (content / "learn" / "more.md").write_text('# More\n\n--8<-- "extra.md"\n')
    (content / "learn" / ".meta.yml").write_text("quiz_result_note: 5\nquiz_score_bands: [1]\n")
    expected = [
        "content/learn/.meta.yml:1: quiz_result_note must be text, not 5",
        "content/learn/.meta.yml:2: quiz_score_bands must list, under each quiz id, its bands: "
        "`- from: <percent>` and `text: <what the reader sees>`",
        "shared/extra.md:11: a single question needs exactly one correct option [x], found 2",
    ]
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.pop("PYTHONPATH", None)
    checked = subprocess.run([python, "-m", "quiz", "check"], cwd=project, capture_output=True, text=True, env=env)
    assert checked.returncode == 1 and checked.stderr.splitlines()[:-1] == expected, checked.stderr
    mkdocs = str(Path(python).parent / "mkdocs")
    built = subprocess.run([mkdocs, "build", "--strict"], cwd=project, capture_output=True, text=True, env=env)
    assert built.returncode == 1 and "Traceback" not in built.stderr
    listed = built.stderr.split("quiz blocks or markup:\n")[1].splitlines()
    assert listed[: len(expected)] == expected, built.stderr


def test_two_sites_on_one_origin_keep_their_own_answers_and_take_over_the_old_ones(foreign_build, new_page, tmp_path):
    """Project sites of one GitHub Pages account share an origin: each keeps its answers under its own path,
    and answers saved before storage names held the site move, once, to the site that reads them first."""
    site, _, _ = foreign_build
    root = tmp_path / "origin"
    for name in ("a", "b"):
        shutil.copytree(site, root / name)
    (root / "index.html").write_text(
        '<!doctype html><title>Origin</title><link rel="icon" href="data:,">', encoding="utf-8"
    )
    questions = [question for found in check_docs(str(FOREIGN / "content"))[0].values() for question in found]
    first, second = questions[0], questions[1]
    server = Server(root)
    try:
        page = new_page()
        page.goto(server.url)
        legacy = saved.encode("self-check", {first.id: first.correct_keys})
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [saved.storage_key("self-check"), legacy])
        page.goto(server.url + "a/learn/check/")
        page.wait_for_selector("form.quiz[data-quiz-state=ready]", timeout=30000)
        box = "#q-%s-%s" % (first.id, first.correct_keys[0])
        assert page.is_checked(box)
        keys = page.evaluate("Object.keys(localStorage).sort()")
        assert saved.storage_key("self-check", "a") in keys and saved.storage_key("self-check") not in keys
        assert all("/v1/a/" in key for key in keys), keys
        answer(page, second)
        page.goto(server.url + "b/learn/check/")
        page.wait_for_selector("form.quiz[data-quiz-state=ready]", timeout=30000)
        assert page.locator("form.quiz input:checked").count() == 0
        assert page.inner_text("form.quiz .quiz-status") == ""
        answer(page, first, "wrong")
        page.goto(server.url + "a/learn/check/")
        page.wait_for_selector("form.quiz[data-quiz-state=ready]", timeout=30000)
        assert page.is_checked(box) and page.inner_text("form.quiz .quiz-status") == ""
        assert page.inner_text("form.quiz .quiz-progress").startswith("2 of ")
        keys = page.evaluate("Object.keys(localStorage)")
        assert {saved.storage_key("self-check", "a"), saved.storage_key("self-check", "b")} <= set(keys)
        assert all("/v1/a/" in key or "/v1/b/" in key for key in keys), keys
        assert page.recorder.errors == []
    finally:
        server.stop()
