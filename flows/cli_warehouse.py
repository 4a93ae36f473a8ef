"""`vnarchive sql`, `vnarchive export`, `vnarchive search`: reading the archive (`vnarchive resolve`:
flows/cli_resolve.py)."""
from __future__ import annotations

import csv
import json
import sys
from datetime import date, datetime

import typer

from flows.cli_app import DEFAULT_DB, app
from flows.cli_checks import CheckFailed, check_db, fail, one_line
from flows.display import markup_safe, text



def _fail(msg: str, code: int = 2):
    raise fail(msg, code)


def _open_ro(db: str, wait: float = 15.0):
    """Open read-only; while an ingest holds the file (it closes it between batches), retry for `wait` s."""
    from warehouse.archive import Archive
    try:
        check_db(db, must_exist=True)
    except CheckFailed as e:
        _fail(str(e))
    return _retry_locked(lambda: Archive.open(db, read_only=True), db, wait)


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
        t = Table(title=markup_safe(title) if title else None, show_lines=False)
        for c in cols:
            t.add_column(c, overflow="fold")
        for r in rows:
            t.add_row(*[text(None if v is None else _plain(v)) for v in r])
        Console(width=max(Console().width, 160)).print(t)
    else:
        _fail(f"--format must be table, csv or json, not {fmt!r}")


@app.command()
def sql(query: str = typer.Argument(..., help="SQL to run: one statement that reads"),
        db: str = typer.Option(DEFAULT_DB, "--db", help="archive file"),
        fmt: str = typer.Option("table", "--format", help="table | csv | json")):
    """Run one read-only SQL statement on the archive (tables, and views such as person_timeline)."""
    import duckdb

    from flows.sql_guard import open_guarded, refusal
    if fmt not in ("table", "csv", "json"):
        _fail(f"--format must be table, csv or json, not {fmt!r}")
    try:
        check_db(db, must_exist=True)
    except CheckFailed as e:
        _fail(str(e))
    con = _retry_locked(lambda: open_guarded(db), db)
    try:
        msg = refusal(con, query)
        if msg:
            _fail(msg, code=1 if msg.startswith("cannot") else 3)
        try:
            cur = con.execute(query)
            cols = [d[0] for d in cur.description] if cur.description else []
            rows = cur.fetchall() if cols else []
        except duckdb.Error as e:
            _fail(f"query failed: {one_line(e)}", code=1)
        _print_rows(cols, rows, fmt)
    finally:
        con.close()


def _retry_locked(open_fn, db: str, wait: float = 15.0):
    """open_fn(), retried for `wait` s while an ingest holds the file (it closes it between batches)."""
    import time
    deadline = time.monotonic() + wait
    while True:
        try:
            return open_fn()
        except Exception as e:  # duckdb.IOException: locked by a writer, damaged, not a DuckDB file
            if "lock" in str(e).lower() and time.monotonic() < deadline:
                time.sleep(0.05)
                continue
            _fail(f"cannot open {db} read-only: {one_line(e)}")


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
