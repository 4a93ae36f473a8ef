"""Crash safety: `vnarchive ingest` killed with SIGKILL in the middle of a run (twice, at
different points), then run again, leaves exactly what one clean run leaves: the same row
count in every table, the same documents (and versions), the same facts per document, no
duplicates, no document without its facts and no facts without their document."""
from __future__ import annotations

import os
import signal
import time

import pytest

from tests.hostile.archive import (api_url, clean_archive, integrity_problems, query, run, snapshot, spawn, tree,
                                   try_count, wait_for_writer, wait_until)
from tests.hostile.harness import count, hostile_summary  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("hostile_summary")]
N_DOCS = 400
BATCH = 8


@pytest.fixture(scope="module")
def work(tmp_path_factory, api_url):
    """A corpus and the archive one clean, uninterrupted run makes of it."""
    root = tmp_path_factory.mktemp("crash")
    return root, clean_archive(root, api_url, N_DOCS, BATCH)


def kill_mid_run(root, api_url, db: str, after_docs: int, tag: str, in_write: bool = True,
                 may_finish: bool = False) -> int:
    """Start an ingest, wait until `after_docs` documents are committed, then SIGKILL it the
    moment it holds the archive open again (inside a write: a batch's transaction), or at once
    (`in_write=False`). Returns the documents committed after the kill."""
    proc = spawn(["ingest", "in", "--db", db, "--batch-size", str(BATCH)], root, api_url, tag)
    try:
        seen = wait_until(root / db, proc, after_docs)
        if in_write:
            wait_for_writer(root / db, proc)
    finally:
        proc.kill()
    killed = proc.popen.returncode == -signal.SIGKILL
    assert killed or may_finish, f"not killed mid-run (exit {proc.popen.returncode})"
    n = try_count(root / db)
    assert n is not None, "the archive cannot be opened after the kill"
    if killed:
        count("crash: SIGKILL mid-ingest")
    print(f"{tag}: saw {seen} documents, killed={killed}, {n} committed")
    return n


def test_sigkill_mid_ingest_then_rerun_equals_a_clean_run(work, api_url):
    root, clean = work
    db = "crashed.duckdb"
    first = kill_mid_run(root, api_url, db, after_docs=BATCH, tag="kill1")
    assert 0 < first < N_DOCS, f"{first} documents at the first kill"
    # what survived the kill is whole: every document has its version, raw bytes, facts, search row
    assert integrity_problems(root / db) == []
    partial = snapshot(root / db)
    for doc_id, version in partial["documents"].items():
        assert clean["documents"][doc_id] == version
        for table, per_doc in partial["facts"].items():
            assert per_doc.get(doc_id, 0) == clean["facts"][table].get(doc_id, 0), (table, doc_id)
    # second crash, later in the resumed run
    second = kill_mid_run(root, api_url, db, after_docs=first + 5 * BATCH, tag="kill2")
    assert first < second <= N_DOCS
    assert integrity_problems(root / db) == []
    # third crash: after the last batch, while entities are resolved and the search index built
    kill_mid_run(root, api_url, db, after_docs=N_DOCS, tag="kill3", in_write=False, may_finish=True)
    assert integrity_problems(root / db) == []
    # and the run that finishes
    done = run(["ingest", "in", "--db", db, "--batch-size", str(BATCH), "--json"], root, api_url, "rerun")
    assert done.popen.returncode == 0, done.stderr
    assert integrity_problems(root / db) == []
    after = snapshot(root / db)
    assert after["counts"] == clean["counts"]
    assert after["documents"] == clean["documents"]
    assert after["facts"] == clean["facts"]
    assert after["quarantine"] == clean["quarantine"] == []
    statuses = sorted(s for (s,) in query(root / db, "SELECT status FROM runs"))
    assert len(statuses) == 4 and "running" not in statuses, statuses   # killed runs: marked by the next one
    assert statuses.count("interrupted") >= 2 and "completed" in statuses, statuses


def test_killed_ingest_releases_the_writer_lock(work, api_url):
    """The lock is an flock: the kernel drops it with the killed process, so the next ingest
    starts at once (no stale lock file to delete by hand)."""
    root, clean = work
    db = "lock.duckdb"
    kill_mid_run(root, api_url, db, after_docs=BATCH, tag="kill-lock")
    started = time.monotonic()
    done = run(["ingest", "in", "--db", db, "--batch-size", "50", "--wait", "0"], root, api_url, "after-kill")
    assert done.popen.returncode == 0, done.stderr
    assert time.monotonic() - started < 120
    assert snapshot(root / db)["documents"] == clean["documents"]


def test_sigkill_mid_reprocess_then_rerun_equals_a_clean_run(work, api_url):
    """Reprocess replaces every document's facts batch by batch (delete + insert in one
    transaction); killed inside one of those writes and run again, nothing is lost or doubled."""
    import shutil
    root, clean = work
    shutil.copy(root / "clean.duckdb", root / "rp.duckdb")
    proc = spawn(["reprocess", "--db", "rp.duckdb", "--batch-size", str(BATCH)], root, api_url, "kill-rp")
    try:
        deadline = time.monotonic() + 120
        while (try_count(root / "rp.duckdb", "SELECT count(*) FROM runs WHERE kind = 'reprocess'") or 0) < 1:
            assert time.monotonic() < deadline and proc.popen.poll() is None, proc.stderr
            time.sleep(0.02)
        time.sleep(1.0)                      # some batches in
        wait_for_writer(root / "rp.duckdb", proc)
    finally:
        proc.kill()
    assert proc.popen.returncode == -signal.SIGKILL, "reprocess finished before the kill"
    count("crash: SIGKILL mid-reprocess")
    assert integrity_problems(root / "rp.duckdb") == []
    assert snapshot(root / "rp.duckdb") == clean     # each batch's replacement is all or nothing
    done = run(["reprocess", "--db", "rp.duckdb", "--batch-size", str(BATCH)], root, api_url, "rp-rerun")
    assert done.popen.returncode == 0, done.stderr
    assert integrity_problems(root / "rp.duckdb") == []
    assert snapshot(root / "rp.duckdb") == clean


def _session_members(sid: int) -> list:
    import psutil
    out = []
    for p in psutil.process_iter(["pid"]):
        try:
            if os.getsid(p.pid) == sid:
                out.append(p)
        except (ProcessLookupError, PermissionError, psutil.Error):
            continue
    return out


def test_f10_sigkill_of_an_ingest_leaves_no_process_running(work, api_url):
    """The command starts its own Prefect API server and extraction workers (no PREFECT_API_URL);
    SIGKILL of the command alone (not its process group) takes them all down within 10 s, and
    a re-run ends equal to a clean run."""
    import psutil
    root, clean = work
    db = "f10.duckdb"
    proc = spawn(["ingest", "in", "--db", db, "--batch-size", str(BATCH)], root, None, "kill-f10")
    try:
        wait_until(root / db, proc, BATCH, timeout=180)
        started = [p for p in tree(proc.popen.pid) if p.pid != proc.popen.pid]
        names = sorted(" ".join(p.cmdline()[1:4]) for p in started)
        assert any("uvicorn" in n for n in names), names              # the API server (and extraction workers)
        os.kill(proc.popen.pid, signal.SIGKILL)     # the command only: what it started must follow
        proc.popen.wait(timeout=30)
        time.sleep(10)
        alive = [p for p in started if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
        assert alive == [], [" ".join(p.cmdline()[:4]) for p in alive]
        assert _session_members(proc.popen.pid) == []
    finally:
        proc.kill()
    count("crash: SIGKILL of the command alone")
    done = run(["ingest", "in", "--db", db, "--batch-size", str(BATCH)], root, api_url, "rerun-f10")
    assert done.popen.returncode == 0, done.stderr
    assert integrity_problems(root / db) == []
    after = snapshot(root / db)
    assert (after["counts"], after["documents"], after["facts"]) == (clean["counts"], clean["documents"], clean["facts"])
