"""Web ingestion against the local test site (127.0.0.1): robots, conditional GETs, changed
pages, linked PDF/DOCX, unreachable hosts, reprocess without network."""
from __future__ import annotations

import pytest

from tests.site.server import DOCX_PATH, PDF_PATH, _articles

PRIVATE = "/private/"
CHANGING = "/thay-doi/tin-duoc-cap-nhat-102250308.htm"


def _expected_paths() -> set[str]:
    """Every public article the site's sources reach, and the plan as PDF and DOCX."""
    arts = {a["path"] for a in _articles().values()}
    return {p for p in arts if not p.startswith((PRIVATE, "/loi/"))} | {PDF_PATH, DOCX_PATH}


def _doc_paths(vn, db: str, base: str) -> set[str]:
    return {k.removeprefix(base) for (k,) in vn.query(db, "SELECT doc_key FROM documents")}


@pytest.mark.slow
def test_sources_first_run_second_run_change_and_reprocess(vn, site, tmp_path):
    sources = site.write_sources(str(tmp_path))
    args = ("--sources", sources, "--db", "w.duckdb", "--allow-private")

    first = vn.ingest(*args)
    assert _expected_paths() <= _doc_paths(vn, "w.duckdb", site.base_url)
    assert not any(p.startswith(PRIVATE) for p in site.paths()), "robots.txt-disallowed path was requested"
    assert first["status"] == "completed"
    c1 = vn.counts("w.duckdb")
    assert c1["people"] > 0 and c1["awards"] > 0 and c1["raw_objects"] == c1["document_versions"]
    fetch_log = vn.query("w.duckdb", "SELECT count(*) FROM fetch_log")[0][0]
    assert fetch_log >= len(_expected_paths())

    # second run: every document request is conditional and answered 304; no data row added
    site.clear_log()
    second = vn.ingest(*args)
    assert vn.counts("w.duckdb") == c1
    doc_requests = [r for r in site.requests if r.path.split("?")[0] in _expected_paths()]
    assert doc_requests and all("if-none-match" in r.headers or "if-modified-since" in r.headers
                                for r in doc_requests)
    assert second["counts"]["not_modified"] >= len(_expected_paths())
    assert second["counts"]["inputs"] == 0

    # a page changes: the next run stores a new version and keeps the old raw bytes
    site.bump(CHANGING)
    vn.ingest(*args)
    c3 = vn.counts("w.duckdb")
    assert c3["documents"] == c1["documents"]
    assert c3["document_versions"] == c1["document_versions"] + 1
    assert c3["raw_objects"] == c1["raw_objects"] + 1
    versions = vn.query("w.duckdb", "SELECT v.version, r.sha256 IS NOT NULL FROM document_versions v "
                                    "JOIN documents d USING (document_id) LEFT JOIN raw_objects r ON r.sha256 = v.version "
                                    "WHERE d.doc_key = ?", [site.url(CHANGING)])
    assert len(versions) == 2 and all(has_raw for _, has_raw in versions)

    # reprocess with the site gone: same row counts, no request made
    site.stop()
    vn("reprocess", "--db", "w.duckdb")
    assert vn.counts("w.duckdb") == c3


@pytest.mark.slow   # ad-hoc URLs are fetched at the polite default of 1 request/s per host
def test_adhoc_urls_feed_article_and_unreachable(vn, site):
    res = vn.ingest(site.url("/feed.rss"), site.article_url(next(iter(_articles()))), "http://127.0.0.1:9/tin.htm",
                    "--db", "u.duckdb", "--allow-private")
    keys = _doc_paths(vn, "u.duckdb", site.base_url)
    assert "/tin-tuc/bo-nhiem-pho-giam-doc-so-tai-chinh-tinh-dong-lam-102250302.htm" in keys
    assert not any(p.startswith(PRIVATE) for p in site.paths())
    rows = {u: (s, r) for u, s, r in vn.query("u.duckdb", "SELECT uri, stage, reason FROM quarantine")}
    # the unreachable URL, and the feed's robots.txt-disallowed item (reported, never requested)
    assert rows.pop("http://127.0.0.1:9/tin.htm")[1] in ("connect_error", "timeout")
    assert [(u.removeprefix(site.base_url).startswith(PRIVATE), sr) for u, sr in rows.items()] == \
        [(True, ("fetch", "robots_disallowed"))]
    assert res["counts"]["quarantined"] == 2 and res["status"] == "completed"


def test_private_addresses_refused_without_flag(vn, site):
    res = vn.ingest(site.article_url(next(iter(_articles()))), "--db", "p.duckdb")
    assert res["counts"]["quarantined"] == 1
    assert vn.query("p.duckdb", "SELECT reason FROM quarantine")[0][0] == "private_address"
    assert site.paths() == []


def test_a_dead_source_is_quarantined_and_the_others_load(vn, site, tmp_path):
    p = tmp_path / "s.toml"
    p.write_text(f'''[[source]]
name = "mat-feed"
kind = "rss"
url = "{site.url('/khong-con/feed.rss')}"
rate_per_sec = 50

[[source]]
name = "con-feed"
kind = "rss"
url = "{site.url('/feed.rss')}"
rate_per_sec = 50
''', encoding="utf-8")
    res = vn("ingest", "--sources", str(p), "--db", "d.duckdb", "--allow-private", "--json")
    assert "Traceback" not in res.output
    rows = vn.query("d.duckdb", "SELECT source_name, stage, reason FROM quarantine ORDER BY 1")
    # the dead feed; the live feed's robots.txt-disallowed item is reported, not dropped silently
    assert rows == [("con-feed", "fetch", "robots_disallowed"), ("mat-feed", "fetch", "http_error")]
    assert vn.query("d.duckdb", "SELECT count(*) FROM documents WHERE source_name = 'con-feed'")[0][0] >= 3
