"""Extraction records to the JSON of shared/contract/EXTRACTION.md (v1). Extra fields
(spans, kinds, `rule`: the registered rule that produced a fact, see nlp.registry) are allowed by
the contract; the named ones keep their meaning."""
from __future__ import annotations

from dataclasses import asdict

from nlp.records import Extraction


def to_contract(x: Extraction, include_text: bool = False) -> dict:
    d = x.document
    doc = {
        "title": d.title, "kind": d.kind, "published": d.published, "doc_number": d.doc_number,
        "doc_type": d.doc_type, "issuer": d.issuer, "place": d.place,
        "signer": ({"name": d.signer.name, "title": d.signer.title} if d.signer else None),
        "authors": list(d.authors),
    }
    if d.recipients:
        doc["recipients"] = list(d.recipients)
    out = {
        "source": x.source,
        "document": doc,
        "people": [{"name": p.name,
                    "positions": [{"title": q.title, "unit": q.unit, **({"former": True} if q.former else {}),
                                   "span": q.span, "rule": q.rule} for q in p.positions],
                    "spans": p.spans, "rule": p.rule} for p in x.people],
        "units": [{"name": u.name, "aliases": list(u.aliases), "parent": u.parent, "kind": u.kind,
                   "spans": u.spans, "rule": u.rule} for u in x.units],
        "awards": [{"award": a.award, "grantor": a.grantor, "class": a.award_class,
                    "recipient": a.recipient, "year": a.year, "span": a.span, "rule": a.rule} for a in x.awards],
        "dates": [{"text": t.text, "value": t.value, "span": t.span,
                   **({"implausible": True} if t.implausible else {}), "rule": t.rule} for t in x.dates],
        "legal_refs": [{"number": r.number, "doc_type": r.doc_type, "date": r.date,
                        "issuer_code": r.issuer_code, "span": r.span, "rule": r.rule} for r in x.legal_refs],
        "movements": [{"name": m.name, "span": m.span, "rule": m.rule} for m in x.movements],
        "extractor_version": x.extractor_version,
    }
    if include_text:
        out["text"] = x.text
    return out


def records_as_dicts(x: Extraction) -> dict:
    """All fields of every record (for loading and debugging)."""
    return asdict(x)
