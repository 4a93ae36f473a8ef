"""`vnarchive sql` cannot reach the network or the file system, whatever it is given:

F1  statements naming an extension function (fts, tpch, tpcds) make no request and write nothing:
    checked with DuckDB's extension repository pointed at a 127.0.0.1 server that records every
    request (never an outside address) and HOME pointed at an empty folder;
F12 statements that can abort the process (file logging) or reach files (IMPORT DATABASE) are
    refused with one line, and the process exits normally;
and several statements are refused with one line, instead of only the last being shown."""
from __future__ import annotations

import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from tests.hostile.archive import run
from tests.hostile.harness import count, hostile_summary  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("hostile_summary")


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """An empty archive (schema only, search index built)."""
    from warehouse.archive import Archive
    root = tmp_path_factory.mktemp("sql")
    with Archive.open(str(root / "a.duckdb")) as a:
        a.refresh_search(force=True)
    return root


class _Recorder(BaseHTTPRequestHandler):
    def do_GET(self):
        self.server.paths.append(self.path)
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_GET

    def log_message(self, *args):
        pass


@pytest.fixture
def extension_repository():
    """A 127.0.0.1 HTTP server standing in for DuckDB's extension repository; `.paths` it was asked for."""
    srv = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    srv.paths = []
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield srv
    srv.shutdown()
    srv.server_close()


EXTENSION_STATEMENTS = [
    "PRAGMA drop_fts_index('search_docs')",
    "PRAGMA create_fts_index('search_docs', 'document_id', 'body_folded')",
    "CALL dbgen(sf=0)",
    "SELECT * FROM dbgen(sf=0)",
    "PRAGMA tpch(1)",
    "SELECT * FROM tpcds_queries()",
    "SELECT * FROM read_json('x.json')",
    "SELECT * FROM sqlite_scan('x.db', 't')",
]


@pytest.mark.parametrize("sql", EXTENSION_STATEMENTS)
def test_f1_no_extension_is_installed_or_loaded(vn, archive, extension_repository, tmp_path, monkeypatch, sql):
    """In this process (so the repository can be set on the connection the command opens): every
    connection gets the local repository as its install and auto-install source."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    repo = f"http://127.0.0.1:{extension_repository.server_address[1]}"
    real_connect = duckdb.connect

    def connect(database=":memory:", read_only=False, config=None):
        merged = {"custom_extension_repository": repo, "autoinstall_extension_repository": repo, **(config or {})}
        return real_connect(database, read_only=read_only, config=merged)

    monkeypatch.setattr(duckdb, "connect", connect)
    count("sql: extension")
    res = vn("sql", "--db", str(archive / "a.duckdb"), "--", sql, expect=None)
    assert res.exit_code != 0, res.output
    assert extension_repository.paths == [], extension_repository.paths
    assert [p for p in home.rglob("*")] == []
    assert len(res.output.strip().splitlines()) == 1 and "Traceback" not in res.output, res.output


ABORTS = [
    "CALL enable_logging(storage='file', storage_path='logs'); SELECT 1",
    "CALL enable_logging(storage='file', storage_path='logs')",
    "SELECT * FROM enable_logging(storage='file', storage_path='logs')",
    "SELECT * FROM main.\"ENABLE_LOGGING\" /* */ (storage='file', storage_path='logs')",
    "IMPORT DATABASE 'ban-sao'",
    "IMPORT DATABASE 'ong'",                     # its schema.sql is a FIFO: opening it would block
    "EXPORT DATABASE 'ban-sao'",
    "CALL force_checkpoint()",
    "SELECT * FROM query('CALL enable_logging(storage=''file'', storage_path=''logs'')')",
    "SELECT * FROM json_execute_serialized_sql('{}')",
    "PRAGMA enable_profiling",
    "PRAGMA import_database('ban-sao')",
]


@pytest.mark.parametrize("sql", ABORTS)
def test_f12_statements_that_abort_or_reach_files_are_refused_with_one_line(archive, sql):
    (archive / "ban-sao").mkdir(exist_ok=True)
    (archive / "ban-sao" / "schema.sql").write_text("CREATE TABLE t (x INTEGER);\n", encoding="utf-8")
    (archive / "ban-sao" / "load.sql").write_text("", encoding="utf-8")
    (archive / "ong").mkdir(exist_ok=True)
    if not (archive / "ong" / "schema.sql").exists():
        os.mkfifo(archive / "ong" / "schema.sql")
    count("sql: abort or file access")
    res = run(["sql", "--db", "a.duckdb", "--", sql], archive, None, "sql-f12", timeout=60)
    assert res.popen.returncode in (1, 3), (res.popen.returncode, res.stderr)   # not 134 (C++ terminate)
    err = res.stderr.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("vnarchive: "), res.stderr
    assert "INTERNAL" not in res.stderr and "Traceback" not in res.stderr
    assert not (archive / "logs").exists()


def test_several_statements_are_refused_not_half_shown(archive):
    res = run(["sql", "--db", "a.duckdb", "--format", "csv", "--", "SELECT 1 AS a; SELECT 2 AS b"], archive, None,
              "sql-two")
    assert res.popen.returncode == 3 and res.stdout == ""
    assert res.stderr.count("\n") == 1 and "2 statements" in res.stderr, res.stderr
    one = run(["sql", "--db", "a.duckdb", "--format", "csv", "--", "SELECT 1 AS a;"], archive, None, "sql-one")
    assert one.popen.returncode == 0 and one.stdout.split() == ["a", "1"], one.stderr


@pytest.mark.parametrize("sql, expect", [
    ("PRAGMA table_info('documents')", "doc_key"),
    ("CALL pragma_table_info('documents')", "doc_key"),
    ("PRAGMA show_tables", "documents"),
    ("SELECT count(*) AS n FROM range(3)", "3"),
    ("SELECT fts_main_search_docs.match_bm25(document_id, 'x') AS s FROM search_docs", "s"),
])
def test_reading_statements_still_work(archive, sql, expect):
    res = run(["sql", "--db", "a.duckdb", "--format", "csv", "--", sql], archive, None, "sql-ok")
    assert res.popen.returncode == 0, res.stderr
    assert expect in res.stdout
