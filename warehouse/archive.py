"""The DuckDB archive: one file holding documents (all versions, raw bytes compressed and
content-addressed), their facts, canonical entities, runs, quarantine and web state.

Raw bytes live in a table (raw_objects) rather than beside the DB so the archive is one file
that commits a document, its raw bytes and its facts in the same transaction: a crash leaves
either all of them or none, and copying the file copies everything."""
from __future__ import annotations

import json
import uuid
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

import duckdb
import pyarrow as pa

from extractors.types import RawItem
from warehouse import mapping, migrate
from warehouse.batch import BatchPlan, document_id_for
from warehouse.load import LoadItem
from warehouse.mapping import Row

__all__ = ["Archive", "LoadItem", "document_id_for"]


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


class Archive:
    """Open with Archive.open(path); use as a context manager."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str, read_only: bool, overrides: str | None):
        self.con = con
        self.path = path
        self.read_only = read_only
        self.overrides = overrides or str(Path(path).parent / "overrides.toml")

    @classmethod
    def open(cls, path: str, read_only: bool = False, overrides: str | None = None) -> "Archive":
        """Open (creating dirs and schema, running migrations when writable) an archive file."""
        if read_only:
            if not Path(path).exists():
                raise FileNotFoundError(f"no archive at {path}")
            con = duckdb.connect(path, read_only=True)
        else:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
            con = duckdb.connect(path)
            migrate.migrate(con)
        return cls(con, path, read_only, overrides)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # ---- loading -------------------------------------------------------------------------

    def store_batch(self, items: list[LoadItem], run_id: str | None = None,
                    reprocess: bool = False) -> dict[str, int]:
        """Store a batch in one transaction; returns new-row counts per table.

        Idempotent: bytes already stored for a document add nothing. With `reprocess`, the
        latest version of a document already stored gets its metadata and facts replaced
        (a new extractor run over the same bytes)."""
        plan = BatchPlan(self.con, list(items), run_id, reprocess, _now())
        plan.build()
        return plan.write()

    def raw_items(self) -> Iterator[RawItem]:
        """Every stored raw version (documents, then quarantined inputs with bytes), no network."""
        cur = self.con.cursor()
        cur.execute("""
            SELECT v.uri, v.canonical_url, v.content_type, v.fetched_at, v.http_status, v.headers, v.source_name,
                   r.data, r.compression
            FROM document_versions v JOIN raw_objects r ON r.sha256 = v.version
            UNION ALL
            SELECT q.uri, CASE WHEN q.doc_key <> q.uri THEN q.doc_key END, q.content_type, q.fetched_at,
                   q.http_status, q.headers, q.source_name, r.data, r.compression
            FROM quarantine q JOIN raw_objects r ON r.sha256 = q.sha256
            WHERE q.resolved_at IS NULL
            ORDER BY 1, 4""")
        while rows := cur.fetchmany(256):
            for uri, canon, ctype, fetched, status, headers, source, data, comp in rows:
                yield RawItem(uri=uri, data=mapping.unpack_raw(data, comp), content_type=ctype, fetched_at=fetched,
                              status=status, headers=json.loads(headers) if headers else {},
                              source_name=source, canonical_url=canon)
        cur.close()

    # ---- resolution and search -------------------------------------------------------------

    def resolve_entities(self) -> dict[str, int]:
        """Rebuild canonical units and people (and the merges log) from all facts."""
        from warehouse.resolve import resolve_archive
        return resolve_archive(self.con, self.overrides)

    def refresh_search(self, force: bool = False) -> bool:
        """Rebuild the full-text index if documents changed since it was built."""
        from warehouse.search import refresh_index
        return refresh_index(self.con, force=force)

    def refresh_derived(self) -> dict[str, int]:
        """Run entity resolution and rebuild the search index, each only if documents changed."""
        meta = dict(self.con.execute("SELECT key, value FROM archive_meta").fetchall())
        out: dict[str, int] = {}
        if meta.get("entities_stale") == "1":
            out.update(self.resolve_entities())
        if meta.get("search_stale", "1") == "1":
            out["search_index"] = int(self.refresh_search())
        return out

    def search(self, query: str, limit: int = 10) -> list[dict]:
        """Full-text search (rebuilding a stale index first when the archive is writable)."""
        from warehouse.search import has_index, search
        if not self.read_only:
            self.refresh_search()
        elif not has_index(self.con):
            raise RuntimeError("the search index is not built yet: open the archive writable once "
                               "(`vnarchive search` does) or run Archive.refresh_search()")
        return search(self.con, query, limit)

    # ---- runs and status -------------------------------------------------------------------

    def start_run(self, kind: str, params: dict, flow_run_id: str | None = None) -> str:
        run_id = uuid.uuid4().hex[:16]
        self.con.execute("INSERT INTO runs (run_id, kind, params, flow_run_id, started_at, status) "
                         "VALUES (?, ?, ?, ?, ?, 'running')",
                         [run_id, kind, json.dumps(params, ensure_ascii=False, sort_keys=True, default=str),
                          flow_run_id, _now()])
        return run_id

    def finish_run(self, run_id: str, counts: dict, errors: list[str], status: str = "completed") -> None:
        """Record the end of a run; first bring entities and the search index up to date if the
        run stored documents (once per run, not per batch)."""
        errors = list(errors)
        try:
            self.refresh_derived()
        except Exception as e:  # never lose the run record over a derived table
            errors.append(f"warehouse post-processing failed: {e}")
        self.con.execute("UPDATE runs SET finished_at = ?, status = ?, counts = ?, errors = ? WHERE run_id = ?",
                         [_now(), status, json.dumps(counts, ensure_ascii=False, sort_keys=True, default=str),
                          json.dumps(list(errors), ensure_ascii=False), run_id])

    def table_counts(self) -> dict[str, int]:
        from warehouse.schema import tables
        names = [t.name for t in tables()]
        sql = " UNION ALL ".join(f"SELECT '{n}', count(*) FROM {n}" for n in names)
        return {n: c for n, c in self.con.execute(sql).fetchall()}

    def last_runs(self, n: int = 5) -> list[dict]:
        cur = self.con.execute("SELECT run_id, kind, params, flow_run_id, started_at, finished_at, status, counts, "
                               "errors FROM runs ORDER BY started_at DESC, run_id LIMIT ?", [n])
        cols = [d[0] for d in cur.description]
        out = []
        for row in cur.fetchall():
            d = dict(zip(cols, row))
            for k in ("params", "counts", "errors"):
                d[k] = json.loads(d[k]) if d[k] else ({} if k != "errors" else [])
            out.append(d)
        return out

    def quarantine_summary(self) -> list[dict]:
        rows = self.con.execute("SELECT reason, count(*) FROM quarantine WHERE resolved_at IS NULL "
                                "GROUP BY reason ORDER BY 2 DESC, 1").fetchall()
        return [{"reason": r, "count": c} for r, c in rows]

    def quarantine_items(self, include_resolved: bool = False) -> list[dict]:
        where = "" if include_resolved else "WHERE resolved_at IS NULL"
        cur = self.con.execute(f"SELECT uri, doc_key, source_name, sha256, stage, reason, message, http_status, "
                               f"quarantined_at, resolved_at FROM quarantine {where} ORDER BY quarantined_at, uri")
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    # ---- web state (one statement per call) ------------------------------------------------

    def holds_versions(self, pairs: list[tuple[str, str]]) -> set[str]:
        """Of (document key, sha256) pairs, the keys whose document already holds those bytes as
        a version: storing them again would add nothing. Their open quarantine rows are resolved
        (the input reads again), as store_batch does for a stored item."""
        if not pairs:
            return set()
        vals = pa.table({"k": [k for k, _ in pairs], "s": [s for _, s in pairs]})  # noqa: F841 (read by DuckDB)
        held = {k for (k,) in self.con.execute(
            "SELECT DISTINCT vals.k FROM vals JOIN document_urls u ON u.url = vals.k "
            "JOIN document_versions v ON v.document_id = u.document_id AND v.version = vals.s").fetchall()}
        self.resolve_quarantine(held)
        return held

    def resolve_quarantine(self, keys) -> None:
        """Mark the open quarantine rows of these keys resolved (the input reads now: a file
        already stored, a folder that could be listed this time)."""
        if keys:
            vals = pa.table({"v": pa.array(sorted(set(keys)), pa.string())})  # noqa: F841 (read by DuckDB)
            self.con.execute("UPDATE quarantine SET resolved_at = ? WHERE resolved_at IS NULL "
                             "AND doc_key IN (SELECT v FROM vals)", [_now()])

    def fetch_states(self, urls: list[str]) -> dict[str, dict]:
        if not urls:
            return {}
        vals = pa.table({"v": pa.array(sorted(set(urls)), pa.string())})  # noqa: F841 (read by DuckDB)
        rows = self.con.execute("SELECT url, etag, last_modified, sha256, fetched_at FROM web_state "
                                "SEMI JOIN vals ON url = v").fetchall()
        return {u: {"etag": e, "last_modified": lm, "sha256": s, "fetched_at": f} for u, e, lm, s, f in rows}

    def record_fetches(self, records: list[dict]) -> None:
        if not records:
            return
        rows = [mapping.fetch_row(r) for r in records]
        latest: dict[str, Row] = {}
        counts: dict[str, int] = {}
        for r in rows:
            latest[r["url"]] = r
            counts[r["url"]] = counts.get(r["url"], 0) + 1
        state = [{**r, "fetch_count": counts[u]} for u, r in latest.items()]
        log = mapping.to_arrow("fetch_log", rows)  # noqa: F841 (read by DuckDB by name)
        ws = mapping.to_arrow("web_state", state)  # noqa: F841
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute("INSERT INTO fetch_log BY NAME SELECT * FROM log")
            self.con.execute("""
                INSERT INTO web_state BY NAME SELECT * FROM ws ON CONFLICT (url) DO UPDATE SET
                  final_url = EXCLUDED.final_url, status = EXCLUDED.status,
                  etag = coalesce(EXCLUDED.etag, etag), last_modified = coalesce(EXCLUDED.last_modified, last_modified),
                  sha256 = coalesce(EXCLUDED.sha256, sha256), fetched_at = EXCLUDED.fetched_at,
                  source_name = coalesce(EXCLUDED.source_name, source_name), not_modified = EXCLUDED.not_modified,
                  error = EXCLUDED.error, fetch_count = fetch_count + EXCLUDED.fetch_count""")
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    def source_state(self, source: str) -> dict:
        row = self.con.execute("SELECT state FROM sources WHERE name = ?", [source]).fetchone()
        return json.loads(row[0]) if row and row[0] else {}

    def set_source_state(self, source: str, state: dict) -> None:
        self.con.execute("INSERT INTO sources VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET "
                         "state = EXCLUDED.state, updated_at = EXCLUDED.updated_at",
                         [source, json.dumps(state, ensure_ascii=False, sort_keys=True), _now()])
