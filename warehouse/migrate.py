"""Create or upgrade an archive in place. A fresh archive gets the current schema; an older one
runs warehouse/migrations/NNNN_*.sql (and the matching Python backfill, if any) for every
version above its own, then an additive reconcile (missing tables and columns). Data is never dropped."""
from __future__ import annotations

import hashlib
import importlib
import json
from datetime import datetime, timezone
from pathlib import Path

import duckdb

from warehouse import schema

MIGRATIONS = Path(__file__).parent / "migrations"


def current_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The archive's schema version; None for an empty database."""
    names = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables "
                                       "WHERE table_schema = 'main'").fetchall()}
    if "schema_version" not in names:
        return 1 if "documents" in names else None
    v = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    return v if v is not None else 1


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Bring the archive to schema.SCHEMA_VERSION; returns the versions applied."""
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    v = current_version(con)
    if v == schema.SCHEMA_VERSION and _views_current(con):
        return []  # the common case: every batch of a run opens the archive
    applied: list[int] = []
    con.execute("BEGIN TRANSACTION")
    try:
        if v is None:
            schema.create_tables(con)
            con.execute("INSERT INTO schema_version VALUES (?, ?, ?)",
                        [schema.SCHEMA_VERSION, now, "created"])
            applied.append(schema.SCHEMA_VERSION)
        elif v > schema.SCHEMA_VERSION:
            raise RuntimeError(f"archive schema version {v} is newer than this vnarchive "
                               f"({schema.SCHEMA_VERSION}); upgrade vnarchive")
        else:
            for view in reversed(schema.views()):
                con.execute(f"DROP VIEW IF EXISTS {view.name}")
            targets = list(range(v + 1, schema.SCHEMA_VERSION + 1))
            # every version's DDL before any backfill: DuckDB refuses to commit an ALTER TABLE that
            # follows an UPDATE of the same table in one transaction
            for target in targets:
                _apply_sql(con, target)
            for target in targets:
                _backfill(con, target)
                con.execute("INSERT INTO schema_version VALUES (?, ?, ?)", [target, now, _describe(target)])
                applied.append(target)
            reconcile(con)
        schema.create_views(con)
        con.execute("INSERT INTO archive_meta VALUES ('views_hash', ?) ON CONFLICT (key) DO UPDATE "
                    "SET value = EXCLUDED.value", [_views_hash()])
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return applied


def _views_hash() -> str:
    return hashlib.sha256(json.dumps([v.ddl() for v in schema.views()]).encode()).hexdigest()[:16]


def _views_current(con: duckdb.DuckDBPyConnection) -> bool:
    """Views are rebuilt whenever views.toml changes (they hold no data)."""
    try:
        row = con.execute("SELECT value FROM archive_meta WHERE key = 'views_hash'").fetchone()
    except duckdb.CatalogException:
        return False
    return row is not None and row[0] == _views_hash()


def _files(version: int) -> list[Path]:
    return sorted(MIGRATIONS.glob(f"{version:04d}_*.sql"))


def _describe(version: int) -> str:
    files = _files(version)
    return files[0].stem[5:].replace("_", " ") if files else "reconcile"


def _apply_sql(con: duckdb.DuckDBPyConnection, version: int) -> None:
    for f in _files(version):
        for stmt in _statements(f.read_text(encoding="utf-8")):
            con.execute(stmt)


def _backfill(con: duckdb.DuckDBPyConnection, version: int) -> None:
    try:
        mod = importlib.import_module(f"warehouse.migrations.m{version:04d}")
    except ModuleNotFoundError:
        return
    mod.upgrade(con)


def _statements(sql: str) -> list[str]:
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def reconcile(con: duckdb.DuckDBPyConnection) -> None:
    """Additive only: create missing tables, add missing columns (never drops or retypes)."""
    have: dict[str, set[str]] = {}
    for t, c in con.execute("SELECT table_name, column_name FROM information_schema.columns "
                            "WHERE table_schema = 'main'").fetchall():
        have.setdefault(t, set()).add(c)
    for t in schema.tables():
        if t.name not in have:
            con.execute(t.ddl())
            continue
        for c in t.columns:
            if c.name not in have[t.name]:
                con.execute(f"ALTER TABLE {t.name} ADD COLUMN {c.name} {c.type}")
