"""Plain text files: decoding with a clear reason when the bytes are not text."""
from __future__ import annotations

from extractors.types import CleanDocument, ExtractionError, RawItem


def decode_text_bytes(data: bytes) -> str:
    if b"\x00" in data[:4096]:
        raise ExtractionError("binary_content", "the file holds binary data (NUL bytes), not text")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ExtractionError("invalid_encoding", f"not valid UTF-8 at byte {e.start}") from None


def read_text(item: RawItem) -> CleanDocument:
    text = decode_text_bytes(item.data).replace("\r\n", "\n").replace("\r", "\n")
    return CleanDocument(source=item.uri, uri=item.uri, text=text, format="txt")
