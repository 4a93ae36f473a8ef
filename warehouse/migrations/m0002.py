"""Version 2 backfill: award types from the taxonomy, search rows for every document."""
from __future__ import annotations

import duckdb

from warehouse import mapping
from warehouse.award_types import award_type
from warehouse.keys import fold_ascii


def upgrade(con: duckdb.DuckDBPyConnection) -> None:
    awards = con.execute("SELECT DISTINCT award FROM awards WHERE award IS NOT NULL").fetchall()
    if awards:
        con.executemany("UPDATE awards SET award_type = ? WHERE award = ?", [[award_type(a), a] for (a,) in awards])
    docs = con.execute("SELECT v.document_id, v.title, v.text FROM documents d JOIN document_versions v "
                       "ON v.document_id = d.document_id AND v.version = d.latest_version").fetchall()
    if docs:
        rows = [{"document_id": d, "title_folded": fold_ascii(t or ""), "body_folded": fold_ascii(x or "")}
                for d, t, x in docs]
        srch = mapping.to_arrow("search_docs", rows)  # noqa: F841 (DuckDB reads it by name)
        con.execute("INSERT INTO search_docs BY NAME SELECT * FROM srch")
    con.execute("INSERT INTO archive_meta VALUES ('search_stale', '1'), ('entities_stale', '1') "
                "ON CONFLICT (key) DO UPDATE SET value = '1'")
