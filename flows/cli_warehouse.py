"""`vnarchive sql`, `vnarchive export`, `vnarchive search`: reading the archive (`vnarchive resolve`:
flows/cli_resolve.py)."""
from __future__ import annotations

import csv
import json
import re
import sys
from datetime import date, datetime

import typer

from flows.cli_app import DEFAULT_DB, app

_READ_TYPES = {"SELECT", "EXPLAIN", "PRAGMA", "CALL"}  # PRAGMA/CALL: table_info and friends; the
# connection is read-only, so any that would write fail anyway


def _fail(msg: str, code: int = 2):
    print(f"vnarchive: {msg}", file=sys.stderr)
    raise typer.Exit(code)


def _open_ro(db: str, wait: float = 15.0):
    """Open read-only; while an ingest holds the file (it closes it between batches), retry for `wait` s."""
    import time

    from warehouse.archive import Archive
    deadline = time.monotonic() + wait
    while True:
        try:
            return Archive.open(db, read_only=True)
        except FileNotFoundError:
            _fail(f"no archive at {db} (run `vnarchive ingest` first, or pass --db)")
        except Exception as e:  # duckdb.IOException: locked by a writer, not a DuckDB file
            if "lock" in str(e).lower() and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            _fail(f"cannot open {db} read-only: {e}")


def _plain(v):
    if isinstance(v, (date, datetime)):
        return v.isoformat()
    if isinstance(v, bytes):
        return v.hex()
    return v


def _print_rows(cols: list[str], rows: list[tuple], fmt: str, title: str | None = None) -> None:
    if fmt == "csv":
        w = csv.writer(sys.stdout, lineterminator="\n")
        w.writerow(cols)
        w.writerows([[_plain(v) for v in r] for r in rows])
    elif fmt == "json":
        sys.stdout.write(json.dumps([{c: _plain(v) for c, v in zip(cols, r)} for r in rows],
                                    ensure_ascii=False, indent=1, default=str) + "\n")
    elif fmt == "table":
        from rich.console import Console
        from rich.table import Table
        t = Table(title=title, show_lines=False)
        for c in cols:
            t.add_column(c, overflow="fold")
        for r in rows:
            t.add_row(*["" if v is None else str(_plain(v)) for v in r])
        Console(width=max(Console().width, 160)).print(t)
    else:
        _fail(f"--format must be table, csv or json, not {fmt!r}")


_EXPLAIN = re.compile(r"^(?:\s|--[^\n]*\n|/\*.*?\*/)*EXPLAIN\s*(?:\([^)]*\)\s*)?(?:ANALY[SZ]E\b)?", re.I | re.S)


def read_only_check(con, query: str) -> str | None:
    """None when every statement only reads; else the message refusing it."""
    import duckdb
    try:
        stmts = con.extract_statements(query)
    except duckdb.Error as e:
        return f"cannot parse the query: {e}"
    if not stmts:
        return "empty query"
    for s in stmts:
        kind = s.type.name if hasattr(s.type, "name") else str(s.type)
        if kind == "EXPLAIN":   # EXPLAIN ANALYZE runs its statement: check that one (COPY TO would write)
            inner = _EXPLAIN.sub("", s.query, count=1)
            if inner == s.query or (msg := read_only_check(con, inner)):
                return msg or "refused: an EXPLAIN whose statement cannot be checked"
        if kind not in _READ_TYPES:
            return (f"refused: {kind} statement. `vnarchive sql` only runs queries that read "
                    "(SELECT, WITH, SHOW, DESCRIBE, EXPLAIN) on the archive, opened read-only.")
    return None


@app.command()
def sql(query: str = typer.Argument(..., help="SQL to run (read-only)"),
        db: str = typer.Option(DEFAULT_DB, "--db", help="archive file"),
        fmt: str = typer.Option("table", "--format", help="table | csv | json")):
    """Run a read-only SQL query on the archive (tables, and views such as person_timeline)."""
    import duckdb
    archive = _open_ro(db)
    try:
        msg = read_only_check(archive.con, query)
        if msg:
            _fail(msg, code=1 if msg.startswith("cannot parse") else 3)
        archive.con.execute("SET enable_external_access = false")   # no files, extensions or network
        try:
            cur = archive.con.execute(query)
            cols = [d[0] for d in cur.description] if cur.description else []
            rows = cur.fetchall() if cols else []
        except duckdb.Error as e:
            _fail(f"query failed: {e}", code=1)
        _print_rows(cols, rows, fmt)
    finally:
        archive.close()


@app.command()
def export(out: str = typer.Option(..., "--out", help="output folder (nothing is written outside it)"),
           fmt: str = typer.Option("parquet", "--format", help="parquet | csv | jsonl | sqlite"),
           db: str = typer.Option(DEFAULT_DB, "--db", help="archive file")):
    """Export every table and view, with a Frictionless datapackage.json and a README (or, with
    --format sqlite, the read-only SQLite mirror `vnarchive browse` serves, with its Datasette metadata)."""
    from warehouse.export import FORMATS, export_archive
    if fmt == "sqlite":
        from flows.cli_browse import export_sqlite
        return export_sqlite(db, out)
    if fmt not in FORMATS:
        _fail(f"--format must be one of {', '.join([*FORMATS, 'sqlite'])}")
    archive = _open_ro(db)
    try:
        pkg = export_archive(archive.con, out, fmt)
    except (ValueError, OSError) as e:   # a file in --out that resolves outside it; an unwritable folder
        _fail(f"export failed: {e}", 1)
    finally:
        archive.close()
    total = sum(r["rows"] for r in pkg["resources"])
    print(f"exported {len(pkg['resources'])} files ({total} rows) to {out}")


@app.command()
def search(query: str = typer.Argument(..., help="words to find (with or without diacritics)"),
           db: str = typer.Option(DEFAULT_DB, "--db", help="archive file"),
           limit: int = typer.Option(10, "--limit", min=1, help="number of results"),
           fmt: str = typer.Option("table", "--format", help="table | csv | json")):
    """Full-text search over document bodies, ranked by BM25, with a snippet and the document date."""
    from warehouse.search import has_index, is_stale
    archive = _open_ro(db)
    if is_stale(archive.con):
        archive.close()
        _rebuild(db)
        archive = _open_ro(db)
    try:
        if not has_index(archive.con):
            _fail("the search index is not built and the archive is locked by a writer; try again later", 1)
        hits = archive.search(query, limit)
    finally:
        archive.close()
    cols = ["rank", "score", "published_on", "title", "snippet", "document_id"]
    rows = [(i + 1, h["score"], h["published_on"], h["title"], h["snippet"], h["document_id"])
            for i, h in enumerate(hits)]
    if not rows and fmt == "table":
        print(f"no documents match {query!r}")
        return
    _print_rows(cols, rows, fmt, title=f"search: {query}")


def _rebuild(db: str) -> None:
    """Build the stale index with a short-lived writable connection (skipped if a writer holds the file)."""
    from warehouse.archive import Archive
    try:
        with Archive.open(db) as a:
            a.refresh_search()
    except Exception as e:  # locked by a running ingest: search what is indexed
        print(f"vnarchive search: index not rebuilt ({e}); results may miss recent documents", file=sys.stderr)
