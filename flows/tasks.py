"""Prefect tasks. Each works on a BATCH (hundreds of documents), never one document: reading
and extracting are CPU work that may run on Dask workers; fetching is I/O that runs in the flow
process (one Fetcher per run, so its per-host rate limiter and robots cache are shared)."""
from __future__ import annotations

import functools
import hashlib
import os
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta

from prefect import task

from extractors.types import ExtractionError, RawItem
from nlp.records import EXTRACTOR_VERSION

CACHE_DAYS = 7
_CODE_DIRS = ("extractors", "nlp")


@functools.cache
def extractor_fingerprint() -> str:
    """EXTRACTOR_VERSION plus a hash of the extractor's code and data files, so a cached batch
    is never reused after the extractor changed (even without a version bump)."""
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    h = hashlib.sha256(EXTRACTOR_VERSION.encode())
    for d in _CODE_DIRS:
        for dirpath, dirs, files in os.walk(os.path.join(root, d)):
            dirs[:] = sorted(x for x in dirs if not x.startswith((".", "__pycache__")))
            for f in sorted(files):
                if f.endswith((".py", ".toml", ".json", ".txt", ".tsv", ".yml")):
                    h.update(f.encode())
                    with open(os.path.join(dirpath, f), "rb") as fh:
                        h.update(fh.read())
    return h.hexdigest()[:16]


@dataclass
class Outcome:
    """What a batch produced: one entry per input (raw, doc, extraction, error) and stage times."""
    entries: list[dict] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: {"read": 0.0, "extract": 0.0})


def file_key(path: str, cwd: str | None = None) -> str:
    """A file's document key: its path relative to the cwd when inside it, else absolute."""
    cwd = os.path.abspath(cwd or os.getcwd())
    full = os.path.abspath(path)
    return os.path.relpath(full, cwd) if full.startswith(cwd + os.sep) else full


def _stat_token(path: str) -> str:
    try:
        st = os.stat(path)
        return f"{path}|{st.st_size}|{st.st_mtime_ns}"
    except OSError:
        return f"{path}|missing"


def files_cache_key(context, parameters) -> str:
    """Batch of files: paths, sizes, mtimes and the extractor fingerprint."""
    h = hashlib.sha256(extractor_fingerprint().encode())
    for p in parameters["paths"]:
        h.update(_stat_token(p).encode())
    return f"files-{h.hexdigest()}"


def raws_cache_key(context, parameters) -> str:
    """Batch of fetched/stored raw items: their URIs, sha256s and the extractor fingerprint."""
    h = hashlib.sha256(extractor_fingerprint().encode())
    for r in parameters["raws"]:
        h.update(f"{r.uri}|{r.sha256}|{r.content_type}".encode())
    return f"raws-{h.hexdigest()}"


def _extract_one(raw: RawItem, out: Outcome) -> None:
    from extractors.read import read_raw
    from nlp.lexicon import LexiconError
    from nlp.pipeline import extract
    t0 = time.perf_counter()
    try:
        doc = read_raw(raw)
    except ExtractionError as e:
        out.seconds["read"] += time.perf_counter() - t0
        out.entries.append({"raw": raw, "error": (e.reason, e.message), "stage": "read"})
        return
    t1 = time.perf_counter()
    out.seconds["read"] += t1 - t0
    try:
        x = extract(doc)
    except LexiconError:    # a broken installation, not a bad document: stop the run, say why
        raise
    except Exception as e:  # an extractor bug must not stop the batch: quarantine the document
        out.entries.append({"raw": raw, "error": ("extract_failed", f"{type(e).__name__}: {e}"),
                            "stage": "extract"})
    else:
        out.entries.append({"raw": raw, "doc": doc, "extraction": x})
    out.seconds["extract"] += time.perf_counter() - t1


def read_file(path: str, cwd: str | None = None) -> RawItem | tuple[str, str]:
    """RawItem keyed by file_key, or (reason, message) when the file cannot be read."""
    from extractors.read import read_path
    try:
        raw = read_path(path)
    except FileNotFoundError:
        return ("not_found", f"no such file: {path}")
    except IsADirectoryError:
        return ("not_a_file", f"{path} is a directory")
    except OSError as e:
        return ("read_error", f"cannot read {path}: {e.strerror or e}")
    raw.uri = file_key(path, cwd)
    return raw


@task(name="extract-files", retries=1, retry_delay_seconds=2, cache_key_fn=files_cache_key,
      cache_expiration=timedelta(days=CACHE_DAYS), persist_result=True)
def extract_files(paths: list[str], cwd: str) -> Outcome:
    """Read and extract a batch of files (a read failure is an entry with an error, not a raise)."""
    out = Outcome()
    for p in paths:
        t0 = time.perf_counter()
        raw = read_file(p, cwd)
        out.seconds["read"] += time.perf_counter() - t0
        if isinstance(raw, tuple):
            out.entries.append({"raw": RawItem(uri=file_key(p, cwd), data=b""), "error": raw, "stage": "read"})
            continue
        _extract_one(raw, out)
    return out


@task(name="extract-raws", retries=1, retry_delay_seconds=2, cache_key_fn=raws_cache_key,
      cache_expiration=timedelta(days=CACHE_DAYS), persist_result=True)
def extract_raws(raws: list[RawItem]) -> Outcome:
    """Extract a batch of raw items already fetched (or stored, for reprocess)."""
    out = Outcome()
    for raw in raws:
        _extract_one(raw, out)
    return out


# -- web ------------------------------------------------------------------------------------
_FETCHERS: dict[str, object] = {}


def register_fetcher(key: str, fetcher) -> None:
    """Tasks find the run's Fetcher by key (it holds sockets and locks: not a task parameter)."""
    _FETCHERS[key] = fetcher


def drop_fetcher(key: str) -> None:
    f = _FETCHERS.pop(key, None)
    if f is not None:
        f.close()


def _source(source_dict: dict):
    from flows.sources import Source
    return Source(**source_dict)


@task(name="discover", retries=2, retry_delay_seconds=[1, 5], timeout_seconds=600)
def discover_source(source_dict: dict, fetcher_key: str) -> list[str] | tuple[str, str]:
    """Candidate URLs of a source (feed, sitemap, listing, URL list), or (reason, message) when
    the source cannot be read (the Fetcher has already retried transient failures)."""
    from flows.discover import DiscoveryError, discover
    try:
        return discover(_source(source_dict), _FETCHERS[fetcher_key])
    except DiscoveryError as e:
        return (e.reason, e.message)


@task(name="fetch-batch", retries=2, retry_delay_seconds=[2, 10], timeout_seconds=1800)
def fetch_batch(urls: list[str], states: dict[str, dict], source_dict: dict, fetcher_key: str,
                threads: int = 4) -> list:
    """Conditional GETs for a batch of URLs (ETag / Last-Modified from `states`); the
    Fetcher's per-host limiter keeps each host at the source's rate. Returns FetchResults."""
    src = _source(source_dict)
    fetcher = _FETCHERS[fetcher_key]
    hosts = src.allowed_hosts

    def one(url: str):
        st = states.get(url) or {}
        return fetcher.fetch(url, allowed_hosts=hosts, etag=st.get("etag"), last_modified=st.get("last_modified"),
                             source_name=src.name, profile=src.profile)

    with ThreadPoolExecutor(max_workers=max(1, threads)) as pool:
        return list(pool.map(one, urls))
