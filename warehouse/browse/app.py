"""Datasette over the SQLite mirror, kept in step with the archive.

Every request first compares the archive file's fingerprint with the one the mirror was built
from; when the archive changed, the mirror is rebuilt (requests wait for it) and swapped in.
When the archive cannot be read at that moment (an ingest is writing to it), pages are served
from the previous mirror with a notice saying so, and the rebuild is tried again a few seconds
later: a mirror is never served silently after the archive changed."""
from __future__ import annotations

import asyncio
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path

from datasette.app import Datasette
from datasette.database import Database, connections
from datasette.plugins import pm

from warehouse import sqlite_mirror
from warehouse.browse import metadata
from warehouse.sqlite_mirror import ArchiveLocked, MirrorInfo

HERE = Path(__file__).parent
STATIC_MOUNT = "vnarchive-static"
RETRY_SECONDS = 5.0
_CLOSE_OLD_AFTER = 60.0


class MirrorDatabase(Database):
    """The immutable mirror. A rebuild replaces the file and this object; Datasette keeps its
    per-thread connections by database name, so each generation keys its own."""

    def __init__(self, ds: Datasette, path: str, generation: int):
        super().__init__(ds, path=path, is_mutable=False)
        self.generation = generation

    async def execute_fn(self, fn):
        if self.ds.executor is None:
            return await super().execute_fn(fn)
        key = f"{self.name}@{self.generation}"

        def in_thread():
            conn = getattr(connections, key, None)
            if not conn:
                conn = self.connect()
                self.ds._prepare_connection(conn, self.name)
                setattr(connections, key, conn)
            return fn(conn)

        return await asyncio.get_running_loop().run_in_executor(self.ds.executor, in_thread)


@dataclass
class Keeper:
    """The served mirror of one archive and whether it is behind."""
    archive: str | None          # None: serve the mirror as it is (an exported file)
    mirror: str
    database: str
    info: MirrorInfo
    wait: float = 2.0            # how long a rebuild waits for a writer to let go of the archive
    retry_seconds: float = RETRY_SECONDS
    generation: int = 0
    notice: str | None = None    # shown on every page while the mirror is behind the archive
    retry_at: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)

    def behind(self) -> bool:
        return self.archive is not None and sqlite_mirror.archive_fingerprint(self.archive) != self.info.fingerprint

    async def ensure_fresh(self, ds: Datasette) -> None:
        if not self.behind():
            self.notice = None
            return
        if time.monotonic() < self.retry_at:
            return
        async with self.lock:
            if not self.behind():
                return
            try:
                info = await asyncio.to_thread(sqlite_mirror.build_mirror, self.archive, self.mirror, self.wait)
            except (ArchiveLocked, FileNotFoundError, OSError) as e:
                self.retry_at = time.monotonic() + self.retry_seconds
                self.notice = (f"The archive changed after these pages were built ({self.info.built_at} UTC) and "
                               f"cannot be read now ({e}). You are seeing it as it was then; reload in a moment.")
                return
            self.swap(ds, info)

    def swap(self, ds: Datasette, info: MirrorInfo) -> None:
        """Serve the rebuilt mirror (no await between removing and adding: no request sees neither)."""
        old = ds.databases.get(self.database)
        self.generation += 1
        ds.remove_database(self.database)
        ds.add_database(MirrorDatabase(ds, self.mirror, self.generation), name=self.database)
        self.info, self.notice, self.retry_at = info, None, 0.0
        if old is not None:
            asyncio.get_running_loop().call_later(_CLOSE_OLD_AFTER, old.close)


_KEEPERS: "weakref.WeakKeyDictionary[Datasette, Keeper]" = weakref.WeakKeyDictionary()


def keeper(ds: Datasette) -> Keeper | None:
    return _KEEPERS.get(ds)


def register_plugin() -> None:
    from warehouse.browse import plugin
    if not pm.is_registered(plugin):
        pm.register(plugin, name=metadata.PLUGIN)


def make_datasette(mirror: str, archive: str | None = None, rebuild_wait: float = 2.0,
                   settings: dict | None = None) -> Datasette:
    """Datasette serving `mirror` (built already) read-only; with `archive`, kept fresh from it."""
    info = sqlite_mirror.read_info(mirror)
    if info is None:
        raise FileNotFoundError(f"no mirror at {mirror} (build it with `vnarchive export --format sqlite`)")
    register_plugin()
    ds = Datasette(metadata=metadata.datasette_metadata(mirror, archive),
                   settings={**metadata.settings(), **(settings or {})},
                   template_dir=str(HERE / "templates"),
                   static_mounts=[(STATIC_MOUNT, str(HERE / "static"))])
    ds.remove_database("_memory")        # no scratch database: only the mirror answers SQL
    name = metadata.database_name()
    ds.add_database(MirrorDatabase(ds, mirror, 0), name=name)
    _KEEPERS[ds] = Keeper(archive=archive, mirror=mirror, database=name, info=info, wait=rebuild_wait)
    return ds
