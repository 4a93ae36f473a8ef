"""An archive written with the first release's DDL is upgraded in place, without losing data;
docs/schema.md matches the schema."""
from __future__ import annotations

import zlib
from pathlib import Path

import duckdb
import pytest

from test_warehouse_support import news_item
from warehouse.archive import Archive
from warehouse.migrate import MIGRATIONS, _statements
from warehouse.schema import SCHEMA_VERSION

REPO = Path(__file__).resolve().parent.parent
TEXT = "Ngày 3/3/2019, ông Hoàng Văn Sơn, Giám đốc Sở Tư pháp tỉnh Lạng Sơn, nhận Bằng khen của Bộ trưởng."


def make_v1_archive(path: Path) -> dict[str, int]:
    """A version-1 archive filled the way the first release wrote it."""
    con = duckdb.connect(str(path))
    for stmt in _statements((MIGRATIONS / "0001_initial.sql").read_text(encoding="utf-8")):
        con.execute(stmt)
    data = TEXT.encode("utf-8")
    con.execute("INSERT INTO raw_objects VALUES ('sha1', ?, 'zlib', 10, ?)", [len(data), zlib.compress(data)])
    con.execute("INSERT INTO documents VALUES ('d1', 'old/a.txt', NULL, TIMESTAMP '2026-01-01 00:00:00', 'sha1', 1)")
    con.execute("INSERT INTO document_urls VALUES ('old/a.txt', 'd1', 'key', TIMESTAMP '2026-01-01 00:00:00')")
    con.execute("""INSERT INTO document_versions (document_id, version, seq, uri, stored_at, format, title, kind,
                   published, published_on, text, text_length, extractor_version)
                   VALUES ('d1', 'sha1', 1, 'old/a.txt', TIMESTAMP '2026-01-01 00:00:00', 'txt',
                   'Sở Tư pháp nhận Bằng khen', 'news', '2019-03-03', DATE '2019-03-03', ?, ?, '0.0.9')""",
                [TEXT, len(TEXT)])
    con.execute("INSERT INTO person_mentions VALUES ('d1:p:0', 'd1', 0, 'Hoàng Văn Sơn', 'hoàng văn sơn', 15, 28, "
                "'[[15, 28]]', '0.0.9')")
    con.execute("INSERT INTO positions VALUES ('d1:p:0:0', 'd1', 'd1:p:0', 'Giám đốc', 'giám đốc', "
                "'Sở Tư pháp tỉnh Lạng Sơn', 'sở tư pháp tỉnh lạng sơn', false, DATE '2019-03-03', 30, 63, '0.0.9')")
    con.execute("INSERT INTO unit_mentions VALUES ('d1:u:0', 'd1', 0, 'Sở Tư pháp tỉnh Lạng Sơn', "
                "'sở tư pháp tỉnh lạng sơn', '[]', NULL, NULL, 'Sở', 'province', 39, 63, '[[39, 63]]', '0.0.9')")
    con.execute("INSERT INTO awards VALUES ('d1:a:0', 'd1', 0, 'Bằng khen', NULL, 'form', 'Bộ trưởng', "
                "'Hoàng Văn Sơn', 'hoàng văn sơn', 'person', 2019, 70, 79, '0.0.9')")
    con.execute("INSERT INTO quarantine VALUES ('q1', 'old/b.pdf', 'old/b.pdf', NULL, NULL, 'extract', 'pdf_corrupt', "
                "'bad', NULL, NULL, NULL, NULL, 'r0', TIMESTAMP '2026-01-01 00:00:00')")
    con.execute("INSERT INTO web_state VALUES ('https://x.gov.vn/1', NULL, 200, 'e', NULL, 'sha1', '2026-01-01', "
                "NULL, false, NULL)")
    con.execute("INSERT INTO runs VALUES ('r0', 'ingest', '{}', NULL, TIMESTAMP '2026-01-01 00:00:00', "
                "TIMESTAMP '2026-01-01 00:01:00', 'completed', '{\"documents\": 1}', '[]')")
    tables = [r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                        "WHERE table_schema = 'main'").fetchall()]
    counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    con.close()
    return counts


def test_v1_archive_is_upgraded_in_place_without_data_loss(tmp_path):
    path = tmp_path / "old.duckdb"
    before = make_v1_archive(path)
    with Archive.open(str(path)) as a:
        versions = [v for (v,) in a.con.execute("SELECT version FROM schema_version ORDER BY version").fetchall()]
        assert versions == list(range(1, SCHEMA_VERSION + 1))
        after = a.table_counts()
        for t, n in before.items():
            if t != "schema_version":
                assert after[t] == n, t
        # new columns exist and were backfilled
        assert a.con.execute("SELECT award_type FROM awards").fetchone()[0] == "certificate"
        assert a.con.execute("SELECT resolved_at FROM quarantine").fetchone()[0] is None
        assert after["search_docs"] == 1
        # the old data works with the new code
        a.resolve_entities()
        assert a.con.execute("SELECT person_name, unit_name, observed_on::VARCHAR FROM person_timeline").fetchall() \
            == [("Hoàng Văn Sơn", "Sở Tư pháp tỉnh Lạng Sơn", "2019-03-03")]
        assert [h["document_id"] for h in a.search("bang khen")] == ["d1"]
        assert [r.data for r in a.raw_items()] == [TEXT.encode("utf-8")]
        assert a.store_batch([news_item("new/c.txt")])["documents"] == 1
    with Archive.open(str(path)) as a:          # opening again changes nothing
        assert a.con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == SCHEMA_VERSION
        assert a.table_counts()["documents"] == 2


def test_newer_archive_is_refused(tmp_path):
    path = str(tmp_path / "a.duckdb")
    Archive.open(path).close()
    con = duckdb.connect(path)
    con.execute("INSERT INTO schema_version VALUES (99, now(), 'future')")
    con.close()
    with pytest.raises(RuntimeError, match="newer"):
        Archive.open(path)


def test_schema_doc_is_current():
    from warehouse.schema_doc import render
    committed = (REPO / "docs" / "schema.md").read_text(encoding="utf-8")
    assert committed == render(), "docs/schema.md is stale: run `python -m warehouse.schema_doc > docs/schema.md`"
