"""A broken lexicon is a broken installation, not bad input: the ingest stops with a clear
message naming the file, and quarantines nothing (issue: nothing lost, nothing let in)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent


def test_a_broken_lexicon_stops_the_run_instead_of_quarantining(tmp_path, sample_files):
    lexicons = tmp_path / "lexicons"
    shutil.copytree(ROOT / "nlp" / "lexicons", lexicons)
    (lexicons / "offices.toml").write_text("[broken\n", encoding="utf-8")
    env = {**os.environ, "VNARCHIVE_LEXICON_DIR": str(lexicons), "PREFECT_SERVER_ANALYTICS_ENABLED": "false"}
    db = tmp_path / "a.duckdb"
    txt = [f for f in sample_files if f.endswith(".txt")][:3]
    res = subprocess.run([sys.executable, "-m", "flows.cli", "ingest", *txt, "--db", str(db)],
                         cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert res.returncode != 0
    assert "offices.toml" in res.stdout + res.stderr
    if db.exists():
        con = duckdb.connect(str(db), read_only=True)
        try:
            assert con.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 0
        finally:
            con.close()
