"""Concurrency: while one ingest runs, a second ingest on the same archive exits at once with a
clear message (or waits with --wait), `vnarchive sql` reads between batches or says why it
cannot, and the archive ends exactly as one clean run leaves it."""
from __future__ import annotations

import time

import pytest

from tests.hostile.archive import (api_url, clean_archive, integrity_problems, run, snapshot, spawn, wait_for_writer,
                                   wait_until)
from tests.hostile.harness import count, hostile_summary  # noqa: F401 (fixture)

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("hostile_summary")]
N_DOCS = 400
BATCH = 8


@pytest.fixture(scope="module")
def work(tmp_path_factory, api_url):
    root = tmp_path_factory.mktemp("concurrency")
    return root, clean_archive(root, api_url, N_DOCS, BATCH)


def test_second_ingest_and_readers_during_an_ingest(work, api_url):
    root, clean = work
    db = "shared.duckdb"
    first = spawn(["ingest", "in", "--db", db, "--batch-size", str(BATCH)], root, api_url, "first")
    try:
        wait_until(root / db, first, BATCH)
        # a second writer: refused at once, with the holder's pid and what to do
        t0 = time.monotonic()
        second = run(["ingest", "in", "--db", db, "--batch-size", str(BATCH)], root, api_url, "second", timeout=120)
        count("concurrency: second ingest refused")
        assert second.popen.returncode == 3, (second.stdout, second.stderr)
        msg = second.stderr
        assert f"pid {first.popen.pid}" in msg and "--wait" in msg and "Traceback" not in msg, msg
        assert time.monotonic() - t0 < 60
        # readers while it writes: each `sql` reads between batches, or exits with a reason
        answers, refusals = [], []
        for i in range(6):
            if i % 2:                        # every other one starts while the writer holds the file
                wait_for_writer(root / db, first, timeout=60)
            r = run(["sql", "SELECT count(*) AS n FROM documents", "--db", db, "--format", "csv"], root, None,
                    f"sql{i}", timeout=120)
            count("concurrency: sql during ingest")
            assert "Traceback" not in r.stderr, r.stderr
            if r.popen.returncode == 0:
                answers.append(int(r.stdout.strip().splitlines()[-1]))
            else:
                assert "cannot open" in r.stderr and "lock" in r.stderr.lower(), r.stderr
                refusals.append(r.stderr)
            if first.popen.poll() is not None:
                break
        assert answers and not refusals, f"`sql` could not read during the ingest: {refusals[:1]}"
        assert answers == sorted(answers) and all(0 < n <= N_DOCS for n in answers), answers
        # a writer that waits: starts when the first one is done
        waiter = spawn(["ingest", "in", "--db", db, "--batch-size", str(BATCH), "--wait", "300"], root, api_url,
                       "waiter")
        assert first.wait(300) == 0, first.stderr
        assert waiter.wait(300) == 0, waiter.stderr
        count("concurrency: waiting ingest")
    finally:
        first.kill()
    print(f"sql during ingest: {len(answers)} answered {answers}, {len(refusals)} refused")
    assert integrity_problems(root / db) == []
    after = snapshot(root / db)
    assert after == clean


def test_status_and_quarantine_list_during_an_ingest(work, api_url):
    root, clean = work
    db = "status.duckdb"
    first = spawn(["ingest", "in", "--db", db, "--batch-size", str(BATCH)], root, api_url, "first-status")
    try:
        wait_until(root / db, first, BATCH)
        for cmd in (["status", "--db", db, "--json"], ["quarantine", "list", "--db", db, "--json"]):
            r = run(cmd, root, None, cmd[0], timeout=120)
            count("concurrency: status during ingest")
            assert r.popen.returncode == 0 and "Traceback" not in r.stderr, r.stderr
        assert first.wait(300) == 0, first.stderr
    finally:
        first.kill()
    assert snapshot(root / db) == clean


def test_f11_the_lock_holds_through_a_symlinked_or_roundabout_db_path(work, api_url):
    root, clean = work
    (root / "lien-ket.duckdb").symlink_to("that.duckdb")
    (root / "thu-muc").mkdir()
    first = spawn(["ingest", "in", "--db", "that.duckdb", "--batch-size", str(BATCH)], root, api_url, "first-f11")
    try:
        wait_until(root / "that.duckdb", first, BATCH)
        for other in ("lien-ket.duckdb", "thu-muc/../that.duckdb", str(root / "that.duckdb")):
            second = run(["ingest", "in", "--db", other, "--batch-size", str(BATCH)], root, api_url, "second-f11",
                         timeout=120)
            count("concurrency: second ingest through another path")
            assert second.popen.returncode == 3, (other, second.stdout, second.stderr)
            assert f"pid {first.popen.pid}" in second.stderr and "Traceback" not in second.stderr, second.stderr
        assert first.wait(300) == 0, first.stderr
    finally:
        first.kill()
    assert integrity_problems(root / "that.duckdb") == []
    assert snapshot(root / "that.duckdb") == clean
