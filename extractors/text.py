"""Plain text files: UTF-8 (with or without BOM), UTF-16/32 with BOM, windows-1258;
a clear reason when the bytes are not text."""
from __future__ import annotations

from extractors.charset import decode_bytes, item_charset, looks_binary
from extractors.types import CleanDocument, ExtractionError, RawItem


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """(text, codec) of a text file; ExtractionError "binary_content" / "invalid_encoding".

    Clean UTF-8 is returned exactly as written; any other encoding comes back NFC-normalized."""
    if looks_binary(data):
        raise ExtractionError("binary_content", "the file holds binary data (NUL or control bytes), not text")
    decoded = decode_bytes(data, declared=declared)
    if decoded.encoding == "utf-8" and decoded.source != "bom" and not decoded.replaced:
        return data.decode("utf-8"), "utf-8"
    return decoded.text, decoded.encoding


def decode_text_bytes(data: bytes) -> str:
    return decode_text(data)[0]


def read_text(item: RawItem) -> CleanDocument:
    text, codec = decode_text(item.data, item_charset(item.content_type, item.headers))
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return CleanDocument(source=item.uri, uri=item.uri, text=text, format="txt", meta={"charset": codec})
