"""A read-only SQLite copy of the archive, for Datasette (which reads SQLite only).

The DuckDB file stays the single source of truth: the mirror is rebuilt from it whenever the
archive file changed since the last build (a fingerprint of the file and its WAL is kept in
the mirror), never edited. Tables keep their columns; views become tables (their DuckDB SQL
does not run on SQLite), with the primary keys, foreign keys, indexes and FTS5 index described
in warehouse/data/sqlite_mirror.toml. The archive is held open only while it is copied to
temporary Parquet files, so an ingest waiting for the file is delayed as little as possible."""
from __future__ import annotations

import hashlib
import json
import os
import re
import sqlite3
import tempfile
import time
import tomllib
from dataclasses import asdict, dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import duckdb

from warehouse import schema

CONFIG = Path(__file__).parent / "data" / "sqlite_mirror.toml"
META_TABLE = "_vnarchive_mirror"
MIRROR_FORMAT = 1          # bump when the mirror's layout changes in code (forces a rebuild)
LOCK_MESSAGE = "Could not set lock"
_BATCH = 5000


class ArchiveLocked(RuntimeError):
    """Another process holds the archive open for writing."""


@dataclass(frozen=True)
class Entity:
    name: str
    table: str
    key: str
    label: str
    columns: tuple[str, ...]
    prefix: str | None = None
    span_columns: tuple[str, ...] = ()


@dataclass(frozen=True)
class Relation:
    """A table or view of the archive as it goes into the mirror."""
    name: str
    kind: str                      # table | view
    doc: str
    columns: tuple[str, ...] | None   # None: every column of the view
    column_docs: dict[str, str] = field(default_factory=dict)


@dataclass
class MirrorInfo:
    archive: str
    fingerprint: str
    format: str
    built_at: str
    schema_version: int | None = None
    last_run_id: str | None = None
    last_run_finished_at: str | None = None
    relations: int = 0
    rows: int = 0
    seconds: float = 0.0

    def as_meta(self) -> dict[str, str]:
        return {k: json.dumps(v) for k, v in asdict(self).items()}

    @classmethod
    def from_meta(cls, meta: dict[str, str]) -> "MirrorInfo":
        known = {k: json.loads(v) for k, v in meta.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@lru_cache(maxsize=1)
def config() -> dict:
    with open(CONFIG, "rb") as f:
        return tomllib.load(f)


def entities() -> dict[str, Entity]:
    return {name: Entity(name=name, table=e["table"], key=e["key"], label=e["label"],
                         columns=tuple(e["columns"]), prefix=e.get("prefix"),
                         span_columns=tuple(e.get("span_columns", ())))
            for name, e in config()["entity"].items()}


def entity_of_column(column: str) -> Entity | None:
    return next((e for e in entities().values() if column in e.columns), None)


def shared_columns() -> tuple[str, ...]:
    return tuple(config().get("shared", {}).get("columns", ()))


def relations() -> list[Relation]:
    """Exported tables (without their excluded columns) and every view, from the schema."""
    docs = schema.column_docs()
    extra = _extra_columns()
    out = []
    for t in schema.tables():
        if t.export:
            cols = tuple(c.name for c in t.columns if c.name not in t.export_exclude)
            col_docs = {c.name: c.doc for c in t.columns}
            out.append(Relation(t.name, "table", t.doc, cols, {**col_docs, **extra.get(t.name, {})}))
    for v in schema.views():
        out.append(Relation(v.name, "view", v.doc, None, {**docs, **v.columns, **extra.get(v.name, {})}))
    return out


def _extra_columns() -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for c in config().get("extra_column", []):
        out.setdefault(c["relation"], {})[c["name"]] = c["doc"]
    return out


# ---- freshness -------------------------------------------------------------------------------

def archive_fingerprint(archive: str) -> str:
    """Size, modification time and inode of the archive file and its WAL: any write changes it."""
    parts = []
    for p in (archive, archive + ".wal"):
        try:
            st = os.stat(p)
            parts.append(f"{st.st_size}:{st.st_mtime_ns}:{st.st_ino}")
        except FileNotFoundError:
            parts.append("-")
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:20]


def mirror_format() -> str:
    """Changes when the code or configuration that shapes the mirror changes."""
    h = hashlib.sha256(CONFIG.read_bytes())
    h.update(f"{MIRROR_FORMAT}:{schema.SCHEMA_VERSION}".encode())
    h.update(json.dumps([(r.name, r.columns) for r in relations()]).encode())
    return h.hexdigest()[:16]


def read_info(mirror: str) -> MirrorInfo | None:
    """What the mirror was built from; None when there is no readable mirror."""
    if not os.path.exists(mirror):
        return None
    try:
        con = sqlite3.connect(f"file:{mirror}?mode=ro", uri=True)
        try:
            meta = dict(con.execute(f"SELECT key, value FROM {META_TABLE}").fetchall())
        finally:
            con.close()
        return MirrorInfo.from_meta(meta)
    except (sqlite3.Error, ValueError, TypeError):
        return None


def is_fresh(archive: str, mirror: str) -> bool:
    info = read_info(mirror)
    return (info is not None and info.fingerprint == archive_fingerprint(archive)
            and info.format == mirror_format())


def ensure_mirror(archive: str, mirror: str, wait: float = 15.0) -> tuple[MirrorInfo, bool]:
    """The mirror's info, rebuilding it first if the archive changed; (info, rebuilt)."""
    if not os.path.exists(archive):
        raise FileNotFoundError(f"no archive at {archive}")
    if is_fresh(archive, mirror):
        return read_info(mirror), False   # type: ignore[return-value]
    return build_mirror(archive, mirror, wait=wait), True


# ---- building --------------------------------------------------------------------------------

def open_archive(archive: str, wait: float) -> duckdb.DuckDBPyConnection:
    """The archive opened read-only; a writer holds it between batches only, so retry for `wait` s."""
    if not os.path.exists(archive):
        raise FileNotFoundError(f"no archive at {archive}")
    deadline = time.monotonic() + wait
    while True:
        try:
            return duckdb.connect(archive, read_only=True)
        except duckdb.IOException as e:
            if LOCK_MESSAGE not in str(e):
                raise
            if time.monotonic() >= deadline:
                raise ArchiveLocked(f"the archive {archive} is locked by another process (an ingest is "
                                    "writing to it); try again when it has finished") from None
            time.sleep(0.1)


def build_mirror(archive: str, mirror: str, wait: float = 15.0) -> MirrorInfo:
    """Copy the archive into a new SQLite file and move it over `mirror` (atomic)."""
    t0 = time.perf_counter()
    out = Path(mirror)
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(out)
    with tempfile.TemporaryDirectory(prefix="vnarchive-mirror-") as tmp:
        con = open_archive(archive, wait)
        try:
            info = MirrorInfo(archive=str(Path(archive).resolve()), fingerprint=archive_fingerprint(archive),
                              format=mirror_format(), built_at=_now())
            parts = _copy_out(con, Path(tmp), info)
        finally:
            con.close()
        building = out.with_name(f".{out.name}.{os.getpid()}.building")
        try:
            _write_sqlite(building, parts, info, t0)
            os.replace(building, out)
        finally:
            building.unlink(missing_ok=True)
    return info


def _now() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat()


def _remove_abandoned(out: Path) -> None:
    """Half-built files of a build that was killed (their process is gone)."""
    for p in out.parent.glob(f".{out.name}.*.building"):
        pid = p.name.rsplit(".", 2)[-2]
        if pid.isdigit() and not _alive(int(pid)):
            p.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


@dataclass
class _Part:
    """One relation copied out of DuckDB: its Parquet file and SQLite column types."""
    relation: Relation | None
    name: str
    path: Path
    columns: list[tuple[str, str]]      # (name, SQLite type)


def _copy_out(con: duckdb.DuckDBPyConnection, tmp: Path, info: MirrorInfo) -> list[_Part]:
    have = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                      "WHERE table_schema = 'main'").fetchall()}
    extra = {}
    for c in config().get("extra_column", []):
        extra.setdefault(c["relation"], []).append(c)
    parts = []
    for rel in relations():
        if rel.name not in have:     # an archive older than this code's schema: not migrated yet
            continue
        types = dict((r[0], r[1]) for r in con.execute(f"DESCRIBE SELECT * FROM {rel.name}").fetchall())
        cols = [c for c in (rel.columns or types) if c in types]
        exprs = [_cast(c, types[c]) for c in cols]
        sql_types = [(c, _sqlite_type(types[c])) for c in cols]
        for c in extra.get(rel.name, []):
            exprs.append(f'{c["sql"]} AS "{c["name"]}"')
            sql_types.append((c["name"], _sqlite_type(c["type"])))
        parts.append(_export(con, tmp, rel, rel.name, f"SELECT {', '.join(exprs)} FROM {rel.name}", sql_types))
    if "search_docs" in have:
        parts.append(_export(con, tmp, None, "search_docs", "SELECT document_id, title_folded, body_folded "
                             "FROM search_docs", [("document_id", "TEXT"), ("title_folded", "TEXT"),
                                                  ("body_folded", "TEXT")]))
    info.schema_version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0] \
        if "schema_version" in have else None
    if "runs" in have:
        row = con.execute("SELECT run_id, finished_at FROM runs ORDER BY started_at DESC, run_id LIMIT 1").fetchone()
        if row:
            info.last_run_id, info.last_run_finished_at = row[0], row[1] and row[1].isoformat()
    return parts


def _export(con, tmp: Path, rel: Relation | None, name: str, select: str, columns) -> _Part:
    path = tmp / f"{name}.parquet"
    con.execute(f"COPY ({select}) TO '{str(path).replace(chr(39), chr(39) * 2)}' (FORMAT parquet)")
    return _Part(rel, name, path, columns)


def _cast(col: str, duck_type: str) -> str:
    """DuckDB value -> a value SQLite stores as such (booleans 0/1, dates and JSON as text)."""
    q = f'"{col}"'
    if duck_type == "BOOLEAN":
        return f"CAST({q} AS INTEGER) AS {q}"
    if _sqlite_type(duck_type) == "TEXT" and duck_type != "VARCHAR":
        return f"CAST({q} AS VARCHAR) AS {q}"
    if _sqlite_type(duck_type) == "REAL":
        return f"CAST({q} AS DOUBLE) AS {q}"
    return q


def _sqlite_type(duck_type: str) -> str:
    t = duck_type.upper()
    if re.match(r"^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|BOOLEAN)$", t):
        return "INTEGER"
    if re.match(r"^(DOUBLE|FLOAT|REAL|DECIMAL.*)$", t):
        return "REAL"
    if t == "BLOB":
        return "BLOB"
    return "TEXT"


def _write_sqlite(path: Path, parts: list[_Part], info: MirrorInfo, t0: float) -> None:
    import pyarrow.parquet as pq
    path.unlink(missing_ok=True)
    con = sqlite3.connect(path)
    try:
        con.execute("PRAGMA journal_mode = OFF")
        con.execute("PRAGMA synchronous = OFF")
        names = {p.name for p in parts if p.relation}
        for part in parts:
            temp = part.relation is None
            con.execute(_ddl(part, names, temp))
            marks = ", ".join("?" * len(part.columns))
            table = f"temp.{part.name}" if temp else f'"{part.name}"'
            for batch in pq.ParquetFile(part.path).iter_batches(batch_size=_BATCH):
                rows = list(zip(*(col.to_pylist() for col in batch.columns)))
                con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
                if not temp:
                    info.rows += len(rows)
        info.relations = len(names)
        for sql in _indexes(parts):
            con.execute(sql)
        _build_search(con, names)
        con.execute(f"CREATE TABLE {META_TABLE} (key TEXT PRIMARY KEY, value TEXT)")
        con.execute("ANALYZE")
        info.seconds = round(time.perf_counter() - t0, 3)
        con.executemany(f"INSERT INTO {META_TABLE} VALUES (?, ?)", list(info.as_meta().items()))
        con.commit()
    finally:
        con.close()


def _ddl(part: _Part, names: set[str], temp: bool) -> str:
    cols = [f'"{c}" {t}' for c, t in part.columns]
    if temp:
        return f"CREATE TEMP TABLE {part.name} ({', '.join(cols)})"
    key = _key(part.name)
    if key:
        cols.append(f"PRIMARY KEY ({', '.join(key)})")
    for c, _ in part.columns:
        e = entity_of_column(c)
        if e and e.table in names and not (e.table == part.name and c == e.key):
            cols.append(f'FOREIGN KEY ("{c}") REFERENCES "{e.table}"("{e.key}")')
    return f'CREATE TABLE "{part.name}" (\n  ' + ",\n  ".join(cols) + "\n)"


def _key(name: str) -> tuple[str, ...]:
    declared = config().get("keys", {}).get(name)
    if declared:
        return tuple(declared)
    t = next((t for t in schema.tables() if t.name == name), None)
    return t.key if t else ()


def _indexes(parts: list[_Part]) -> list[str]:
    cfg = config()["index"]
    also = {tuple(x) for x in cfg.get("also", [])}
    out = []
    for part in parts:
        if part.relation is None:
            continue
        key = _key(part.name)
        for c, _ in part.columns:
            if (c.endswith(tuple(cfg["suffixes"])) or (part.name, c) in also) and key[:1] != (c,):
                out.append(f'CREATE INDEX "ix_{part.name}_{c}" ON "{part.name}" ("{c}")')
    return out


def _build_search(con: sqlite3.Connection, names: set[str]) -> None:
    s = config()["search"]
    if s["relation"] not in names:
        return
    t = s["table"]
    con.execute(f"CREATE VIRTUAL TABLE {t} USING fts5(title, text, title_folded, text_folded, "
                f"content='', tokenize='{s['tokenize']}')")
    folded = "EXISTS (SELECT 1 FROM sqlite_temp_master WHERE name = 'search_docs')"
    has_folded = con.execute(f"SELECT {folded}").fetchone()[0]
    join = "LEFT JOIN temp.search_docs s ON s.document_id = d.document_id" if has_folded else ""
    cols = "s.title_folded, s.body_folded" if has_folded else "NULL, NULL"
    con.execute(f"INSERT INTO {t} (rowid, title, text, title_folded, text_folded) "
                f"SELECT d.rowid, d.title, d.text, {cols} FROM \"{s['relation']}\" d {join}")
    con.execute(f"INSERT INTO {t} ({t}, rank) VALUES ('rank', 'bm25({', '.join(map(str, s['weights']))})')")
    if has_folded:
        con.execute("DROP TABLE temp.search_docs")
