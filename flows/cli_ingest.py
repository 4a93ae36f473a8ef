"""`vnarchive ingest | reprocess | status | quarantine list/retry | deployments | serve`."""
from __future__ import annotations

import json
import os
import sys

import typer

from flows.cli_app import DEFAULT_DB, app, quarantine_app
from flows.runtime import configure_env

DB_OPT = typer.Option(DEFAULT_DB, "--db", help="archive file")


def _err(msg: str, code: int = 2) -> typer.Exit:
    print(f"vnarchive: {msg}", file=sys.stderr)
    return typer.Exit(code)


def _console():
    from rich.console import Console
    return Console(highlight=False)


@app.command()
def ingest(inputs: list[str] = typer.Argument(None, help="files, folders, URLs (feed, sitemap, article) or sources .toml"),
           db: str = DB_OPT,
           sources: str = typer.Option(None, "--sources", help="a sources TOML file (see sources.toml)"),
           runner: str = typer.Option("local", "--runner", help="local | dask"),
           dask_address: str = typer.Option(None, "--dask-address", help="scheduler of an existing Dask cluster"),
           batch_size: int = typer.Option(250, "--batch-size", min=1, help="documents per task"),
           allow_private: bool = typer.Option(False, "--allow-private", help="allow 127.0.0.1 etc. (tests)"),
           wait: float = typer.Option(0.0, "--wait", help="seconds to wait for another ingest to finish"),
           no_cache: bool = typer.Option(False, "--no-cache", help="re-extract batches even if cached"),
           as_json: bool = typer.Option(False, "--json", help="print the run summary as JSON"),
           verbose: bool = typer.Option(False, "--verbose", "-v", help="Prefect INFO logs")):
    """Read/fetch, extract and load documents into the archive (a Prefect flow)."""
    inputs = inputs or []
    if not inputs and not sources:
        raise _err("nothing to ingest: give files, folders, URLs or --sources FILE")
    missing = [p for p in inputs if not p.startswith(("http://", "https://")) and not os.path.exists(p)]
    if missing:
        raise _err(f"no such file or folder: {', '.join(missing)}")
    if sources and not os.path.isfile(sources):
        raise _err(f"no such sources file: {sources}")
    if runner not in ("local", "dask"):
        raise _err(f"--runner must be local or dask, not {runner!r}")
    result = _run("ingest", db, wait, verbose, runner=runner, dask_address=dask_address, inputs=inputs,
                  sources_file=sources, batch_size=batch_size, allow_private=allow_private, refresh_cache=no_cache)
    _report(result, as_json)


@app.command()
def reprocess(db: str = DB_OPT,
              runner: str = typer.Option("local", "--runner", help="local | dask"),
              dask_address: str = typer.Option(None, "--dask-address"),
              batch_size: int = typer.Option(250, "--batch-size", min=1),
              wait: float = typer.Option(0.0, "--wait"),
              no_cache: bool = typer.Option(False, "--no-cache", help="re-extract batches even if cached"),
              as_json: bool = typer.Option(False, "--json"),
              verbose: bool = typer.Option(False, "--verbose", "-v")):
    """Rebuild every entity from the stored raw bytes (no network needed)."""
    if not os.path.exists(db):
        raise _err(f"no archive at {db}")
    result = _run("reprocess", db, wait, verbose, runner=runner, dask_address=dask_address, batch_size=batch_size,
                  refresh_cache=no_cache)
    _report(result, as_json)


def _run(kind: str, db: str, wait: float, verbose: bool, runner: str = "local", dask_address: str | None = None,
         **params) -> dict:
    configure_env(verbose)
    from flows.lock import ArchiveBusy, WriterLock
    from flows.progress import RichReporter, reporting
    try:
        lock = WriterLock(db, wait=wait).__enter__()
    except ArchiveBusy as e:
        raise _err(str(e), 3) from None
    try:
        from flows.ingest import ingest_flow, reprocess_flow
        from flows.runners import run_flow
        flow_fn = ingest_flow if kind == "ingest" else reprocess_flow
        with reporting(RichReporter()):
            return run_flow(flow_fn, runner=runner, dask_address=dask_address, db=db, take_lock=False, **params)
    except Exception as e:
        if verbose:
            raise
        raise _err(f"{kind} failed: {type(e).__name__}: {e}", 1) from None
    finally:
        lock.__exit__(None, None, None)


def summary_rows(result: dict) -> list[tuple[str, int, int]]:
    """(label, total, new this run) for the summary table."""
    from flows.ingest import SUMMARY
    before, after = result["before"], result["after"]
    rows = []
    for label, names in SUMMARY.items():
        name = next((n for n in names if n in after), None)
        if name is not None:
            rows.append((label, after[name], after[name] - before.get(name, 0)))
    rows.append(("quarantined", after.get("quarantine_open", after.get("quarantine", 0)),
                 result["counts"].get("quarantined", 0)))
    return rows


def _report(result: dict, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result, ensure_ascii=False, default=str))
        return
    from rich.table import Table
    c = result["counts"]
    con = _console()
    con.print(f"{result['kind']} run {result['run_id']}: {c['inputs']} inputs, {c['stored']} stored, "
              f"{c['quarantined']} quarantined in {result['wall_seconds']:.1f} s")
    t = Table()
    t.add_column("table")
    t.add_column("total", justify="right")
    t.add_column("new", justify="right")
    for label, total, new in summary_rows(result):
        t.add_row(label, str(total), f"+{new}" if new > 0 else str(new))
    con.print(t)
    extra = [f"{k.replace('_', ' ')}: {v}" for k, v in c.items() if k in ("fetched", "not_modified", "unchanged") and v]
    if extra:
        con.print("web: " + ", ".join(extra))
    if c.get("quarantined"):
        con.print(f"{c['quarantined']} input(s) quarantined this run: see `vnarchive quarantine list`")


@app.command()
def status(db: str = DB_OPT, runs: int = typer.Option(5, "--runs", help="last runs to show"),
           as_json: bool = typer.Option(False, "--json")):
    """Row counts per table, the last runs and quarantine counts by reason."""
    from flows.writer import Writer
    if not os.path.exists(db):
        raise _err(f"no archive at {db}")
    w = Writer(db, open_wait=30)
    with w.archive(read_only=True) as arc:
        counts = arc.table_counts()
        last = arc.last_runs(runs)
        quarantine = arc.quarantine_summary()
    if as_json:
        print(json.dumps({"tables": counts, "runs": last, "quarantine": quarantine}, ensure_ascii=False, default=str))
        return
    from rich.table import Table
    con = _console()
    t = Table(title="tables", title_justify="left")
    t.add_column("table")
    t.add_column("rows", justify="right")
    for name, n in counts.items():
        t.add_row(name, str(n))
    con.print(t)
    r = Table(title="last runs", title_justify="left")
    for col in ("run", "kind", "status", "started (UTC)", "seconds", "counts"):
        r.add_column(col)
    for row in last:
        started, finished = row.get("started_at"), row.get("finished_at")
        secs = f"{(finished - started).total_seconds():.1f}" if started and finished else ""
        counts = ", ".join(f"{k} {v}" for k, v in (row.get("counts") or {}).items() if v)
        r.add_row(row["run_id"][:8], row["kind"], row["status"], str(started)[:19], secs, counts)
    con.print(r)
    q = Table(title="quarantine by reason", title_justify="left")
    q.add_column("reason")
    q.add_column("items", justify="right")
    for reason, n in _reason_counts(quarantine):
        q.add_row(reason, str(n))
    con.print(q)


def _reason_counts(summary) -> list[tuple[str, int]]:
    if isinstance(summary, dict):
        return sorted(summary.items())
    return [(row["reason"], row.get("n", row.get("count", 0))) if isinstance(row, dict) else (row[0], row[1])
            for row in summary]


def _short(v) -> str:
    if v is None:
        return ""
    s = json.dumps(v, ensure_ascii=False, default=str) if isinstance(v, (dict, list)) else str(v)
    return s if len(s) <= 80 else s[:77] + "..."


def quarantine_items(arc, include_resolved: bool = False) -> list[dict]:
    """Quarantine rows as dicts (Archive.quarantine_items when the warehouse has it)."""
    if hasattr(arc, "quarantine_items"):
        return arc.quarantine_items(include_resolved=include_resolved)
    where = "" if include_resolved else "WHERE resolved_at IS NULL"
    cur = arc.con.execute(f"SELECT uri, doc_key, source_name, sha256, stage, reason, message, http_status, "
                          f"quarantined_at, resolved_at FROM quarantine {where} ORDER BY quarantined_at, uri")
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, r)) for r in cur.fetchall()]


@quarantine_app.command("list")
def quarantine_list(db: str = DB_OPT, as_json: bool = typer.Option(False, "--json"),
                    all_items: bool = typer.Option(False, "--all", help="also items resolved since")):
    """Quarantined inputs with their stage and reason."""
    from flows.writer import Writer
    if not os.path.exists(db):
        raise _err(f"no archive at {db}")
    with Writer(db, open_wait=30).archive(read_only=True) as arc:
        rows = quarantine_items(arc, include_resolved=all_items)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False, default=str))
        return
    from rich.table import Table
    t = Table(title=f"{len(rows)} quarantined", title_justify="left")
    for col in ("uri", "stage", "reason", "message"):
        t.add_column(col, overflow="fold")
    for row in rows:
        t.add_row(*[_short(row.get(col)) for col in ("uri", "stage", "reason", "message")])
    _console().print(t)


@quarantine_app.command("retry")
def quarantine_retry(db: str = DB_OPT, allow_private: bool = typer.Option(False, "--allow-private"),
                     wait: float = typer.Option(0.0, "--wait"), as_json: bool = typer.Option(False, "--json"),
                     verbose: bool = typer.Option(False, "--verbose", "-v")):
    """Re-read or re-fetch quarantined inputs; those that now succeed leave quarantine."""
    if not os.path.exists(db):
        raise _err(f"no archive at {db}")
    configure_env(verbose)
    from flows.lock import ArchiveBusy, WriterLock
    try:
        with WriterLock(db, wait=wait):
            from flows.writer import Writer
            with Writer(db).archive() as arc:
                rows = quarantine_items(arc, include_resolved=False)
            if not rows:
                print("vnarchive: nothing in quarantine")
                return
            files = sorted({r["uri"] for r in rows if not r["uri"].startswith(("http://", "https://"))
                            and os.path.isfile(r["uri"])})
            urls = sorted({r["uri"] for r in rows if r["uri"].startswith(("http://", "https://"))})
            gone = sorted({r["uri"] for r in rows} - set(files) - set(urls))
            for g in gone:
                print(f"vnarchive: {g}: no longer readable, left in quarantine", file=sys.stderr)
            if not files and not urls:
                return
            from flows.ingest import ingest_flow
            from flows.runners import run_flow
            from flows.progress import RichReporter, reporting
            with reporting(RichReporter()):
                result = run_flow(ingest_flow, db=db, take_lock=False, inputs=files + urls, sources_file=None,
                                  batch_size=250, allow_private=allow_private)
    except ArchiveBusy as e:
        raise _err(str(e), 3) from None
    _report(result, as_json)


@app.command()
def deployments(as_json: bool = typer.Option(False, "--json")):
    """The scheduled deployments defined in flows/deployments.py."""
    from flows.deployments import specs
    rows = [s.as_dict() for s in specs()]
    if as_json:
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    from rich.table import Table
    t = Table(title="deployments (vnarchive serve)", title_justify="left")
    for col in ("name", "flow", "cron", "timezone", "parameters"):
        t.add_column(col)
    for r in rows:
        t.add_row(r["name"], r["flow"], r["cron"], r["timezone"], json.dumps(r["parameters"], ensure_ascii=False))
    _console().print(t)


@app.command()
def serve(sources: str = typer.Option("sources.toml", "--sources"), db: str = DB_OPT):
    """Serve the deployments (nightly ingestion, weekly reprocess) until interrupted."""
    configure_env(False)
    from flows.deployments import serve_all
    serve_all(sources_file=sources, db=db)
