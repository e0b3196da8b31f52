"""quiz/page.py: which pages get the quiz runtime, and what a quiz page gains, for any page URL."""

import html
import json
import re

import pytest

from quiz import strings as catalogue
from quiz.page import (
    PageError,
    has_quiz,
    inject,
    labels_from_catalogue,
    namespace_problem,
    relative,
    settings,
    wrap_quizzes,
)
from quiz.runtime import PYSCRIPT_UNUSED_PLUGINS, PYTHON_FILES, site_files

QUESTION = (
    '<fieldset class="quiz-question" id="q-a" data-quiz-question="a" data-quiz-type="single" data-quiz="self-check">'
    "<legend>A?</legend></fieldset>"
)
STRINGS = catalogue.load("en")


def page_with(body):
    return "<!doctype html><html><head><title>t</title></head><body>%s</body></html>" % body


def test_only_a_rendered_question_counts():
    assert has_quiz(page_with(QUESTION))
    # Prose or code that shows the markup is escaped by Markdown: no question on that page.
    assert not has_quiz(page_with("<p>Questions carry <code>data-quiz-question=</code>.</p>"))
    assert not has_quiz(page_with("<pre><code>%s</code></pre>" % html.escape(QUESTION)))
    assert not has_quiz(page_with('<div data-quiz-question="a"></div>'))


@pytest.mark.parametrize(
    "page_url, expected",
    [
        ("quiz.html", "assets/quiz/web/quiz.css"),
        ("index.html", "assets/quiz/web/quiz.css"),
        ("", "assets/quiz/web/quiz.css"),
        ("./", "assets/quiz/web/quiz.css"),
        ("learn/check.html", "../assets/quiz/web/quiz.css"),
        ("learn/check/", "../../assets/quiz/web/quiz.css"),
        ("learn/", "../assets/quiz/web/quiz.css"),
    ],
)
def test_addresses_are_relative_to_the_page(page_url, expected):
    assert relative("assets/quiz/web/quiz.css", page_url) == expected


def test_settings_from_front_matter():
    base = settings(STRINGS, {}, "quiz.html")
    assert base == {
        "strings": STRINGS,
        "language": "en",
        "shuffle_questions": [],
        "result_note": "",
        "offline_copy": "",
        "score_bands": {},
        "typos": {},
        "pool": {},
        "confidence": [],
        "site_root": "./",
        "storage_namespace": "",
    }
    assert settings(STRINGS, {"quiz_typos": {"self-check": 1}}, "q.html")["typos"] == {"self-check": 1}
    assert settings(STRINGS, {"quiz_pool": {"safety": 2}}, "q.html")["pool"] == {"safety": 2}
    assert settings(STRINGS, {"quiz_confidence": ["safety"]}, "q.html")["confidence"] == ["safety"]
    assert settings(STRINGS, {"quiz_shuffle_questions": True}, "quiz.html")["shuffle_questions"] is True
    assert settings(STRINGS, {"quiz_shuffle_questions": ["safety"]}, "q.html")["shuffle_questions"] == ["safety"]
    assert settings(STRINGS, {"quiz_result_note": "Just a check."}, "q.html")["result_note"] == "Just a check."
    assert settings(STRINGS, None, "learn/check/", "copy.html")["offline_copy"] == "../../copy.html"
    # The site root as each page reaches it, which the browser resolves to the site's path under the origin.
    assert settings(STRINGS, None, "learn/check/")["site_root"] == "../../"
    assert settings(STRINGS, None, "", storage_namespace="notes")["storage_namespace"] == "notes"


@pytest.mark.parametrize("value", ["", "notes", "team/notes-2", "a.b_c"])
def test_a_storage_namespace_of_plain_parts_is_taken(value):
    assert namespace_problem(value) is None


@pytest.mark.parametrize("value", ["/notes", "notes/", "a//b", "my notes", "é", 3])
def test_any_other_storage_namespace_is_named(value):
    assert "storage_namespace must be" in namespace_problem(value)


@pytest.mark.parametrize(
    "meta, message",
    [
        ({"quiz_shuffle_questions": 3}, "quiz_shuffle_questions must be `true` or a list of quiz ids"),
        ({"quiz_shuffle_questions": [1, 2]}, "quiz_shuffle_questions must be `true` or a list of quiz ids"),
        ({"quiz_result_note": ["a"]}, "quiz_result_note must be text"),
        ({"quiz_typos": {"self-check": 9}}, "quiz_typos must list quiz ids, each with a whole number from 0 to 3"),
        ({"quiz_typos": 1}, "quiz_typos must list quiz ids"),
        ({"quiz_pool": {"safety": "two"}}, "quiz_pool must list quiz ids, each with a whole number"),
    ],
)
def test_bad_front_matter_is_named(meta, message):
    with pytest.raises(PageError, match=re.escape(message)):
        settings(STRINGS, meta, "quiz.html")


def test_a_page_without_a_question_is_left_alone():
    plain = page_with("<p>No quiz here.</p>")
    assert inject(plain, "about.html", settings(STRINGS, {}, "about.html")) == plain


def test_a_quiz_page_gains_the_runtime_once():
    note = "</script><script>alert(1)</script> & more"
    page_settings = settings(STRINGS, {"quiz_result_note": note}, "learn/check/", "copy.html")
    out = inject(page_with(QUESTION), "learn/check/", page_settings)
    head, body = out.split("</head>")
    assert head.count("<script") == 4 and head.count('<link rel="stylesheet"') == 2
    assert '<link rel="stylesheet" href="../../assets/quiz/pyscript/core.css">' in head
    assert '<script src="../../assets/quiz/web/quiz-fallback.js"></script>' in head
    assert '<script src="../../assets/quiz/web/quiz-storage.js"></script>' in head
    # The settings cannot close their element, and read back as given.
    found = re.search(r'<script type="application/json" id="quiz-settings">(.*?)</script>', head, re.S)
    assert "<" not in found.group(1) and json.loads(found.group(1)) == page_settings
    assert body.count("<mpy-script") == 1 and body.index("<mpy-script") < body.index("</body>")
    config = json.loads(html.unescape(re.search(r"config='([^']*)'", body).group(1)))
    assert config["interpreter"] == "../../assets/quiz/micropython/micropython.mjs"
    assert config["plugins"] == PYSCRIPT_UNUSED_PLUGINS
    assert sorted(config["files"].values()) == sorted("./" + name for name in PYTHON_FILES if name != "app.py")
    assert json.loads(re.search(r"<py-config>(.*?)</py-config>", body).group(1)) == {"plugins": PYSCRIPT_UNUSED_PLUGINS}
    # The loader names every runtime file but the stylesheets and its own web files, relative to the page.
    loader = re.search(r'data-modules="([^"]*)" data-files="([^"]*)"', head)
    named = sorted(loader.group(1).split() + loader.group(2).split())
    expected = [
        "../../" + path
        for path, _ in site_files()
        if not path.startswith("assets/quiz/web/") and not path.endswith(".css")
    ]
    assert named == sorted(expected)
    # Injecting twice changes nothing.
    assert inject(out, "learn/check/", page_settings) == out


def test_form_and_result_ids_are_unique_by_construction():
    """A second run of quiz `safety` and a quiz named `safety-2` (or `safety-2-result`) never share an id, so
    never a storage key either: what the build adds to a quiz id starts with "--", which no id holds."""
    body = "".join(
        [question("a", "safety"), "<p>Between.</p>", question("b", "safety"), "<p>Between.</p>"]
        + [question("c", "safety-2"), "<p>Between.</p>", question("d", "safety-2-result")]
    )
    out = wrap_quizzes(body, STRINGS)
    ids = re.findall(r' id="(quiz-[^"]+)"', out)
    assert ids == [
        "quiz-safety", "quiz-safety--result",
        "quiz-safety--2", "quiz-safety--2--result",
        "quiz-safety-2", "quiz-safety-2--result",
        "quiz-safety-2-result", "quiz-safety-2-result--result",
    ]  # fmt: skip


def test_a_page_without_head_or_body_is_an_error():
    with pytest.raises(PageError):
        inject(QUESTION, "quiz.html", settings(STRINGS, {}, "quiz.html"))


def question(question_id, quiz="self-check"):
    return (
        QUESTION.replace('id="q-a"', 'id="q-%s"' % question_id)
        .replace('"a"', '"%s"' % question_id)
        .replace('data-quiz="self-check"', 'data-quiz="%s"' % quiz)
    )


def test_questions_that_follow_each_other_become_one_form_in_its_starting_state():
    body = question("a") + "\n" + question("b") + "<p>Between.</p>" + question("c") + question("d", "other")
    out = wrap_quizzes(body, STRINGS, ["other"])
    forms = re.findall(
        r'<form class="quiz" id="quiz-([^"]+)" data-quiz="([^"]+)" data-quiz-state="starting"([^>]*)>', out
    )
    assert [(found[1], "data-quiz-shuffled" in found[2]) for found in forms] == [
        ("self-check", False),
        ("self-check", False),
        ("other", True),
    ]
    # Two runs of the same quiz id are two forms with their own ids: the browser keeps answers per form id.
    assert [found[0] for found in forms] == ["self-check", "self-check--2", "other"]
    first = out[: out.index("</form>")]
    assert first.count("<fieldset") == 2 and "Between" not in first
    # The parts that need the script are in the page from the start, disabled, and marked as needing it.
    assert '<p class="quiz-progress">0 of 2 answered</p>' in first
    assert '<p class="quiz-status">%s</p>' % STRINGS["status.starting"] in first
    # One live region per quiz, empty until the quiz speaks.
    assert '<p class="quiz-announce quiz-visually-hidden" aria-live="polite"></p>' in first
    assert '<button type="submit" class="md-button md-button--primary" disabled>Check my answers</button>' in first
    assert first.count("quiz-needs-js") == 3
    assert '<section class="quiz-result"' in first and " hidden>" in first


def test_a_quiz_with_confidence_asks_how_sure_before_each_check_button():
    actions = '<p class="quiz-question__actions quiz-needs-js"><button type="button">Check</button></p>'
    body = question("a").replace("</fieldset>", actions + "</fieldset>")
    body += "<p>Between.</p>" + question("b", "other").replace("</fieldset>", actions + "</fieldset>")
    out = wrap_quizzes(body, STRINGS, confidence=["self-check"])
    assert out.count('role="radiogroup"') == 1
    group = re.search(r'<div class="quiz-confidence quiz-needs-js"[^>]*>.*?</div>', out, re.S).group(0)
    assert 'aria-labelledby="q-a-sure"' in group and '<p class="quiz-confidence__label" id="q-a-sure">' in group
    assert re.findall(r'<input type="radio" name="q-a-sure" id="q-a-sure-(\w+)" value="(\w+)"', group) == [
        ("low", "low"),
        ("medium", "medium"),
        ("high", "high"),
    ]
    assert re.findall(r'<label for="q-a-sure-\w+">([^<]*)</label>', group) == ["Low", "Medium", "High"]
    # Before the question's Check button, inside its fieldset.
    assert out.index(group) < out.index(actions) < out.index("</fieldset>")
    assert "quiz-confidence" not in wrap_quizzes(body, STRINGS)
    assert wrap_quizzes(body, STRINGS, confidence=True).count('role="radiogroup"') == 2


def test_a_button_named_in_the_text_takes_the_catalogues_words():
    html = '<p>Press <strong data-quiz-label="quiz.check">Check my answers</strong> at the end.</p>'
    german = {"quiz.check": "Antworten <prüfen>"}
    assert labels_from_catalogue(html, german) == "<p>Press <strong>Antworten &lt;prüfen&gt;</strong> at the end.</p>"
    with pytest.raises(PageError) as raised:
        labels_from_catalogue('<em data-quiz-label="quiz.nope">x</em>', german)
    assert 'data-quiz-label="quiz.nope" names no string of the quiz' in str(raised.value)
