"""The Dask runner (2-worker LocalCluster through prefect-dask) builds the same archive as the
local runner: same row counts, same document and mention ids."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _generate(n: int, folder: Path) -> list[str]:
    spec = importlib.util.spec_from_file_location("ingest_speed", REPO / "bench" / "ingest_speed.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.generate(n, folder, seed=7)


IDS = {"documents": "SELECT document_id, doc_key FROM documents ORDER BY 1",
       "people": "SELECT mention_id, name FROM person_mentions ORDER BY 1",
       "units": "SELECT mention_id, name FROM unit_mentions ORDER BY 1",
       "awards": "SELECT * EXCLUDE (extractor_version) FROM awards ORDER BY ALL"}


@pytest.mark.slow
def test_dask_runner_builds_the_same_archive(vn, tmp_path):
    _generate(60, tmp_path / "in")
    (tmp_path / "in" / "hong.pdf").write_bytes(b"%PDF-1.4\n%broken")
    local = vn.ingest("in", "--db", "local.duckdb", "--batch-size", "7")
    dask = vn.ingest("in", "--db", "dask.duckdb", "--batch-size", "7", "--runner", "dask")
    assert local["counts"] == dask["counts"]
    assert vn.counts("local.duckdb") == vn.counts("dask.duckdb")
    for what, sql in IDS.items():
        assert vn.query("local.duckdb", sql) == vn.query("dask.duckdb", sql), what
    assert vn.query("dask.duckdb", "SELECT reason FROM quarantine") == vn.query("local.duckdb",
                                                                               "SELECT reason FROM quarantine")
