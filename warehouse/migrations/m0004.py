"""Version 4 backfill: entities are rebuilt on the next run, which gives people and units their
founding-evidence ids and records a redirect from every id published before (id_redirects)."""
from __future__ import annotations

import duckdb


def upgrade(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT INTO archive_meta VALUES ('entities_stale', '1') ON CONFLICT (key) DO UPDATE SET value = '1'")
