"""Helpers of the browse tests: Datasette's ASGI client driven from synchronous tests, DuckDB
reads of the archive (the expected values), and a process that holds an archive open for writing."""
from __future__ import annotations

import asyncio
import html as htmlmod
import re
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb


class Browser:
    """Datasette's own ASGI client (datasette.client), on one event loop for a test module."""

    def __init__(self, ds):
        self.ds = ds
        self.loop = asyncio.new_event_loop()

    def get(self, path: str, **kwargs):
        return self.loop.run_until_complete(self.ds.client.get(path, **kwargs))

    def post(self, path: str, **kwargs):
        return self.loop.run_until_complete(self.ds.client.post(path, **kwargs))

    def html(self, path: str) -> str:
        r = self.get(path)
        assert r.status_code == 200, f"{path}: {r.status_code}\n{r.text[:2000]}"
        return r.text

    def json(self, path: str):
        r = self.get(path)
        assert r.status_code == 200, f"{path}: {r.status_code}\n{r.text[:2000]}"
        return r.json()

    def rows(self, path: str) -> list[dict]:
        """The rows of a table or query page as dicts (?_shape=array)."""
        sep = "&" if "?" in path else "?"
        return self.json(f"{path}{sep}_shape=array")

    def close(self) -> None:
        self.loop.close()


def browser_for(archive: Path, folder: Path, **settings) -> Browser:
    """A mirror of `archive` in `folder` and a Datasette serving it (kept fresh from the archive)."""
    from warehouse.browse.app import make_datasette
    from warehouse.sqlite_mirror import build_mirror
    mirror = folder / "archive.sqlite"
    build_mirror(str(archive), str(mirror))
    return Browser(make_datasette(str(mirror), str(archive), rebuild_wait=0.2, settings=settings or None))


def duck(archive: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(archive), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def copy_archive(archive: Path, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / archive.name
    shutil.copy(archive, target)
    return target


class WriterProcess:
    """Another process holding the archive open for writing (as an ingest does during a batch)."""

    def __init__(self, archive: Path):
        code = ("import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); "
                "sys.stdin.readline()")
        self.proc = subprocess.Popen([sys.executable, "-c", code, str(archive)], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
        assert self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.proc.poll() is None:
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
            self.proc.wait(timeout=30)

    def __enter__(self) -> "WriterProcess":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def text_of(page: str) -> str:
    """Visible text of a page, whitespace folded."""
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return " ".join(htmlmod.unescape(re.sub(r"<[^>]+>", " ", page)).split())
