"""Prefect tasks. Each works on a BATCH (hundreds of documents), never one document: extracting
is CPU work that runs in worker processes under a per-document budget (flows.extract_pool), on
Dask workers with --runner dask; fetching is I/O that runs in the flow process (one Fetcher per
run, so its per-host rate limiter and robots cache are shared). Files are read by the flow (a
few milliseconds per batch), which skips those whose bytes the archive already holds.

No task result is cached: a cache keyed on paths and mtimes served old bytes for changed files
and kept a pickled copy of every document outside the archive; the archive itself now says
which inputs are unchanged (see docs/safety.md, F8)."""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from prefect import task
from prefect.cache_policies import NO_CACHE

from extractors.types import ExtractionError, RawItem


@dataclass
class Outcome:
    """What a batch produced: one entry per input (raw, doc, extraction, error) and stage times."""
    entries: list[dict] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=lambda: {"read": 0.0, "extract": 0.0})


def file_key(path: str, cwd: str | None = None) -> str:
    """A file's document key: its path relative to the cwd when inside it, else absolute, in
    its displayable form (extractors.read.display_path: any bytes, printable, lossless)."""
    from extractors.read import display_path
    cwd = os.path.abspath(cwd or os.getcwd())
    full = os.path.abspath(path)
    return display_path(os.path.relpath(full, cwd) if full.startswith(cwd + os.sep) else full)


def read_file(path: str, cwd: str | None = None) -> RawItem | tuple[str, str]:
    """RawItem keyed by file_key, or (reason, message) when the file cannot or must not be read."""
    from extractors.read import display_path, read_path
    try:
        raw = read_path(path)
    except ExtractionError as e:      # not_a_file, too_large
        return (e.reason, e.message)
    except FileNotFoundError:
        return ("not_found", f"no such file: {display_path(path)}")
    except OSError as e:
        return ("read_error", f"cannot read {display_path(path)}: {e.strerror or e}")
    raw.uri = file_key(path, cwd)
    return raw


def read_error(key: str, reason: str, message: str) -> dict:
    """An Outcome entry for an input that was not read."""
    return {"raw": RawItem(uri=key, data=b""), "error": (reason, message), "stage": "read"}


@task(name="extract-raws", retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def extract_raws(raws: list[RawItem]) -> Outcome:
    """Read and extract a batch of raw items (files read by the flow, fetched pages, stored
    versions for reprocess) in the worker pool, each under the per-document budget."""
    from flows.extract_pool import extract_many
    out = Outcome()
    for raw, entry in zip(raws, extract_many(raws)):
        for stage, secs in entry.pop("seconds", {}).items():
            out.seconds[stage] = out.seconds.get(stage, 0.0) + secs
        out.entries.append({"raw": raw, **entry})
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


@task(name="discover", retries=2, retry_delay_seconds=[1, 5], timeout_seconds=600, cache_policy=NO_CACHE)
def discover_source(source_dict: dict, fetcher_key: str) -> list[str] | tuple[str, str]:
    """Candidate URLs of a source (feed, sitemap, listing, URL list), or (reason, message) when
    the source cannot be read (the Fetcher has already retried transient failures)."""
    from flows.discover import DiscoveryError, discover
    try:
        return discover(_source(source_dict), _FETCHERS[fetcher_key])
    except DiscoveryError as e:
        return (e.reason, e.message)


@task(name="fetch-batch", retries=2, retry_delay_seconds=[2, 10], timeout_seconds=1800, cache_policy=NO_CACHE)
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
