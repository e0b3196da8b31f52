"""The site's own steps around the build, without a browser: reading mkdocs.yml and the take-away copy's
checks."""

from pathlib import Path

import pytest

from sitebuild.config import ConfigError, built_page, load, offline_copy, section_id
from sitebuild.takeaway import TakeawayError, build_takeaway, date_in_words

from .conftest import ROOT

CONFIG = """
site_name: Test site
site_url: !ENV [TEST_SITE_URL_UNSET, "http://example.test/"]
use_directory_urls: %(directory_urls)s
theme:
  name: material
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: teal
plugins:
  - search
%(quiz)s
markdown_extensions:
  - pymdownx.superfences:
      custom_fences:
        - name: quiz
          format: !!python/name:quiz.fence.format_quiz
extra:
  offline_copy:
    title: "Test copy"
    pages: [one.md, guides/two.md]
"""
QUIZ_PLUGIN = "  - quiz:\n      offline_copy: test-copy.html"


def write_config(tmp_path, quiz=QUIZ_PLUGIN, directory_urls="false"):
    path = tmp_path / "mkdocs.yml"
    path.write_text(CONFIG % {"quiz": quiz, "directory_urls": directory_urls}, encoding="utf-8")
    return path


def test_the_site_config_names_its_take_away_copy():
    copy = offline_copy(load(ROOT / "mkdocs.yml"))
    assert copy.file_name.endswith(".html") and copy.title
    assert [page for _, page, _ in copy.pages] == ["unlock-your-ankles.html", "quiz.html", "evidence.html"]
    assert [section for _, _, section in copy.pages] == ["unlock-your-ankles", "quiz", "evidence"]


def test_config_tags_are_read_without_running_anything(tmp_path):
    config = load(write_config(tmp_path))
    assert config["site_url"] == "http://example.test/"
    fence = config["markdown_extensions"][0]["pymdownx.superfences"]["custom_fences"][0]
    assert "quiz.fence.format_quiz" in fence["format"]
    copy = offline_copy(config)
    assert (copy.file_name, copy.title, copy.site_name) == ("test-copy.html", "Test copy", "Test site")
    assert copy.pages == [("one.md", "one.html", "one"), ("guides/two.md", "guides/two.html", "guides-two")]
    assert copy.dark_palette == {"scheme": "slate", "primary": "teal"}


def test_pages_follow_use_directory_urls(tmp_path):
    copy = offline_copy(load(write_config(tmp_path, directory_urls="true")))
    assert [page for _, page, _ in copy.pages] == ["one/index.html", "guides/two/index.html"]
    assert built_page("index.md") == built_page("index.md", False) == "index.html"
    assert built_page("guides/README.md") == "guides/index.html"
    assert section_id("guides/Step 2.md") == "guides-Step-2"


def test_a_copy_without_a_file_name_fails_saying_where_it_goes(tmp_path):
    with pytest.raises(ConfigError, match=r"offline_copy: <name>\.html.*`quiz` plugin"):
        offline_copy(load(write_config(tmp_path, quiz="")))


def test_no_copy_asked_for_is_no_copy(tmp_path):
    path = write_config(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").split("extra:")[0], encoding="utf-8")
    assert offline_copy(load(path)) is None


PAGE = """<!doctype html><html lang="en"><head><title>x</title></head>
<body dir="ltr" data-md-color-scheme="default">
<article class="md-content__inner md-typeset">%s</article></body></html>"""


def test_an_id_used_by_two_pages_of_the_copy_names_both_headings_as_path_line(tmp_path):
    copy = offline_copy(load(write_config(tmp_path)))
    docs, site = tmp_path / "docs", tmp_path / "site"
    (docs / "guides").mkdir(parents=True)
    (site / "guides").mkdir(parents=True)
    (docs / "one.md").write_text("# One\n\nText.\n\n## Setting up { #setup }\n\n## Notes\n", encoding="utf-8")
    (docs / "guides" / "two.md").write_text(
        "# Two\n\n```md\n## Notes\n```\n\n## Set-up, again {#setup}\n\n## Notes\n", encoding="utf-8"
    )
    (site / "one.html").write_text(
        PAGE
        % (
            '<h1 id="one-title">One</h1><h2 id="setup">Setting up<a class="headerlink" href="#setup">¶</a></h2>'
            '<h2 id="notes">Notes</h2>'
        ),
        encoding="utf-8",
    )
    (site / "guides" / "two.html").write_text(
        PAGE
        % (
            '<h1 id="two-title">Two</h1><h2 id="setup">Set-up, again</h2><a href="../one.html#setup">x</a>'
            '<h2 id="notes">Notes</h2>'
        ),
        encoding="utf-8",
    )
    with pytest.raises(TakeawayError) as raised:
        build_takeaway(str(site), copy)
    one, two = docs / "one.md", docs / "guides" / "two.md"
    # Every clash, each on its own line, at the line of the later heading, naming the earlier one's.
    assert str(raised.value).split("\n") == [
        '%s:7: heading "Set-up, again" has the id #setup, as does heading "Setting up" at %s:5; '
        % (two, one)
        + "the take-away copy holds both pages in one file, where ids must differ: reword one heading or give it "
        "an id of its own (`## Heading { #other-id }`)",
        '%s:9: heading "Notes" has the id #notes, as does heading "Notes" at %s:7; '
        % (two, one)
        + "the take-away copy holds both pages in one file, where ids must differ: reword one heading or give it "
        "an id of its own (`## Heading { #other-id }`)",
    ]


def test_a_copy_without_a_quiz_page_has_no_quiz_runtime(tmp_path):
    copy = offline_copy(load(write_config(tmp_path)))
    site = tmp_path / "site"
    (site / "guides").mkdir(parents=True)
    (site / "one.html").write_text(PAGE % '<h1 id="one-title">One &amp; only</h1>', encoding="utf-8")
    (site / "guides" / "two.html").write_text(
        PAGE % '<h1 id="two-title">Two</h1><a href="../one.html#one-title">back</a> <a href="./">home</a>',
        encoding="utf-8",
    )
    html = Path(build_takeaway(str(site), copy, built="2030-01-02")).read_text(encoding="utf-8")
    assert "<title>Test copy</title>" in html
    assert 'Contents: <a href="#one">One &amp; only</a>, <a href="#guides-two">Two</a>.' in html
    assert 'href="#one-title">back' in html and 'href="#one">home' in html
    assert "pages of the Test site site" in html and '<time datetime="2030-01-02">' in html
    assert "importmap" not in html and "mpy-script" not in html
    assert 'data-takeaway-dark="{&#34;scheme&#34;: &#34;slate&#34;, &#34;primary&#34;: &#34;teal&#34;}"' in html


def test_the_copy_names_its_build_date_in_the_site_words_of_its_language(tmp_path):
    site_strings = load(ROOT / "mkdocs.yml")["extra"]["site_strings"]
    assert date_in_words("2026-12-05", site_strings["en"]) == "5 December 2026"
    assert date_in_words("2026-03-01", site_strings["de"]) == "1. März 2026"
    assert date_in_words("2026-02-20", site_strings["fr"]) == "20 février 2026"
    # A site without those words keeps the ISO date, which no reader takes for another day either.
    assert date_in_words("2026-12-05", {}) == "2026-12-05"
    copy = offline_copy(load(write_config(tmp_path)))
    copy.words = site_strings["de"]
    site = tmp_path / "site"
    site.mkdir()
    (site / "one.html").write_text(PAGE % '<h1 id="one-title">Eins</h1>', encoding="utf-8")
    (site / "guides").mkdir()
    (site / "guides" / "two.html").write_text(PAGE % '<h1 id="two-title">Zwei</h1>', encoding="utf-8")
    html = Path(build_takeaway(str(site), copy, built="2030-01-02")).read_text(encoding="utf-8")
    assert 'erstellt am <time datetime="2030-01-02">2. Januar 2030</time>.' in html  # codespell:ignore
