"""Prefect bootstrap for the CLI: quiet defaults, one local API server for Dask workers,
and a clean shutdown (log and event workers drained, no telemetry)."""
from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator

QUIET_ENV = {
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
    "PREFECT_LOGGING_LEVEL": "WARNING",
    "PREFECT_LOGGING_SERVER_LEVEL": "ERROR",
    "PREFECT_SERVER_LOGGING_LEVEL": "ERROR",
    "PREFECT_LOGGING_INTERNAL_LEVEL": "ERROR",
    "PREFECT_LOGGING_LOG_PRINTS": "false",
    "PREFECT_UI_ENABLED": "false",
    "PREFECT_CLI_COLORS": "false",
    "PREFECT_RESULTS_PERSIST_BY_DEFAULT": "false",
}


def configure_env(verbose: bool = False) -> None:
    """Set quiet Prefect defaults unless the user set them (call before importing prefect)."""
    for key, value in QUIET_ENV.items():
        os.environ.setdefault(key, value)
    if verbose:
        os.environ["PREFECT_LOGGING_LEVEL"] = "INFO"
    for name in ("distributed", "distributed.worker", "distributed.scheduler", "distributed.nanny",
                 "distributed.core", "distributed.http.proxy", "prefect.server", "uvicorn", "httpx"):
        logging.getLogger(name).setLevel(logging.ERROR)


def drain_workers(timeout: float = 10.0) -> None:
    """Flush Prefect's background log and event workers before the process exits."""
    with contextlib.suppress(Exception):
        from prefect.logging.handlers import APILogWorker
        APILogWorker.drain_all(timeout=timeout)
    with contextlib.suppress(Exception):
        from prefect.events.worker import EventsWorker
        EventsWorker.drain_all(timeout=timeout)


@contextlib.contextmanager
def shared_api_server() -> Iterator[str]:
    """Use PREFECT_API_URL if set; otherwise start one local API server (127.0.0.1) for this
    process and its Dask workers, exported as PREFECT_API_URL, and stop it afterwards."""
    from prefect.settings import PREFECT_API_URL as _URL
    existing = os.environ.get("PREFECT_API_URL") or _URL.value()
    if existing:   # a server (or Cloud) is configured, e.g. by a test harness: share it
        previous = os.environ.get("PREFECT_API_URL")
        os.environ["PREFECT_API_URL"] = existing
        try:
            yield existing
        finally:
            if previous is None:
                os.environ.pop("PREFECT_API_URL", None)
        return
    from prefect.server.api.server import SubprocessASGIServer
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server = SubprocessASGIServer()
    server.start()
    os.environ["PREFECT_API_URL"] = server.api_url
    try:
        with temporary_settings({PREFECT_API_URL: server.api_url}):
            yield server.api_url
            drain_workers()
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        logging.getLogger("prefect.server.api.server").setLevel(logging.ERROR)
        server.stop()
