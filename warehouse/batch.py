"""One store_batch call: decide which rows are new (against the archive and the earlier items
of the same batch), then write them in one transaction, one statement per table."""
from __future__ import annotations

from datetime import datetime

import pyarrow as pa

from extractors.types import RawItem
from warehouse import mapping
from warehouse.keys import fold_ascii, short_hash
from warehouse.load import LoadItem
from warehouse.mapping import FACT_TABLES, Row

BATCH_TABLES = ("raw_objects", "documents", "document_urls", "document_versions", *FACT_TABLES, "quarantine")


def document_id_for(key: str) -> str:
    """Stable short id of a document key (canonical URL or path)."""
    return short_hash("doc", key)


class BatchPlan:
    """Plan (build) then write (one transaction) the rows of one batch."""

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
        counts = {t: len(tables.get(t, ())) for t in BATCH_TABLES}
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
            for t in BATCH_TABLES:
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
