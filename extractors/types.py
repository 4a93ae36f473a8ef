"""Typed values passed between acquisition, extraction and loading."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field


class ExtractionError(Exception):
    """Input that cannot become a clean document. `reason` is a short machine code
    (e.g. "pdf_corrupt", "pdf_no_text_layer", "binary_content", "invalid_encoding",
    "too_large", "empty_body", "unsupported_format"); the message says it for people."""

    def __init__(self, reason: str, message: str):
        super().__init__(f"{reason}: {message}")
        self.reason = reason
        self.message = message


@dataclass
class RawItem:
    """Bytes as they were read or fetched, before any parsing."""

    uri: str                          # file path or URL as given / fetched (final URL)
    data: bytes
    content_type: str | None = None   # HTTP Content-Type, if any
    fetched_at: str | None = None     # ISO 8601 UTC
    status: int | None = None         # HTTP status, None for files
    headers: dict[str, str] = field(default_factory=dict)
    source_name: str | None = None    # registry source that produced it
    canonical_url: str | None = None  # URL with tracking params / fragment removed
    profile: str | None = None        # site profile name, if the source names one

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class CleanDocument:
    """One document reduced to the clean text that facts are extracted from.

    Every character span in the extraction indexes into `text`."""

    source: str                       # contract "source": file base name or URL
    uri: str                          # path or URL
    text: str                         # clean body (for a web page: without furniture)
    format: str                       # "txt" | "html" | "pdf" | "docx"
    title: str | None = None          # from page metadata, when the format has it
    published: str | None = None      # YYYY-MM-DD (or ISO datetime) from metadata
    authors: list[str] = field(default_factory=list)
    sha256: str | None = None         # of the raw bytes
    meta: dict = field(default_factory=dict)  # anything else (profile, language, charset)
