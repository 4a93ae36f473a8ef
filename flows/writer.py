"""The single writer: every archive write of a run goes through one Writer in the flow process.

DuckDB lets no other process open a file (not even read-only) while a process holds it open
for writing, so the Writer opens the archive for each batch and closes it afterwards: a
`vnarchive sql` started during an ingest can read between batches. When a reader holds the
file at that moment, the Writer retries the open for up to `open_wait` seconds."""
from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

LOCK_MESSAGE = "Could not set lock"


class Writer:
    def __init__(self, db: str, open_wait: float = 120.0):
        self.db = db
        self.open_wait = open_wait
        self.seconds = 0.0          # time spent in archive calls (the "load" stage)

    @contextlib.contextmanager
    def archive(self, read_only: bool = False) -> Iterator[object]:
        import duckdb
        from warehouse.archive import Archive
        deadline = time.monotonic() + self.open_wait
        while True:
            try:
                arc = Archive.open(self.db, read_only=read_only)
                break
            except duckdb.IOException as e:
                if LOCK_MESSAGE not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        t0 = time.perf_counter()
        try:
            yield arc
        finally:
            arc.close()
            self.seconds += time.perf_counter() - t0

    def call(self, method: str, *args, **kwargs):
        """One archive method in its own open/close."""
        with self.archive() as arc:
            return getattr(arc, method)(*args, **kwargs)
