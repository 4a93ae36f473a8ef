"""`vnarchive sql` (read-only) and `vnarchive search` (with and without diacritics)."""
from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from flows.cli import app
from test_warehouse_support import news_item
from warehouse.archive import Archive


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "a.duckdb")
    with Archive.open(path) as a:
        a.store_batch([
            news_item("in/a.txt", published="2022-05-12"),
            news_item("in/b.txt", person="Lê Thu Hà", unit="Sở Nội vụ tỉnh Hà Giang", alias=None, parent=None,
                      published="2023-01-09",
                      extra="Sở đẩy mạnh cải cách hành chính và số hóa hồ sơ trong năm nay."),
            news_item("in/c.txt", person="Đặng Quốc Việt", unit="Công an huyện Mèo Vạc", alias=None, parent=None,
                      published="2021-11-30", extra="Đội tuần tra đường biên được khen thưởng đột xuất."),
        ])
        a.resolve_entities()
    return path


def run(*args):
    return CliRunner().invoke(app, list(args))


def test_sql_prints_rows_in_every_format(db):
    r = run("sql", "SELECT person_name, unit_name, observed_on FROM person_timeline ORDER BY person_name",
            "--db", db, "--format", "csv")
    assert r.exit_code == 0, r.output
    rows = list(csv.reader(io.StringIO(r.stdout)))
    assert rows[0] == ["person_name", "unit_name", "observed_on"]
    assert ["Lê Thu Hà", "Sở Nội vụ tỉnh Hà Giang", "2023-01-09"] in rows
    r = run("sql", "SELECT count(*) AS n FROM documents", "--db", db, "--format", "json")
    assert json.loads(r.stdout) == [{"n": 3}]
    r = run("sql", "SELECT person_name FROM person_timeline ORDER BY 1", "--db", db)
    assert r.exit_code == 0 and "Đặng Quốc Việt" in r.stdout


@pytest.mark.parametrize("stmt", ["DELETE FROM documents", "DROP TABLE awards",
                                  "INSERT INTO runs (run_id) VALUES ('x')", "UPDATE units SET name = 'x'",
                                  "COPY documents TO 'leak.csv'", "SELECT 1; CREATE TABLE t (a INT)",
                                  "ATTACH 'other.duckdb' AS o"])
def test_sql_refuses_writes(db, stmt):
    r = run("sql", stmt, "--db", db)
    assert r.exit_code == 3
    assert "refused" in r.stderr and "read" in r.stderr
    with Archive.open(db, read_only=True) as a:
        assert a.table_counts()["documents"] == 3


def test_sql_errors_are_clean(db, tmp_path):
    r = run("sql", "SELECT * FROM no_such_table", "--db", db)
    assert r.exit_code == 1 and "query failed" in r.stderr
    r = run("sql", "SELECT 1", "--db", str(tmp_path / "missing.duckdb"))
    assert r.exit_code == 2 and "no archive" in r.stderr


def search_ids(db, query, *extra):
    r = run("search", query, "--db", db, "--format", "json", *extra)
    assert r.exit_code == 0, r.output + r.stderr
    return json.loads(r.stdout)


def test_search_with_and_without_diacritics(db):
    with_marks = search_ids(db, "cải cách hành chính")
    without = search_ids(db, "cai cach hanh chinh")
    assert [h["document_id"] for h in with_marks] == [h["document_id"] for h in without]
    top = with_marks[0]
    assert top["title"] == "Hội nghị thi đua tại Sở Nội vụ tỉnh Hà Giang"
    assert top["published_on"] == "2023-01-09"
    assert "cải cách hành chính" in top["snippet"]
    # đ folds to d: "đột xuất" is found as "dot xuat" and as "đột xuất"
    assert [h["title"] for h in search_ids(db, "dot xuat")] == [h["title"] for h in search_ids(db, "đột xuất")] \
        == ["Hội nghị thi đua tại Công an huyện Mèo Vạc"]
    assert search_ids(db, "tau vu tru") == [] and search_ids(db, "thi đua tàu") == []   # every word must match


def test_search_ranks_and_limits(db):
    hits = search_ids(db, "thi đua", "--limit", "2")
    assert len(hits) == 2 and hits[0]["score"] >= hits[1]["score"]
    assert all("thi đua" in h["snippet"].lower() for h in hits)


def test_search_index_follows_new_documents(db):
    assert search_ids(db, "ngập mặn") == []
    with Archive.open(db) as a:
        a.store_batch([news_item("in/d.txt", extra="Vùng ven biển chống xâm nhập ngập mặn.")])
    hits = search_ids(db, "ngap man")
    assert len(hits) == 1 and "ngập mặn" in hits[0]["snippet"]
