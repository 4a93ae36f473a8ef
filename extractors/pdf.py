"""PDF files with pypdf: text per page, hyphenation and whitespace repaired, NFC; title and date
from the document information when present. Scans without a text layer and broken files get a reason."""
from __future__ import annotations

import io
import logging
import re
import time
import unicodedata

from extractors.types import CleanDocument, ExtractionError, RawItem

MAX_PAGES = 300
MAX_SECONDS = 20.0             # then the text of the pages read so far (within the extraction budget, 30 s)
MIN_TEXT_CHARS = 20            # fewer letters/digits than this in the whole file: no text layer

_HYPHEN_BREAK = re.compile(r"\b([A-Za-z]{2,})-\n([a-z]{2,})")   # hyphenated Latin-script word
_HYPHEN_LINE = re.compile(r"(\w)-\n(?=\w)")                      # "Bà Rịa-\nVũng Tàu": a real hyphen
_SOFT_WRAP = re.compile(r"(?<=[^\s.:;!?\")\]])\n(?=[a-zà-ỹđ])")
_SPACES = re.compile(r"[ \t\u00a0]+")


def repair_text(text: str) -> str:
    """Per-page text: NFC, trimmed lines, at most one blank line in a row, lines that continue in
    lower case joined. Vietnamese is not hyphenated inside syllables, so an end-of-line hyphen is
    kept ("Bà Rịa-Vũng Tàu") except inside a Latin-script word ("manage-\nment")."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = text.replace("\u00ad\n", "").replace("\u00ad", "")
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    text = _HYPHEN_LINE.sub(r"\1-", _HYPHEN_BREAK.sub(r"\1\2", text))
    return _SOFT_WRAP.sub(" ", text)


def _pdf_date(value) -> str | None:
    try:
        return value.date().isoformat() if value is not None else None
    except Exception:
        return None


def read_pdf(item: RawItem) -> CleanDocument:
    from pypdf import PdfReader

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    if b"%%EOF" not in item.data[-2048:]:
        raise ExtractionError("pdf_corrupt", "the PDF is truncated (no %%EOF marker at its end)")
    try:
        reader = PdfReader(io.BytesIO(item.data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ExtractionError("pdf_encrypted", "the PDF is encrypted with a password")
        n_pages = len(reader.pages)
    except ExtractionError:
        raise
    except Exception as e:
        raise ExtractionError("pdf_corrupt", f"pypdf cannot read the file ({type(e).__name__}: {e})") from None
    if n_pages == 0:
        raise ExtractionError("pdf_corrupt", "the PDF has no pages")
    started = time.monotonic()
    pages: list[str] = []
    truncated = False
    for i in range(min(n_pages, MAX_PAGES)):
        if time.monotonic() - started > MAX_SECONDS:
            truncated = True
            break
        try:
            pages.append(repair_text(reader.pages[i].extract_text() or ""))
        except Exception as e:
            if not pages and i == n_pages - 1:
                raise ExtractionError("pdf_corrupt", f"page {i + 1} cannot be read ({type(e).__name__})") from None
            pages.append("")
    text = "\n\n".join(p for p in pages if p)
    if sum(ch.isalnum() for ch in text) < MIN_TEXT_CHARS:
        raise ExtractionError("pdf_no_text_layer",
                              f"none of the {n_pages} pages has a text layer (a scan needs OCR)")
    meta: dict = {"pages": n_pages}
    if truncated or n_pages > MAX_PAGES:
        meta["truncated_at_page"] = len(pages)
    title = published = None
    try:
        info = reader.metadata
        if info is not None:
            title = (info.title or "").strip() or None
            published = _pdf_date(info.creation_date)
    except Exception:
        pass
    return CleanDocument(source=item.uri, uri=item.uri, text=text, format="pdf", title=title,
                         published=published, meta=meta)
