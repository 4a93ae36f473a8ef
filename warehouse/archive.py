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
        plan = _BatchPlan(self.con, list(items), run_id, reprocess, _now())
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


class _BatchPlan:
    """Decides, for a batch, which rows are new (against the archive and earlier items of the
    same batch), then writes them all in one transaction with one statement per table."""

    def __init__(self, con, items: list[LoadItem], run_id, reprocess: bool, now: datetime):
        self.con, self.items, self.run_id, self.reprocess, self.now = con, items, run_id, reprocess, now
        self.rows: dict[str, list[Row]] = {t: [] for t in ("raw_objects", "document_urls", "quarantine")}
        self.new_docs: dict[str, Row] = {}                 # document_id -> new documents row
        self.doc_updates: dict[str, Row] = {}              # document_id -> latest_version, version_count
        self.version_rows: dict[tuple[str, str], Row] = {}  # (document_id, version) -> row
        self.replace_versions: set[tuple[str, str]] = set()  # existing versions rewritten on reprocess
        self.facts: dict[str, dict[str, list[Row]]] = {}   # document_id -> table -> rows (replace old)
        self.resolved_q: list[str] = []                    # document keys stored successfully
        self.search_rows: dict[str, Row] = {}

    def _in(self, sql: str, values) -> list[tuple]:
        """Run `sql` where `vals` is a one-column table (v) of the values (an Arrow table:
        far faster than a list parameter)."""
        vals = pa.table({"v": pa.array(sorted(set(values)), pa.string())})  # noqa: F841 (read by DuckDB)
        return self.con.execute(sql).fetchall()

    def _lookup(self, shas: list[str]):
        keys = [it.key for it in self.items]
        self.url_doc = dict(self._in("SELECT url, document_id FROM document_urls SEMI JOIN vals ON url = v", keys))
        self.sha_doc = dict(self._in("SELECT version, min(document_id) FROM document_versions "
                                     "SEMI JOIN vals ON version = v GROUP BY version", [s for s in shas if s]))
        cand = set(self.url_doc.values()) | set(self.sha_doc.values()) | {document_id_for(k) for k in keys}
        self.docs = {d: {"latest_version": lv, "version_count": vc} for d, lv, vc in
                     self._in("SELECT document_id, latest_version, version_count FROM documents "
                              "SEMI JOIN vals ON document_id = v", cand)}
        self.versions = set(self._in("SELECT document_id, version FROM document_versions "
                                     "SEMI JOIN vals ON document_id = v", cand))
        self.raw_have = {r[0] for r in self._in("SELECT sha256 FROM raw_objects SEMI JOIN vals ON sha256 = v",
                                                [s for s in shas if s])}
        qids = [self._qid(it, sha) for it, sha in zip(self.items, shas) if it.error_reason]
        self.q_have = {r[0] for r in self._in("SELECT quarantine_id FROM quarantine "
                                              "SEMI JOIN vals ON quarantine_id = v", qids)} if qids else set()

    @staticmethod
    def _qid(it: LoadItem, sha: str) -> str:
        return short_hash("q", it.key, sha, it.stage or "", it.error_reason)

    def build(self) -> None:
        shas = [it.raw.sha256 if it.raw.data else "" for it in self.items]
        self._lookup(shas)
        for it, sha in zip(self.items, shas):
            if it.error_reason:
                self._quarantine(it, sha)
            elif it.extraction is not None or it.doc is not None:
                self._document(it, sha)
            else:
                raise ValueError(f"LoadItem for {it.key} has neither an extraction nor an error_reason")

    def _raw(self, raw: RawItem, sha: str) -> None:
        if sha and sha not in self.raw_have:
            self.raw_have.add(sha)
            self.rows["raw_objects"].append(mapping.raw_object_row(raw))

    def _quarantine(self, it: LoadItem, sha: str) -> None:
        qid = self._qid(it, sha)
        if qid in self.q_have:
            return
        self.q_have.add(qid)
        self._raw(it.raw, sha)
        self.rows["quarantine"].append(mapping.quarantine_row(qid, it.key, it.raw, it.stage, it.error_reason,
                                                              it.error_message, self.run_id, self.now))

    def _document(self, it: LoadItem, sha: str) -> None:
        key, raw = it.key, it.raw
        doc_id = self.url_doc.get(key) or self.sha_doc.get(sha) or document_id_for(key)
        if key not in self.url_doc:
            via = "key" if doc_id == document_id_for(key) else "alias"
            self.url_doc[key] = doc_id
            self.rows["document_urls"].append({"url": key, "document_id": doc_id, "via": via,
                                               "first_seen_at": self.now})
        state = self.docs.get(doc_id)
        if (doc_id, sha) in self.versions:
            if self.reprocess and state and state["latest_version"] == sha:
                if (doc_id, sha) not in self.version_rows:
                    self.replace_versions.add((doc_id, sha))
                self._facts(doc_id, state["version_count"], it, sha)
            else:
                self.resolved_q.append(key)
            return
        self._raw(raw, sha)
        if state is None:
            state = {"latest_version": sha, "version_count": 1}
            self.docs[doc_id] = state
            self.new_docs[doc_id] = {"document_id": doc_id, "doc_key": key, "source_name": raw.source_name,
                                     "first_seen_at": self.now, **state}
        else:
            state["latest_version"] = sha
            state["version_count"] += 1
            target = self.new_docs if doc_id in self.new_docs else self.doc_updates
            target.setdefault(doc_id, {"document_id": doc_id}).update(state)
        self.versions.add((doc_id, sha))
        self.sha_doc.setdefault(sha, doc_id)
        self._facts(doc_id, state["version_count"], it, sha)

    def _facts(self, doc_id: str, seq: int, it: LoadItem, sha: str) -> None:
        """The version row and the facts of the document's latest version (a later item of the
        same batch for the same document replaces them)."""
        vrow = mapping.version_row(doc_id, seq, it.raw, it.doc, it.extraction, self.run_id, self.now)
        self.version_rows[(doc_id, sha)] = vrow
        self.facts[doc_id] = (mapping.fact_rows(doc_id, it.extraction, vrow["published_on"])
                              if it.extraction is not None else {})
        self.search_rows[doc_id] = {"document_id": doc_id, "title_folded": fold_ascii(vrow["title"] or ""),
                                    "body_folded": fold_ascii(vrow["text"] or "")}
        self.resolved_q.append(it.key)

    def write(self) -> dict[str, int]:
        con = self.con
        tables: dict[str, list[Row]] = {**self.rows, "documents": list(self.new_docs.values()),
                                        "document_versions": list(self.version_rows.values())}
        for t in FACT_TABLES:
            tables[t] = [r for f in self.facts.values() for r in f.get(t, ())]
        counts = {t: len(tables.get(t, ())) for t in _BATCH_TABLES}
        counts["document_versions"] -= len(self.replace_versions)
        if not any(counts.values()) and not self.facts and not self.resolved_q:
            return counts
        con.execute("BEGIN TRANSACTION")
        try:
            if self.facts:
                vals = pa.table({"v": sorted(self.facts)})  # noqa: F841 (read by DuckDB)
                for t in FACT_TABLES + ("search_docs",):
                    con.execute(f"DELETE FROM {t} WHERE document_id IN (SELECT v FROM vals)")
            if self.replace_versions:
                rv = pa.table({"d": [d for d, _ in sorted(self.replace_versions)],  # noqa: F841
                               "s": [s for _, s in sorted(self.replace_versions)]})
                con.execute("DELETE FROM document_versions WHERE (document_id, version) IN (SELECT (d, s) FROM rv)")
            for t in _BATCH_TABLES:
                if tables.get(t):
                    arrow = mapping.to_arrow(t, tables[t])  # noqa: F841 (DuckDB reads it by name)
                    con.execute(f"INSERT INTO {t} BY NAME SELECT * FROM arrow")
            if self.doc_updates:
                upd = pa.table({"document_id": list(self.doc_updates),  # noqa: F841
                                "latest_version": [r["latest_version"] for r in self.doc_updates.values()],
                                "version_count": [r["version_count"] for r in self.doc_updates.values()]})
                con.execute("UPDATE documents SET latest_version = upd.latest_version, "
                            "version_count = upd.version_count FROM upd WHERE documents.document_id = upd.document_id")
            if self.search_rows:
                srch = mapping.to_arrow("search_docs", list(self.search_rows.values()))  # noqa: F841
                con.execute("INSERT INTO search_docs BY NAME SELECT * FROM srch")
                con.execute("INSERT INTO archive_meta VALUES ('search_stale', '1'), ('entities_stale', '1') "
                            "ON CONFLICT (key) DO UPDATE SET value = '1'")
            names = sorted({it.raw.source_name for it in self.items if it.raw.source_name})
            if names:
                srcs = pa.table({"v": names})  # noqa: F841 (read by DuckDB)
                con.execute("INSERT INTO sources SELECT v, '{}', ? FROM srcs ON CONFLICT (name) DO NOTHING",
                            [self.now])
            if self.resolved_q:  # the input now reads and extracts: its quarantine rows are resolved
                rq = pa.table({"v": sorted(set(self.resolved_q))})  # noqa: F841
                con.execute("UPDATE quarantine SET resolved_at = ? WHERE resolved_at IS NULL "
                            "AND doc_key IN (SELECT v FROM rq)", [self.now])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return counts
