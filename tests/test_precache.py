"""What the service worker downloads on a reader's first visit: what offline reading and the quiz need,
and nothing else (no source maps, no stemmers of other languages, not the take-away copy)."""

import json

import pytest

from sitebuild import steps
from sitebuild.config import ConfigError, load, offline_copy
from sitebuild.service_worker import LUNR_DIR, SEARCH_INDEX, precache_manifest

from .conftest import ROOT
from .site_pages import nav_pages

TAKEAWAY = offline_copy(load(ROOT / "mkdocs.yml")).file_name


def precache_of(site):
    return [entry["url"] for entry in precache_manifest((site / "sw.js").read_text(encoding="utf-8"))]


def test_the_site_precaches_its_pages_and_runtime_but_no_map_stemmer_or_take_away_copy(site_dir):
    urls = precache_of(site_dir)
    assert [url for url in urls if url.endswith(".map")] == []
    assert TAKEAWAY not in urls and (site_dir / TAKEAWAY).is_file()
    # An English site: Material's search worker imports no stemmer at all.
    assert [url for url in urls if url.startswith(LUNR_DIR)] == []
    for page in nav_pages():
        assert page.built in urls
    assert SEARCH_INDEX in urls
    assert "assets/quiz/micropython/micropython.wasm" in urls


def test_source_maps_are_not_published(site_dir):
    assert sorted(str(path.relative_to(site_dir)) for path in site_dir.rglob("*.map")) == []


def test_the_take_away_copy_is_cached_when_opened(site_dir):
    source = (site_dir / "sw.js").read_text(encoding="utf-8")
    assert "const RUNTIME_CACHED = %s;" % json.dumps([TAKEAWAY]) in source


def fake_site(tmp_path, languages, extra=""):
    """A built site as far as the precache is concerned: a script with its map, a search index for
    `languages`, Material's stemmers."""
    site = tmp_path / "site"
    (site / "assets" / "javascripts" / "lunr" / "min").mkdir(parents=True)
    (site / "search").mkdir()
    (site / "index.html").write_text("<!doctype html><html><head></head><body></body></html>", encoding="utf-8")
    (site / "assets" / "javascripts" / "bundle.js").write_text("//# sourceMappingURL=bundle.js.map\n")
    (site / "assets" / "javascripts" / "bundle.js.map").write_text("{}")
    (site / SEARCH_INDEX).write_text(json.dumps({"config": {"lang": languages}, "docs": []}), encoding="utf-8")
    for name in ("tinyseg.js", "wordcut.js"):
        (site / LUNR_DIR / name).write_text("")
    for language in ("de", "fr", "ja", "multi", "stemmer.support"):
        (site / LUNR_DIR / "min" / ("lunr.%s.min.js" % language)).write_text("")
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: Test\n%s" % extra, encoding="utf-8")
    return site, config


def test_only_the_stemmers_of_the_searched_languages_are_precached(tmp_path):
    site, config = fake_site(tmp_path, ["de", "ja"])
    steps.finish(str(site), str(config))
    assert sorted(url for url in precache_of(site) if url.startswith(LUNR_DIR)) == [
        LUNR_DIR + "min/lunr.de.min.js",
        LUNR_DIR + "min/lunr.ja.min.js",
        LUNR_DIR + "min/lunr.multi.min.js",
        LUNR_DIR + "min/lunr.stemmer.support.min.js",
        LUNR_DIR + "tinyseg.js",
    ]
    # Still published: only the precache leaves them out.
    assert (site / LUNR_DIR / "min" / "lunr.fr.min.js").is_file()


def test_source_maps_are_removed_unless_the_site_asks_for_them(tmp_path):
    site, config = fake_site(tmp_path, ["en"])
    summary = steps.finish(str(site), str(config))
    assert not (site / "assets" / "javascripts" / "bundle.js.map").exists()
    assert "1 source maps removed" in summary

    site, config = fake_site(tmp_path / "kept", ["en"], extra="extra:\n  source_maps: true\n")
    steps.finish(str(site), str(config))
    assert (site / "assets" / "javascripts" / "bundle.js.map").is_file()
    # Published for developer tools, still not downloaded in advance for readers.
    assert "assets/javascripts/bundle.js" in precache_of(site)
    assert [url for url in precache_of(site) if url.endswith(".map")] == []


def test_a_source_maps_setting_other_than_true_or_false_is_refused(tmp_path):
    site, config = fake_site(tmp_path, ["en"], extra="extra:\n  source_maps: yes please\n")
    with pytest.raises(ConfigError, match=r"extra\.source_maps must be true or false"):
        steps.finish(str(site), str(config))
