"""html parsing (stub: to be written)."""
from __future__ import annotations

from extractors.types import CleanDocument, ExtractionError, RawItem


def read_html(item: RawItem) -> CleanDocument:
    raise ExtractionError("unsupported_format", "html parsing is not written yet")
