"""What the language layer reads from a clean document.

nlp is the language layer: it never imports extractors/ (tests/test_layering.py enforces it);
extractors/ may import nlp's primitives (nlp.dates, nlp.normalize). The pipeline takes any
object with these fields; extractors.types.CleanDocument is one."""
from __future__ import annotations

from typing import Protocol


class SourceDocument(Protocol):
    source: str                       # contract "source": file base name or URL
    text: str                         # the clean text every span indexes into
    title: str | None                 # from page metadata, when the format has it
    published: str | None             # YYYY-MM-DD or ISO datetime, from page metadata
    authors: list[str]                # bylines from page metadata
