"""Datasette metadata for the mirror, generated: descriptions of every table, view and column
from the archive schema (schema.toml, views.toml: the source of docs/schema.md and
datapackage.json too), facets and labels from datasette.toml, canned queries from queries.toml."""
from __future__ import annotations

import sqlite3
import tomllib
from functools import lru_cache
from pathlib import Path

from warehouse import schema, sqlite_mirror

HERE = Path(__file__).parent
PLUGIN = "vnarchive-browse"
_QUERY_KEYS = ("title", "description", "sql", "hide_sql")


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    with open(HERE / name, "rb") as f:
        return tomllib.load(f)


def database_name() -> str:
    return load("datasette.toml")["database"]


def settings() -> dict:
    return dict(load("datasette.toml")["settings"])


def canned_queries() -> dict[str, dict]:
    return {q["name"]: {k: q[k] for k in _QUERY_KEYS if k in q} | {"sql": q["sql"].strip()}
            for q in load("queries.toml")["query"]}


def mirror_columns(mirror: str) -> dict[str, list[str]]:
    """Tables of the built mirror and their columns."""
    con = sqlite3.connect(f"file:{mirror}?mode=ro", uri=True)
    try:
        names = [r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {n: [r[1] for r in con.execute(f"PRAGMA table_info(\"{n}\")")] for n in names}
    finally:
        con.close()


def table_metadata(mirror: str) -> dict[str, dict]:
    cfg = load("datasette.toml").get("tables", {})
    rels = {r.name: r for r in sqlite_mirror.relations()}
    out: dict[str, dict] = {}
    for name, cols in mirror_columns(mirror).items():
        rel = rels.get(name)
        if rel is None:
            continue
        doc = rel.doc if rel.kind == "table" else f"{rel.doc} (A view of the archive, stored as a table here.)"
        out[name] = {"description": doc, "columns": {c: rel.column_docs.get(c, "") for c in cols}, **cfg.get(name, {})}
    out[sqlite_mirror.META_TABLE] = {"hidden": True}
    return out


def datasette_metadata(mirror: str, archive: str | None = None) -> dict:
    """The metadata dict for Datasette(metadata=...); also written as metadata.json by the export."""
    site = load("datasette.toml")["site"]
    db = database_name()
    return {
        "title": site["title"],
        "description": site["description"],
        "license": site["license"],
        "source": site["source"],
        "databases": {db: {
            "description": f"The archive (schema version {schema.SCHEMA_VERSION}) as a read-only SQLite mirror. "
                           "Tables and views keep the archive's names and columns; see docs/schema.md.",
            "tables": table_metadata(mirror),
            "queries": canned_queries(),
        }},
        "plugins": {PLUGIN: {"database": db, "archive": archive}},
    }
