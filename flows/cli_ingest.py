"""`vnarchive ingest | reprocess | status | quarantine list/retry | deployments | serve`."""
from __future__ import annotations

import contextlib
import json
import os
import sys

import typer

from flows.cli_app import DEFAULT_DB, app, quarantine_app
from flows.cli_checks import CheckFailed, check_db, check_sources, fail, one_line
from extractors.read import display_path
from flows.display import text, visible
from flows.runtime import configure_env

DB_OPT = typer.Option(DEFAULT_DB, "--db", help="archive file")
DOC_TIMEOUT_OPT = typer.Option(None, "--doc-timeout", min=1,
                               help="seconds to read and extract one document before it is quarantined as too_slow "
                                    "(default 30)")
DOC_MEMORY_OPT = typer.Option(None, "--doc-memory", min=64,
                              help="MiB of memory an extraction worker may use on one document before it is "
                                   "quarantined as too_large (default 512)")


def _err(msg: str, code: int = 2) -> typer.Exit:
    return fail(msg, code)


def _console():
    from rich.console import Console
    return Console(highlight=False)


def _checked(fn, *args) -> None:
    try:
        fn(*args)
    except CheckFailed as e:
        raise _err(str(e)) from None


@app.command()
def ingest(inputs: list[str] = typer.Argument(None, help="files, folders, URLs (feed, sitemap, article) or sources .toml"),
           db: str = DB_OPT,
           sources: str = typer.Option(None, "--sources", help="a sources TOML file (see sources.toml)"),
           runner: str = typer.Option("local", "--runner", help="local | dask"),
           dask_address: str = typer.Option(None, "--dask-address", help="scheduler of an existing Dask cluster"),
           batch_size: int = typer.Option(250, "--batch-size", min=1, help="documents per task"),
           allow_private: bool = typer.Option(False, "--allow-private", help="allow 127.0.0.1 etc. (tests)"),
           follow_symlinks: bool = typer.Option(False, "--follow-symlinks",
                                                help="read links in input folders that lead outside them"),
           doc_timeout: float = DOC_TIMEOUT_OPT, doc_memory: int = DOC_MEMORY_OPT,
           wait: float = typer.Option(0.0, "--wait", help="seconds to wait for another ingest to finish"),
           as_json: bool = typer.Option(False, "--json", help="print the run summary as JSON"),
           verbose: bool = typer.Option(False, "--verbose", "-v", help="Prefect INFO logs, tracebacks")):
    """Read/fetch, extract and load documents into the archive (a Prefect flow)."""
    inputs = inputs or []
    if not inputs and not sources:
        raise _err("nothing to ingest: give files, folders, URLs or --sources FILE")
    missing = [p for p in inputs if not p.startswith(("http://", "https://")) and not os.path.lexists(p)]
    if missing:
        raise _err(f"no such file or folder: {', '.join(missing)}")
    if sources and not os.path.isfile(sources):
        raise _err(f"no such sources file: {sources}")
    if runner not in ("local", "dask"):
        raise _err(f"--runner must be local or dask, not {runner!r}")
    tomls = [p for p in inputs if p.endswith(".toml") and os.path.isfile(p)]
    _checked(check_sources, ([sources] if sources else []) + tomls)
    _checked(check_db, db, False)
    result = _run("ingest", db, wait, verbose, runner=runner, dask_address=dask_address,
                  budget=(doc_timeout, doc_memory), inputs=[display_path(p) for p in inputs], sources_file=sources,
                  batch_size=batch_size, allow_private=allow_private, follow_symlinks=follow_symlinks)
    _report(result, as_json)


@app.command()
def reprocess(db: str = DB_OPT,
              runner: str = typer.Option("local", "--runner", help="local | dask"),
              dask_address: str = typer.Option(None, "--dask-address"),
              batch_size: int = typer.Option(250, "--batch-size", min=1),
              doc_timeout: float = DOC_TIMEOUT_OPT, doc_memory: int = DOC_MEMORY_OPT,
              wait: float = typer.Option(0.0, "--wait"),
              as_json: bool = typer.Option(False, "--json"),
              verbose: bool = typer.Option(False, "--verbose", "-v")):
    """Rebuild every entity from the stored raw bytes (no network needed)."""
    _checked(check_db, db, True)
    result = _run("reprocess", db, wait, verbose, runner=runner, dask_address=dask_address,
                  budget=(doc_timeout, doc_memory), batch_size=batch_size)
    _report(result, as_json)


@contextlib.contextmanager
def _doc_budget(seconds: float | None, memory_mb: int | None):
    """--doc-timeout / --doc-memory as the environment the extraction workers read (also on Dask)."""
    saved = {k: os.environ.get(k) for k in ("VNARCHIVE_DOC_SECONDS", "VNARCHIVE_DOC_MEMORY_MB")}
    if seconds is not None:
        os.environ["VNARCHIVE_DOC_SECONDS"] = str(seconds)
    if memory_mb is not None:
        os.environ["VNARCHIVE_DOC_MEMORY_MB"] = str(memory_mb)
    try:
        yield
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def _run(kind: str, db: str, wait: float, verbose: bool, runner: str = "local", dask_address: str | None = None,
         budget: tuple = (None, None), **params) -> dict:
    configure_env(verbose)
    from flows.lock import ArchiveBusy, WriterLock
    try:
        lock = WriterLock(db, wait=wait).__enter__()
    except ArchiveBusy as e:
        raise _err(str(e), 3) from None
    except OSError as e:
        raise _err(f"--db {db}: cannot create its lock file: {e.strerror or e}") from None
    try:
        from flows.ingest import ingest_flow, reprocess_flow
        from flows.progress import RichReporter, reporting
        from flows.runners import run_flow
        from flows.runtime import shared_api_server
        flow_fn = ingest_flow if kind == "ingest" else reprocess_flow
        with _doc_budget(*budget), shared_api_server(), reporting(RichReporter()):
            return run_flow(flow_fn, runner=runner, dask_address=dask_address, db=db, take_lock=False, **params)
    except Exception as e:
        if verbose:
            raise
        raise _err(f"{kind} failed: {one_line(e)}", 1) from None
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
    parts = [f"{c['inputs']} inputs", f"{c['stored']} stored"] + \
        [f"{c[k]} {k.replace('_', ' ')}" for k in ("unchanged", "not_modified") if c.get(k)] + \
        [f"{c['quarantined']} quarantined"]
    con.print(text(f"{result['kind']} run {result['run_id']}: {', '.join(parts)} in {result['wall_seconds']:.1f} s"))
    t = Table()
    t.add_column("table")
    t.add_column("total", justify="right")
    t.add_column("new", justify="right")
    for label, total, new in summary_rows(result):
        t.add_row(label, str(total), f"+{new}" if new > 0 else str(new))
    con.print(t)
    extra = [f"{k.replace('_', ' ')}: {c[k]}" for k in ("fetched", "deferred", "filtered") if c.get(k)]
    if extra:
        con.print("web: " + ", ".join(extra))
    if c.get("quarantined"):
        con.print(f"{c['quarantined']} input(s) quarantined this run: see `vnarchive quarantine list`")


@app.command()
def status(db: str = DB_OPT, runs: int = typer.Option(5, "--runs", help="last runs to show"),
           as_json: bool = typer.Option(False, "--json")):
    """Row counts per table, the last runs and quarantine counts by reason."""
    _checked(check_db, db, True)
    with _reading(db) as arc:
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
        r.add_row(*[text(v) for v in (row["run_id"][:8], row["kind"], row["status"], str(started)[:19], secs, counts)])
    con.print(r)
    q = Table(title="quarantine by reason", title_justify="left")
    q.add_column("reason")
    q.add_column("items", justify="right")
    for reason, n in _reason_counts(quarantine):
        q.add_row(text(reason), str(n))
    con.print(q)


@contextlib.contextmanager
def _reading(db: str):
    """The archive read-only (waiting for a writer between its batches); one line if it cannot."""
    from flows.writer import Writer
    try:
        with Writer(db, open_wait=30).archive(read_only=True) as arc:
            yield arc
    except Exception as e:  # duckdb.Error: damaged, locked for too long, a newer format
        raise _err(f"cannot read {db}: {one_line(e)}", 1) from None


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
    _checked(check_db, db, True)
    with _reading(db) as arc:
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
        t.add_row(*[text(_short(row.get(col))) for col in ("uri", "stage", "reason", "message")])
    _console().print(t)


@quarantine_app.command("retry")
def quarantine_retry(db: str = DB_OPT, allow_private: bool = typer.Option(False, "--allow-private"),
                     wait: float = typer.Option(0.0, "--wait"), as_json: bool = typer.Option(False, "--json"),
                     verbose: bool = typer.Option(False, "--verbose", "-v")):
    """Re-read or re-fetch quarantined inputs; those that now succeed leave quarantine."""
    from extractors.read import path_from_display
    _checked(check_db, db, True)
    with _reading(db) as arc:
        rows = quarantine_items(arc, include_resolved=False)
    if not rows:
        print("vnarchive: nothing in quarantine")
        return
    uris = {r["uri"] for r in rows}
    urls = sorted(u for u in uris if u.startswith(("http://", "https://")))
    paths = {u: path_from_display(u) for u in uris - set(urls)}
    files = sorted(p for p in paths.values() if os.path.isfile(p))
    for uri in sorted(u for u, p in paths.items() if not os.path.isfile(p)):
        print(f"vnarchive: {visible(uri)}: no longer readable, left in quarantine", file=sys.stderr)
    if not files and not urls:
        return
    result = _run("ingest", db, wait, verbose, inputs=[display_path(f) for f in files] + urls, sources_file=None,
                  batch_size=250, allow_private=allow_private)
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
