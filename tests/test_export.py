"""`python -m quiz export`: GIFT read back as Moodle reads it, Moodle XML's structure per question type, QTI 2.1
items and test validated against IMS's published schema, and every loss reported as path:line: warning."""

import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile

import pytest
from lxml import etree

from quiz import markup
from quiz.export.cli import export
from quiz.source_file import load_page

from . import gift_reader
from .conftest import ROOT

PAGE = ROOT / "tests" / "take_export" / "docs" / "every-type.md"
SHOWN_PAGE = "tests/take_export/docs/every-type.md"
QUESTIONS = {question.id: question for question in load_page(str(PAGE)).questions}
SCHEMA_DIR = ROOT / "tests" / "qti21_schema"
IMPORTS = {
    "xml.xsd": "xml.xsd",
    "XInclude.xsd": "XInclude.xsd",
    "mathml2.xsd": "mathml-stub.xsd",
    "apipv1p0_qtiextv2p1_v1p0.xsd": "apip-stub.xsd",
}
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


def exported(format_name, tmp_path, *options, page=PAGE):
    out = tmp_path / ("out." + format_name)
    stderr = io.StringIO()
    status = export(str(page), format_name, str(out), stderr=stderr, **dict(options))
    return status, (out.read_bytes() if out.exists() else b""), stderr.getvalue()


def inline(text):
    html = markup.convert(text)
    return html[3:-4] if html.startswith("<p>") and html.endswith("</p>") else html


@pytest.fixture(scope="module")
def qti_schema():
    text = (SCHEMA_DIR / "imsqti_v2p1.xsd").read_text(encoding="utf-8")

    def local(match):
        return '%s"%s"' % (match.group(1), (SCHEMA_DIR / IMPORTS[match.group(2).rsplit("/", 1)[-1]]).as_uri())

    text = re.sub(r'(schemaLocation\s*=\s*)"([^"]+)"', local, text)
    parser = etree.XMLParser(no_network=True)
    return etree.XMLSchema(etree.fromstring(text.encode("utf-8"), parser, base_url=(SCHEMA_DIR / "x.xsd").as_uri()))


# GIFT
def test_gift_reads_back_with_the_same_answers_fractions_and_feedback(tmp_path):
    status, text, _ = exported("gift", tmp_path)
    assert status == 0
    read = {question["name"]: question for question in gift_reader.read(text.decode("utf-8"))}
    one = QUESTIONS["pick-one"]
    assert read["pick-one"]["text"] == inline(one.text) == "Which is right: a = b, c # d {e}: or ~f?"
    assert read["pick-one"]["answers"] == [
        (inline(o.text), inline(o.feedback) if o.feedback else "", 100.0 if o.correct else 0.0) for o in one.options
    ]
    assert read["pick-one"]["single"] is True
    assert read["pick-one"]["general"] == markup.convert(one.explanation)
    every = read["pick-all"]
    assert every["single"] is False
    assert [weight for _, _, weight in every["answers"]] == [33.33333, 33.33333, 33.33333, -33.33333]
    assert every["answers"][3][1] == "Only wrong: no."
    assert read["yes-or-no"] == {**read["yes-or-no"], "type": "truefalse", "correct": False}
    assert (read["yes-or-no"]["wrong_feedback"], read["yes-or-no"]["right_feedback"]) == (
        "It is not green.",
        "Right, it is not green.",
    )
    assert read["type-word"]["answers"] == ["calf muscles", "calves"]
    assert read["type-number"]["answers"] == [(10.0, 1.0)] and read["type-number"]["text"].endswith("(cm)")
    assert read["pair-up"]["pairs"] == [(p.left, p.right) for p in QUESTIONS["pair-up"].pairs]
    assert read["put-in-order"]["pairs"] == [("Alpha", "1"), ("Beta", "2"), ("Gamma", "3"), ("Delta", "4")]
    assert read["one-gap"]["type"] == "shortanswer" and read["one-gap"]["answers"] == ["100", "a hundred"]
    assert read["one-gap"]["text"] == "<p>Fill the gap.</p><p>Water boils at _____ degrees.</p>"
    assert "fill-gaps" not in read


def test_gift_reports_each_loss_with_its_line(tmp_path):
    status, _, err = exported("gift", tmp_path)
    assert status == 0
    lines = err.splitlines()
    assert lines[:5] == [
        SHOWN_PAGE + ":7: warning: GIFT cannot express points (2); the question gets Moodle's default mark of 1; "
        "set its mark in the quiz",
        SHOWN_PAGE + ":8: warning: GIFT cannot express a hint; the hint is left out",
        SHOWN_PAGE + ":65: warning: GIFT cannot express a unit (cm); the unit is named after the question and the "
        "answer is the number alone",
        SHOWN_PAGE + ":77: warning: GIFT cannot express an order question; it is exported as a matching question, "
        "each step matched to its place (1 to 4), each right place earning its share as on the page",
        SHOWN_PAGE + ":106: warning: GIFT cannot express a passage with 2 gaps (a GIFT question has one gap at most); "
        "the question is left out; the moodle-xml export keeps it as a Cloze question",
    ]
    assert lines[5].startswith(SHOWN_PAGE + ": 8 of 9 question(s) exported as gift") and "5 warning(s)" in lines[5]


def test_gift_escapes_every_special_character():
    from quiz.export.gift import escape

    assert escape("a~b=c#d{e}f:g\\h\ni") == "a\\~b\\=c\\#d\\{e\\}f\\:g\\\\h\\ni"


# Moodle XML
def moodle(tmp_path, *options):
    status, text, err = exported("moodle-xml", tmp_path, *options)
    assert status == 0, err
    root = ET.fromstring(text)
    assert root.tag == "quiz"
    return {question.find("name/text").text: question for question in root.findall("question")}, err


def test_moodle_xml_has_each_types_required_elements(tmp_path):
    found, _ = moodle(tmp_path)
    assert {name: q.get("type") for name, q in found.items()} == {
        "pick-one": "multichoice",
        "pick-all": "multichoice",
        "yes-or-no": "truefalse",
        "type-word": "shortanswer",
        "type-number": "numerical",
        "put-in-order": "ordering",
        "pair-up": "matching",
        "fill-gaps": "cloze",
        "one-gap": "cloze",
    }
    for question in found.values():
        for path in ("questiontext/text", "generalfeedback/text", "defaultgrade", "penalty", "hidden"):
            assert question.find(path) is not None, (question.get("type"), path)
        assert question.find("questiontext").get("format") == "html"
    one = found["pick-one"]
    assert one.findtext("single") == "true" and one.findtext("defaultgrade") == "2"
    assert [(a.get("fraction"), a.findtext("feedback/text")) for a in one.findall("answer")] == [
        ("0", "Not this: it has # and = in it."),
        ("100", "Yes: the braces {} and colon : stay."),
        ("0", ""),
    ]
    assert one.findtext("hint/text") == "Think of {braces} and 50% ~ tilde."
    assert [a.get("fraction") for a in found["pick-all"].findall("answer")] == ["33.33333"] * 3 + ["-33.33333"]
    assert found["pick-all"].findtext("single") == "false"
    assert [(a.findtext("text"), a.get("fraction")) for a in found["yes-or-no"].findall("answer")] == [
        ("true", "0"),
        ("false", "100"),
    ]
    assert [a.findtext("text") for a in found["type-word"].findall("answer")] == ["calf muscles", "calves"]
    number = found["type-number"]
    assert (number.findtext("answer/text"), number.findtext("answer/tolerance")) == ("10", "1")
    assert number.findtext("units/unit/unit_name") == "cm" and number.findtext("units/unit/multiplier") == "1"
    order = found["put-in-order"]
    assert order.findtext("gradingtype") == "ABSOLUTE_POSITION" and order.findtext("selecttype") == "ALL"
    assert [(a.get("fraction"), a.findtext("text")) for a in order.findall("answer")] == [
        ("1", "Alpha"),
        ("2", "Beta"),
        ("3", "Gamma"),
        ("4", "Delta"),
    ]
    pairs = [(s.findtext("text"), s.findtext("answer/text")) for s in found["pair-up"].findall("subquestion")]
    assert pairs == [("Cat", "Meows"), ("Dog", "Barks"), ("Cow", "Moos")]
    cloze = found["fill-gaps"].findtext("questiontext/text")
    assert "The {1:SHORTANSWER:=sky~=heavens} is {1:MULTICHOICE:green~=blue~red} today." in cloze


def test_moodle_xml_reports_cloze_points_and_hints(tmp_path):
    _, err = moodle(tmp_path)
    assert (
        SHOWN_PAGE + ":106: warning: Moodle XML cannot express points (1) shared by 2 gaps (a Cloze question is "
        "worth the sum of its gaps' whole weights); each gap weighs 1, so the question is worth 2; set its mark in "
        "the quiz" in err
    )
    assert SHOWN_PAGE + ":8: warning: Moodle XML cannot express a hint shown on request" in err


def test_cloze_answers_escape_moodles_special_characters():
    from quiz.export.moodle_xml import cloze_escape

    assert cloze_escape('a}b#c~d/e"f\\g') == 'a\\}b\\#c\\~d\\/e\\"f\\\\g'


def test_site_url_makes_the_section_link_absolute(tmp_path):
    found, _ = moodle(tmp_path, ("site_url", "https://example.org/guide/"))
    feedback = found["pick-one"].findtext("generalfeedback/text")
    assert '<a href="https://example.org/guide/target/#first-section">Read the section: First section</a>' in feedback


# QTI 2.1
def test_qti_package_validates_against_the_published_schema(tmp_path, qti_schema):
    status, data, err = exported("qti21", tmp_path)
    assert status == 0, err
    package = zipfile.ZipFile(io.BytesIO(data))
    names = package.namelist()
    manifest = ET.fromstring(package.read("imsmanifest.xml"))
    cp = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
    resources = manifest.findall("%sresources/%sresource" % (cp, cp))
    assert [(r.get("type"), r.get("href")) for r in resources] == [("imsqti_test_xmlv2p1", "assessment.xml")] + [
        ("imsqti_item_xmlv2p1", "items/%s.xml" % name) for name in QUESTIONS
    ]
    assert sorted(names) == sorted(["imsmanifest.xml"] + [r.get("href") for r in resources])
    for name in names:
        if name != "imsmanifest.xml":
            document = etree.fromstring(package.read(name))
            assert qti_schema.validate(document), (name, [str(error) for error in qti_schema.error_log][:3])


def test_the_schema_refuses_what_qti_does_not_allow(tmp_path, qti_schema):
    _, data, _ = exported("qti21", tmp_path)
    text = zipfile.ZipFile(io.BytesIO(data)).read("items/pick-one.xml").decode("utf-8")
    assert qti_schema.validate(etree.fromstring(text.encode("utf-8")))
    for broken in (
        text.replace(' identifier="pick-one"', "", 1),
        text.replace("<simpleChoice", "<simpleChoise").replace("</simpleChoice>", "</simpleChoise>"),
        text.replace('cardinality="single"', 'cardinality="one"', 1),
    ):
        assert not qti_schema.validate(etree.fromstring(broken.encode("utf-8")))


def item(tmp_path, question_id):
    _, data, _ = exported("qti21", tmp_path)
    return ET.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("items/%s.xml" % question_id))


def test_qti_partial_credit_is_in_each_items_mapping(tmp_path):
    every = item(tmp_path, "pick-all")
    entries = [(e.get("mapKey"), e.get("mappedValue")) for e in every.iter(QTI + "mapEntry")]
    assert entries == [("C1", "0.3333333333"), ("C2", "0.3333333333"), ("C3", "0.3333333333"), ("C4", "-0.3333333333")]
    mapping = every.find("%sresponseDeclaration/%smapping" % (QTI, QTI))
    assert (mapping.get("lowerBound"), mapping.get("upperBound")) == ("0", "1")
    one = item(tmp_path, "pick-one")
    assert one.find("%soutcomeDeclaration/%sdefaultValue/%svalue" % (QTI, QTI, QTI)).text == "0"
    assert [e.get("mappedValue") for e in one.iter(QTI + "mapEntry")] == ["0", "2", "0"]
    feedback = [(m.get("identifier"), "".join(m.itertext()).strip()) for m in one.iter(QTI + "modalFeedback")]
    assert feedback[:2] == [("C1", "Not this: it has # and = in it."), ("C2", "Yes: the braces {} and colon : stay.")]
    number = item(tmp_path, "type-number")
    equal = next(number.iter(QTI + "equal"))
    assert (equal.get("toleranceMode"), equal.get("tolerance")) == ("absolute", "1 1")
    order = item(tmp_path, "put-in-order")
    steps = [index.get("n") for index in order.iter(QTI + "index")]
    assert steps == ["1", "2", "3", "4"]
    assert [v.text for v in order.iter(QTI + "baseValue") if v.get("baseType") == "float"] == ["0.25"] * 4
    pairs = [e.get("mapKey") for e in item(tmp_path, "pair-up").iter(QTI + "mapEntry")]
    assert pairs == ["I1 P1", "I2 P2", "I3 P3"]
    cloze = item(tmp_path, "fill-gaps")
    assert [d.get("identifier") for d in cloze.iter(QTI + "responseDeclaration")] == ["RESPONSE_1", "RESPONSE_2"]
    assert len(list(cloze.iter(QTI + "textEntryInteraction"))) == 1
    assert [c.text for c in cloze.iter(QTI + "inlineChoice")] == ["green", "blue", "red"]


# The command
def test_a_page_with_mistakes_is_not_exported(tmp_path):
    broken = ROOT / "tests" / "take_export" / "docs" / "broken.md"
    status, data, err = exported("gift", tmp_path, page=broken)
    assert status == 1 and data == b""
    assert "tests/take_export/docs/broken.md:11: a single question needs exactly one correct option [x]" in err


def test_strict_fails_on_warnings_and_qti_needs_a_file(tmp_path):
    status, _, _ = exported("gift", tmp_path, ("strict", True))
    assert status == 2
    stderr = io.StringIO()
    assert export(str(PAGE), "qti21", None, stderr=stderr) == 1
    assert stderr.getvalue() == "error: the qti21 format is a zip file: give it a name with -o FILE.zip\n"


def test_the_command_line_writes_to_stdout():
    run = subprocess.run(
        [sys.executable, "-m", "quiz", "export", "--format", "gift", SHOWN_PAGE],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 0, run.stderr
    assert "::pick-one::[html]Which is right\\: a \\= b, c \\# d \\{e\\}\\: or \\~f?{" in run.stdout


LEARNING = ROOT / "tests" / "take_export" / "docs" / "learning.md"
SHOWN_LEARNING = SHOWN_PAGE.replace("every-type.md", "learning.md")


@pytest.mark.parametrize("format_name, name", [("gift", "GIFT"), ("moodle-xml", "Moodle XML"), ("qti21", "QTI 2.1")])
def test_typo_tolerance_is_reported_as_a_loss(tmp_path, format_name, name):
    status, _, err = exported(format_name, tmp_path, page=LEARNING)
    assert status == 0
    losses = [line for line in err.splitlines() if "typo tolerance" in line]
    assert losses == [
        "%s:8: warning: %s cannot express typo tolerance (1 edit(s) in a typed answer); only the accepted answers "
        "as written count" % (SHOWN_LEARNING, name),
        "%s:26: warning: %s cannot express typo tolerance (2 edit(s) in a typed answer); only the accepted answers "
        "as written count" % (SHOWN_LEARNING, name),
    ]
