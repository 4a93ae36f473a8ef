"""The full extractor: a clean document in, an Extraction with source spans out.

The stages are the ones registered in nlp.registry, run in its STAGE_ORDER over one document model
(nlp.context.DocContext); importing the recogniser modules here registers them."""
from __future__ import annotations

from dataclasses import replace

import nlp.awards  # noqa: F401  (each import registers its stage and rules)
import nlp.dates  # noqa: F401
import nlp.document_fields  # noqa: F401
import nlp.legal_refs  # noqa: F401
import nlp.movements  # noqa: F401
import nlp.people  # noqa: F401
import nlp.tenure  # noqa: F401
import nlp.unit_changes  # noqa: F401
import nlp.units  # noqa: F401
from nlp.context import DocContext
from nlp.furniture import furniture_ranges
from nlp.normalize import NormalizedText, normalize_text
from nlp.records import Extraction
from nlp.registry import run_stages
from nlp.source_document import SourceDocument


def extract(doc: SourceDocument) -> Extraction:
    norm = normalize_text(doc.text)
    ctx = DocContext(norm=norm, furniture=furniture_ranges(norm.text), source=doc)
    run_stages(ctx)
    result = Extraction(source=doc.source, document=ctx.fields, people=ctx.people, units=ctx.units,
                        awards=ctx.awards, dates=ctx.dates, legal_refs=ctx.legal_refs,
                        movements=ctx.movements, tenure=ctx.tenure, unit_changes=ctx.unit_changes, text=doc.text)
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
    for seq in (x.awards, x.dates, x.legal_refs, x.movements, x.tenure, x.unit_changes):
        for item in seq:
            item.span = m(item.span)
    if x.document.signer is not None:
        x.document.signer = replace(x.document.signer, span=m(x.document.signer.span))
