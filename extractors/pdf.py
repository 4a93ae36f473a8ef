"""pdf parsing (stub: to be written)."""
from __future__ import annotations

from extractors.types import CleanDocument, ExtractionError, RawItem


def read_pdf(item: RawItem) -> CleanDocument:
    raise ExtractionError("unsupported_format", "pdf parsing is not written yet")
