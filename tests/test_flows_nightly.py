"""The nightly deployment's flow, run twice under a real Prefect API (the session test server)."""
from __future__ import annotations

import asyncio


def _sources(site, tmp_path, max_new: int) -> str:
    p = tmp_path / "nightly.toml"
    p.write_text(f'''[[source]]
name = "dong-lam-rss"
kind = "rss"
url = "{site.url('/feed.rss')}"
rate_per_sec = 50
max_new_per_run = {max_new}
profile = "dong-lam"
''', encoding="utf-8")
    return str(p)


def _prefect_runs(flow_run_ids: list[str]) -> list[str]:
    from prefect.client.orchestration import get_client

    async def states():
        async with get_client() as client:
            return [(await client.read_flow_run(i)).state.type.value for i in flow_run_ids]
    return asyncio.run(states())


def test_nightly_twice_takes_only_what_is_new(prefect_api, site, tmp_path, monkeypatch):
    from flows.ingest import nightly_flow
    from warehouse.archive import Archive
    monkeypatch.chdir(tmp_path)
    sources, db = _sources(site, tmp_path, max_new=2), str(tmp_path / "n.duckdb")

    first = nightly_flow(sources_file=sources, db=db, allow_private=True)
    assert first["counts"]["stored"] == 2 and first["after"]["documents"] == 2
    site.clear_log()
    second = nightly_flow(sources_file=sources, db=db, allow_private=True)
    # the two known articles: conditional requests answered 304; one new article stored
    assert second["counts"]["not_modified"] == 2
    assert second["counts"]["stored"] == 1
    assert second["after"]["documents"] == 3
    third = nightly_flow(sources_file=sources, db=db, allow_private=True)
    assert third["counts"]["stored"] == 0 and third["after"] == {**second["after"], "runs": 3,
                                                                   "fetch_log": third["after"]["fetch_log"]}

    with Archive.open(db, read_only=True) as arc:
        runs = arc.last_runs(5)
        state = arc.source_state("dong-lam-rss")
    assert [r["kind"] for r in runs] == ["nightly"] * 3
    assert all(r["status"] == "completed" and r["flow_run_id"] for r in runs)
    assert _prefect_runs([r["flow_run_id"] for r in runs]) == ["COMPLETED"] * 3
    assert len(state["seen"]) == 3


def test_deployments_build_with_schedules(prefect_api):
    from flows.deployments import to_deployments
    deps = {d.name: d for d in to_deployments("sources.toml", "data/archive.duckdb")}
    nightly = deps["nightly-ingest"]
    sched = nightly.schedules[0].schedule
    assert sched.cron == "0 2 * * *" and sched.timezone == "Asia/Ho_Chi_Minh"
    assert nightly.parameters == {"sources_file": "sources.toml", "db": "data/archive.duckdb"}
    assert deps["weekly-reprocess"].schedules[0].schedule.cron == "0 3 * * 0"
