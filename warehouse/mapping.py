"""The one place that maps records to DuckDB rows (dicts keyed by column name), and rows to
Arrow tables for bulk inserts."""
from __future__ import annotations

import json
import zlib
from datetime import date, datetime

import pyarrow as pa

from extractors.types import CleanDocument, RawItem
from nlp.records import Extraction, Span
from warehouse.award_types import award_type
from warehouse.keys import date_part, name_key, number_key
from warehouse.schema import table

Row = dict[str, object]

_ARROW = {"VARCHAR": pa.string(), "JSON": pa.string(), "INTEGER": pa.int32(), "BIGINT": pa.int64(),
          "DOUBLE": pa.float64(), "BOOLEAN": pa.bool_(), "DATE": pa.date32(), "TIMESTAMP": pa.timestamp("us"),
          "BLOB": pa.binary()}


def to_arrow(table_name: str, rows: list[Row]) -> pa.Table:
    """Rows of one table as an Arrow table with the schema's column order and types."""
    t = table(table_name)
    schema = pa.schema([(c.name, _ARROW[c.type]) for c in t.columns])
    cols = {c.name: [r.get(c.name) for r in rows] for c in t.columns}
    return pa.Table.from_pydict(cols, schema=schema)


def _json(v) -> str | None:
    return None if v is None else json.dumps(v, ensure_ascii=False, sort_keys=True)


def _span(span: Span | None) -> tuple[int | None, int | None]:
    return (span[0], span[1]) if span else (None, None)


def _spans_json(spans: list[Span]) -> str:
    return json.dumps([list(s) for s in spans if s is not None])


def _iso_date(s: str | None) -> date | None:
    d = date_part(s)
    return date.fromisoformat(d) if d else None


def raw_object_row(raw: RawItem) -> Row:
    packed = zlib.compress(raw.data, 6)
    return {"sha256": raw.sha256, "size": len(raw.data), "compression": "zlib",
            "stored_size": len(packed), "data": packed}


def unpack_raw(data: bytes, compression: str) -> bytes:
    if compression == "zlib":
        return zlib.decompress(data)
    if compression in (None, "", "none"):
        return data
    raise ValueError(f"unknown raw compression {compression!r}")


def document_date(doc: CleanDocument | None, x: Extraction | None) -> date | None:
    """The document's date: the extracted publication/signing date, else the page metadata's."""
    return _iso_date(x.document.published if x else None) or _iso_date(doc.published if doc else None)


def version_row(document_id: str, seq: int, raw: RawItem, doc: CleanDocument | None, x: Extraction | None,
                run_id: str | None, now: datetime) -> Row:
    f = x.document if x else None
    text = x.text if x and x.text else (doc.text if doc else "")
    published = (f.published if f else None) or (doc.published if doc else None)
    signer = f.signer if f else None
    return {
        "document_id": document_id, "version": raw.sha256, "seq": seq, "uri": raw.uri,
        "canonical_url": raw.canonical_url, "source_name": raw.source_name, "content_type": raw.content_type,
        "http_status": raw.status, "headers": _json(dict(raw.headers)) if raw.headers else None,
        "fetched_at": raw.fetched_at, "stored_at": now, "run_id": run_id,
        "format": doc.format if doc else None,
        "title": (f.title if f else None) or (doc.title if doc else None),
        "kind": f.kind if f else None, "published": published, "published_on": document_date(doc, x),
        "doc_number": f.doc_number if f else None, "doc_number_key": number_key(f.doc_number if f else None),
        "doc_type": f.doc_type if f else None, "issuer": f.issuer if f else None, "place": f.place if f else None,
        "signer_name": signer.name if signer else None, "signer_title": signer.title if signer else None,
        "signer_authority": signer.authority if signer else None,
        "authors": _json(list(f.authors) if f else list(doc.authors) if doc else []),
        "recipients": _json(list(f.recipients)) if f and f.recipients else None,
        "abstract": f.abstract if f else None, "text": text, "text_length": len(text),
        "extractor_version": x.extractor_version if x else None,
    }


def fact_rows(document_id: str, x: Extraction, observed_on: date | None) -> dict[str, list[Row]]:
    """Every fact of one extraction, per table. Ids are positional within the document, so
    the same extraction always gives the same rows."""
    v = x.extractor_version
    out: dict[str, list[Row]] = {k: [] for k in FACT_TABLES}
    for i, p in enumerate(x.people):
        mid = f"{document_id}:p:{i}"
        first = next((s for s in p.spans if s), None)
        s, e = _span(first)
        out["person_mentions"].append({"mention_id": mid, "document_id": document_id, "ordinal": i, "name": p.name,
                                       "name_key": name_key(p.name), "span_start": s, "span_end": e,
                                       "spans": _spans_json(p.spans), "extractor_version": v, "rule": p.rule})
        for j, q in enumerate(p.positions):
            s, e = _span(q.span)
            out["positions"].append({"position_id": f"{mid}:{j}", "document_id": document_id, "mention_id": mid,
                                     "title": q.title, "title_key": name_key(q.title), "unit_name": q.unit,
                                     "unit_key": name_key(q.unit), "former": bool(q.former),
                                     "observed_on": observed_on, "span_start": s, "span_end": e,
                                     "extractor_version": v, "rule": q.rule})
    for i, u in enumerate(x.units):
        first = next((s for s in u.spans if s), None)
        s, e = _span(first)
        out["unit_mentions"].append({"mention_id": f"{document_id}:u:{i}", "document_id": document_id, "ordinal": i,
                                     "name": u.name, "name_key": name_key(u.name), "aliases": _json(list(u.aliases)),
                                     "parent_name": u.parent, "parent_key": name_key(u.parent), "kind": u.kind,
                                     "level": u.level, "span_start": s, "span_end": e,
                                     "spans": _spans_json(u.spans), "extractor_version": v, "rule": u.rule})
    for i, a in enumerate(x.awards):
        s, e = _span(a.span)
        out["awards"].append({"award_id": f"{document_id}:a:{i}", "document_id": document_id, "ordinal": i,
                              "award": a.award, "award_type": award_type(a.award), "award_class": a.award_class,
                              "category": a.category, "grantor": a.grantor, "recipient": a.recipient,
                              "recipient_key": name_key(a.recipient), "recipient_kind": a.recipient_kind,
                              "year": a.year, "span_start": s, "span_end": e, "extractor_version": v,
                              "rule": a.rule})
    for i, d in enumerate(x.dates):
        s, e = _span(d.span)
        out["date_mentions"].append({"document_id": document_id, "ordinal": i, "text": d.text, "value": d.value,
                                     "kind": d.kind, "implausible": bool(d.implausible), "span_start": s,
                                     "span_end": e, "extractor_version": v, "rule": d.rule})
    for i, r in enumerate(x.legal_refs):
        s, e = _span(r.span)
        out["legal_refs"].append({"document_id": document_id, "ordinal": i, "number": r.number,
                                  "number_key": number_key(r.number), "doc_type": r.doc_type,
                                  "issuer_code": r.issuer_code, "ref_date": r.date, "text": r.text,
                                  "span_start": s, "span_end": e, "extractor_version": v, "rule": r.rule})
    for i, m in enumerate(x.movements):
        s, e = _span(m.span)
        out["movement_mentions"].append({"document_id": document_id, "ordinal": i, "name": m.name,
                                         "name_key": name_key(m.name), "span_start": s, "span_end": e,
                                         "extractor_version": v, "rule": m.rule})
    out["tenure_events"] = tenure_rows(document_id, x)
    out["unit_change_mentions"] = unit_change_rows(document_id, x)
    return out


def tenure_rows(document_id: str, x: Extraction) -> list[Row]:
    out = []
    for i, t in enumerate(x.tenure):
        mid = f"{document_id}:p:{t.person}"
        s, e = _span(t.span)
        out.append({"document_id": document_id, "ordinal": i, "mention_id": mid,
                    "position_id": f"{mid}:{t.position}" if t.position is not None else None, "event": t.event,
                    "cue": t.cue, "effective": t.effective, "date_basis": t.date_basis, "span_start": s,
                    "span_end": e, "extractor_version": x.extractor_version, "rule": t.rule})
    return out


def unit_change_rows(document_id: str, x: Extraction) -> list[Row]:
    out = []
    for i, c in enumerate(x.unit_changes):
        s, e = _span(c.span)
        out.append({"document_id": document_id, "ordinal": i, "change": c.change,
                    "predecessors": _json(list(c.predecessors)),
                    "predecessor_keys": _json([name_key(n) for n in c.predecessors]), "successor": c.successor,
                    "successor_key": name_key(c.successor), "effective": c.effective, "span_start": s,
                    "span_end": e, "extractor_version": x.extractor_version, "rule": c.rule})
    return out


FACT_TABLES = ("person_mentions", "positions", "unit_mentions", "awards", "date_mentions", "legal_refs",
               "movement_mentions", "tenure_events", "unit_change_mentions")


def quarantine_row(qid: str, key: str, raw: RawItem, stage: str | None, reason: str, message: str | None,
                   run_id: str | None, now: datetime) -> Row:
    return {"quarantine_id": qid, "doc_key": key, "uri": raw.uri, "source_name": raw.source_name,
            "sha256": raw.sha256 if raw.data else None, "stage": stage, "reason": reason, "message": message,
            "content_type": raw.content_type, "http_status": raw.status,
            "headers": _json(dict(raw.headers)) if raw.headers else None, "fetched_at": raw.fetched_at,
            "run_id": run_id, "quarantined_at": now, "resolved_at": None}


_FETCH_FIELDS = ("url", "final_url", "status", "etag", "last_modified", "sha256", "fetched_at", "source_name",
                 "not_modified", "error")


def fetch_row(record: dict) -> Row:
    row = {k: record.get(k) for k in _FETCH_FIELDS}
    row["not_modified"] = bool(row["not_modified"])
    return row
