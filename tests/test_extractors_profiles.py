"""Every site profile version against its own page (tests/fixtures/profiles/<site>/<date>.html.gz
and the expected <date>.json), like Fundus' parser tests: one parametrised test for all sites."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from extractors.read import read_raw
from extractors.site_profiles import load_profiles, profile_for
from extractors.types import RawItem

FIXTURES = Path(__file__).parent / "fixtures" / "profiles"
PAGES = sorted(FIXTURES.glob("*/*.html.gz"))


def _spec(page: Path) -> dict:
    return json.loads(page.with_name(page.name.removesuffix(".html.gz") + ".json").read_text(encoding="utf-8"))


def _read(page: Path, spec: dict, **kw):
    item = RawItem(uri=spec["url"], data=gzip.decompress(page.read_bytes()), status=200,
                   content_type="text/html", fetched_at=spec["crawl_date"] + "T08:00:00Z", **kw)
    return read_raw(item)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p.parent.name}/{p.name[:10]}")
def test_profile_page(page):
    spec = _spec(page)
    doc = _read(page, spec)
    assert doc.meta["profile"] == page.parent.name == spec["profile"]
    assert doc.meta["profile_version"] == spec["version"]
    assert (doc.title, doc.published, doc.authors) == (spec["title"], spec["published"], spec["authors"])
    assert doc.published == spec["crawl_date"]
    assert doc.text == spec["text"]
    for furniture in spec["absent"]:
        assert furniture not in doc.text, furniture
    assert doc.title not in doc.text


def test_every_profile_version_has_a_page():
    covered = {(p.parent.name, _spec(p)["version"]) for p in PAGES}
    for prof in load_profiles().values():
        for version in prof.versions:
            assert (prof.name, version.name) in covered, f"{prof.name} {version.name} has no fixture"


def test_profile_chosen_by_name_over_host():
    page = FIXTURES / "nhandan" / "2023-09-05.html.gz"
    spec = dict(_spec(page), url="https://mirror.example.org/bai-viet.html")
    assert _read(page, spec).meta["extractor"] != "profile"
    doc = _read(page, spec, profile="nhandan")
    assert doc.meta["profile"] == "nhandan" and doc.text == _spec(page)["text"]


def test_host_matching_prefers_longest_domain():
    assert profile_for(url="https://vpcp.chinhphu.vn/a.htm").name == "vpcp"
    assert profile_for(url="https://chinhphu.vn/a.htm").name == "baochinhphu"
    assert profile_for(url="https://www.baochinhphu.vn/a.htm").name == "baochinhphu"
    assert profile_for(url="https://notchinhphu.vn/a.htm") is None
    assert profile_for(url="/tmp/page.html") is None


def test_old_layout_page_found_when_crawled_after_redesign():
    """An archived 2020 page fetched today: the current version misses, the older one matches."""
    page = FIXTURES / "baochinhphu" / "2020-06-10.html.gz"
    spec = dict(_spec(page), crawl_date="2026-01-05")
    doc = _read(page, spec)
    assert doc.meta["profile_version"] == "2015"
    assert doc.text == _spec(page)["text"]
