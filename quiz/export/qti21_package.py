"""A QTI 2.1 content package: a zip with imsmanifest.xml (IMS Content Packaging 1.1), one item file per
question under items/, and an assessmentTest that lists them in page order, for platforms that import a
whole test (TAO, ONYX/OPAL, Inspera) as well as those that import items into a question bank."""

import io
import xml.etree.ElementTree as ET
import zipfile

from . import qti21

CP = "http://www.imsglobal.org/xsd/imscp_v1p1"
CP_SCHEMA = CP + " http://www.imsglobal.org/xsd/imscp_v1p1.xsd " + qti21.SCHEMA
TEST_FILE = "assessment.xml"
# A fixed time for every entry: the same page gives the same zip, byte for byte.
ENTRY_TIME = (2000, 1, 1, 0, 0, 0)


def _test(title, identifiers):
    t = qti21.t
    root = ET.Element(t("assessmentTest"), {"identifier": "test", "title": title})
    root.set("{%s}schemaLocation" % qti21.XSI, qti21.SCHEMA)
    part = ET.SubElement(root, t("testPart"), {"identifier": "part", "navigationMode": "nonlinear"})
    part.set("submissionMode", "simultaneous")
    section = ET.SubElement(part, t("assessmentSection"), {"identifier": "section", "title": title, "visible": "true"})
    for name in identifiers:
        ET.SubElement(section, t("assessmentItemRef"), {"identifier": name, "href": "items/%s.xml" % name})
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def _manifest(identifiers):
    ET.register_namespace("", CP)
    c = lambda name: "{%s}%s" % (CP, name)  # noqa: E731
    root = ET.Element(c("manifest"), {"identifier": "manifest"})
    root.set("{%s}schemaLocation" % qti21.XSI, CP_SCHEMA)
    metadata = ET.SubElement(root, c("metadata"))
    ET.SubElement(metadata, c("schema")).text = "IMS Content"
    ET.SubElement(metadata, c("schemaversion")).text = "1.1"
    ET.SubElement(root, c("organizations"))
    resources = ET.SubElement(root, c("resources"))
    test = ET.SubElement(resources, c("resource"), {"identifier": "test", "type": "imsqti_test_xmlv2p1"})
    test.set("href", TEST_FILE)
    ET.SubElement(test, c("file"), {"href": TEST_FILE})
    for name in identifiers:
        ET.SubElement(test, c("dependency"), {"identifierref": "item-" + name})
    for name in identifiers:
        href = "items/%s.xml" % name
        resource = ET.SubElement(
            resources, c("resource"), {"identifier": "item-" + name, "type": "imsqti_item_xmlv2p1"}
        )
        resource.set("href", href)
        ET.SubElement(resource, c("file"), {"href": href})
    ET.indent(root)
    ET.register_namespace("", qti21.NS)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")


def export(questions, site, strings, report):
    """The zip's bytes and the number of items in it."""
    items = [qti21.item(question, site, strings, report) for question in questions]
    identifiers = [name for name, _ in items]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        files = [("imsmanifest.xml", _manifest(identifiers)), (TEST_FILE, _test(report.path, identifiers))]
        files += [("items/%s.xml" % name, text) for name, text in items]
        for name, text in files:
            package.writestr(zipfile.ZipInfo(name, ENTRY_TIME), text.encode("utf-8"), zipfile.ZIP_DEFLATED)
    return buffer.getvalue(), len(items)
