"""Run a flow from the CLI with the chosen task runner, and shut Prefect down quietly."""
from __future__ import annotations

import os

DASK_WORKERS = 2
LOCAL_WINDOW = 2            # batches in flight with the local runner


def run_flow(flow_fn, *, runner: str = "local", dask_address: str | None = None,
             n_workers: int = DASK_WORKERS, **params) -> dict:
    """`local`: batches are extracted by this process's worker pool (flows.extract_pool), the next
    batch extracting while the flow stores the one before (two batches in flight, Prefect's thread
    task runner; stored in submission order). `dask`: batches go to a Dask cluster (LocalCluster
    of `n_workers` single-threaded processes, or `dask_address`) through prefect-dask, with one
    Prefect API server shared by this process and the workers."""
    from flows.runtime import drain_workers, shared_api_server
    if runner == "local":
        try:
            return flow_fn(submit=True, window=LOCAL_WINDOW, **params)
        finally:
            drain_workers()
    if runner != "dask":
        raise ValueError(f"unknown runner {runner!r} (local | dask)")
    from prefect_dask import DaskTaskRunner
    if dask_address:
        task_runner = DaskTaskRunner(address=dask_address)
    else:
        task_runner = DaskTaskRunner(cluster_kwargs={"n_workers": n_workers, "threads_per_worker": 1,
                                                     "processes": True, "dashboard_address": None})
    # each Dask worker runs one batch at a time: one extraction process under it is enough
    own = "VNARCHIVE_EXTRACT_WORKERS" not in os.environ
    os.environ.setdefault("VNARCHIVE_EXTRACT_WORKERS", "1")
    try:
        with shared_api_server():
            return flow_fn.with_options(task_runner=task_runner)(submit=True, window=2 * n_workers, **params)
    finally:
        if own:
            os.environ.pop("VNARCHIVE_EXTRACT_WORKERS", None)

