"""Cited documents with a number and symbol (stub: to be written)."""
from __future__ import annotations

from nlp.context import DocContext
from nlp.records import LegalRef


def find_legal_refs(ctx: DocContext) -> list[LegalRef]:
    return []
