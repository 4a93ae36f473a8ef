"""`vnarchive ingest` as a user runs it: a real process with its own temporary Prefect server."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

NOISE = ("Traceback", "telemetry", "analytics", "Stopping temporary server", "Starting temporary server",
         "Error logging to API", "Exception in thread", "ResourceWarning")


@pytest.mark.slow
def test_clean_run_prints_only_the_summary(tmp_path):
    (tmp_path / "in").mkdir()
    for i in range(3):
        (tmp_path / "in" / f"tin-{i}.txt").write_text(
            f"Ngày {i + 2}/6/2024, Sở Giáo dục và Đào tạo tỉnh Nam Hải tổ chức lễ tổng kết năm học.\n",
            encoding="utf-8")
    (tmp_path / "in" / "hong.pdf").write_bytes(b"%PDF-1.5\n%%EOF")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env["PREFECT_HOME"] = str(tmp_path / ".prefect")
    res = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", "in", "--db", "a.duckdb"], cwd=tmp_path,
                         env=env, capture_output=True, text=True, timeout=180)
    assert res.returncode == 0, res.stderr
    assert "documents" in res.stdout and "quarantined" in res.stdout
    for word in NOISE:
        assert word not in res.stdout + res.stderr, (word, res.stderr)
    # the one problem is named, with its reason, on stderr or stdout
    assert "hong.pdf" in res.stdout + res.stderr
