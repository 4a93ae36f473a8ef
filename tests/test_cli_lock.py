"""One writer per archive (fcntl lock on <db>.lock), and readers between batches: DuckDB refuses
even a read-only open while another process has the file open for writing, so the ingest
opens the archive per batch and closes it in between."""
from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parent.parent


def _generate(n: int, folder: Path) -> None:
    spec = importlib.util.spec_from_file_location("ingest_speed", REPO / "bench" / "ingest_speed.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    mod.generate(n, folder, seed=11)


def test_second_ingest_exits_with_a_clear_message(vn, tmp_path):
    from flows.lock import WriterLock
    _generate(3, tmp_path / "in")
    with WriterLock(str(tmp_path / "l.duckdb")):
        res = vn("ingest", "in", "--db", "l.duckdb", expect=3)
    assert f"pid {os.getpid()}" in res.output and "--wait" in res.output
    assert "Traceback" not in res.output
    assert not (tmp_path / "l.duckdb").exists()     # nothing was started


def test_second_ingest_waits_when_asked(vn, tmp_path):
    from flows.lock import WriterLock
    _generate(3, tmp_path / "in")
    lock = WriterLock(str(tmp_path / "l.duckdb")).__enter__()
    threading.Timer(1.0, lock.__exit__, (None, None, None)).start()
    t0 = time.monotonic()
    vn("ingest", "in", "--db", "l.duckdb", "--wait", "30")
    assert time.monotonic() - t0 >= 0.9
    assert vn.counts("l.duckdb")["documents"] == 3


def test_writer_lock_is_exclusive_and_released(tmp_path):
    from flows.lock import ArchiveBusy, WriterLock
    db = str(tmp_path / "x.duckdb")
    with WriterLock(db):
        with pytest.raises(ArchiveBusy):
            WriterLock(db, wait=0.3).__enter__()
    with WriterLock(db):     # released: free again
        pass


@pytest.mark.slow
def test_readers_get_in_between_batches(prefect_api, tmp_path):
    from prefect.settings import PREFECT_API_URL
    _generate(600, tmp_path / "in")
    env = {**os.environ, "PREFECT_API_URL": PREFECT_API_URL.value(), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    proc = subprocess.Popen([sys.executable, "-m", "flows.cli", "ingest", "in", "--db", "r.duckdb",
                             "--batch-size", "25"], cwd=tmp_path, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    reads, refused, sql = [], 0, None
    try:
        while proc.poll() is None:
            if (tmp_path / "r.duckdb").exists():
                try:
                    con = duckdb.connect(str(tmp_path / "r.duckdb"), read_only=True)
                    reads.append(con.execute("SELECT count(*) FROM documents").fetchone()[0])
                    con.close()
                except duckdb.Error:
                    refused += 1
                if reads and reads[-1] > 0 and sql is None:   # `vnarchive sql` once the run has stored a batch
                    sql = subprocess.Popen([sys.executable, "-m", "flows.cli", "sql", "SELECT count(*) FROM runs",
                                            "--db", "r.duckdb", "--format", "csv"], cwd=tmp_path, env=env,
                                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            time.sleep(0.02)
        out, err = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert sql is not None, f"no read saw a stored batch during the ingest ({len(reads)} reads, {refused} refused)"
    sql_out, sql_err = sql.communicate(timeout=60)
    assert sql.returncode == 0 and "1" in sql_out, sql_err
    assert "Traceback" not in err
    during = [n for n in reads if 0 < n < 600]
    assert during, f"no read succeeded during the ingest ({len(reads)} reads, {refused} refused)"
    con = duckdb.connect(str(tmp_path / "r.duckdb"), read_only=True)
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 600
