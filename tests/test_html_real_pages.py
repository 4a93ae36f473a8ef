"""Real captured article pages (../shared/html-real, never copied here) through the same path as
`vnarchive extract --text`, checked against their gold with the conventions of
../shared/eval/score_html.py: title (or an accepted alternative), the day of publication, the
authors joined with " - ", the first and last body strings present, no page furniture.

One difference, on purpose: furniture strings are matched case-sensitively, as the gold README
describes how they were chosen ("none appears in the lead, the body or the captions"); the scorer
lower-cases them, which makes a section name ("Phân tích") match an ordinary body sentence
("Theo giới phân tích, ...")."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extractors.read import read_path, read_raw
from tests.page_gold import misses, parse_like_extract_text

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "html-real"
PAGES = sorted(REAL.glob("*.html")) if REAL.is_dir() else []


@pytest.mark.skipif(not PAGES, reason=f"{REAL} is absent: the real pages live in ../shared, not in this repository")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem[:20])
def test_real_page_matches_gold(page):
    gold = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    assert misses(parse_like_extract_text(str(page)), gold) == {}


@pytest.mark.skipif(not PAGES, reason=f"{REAL} is absent: the real pages live in ../shared, not in this repository")
def test_profiles_claim_verified_only_where_a_real_page_uses_them():
    """A site profile says "verified" exactly when a real page of its site is parsed with it (and
    that page passes its gold in the test above); every other profile says "unverified"."""
    from extractors.site_profiles import load_profiles

    used = {read_raw(read_path(str(page))).meta.get("profile") for page in PAGES}
    for profile in load_profiles().values():
        assert (profile.status == "verified") == (profile.name in used), profile.name
