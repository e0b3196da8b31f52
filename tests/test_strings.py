"""The UI strings catalogue: every language complete, every key used, no key unknown to the code."""

import json
import re
from pathlib import Path

import pytest

from quiz import strings
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
        # Plural pairs are asked for by their stem (scoring.plural).
        for stem in PLURAL_RE.findall(text):
            found.update({stem + ".one", stem + ".other"})
    found.update(row.hint for row in TYPES)
    # Verdict words are looked up from the verdict itself (scoring.verdict_text).
    found.update("verdict." + verdict for verdict in (CORRECT, PARTIAL, INCORRECT, UNANSWERED))
    return found


@pytest.mark.parametrize("language", strings.languages())
def test_every_catalogue_is_complete(language):
    assert strings.problems(language) == []
    assert len(strings.load(language)) == len(strings.load(strings.REFERENCE))


def test_every_key_is_used_and_every_used_key_exists():
    catalogue = set(strings.load("en"))
    used = keys_in_code()
    assert used - catalogue == set(), "keys used in code but missing from en.json"
    assert catalogue - used == set(), "keys in en.json that no code uses"


def test_a_second_language_changes_every_string():
    english, german = strings.load("en"), strings.load("de")
    assert [key for key in english if english[key] == german[key]] == []


def test_region_falls_back_to_the_language():
    assert strings.load("de-AT") == strings.load("de")


def test_unknown_language_is_an_error_naming_the_fix():
    with pytest.raises(strings.StringsError) as raised:
        strings.load("ja")
    assert "theme.language 'ja'" in str(raised.value) and "quiz/strings/ja.json" in str(raised.value)


def test_missing_and_unknown_keys_are_named(tmp_path, monkeypatch):
    english = strings.load("en")
    broken = dict(english)
    del broken["quiz.check"]
    broken["quiz.no_such_key"] = "Unused"
    broken["result.score"] = "Score: {points}"
    (tmp_path / "en.json").write_text(json.dumps(english), encoding="utf-8")
    (tmp_path / "xx.json").write_text(json.dumps(broken), encoding="utf-8")
    monkeypatch.setattr(strings, "FOLDER", str(tmp_path))
    with pytest.raises(strings.StringsError) as raised:
        strings.load("xx")
    message = str(raised.value)
    assert "missing key(s): quiz.check" in message
    assert "unknown key(s): quiz.no_such_key" in message
    assert "result.score: placeholders ['points'], expected ['percent', 'score']" in message
