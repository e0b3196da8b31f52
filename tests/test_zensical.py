"""Zensical, Material for MkDocs' successor, builds the same mkdocs.yml, and the quiz works in its output.

Zensical ignores `plugins:` and `hooks:`, so this runs the commands the README gives around it:
`python -m quiz check docs` and `python -m sitebuild prepare docs` before, `python -m quiz finish site`
(what the quiz plugin does during `mkdocs build`) and `python -m sitebuild finish site` after.
"""

import os
import re
import shutil
import subprocess
import sys

import pytest

from harness.quiz_driver import answer_all, site_questions
from quiz.mkdocs_yml import plugin_options
from quiz.runtime import site_files

from .conftest import DOCS, ROOT, copy_docs
from .site_pages import nav_pages, read_config

OFFLINE_COPY = plugin_options(read_config(), "quiz")["offline_copy"]

pytestmark = pytest.mark.browser

ZENSICAL = os.path.join(os.path.dirname(sys.executable), "zensical")


def step(*command, cwd):
    # sitebuild is the site's own package, imported from the checkout as the README's commands do there.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 0, "%s\n%s%s" % (" ".join(command), result.stdout, result.stderr)
    return result.stdout + result.stderr


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory):
    project = tmp_path_factory.mktemp("zensical")
    shutil.copy(ROOT / "mkdocs.yml", project)
    copy_docs(project / "docs")
    shutil.copytree(DOCS / "assets" / "icons", project / "docs" / "assets" / "icons")
    shutil.copytree(ROOT / "overrides", project / "overrides")
    step(sys.executable, "-m", "quiz", "check", "docs", cwd=project)
    step(sys.executable, "-m", "sitebuild", "prepare", "docs", cwd=project)
    step(ZENSICAL, "build", "--strict", cwd=project)
    finished = step(sys.executable, "-m", "quiz", "finish", "site", cwd=project)
    assert "quiz added to 1 page(s): quiz.html" in finished, finished
    step(sys.executable, "-m", "sitebuild", "finish", "site", cwd=project)
    # Nothing of the quiz's runtime was written into the sources.
    assert not (project / "docs" / "assets" / "quiz").exists()
    return project / "site"


def test_a_zensical_build_in_german_names_the_permalinks_and_the_byline_in_german(tmp_path):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("language: en", "language: de"), encoding="utf-8")
    copy_docs(tmp_path / "docs")
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    step(sys.executable, "-m", "sitebuild", "prepare", "docs", cwd=tmp_path)
    step(ZENSICAL, "build", "--strict", cwd=tmp_path)
    words = read_config()["extra"]["site_strings"]["de"]
    article = (tmp_path / "site" / "unlock-your-ankles.html").read_text(encoding="utf-8")
    titles = set(re.findall(r'<a class="headerlink" href="#[^"]*" title="([^"]*)">', article))
    assert titles == {words["permalink"]}, titles
    assert words["byline"].split("{")[0] in article


def test_zensical_builds_every_page(zensical_site):
    for name in [page.built for page in nav_pages()] + [OFFLINE_COPY, "sw.js"]:
        assert (zensical_site / name).exists(), name
    article = (zensical_site / "unlock-your-ankles.html").read_text(encoding="utf-8")
    assert "application/ld+json" in article and "Page last reviewed: <time" in article
    quiz = (zensical_site / "quiz.html").read_text(encoding="utf-8")
    assert quiz.count('class="quiz-question"') == sum(len(q) for q in site_questions().values())
    assert 'href="unlock-your-ankles.html#the-role-of-dorsiflexion"' in quiz
    assert "<mpy-script" in quiz and "Content-Security-Policy" in quiz and 'id="quiz-settings"' in quiz
    for site_path, _ in site_files():
        assert (zensical_site / site_path).is_file(), site_path
    for name in [page.built for page in nav_pages() if page.source != "quiz.md"]:
        assert "assets/quiz/" not in (zensical_site / name).read_text(encoding="utf-8"), name


def test_the_quiz_runs_in_the_zensical_build(zensical_site, quiz_in):
    page, _ = quiz_in(zensical_site)
    main = site_questions()["self-check"]
    answer_all(page, main)
    page.click('form.quiz[data-quiz="self-check"] button[type=submit]')
    result = page.inner_text('form.quiz[data-quiz="self-check"] .quiz-result')
    assert "You scored %d of %d (100%%)." % (len(main), len(main)) in result
