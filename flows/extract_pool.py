"""Extraction under a time and memory budget that holds by construction: documents are read and
extracted in a small pool of long-lived worker processes (flows/extract_worker.py), and this
process, not the parser, enforces the budget. A worker that spends more than `seconds` on one
document, or grows past `memory_mb` of resident memory, is killed and replaced; that document
is quarantined (`too_slow`, `too_large`) and the rest of its batch carries on.

Workers take a few documents per message and answer one result each, so the cost per document
is one pickled round trip (well under a millisecond), and the batch is spread over the cores.
Workers die with this process (flows.children), however it ends."""
from __future__ import annotations

import atexit
import os
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait

from extractors.types import RawItem
from flows import children

DOC_SECONDS = 30.0          # wall clock for reading + extracting one document
DOC_MEMORY_MB = 512         # resident memory of a worker while it works on one document
TICK = 0.02                 # how often budgets are checked (s)
CHUNK_ITEMS = 8             # documents per message to a worker
CHUNK_BYTES = 4 * 1024 * 1024
MAX_WORKERS = 4


@dataclass(frozen=True)
class Budget:
    seconds: float = DOC_SECONDS
    memory_mb: int = DOC_MEMORY_MB

    @classmethod
    def from_env(cls) -> "Budget":
        """VNARCHIVE_DOC_SECONDS / VNARCHIVE_DOC_MEMORY_MB (set by the CLI's --doc-timeout /
        --doc-memory, and inherited by Dask workers), else the defaults."""
        seconds = float(os.environ.get("VNARCHIVE_DOC_SECONDS") or DOC_SECONDS)
        memory = int(os.environ.get("VNARCHIVE_DOC_MEMORY_MB") or DOC_MEMORY_MB)
        return cls(seconds=seconds, memory_mb=memory)


def default_size() -> int:
    """VNARCHIVE_EXTRACT_WORKERS, else one worker per core (at most MAX_WORKERS)."""
    return max(1, int(os.environ.get("VNARCHIVE_EXTRACT_WORKERS") or min(MAX_WORKERS, os.cpu_count() or 1)))


class LexiconFailure(RuntimeError):
    """A worker could not load the lexicons (a broken installation): the run stops."""


class _Worker:
    def __init__(self):
        import psutil
        in_r, in_w = os.pipe()       # non-inheritable: no other child holds our ends
        out_r, out_w = os.pipe()
        try:
            self.proc = children.popen([sys.executable, "-m", "flows.extract_worker", str(in_r), str(out_w),
                                        str(os.getpid())], pass_fds=(in_r, out_w))
        finally:
            os.close(in_r)
            os.close(out_w)
        self.inbox = Connection(in_w, readable=False)
        self.outbox = Connection(out_r, writable=False)
        self.ps = psutil.Process(self.proc.pid)
        self.pending: deque[tuple[int, RawItem]] = deque()
        self.since = 0.0             # when the document at the head of `pending` started

    def assign(self, chunk: list[tuple[int, RawItem]]) -> None:
        self.pending.extend(chunk)
        self.since = time.monotonic()
        self.inbox.send(("items", chunk))

    def rss_mb(self) -> float:
        try:
            return self.ps.memory_info().rss / 2**20
        except Exception:   # psutil.Error: it is gone (the caller sees it die)
            return 0.0

    def kill(self) -> None:
        for c in (self.inbox, self.outbox):
            c.close()
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()

    def stop(self, timeout: float = 2.0) -> None:
        """Close its input (it exits at EOF); kill it if it does not."""
        self.inbox.close()
        try:
            self.proc.wait(timeout)
        except Exception:
            self.proc.kill()
            self.proc.wait()
        self.outbox.close()


class ExtractPool:
    """`run(raws)` → one entry per raw, in order (see flows.extract_worker.extract_entry)."""

    def __init__(self, size: int, budget: Budget):
        self.size, self.budget = size, budget
        self.workers: list[_Worker] = []
        self._lock = threading.Lock()      # one batch at a time (a Dask worker may have threads)

    def run(self, raws: list[RawItem]) -> list[dict]:
        with self._lock:
            while len(self.workers) < min(self.size, max(1, len(raws))):
                self.workers.append(_Worker())
            results: list[dict | None] = [None] * len(raws)
            queue = deque(enumerate(raws))
            try:
                self._drive(queue, results)
            except BaseException:      # Ctrl-C, a broken lexicon: no worker is left mid-document
                self.close()
                raise
            return results  # type: ignore[return-value]

    def _drive(self, queue: deque, results: list) -> None:
        while queue or any(w.pending for w in self.workers):
            for w in self.workers:
                if queue and not w.pending:
                    self._assign(w, queue, results)
            busy = [w for w in self.workers if w.pending]
            ready = wait([w.outbox for w in busy], timeout=TICK)
            for w in busy:
                if w.outbox in ready:
                    self._receive(w, queue, results)
                if w.pending:
                    self._check(w, queue, results)

    def _assign(self, w: _Worker, queue: deque, results: list) -> None:
        chunk, size = [], 0
        while queue and len(chunk) < CHUNK_ITEMS and (not chunk or size + len(queue[0][1].data) <= CHUNK_BYTES):
            item = queue.popleft()
            chunk.append(item)
            size += len(item[1].data)
        try:
            w.assign(chunk)
        except OSError:                # it died before reading: the first item is blamed
            self._replace(w, queue, results, self._died(w))

    def _receive(self, w: _Worker, queue: deque, results: list) -> None:
        while w.pending:
            try:
                if not w.outbox.poll():
                    return
                msg = w.outbox.recv()
            except (EOFError, OSError):
                self._replace(w, queue, results, self._died(w))
                return
            if msg[0] == "fatal":
                raise LexiconFailure(msg[1])
            index, entry = msg
            head, _raw = w.pending.popleft()
            assert head == index, (head, index)
            results[index] = entry
            w.since = time.monotonic()

    def _check(self, w: _Worker, queue: deque, results: list) -> None:
        took = time.monotonic() - w.since
        if took > self.budget.seconds:
            why = (f"reading and extracting took over {self.budget.seconds:g} s, so it was stopped (a parser "
                   "that loops, or a document too big to extract in time; --doc-timeout raises the limit)")
            self._replace(w, queue, results, ("too_slow", why), took)
        elif w.rss_mb() > self.budget.memory_mb:
            why = (f"extracting it needed over {self.budget.memory_mb} MiB of memory, so it was stopped (a "
                   "document that amplifies when parsed; --doc-memory raises the limit)")
            self._replace(w, queue, results, ("too_large", why), took)
        elif w.proc.poll() is not None and not w.outbox.poll():
            self._replace(w, queue, results, self._died(w), took)

    @staticmethod
    def _died(w: _Worker) -> tuple[str, str]:
        code = w.proc.poll()
        how = f"signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        return ("extract_failed", f"the extraction process died ({how}) on this document")

    def _replace(self, w: _Worker, queue: deque, results: list, error: tuple[str, str], took: float = 0.0) -> None:
        """Kill `w`, quarantine the document it was on, give back the rest, start a new worker."""
        w.kill()
        index, _raw = w.pending.popleft()
        results[index] = {"error": error, "stage": "extract", "seconds": {"extract": took}}
        queue.extendleft(reversed(w.pending))
        w.pending.clear()
        self.workers[self.workers.index(w)] = _Worker()

    def close(self) -> None:
        for w in self.workers:
            if w.pending:
                w.kill()
            else:
                w.stop()
        self.workers = []


_pool: ExtractPool | None = None
_pool_key: tuple | None = None
_pool_lock = threading.Lock()


def _env_key() -> tuple:
    """Workers inherit the environment when they start: a changed VNARCHIVE_* setting (e.g. the
    lexicon folder) needs new ones."""
    return tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("VNARCHIVE_")))


def get_pool() -> ExtractPool:
    """This process's pool (started on first use, kept for later batches and runs)."""
    global _pool, _pool_key
    key = (default_size(), Budget.from_env(), _env_key())
    with _pool_lock:
        if _pool is None or _pool_key != key:
            if _pool is not None:
                _pool.close()
            _pool, _pool_key = ExtractPool(key[0], key[1]), key
        return _pool


def shutdown() -> None:
    global _pool
    with _pool_lock:
        if _pool is not None:
            _pool.close()
            _pool = None


atexit.register(shutdown)


def extract_many(raws: list[RawItem]) -> list[dict]:
    """Read and extract each raw item under the budget; one entry per item, in order."""
    if not raws:
        return []
    try:
        return get_pool().run(raws)
    except LexiconFailure as e:
        from nlp.lexicon import LexiconError
        raise LexiconError(str(e)) from None
