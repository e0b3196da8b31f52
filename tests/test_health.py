"""Health publishing: the site's own notes, safety advice, evidence, review dates and metadata."""

import datetime
import json
import re

import pytest

from .html_page import Blocks, Page, page_file
from .site_pages import nav_page, nav_pages

ARTICLE = nav_page("unlock-your-ankles.md").built
PAGES = [page.built for page in nav_pages()]


def html_of(site_dir, path):
    return (site_dir / page_file(path)).read_text(encoding="utf-8")


def admonitions(site_dir, path):
    return [" ".join(block.split()) for block in Blocks(html_of(site_dir, path), "admonition").blocks]


def test_notice_near_the_top_is_marked_as_the_sites_own(site_dir):
    html = html_of(site_dir, ARTICLE)
    first_section = html.index('id="why-ankle-mobility-matters"')
    notice = html.index('class="admonition info"')
    assert notice < first_section
    text = admonitions(site_dir, ARTICLE)[0]
    assert text.startswith("A note from this site")
    for words in (
        "general information",
        "cannot tell you what is wrong",
        "does not replace a doctor or a physiotherapist",
    ):
        assert words in text


def test_safety_and_care_boxes_come_before_the_self_checks(site_dir):
    html = html_of(site_dir, ARTICLE)
    checks = html.index("Wall test:")
    safety = html.index('class="admonition warning"')
    care = html.index('class="admonition tip"')
    assert html.index('id="simple-self-checks"') < safety < care < checks
    boxes = admonitions(site_dir, ARTICLE)
    safety_text = next(box for box in boxes if box.startswith("Before you try the self-checks"))
    for words in (
        "stand safely",
        "wall or a strong chair",
        "Stop if you feel pain, feel dizzy",
        "had an operation",
        "Ask a GP or physiotherapist first",
    ):
        assert words in safety_text
    care_text = next(box for box in boxes if box.startswith("When to get help"))
    # Urgency is in the words, in order from least to most urgent, not in colour.
    tiers = ["See a GP or physiotherapist", "Get urgent advice today", "Call emergency services now"]
    assert [care_text.index(tier) for tier in tiers] == sorted(care_text.index(tier) for tier in tiers)


def test_evidence_page_covers_each_claim_with_references(site_dir):
    evidence = Page(site_dir / "evidence.html")
    for anchor in (
        "wall-test",
        "knees-falling-inward",
        "squat-depth",
        "hip-and-back-pain",
        "calf-stretching",
        "references",
    ):
        assert anchor in evidence.ids
    html = html_of(site_dir, "evidence")
    references = html[html.index('id="references"') :]
    dois = re.findall(r'href="https://doi\.org/([^"]+)"', references)
    assert len(dois) == 6
    for author, year in [
        ("Bennell", 1998),
        ("Powden", 2015),
        ("Lima", 2018),
        ("Macrum", 2012),
        ("Dill", 2014),
        ("Radford", 2006),
    ]:
        assert re.search(r"%s [^<]*\(%d\)" % (author, year), references), author
    assert "Weak evidence" in evidence.text


def test_every_citation_links_to_its_reference(site_dir):
    html = html_of(site_dir, "evidence")
    prose, references = html[: html.index('id="references"')], html[html.index('id="references"') :]
    reference_ids = re.findall(r'<li id="(ref-\d+)"', references)
    assert reference_ids == ["ref-%d" % number for number in range(1, 7)]
    links = re.findall(r'<a href="#(ref-\d+)">(\d+)</a>', prose)
    assert all(target == "ref-" + number for target, number in links)
    assert {target for target, _ in links} == set(reference_ids), "every reference is cited"
    # Every number in a citation as the reader sees it, "[1, 2]", is one of those links.
    text = " ".join(Blocks(prose, "md-typeset").blocks)
    cited = [number for group in re.findall(r"\[(\d+(?:, \d+)*)\]", text) for number in group.split(", ")]
    assert cited == [number for _, number in links]


def test_quiz_links_to_the_evidence(site_dir):
    assert 'href="evidence.html#' in html_of(site_dir, "quiz")


def json_ld(site_dir, path):
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html_of(site_dir, path), re.S)
    return [json.loads(block) for block in found]


def test_article_json_ld_is_a_complete_medical_web_page(site_dir):
    (data,) = json_ld(site_dir, ARTICLE)
    assert data["@context"] == "https://schema.org" and data["@type"] == "MedicalWebPage"
    assert data["name"] == "Unlock Your Ankles to Reduce Knee, Hip and Back Pain"
    assert data["description"]
    assert data["datePublished"] == "2026-02-20"
    for key in ("dateModified", "lastReviewed"):
        datetime.date.fromisoformat(data[key])
    assert data["publisher"] == {"@type": "Organization", "name": "24Sevenupdates"}
    assert data["medicalAudience"]["@type"] == "MedicalAudience"
    assert data["about"]["name"]
    assert data["url"].endswith("/unlock-your-ankles.html")
    # Every citation is a reference on the evidence page, and every reference is cited.
    cited = {item["sameAs"] for item in data["citation"]}
    evidence = html_of(site_dir, "evidence")
    listed = set(re.findall(r'href="(https://doi\.org/[^"]+)"', evidence[evidence.index('id="references"') :]))
    assert cited == listed and len(cited) == 6


def test_only_the_article_claims_to_be_a_medical_web_page(site_dir):
    for path in PAGES:
        if path != ARTICLE:
            assert json_ld(site_dir, path) == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_has_description_canonical_and_social_tags(site_dir, path):
    html = html_of(site_dir, path)
    assert re.search(r'<meta name="description" content="[^"]{40,}">', html)
    canonical = re.search(r'<link rel="canonical" href="([^"]+)">', html).group(1)
    assert canonical.startswith(("http://", "https://"))
    assert '<meta property="og:url" content="%s">' % canonical in html
    for tag in (
        'property="og:title"',
        'property="og:description"',
        'property="og:type"',
        'name="twitter:card"',
        'name="twitter:title"',
        'name="twitter:description"',
    ):
        assert re.search(r"<meta %s content=\"[^\"]+\">" % tag, html), tag


def review_dates(site_dir):
    block = Blocks(html_of(site_dir, ARTICLE), "page-review").blocks
    assert len(block) == 1
    found = dict(re.findall(r"(Page last reviewed|Next review due): (\d{1,2} \w+ \d{4})", " ".join(block[0].split())))
    return {key: datetime.datetime.strptime(value, "%d %B %Y").date() for key, value in found.items()}


def test_review_dates_are_shown(site_dir):
    dates = review_dates(site_dir)
    assert dates["Page last reviewed"] < dates["Next review due"]
    assert dates["Page last reviewed"] <= datetime.date.today()


def test_next_review_is_not_overdue(site_dir):
    """Fails on the day the review falls due: review the page, then move both dates in its front matter."""
    assert datetime.date.today() < review_dates(site_dir)["Next review due"], "the article's review is overdue"


# Reading level of the text this site adds (not the article's own words). Trusted health sites aim at a
# reading age of 9 to 11, that is US grade 6 or lower on the Flesch-Kincaid scale.
GRADE_LIMIT = 6.0


def site_texts(site_dir):
    article_notes = [block for block in admonitions(site_dir, ARTICLE) if "from this site" in block]
    evidence = html_of(site_dir, "evidence")
    evidence = evidence[: evidence.index('id="references"')]
    quiz = html_of(site_dir, "quiz")
    return {
        "article: site notes": " ".join(article_notes),
        "evidence page": " ".join(Blocks(evidence, "md-typeset").blocks),
        "about page": " ".join(Blocks(html_of(site_dir, "about"), "md-typeset").blocks),
        "quiz: introduction": " ".join(Blocks(quiz[: quiz.index("<fieldset")], "md-typeset").blocks),
    }


def readable(text):
    """Prose only: reference markers, link symbols and headings' pilcrows are not words."""
    text = re.sub(r"\[\d+(?:, \d+)*\]", "", text)
    return " ".join(text.replace("¶", " ").split())


def test_site_notes_read_at_grade_six_or_lower(site_dir, reading_levels):
    import textstat

    for name, text in site_texts(site_dir).items():
        prose = readable(text)
        assert len(prose.split()) > 40, name
        reading_levels[name] = (
            textstat.flesch_kincaid_grade(prose),
            textstat.flesch_reading_ease(prose),
            len(prose.split()),
        )
    too_hard = {name: grade for name, (grade, _, _) in reading_levels.items() if grade > GRADE_LIMIT}
    assert too_hard == {}, "simplify these (Flesch-Kincaid grade above %s): %s" % (GRADE_LIMIT, too_hard)
