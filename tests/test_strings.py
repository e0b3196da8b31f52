"""The UI strings catalogue: every language complete, with exactly the plural forms its language needs,
every key used, no key unknown to the code; a site's own catalogue laid over it, checked the same way."""

import json
import re
from pathlib import Path

import pytest

from quiz import languages, strings
from quiz.browser import plurals
from quiz.browser.question_types import TYPES
from quiz.browser.scoring import CORRECT, INCORRECT, PARTIAL, UNANSWERED

QUIZ = Path(strings.__file__).parent
# A catalogue key written out in code: "section.name".
KEY_RE = re.compile(r"""["']([a-z]+\.[a-z_]+)["']""")
PLURAL_RE = re.compile(r"""plural\([^,]+,\s*["'](\w+)["']""")
# "quiz.css", "saved.py": file names, not keys.
FILE_TYPES = ("css", "html", "js", "json", "md", "mjs", "py", "wasm")
SECTIONS = {key.split(".")[0] for key in strings.load(strings.REFERENCE)}


def keys_in_code():
    found = set()
    for path in list(QUIZ.glob("**/*.py")) + list(QUIZ.glob("web/*.js")):
        text = path.read_text(encoding="utf-8")
        found.update(
            key for key in KEY_RE.findall(text) if key.split(".")[0] in SECTIONS and key.split(".")[1] not in FILE_TYPES
        )
        # Plural forms are asked for by their stem (scoring.plural); English has one and other.
        for stem in PLURAL_RE.findall(text):
            found.update(stem + "." + category for category in plurals.categories(strings.REFERENCE))
    found.update(row.hint for row in TYPES)
    # Verdict words are looked up from the verdict itself (scoring.verdict_text).
    found.update("verdict." + verdict for verdict in (CORRECT, PARTIAL, INCORRECT, UNANSWERED))
    return found


# The languages the quiz ships, at least: a catalogue removed by mistake fails here.
SHIPPED = ["de", "en", "es", "fr", "it", "ja", "ko", "nl", "pl", "pt", "ru", "zh"]
# What each language's plural forms are, as CLDR lists them (integers and decimals alike).
PLURAL_FORMS = {
    "en": ["one", "other"],
    "de": ["one", "other"],
    "nl": ["one", "other"],
    "fr": ["one", "many", "other"],
    "es": ["one", "many", "other"],
    "it": ["one", "many", "other"],
    "pt": ["one", "many", "other"],
    "pl": ["one", "few", "many", "other"],
    "ru": ["one", "few", "many", "other"],
    "ja": ["other"],
    "zh": ["other"],
    "ko": ["other"],
}


def read_shipped(language):
    return json.loads((QUIZ / "strings" / (language + ".json")).read_text(encoding="utf-8"))


def test_the_quiz_ships_its_languages():
    assert set(SHIPPED) <= set(strings.languages())
    assert set(strings.languages()) <= set(PLURAL_FORMS), "add the new language's plural forms to PLURAL_FORMS"


@pytest.mark.parametrize("language", strings.languages())
def test_every_catalogue_is_complete(language):
    assert strings.problems(read_shipped(language), language) == []
    assert strings.load(language) == read_shipped(language)


@pytest.mark.parametrize("language", strings.languages())
def test_every_catalogue_gives_exactly_the_plural_forms_of_its_language(language):
    assert plurals.categories(language) == PLURAL_FORMS[language]
    given = sorted(key.split(".")[1] for key in read_shipped(language) if key.startswith("points."))
    assert given == sorted(PLURAL_FORMS[language])


@pytest.mark.parametrize("language", strings.languages())
def test_every_catalogue_names_its_decimal_mark(language):
    mark = read_shipped(language)["number.decimal"]
    assert mark == ("." if language in ("en", "ja", "zh", "ko") else ",")


def test_plural_rules_give_only_their_own_categories():
    """Each rule, over whole numbers and decimals, picks only the categories the table says it has, and
    every one of them for some count: so a catalogue with those forms never misses one."""
    counts = list(range(0, 1000)) + [1000000, 2000000] + ["0.5", "1.0", "1.5", "2.5", "21.3"]
    for language in sorted(plurals.RULES):
        seen = {plurals.category(language, count) for count in counts}
        assert seen == set(plurals.categories(language)), language


def test_a_missing_plural_form_is_named():
    polish = read_shipped("pl")
    del polish["points.few"]
    polish["points.two"] = "punktów"
    found = strings.problems(polish, "pl")
    assert "missing key(s): points.few" in found
    assert "unknown key(s): points.two" in found
    assert "points: pl has the plural forms points.one, points.few, points.many, points.other" in found


def test_a_decimal_mark_is_one_character():
    english = dict(read_shipped("en"), **{"number.decimal": "dot"})
    assert strings.problems(english, "en") == [
        'number.decimal: one character, the decimal mark ("." or ","), not \'dot\''
    ]


def test_every_key_is_used_and_every_used_key_exists():
    catalogue = set(strings.load("en"))
    used = keys_in_code()
    assert used - catalogue == set(), "keys used in code but missing from en.json"
    assert catalogue - used == set(), "keys in en.json that no code uses"


# Words that are the same in English and in the language, rightly: French "point", "points", "Question 3".
SAME_AS_ENGLISH = {"fr": ["points.one", "points.other", "review.question"]}


@pytest.mark.parametrize("language", [name for name in strings.languages() if name != "en"])
def test_another_language_changes_every_string(language):
    """A value left in English is a string not yet translated (the decimal mark aside)."""
    english, other = strings.load("en"), strings.load(language)
    same = [key for key in english if key in other and english[key] == other[key] and key != "number.decimal"]
    assert same == SAME_AS_ENGLISH.get(language, [])


def test_region_falls_back_to_the_language():
    assert strings.load("de-AT") == strings.load("de")


def test_an_unknown_language_falls_back_to_english_with_a_warning_naming_the_fix():
    found = languages.page_language("sv")
    assert found.strings == strings.load("en") and found.language == "en"
    assert "theme.language 'sv'" in found.warning and "shows English" in found.warning
    assert "sv.json" in found.warning and "`strings` option" in found.warning


def test_a_shipped_language_has_no_warning():
    found = languages.page_language("pt-BR")
    assert found == languages.PageLanguage("pt-BR", strings.load("pt"), None)


def site(tmp_path, files, label="quiz-strings"):
    folder = tmp_path / label
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return languages.site_catalogue(str(tmp_path), label + "/")


def test_a_site_catalogue_overrides_only_the_keys_it_gives(tmp_path):
    found = languages.page_language("de", site(tmp_path, {"de.json": {"quiz.check": "Auswerten"}}))
    assert found.strings == dict(strings.load("de"), **{"quiz.check": "Auswerten"})
    assert found.warning is None


def test_a_site_catalogue_adds_a_language(tmp_path):
    swedish = {key: "sv " + value for key, value in strings.load("en").items()}
    swedish["number.decimal"] = ","
    found = languages.page_language("sv-SE", site(tmp_path, {"sv.json": swedish}))
    assert found == languages.PageLanguage("sv-SE", swedish, None)


def test_a_partial_catalogue_of_another_language_lays_over_english_and_says_so(tmp_path):
    found = languages.page_language("sv", site(tmp_path, {"sv.json": {"quiz.check": "Rätta mina svar"}}))
    assert found.strings == dict(strings.load("en"), **{"quiz.check": "Rätta mina svar"})
    assert found.language == "sv"
    assert "quiz-strings/sv.json gives 1 of %d" % len(strings.load("en")) in found.warning


def test_a_site_catalogue_of_a_language_with_more_plural_forms_must_give_them(tmp_path):
    catalogue = site(tmp_path, {"cs.json": {"points.one": "bodu"}})
    with pytest.raises(strings.StringsError) as raised:
        languages.page_language("cs", catalogue)
    assert "quiz-strings/cs.json: missing key(s): points.few, points.many" in str(raised.value)


def test_a_bad_site_catalogue_names_the_file_and_the_key(tmp_path):
    with pytest.raises(strings.StringsError) as raised:
        site(
            tmp_path,
            {
                "fr.json": {"quiz.no_such_key": "Vérifier", "result.score": "Score : {points}"},
                "de.json": "{not json",
                "notes.json": {},
                "ja.json": {"points.one": "点"},
            },
        )
    message = str(raised.value)
    assert "quiz-strings/fr.json: unknown key(s): quiz.no_such_key" in message
    assert "quiz-strings/fr.json: result.score: placeholders ['points'], expected ['percent', 'score']" in message
    assert "quiz-strings/de.json is not valid JSON" in message
    assert "quiz-strings/notes.json: not named after a language" in message
    assert "quiz-strings/ja.json: unknown key(s): points.one" in message


def test_a_site_catalogue_option_must_name_a_folder(tmp_path):
    with pytest.raises(strings.StringsError) as raised:
        languages.site_catalogue(str(tmp_path), "no-such-folder")
    assert "no-such-folder, which is not a folder" in str(raised.value)


def test_missing_and_unknown_keys_are_named(tmp_path, monkeypatch):
    english = strings.load("en")
    broken = dict(english)
    del broken["quiz.check"]
    broken["quiz.no_such_key"] = "Unused"
    broken["result.score"] = "Score: {points}"
    (tmp_path / "en.json").write_text(json.dumps(english), encoding="utf-8")
    (tmp_path / "sv.json").write_text(json.dumps(broken), encoding="utf-8")
    monkeypatch.setattr(strings, "FOLDER", str(tmp_path))
    with pytest.raises(strings.StringsError) as raised:
        strings.load("sv")
    message = str(raised.value)
    assert "missing key(s): quiz.check" in message
    assert "unknown key(s): quiz.no_such_key" in message
    assert "result.score: placeholders ['points'], expected ['percent', 'score']" in message
