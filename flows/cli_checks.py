"""Checks the commands make before they open or create anything, and the one-line form of an
error: configuration and --db problems are a line naming the file and what is wrong, with a
non-zero exit and no traceback (unless -v)."""
from __future__ import annotations

import os
import sys

import typer

from flows.display import visible

DUCKDB_MAGIC = b"DUCK"          # bytes 8-11 of every DuckDB database file


class CheckFailed(ValueError):
    """The message is the one line to print."""


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print `vnarchive: message` (controls made visible) on stderr; the Exit to raise."""
    print(f"vnarchive: {visible(message)}", file=sys.stderr)
    return typer.Exit(code)


def one_line(e: BaseException) -> str:
    """`Type: first line of the message` (a DuckDB error can run to a C++ stack trace)."""
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0] if text else ''}".rstrip(": ")


def check_db(db: str, must_exist: bool) -> None:
    """CheckFailed unless `db` is an archive file we can use, or (when it need not exist) a
    path where one can be created."""
    if os.path.isdir(db):
        raise CheckFailed(f"--db {db} is a folder, not an archive file")
    if os.path.exists(db):
        if not os.path.isfile(db):
            raise CheckFailed(f"--db {db} is not a regular file")
        try:
            with open(db, "rb") as f:
                head = f.read(16)
        except OSError as e:
            raise CheckFailed(f"--db {db}: cannot read it: {e.strerror or e}") from None
        if head[8:12] != DUCKDB_MAGIC:
            raise CheckFailed(f"--db {db} is not a vnarchive archive (not a DuckDB database file)")
        return
    if must_exist:
        raise CheckFailed(f"no archive at {db} (run `vnarchive ingest` first, or pass --db)")
    parent = os.path.dirname(os.path.abspath(db))
    while not os.path.exists(parent):
        parent = os.path.dirname(parent)
    if not os.path.isdir(parent) or not os.access(parent, os.W_OK | os.X_OK):
        raise CheckFailed(f"--db {db}: cannot create it ({parent} is not a folder we can write to)")


def check_sources(paths: list[str]) -> None:
    """Load every sources file now, so a bad one stops the command before the archive is touched."""
    from flows.sources import SourceConfigError, load_sources
    for p in paths:
        try:
            load_sources(p)
        except SourceConfigError as e:
            raise CheckFailed(str(e)) from None
