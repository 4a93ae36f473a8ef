"""Output safety: `vnarchive sql` only reads (writes, ATTACH, COPY TO, INSTALL/LOAD, SET, EXPORT,
EXPLAIN ANALYZE of a write... are refused and leave the archive and the disk untouched);
`vnarchive export` writes nothing outside --out, whatever source names, document paths or table
names contain."""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import duckdb
import pytest

from tests.hostile.archive import generate_corpus, run
from tests.hostile.harness import count, hostile_summary  # noqa: F401 (fixture)
from tests.hostile.server import HostileServer

pytestmark = pytest.mark.usefixtures("hostile_summary")
HOSTILE_SOURCE_NAMES = ["../../etc/passwd", "/tmp/tuyet-doi", "x'; DROP TABLE documents; --", "..\\..\\windows"]


@pytest.fixture(scope="module")
def api_url(prefect_api):
    from prefect.settings import PREFECT_API_URL
    return PREFECT_API_URL.value()


@pytest.fixture(scope="module")
def archive(tmp_path_factory, api_url):
    """An archive of a small corpus, a file with an awkward path, and web sources whose names
    are path traversals and SQL (one good page, one refused redirect each)."""
    root = tmp_path_factory.mktemp("output")
    generate_corpus(root / "in", 12)
    odd = root / "in" / "tên lạ ' ; -- ..txt"
    odd.write_text("Ngày 4/5/2024, Sở Tư pháp tỉnh Đông Lâm tổ chức hội nghị tổng kết công tác.\n", encoding="utf-8")
    with HostileServer() as srv:
        entries = []
        for name in HOSTILE_SOURCE_NAMES:
            toml_name = name.replace("\\", "\\\\")
            entries.append(f'[[source]]\nname = "{toml_name}"\nkind = "urls"\nrate_per_sec = 100\n'
                           f'urls = ["{srv.url("/bai.htm")}?n={len(entries)}", "{srv.url("/chuyen/file")}?n={len(entries)}"]\n')
        (root / "sources.toml").write_text("\n".join(entries), encoding="utf-8")
        res = run(["ingest", "in", "--sources", "sources.toml", "--allow-private", "--db", "a.duckdb"], root,
                  api_url, "ingest")
    assert res.popen.returncode == 0, res.stderr
    con = duckdb.connect(str(root / "a.duckdb"), read_only=True)
    try:
        names = {r[0] for r in con.execute("SELECT DISTINCT source_name FROM quarantine").fetchall()}
        assert set(HOSTILE_SOURCE_NAMES) <= names, names
    finally:
        con.close()
    return root


def tree(root: Path) -> dict[str, str]:
    """Every file under root (not the CLI logs) → sha256 of its bytes."""
    out = {}
    for dirpath, _dirs, files in os.walk(root):
        for f in files:
            p = Path(dirpath) / f
            if p.suffix in (".out", ".err") or p.name.endswith(".lock"):
                continue
            out[str(p.relative_to(root))] = hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "?"
    return out


WRITES = [
    "INSERT INTO documents SELECT * FROM documents",
    "UPDATE documents SET doc_key = 'x'",
    "DELETE FROM quarantine",
    "DROP TABLE documents",
    "DROP VIEW person_timeline",
    "CREATE TABLE t AS SELECT 1",
    "CREATE TEMP TABLE t AS SELECT 1",
    "CREATE VIEW v AS SELECT 1",
    "ALTER TABLE documents ADD COLUMN x INTEGER",
    "ATTACH 'khac.duckdb' AS khac",
    "ATTACH ':memory:' AS m",
    "DETACH a",
    "COPY documents TO 'lo-ra.csv'",
    "COPY (SELECT * FROM documents) TO '../../lo-ra.parquet' (FORMAT parquet)",
    "EXPORT DATABASE 'ban-sao'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "PRAGMA threads = 2",
    "CHECKPOINT",
    "PRAGMA force_checkpoint",
    "VACUUM",
    "BEGIN TRANSACTION",
    "SELECT 1; DROP TABLE documents",
    "SELECT 1; COPY (SELECT 1) TO 'x.csv'",
    "/* chú thích */ DROP TABLE documents",
    "-- dòng chú thích\nDELETE FROM documents",
    "EXPLAIN ANALYZE COPY (SELECT 1) TO 'giai-thich.csv'",
    "/* x */ EXPLAIN ANALYZE COPY (SELECT 1) TO 'giai-thich.csv'",
    "WITH t AS (SELECT 1) DELETE FROM documents",
    "PIVOT documents ON source_name USING count(*)",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM query('COPY (SELECT 1) TO ''q.csv''')",
]


# accepted by DuckDB on a read-only connection, where they do nothing (the file is compared below)
NO_OPS_WHEN_READ_ONLY = {"CHECKPOINT", "PRAGMA force_checkpoint"}


@pytest.mark.parametrize("sql", WRITES)
def test_sql_refuses_anything_but_reading(archive, sql):
    count("sql: write attempt")
    before = tree(archive)
    res = run(["sql", "--db", "a.duckdb", "--format", "csv", "--", sql], archive, None, "sql")
    if sql not in NO_OPS_WHEN_READ_ONLY:
        assert res.popen.returncode != 0, res.stdout
        assert res.stderr.startswith("vnarchive: ") and "Traceback" not in res.stderr, res.stderr
    assert "root:x:0" not in res.stdout + res.stderr
    assert tree(archive) == before      # the archive's bytes and the folder are unchanged
    assert not Path("/tmp/tuyet-doi").exists()


@pytest.mark.parametrize("sql, expect", [
    ("SELECT count(*) FROM documents", "COUNT"),
    ("WITH d AS (SELECT * FROM documents) SELECT count(*) FROM d", "COUNT"),
    ("SELECT count(*) FROM person_timeline WHERE person_name IS NOT NULL", None),
    ("DESCRIBE documents", "document_id"),
    ("SHOW TABLES", "documents"),
    ("PRAGMA table_info('documents')", "doc_key"),
    ("EXPLAIN ANALYZE SELECT count(*) FROM documents", "analyzed_plan"),
    ("SELECT source_name FROM quarantine WHERE source_name LIKE '%etc%'", "../../etc/passwd"),
])
def test_sql_reads(archive, sql, expect):
    before = tree(archive)
    res = run(["sql", "--db", "a.duckdb", "--format", "csv", "--", sql], archive, None, "sql-read")
    assert res.popen.returncode == 0, res.stderr
    if expect == "COUNT":
        con = duckdb.connect(str(archive / "a.duckdb"), read_only=True)
        n = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        con.close()
        assert res.stdout.strip().splitlines()[-1] == str(n)
    elif expect:
        assert expect in res.stdout
    assert tree(archive) == before


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
@pytest.mark.parametrize("out", ["ra", "a/../b/ra", "ABS"])
def test_export_writes_only_inside_out(archive, fmt, out, tmp_path):
    count("export: hostile names")
    out = str(tmp_path / "tuyet doi") if out == "ABS" else f"{out}-{fmt}"
    before = tree(archive)
    res = run(["export", "--out", out, "--format", fmt, "--db", "a.duckdb"], archive, None, "export")
    assert res.popen.returncode == 0, res.stderr
    target = (archive / out).resolve()
    new = {k for k in set(tree(archive)) - set(before)}
    if str(target).startswith(str(archive)):
        assert all((archive / k).resolve().parent == target for k in new), sorted(new)[:5]
    else:
        assert not new, sorted(new)[:5]
    assert {k for k, v in before.items() if tree(archive).get(k) != v} == set()   # nothing overwritten
    written = sorted(os.listdir(target))
    assert "datapackage.json" in written and "README.md" in written
    assert all(n in ("datapackage.json", "README.md") or n.rsplit(".", 1)[0].replace("_", "").isalnum()
               for n in written), written
    assert not any(n.endswith(".tmp") for n in written)
    # the hostile source names are exported as values, not used as paths
    if fmt == "csv":
        assert "../../etc/passwd" in (target / "quarantine.csv").read_text(encoding="utf-8")
    for _dirpath, dirs, _files in os.walk(target):
        assert not dirs


def test_export_refuses_an_out_entry_pointing_outside(archive, tmp_path):
    """A planted symlink in --out (documents.parquet → a file elsewhere): refused with a message,
    the file it points at is untouched."""
    victim = tmp_path / "nan-nhan.txt"
    victim.write_text("nguyên vẹn", encoding="utf-8")
    out = tmp_path / "ra"
    out.mkdir()
    (out / "documents.parquet").symlink_to(victim)
    res = run(["export", "--out", str(out), "--db", "a.duckdb"], archive, None, "export-symlink")
    assert res.popen.returncode != 0 and "outside" in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert victim.read_text(encoding="utf-8") == "nguyên vẹn"


def test_export_file_names_from_hostile_table_names(tmp_path, monkeypatch):
    """Relation names become file names through safe_name: traversal, absolute paths and
    separators cannot leave --out (a table literally named "../../etc/passwd")."""
    from warehouse import export
    db = duckdb.connect(str(tmp_path / "t.duckdb"))
    hostile = ["../../etc/passwd", "/tmp/tuyet-doi", "..\\..\\x", "a/b/c", "ổ đĩa"]
    for i, name in enumerate(hostile):
        db.execute(f'CREATE TABLE "{name}" AS SELECT {i} AS n')
    sources = [(f'"{n}"', "table", "hostile", ["n"]) for n in hostile]
    monkeypatch.setattr(export, "_sources", lambda: sources)
    monkeypatch.setattr(export.schema, "views", lambda: [])
    out = tmp_path / "ra"
    export.export_archive(db, str(out), "csv")
    written = sorted(p.name for p in out.iterdir())
    assert set(tree(tmp_path)) - {"t.duckdb", "t.duckdb.wal"} == {f"ra/{n}" for n in written}
    assert "etc_passwd.csv" in written and "tmp_tuyet_doi.csv" in written
    with pytest.raises(ValueError):
        export.safe_name("../..")


# -- F9: what reaches a terminal -----------------------------------------------------------------------
ESC_NAME = "tin-\x1b[31mdo\x1b[0m.txt"
ESC_TEXT = ("[bold]Giám đốc[/bold] \x1b]0;bi-chiem\x07Sở Nội vụ tỉnh Đông Lâm \x1b[2J\u202ehọp ngày 2/3/2024 "
            "tổng kết công tác thi đua, khen thưởng năm 2023.\n")


def test_f9_values_from_data_are_shown_escaped_and_exported_exact(tmp_path, api_url):
    import json

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / ESC_NAME).write_text(ESC_TEXT, encoding="utf-8")
    (folder / "hong-\x1b[2J.pdf").write_bytes(b"%PDF-1.7\n1 0 obj")      # quarantined, its name in notes
    count("output: escape sequences and markup in data", 2)
    ing = run(["ingest", "in", "--db", "e.duckdb"], tmp_path, api_url, "ingest-esc")
    assert ing.popen.returncode == 0, ing.stderr
    key = f"in/{ESC_NAME}"
    shown = {
        "ingest notes": ing.stderr,
        "sql": run(["sql", "--db", "e.duckdb", f"SELECT doc_key, substr(text, 1, 21) AS dau, substr(text, 23, 13) AS osc, "
                   f"substr(text, {ESC_TEXT.index(chr(27) + '[2J') + 1}, 5) AS xoa FROM documents_latest"],
                   tmp_path, None, "sql-esc").stdout,
        "search": run(["search", "--db", "e.duckdb", "Dong Lam"], tmp_path, None, "search-esc").stdout,
        "quarantine list": run(["quarantine", "list", "--db", "e.duckdb"], tmp_path, None, "q-esc").stdout,
        "status": run(["status", "--db", "e.duckdb"], tmp_path, None, "status-esc").stdout,
    }
    for what, out in shown.items():
        assert "\x1b" not in out and "\x07" not in out and "\u202e" not in out, (what, out)
    assert "\\x1b[2J" in shown["ingest notes"] and "\\x1b[2J" in shown["quarantine list"]
    assert "\\x1b[31m" in shown["sql"] and "[bold]Giám đốc[/bold]" in shown["sql"], shown["sql"]
    assert "\\x1b]0;bi-chiem\\x07" in shown["sql"] and "\\u202e" in shown["sql"]
    assert "[bold]Giám đốc[/bold]" in shown["search"], shown["search"]
    # CSV and JSON carry the values exactly as stored
    csv_out = run(["sql", "--db", "e.duckdb", "--format", "csv", "SELECT doc_key, text FROM documents_latest"],
                  tmp_path, None, "csv-esc").stdout
    assert key in csv_out and ESC_TEXT.strip() in csv_out
    rows = json.loads(run(["sql", "--db", "e.duckdb", "--format", "json", "SELECT doc_key, text FROM documents_latest"],
                          tmp_path, None, "json-esc").stdout)
    assert rows == [{"doc_key": key, "text": ESC_TEXT}]


def test_export_refusal_leaves_no_partial_files(archive, tmp_path):
    """A planted link for the LAST file of the export: refused before the first file is written."""
    from warehouse.export import _sources, safe_name
    victim = tmp_path / "nan-nhan.txt"
    victim.write_text("nguyên vẹn", encoding="utf-8")
    out = tmp_path / "ra-sau"
    out.mkdir()
    last = f"{safe_name(_sources()[-1][0])}.parquet"
    (out / last).symlink_to(victim)
    res = run(["export", "--out", str(out), "--db", "a.duckdb"], archive, None, "export-late-symlink")
    assert res.popen.returncode != 0 and "outside" in res.stderr and "Traceback" not in res.stderr, res.stderr
    assert sorted(p.name for p in out.iterdir()) == [last], sorted(p.name for p in out.iterdir())
    assert victim.read_text(encoding="utf-8") == "nguyên vẹn"
