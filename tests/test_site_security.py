"""The Content-Security-Policy (sitebuild/csp.py): only the templates' own inline scripts are hashed and
every built HTML file gets its policy. In Chromium: content cannot run script on the site or in the take-away
copy, search works in the site folder opened from disk under its policy, the quiz's fallback tells the truth,
and a second deploy over the first never mixes versions.

Tests that open a page carry the `browser` mark (tests/conftest.py refuses one that does not)."""

import json
import re
import shutil

import pytest

from quiz.runtime import APP, PYTHON_DIR, PYTHON_FILES, SITE_PREFIX, python_version
from sitebuild.content_error import ContentError
from sitebuild.csp import policy_for, secure_site, template_dirs, template_scripts
from sitebuild.service_worker import write_service_worker
from sitebuild.takeaway import build_takeaway

from .conftest import DOCS, READY, ROOT, Server, config_in, copy_docs, run_build
from .test_offline import (
    COPY,
    NEW_BUILD,
    TAKEAWAY,
    VIOLATIONS,
    expect_update_offered,
    no_network_requests,
    take_the_update,
    visit_and_answer,
)

FALLBACK = ".quiz-fallback[role=alert]"
HOSTILE_DESCRIPTION = 'He said "stop". "><script>window.hacked=1;alert(1)</script><img src=x onerror="alert(2)">'
HOSTILE_TITLE = 'Ankles "</title><script>window.hacked=2;alert(3)</script><img src=x onerror=alert(4)>'
QUOTED_DESCRIPTION = 'He said "stop". " autofocus onfocus="window.hacked=1'
QUOTED_TITLE = "Ankles' onmouseover='window.hacked=2\" onload=\"window.hacked=3"
INLINE_SCRIPT_PAGE = "# Notes\n\nText.\n\n<script>window.hacked=3;alert(5)</script>\n"


# Material's inline scripts as a built page carries them, and one a page's content added.
MATERIAL_SCRIPT = '<script>var target=document.getElementById(location.hash.slice(1));target&&target.name&&(target.checked=target.name.startsWith("__tabbed_"))</script>'  # noqa: E501
CONTENT_SCRIPT = "<script>window.hacked=1</script>"


def test_only_the_templates_scripts_are_hashed(site_dir):
    allowed = template_scripts(tuple(template_dirs(str(ROOT / "overrides"))))
    page = (site_dir / "unlock-your-ankles.html").read_text(encoding="utf-8")
    scripts = re.findall(r"<script>(.*?)</script>", page, re.S)
    assert len(scripts) >= 3 and all(allowed.fullmatch(body) for body in scripts)
    assert MATERIAL_SCRIPT in page
    # A content script, even one that starts like the theme's, is never listed; the theme's stay listed.
    hostile = page.replace(
        "</article>", CONTENT_SCRIPT + '<script>__md_scope=new URL(".",location);alert(1)</script></article>'
    )
    assert len(re.findall(r"'sha256-", policy_for(hostile, allowed))) == len(
        re.findall(r"'sha256-", policy_for(page, allowed))
    )
    assert "window.hacked" not in str(allowed.pattern)


def test_every_html_file_gets_the_policy_and_one_not_in_utf8_is_named(tmp_path):
    (tmp_path / "plain.html").write_text("<p>A page written by hand, with no head.</p>", encoding="utf-8")
    (tmp_path / "latin1.html").write_bytes("<p>D\xe9j\xe0 vu</p>".encode("latin-1"))
    with pytest.raises(ContentError) as raised:
        secure_site(str(tmp_path))
    assert raised.value.lines == [
        "%s:1: not UTF-8 (invalid continuation byte): save it as UTF-8" % (tmp_path / "latin1.html")
    ]
    policy = policy_for("<p>A page written by hand, with no head.</p>", page="plain.html", site_dir=str(tmp_path))
    written = (tmp_path / "plain.html").read_text(encoding="utf-8")
    assert written.startswith('\n    <meta http-equiv="Content-Security-Policy" content="%s">' % policy)


def with_front_matter(path, title, description):
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"^title: .*$", "title: %s" % json.dumps(title), text, count=1, flags=re.M)
    text = re.sub(r"^description: .*$", "description: %s" % json.dumps(description), text, count=1, flags=re.M)
    path.write_text(text, encoding="utf-8")


def watch_dialogs(page):
    seen = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.dismiss()))
    return seen


@pytest.mark.browser
def test_hostile_front_matter_runs_nothing_and_an_inline_script_page_fails_the_build(new_page, tmp_path):
    copy_docs(tmp_path / "docs")
    config = config_in(tmp_path)
    article = tmp_path / "docs" / "unlock-your-ankles.md"
    with_front_matter(article, HOSTILE_TITLE, HOSTILE_DESCRIPTION)
    (tmp_path / "docs" / "notes.md").write_text(INLINE_SCRIPT_PAGE, encoding="utf-8")
    failed = run_build(config=config, site_dir=tmp_path / "site", cwd=tmp_path)
    output = failed.stdout + failed.stderr
    assert failed.returncode != 0 and "Traceback" not in output
    assert "docs/notes.md:5: raw <script> in a page" in output
    # Markup in the title and description is refused where it is written (the check, quiz/page_html.py)...
    assert "docs/unlock-your-ankles.md:2: front matter title holds markup (<script>)" in output
    assert "docs/unlock-your-ankles.md:3: front matter description holds markup (<script>)" in output
    # ...and quotes meant to break out of an attribute, which the check lets through as text, stay text: the
    # templates escape every front-matter value (the second wall).
    (tmp_path / "docs" / "notes.md").unlink()
    with_front_matter(article, QUOTED_TITLE, QUOTED_DESCRIPTION)
    built = run_build(config=config, site_dir=tmp_path / "site", cwd=tmp_path)
    assert built.returncode == 0, built.stdout + built.stderr
    server = Server(tmp_path / "site")
    try:
        page = new_page()
        dialogs = watch_dialogs(page)
        page.goto(server.url + "unlock-your-ankles.html")
        page.wait_for_load_state("networkidle")
        assert dialogs == [] and page.evaluate("window.hacked") is None
        for selector in ('meta[name="description"]', 'meta[property="og:description"]'):
            assert page.get_attribute(selector, "content") == QUOTED_DESCRIPTION
        assert page.get_attribute('meta[property="og:title"]', "content") == QUOTED_TITLE
        assert page.title().startswith(QUOTED_TITLE)
        assert page.locator("[onfocus], [onload], [onmouseover]").count() == 0
        assert page.locator("head script:not([src]):not([type])").count() == 1
    finally:
        server.stop()


@pytest.mark.browser
def test_a_script_added_to_a_built_page_is_not_allowed_by_its_policy(new_page, site_dir, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    article = site / "unlock-your-ankles.html"
    html = article.read_text(encoding="utf-8")
    article.write_text(html.replace("</article>", "<script>window.hacked=1</script></article>", 1), encoding="utf-8")
    secure_site(str(site), skip=(TAKEAWAY,), custom_dir=str(ROOT / "overrides"))
    server = Server(site)
    try:
        page = new_page()
        page.add_init_script(VIOLATIONS)
        page.goto(server.url + "unlock-your-ankles.html")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.hacked") is None
        assert [v for v in page.evaluate("window.__violations") if v.startswith("script-src-elem inline")]
        # The theme's own scripts still run: Material's palette script reads the stored scheme.
        assert page.evaluate("typeof __md_get") == "function"
    finally:
        server.stop()


@pytest.mark.browser
def test_search_works_in_the_site_folder_opened_from_disk(new_page, site_dir):
    page = new_page()
    page.add_init_script(VIOLATIONS)
    page.goto((site_dir / "index.html").as_uri())
    page.click("input.md-search__input")
    page.keyboard.type("dorsiflexion")
    page.wait_for_selector(".md-search-result__item", timeout=10000)
    assert page.evaluate("window.__violations") == []
    assert no_network_requests(page) == []


def take_away_policy(html):
    return html.split('<meta http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]


@pytest.mark.browser
def test_the_take_away_copy_has_a_tight_policy_and_runs_the_quiz_within_it(new_page, site_dir):
    html = (site_dir / TAKEAWAY).read_text(encoding="utf-8")
    assert html.index("Content-Security-Policy") < html.index("<script")
    policy = take_away_policy(html).replace("&#39;", "'")
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'none'" and directives["img-src"] == "data:"
    assert "'strict-dynamic'" in directives["script-src"] and "'unsafe-eval'" in directives["script-src"]
    assert not re.search(r"https?:|'self'|\*|'unsafe-inline'|\bdata:", directives["script-src"])
    assert "'unsafe-inline'" not in directives["style-src"]
    page = new_page()
    page.add_init_script(VIOLATIONS)
    page.goto((site_dir / TAKEAWAY).as_uri())
    page.wait_for_selector(READY, timeout=30000)
    assert page.evaluate("window.__violations") == []


@pytest.mark.browser
def test_content_in_the_take_away_copy_cannot_run_script_or_reach_a_host(new_page, site_dir, tmp_path):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    article = site / "unlock-your-ankles.html"
    hostile = (
        '<script>window.hacked=1</script><script src="data:text/javascript,window.hacked=2"></script>'
        '<img src="//127.0.0.2/x.png" alt=""><img src="/\\127.0.0.2/y.png" alt=""><img src=x onerror="window.hacked=3">'
        '<img src="assets/images/favicon.png" alt="" id="local-image">'
    )
    article.write_text(article.read_text(encoding="utf-8").replace("</article>", hostile + "</article>", 1), "utf-8")
    build_takeaway(str(site), COPY)
    page = new_page()
    page.goto((site / TAKEAWAY).as_uri())
    page.wait_for_selector(READY, timeout=30000)
    assert page.evaluate("window.hacked") is None
    assert no_network_requests(page) == []
    # A local image of the page is inlined, and shows under the copy's `img-src data:`.
    assert page.get_attribute("#local-image", "src").startswith("data:image/png;base64,")
    assert page.evaluate("document.getElementById('local-image').naturalWidth") > 0


# Whether the fallback's notice was ever shown: a quiz that starts after all takes it away again.
RECORD_FALLBACK = """
window.__fallbackShown = false;
new MutationObserver(() => {
    if (document.querySelector('.quiz-fallback')) window.__fallbackShown = true;
}).observe(document, {childList: true, subtree: true});
"""

# A missing content image wherever it lives, its path naming the quiz or inside the runtime's own folder.
MISSING_IMAGES = '<img src="images/quiz-figure.png" alt=""><img src="assets/quiz/figure.png" alt="">'


@pytest.mark.browser
def test_a_missing_content_image_is_not_a_quiz_failure(new_page, tmp_path, site_dir):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    quiz = site / "quiz.html"
    quiz.write_text(quiz.read_text(encoding="utf-8").replace("</h1>", "</h1>" + MISSING_IMAGES, 1), "utf-8")
    server = Server(site)
    try:
        page = new_page()
        page.add_init_script(RECORD_FALLBACK)
        page.goto(server.url + "quiz.html")
        page.wait_for_selector(READY, timeout=30000)
        assert page.evaluate("[...document.images].filter(i => i.complete && !i.naturalWidth).length") == 2
        assert page.evaluate("window.__fallbackShown") is False
    finally:
        server.stop()


@pytest.mark.browser
@pytest.mark.parametrize("name", PYTHON_FILES)
def test_a_missing_quiz_python_file_is_reported_at_once(new_page, tmp_path, site_dir, name):
    site = tmp_path / "site"
    shutil.copytree(site_dir, site)
    (site / PYTHON_DIR / name).unlink()
    server = Server(site)
    try:
        page = new_page()
        page.goto(server.url + "quiz.html")
        # Well inside the fallback's timeout (20 s): the 404 itself is the news.
        notice = page.wait_for_selector(FALLBACK, timeout=5000)
        assert "could not start" in notice.inner_text()
        assert page.get_attribute("html", "data-quiz-ready") is None
    finally:
        server.stop()


def deploy(build, folder):
    """Put `build` in `folder` as a static host's deploy does: every file replaced, files it lacks removed."""
    for path in sorted(folder.rglob("*"), reverse=True):
        if path.is_file() and not (build / path.relative_to(folder)).exists():
            path.unlink()
    shutil.copytree(build, folder, dirs_exist_ok=True)


def second_build(tmp_path):
    """The site built again from changed sources: a quiz page with a new title, and new quiz Python. The
    question and quiz ids stay."""
    project = tmp_path / "second"
    copy_docs(project / "docs")
    config = config_in(project)
    quiz = project / "docs" / "quiz.md"
    quiz.write_text(
        quiz.read_text(encoding="utf-8").replace("\n# Self-check quiz", "\n# Self-check quiz, new"), "utf-8"
    )
    site = project / "site"
    result = run_build(config=config, site_dir=site, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    # The new Python published as a build of it publishes it: in the folder its digest names.
    source = tmp_path / "new-python"
    shutil.copytree(site / PYTHON_DIR, source)
    (source / APP).write_text((source / APP).read_text(encoding="utf-8") + "\n" + NEW_BUILD + "\n", encoding="utf-8")
    new_dir = SITE_PREFIX + "python-" + python_version(str(source))
    assert new_dir != PYTHON_DIR
    shutil.rmtree(site / PYTHON_DIR)
    shutil.copytree(source, site / new_dir)
    for page in site.rglob("*.html"):
        page.write_text(page.read_text(encoding="utf-8").replace(PYTHON_DIR, new_dir), encoding="utf-8")
    # The worker's list of files and their digests, as the build's last step writes it.
    write_service_worker(str(site), str(config))
    return site, new_dir


@pytest.mark.browser
def test_a_second_deploy_over_the_first_keeps_each_page_on_one_version(new_page, site_dir, tmp_path):
    served = tmp_path / "served"
    shutil.copytree(site_dir, served)
    assert "# Self-check quiz\n" in (DOCS / "quiz.md").read_text(encoding="utf-8")
    server = Server(served)
    try:
        page = new_page()
        visit_and_answer(page, server.url, served)
        old_app = (served / PYTHON_DIR / APP).read_text(encoding="utf-8")

        new_site, new_dir = second_build(tmp_path)
        deploy(new_site, served)
        assert NEW_BUILD in (served / new_dir / APP).read_text(encoding="utf-8")
        assert not (served / PYTHON_DIR / APP).exists()
        # The reader comes back to the page: the browser finds the new service worker, which waits.
        page.reload()
        page.wait_for_selector(READY)
        expect_update_offered(page)
        # Until the reader chooses, the page and everything it fetches are the first build's.
        assert "Self-check quiz, new" not in page.inner_text("h1")
        assert page.evaluate("fetch('%s/%s').then(r => r.text())" % (PYTHON_DIR, APP)) == old_app
        # Same quiz and question ids: the answers given before the deploy are still there.
        take_the_update(page, "Self-check quiz, new")
    finally:
        server.stop()


@pytest.mark.browser
def test_a_page_that_a_deploy_overtakes_never_runs_the_new_python(new_page, site_dir, tmp_path):
    """A first visit, before any service worker: the deploy lands between the page's HTML and its Python."""
    served = tmp_path / "served"
    shutil.copytree(site_dir, served)
    new_site, new_dir = second_build(tmp_path)
    server = Server(served)
    held, released, asked = [], [], []
    page = new_page()
    page.on("request", lambda request: asked.append(request.url))

    def hold(route):
        if released:
            route.continue_()
        else:
            held.append(route)

    page.route("**/%s/*" % PYTHON_DIR, hold)
    try:
        page.goto(server.url + "quiz.html")
        page.wait_for_function("document.readyState === 'complete'")
        while not held:
            page.wait_for_timeout(50)
        deploy(new_site, served)
        released.append(True)
        for route in held:
            route.continue_()
        notice = page.wait_for_selector(FALLBACK, timeout=10000)
        assert "could not start" in notice.inner_text()
        assert page.get_attribute("html", "data-quiz-ready") is None
        assert page.get_attribute("html", "data-build") is None
        assert not [url for url in asked if new_dir in url]
    finally:
        server.stop()
