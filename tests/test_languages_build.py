"""The quiz in other languages, as a build gives it (no browser): another site (tests/fixtures/foreign-site)
built in French, in a language the quiz does not ship, with a catalogue of its own, good and bad, through
`python -m quiz finish`, and in two languages at once with mkdocs-static-i18n."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml

from quiz import strings
from quiz.page import SETTINGS_RE

from .conftest import ROOT
from .html_page import Page

FOREIGN = ROOT / "tests" / "fixtures" / "foreign-site"
QUIZ_PAGE = "learn/check/index.html"
ENGLISH = strings.load("en")
# A question with a decimal answer and tolerance, added to the fixture's quiz page: its answer shows numbers.
DECIMAL_QUESTION = """
```quiz
id: daily-distance
type: numeric
see: ../topics/walking.md#cadence

About how far is a half-hour walk at a brisk cadence?

= 2.5 +- 0.25 km

About two and a half kilometres.
```
"""


def project(tmp_path, language=None, quiz_options=None, plugins=None):
    """A copy of the fixture site with theme.language, the quiz plugin's options and other plugins set."""
    folder = tmp_path / "project"
    shutil.copytree(FOREIGN, folder)
    with open(folder / "content" / "learn" / "check.md", "a", encoding="utf-8") as handle:
        handle.write(DECIMAL_QUESTION)
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    if language:
        config["theme"]["language"] = language
    config["plugins"] = (plugins or []) + [{"quiz": quiz_options} if quiz_options else "quiz"]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    return folder


def build(folder, strict=True):
    command = [sys.executable, "-m", "mkdocs", "build"] + (["--strict"] if strict else [])
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    return subprocess.run(command, cwd=folder, capture_output=True, text=True, env=env, timeout=300)


def built(folder, page=QUIZ_PAGE):
    result = build(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr, result.stderr
    return (folder / "site" / page).read_text(encoding="utf-8")


def settings_of(html):
    return json.loads(SETTINGS_RE.search(html).group(1))


def fixed_parts(text):
    """The words of a catalogue string around its placeholders: what a page that uses it shows."""
    return {part.strip(" :()\u00a0") for part in re.split(r"\{\w+\}", text) if len(part.strip(" :()\u00a0")) > 3}


def english_left(html, folder, catalogue):
    """English UI words in the page's text, leaving out what the site's Markdown says (the questions are the
    site's own, in English) and words the page's language shares with English ("Question")."""
    sources = " ".join(
        " ".join(path.read_text(encoding="utf-8").split()) for path in (folder / "content").rglob("*.md")
    )
    own = " ".join(catalogue.values())
    english = sorted({part for value in ENGLISH.values() for part in fixed_parts(value)} - {""})
    page = Page(folder / "site" / QUIZ_PAGE)
    ui_text = [" ".join(text.split()) for text in page.text_parts if " ".join(text.split()) not in sources]
    return sorted({part for part in english if part not in own for text in ui_text if part in text})


def test_a_french_build_shows_no_english_quiz_string(tmp_path):
    folder = project(tmp_path, language="fr")
    html = built(folder)
    french = strings.load("fr")
    settings = settings_of(html)
    assert settings["strings"] == french and settings["language"] == "fr"
    assert english_left(html, folder, french) == []
    for key in ("quiz.check", "status.starting", "hint.choose_one", "hint.type_number", "control.your_answer"):
        assert french[key].replace("\u00a0", "&nbsp;") in html or french[key] in html, key
    # Numbers with the decimal comma, at build time: the answer to the added question.
    assert "2,5 km</span> (toute valeur de 2,25 à 2,75 km est acceptée)" in html
    assert "2.5 km" not in html


def test_an_english_build_writes_a_decimal_point(tmp_path):
    html = built(project(tmp_path))
    assert "2.5 km</span> (anything from 2.25 to 2.75 km counts)" in html


def test_buttons_the_text_names_are_in_the_page_language_in_the_page_and_the_search_index(tmp_path):
    folder = project(tmp_path, language="fr", plugins=["search"])
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    config["markdown_extensions"] = ["attr_list"]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True), encoding="utf-8")
    with open(folder / "content" / "learn" / "check.md", "a", encoding="utf-8") as handle:
        handle.write('\nPress **Check my answers**{: data-quiz-label="quiz.check" } at the end.\n')
    html = built(folder)
    french = strings.load("fr")
    assert "<strong>%s</strong>" % french["quiz.check"] in html
    index = json.loads((folder / "site" / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(entry["text"] for entry in index["docs"] if entry["location"].startswith("learn/check/"))
    assert french["quiz.check"] in text and ENGLISH["quiz.check"] not in text, text


def test_a_language_the_quiz_does_not_ship_gives_english_and_a_warning_naming_it(tmp_path):
    folder = project(tmp_path, language="sv")
    result = build(folder, strict=False)
    assert result.returncode == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("WARNING")]
    assert len(warnings) == 1 and "theme.language 'sv'" in warnings[0] and "shows English" in warnings[0]
    assert "put sv.json" in warnings[0] and "`strings` option" in warnings[0]
    settings = settings_of((folder / "site" / QUIZ_PAGE).read_text(encoding="utf-8"))
    assert settings["strings"] == ENGLISH and settings["language"] == "en"
    # --strict makes the warning stop the build, as MkDocs does with every warning, in words.
    strict = build(folder)
    assert strict.returncode != 0 and "theme.language 'sv'" in strict.stderr
    assert "Traceback" not in strict.stderr


def write_catalogue(folder, files):
    (folder / "quiz-strings").mkdir()
    for name, data in files.items():
        (folder / "quiz-strings" / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_a_site_catalogue_overrides_a_key(tmp_path):
    folder = project(tmp_path, language="de", quiz_options={"strings": "quiz-strings/"})
    write_catalogue(folder, {"de.json": {"quiz.check": "Jetzt auswerten"}})
    html = built(folder)
    assert settings_of(html)["strings"] == dict(strings.load("de"), **{"quiz.check": "Jetzt auswerten"})
    assert ">Jetzt auswerten</button>" in html


def test_a_site_catalogue_adds_a_language(tmp_path):
    swedish = {key: "[sv] " + value for key, value in ENGLISH.items()}
    swedish["number.decimal"] = ","
    folder = project(tmp_path, language="sv", quiz_options={"strings": "quiz-strings"})
    write_catalogue(folder, {"sv.json": swedish})
    html = built(folder)
    assert settings_of(html)["strings"] == swedish and settings_of(html)["language"] == "sv"
    assert ">[sv] Check my answers</button>" in html and "2,5 km" in html


def test_a_bad_site_catalogue_stops_the_build_naming_the_file_and_the_key(tmp_path):
    folder = project(tmp_path, language="de", quiz_options={"strings": "quiz-strings/"})
    write_catalogue(
        folder, {"de.json": {"quiz.no_such_key": "Auswerten", "result.score": "Ergebnis: {points}"}, "fr.json": {}}
    )
    result = build(folder)
    assert result.returncode != 0
    assert "quiz-strings/de.json: unknown key(s): quiz.no_such_key" in result.stderr
    assert "quiz-strings/de.json: result.score: placeholders ['points'], expected ['percent', 'score']" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_missing_site_catalogue_folder_is_named(tmp_path):
    result = build(project(tmp_path, quiz_options={"strings": "translations"}))
    assert result.returncode != 0 and "translations, which is not a folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_quiz_finish_uses_the_site_catalogue(tmp_path):
    """The Zensical path: the site built without the plugin, then `python -m quiz finish`, which reads
    theme.language and the plugin's `strings` option from mkdocs.yml, as the fence does during the build."""
    folder = project(tmp_path, language="de", quiz_options={"strings": "quiz-strings/"})
    write_catalogue(folder, {"de.json": {"quiz.check": "Jetzt auswerten", "answer.one": "Lösung:"}})
    config = yaml.safe_load((folder / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin_config = yaml.safe_dump(config, allow_unicode=True)
    # What a generator that ignores plugins reads: the plugin stays listed for `quiz finish`, the fence is
    # declared by hand and MkDocs builds with no plugin at all (a config file of its own).
    config["plugins"] = []
    config["markdown_extensions"] = [
        {"pymdownx.superfences": {"custom_fences": [{"name": "quiz", "class": "quiz", "format": "FENCE"}]}}
    ]
    without = yaml.safe_dump(config, allow_unicode=True).replace("FENCE", "!!python/name:quiz.fence.format_quiz")
    (folder / "mkdocs.yml").write_text(without, encoding="utf-8")
    result = build(folder)
    assert result.returncode == 0, result.stderr
    (folder / "mkdocs.yml").write_text(plugin_config, encoding="utf-8")
    finished = subprocess.run(
        [sys.executable, "-m", "quiz", "finish", "site"], cwd=folder, capture_output=True, text=True, timeout=120
    )
    assert finished.returncode == 0, finished.stderr
    html = (folder / "site" / QUIZ_PAGE).read_text(encoding="utf-8")
    assert settings_of(html)["strings"]["quiz.check"] == "Jetzt auswerten"
    assert settings_of(html)["strings"]["hint.choose_one"] == strings.load("de")["hint.choose_one"]
    assert ">Jetzt auswerten</button>" in html


def i18n_project(tmp_path):
    """The fixture in English and French with mkdocs-static-i18n (suffix structure): the quiz page
    translated (its questions with ids of their own), the other pages in English in both."""
    folder = project(
        tmp_path,
        language="en",
        plugins=[
            {
                "i18n": {
                    "docs_structure": "suffix",
                    "languages": [
                        {"locale": "en", "default": True, "name": "English", "build": True},
                        {"locale": "fr", "name": "Français", "build": True},
                    ],
                }
            }
        ],
    )
    french = (folder / "content" / "learn" / "check.md").read_text(encoding="utf-8")
    # Quiz and question ids are site-wide (saved answers are kept under them): the translation has its own.
    french = re.sub(r"^id: (.+)$", r"id: fr-\1\nquiz: fr-self-check", french, flags=re.M)
    (folder / "content" / "learn" / "check.fr.md").write_text(french, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def i18n_site(tmp_path_factory):
    folder = i18n_project(tmp_path_factory.mktemp("i18n"))
    result = build(folder)
    assert result.returncode == 0, result.stdout + result.stderr
    return folder


def test_each_language_of_an_i18n_site_gets_its_own_quiz_strings(i18n_site):
    english = (i18n_site / "site" / QUIZ_PAGE).read_text(encoding="utf-8")
    french = (i18n_site / "site" / "fr" / QUIZ_PAGE).read_text(encoding="utf-8")
    assert settings_of(english)["strings"] == ENGLISH and settings_of(english)["language"] == "en"
    assert settings_of(french)["strings"] == strings.load("fr") and settings_of(french)["language"] == "fr"
    assert '<html lang="fr"' in french
    # The markup the build writes, not only the settings: buttons, hints, the answer's numbers.
    assert ">Vérifier mes réponses</button>" in french and ">Check my answers</button>" not in french
    assert "2,5 km" in french and "2.5 km" in english
    assert ">Check my answers</button>" in english
