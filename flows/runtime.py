"""Prefect bootstrap for the CLI: quiet defaults, one local API server per command (shared with
Dask workers) that dies with the command, and a clean shutdown (log and event workers drained,
no telemetry)."""
from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

from flows import children

SERVER_START_SECONDS = 90.0

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
    process and its workers, exported as PREFECT_API_URL, and stop it afterwards. The server
    dies with this process however it ends (SIGKILL included): see flows.children."""
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
    from prefect.settings import PREFECT_API_URL, temporary_settings

    server, url = _start_api_server()
    os.environ["PREFECT_API_URL"] = url
    try:
        with temporary_settings({PREFECT_API_URL: url}):
            yield url
            drain_workers()
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        _stop(server)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_api_server(timeout: float = SERVER_START_SECONDS) -> tuple[subprocess.Popen, str]:
    """The Prefect API server (uvicorn, as Prefect's own temporary server runs it) as a child
    that dies with us; (process, API URL) once /api/health answers."""
    import httpx
    import prefect
    from prefect.settings import get_current_settings
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1",
           **get_current_settings().to_environment_variables(exclude_unset=True)}
    env.pop("PREFECT_API_URL", None)
    deadline = time.monotonic() + timeout
    while True:
        port = _free_port()
        proc = children.popen(children.launcher([
            sys.executable, "-m", "uvicorn", "--app-dir", str(prefect.__module_path__.parent), "--factory",
            "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
            "--log-level", "error", "--lifespan", "on"]), env=env)
        url = f"http://127.0.0.1:{port}/api"
        with httpx.Client() as client:
            while proc.poll() is None and time.monotonic() < deadline:
                with contextlib.suppress(httpx.HTTPError):
                    if client.get(f"{url}/health").status_code == 200:
                        return proc, url
                time.sleep(0.1)
        _stop(proc)
        if time.monotonic() >= deadline:
            raise RuntimeError(f"the local Prefect API server did not start within {timeout:g} s")
        # it exited (the port was taken meanwhile): try another port


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
