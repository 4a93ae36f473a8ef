"""Bytes to clean documents: HTML article bodies, PDF, DOCX, plain text, and the
structure of administrative documents (Decree 30/2020/NĐ-CP)."""
from extractors.types import CleanDocument, ExtractionError, RawItem

__all__ = ["CleanDocument", "ExtractionError", "RawItem"]
