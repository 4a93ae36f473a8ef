"""Task caching: a batch whose inputs (and extractor) are unchanged is not extracted again, so
a retried or repeated flow skips finished batches; a changed file re-runs only its batch."""
from __future__ import annotations

import asyncio
import os


def _task_states(flow_run_id: str) -> dict[str, str]:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId

    async def read():
        async with get_client() as client:
            runs = await client.read_task_runs(flow_run_filter=FlowRunFilter(id=FlowRunFilterId(any_=[flow_run_id])))
            return {r.name: r.state.name for r in runs}
    return asyncio.run(read())


def _flow_run_id(vn, db: str) -> str:
    return vn.query(db, "SELECT flow_run_id FROM runs ORDER BY started_at DESC LIMIT 1")[0][0]


def test_unchanged_batches_come_from_the_cache(vn, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"tin-{i}.txt").write_text(f"Ngày {i + 1}/5/2024, Sở Y tế tỉnh Bạch Vân họp giao ban lần {i}.\n",
                                             encoding="utf-8")
    vn.ingest("in", "--db", "c.duckdb", "--batch-size", "3")
    first = _task_states(_flow_run_id(vn, "c.duckdb"))
    assert sorted(first.values()) == ["Completed", "Completed"], first
    counts = vn.counts("c.duckdb")

    (folder / "tin-5.txt").write_text("Ngày 9/9/2024, Sở Y tế tỉnh Bạch Vân tổng kết công tác quý III.\n",
                                      encoding="utf-8")
    os.utime(folder / "tin-5.txt", ns=(1, 1_000_000_000))
    vn.ingest("in", "--db", "c.duckdb", "--batch-size", "3")
    second = _task_states(_flow_run_id(vn, "c.duckdb"))
    assert sorted(second.values()) == ["Cached", "Completed"], second
    after = vn.counts("c.duckdb")
    assert after["documents"] == counts["documents"]
    assert after["document_versions"] == counts["document_versions"] + 1
