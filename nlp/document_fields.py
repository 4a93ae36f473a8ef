"""Document fields: title, kind, publication date, bylines, and for administrative
documents the Decree 30/2020 parts (stub: to be written)."""
from __future__ import annotations

from extractors.admin_doc import AdminDocParts
from extractors.types import CleanDocument
from nlp.context import DocContext
from nlp.records import DocumentFields


def find_document_fields(ctx: DocContext, doc: CleanDocument, admin: AdminDocParts | None) -> DocumentFields:
    f = DocumentFields(title=doc.title, published=(doc.published or None) and doc.published[:10],
                       authors=list(doc.authors))
    if admin is not None:
        f.kind = admin.kind
        f.doc_number, f.doc_type, f.issuer, f.place = admin.doc_number, admin.doc_type, admin.issuer, admin.place
        f.published = f.published or admin.date
        f.signer, f.recipients, f.abstract = admin.signer, admin.recipients, admin.abstract
        f.title = admin.title or f.title
    return f
