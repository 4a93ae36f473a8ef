"""What the flows hand to the archive: one input after reading/fetching and extracting."""
from __future__ import annotations

from dataclasses import dataclass

from extractors.types import CleanDocument, RawItem
from nlp.records import Extraction


@dataclass
class LoadItem:
    """One input. `error_reason` set means quarantined (stage says where it failed)."""

    raw: RawItem
    doc: CleanDocument | None = None
    extraction: Extraction | None = None
    error_reason: str | None = None        # "pdf_corrupt", "fetch_timeout", ...
    error_message: str | None = None
    stage: str | None = None               # "read" | "fetch" | "extract"

    @property
    def key(self) -> str:
        """Document key: the canonical URL, else the URI (a path relative to the cwd)."""
        return self.raw.canonical_url or self.raw.uri
