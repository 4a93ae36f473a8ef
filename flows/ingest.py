"""The ingestion flows: files, folders, URLs and registry sources into the archive.

    inputs ─► batches of files ──────────────► extract-files (task, maybe on Dask) ─┐
           └► sources: discover ─► filter ─► fetch-batch (conditional GET) ─►       ├─► Writer.store_batch
                       (+ PDF/DOCX linked from fetched pages)   extract-raws ───────┘   (flow process)

Tasks take batches; the flow process is the only writer. Each batch is stored in submission
order (so ids and row order do not depend on which worker finished first)."""
from __future__ import annotations

import contextlib
import functools
import os
import time
from collections import deque
from dataclasses import asdict
from datetime import datetime, timezone

from prefect import flow, get_run_logger

from flows import progress
from flows.tasks import (Outcome, discover_source, drop_fetcher, extract_files, extract_raws, fetch_batch,
                         register_fetcher)
from flows.writer import Writer
from extractors.types import RawItem

DEFAULT_BATCH = 250
FETCH_BATCH = 50
MAX_NOTES = 20
# summary rows: label → archive tables whose row counts it shows (first one present wins)
SUMMARY = {
    "documents": ("documents",),
    "versions": ("document_versions",),
    "people": ("people", "person_mentions"),
    "positions": ("positions",),
    "units": ("units", "unit_mentions"),
    "awards": ("awards",),
    "dates": ("date_mentions",),
    "references": ("legal_refs",),
    "movements": ("movement_mentions", "movements"),
    "raw objects": ("raw_objects",),
}
# tables that log activity (they grow on every run by design)
LOG_TABLES = ("runs", "fetch_log")


def is_url(s: str) -> bool:
    return s.startswith(("http://", "https://"))


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


class Run:
    """State of one flow run: writer, stats, errors, the submission window."""

    def __init__(self, db: str, run_id: str | None, window: int, submit: bool, reprocess: bool = False,
                 refresh_cache: bool = False):
        self.writer = Writer(db)
        self.refresh_cache = refresh_cache
        self.reprocess = reprocess
        self.run_id = run_id
        self.window = window
        self.submit = submit
        self.pending: deque = deque()
        self.seconds = {"read": 0.0, "extract": 0.0, "fetch": 0.0}
        self.counts = {"inputs": 0, "stored": 0, "quarantined": 0, "unchanged": 0, "not_modified": 0,
                       "fetched": 0}
        self.errors: list[str] = []
        self.notes = 0
        self.log = get_run_logger()

    # -- batches ---------------------------------------------------------------------------
    def schedule(self, task, *args, after=None) -> None:
        """Run a batch task: inline (local runner) or submitted (Dask), keeping at most
        `window` batches in flight; finished batches are stored in order, then `after()` runs
        (e.g. recording the fetches whose documents the batch holds)."""
        if self.refresh_cache:
            task = task.with_options(refresh_cache=True)
        if not self.submit:
            self._finish(task(*args), after)
            return
        self.pending.append((task.submit(*args), after))
        while len(self.pending) >= self.window:
            self._finish(*self._pop())

    def _pop(self):
        future, after = self.pending.popleft()
        return future.result(), after

    def _finish(self, out: Outcome, after) -> None:
        self.store(out)
        if after is not None:
            after()

    def flush(self) -> None:
        while self.pending:
            self._finish(*self._pop())

    def _note(self, message: str) -> None:
        """A line on the CLI for the first problems of a run (the rest: quarantine list)."""
        self.notes += 1
        if self.notes <= MAX_NOTES:
            progress.current().note(message)
        elif self.notes == MAX_NOTES + 1:
            progress.current().note("[yellow]more problems: see `vnarchive quarantine list`[/]")

    def store(self, out: Outcome) -> None:
        from warehouse.load import LoadItem
        for k, v in out.seconds.items():
            self.seconds[k] = self.seconds.get(k, 0.0) + v
        items = []
        for e in out.entries:
            err = e.get("error")
            if err:
                self.counts["quarantined"] += 1
                self.errors.append(f"{e['raw'].uri}: {err[0]}: {err[1]}")
                self.log.info("quarantined %s: %s: %s", e["raw"].uri, err[0], err[1])
                self._note(f"[yellow]quarantined[/] {e['raw'].uri}: {err[0]}: {err[1]}")
            items.append(LoadItem(raw=e["raw"], doc=e.get("doc"), extraction=e.get("extraction"),
                                  error_reason=err[0] if err else None, error_message=err[1] if err else None,
                                  stage=e.get("stage", "extract")))
        bad = sum(1 for e in out.entries if e.get("error"))
        if bad:
            self.log.warning("%d of %d inputs in this batch quarantined", bad, len(out.entries))
        if items:
            self.writer.call("store_batch", items, self.run_id, reprocess=self.reprocess)
        self.counts["stored"] += sum(1 for e in out.entries if not e.get("error"))
        progress.current().advance("documents", len(out.entries))


# -- inputs ---------------------------------------------------------------------------------
def split_inputs(inputs: list[str], sources_file: str | None) -> tuple[list[str], list, list[str]]:
    """(files, sources, urls): files from paths and folders, sources from TOML files, URLs as given."""
    from extractors.read import iter_input_files
    from flows.sources import load_sources
    sources = load_sources(sources_file) if sources_file else []
    urls = [i for i in inputs if is_url(i)]
    paths = [i for i in inputs if not is_url(i)]
    tomls = [p for p in paths if p.endswith(".toml") and os.path.isfile(p)]
    for t in tomls:
        sources.extend(load_sources(t))
    files = iter_input_files([p for p in paths if p not in tomls])
    return files, sources, urls


def chunks(seq: list, n: int) -> list[list]:
    return [seq[i:i + n] for i in range(0, len(seq), max(1, n))]


def ingest_files(run: Run, files: list[str], batch_size: int, cwd: str) -> None:
    if not files:
        return
    run.counts["inputs"] += len(files)
    progress.current().start("documents", len(files))
    for batch in chunks(files, batch_size):
        run.schedule(extract_files, batch, cwd)


# -- web ------------------------------------------------------------------------------------
def _fetch_record(res) -> dict:
    item = res.item
    return {"url": res.url, "final_url": res.final_url, "status": res.status, "etag": res.etag,
            "last_modified": res.last_modified, "sha256": item.sha256 if item else None,
            "fetched_at": item.fetched_at if item else _now(), "source_name": item.source_name if item else None,
            "not_modified": res.not_modified, "error": res.error_reason}


class _SourceFailed(Exception):
    def __init__(self, reason: str, message: str):
        super().__init__(f"{reason}: {message}")
        self.reason, self.message = reason, message


def _failed_raw(url: str, source_name: str, res=None) -> RawItem:
    return RawItem(uri=url, data=b"", status=getattr(res, "status", None), source_name=source_name,
                   fetched_at=_now(), canonical_url=url)


def ingest_source(run: Run, source, fetcher, fetcher_key: str, batch_size: int, cwd: str) -> None:
    """discover → filter → conditional fetch → record → extract (+ linked documents) → store."""
    from flows.discover import document_links
    src = {k: v for k, v in asdict(source).items() if not k.startswith("_")}
    t0 = time.perf_counter()
    try:
        # URLs given on the command line are fetched as given (robots.txt is still checked by
        # the fetch, so a refusal or an unreachable host is quarantined with its reason)
        found = list(source.urls) if source.name.startswith("adhoc:") and source.kind == "urls" \
            else discover_source(src, fetcher_key)
        if isinstance(found, tuple):
            raise _SourceFailed(*found)
    except Exception as e:  # the source is unreadable, or a bug after the task's retries
        reason = getattr(e, "reason", "discovery_failed")
        message = getattr(e, "message", f"{type(e).__name__}: {e}")
        run.errors.append(f"{source.name}: {reason}: {message}")
        run.log.warning("source %s: %s: %s", source.name, reason, message)
        run._note(f"[red]source {source.name}[/]: {reason}: {message}")
        run.writer.call("store_batch", [_load_error(_failed_raw(source.url, source.name), reason, message, "fetch")],
                        run.run_id)
        run.counts["quarantined"] += 1
        run.seconds["fetch"] += time.perf_counter() - t0
        return
    run.seconds["fetch"] += time.perf_counter() - t0
    if source.kind == "folder":
        ingest_files(run, found, batch_size, cwd)
        return
    state = run.writer.call("source_state", source.name) or {}
    seen = set(state.get("seen", []))
    known = run.writer.call("fetch_states", found) or {}
    new = [u for u in found if u not in known and u not in seen][:max(0, source.max_new_per_run)]
    todo = [u for u in found if u in known or u in seen] + new
    done: set[str] = set(todo)
    progress.current().start("fetch", len(todo))
    queue = list(todo)
    while queue:
        batch, queue = queue[:FETCH_BATCH], queue[FETCH_BATCH:]
        states = run.writer.call("fetch_states", batch) or {}
        t0 = time.perf_counter()
        results = fetch_batch(batch, states, src, fetcher_key, threads=4)
        run.seconds["fetch"] += time.perf_counter() - t0
        progress.current().advance("fetch", len(batch))
        raws, failed, linked = [], [], []
        for url, res in zip(batch, results):
            run.counts["fetched"] += 1
            if res.error_reason:
                failed.append(_load_error(_failed_raw(url, source.name, res), res.error_reason,
                                          res.error_message or res.error_reason, "fetch"))
                run.errors.append(f"{url}: {res.error_reason}: {res.error_message}")
                run._note(f"[yellow]fetch failed[/] {url}: {res.error_reason}: {res.error_message}")
                continue
            seen.add(url)
            if res.not_modified:
                run.counts["not_modified"] += 1
                continue
            if (states.get(url) or {}).get("sha256") == res.item.sha256:
                run.counts["unchanged"] += 1
                continue
            raws.append(res.item)
            if _is_html(res.item):
                for link in document_links(res.item.data, res.final_url):
                    if link not in done and fetcher.robots_allowed(link, source.allowed_hosts):
                        done.add(link)
                        linked.append(link)
        if failed:
            run.writer.call("store_batch", failed, run.run_id)
            run.counts["quarantined"] += len(failed)
        if linked:
            queue.extend(linked)
            progress.current().start("fetch", len(linked))
        # validators are recorded only once the documents they describe are stored: a run that
        # dies in between re-downloads them next time instead of getting a 304 for lost pages
        records = [_fetch_record(r) for r in results]
        record = functools.partial(run.writer.call, "record_fetches", records)
        if raws:
            run.counts["inputs"] += len(raws)
            progress.current().start("documents", len(raws))
            parts = chunks(raws, batch_size)
            for i, part in enumerate(parts):
                run.schedule(extract_raws, part, after=record if i == len(parts) - 1 else None)
        else:
            record()
    run.flush()
    state.update({"seen": sorted(seen), "last_run": _now(), "last_discovered": len(found)})
    run.writer.call("set_source_state", source.name, state)


def _is_html(item: RawItem) -> bool:
    ct = (item.content_type or "").lower()
    return "html" in ct or item.data[:200].lstrip().lower().startswith((b"<!doctype html", b"<html"))


def _load_error(raw: RawItem, reason: str, message: str, stage: str):
    from warehouse.load import LoadItem
    return LoadItem(raw=raw, doc=None, extraction=None, error_reason=reason, error_message=message, stage=stage)


def make_fetcher(sources: list, allow_private: bool):
    from flows.fetch import Fetcher
    rates: dict[str, float] = {}
    for s in sources:
        for h in s.allowed_hosts:
            rates[h] = min(rates.get(h, s.rate_per_sec), s.rate_per_sec)
    return Fetcher(allow_private=allow_private, per_host_rate=rates, retries=2)


# -- the flows ------------------------------------------------------------------------------
def _flow_run_id() -> str | None:
    from prefect.runtime import flow_run
    return flow_run.id



def _counts(writer: Writer) -> dict[str, int]:
    """Row count per table, plus `quarantine_open` (quarantined and not resolved since)."""
    with writer.archive() as arc:
        counts = arc.table_counts()
        counts["quarantine_open"] = sum(r["count"] for r in arc.quarantine_summary())
    return counts


def run_ingest(*, kind: str, db: str, inputs: list[str], sources_file: str | None, batch_size: int,
               allow_private: bool, submit: bool, window: int, raws_from_archive: bool = False,
               params: dict | None = None, refresh_cache: bool = False) -> dict:
    """Body shared by the ingest, nightly and reprocess flows."""
    cwd = os.getcwd()
    t_start = time.perf_counter()
    writer = Writer(db)
    with writer.archive() as arc:   # the writer lock is held: a run still "running" was killed mid-run
        arc.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
    before = _counts(writer)
    run_id = writer.call("start_run", kind, params or {}, _flow_run_id())
    run = Run(db, run_id, window=window, submit=submit, reprocess=raws_from_archive, refresh_cache=refresh_cache)
    run.writer = writer
    status = "completed"
    fetcher_key = f"{run_id}"
    try:
        if raws_from_archive:
            reprocess_raws(run, batch_size)
        else:
            files, sources, urls = split_inputs(inputs, sources_file)
            ingest_files(run, files, batch_size, cwd)
            if sources or urls:
                fetcher = make_fetcher(sources, allow_private)
                register_fetcher(fetcher_key, fetcher)
                try:
                    from flows.sources import source_for_url
                    for u in urls:
                        sources.append(source_for_url(u, fetcher=fetcher))
                    for s in sources:
                        ingest_source(run, s, fetcher, fetcher_key, batch_size, cwd)
                finally:
                    drop_fetcher(fetcher_key)
        run.flush()
        with writer.archive() as arc:
            arc.resolve_entities()
            arc.refresh_search()
    except BaseException as e:
        status = "failed"
        run.errors.append(f"{type(e).__name__}: {e}")
        raise
    finally:
        with contextlib.suppress(Exception):
            writer.call("finish_run", run_id, run.counts, run.errors[:1000], status)
    after = _counts(writer)
    wall = time.perf_counter() - t_start
    return {"run_id": run_id, "kind": kind, "status": status, "counts": run.counts,
            "before": before, "after": after, "errors": run.errors, "wall_seconds": wall,
            "seconds": {**run.seconds, "load": writer.seconds}}


def reprocess_raws(run: Run, batch_size: int) -> None:
    """Every stored raw version, re-extracted (no network)."""
    with run.writer.archive() as arc:
        raws = list(arc.raw_items())
    run.counts["inputs"] = len(raws)
    progress.current().start("documents", len(raws))
    for part in chunks(raws, batch_size):
        run.schedule(extract_raws, part)


def _locked(db: str, take_lock: bool, wait: float = 600.0):
    from flows.lock import WriterLock
    return WriterLock(db, wait=wait) if take_lock else contextlib.nullcontext()


@flow(name="vnarchive-ingest", log_prints=False, persist_result=False, validate_parameters=False)
def ingest_flow(inputs: list[str], db: str = "data/archive.duckdb", sources_file: str | None = None,
                batch_size: int = DEFAULT_BATCH, allow_private: bool = False, submit: bool = False,
                window: int = 1, take_lock: bool = True, refresh_cache: bool = False) -> dict:
    """Ingest files, folders, URLs and sources files into the archive."""
    with _locked(db, take_lock):
        return run_ingest(kind="ingest", db=db, inputs=inputs, sources_file=sources_file, batch_size=batch_size,
                          allow_private=allow_private, submit=submit, window=window, refresh_cache=refresh_cache,
                          params={"inputs": inputs, "sources_file": sources_file, "batch_size": batch_size})


@flow(name="vnarchive-nightly", log_prints=False, persist_result=False, validate_parameters=False)
def nightly_flow(sources_file: str = "sources.toml", db: str = "data/archive.duckdb",
                 batch_size: int = DEFAULT_BATCH, allow_private: bool = False, take_lock: bool = True) -> dict:
    """Scheduled ingestion of every source in a registry file (only what is new or changed)."""
    with _locked(db, take_lock):
        return run_ingest(kind="nightly", db=db, inputs=[], sources_file=sources_file, batch_size=batch_size,
                          allow_private=allow_private, submit=False, window=1,
                          params={"sources_file": sources_file, "batch_size": batch_size})


@flow(name="vnarchive-reprocess", log_prints=False, persist_result=False, validate_parameters=False)
def reprocess_flow(db: str = "data/archive.duckdb", batch_size: int = DEFAULT_BATCH, submit: bool = False,
                   window: int = 1, take_lock: bool = True, refresh_cache: bool = False) -> dict:
    """Rebuild every entity from the stored raw bytes (no network)."""
    with _locked(db, take_lock):
        return run_ingest(kind="reprocess", db=db, inputs=[], sources_file=None, batch_size=batch_size,
                          allow_private=False, submit=submit, window=window, raws_from_archive=True,
                          refresh_cache=refresh_cache,
                          params={"batch_size": batch_size})
