"""Dispatch raw bytes to the parser for their format."""
from __future__ import annotations

import os

from extractors.types import CleanDocument, ExtractionError, RawItem

SUPPORTED_SUFFIXES = (".txt", ".html", ".htm", ".pdf", ".docx")
MAX_BYTES = 20 * 1024 * 1024
_CORRUPT = {"pdf": "pdf_corrupt", "docx": "docx_corrupt", "html": "html_corrupt", "txt": "parse_error"}


def sniff_format(item: RawItem) -> str:
    """"txt" | "html" | "pdf" | "docx" from magic bytes, content type and name."""
    head = item.data[:1024].removeprefix(b"\xef\xbb\xbf").lstrip()
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    ct = (item.content_type or "").lower()
    name = item.uri.lower().split("?")[0]
    if "pdf" in ct or name.endswith(".pdf"):
        return "pdf"
    if "officedocument" in ct or name.endswith(".docx"):
        return "docx"
    if "html" in ct or "xml" in ct or name.endswith((".html", ".htm")) or head[:15].lower().startswith((b"<!doctype", b"<html")):
        return "html"
    if name.endswith(".txt") or ct.startswith("text/plain"):
        return "txt"
    return "html" if item.status is not None else "txt"


def source_name(uri: str) -> str:
    """Contract "source": a URL as is, a file by its base name."""
    return uri if uri.startswith(("http://", "https://")) else os.path.basename(uri)


def read_raw(item: RawItem) -> CleanDocument:
    """Bytes to a clean document, or ExtractionError with a reason."""
    if len(item.data) > MAX_BYTES:
        raise ExtractionError("too_large", f"{len(item.data)} bytes is over the {MAX_BYTES}-byte cap")
    if not item.data.strip():
        raise ExtractionError("empty", "the input is empty")
    fmt = sniff_format(item)
    if fmt == "pdf":
        from extractors.pdf import read_pdf as parse
    elif fmt == "docx":
        from extractors.docx import read_docx as parse
    elif fmt == "html":
        from extractors.html import read_html as parse
    else:
        from extractors.text import read_text as parse
    try:
        doc = parse(item)
    except ExtractionError:
        raise
    except RecursionError:
        raise ExtractionError(f"{fmt}_too_deep", "the document is nested too deeply to parse") from None
    except Exception as e:  # a parser bug or an input no check anticipated: still a quarantine reason
        raise ExtractionError(_CORRUPT.get(fmt, "parse_error"),
                              f"the {fmt} parser failed ({type(e).__name__}: {e})") from None
    doc.sha256 = item.sha256
    doc.source = source_name(item.uri)
    doc.uri = item.uri
    if not doc.text.strip():
        raise ExtractionError("empty_body", "no text could be extracted")
    return doc


def read_path(path: str) -> RawItem:
    with open(path, "rb") as f:
        data = f.read(MAX_BYTES + 1)
    return RawItem(uri=path, data=data)


def iter_input_files(paths: list[str]) -> list[str]:
    """Files given, and the supported files under folders given, sorted."""
    out: list[str] = []
    for p in paths:
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                out.extend(os.path.join(root, f) for f in sorted(files)
                           if f.lower().endswith(SUPPORTED_SUFFIXES))
        else:
            out.append(p)
    return out
