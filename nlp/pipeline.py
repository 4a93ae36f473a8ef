"""The full extractor: a clean document in, an Extraction with source spans out."""
from __future__ import annotations

from dataclasses import replace

from nlp.admin_doc import parse_admin_document
from nlp.source_document import SourceDocument
from nlp.awards import find_awards
from nlp.context import DocContext
from nlp.dates import find_dates
from nlp.document_fields import find_document_fields
from nlp.furniture import furniture_ranges
from nlp.legal_refs import find_legal_refs
from nlp.movements import find_movements
from nlp.normalize import NormalizedText, normalize_text
from nlp.people import add_signer, find_people
from nlp.records import Extraction
from nlp.units import find_units


def extract(doc: SourceDocument) -> Extraction:
    norm = normalize_text(doc.text)
    ctx = DocContext(norm=norm, furniture=furniture_ranges(norm.text))
    admin = parse_admin_document(norm.text)
    fields = find_document_fields(ctx, doc, admin)
    ctx.doc_date = fields.published
    ctx.kind = fields.kind
    dates = find_dates(ctx)
    refs = find_legal_refs(ctx)
    movements = find_movements(ctx)
    units = find_units(ctx)
    people = add_signer(find_people(ctx, units), fields, ctx)
    awards = find_awards(ctx, units, people)
    result = Extraction(source=doc.source, document=fields, people=people, units=units, awards=awards,
                        dates=dates, legal_refs=refs, movements=movements, text=doc.text)
    _spans_to_source(result, norm)
    return result


def _spans_to_source(x: Extraction, norm: NormalizedText) -> None:
    """Recognizers work on normalized text; every stored span indexes the source text."""
    def m(span):
        return None if span is None else norm.to_source(*span)

    for p in x.people:
        p.spans = [m(s) for s in p.spans]
        for pos in p.positions:
            pos.span = m(pos.span)
    for u in x.units:
        u.spans = [m(s) for s in u.spans]
    for seq in (x.awards, x.dates, x.legal_refs, x.movements):
        for item in seq:
            item.span = m(item.span)
    if x.document.signer is not None:
        x.document.signer = replace(x.document.signer, span=m(x.document.signer.span))
