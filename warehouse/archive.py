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

from extractors.types import RawItem
from warehouse import mapping, migrate
from warehouse.keys import fold_ascii, short_hash
from warehouse.load import LoadItem
from warehouse.mapping import FACT_TABLES, Row

_BATCH_TABLES = ("raw_objects", "documents", "document_urls", "document_versions", *FACT_TABLES, "quarantine")


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None, microsecond=0)


def document_id_for(key: str) -> str:
    """Stable short id of a document key (canonical URL or path)."""
    return short_hash("doc", key)


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
        plan = _BatchPlan(self.con, items, run_id, reprocess, _now())
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

    def search(self, query: str, limit: int = 10) -> list[dict]:
        from warehouse.search import search
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

    # ---- web state (one statement per call) ------------------------------------------------

    def fetch_states(self, urls: list[str]) -> dict[str, dict]:
        if not urls:
            return {}
        rows = self.con.execute("SELECT url, etag, last_modified, sha256, fetched_at FROM web_state "
                                "WHERE list_contains(?, url)", [list(urls)]).fetchall()
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
            self.con.execute("INSERT INTO fetch_log SELECT * FROM log")
            self.con.execute("""
                INSERT INTO web_state SELECT * FROM ws ON CONFLICT (url) DO UPDATE SET
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


class _BatchPlan:
    """Decides, for a batch, which rows are new (against the archive and earlier items of the
    same batch), then writes them all in one transaction with one statement per table."""

    def __init__(self, con, items: list[LoadItem], run_id, reprocess: bool, now: datetime):
        self.con, self.items, self.run_id, self.reprocess, self.now = con, items, run_id, reprocess, now
        self.rows: dict[str, list[Row]] = {t: [] for t in _BATCH_TABLES}
        self.replace_docs: list[str] = []          # documents whose facts are replaced
        self.doc_updates: dict[str, Row] = {}      # document_id -> latest_version, version_count
        self.replace_versions: list[tuple[str, str]] = []  # (document_id, version) rewritten on reprocess
        self.resolved_q: list[tuple[str, str]] = []        # (doc_key, sha256) stored successfully
        self.search_rows: dict[str, Row] = {}

    def _lookup(self):
        keys = sorted({it.key for it in self.items})
        shas = sorted({it.raw.sha256 for it in self.items if it.raw.data})
        q = self.con.execute
        self.url_doc = dict(q("SELECT url, document_id FROM document_urls WHERE list_contains(?, url)",
                              [keys]).fetchall())
        self.sha_doc = dict(q("SELECT version, min(document_id) FROM document_versions "
                              "WHERE list_contains(?, version) GROUP BY version", [shas]).fetchall())
        cand = sorted(set(self.url_doc.values()) | set(self.sha_doc.values())
                      | {document_id_for(k) for k in keys})
        self.docs = {d: {"latest_version": lv, "version_count": vc} for d, lv, vc in
                     q("SELECT document_id, latest_version, version_count FROM documents "
                       "WHERE list_contains(?, document_id)", [cand]).fetchall()}
        self.versions = set(q("SELECT document_id, version FROM document_versions "
                              "WHERE list_contains(?, document_id)", [cand]).fetchall())
        self.raw_have = {r[0] for r in q("SELECT sha256 FROM raw_objects WHERE list_contains(?, sha256)",
                                         [shas]).fetchall()}
        self.q_have = {r[0] for r in q("SELECT quarantine_id FROM quarantine").fetchall()} if any(
            it.error_reason for it in self.items) else set()

    def build(self) -> None:
        self._lookup()
        for it in self.items:
            if it.error_reason:
                self._quarantine(it)
            elif it.extraction is not None or it.doc is not None:
                self._document(it)
            else:
                raise ValueError(f"LoadItem for {it.key} has neither an extraction nor an error_reason")

    def _raw(self, raw: RawItem) -> None:
        if raw.data and raw.sha256 not in self.raw_have:
            self.raw_have.add(raw.sha256)
            self.rows["raw_objects"].append(mapping.raw_object_row(raw))

    def _quarantine(self, it: LoadItem) -> None:
        sha = it.raw.sha256 if it.raw.data else ""
        qid = short_hash("q", it.key, sha, it.stage or "", it.error_reason)
        if qid in self.q_have:
            return
        self.q_have.add(qid)
        self._raw(it.raw)
        self.rows["quarantine"].append(mapping.quarantine_row(qid, it.key, it.raw, it.stage, it.error_reason,
                                                              it.error_message, self.run_id, self.now))

    def _document(self, it: LoadItem) -> None:
        key, raw, sha = it.key, it.raw, it.raw.sha256
        doc_id = self.url_doc.get(key) or self.sha_doc.get(sha) or document_id_for(key)
        if key not in self.url_doc:
            via = "key" if doc_id == document_id_for(key) else "alias"
            self.url_doc[key] = doc_id
            self.rows["document_urls"].append({"url": key, "document_id": doc_id, "via": via,
                                               "first_seen_at": self.now})
        state = self.docs.get(doc_id)
        if (doc_id, sha) in self.versions:
            if self.reprocess and state and state["latest_version"] == sha:
                self._facts(doc_id, state["version_count"], it, replace_version=True)
            return
        self._raw(raw)
        if state is None:
            state = {"latest_version": sha, "version_count": 1}
            self.docs[doc_id] = state
            self.rows["documents"].append({"document_id": doc_id, "doc_key": key, "source_name": raw.source_name,
                                           "first_seen_at": self.now, "latest_version": sha, "version_count": 1})
        else:
            state["latest_version"] = sha
            state["version_count"] += 1
            new_doc = next((r for r in self.rows["documents"] if r["document_id"] == doc_id), None)
            if new_doc is not None:
                new_doc.update(state)
            else:
                self.doc_updates[doc_id] = dict(state)
        self.versions.add((doc_id, sha))
        self.sha_doc.setdefault(sha, doc_id)
        self._facts(doc_id, state["version_count"], it, replace_version=False)

    def _facts(self, doc_id: str, seq: int, it: LoadItem, replace_version: bool) -> None:
        vrow = mapping.version_row(doc_id, seq, it.raw, it.doc, it.extraction, self.run_id, self.now)
        if replace_version:
            self.replace_versions.append((doc_id, it.raw.sha256))
        # a later item of the same batch for the same document wins
        self.replace_docs.append(doc_id)
        for t in FACT_TABLES:
            self.rows[t] = [r for r in self.rows[t] if r["document_id"] != doc_id]
        self.rows["document_versions"] = [r for r in self.rows["document_versions"]
                                          if (r["document_id"], r["version"]) != (doc_id, it.raw.sha256)]
        self.rows["document_versions"].append(vrow)
        if it.extraction is not None:
            for t, rows in mapping.fact_rows(doc_id, it.extraction, vrow["published_on"]).items():
                self.rows[t].extend(rows)
        self.search_rows[doc_id] = {"document_id": doc_id, "title_folded": fold_ascii(vrow["title"] or ""),
                                    "body_folded": fold_ascii(vrow["text"] or "")}
        self.resolved_q.append((it.key, it.raw.sha256))

    def write(self) -> dict[str, int]:
        con = self.con
        counts = {t: len(self.rows[t]) for t in _BATCH_TABLES}
        counts["document_versions"] -= len(self.replace_versions)
        if not any(counts.values()) and not self.replace_docs:
            return counts
        con.execute("BEGIN TRANSACTION")
        try:
            docs = sorted(set(self.replace_docs))
            if docs:
                for t in FACT_TABLES + ("search_docs",):
                    con.execute(f"DELETE FROM {t} WHERE list_contains(?, document_id)", [docs])
            if self.replace_versions:
                rv = [f"{d}\x1f{v}" for d, v in self.replace_versions]
                con.execute("DELETE FROM document_versions WHERE list_contains(?, document_id || chr(31) || version)",
                            [rv])
            for t in _BATCH_TABLES:
                if self.rows[t]:
                    arrow = mapping.to_arrow(t, self.rows[t])  # noqa: F841 (DuckDB reads it by name)
                    con.execute(f"INSERT INTO {t} SELECT * FROM arrow")
            if self.doc_updates:
                upd = mapping.to_arrow("documents", [{"document_id": d, **s} for d, s in  # noqa: F841
                                                     self.doc_updates.items()])
                con.execute("UPDATE documents SET latest_version = upd.latest_version, "
                            "version_count = upd.version_count FROM upd WHERE documents.document_id = upd.document_id")
            if self.search_rows:
                srch = mapping.to_arrow("search_docs", list(self.search_rows.values()))  # noqa: F841
                con.execute("INSERT INTO search_docs SELECT * FROM srch")
                con.execute("INSERT INTO archive_meta VALUES ('search_stale', '1') "
                            "ON CONFLICT (key) DO UPDATE SET value = '1'")
                con.execute("INSERT INTO archive_meta VALUES ('entities_stale', '1') "
                            "ON CONFLICT (key) DO UPDATE SET value = '1'")
            if self.resolved_q:
                rq = [f"{k}\x1f{s}" for k, s in self.resolved_q]
                con.execute("UPDATE quarantine SET resolved_at = ? WHERE resolved_at IS NULL "
                            "AND list_contains(?, doc_key || chr(31) || coalesce(sha256, ''))", [self.now, rq])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return counts
