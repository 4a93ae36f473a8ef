"""store_batch: idempotence, versions, aliases, quarantine, transactions, runs, web state."""
from __future__ import annotations

import dataclasses

import duckdb
import pytest

from test_warehouse_support import broken_item, news_item
from warehouse.archive import Archive
from warehouse.archive import document_id_for
from warehouse.schema import SCHEMA_VERSION
from warehouse.load import LoadItem
from warehouse.schema import SCHEMA_VERSION


@pytest.fixture
def arc(tmp_path):
    a = Archive.open(str(tmp_path / "data" / "archive.duckdb"))
    yield a
    a.close()


def count(a: Archive, sql: str) -> int:
    return a.con.execute(sql).fetchone()[0]


def test_open_creates_dirs_schema_and_version(tmp_path):
    path = tmp_path / "deep" / "er" / "a.duckdb"
    with Archive.open(str(path)) as a:
        assert a.con.execute("SELECT max(version) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        assert a.table_counts()["documents"] == 0
    with Archive.open(str(path), read_only=True) as a:
        with pytest.raises(duckdb.Error):
            a.con.execute("DELETE FROM documents")
    with pytest.raises(FileNotFoundError):
        Archive.open(str(tmp_path / "missing.duckdb"), read_only=True)


def test_store_batch_is_idempotent(arc):
    batch = [news_item("in/a.txt"), news_item("in/b.txt", person="Lê Thu Hà", extra="Thêm một câu.")]
    first = arc.store_batch(batch, run_id="r1")
    assert first["documents"] == 2 and first["person_mentions"] == 2 and first["awards"] == 2
    before = arc.table_counts()
    again = arc.store_batch([news_item("in/a.txt"), news_item("in/b.txt", person="Lê Thu Hà",
                                                                extra="Thêm một câu.")], run_id="r2")
    assert all(n == 0 for n in again.values()), again
    assert arc.table_counts() == before


def test_changed_bytes_make_a_new_version_and_replace_facts(arc):
    arc.store_batch([news_item("in/a.txt", person="Trần Minh Khôi")])
    arc.store_batch([news_item("in/a.txt", person="Phạm Thị Lan", extra="Bản cập nhật.")])
    doc = document_id_for("in/a.txt")
    assert count(arc, "SELECT count(*) FROM documents") == 1
    assert arc.con.execute("SELECT version_count FROM documents").fetchone()[0] == 2
    assert count(arc, "SELECT count(*) FROM document_versions") == 2
    assert count(arc, "SELECT count(*) FROM raw_objects") == 2          # old bytes kept
    names = arc.con.execute("SELECT name FROM person_mentions").fetchall()
    assert names == [("Phạm Thị Lan",)]                                  # facts of the latest version
    latest = arc.con.execute("SELECT seq, text FROM documents_latest WHERE document_id = ?", [doc]).fetchone()
    assert latest[0] == 2 and "Bản cập nhật." in latest[1]
    # the same new bytes again: nothing
    assert not any(arc.store_batch([news_item("in/a.txt", person="Phạm Thị Lan", extra="Bản cập nhật.")]).values())


def test_same_bytes_through_two_urls_is_one_document(arc):
    a = news_item("https://a.gov.vn/tin/1", canonical_url="https://a.gov.vn/tin/1")
    b = news_item("https://a.gov.vn/tin/1?utm=x", canonical_url="https://mirror.gov.vn/bai/1")
    counts = arc.store_batch([a])
    counts2 = arc.store_batch([b])
    assert counts["documents"] == 1 and counts2["documents"] == 0 and counts2["document_urls"] == 1
    rows = arc.con.execute("SELECT url, via, document_id FROM document_urls ORDER BY url").fetchall()
    assert [(u, v) for u, v, _ in rows] == [("https://a.gov.vn/tin/1", "key"), ("https://mirror.gov.vn/bai/1", "alias")]
    assert len({d for *_, d in rows}) == 1
    assert count(arc, "SELECT count(*) FROM person_mentions") == 1


def test_duplicates_inside_one_batch(arc):
    counts = arc.store_batch([news_item("in/a.txt"), news_item("in/a.txt"), news_item("in/copy.txt")])
    assert counts["documents"] == 1 and counts["document_versions"] == 1 and counts["document_urls"] == 2


def test_quarantine_rows_are_idempotent_and_resolved_by_a_later_success(arc):
    counts = arc.store_batch([broken_item("in/x.pdf"), broken_item("in/y.pdf", b"", "fetch_timeout")])
    assert counts["quarantine"] == 2 and counts["raw_objects"] == 1   # no bytes for a timeout
    assert not any(arc.store_batch([broken_item("in/x.pdf")]).values())
    assert arc.quarantine_summary() == [{"reason": "fetch_timeout", "count": 1}, {"reason": "pdf_corrupt", "count": 1}]
    fixed = news_item("in/x.pdf")                                    # the file was replaced by a good one
    arc.store_batch([fixed])
    assert arc.quarantine_summary() == [{"reason": "fetch_timeout", "count": 1}]
    everything = arc.quarantine_items(include_resolved=True)
    assert sorted((r["reason"], r["resolved_at"] is None) for r in everything) == [
        ("fetch_timeout", True), ("pdf_corrupt", False)]


def test_a_failing_batch_stores_nothing(arc):
    bad = LoadItem(raw=news_item("in/z.txt").raw)           # neither extraction nor error: refused
    with pytest.raises(ValueError):
        arc.store_batch([news_item("in/a.txt"), bad])
    assert arc.table_counts()["documents"] == 0 and arc.table_counts()["raw_objects"] == 0


def test_transaction_rolls_back_on_a_database_error(arc, monkeypatch):
    from warehouse import mapping
    real = mapping.to_arrow

    def failing(table, rows):
        if table == "awards":
            raise duckdb.ConversionException("simulated crash while writing awards")
        return real(table, rows)
    monkeypatch.setattr(mapping, "to_arrow", failing)
    with pytest.raises(duckdb.Error):
        arc.store_batch([news_item("in/a.txt")])
    monkeypatch.setattr(mapping, "to_arrow", real)
    assert sum(arc.table_counts()[t] for t in ("documents", "raw_objects", "person_mentions")) == 0
    assert arc.store_batch([news_item("in/a.txt")])["documents"] == 1


def test_spans_and_provenance_on_every_fact(arc):
    item = news_item("in/a.txt")
    arc.store_batch([item])
    text = arc.con.execute("SELECT text FROM documents_latest").fetchone()[0]
    for t in ("person_mentions", "positions", "unit_mentions", "awards", "date_mentions", "movement_mentions"):
        rows = arc.con.execute(f"SELECT document_id, span_start, span_end, extractor_version FROM {t}").fetchall()
        assert rows, t
        for doc, s, e, v in rows:
            assert doc == document_id_for("in/a.txt") and v and 0 <= s < e <= len(text)
    s, e = arc.con.execute("SELECT span_start, span_end FROM person_mentions").fetchone()
    assert text[s:e] == "Trần Minh Khôi"
    assert arc.con.execute("SELECT award_type FROM awards").fetchone()[0] == "flag"


def test_raw_items_round_trip_and_reprocess_replaces_facts(arc):
    arc.store_batch([news_item("in/a.txt"), broken_item("in/x.pdf")])
    raws = sorted(arc.raw_items(), key=lambda r: r.uri)
    assert [r.uri for r in raws] == ["in/a.txt", "in/x.pdf"]
    assert raws[0].data == news_item("in/a.txt").raw.data and raws[1].data == b"%PDF-1.4 broken"
    item = news_item("in/a.txt")
    item.extraction.people[0] = dataclasses.replace(item.extraction.people[0], name="Trần Minh Khôi Nguyên")
    assert not any(arc.store_batch([item]).values())                      # plain store: bytes known
    counts = arc.store_batch([item], reprocess=True)
    assert counts["document_versions"] == 0 and counts["person_mentions"] == 1
    assert arc.con.execute("SELECT name FROM person_mentions").fetchall() == [("Trần Minh Khôi Nguyên",)]
    assert count(arc, "SELECT count(*) FROM document_versions") == 1


def test_runs(arc):
    run = arc.start_run("ingest", {"paths": ["in/"]}, flow_run_id="f-1")
    arc.store_batch([news_item("in/a.txt")], run_id=run)
    arc.finish_run(run, {"documents": 1}, ["one warning"])
    (last,) = arc.last_runs(5)
    assert last["run_id"] == run and last["status"] == "completed" and last["counts"] == {"documents": 1}
    assert last["errors"] == ["one warning"] and last["params"] == {"paths": ["in/"]}
    # finish_run brought entities and the search index up to date
    assert count(arc, "SELECT count(*) FROM units") > 0 and arc.search("thi đua")


def test_web_state_and_source_state(arc):
    assert arc.fetch_states(["https://a.gov.vn/1"]) == {}
    arc.record_fetches([
        {"url": "https://a.gov.vn/1", "final_url": "https://a.gov.vn/1", "status": 200, "etag": "\"e1\"",
         "last_modified": "Mon, 01 Jan 2024 00:00:00 GMT", "sha256": "ab", "fetched_at": "2026-01-01T00:00:00Z",
         "source_name": "a", "not_modified": False, "error": None},
        {"url": "https://a.gov.vn/2", "status": 500, "fetched_at": "2026-01-01T00:00:00Z", "error": "http_500"}])
    arc.record_fetches([{"url": "https://a.gov.vn/1", "status": 304, "not_modified": True,
                         "fetched_at": "2026-01-02T00:00:00Z"}])
    st = arc.fetch_states(["https://a.gov.vn/1", "https://a.gov.vn/2", "https://a.gov.vn/3"])
    assert st["https://a.gov.vn/1"] == {"etag": "\"e1\"", "last_modified": "Mon, 01 Jan 2024 00:00:00 GMT",
                                        "sha256": "ab", "fetched_at": "2026-01-02T00:00:00Z"}
    assert set(st) == {"https://a.gov.vn/1", "https://a.gov.vn/2"}
    assert count(arc, "SELECT count(*) FROM fetch_log") == 3
    assert count(arc, "SELECT fetch_count FROM web_state WHERE url = 'https://a.gov.vn/1'") == 2
    assert arc.source_state("a") == {}
    arc.set_source_state("a", {"cursor": "p2", "seen": ["u1"]})
    arc.set_source_state("a", {"cursor": "p3", "seen": ["u1", "u2"]})
    assert arc.source_state("a") == {"cursor": "p3", "seen": ["u1", "u2"]}
