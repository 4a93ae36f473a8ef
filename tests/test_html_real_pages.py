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
import re
import unicodedata
from pathlib import Path

import pytest

from extractors.read import read_path, read_raw
from nlp.contract import to_contract
from nlp.pipeline import extract

REAL = Path(__file__).resolve().parents[1].parent / "shared" / "html-real"
PAGES = sorted(REAL.glob("*.html")) if REAL.is_dir() else []


def _norm(s: str | None, lower: bool = True) -> str:
    s = unicodedata.normalize("NFC", s or "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s.lower() if lower else s).strip()


def _alts(*values) -> list[str]:
    return [x for v in values for x in (v if isinstance(v, list) else [v] if v else [])]


def _parsed(page: Path) -> dict:
    out = to_contract(extract(read_raw(read_path(str(page)))), include_text=True)
    doc = out["document"]
    return {"title": doc["title"], "published": doc["published"], "author": " - ".join(doc["authors"]),
            "body": out["text"]}


@pytest.mark.skipif(not PAGES, reason=f"{REAL} is absent: the real pages live in ../shared, not in this repository")
@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.stem[:20])
def test_real_page_matches_gold(page):
    gold = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    got = _parsed(page)
    body = _norm(got["body"])
    assert _norm(got["title"]) in {_norm(t) for t in _alts(gold["title"], gold.get("title_alt"))}, got["title"]
    if gold["published"]:
        assert (got["published"] or "")[:10] == gold["published"][:10]
    else:
        assert not got["published"]
    if gold["author"]:
        assert _norm(got["author"]) in {_norm(a) for a in _alts(gold["author"], gold.get("author_alt"))}, got["author"]
    else:
        assert not got["author"], got["author"]
    assert _norm(gold["body_first"]) in body or _norm(gold.get("body_first_after_lead")) in body
    assert _norm(gold["body_last"]) in body
    assert body
    raw_body = _norm(got["body"], lower=False)
    assert [f for f in gold["furniture"] if _norm(f, lower=False) in raw_body] == []



@pytest.mark.skipif(not PAGES, reason=f"{REAL} is absent: the real pages live in ../shared, not in this repository")
def test_profiles_claim_verified_only_where_a_real_page_uses_them():
    """A site profile says "verified" exactly when a real page of its site is parsed with it (and
    that page passes its gold in the test above); every other profile says "unverified"."""
    from extractors.site_profiles import load_profiles

    used = {read_raw(read_path(str(page))).meta.get("profile") for page in PAGES}
    for profile in load_profiles().values():
        assert (profile.status == "verified") == (profile.name in used), profile.name
