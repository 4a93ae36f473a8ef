"""The ingestion flows: files, folders, URLs and registry sources into the archive.

    inputs ─► files read in batches ─► (unchanged: skipped) ─► extract-raws ─┐
           └► sources: discover ─► filter ─► fetch-batch ─► extract-raws ────┴─► Writer.store_batch
              (+ PDF/DOCX linked from fetched pages, same caps)                  (flow process)

extract-raws runs each document in a worker process under a time and memory budget
(flows/extract_pool.py); every input that is refused or fails is quarantined with its reason.

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
from flows.display import markup_safe, visible
from flows.tasks import (Outcome, discover_source, drop_fetcher, extract_raws, fetch_batch, file_key, read_error,
                         read_file, register_fetcher)
from flows.writer import Writer
from extractors.types import RawItem

DEFAULT_BATCH = 250
BATCH_BYTES = 64 * 1024 * 1024   # raw bytes of files read into one batch (the count cap is the batch size)
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

    def __init__(self, db: str, run_id: str | None, window: int, submit: bool, reprocess: bool = False):
        self.writer = Writer(db)
        self.reprocess = reprocess
        self.run_id = run_id
        self.window = window
        self.submit = submit
        self.pending: deque = deque()
        self.seconds = {"read": 0.0, "extract": 0.0, "fetch": 0.0}
        # stored: inputs extracted and stored (new or changed); unchanged: files whose bytes the
        # archive already holds (not extracted again); deferred: URLs left for a later run by
        # max_new_per_run / max_revisit_per_run; filtered: URLs the source's own rules left out
        self.counts = {"inputs": 0, "stored": 0, "quarantined": 0, "unchanged": 0, "not_modified": 0,
                       "fetched": 0, "deferred": 0, "filtered": 0}
        self.errors: list[str] = []
        self.notes = 0
        self.log = get_run_logger()

    # -- batches ---------------------------------------------------------------------------
    def schedule(self, task, *args, after=None) -> None:
        """Run a batch task: inline (local runner) or submitted (Dask), keeping at most
        `window` batches in flight; finished batches are stored in order, then `after()` runs
        (e.g. recording the fetches whose documents the batch holds)."""
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

    def _note(self, label: str, *data: str) -> None:
        """A line on the CLI for the first problems of a run (the rest: quarantine list). `label`
        is our markup; `data` (URIs, messages) is escaped: shown as text, controls visible."""
        self.notes += 1
        if self.notes <= MAX_NOTES:
            progress.current().note(" ".join([label, ": ".join(markup_safe(d) for d in data)]) if data else label)
        elif self.notes == MAX_NOTES + 1:
            progress.current().note("[yellow]more problems: see `vnarchive quarantine list`[/]")

    def quarantine(self, entries: list[dict]) -> None:
        """Store inputs that failed before extraction (read or fetch), with their reasons."""
        if entries:
            self.counts["inputs"] += len(entries)
            self.store(Outcome(entries=entries))

    def report_quarantined(self, uri: str, reason: str, message: str, label: str = "[yellow]quarantined[/]") -> None:
        """Count, log and show one input that goes to quarantine (its row is stored by the caller's batch)."""
        self.counts["quarantined"] += 1
        self.errors.append(f"{uri}: {reason}: {message}")
        self.log.info("quarantined %s: %s: %s", *(visible(v) for v in (uri, reason, message)))
        self._note(label, uri, reason, message)

    def store(self, out: Outcome) -> None:
        from warehouse.load import LoadItem
        for k, v in out.seconds.items():
            self.seconds[k] = self.seconds.get(k, 0.0) + v
        items = []
        for e in out.entries:
            err = e.get("error")
            if err:
                self.report_quarantined(e["raw"].uri, err[0], err[1])
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
def split_inputs(inputs: list[str], sources_file: str | None, follow_symlinks: bool = False):
    """(scan, sources, urls): files from paths and folders (with the paths refused), sources
    from TOML files, URLs as given."""
    from extractors.read import path_from_display, scan_inputs
    from flows.sources import load_sources
    sources = load_sources(sources_file) if sources_file else []
    urls = [i for i in inputs if is_url(i)]
    paths = [path_from_display(i) for i in inputs if not is_url(i)]   # flow parameters are text
    tomls = [p for p in paths if p.endswith(".toml") and os.path.isfile(p)]
    for t in tomls:
        sources.extend(load_sources(t))
    scan = scan_inputs([p for p in paths if p not in tomls], follow_symlinks)
    return scan, sources, urls


def chunks(seq: list, n: int) -> list[list]:
    return [seq[i:i + n] for i in range(0, len(seq), max(1, n))]


def read_batches(files: list[str], batch_size: int, cwd: str):
    """(raws, failures, seconds spent reading) per batch: at most `batch_size` files and
    BATCH_BYTES of them."""
    raws: list[RawItem] = []
    failed: list[dict] = []
    size, t0 = 0, time.perf_counter()
    for path in files:
        raw = read_file(path, cwd)
        if isinstance(raw, tuple):
            failed.append(read_error(file_key(path, cwd), *raw))
        else:
            raws.append(raw)
            size += len(raw.data)
        if len(raws) + len(failed) >= batch_size or size >= BATCH_BYTES:
            yield raws, failed, time.perf_counter() - t0
            raws, failed, size = [], [], 0
            t0 = time.perf_counter()
    if raws or failed:
        yield raws, failed, time.perf_counter() - t0


def ingest_files(run: Run, files: list[str], batch_size: int, cwd: str, refused: list = (),
                 folders: list[str] = ()) -> None:
    """Read files batch by batch; those whose bytes the archive already holds for their key are
    counted unchanged and not extracted again; the rest are extracted and stored. `refused`:
    paths the scan refused (quarantined); `folders`: folders it listed (a refusal of one of them
    on an earlier run is resolved)."""
    if folders:
        run.writer.call("resolve_quarantine", [file_key(f, cwd) for f in folders])
    if not files and not refused:
        return
    progress.current().start("documents", len(files) + len(refused))
    run.quarantine([read_error(file_key(r.path, cwd), r.reason, r.message) for r in refused])
    for raws, failed, seconds in read_batches(files, batch_size, cwd):
        run.seconds["read"] += seconds
        run.quarantine(failed)
        held = run.writer.call("holds_versions", [(r.uri, r.sha256) for r in raws]) if raws else set()
        todo = [r for r in raws if r.uri not in held]
        run.counts["inputs"] += len(raws)
        run.counts["unchanged"] += len(raws) - len(todo)
        progress.current().advance("documents", len(raws) - len(todo))
        if todo:
            run.schedule(extract_raws, todo)


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


def _quarantine_urls(run: Run, source, failures: list[tuple], label: str = "[yellow]fetch refused[/]") -> None:
    """Store URLs that were refused or failed, as quarantine rows (stage fetch): (url, reason,
    message) or (url, reason, message, FetchResult)."""
    if not failures:
        return
    items = []
    for url, reason, message, *res in failures:
        items.append(_load_error(_failed_raw(url, source.name, *res), reason, message or reason, "fetch"))
        run.report_quarantined(url, reason, message or reason, label)
    run.writer.call("store_batch", items, run.run_id)


class _Admission:
    """Which URLs of a source this run fetches: new ones up to `max_new_per_run`, known ones (a
    conditional GET) up to `max_revisit_per_run`, least recently checked first; linked documents
    count against the same caps. The rest wait for a later run (counted as deferred)."""

    def __init__(self, source, seen: set[str]):
        self.new_left, self.revisit_left = source.max_new_per_run, source.max_revisit_per_run
        self.seen = seen
        self.planned: set[str] = set()
        self.deferred = 0

    def admit(self, urls: list[str], known: dict[str, dict]) -> list[str]:
        fresh = list(dict.fromkeys(u for u in urls if u not in self.planned))
        self.planned.update(fresh)
        old = [u for u in fresh if u in known or u in self.seen]
        old.sort(key=lambda u: str((known.get(u) or {}).get("fetched_at") or ""))
        new = [u for u in fresh if u not in known and u not in self.seen]
        take = set(old[:max(0, self.revisit_left)]) | set(new[:max(0, self.new_left)])
        self.revisit_left -= min(len(old), max(0, self.revisit_left))
        self.new_left -= min(len(new), max(0, self.new_left))
        self.deferred += len(fresh) - len(take)
        return [u for u in fresh if u in take]


def _discover(run: Run, source, src: dict, fetcher_key: str):
    """The source's Discovery, or None when the source cannot be read (quarantined)."""
    from flows.discover import Discovery
    t0 = time.perf_counter()
    try:
        # URLs given on the command line are fetched as given (robots.txt is still checked by
        # the fetch, so a refusal or an unreachable host is quarantined with its reason)
        found = Discovery(urls=list(source.urls)) if source.name.startswith("adhoc:") and source.kind == "urls" \
            else discover_source(src, fetcher_key)
        if isinstance(found, tuple):
            raise _SourceFailed(*found)
        return found
    except Exception as e:  # the source is unreadable, or a bug after the task's retries
        reason = getattr(e, "reason", "discovery_failed")
        message = getattr(e, "message", f"{type(e).__name__}: {e}")
        run.log.warning("source %s: %s: %s", *(visible(v) for v in (source.name, reason, message)))
        _quarantine_urls(run, source, [(source.url, reason, message)], f"[red]source[/] {markup_safe(source.name)}")
        return None
    finally:
        run.seconds["fetch"] += time.perf_counter() - t0


def ingest_source(run: Run, source, fetcher, fetcher_key: str, batch_size: int, cwd: str) -> None:
    """discover → filter → conditional fetch → record → extract (+ linked documents) → store."""
    src = {k: v for k, v in asdict(source).items() if not k.startswith("_")}
    found = _discover(run, source, src, fetcher_key)
    if found is None:
        return
    run.counts["filtered"] += found.filtered
    if source.kind == "folder":
        from extractors.read import Refusal
        ingest_files(run, found.urls, batch_size, cwd, refused=[Refusal(*r) for r in found.refused],
                     folders=found.folders)
        return
    _quarantine_urls(run, source, found.refused)
    state = run.writer.call("source_state", source.name) or {}
    seen = set(state.get("seen", []))
    admission = _Admission(source, seen)
    known = run.writer.call("fetch_states", found.urls) or {}     # read once per URL, at admission
    queue = admission.admit(found.urls, known)
    progress.current().start("fetch", len(queue))
    checked: set[str] = set()
    while queue:
        batch, queue = queue[:FETCH_BATCH], queue[FETCH_BATCH:]
        links = _fetch_and_extract(run, source, src, fetcher_key, batch, batch_size, seen, known)
        links = [u for u in dict.fromkeys(links) if u not in checked and u not in admission.planned]
        checked.update(links)
        allowed = _allowed_links(run, source, fetcher, links)
        if allowed:
            known.update(run.writer.call("fetch_states", allowed) or {})
        admitted = admission.admit(allowed, known) if allowed else []
        queue.extend(admitted)
        progress.current().start("fetch", len(admitted))
    run.flush()
    run.counts["deferred"] += admission.deferred
    if admission.deferred:
        run._note(f"[yellow]source[/] {markup_safe(source.name)}: {admission.deferred} URLs left for a later run "
                  f"(max_new_per_run {source.max_new_per_run}, max_revisit_per_run {source.max_revisit_per_run})")
    state.update({"seen": sorted(seen), "last_run": _now(), "last_discovered": len(found.urls)})
    run.writer.call("set_source_state", source.name, state)


def _fetch_and_extract(run: Run, source, src: dict, fetcher_key: str, batch: list[str], batch_size: int,
                       seen: set[str], known: dict) -> list[str]:
    """Conditional GETs of one batch (`known`: the fetch states read at admission); changed documents go
    to extraction. Returns the document links (PDF/DOCX) of the changed pages."""
    from flows.discover import document_links
    states = {u: known[u] for u in batch if u in known}
    t0 = time.perf_counter()
    results = fetch_batch(batch, states, src, fetcher_key, threads=4)
    run.seconds["fetch"] += time.perf_counter() - t0
    progress.current().advance("fetch", len(batch))
    raws, failed, links = [], [], []
    for url, res in zip(batch, results):
        run.counts["fetched"] += 1
        if res.error_reason:
            failed.append((url, res.error_reason, res.error_message, res))
            continue
        seen.add(url)
        if res.not_modified:
            run.counts["not_modified"] += 1
        elif (states.get(url) or {}).get("sha256") == res.item.sha256:
            run.counts["unchanged"] += 1
        else:
            raws.append(res.item)
            if _is_html(res.item):
                links += document_links(res.item.data, res.final_url)
    _quarantine_urls(run, source, failed, "[yellow]fetch failed[/]")
    # validators are recorded only once the documents they describe are stored: a run that
    # dies in between re-downloads them next time instead of getting a 304 for lost pages
    record = functools.partial(run.writer.call, "record_fetches", [_fetch_record(r) for r in results])
    if not raws:
        record()
        return links
    run.counts["inputs"] += len(raws)
    progress.current().start("documents", len(raws))
    parts = chunks(raws, batch_size)
    for i, part in enumerate(parts):
        run.schedule(extract_raws, part, after=record if i == len(parts) - 1 else None)
    return links


def _allowed_links(run: Run, source, fetcher, links: list[str]) -> list[str]:
    """Linked documents the source's include/exclude keep (the others are counted as filtered)
    and that may be requested (the others are quarantined with the reason)."""
    from flows.urlsafety import host_allowed
    kept = [u for u in links if source.matches(u) and host_allowed(u, source.allowed_hosts)]
    run.counts["filtered"] += len(links) - len(kept)
    refused, out = [], []
    for u in kept:
        why = fetcher.refusal(u, source.allowed_hosts)
        if why:
            refused.append((u, *why))
        else:
            out.append(u)
    _quarantine_urls(run, source, refused)
    return out


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
               params: dict | None = None, follow_symlinks: bool = False) -> dict:
    """Body shared by the ingest, nightly and reprocess flows."""
    cwd = os.getcwd()
    t_start = time.perf_counter()
    # the configuration is read (and a bad sources file refused) before the archive is touched
    scan, sources, urls = (None, [], []) if raws_from_archive else split_inputs(inputs, sources_file, follow_symlinks)
    writer = Writer(db)
    with writer.archive() as arc:   # the writer lock is held: a run still "running" was killed mid-run
        arc.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running'")
    before = _counts(writer)
    run_id = writer.call("start_run", kind, params or {}, _flow_run_id())
    run = Run(db, run_id, window=window, submit=submit, reprocess=raws_from_archive)
    run.writer = writer
    status = "completed"
    fetcher_key = f"{run_id}"
    try:
        if raws_from_archive:
            reprocess_raws(run, batch_size)
        else:
            ingest_files(run, scan.files, batch_size, cwd, refused=scan.refused, folders=scan.folders)
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
                window: int = 1, take_lock: bool = True, follow_symlinks: bool = False) -> dict:
    """Ingest files, folders, URLs and sources files into the archive."""
    with _locked(db, take_lock):
        return run_ingest(kind="ingest", db=db, inputs=inputs, sources_file=sources_file, batch_size=batch_size,
                          allow_private=allow_private, submit=submit, window=window, follow_symlinks=follow_symlinks,
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
                   window: int = 1, take_lock: bool = True) -> dict:
    """Rebuild every entity from the stored raw bytes (no network)."""
    with _locked(db, take_lock):
        return run_ingest(kind="reprocess", db=db, inputs=[], sources_file=None, batch_size=batch_size,
                          allow_private=False, submit=submit, window=window, raws_from_archive=True,
                          params={"batch_size": batch_size})
