"""The SQLite mirror `vnarchive browse` serves: every exported table and view with the archive's
rows, keys and links declared, rebuilt only when the archive changed, and the sqlite export."""
from __future__ import annotations

import json
import sqlite3
from datetime import date, datetime
from decimal import Decimal

import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.browse_support import copy_archive, duck
from warehouse import schema, sqlite_mirror
from warehouse.archive import Archive


@pytest.fixture(scope="module")
def mirror(sample_archive, tmp_path_factory):
    path = tmp_path_factory.mktemp("mirror") / "archive.sqlite"
    info = sqlite_mirror.build_mirror(str(sample_archive), str(path))
    return path, info


def plain(v):
    """A DuckDB value as the mirror stores it."""
    if isinstance(v, bool):
        return int(v)
    if isinstance(v, datetime):          # as DuckDB prints it: fractions without trailing zeros
        s = v.isoformat(sep=" ")
        return s.rstrip("0") if "." in s else s
    if isinstance(v, date):
        return v.isoformat()
    if isinstance(v, Decimal):
        return float(v)
    return v


def test_every_exported_table_and_view_is_mirrored_row_for_row(sample_archive, mirror):
    path, info = mirror
    con = sqlite3.connect(path)
    names = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    expected = {t.name for t in schema.tables() if t.export} | {v.name for v in schema.views()}
    assert expected <= names
    extra = {(c["relation"], c["name"]) for c in sqlite_mirror.config()["extra_column"]}
    for name in sorted(expected):
        cols = [r[1] for r in con.execute(f'PRAGMA table_info("{name}")')]
        table = next((t for t in schema.tables() if t.name == name), None)
        if table:
            duck_cols = [c for c in table.column_names if c not in table.export_exclude]
        else:
            duck_cols = [r[0] for r in duck(sample_archive, f"DESCRIBE SELECT * FROM {name}")]
        assert cols == duck_cols + [c for r, c in sorted(extra) if r == name], name
        col_sql = ", ".join(f'"{c}"' for c in duck_cols)
        want = sorted((tuple(plain(v) for v in r) for r in duck(sample_archive, f"SELECT {col_sql} FROM {name}")),
                      key=repr)
        got = sorted(con.execute(f"SELECT {col_sql} FROM \"{name}\"").fetchall(), key=repr)
        assert got == want, name
    assert "data" not in [r[1] for r in con.execute("PRAGMA table_info(raw_objects)")]
    assert info.rows > 0 and info.schema_version == schema.SCHEMA_VERSION


def test_views_become_tables_with_keys_and_foreign_keys(mirror):
    con = sqlite3.connect(mirror[0])
    fks = {(r[3], r[2], r[4]) for r in con.execute("PRAGMA foreign_key_list(person_timeline)")}
    assert {("person_id", "people", "person_id"), ("unit_id", "units", "unit_id"),
            ("document_id", "documents_latest", "document_id")} <= fks
    assert ("parent_unit_id", "units", "unit_id") in {(r[3], r[2], r[4]) for r in
                                                      con.execute("PRAGMA foreign_key_list(units)")}
    assert [r[1] for r in con.execute("PRAGMA table_info(documents_latest)") if r[5]] == ["document_id"]
    indexed = {r[0] for r in con.execute("SELECT i.name FROM pragma_index_list('positions') l, "
                                         "pragma_index_info(l.name) i")}
    assert {"document_id", "mention_id", "unit_key"} <= indexed
    # the year of each document, for the documents facet
    years = dict(con.execute("SELECT document_id, year FROM documents_latest"))
    for doc, published in con.execute("SELECT document_id, published_on FROM documents_latest"):
        assert years[doc] == (int(published[:4]) if published else None)


def test_full_text_index_finds_words_typed_with_or_without_diacritics(mirror, sample_archive):
    con = sqlite3.connect(mirror[0])

    def found(q):
        return {r[0] for r in con.execute("SELECT d.document_id FROM documents_fts JOIN documents_latest d "
                                          "ON d.rowid = documents_fts.rowid WHERE documents_fts MATCH ?", [q])}
    with_marks = found('"huân" "chương" "lao" "động"')
    assert with_marks and with_marks == found('"huan" "chuong" "lao" "dong"')
    texts = dict(duck(sample_archive, "SELECT document_id, lower(title || ' ' || text) FROM documents_latest"))
    assert with_marks == {d for d, t in texts.items() if "huân chương lao động" in t}
    assert found('"đại" "hội"') == found('"dai" "hoi"') != set()


def test_mirror_is_rebuilt_only_when_the_archive_changed(sample_archive, tmp_path):
    from tests.test_warehouse_support import news_item
    db = copy_archive(sample_archive, tmp_path / "a")
    mirror = str(tmp_path / "a" / "archive.sqlite")
    info, rebuilt = sqlite_mirror.ensure_mirror(str(db), mirror)
    assert rebuilt and sqlite_mirror.is_fresh(str(db), mirror)
    again, rebuilt = sqlite_mirror.ensure_mirror(str(db), mirror)
    assert not rebuilt and again.built_at == info.built_at
    with Archive.open(str(db)) as a:
        a.store_batch([news_item("https://tin.example.gov.vn/bai/1")])
    assert not sqlite_mirror.is_fresh(str(db), mirror)
    _, rebuilt = sqlite_mirror.ensure_mirror(str(db), mirror)
    assert rebuilt
    n = sqlite3.connect(mirror).execute("SELECT count(*) FROM documents").fetchone()[0]
    assert n == duck(db, "SELECT count(*) FROM documents")[0][0]


def test_a_mirror_of_another_layout_is_not_fresh(sample_archive, tmp_path):
    db = copy_archive(sample_archive, tmp_path / "b")
    mirror = tmp_path / "b" / "archive.sqlite"
    sqlite_mirror.build_mirror(str(db), str(mirror))
    con = sqlite3.connect(mirror)
    con.execute(f"UPDATE {sqlite_mirror.META_TABLE} SET value = '\"old\"' WHERE key = 'format'")
    con.commit()
    con.close()
    assert not sqlite_mirror.is_fresh(str(db), str(mirror))
    (tmp_path / "b" / "junk.sqlite").write_bytes(b"not a database")
    assert sqlite_mirror.read_info(str(tmp_path / "b" / "junk.sqlite")) is None


def test_a_killed_build_leaves_nothing_behind(sample_archive, tmp_path):
    db = copy_archive(sample_archive, tmp_path / "c")
    mirror = tmp_path / "c" / "archive.sqlite"
    abandoned = tmp_path / "c" / f".archive.sqlite.{2 ** 22 + 7}.building"   # no such process
    abandoned.write_bytes(b"half a database")
    sqlite_mirror.build_mirror(str(db), str(mirror))
    assert not abandoned.exists()
    assert sorted(p.name for p in (tmp_path / "c").iterdir()) == ["archive.duckdb", "archive.sqlite"]


def test_export_sqlite_writes_the_mirror_and_datasette_metadata(sample_archive, tmp_path):
    res = CliRunner().invoke(app, ["export", "--db", str(sample_archive), "--format", "sqlite",
                                   "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    meta = json.loads((tmp_path / "out" / "metadata.json").read_text(encoding="utf-8"))
    tables = meta["databases"]["vnarchive"]["tables"]
    for t in schema.tables():
        if t.export:
            assert tables[t.name]["description"] == t.doc
            assert tables[t.name]["columns"] == {c.name: c.doc for c in t.columns if c.name not in t.export_exclude}
    for v in schema.views():
        assert tables[v.name]["description"].startswith(v.doc)
        for col, doc in v.columns.items():
            assert tables[v.name]["columns"][col] == doc
    assert tables["awards_by_year"]["facets"] == ["year", "award", "award_class", "grantor", "recipient_kind"]
    con = sqlite3.connect(tmp_path / "out" / "vnarchive.sqlite")
    assert con.execute("SELECT count(*) FROM documents_latest").fetchone()[0] == \
        duck(sample_archive, "SELECT count(*) FROM documents_latest")[0][0]
