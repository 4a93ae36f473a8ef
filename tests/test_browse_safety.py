"""`vnarchive browse` is read-only and bounded: no write of any kind, no other file through SQL
(ATTACH, load_extension, FTS tokenizer pointers), a time limit on every query, 127.0.0.1 by
default; a stale mirror is rebuilt before it is served, or served with a notice while the
archive is locked; a missing or locked archive gives one clear line."""
from __future__ import annotations

import hashlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from typer.testing import CliRunner

from flows.cli import app
from tests.browse_support import WriterProcess, browser_for, copy_archive, duck
from warehouse.archive import Archive

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def browser(sample_archive, tmp_path_factory):
    b = browser_for(sample_archive, tmp_path_factory.mktemp("safe"), sql_time_limit_ms=300)
    yield b
    b.close()


def run_sql(browser, sql: str):
    return browser.get(f"/vnarchive.json?sql={quote(sql)}&_shape=array")


REFUSED = [
    "ATTACH DATABASE '{tmp}/stolen.db' AS stolen",
    "SELECT 1; ATTACH DATABASE '{tmp}/stolen.db' AS stolen",
    "WITH x AS (SELECT 1) INSERT INTO people (person_id, name) SELECT 'P-intruder', 'x' FROM x",
    "WITH x AS (SELECT 1) UPDATE people SET name = 'changed'",
    "WITH x AS (SELECT 1) DELETE FROM documents",
    "WITH x AS (SELECT 1) UPDATE sqlite_master SET sql = ''",
    "CREATE TABLE t (x)",
    "PRAGMA query_only = 0",
    "VACUUM INTO '{tmp}/copy.db'",
    "SELECT load_extension('{tmp}/evil.so')",
    "SELECT fts3_tokenizer('simple')",
    "SELECT * FROM pragma_journal_mode",
    "SELECT * FROM pragma_page_size(1024)",
]


@pytest.mark.parametrize("sql", REFUSED)
def test_writes_attach_and_file_tricks_are_refused(browser, tmp_path, sql):
    mirror = browser.ds.get_database("vnarchive").path
    before = hashlib.sha256(Path(mirror).read_bytes()).hexdigest()
    r = run_sql(browser, sql.format(tmp=tmp_path))
    assert r.status_code >= 400, r.text[:500]
    assert list(tmp_path.iterdir()) == []                       # no file was created
    assert hashlib.sha256(Path(mirror).read_bytes()).hexdigest() == before
    names = run_sql(browser, "SELECT name FROM people WHERE person_id = 'P-intruder' OR name = 'changed'")
    assert names.status_code == 200 and names.json() == []


def test_reading_sql_and_introspection_still_work(browser, sample_archive):
    r = run_sql(browser, "SELECT count(*) AS n FROM documents_latest")
    assert r.json() == [{"n": duck(sample_archive, "SELECT count(*) FROM documents_latest")[0][0]}]
    cols = run_sql(browser, "SELECT name FROM pragma_table_info('people')").json()
    assert [c["name"] for c in cols][:2] == ["person_id", "name"]
    assert run_sql(browser, "SELECT vn_fold('Đắk Lắk') AS f").json() == [{"f": "dak lak"}]


def test_every_query_has_a_time_limit(browser):
    t0 = time.monotonic()
    r = run_sql(browser, "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c")
    assert r.status_code == 400 and "too long" in r.text
    assert time.monotonic() - t0 < 10


def test_no_other_database_and_no_write_endpoints(browser, sample_archive):
    assert browser.get("/_memory.json?sql=select+1").status_code in (403, 404)
    assert browser.get("/_internal.json?sql=select+1").status_code in (403, 404)
    assert [d["name"] for d in browser.json("/-/databases.json")] == ["vnarchive"]
    assert browser.json("/-/databases.json")[0]["is_mutable"] is False
    for path in ("/vnarchive/people", "/vnarchive/offices_of_a_person", "/vnarchive", "/-/messages"):
        assert browser.post(path, data={"person_id": "P-intruder"}).status_code == 405
    assert browser.json("/-/settings.json")["sql_time_limit_ms"] == 300


# ---- freshness ---------------------------------------------------------------------------------

def _new_document(db: Path, n: int = 1) -> str:
    from tests.test_warehouse_support import news_item
    with Archive.open(str(db)) as a:
        a.store_batch([news_item(f"https://tin.example.gov.vn/bai/{n}", canonical_url=f"https://tin.example.gov.vn/bai/{n}",
                                 person="Lương Thị Hoà")])
    return duck(db, "SELECT document_id FROM documents WHERE doc_key = ?", [f"https://tin.example.gov.vn/bai/{n}"])[0][0]


def test_a_stale_mirror_is_rebuilt_before_it_is_served(sample_archive, tmp_path):
    db = copy_archive(sample_archive, tmp_path / "a")
    b = browser_for(db, tmp_path / "a")
    try:
        n = len(b.rows("/vnarchive/documents_latest.json?_size=max"))
        doc = _new_document(db)
        rows = b.rows("/vnarchive/documents_latest.json?_size=max")    # the first request after the change
        assert len(rows) == n + 1 and doc in {r["document_id"] for r in rows}
        page = b.get(f"/document/{doc}")
        assert page.status_code == 200 and "x-vnarchive-mirror" not in page.headers
        assert '<a href="https://tin.example.gov.vn/bai/1"' in page.text     # the raw source link
    finally:
        b.close()


def test_while_the_archive_is_locked_pages_say_they_are_behind(sample_archive, tmp_path):
    from warehouse.browse.app import keeper
    db = copy_archive(sample_archive, tmp_path / "b")
    b = browser_for(db, tmp_path / "b")
    try:
        doc = _new_document(db)
        with WriterProcess(db):
            r = b.get("/")
            assert r.status_code == 200 and r.headers["x-vnarchive-mirror"] == "behind-archive"
            assert "cannot be read now" in r.text and "locked" in r.text
            assert b.get(f"/document/{doc}").status_code == 404        # not in the old mirror, and said so
        keeper(b.ds).retry_seconds = 0
        keeper(b.ds).retry_at = 0
        r = b.get(f"/document/{doc}")
        assert r.status_code == 200 and "x-vnarchive-mirror" not in r.headers and "cannot be read now" not in r.text
    finally:
        b.close()


# ---- the command ---------------------------------------------------------------------------------

def test_missing_archive_is_one_clear_line(tmp_path):
    res = CliRunner().invoke(app, ["browse", "--db", str(tmp_path / "none.duckdb")])
    assert res.exit_code == 2
    assert res.stderr.strip() == f"vnarchive: no archive at {tmp_path / 'none.duckdb'} (run `vnarchive ingest` " \
                                 "first, or pass --db)"


def test_locked_archive_is_one_clear_line(sample_archive, tmp_path):
    db = copy_archive(sample_archive, tmp_path / "c")
    with WriterProcess(db):
        res = CliRunner().invoke(app, ["browse", "--db", str(db), "--wait", "0.3"])
    assert res.exit_code == 1
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and "locked by another process" in lines[0] and "Traceback" not in res.output
    assert not (tmp_path / "c" / "archive.sqlite").exists()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_browse_serves_on_this_machine_only_and_stops_cleanly(sample_archive, tmp_path):
    db = copy_archive(sample_archive, tmp_path / "d")
    port = _free_port()
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "browse", "--db", str(db), "--port", str(port)],
                            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        lines = [proc.stdout.readline(), proc.stdout.readline()]
        assert "rebuilt" in lines[0] and f"http://127.0.0.1:{port}/" in lines[1], lines
        pid = duck(db, "SELECT person_id FROM people ORDER BY person_id LIMIT 1")[0][0]
        for _ in range(100):
            try:
                r = httpx.get(f"http://127.0.0.1:{port}/person/{pid}", timeout=10)
                break
            except httpx.ConnectError:
                time.sleep(0.1)
        assert r.status_code == 200
        listening = subprocess.run(["ss", "-ltnH", f"sport = :{port}"], capture_output=True, text=True).stdout \
            if os.path.exists("/usr/bin/ss") or os.path.exists("/bin/ss") else f"127.0.0.1:{port}"
        assert f"127.0.0.1:{port}" in listening and f"0.0.0.0:{port}" not in listening
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    assert proc.returncode in (0, -signal.SIGINT), proc.stderr.read()


def test_a_busy_port_is_one_clear_line(sample_archive, tmp_path):
    db = copy_archive(sample_archive, tmp_path / "e")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen()
        res = CliRunner().invoke(app, ["browse", "--db", str(db), "--port", str(s.getsockname()[1])])
    assert res.exit_code == 1 and len(res.stderr.strip().splitlines()) == 1 and "cannot listen" in res.stderr
