"""Shared fixtures: quiet Prefect env, ONE Prefect test server per session, the local test site,
paths to the shared seeds and the bundled samples."""
from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

if str(Path(__file__).resolve().parent.parent) not in sys.path:   # `tests.site` importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

for _k, _v in {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_LOGGING_LEVEL": "WARNING",
               "PREFECT_LOGGING_SERVER_LEVEL": "ERROR", "PREFECT_UI_ENABLED": "false",
               "PREFECT_LOGGING_TO_API_WHEN_MISSING_FLOW": "ignore"}.items():
    os.environ.setdefault(_k, _v)

from tests.site.fixtures import site, site_module  # noqa: E402,F401

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SAMPLES = REPO / "samples"


@pytest.fixture(scope="session")
def prefect_api():
    """One Prefect test server for the whole session (starting one takes ~18 s)."""
    from prefect.testing.utilities import prefect_test_harness
    with prefect_test_harness(server_startup_timeout=90):
        yield
    from flows.runtime import drain_workers
    drain_workers()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir() or not any(SEEDS.iterdir()):
        pytest.skip("shared seeds not present (../shared/corpus/seeds)")
    return SEEDS


@pytest.fixture(scope="session")
def sample_files() -> list[str]:
    from extractors.read import iter_input_files
    files = iter_input_files([str(SAMPLES)]) if SAMPLES.is_dir() else []
    if not files:
        pytest.skip("no samples/ yet")
    return files


# -- ingest/CLI helpers (fixtures, so test modules need no imports from here) -------------------
LOG_TABLES = {"runs", "fetch_log"}   # tables that log activity: they grow on every run by design


def _rebind_prefect_console() -> None:
    """Prefect's console handler keeps the stderr it was configured with; when that was an
    earlier CliRunner's (closed) stream, point it back at the session's stderr."""
    import logging
    import sys
    from prefect.logging.handlers import PrefectConsoleHandler
    loggers = [logging.getLogger()] + [logging.getLogger(n) for n in list(logging.root.manager.loggerDict)]
    for lg in loggers:
        for h in getattr(lg, "handlers", []):
            if isinstance(h, PrefectConsoleHandler) and getattr(h.stream, "closed", False):
                h.stream = sys.stderr
                if hasattr(h, "console"):
                    h.console.file = sys.stderr


class VnCli:
    """`vn("ingest", ...)` runs the CLI in this process (under the session's Prefect server)."""

    def __call__(self, *args: str, expect: int | None = 0):
        from typer.testing import CliRunner
        from flows.cli import app
        _rebind_prefect_console()
        res = CliRunner().invoke(app, [str(a) for a in args], catch_exceptions=False)
        if expect is not None:
            assert res.exit_code == expect, f"exit {res.exit_code}\n{res.output}"
        return res

    def ingest(self, *args: str) -> dict:
        """`vnarchive ingest ARGS --json` → the run summary."""
        import json
        res = self("ingest", *args, "--json")
        return json.loads(res.stdout.strip().splitlines()[-1])

    @staticmethod
    def counts(db, data_only: bool = True) -> dict[str, int]:
        from warehouse.archive import Archive
        with Archive.open(str(db), read_only=True) as arc:
            c = arc.table_counts()
        return {k: v for k, v in c.items() if not (data_only and k in LOG_TABLES)}

    @staticmethod
    def query(db, sql: str, params: list | None = None) -> list[tuple]:
        import duckdb
        con = duckdb.connect(str(db), read_only=True)
        try:
            return con.execute(sql, params or []).fetchall()
        finally:
            con.close()


@pytest.fixture
def vn(prefect_api, tmp_path, monkeypatch) -> VnCli:
    """The CLI, run from a fresh working directory (tmp_path) under the session Prefect server."""
    monkeypatch.chdir(tmp_path)
    return VnCli()


@pytest.fixture(scope="session")
def sample_archive(prefect_api, tmp_path_factory, sample_files) -> Path:
    """The archive `make run` builds from samples/ (paths relative to the repository, as there),
    built once per session. Tests read it; a test that changes an archive copies it first."""
    db = tmp_path_factory.mktemp("sample-archive") / "archive.duckdb"
    here = os.getcwd()
    os.chdir(REPO)
    try:
        VnCli().ingest(*[os.path.relpath(f, REPO) for f in sample_files], "--db", str(db))
    finally:
        os.chdir(here)
    return db
