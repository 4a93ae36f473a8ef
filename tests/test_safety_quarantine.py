"""End to end: one ingest of good files mixed with hostile ones (small batches, so good and bad
share batches): every bad item is quarantined with its reason, every good one is loaded;
`status` shows quarantine counts by reason; `quarantine list` lists them; `quarantine retry`
clears what was fixed on disk and leaves the rest. Web inputs fail with fetch reasons."""
from __future__ import annotations

import json
import os
import unicodedata
from pathlib import Path

import pytest

from tests.hostile import inputs as H
from tests.hostile.archive import generate_corpus, integrity_problems
from tests.hostile.harness import count, hostile_summary  # noqa: F401 (fixture)
from tests.hostile.server import HostileServer

pytestmark = pytest.mark.usefixtures("hostile_summary")

BAD = {   # file → reasons it may be quarantined with
    "rac-nhi-phan.txt": ({"binary_content"}, lambda: bytes(range(256)) * 40),
    "cat-cut.pdf": ({"pdf_corrupt"}, lambda: H.truncated(H.pdf_bytes(), 0.6)),
    "rac-sau-dau.pdf": ({"pdf_corrupt", "pdf_no_text_layer"}, lambda: b"%PDF-1.7\n" + os.urandom(3000) + b"\n%%EOF"),
    "cat-cut.docx": ({"docx_corrupt"}, lambda: H.truncated(H.docx_bytes(), 0.5)),
    "bom-zip.docx": ({"docx_zip_bomb"}, H.zip_bomb_docx),
    "zip-noi-doi.docx": ({"docx_corrupt", "docx_zip_bomb"}, H.lying_zip_docx),
    "nhieu-tep.docx": ({"docx_zip_bomb"}, H.many_members_docx),
    "sai-ma.txt": ({"invalid_encoding"}, lambda: H.with_invalid_utf8(H.sample_text(), b"\xc0\xaf", 3)),
    "trang-50mb.html": ({"too_large"}, lambda: H.big_html(50 * 1024 * 1024)),
    "rong.txt": ({"empty"}, lambda: b""),
    "chi-co-script.html": ({"empty_body"}, lambda: b"<html><script>var x = 1;</script></html>"),
}
GOOD = {
    "long-sau.html": lambda: H.nested_html(20_000),
    "to-hop-nfd.txt": lambda: H.random_forms(H.sample_text(), 3).encode("utf-8"),
    "ban-pdf.pdf": H.pdf_bytes,
    "ban-word.docx": H.docx_bytes,
    "ban-html.html": H.html_page,
}


def _open(vn, db: str) -> dict[str, tuple[str, str, str]]:
    rows = vn.query(db, "SELECT uri, stage, reason, message FROM quarantine WHERE resolved_at IS NULL")
    return {Path(u).name: (stage, reason, msg) for u, stage, reason, msg in rows}


@pytest.mark.slow
def test_hostile_batch_is_quarantined_and_the_good_files_load(vn, tmp_path):
    good = generate_corpus(tmp_path / "in", 10)
    mixed = tmp_path / "in" / "0000"            # hostile files sort between the good ones
    for name, make in GOOD.items():
        (mixed / name).write_bytes(make())
    for name, (_reasons, make) in BAD.items():
        (mixed / name).write_bytes(make())
    count("ingest: hostile file", len(BAD))
    result = vn.ingest("in", "--db", "q.duckdb", "--batch-size", "4")
    assert result["status"] == "completed"
    assert result["counts"]["quarantined"] == len(BAD)
    assert result["counts"]["stored"] == len(good) + len(GOOD)

    quarantined = _open(vn, "q.duckdb")
    assert set(quarantined) == set(BAD), set(quarantined) ^ set(BAD)
    for name, (stage, reason, msg) in quarantined.items():
        assert reason in BAD[name][0], (name, reason, msg)
        assert stage in ("read", "extract") and msg, (name, stage, msg)
    keys = {Path(k).name for (k,) in vn.query("q.duckdb", "SELECT doc_key FROM documents")}
    assert keys == {Path(p).name for p in good} | set(GOOD)
    assert integrity_problems(tmp_path / "q.duckdb") == []
    # the NFD/NFC mixture was loaded with the same people as the NFC text
    names = {unicodedata.normalize("NFC", n) for (n,) in vn.query(
        "q.duckdb", "SELECT pm.name FROM person_mentions pm JOIN documents d USING (document_id) "
                    "WHERE d.doc_key LIKE '%to-hop-nfd.txt'")}
    assert {"Trịnh Quốc Khải", "Lương Thị Hồng Nhung", "Võ Minh Đức"} <= names

    # status: quarantine counts by reason (table and JSON)
    by_reason: dict[str, int] = {}
    for _stage, reason, _msg in quarantined.values():
        by_reason[reason] = by_reason.get(reason, 0) + 1
    status = json.loads(vn("status", "--db", "q.duckdb", "--json").stdout)
    assert {r["reason"]: r["count"] for r in status["quarantine"]} == by_reason
    table = vn("status", "--db", "q.duckdb").stdout
    assert "quarantine" in table and all(reason in table for reason in by_reason)
    listed = [json.loads(line) for line in vn("quarantine", "list", "--db", "q.duckdb", "--json").stdout.splitlines()]
    assert sorted(Path(r["uri"]).name for r in listed) == sorted(BAD)
    assert all(r["reason"] and r["message"] for r in listed)

    # fix two files on disk, delete one: retry clears the fixed ones only
    (mixed / "sai-ma.txt").write_text(H.sample_text(), encoding="utf-8")
    (mixed / "cat-cut.pdf").write_bytes(H.pdf_bytes())
    (mixed / "rong.txt").unlink()
    res = vn("quarantine", "retry", "--db", "q.duckdb")
    assert "rong.txt" in res.output and "left in quarantine" in res.output
    still = _open(vn, "q.duckdb")
    assert set(still) == set(BAD) - {"sai-ma.txt", "cat-cut.pdf"}
    urls = {Path(k).name for (k,) in vn.query("q.duckdb", "SELECT url FROM document_urls")}
    assert {"sai-ma.txt", "cat-cut.pdf"} <= urls    # the fixed PDF has ban-pdf.pdf's bytes: an alias of it
    resolved = vn.query("q.duckdb", "SELECT uri FROM quarantine WHERE resolved_at IS NOT NULL")
    assert sorted(Path(u).name for (u,) in resolved) == ["cat-cut.pdf", "sai-ma.txt"]
    # retry with nothing fixed changes nothing
    before = vn.counts("q.duckdb")
    vn("quarantine", "retry", "--db", "q.duckdb")
    assert vn.counts("q.duckdb") == before and _open(vn, "q.duckdb") == still
    assert integrity_problems(tmp_path / "q.duckdb") == []


@pytest.mark.slow
def test_web_inputs_fail_with_fetch_reasons(vn, tmp_path):
    with HostileServer() as srv:
        good, bomb, redirect = srv.url("/bai.htm"), srv.url("/bom/gzip-1g"), srv.url("/chuyen/file")
        # without the opt-in, a loopback address is refused before any request
        vn.ingest(good, "--db", "w.duckdb")
        assert srv.count("/bai.htm") == 0 and srv.count("/robots.txt") == 0
        rows = vn.query("w.duckdb", "SELECT uri, stage, reason FROM quarantine WHERE resolved_at IS NULL")
        assert [(stage, reason) for _u, stage, reason in rows] == [("fetch", "private_address")], rows
        # with it, the page loads (and leaves quarantine); the bomb and the redirect are quarantined
        result = vn.ingest(good, bomb, redirect, "--db", "w.duckdb", "--allow-private")
        count("ingest: hostile URL", 3)
    reasons = {u: r for u, _s, r in vn.query("w.duckdb", "SELECT uri, stage, reason FROM quarantine "
                                                         "WHERE resolved_at IS NULL")}
    assert reasons.get(bomb) == "too_large", (reasons, result["errors"])
    assert reasons.get(redirect) == "redirect_refused", (reasons, result["errors"])
    assert good not in reasons
    assert vn.query("w.duckdb", "SELECT count(*) FROM documents")[0][0] == 1
