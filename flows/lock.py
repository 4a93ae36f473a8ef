"""One writer per archive: an advisory flock on `<real path of db>.lock` held for a whole ingest.
The lock is keyed on the archive's real path (symlinks resolved), so two ingests that name the
same file through different paths (a symlink, `..`, a bind of the folder) still exclude each other."""
from __future__ import annotations

import fcntl
import os
import time


class ArchiveBusy(RuntimeError):
    """Another process holds the archive's writer lock."""


class WriterLock:
    """`with WriterLock(db, wait=0):` raises ArchiveBusy naming the holder's pid if the
    lock is not free within `wait` seconds."""

    def __init__(self, db: str, wait: float = 0.0):
        self.db = db
        self.path = f"{os.path.realpath(db)}.lock"
        self.wait = wait
        self._fd: int | None = None

    def __enter__(self) -> "WriterLock":
        os.makedirs(os.path.dirname(os.path.abspath(self.path)), exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    holder = os.pread(fd, 64, 0).decode(errors="replace").strip() or "?"
                    os.close(fd)
                    raise ArchiveBusy(f"another vnarchive process (pid {holder}) is writing to "
                                      f"{self.db}; wait for it to finish or pass --wait SECONDS") from None
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, str(os.getpid()).encode(), 0)
        self._fd = fd
        return self

    def __exit__(self, *exc) -> None:
        if self._fd is not None:
            os.ftruncate(self._fd, 0)
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None
