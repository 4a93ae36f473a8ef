"""`vnarchive export`: round trip, Frictionless validation, byte-identical re-exports."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import duckdb
import frictionless
import pytest
from typer.testing import CliRunner

from flows.cli import app
from test_warehouse_support import broken_item, news_item
from warehouse.archive import Archive
from warehouse.export import export_archive, safe_name
from warehouse.schema import tables, views

READERS = {"parquet": "read_parquet", "csv": "read_csv", "jsonl": "read_json"}


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("exp") / "a.duckdb")
    with Archive.open(path) as a:
        run = a.start_run("ingest", {"paths": ["in"]})
        a.store_batch([news_item("in/a.txt", doc_number="19/KH-UBND"),
                       news_item("in/b.txt", person="Lê Thu Hà", cites="19/KH-UBND", extra="Có trích dẫn."),
                       broken_item("in/x.pdf")], run_id=run)
        a.record_fetches([{"url": "https://a.gov.vn/1", "status": 200, "fetched_at": "2026-01-01T00:00:00Z"}])
        a.finish_run(run, {"documents": 2}, [])
    return path


def digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_round_trip(db, tmp_path, fmt):
    out = tmp_path / "out"
    r = CliRunner().invoke(app, ["export", "--db", db, "--out", str(out), "--format", fmt])
    assert r.exit_code == 0, r.output
    pkg = json.loads((out / "datapackage.json").read_text(encoding="utf-8"))
    names = {res["name"] for res in pkg["resources"]}
    assert names == {t.name for t in tables() if t.export} | {v.name for v in views()}
    con = duckdb.connect()
    for res in pkg["resources"]:
        path = out / res["path"]
        assert path.parent == out
        n = con.execute(f"SELECT count(*) FROM {READERS[fmt]}('{path}')").fetchone()[0] if res["rows"] else 0
        assert n == res["rows"], res["name"]
        assert res["hash"] == "sha256:" + hashlib.sha256(path.read_bytes()).hexdigest()
        assert all(f["description"] for f in res["schema"]["fields"]), res["name"]
    by = {res["name"]: res for res in pkg["resources"]}
    assert by["documents"]["rows"] == 2 and by["quarantine"]["rows"] == 1 and by["citations"]["rows"] == 1
    assert "data" not in [f["name"] for f in by["raw_objects"]["schema"]["fields"]]
    assert (out / "README.md").read_text(encoding="utf-8").count("|") > 20
    # the descriptor is a valid Frictionless data package whatever the format
    assert frictionless.Package.validate_descriptor(str(out / "datapackage.json")).valid


def test_csv_package_validates_with_frictionless(db, tmp_path):
    with Archive.open(db, read_only=True) as a:
        export_archive(a.con, str(tmp_path / "csv"), "csv")
    report = frictionless.validate(str(tmp_path / "csv" / "datapackage.json"))
    assert report.valid, report.flatten(["type", "note"])[:5]
    # a tampered file no longer matches its declared hash and row count
    doc = tmp_path / "csv" / "documents.csv"
    doc.write_text(doc.read_text(encoding="utf-8") + doc.read_text(encoding="utf-8").splitlines()[1] + "\n",
                   encoding="utf-8")
    assert not frictionless.validate(str(tmp_path / "csv" / "datapackage.json")).valid


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_re_export_is_byte_identical(db, tmp_path, fmt):
    with Archive.open(db, read_only=True) as a:
        export_archive(a.con, str(tmp_path / "one"), fmt)
    with Archive.open(db, read_only=True) as a:
        export_archive(a.con, str(tmp_path / "two"), fmt)
    assert digests(tmp_path / "one") == digests(tmp_path / "two")


def test_export_never_writes_outside_out(db, tmp_path):
    assert safe_name("../../etc/passwd") == "etc_passwd"
    with pytest.raises(ValueError):
        safe_name("../..")
    out = tmp_path / "nested" / "out"
    with Archive.open(db, read_only=True) as a:
        export_archive(a.con, str(out), "csv")
    written = {p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file()}
    assert all(str(p).startswith(str(Path("nested") / "out")) for p in written)
