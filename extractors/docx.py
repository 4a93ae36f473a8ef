"""docx parsing (stub: to be written)."""
from __future__ import annotations

from extractors.types import CleanDocument, ExtractionError, RawItem


def read_docx(item: RawItem) -> CleanDocument:
    raise ExtractionError("unsupported_format", "docx parsing is not written yet")
