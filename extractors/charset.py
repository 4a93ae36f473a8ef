"""Bytes to str for text and HTML: BOM, HTTP charset, <meta charset>, verified by decoding.

Vietnamese sites still serve windows-1258 (Python "cp1258"), which writes tone marks as
combining characters, so every result is NFC-normalized. Pages labelled latin-1/ascii are
often really UTF-8, so UTF-8 is tried strictly first for those labels."""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from extractors.types import ExtractionError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# labels that are usually wrong about UTF-8 pages: try UTF-8 strictly before believing them
_WEAK_LABELS = {"latin-1", "iso8859-1", "ascii", "cp1252", "windows-1252"}
_META_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_HTTP_RE = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.I)
# letters a latin-1/cp1252 label cannot produce but windows-1258 Vietnamese always has
_VIET_ONLY = set("ăđơưĂĐƠƯ")
# tone marks windows-1258 writes as separate combining characters
_CP1258_TONES = set("\u0300\u0301\u0303\u0309\u0323")
_MAX_REPLACED = 3             # stray bad bytes tolerated in an otherwise valid document
_MAX_REPLACED_RATIO = 1 / 2000


@dataclass
class Decoded:
    text: str                 # NFC
    encoding: str             # Python codec name actually used
    source: str               # "bom" | "http" | "meta" | "utf-8" | "fallback"
    replaced: int = 0         # bytes that did not decode and became U+FFFD


def http_charset(content_type: str | None) -> str | None:
    """The charset parameter of a Content-Type header, if any."""
    m = _HTTP_RE.search(content_type or "")
    return m.group(1) if m else None


def item_charset(content_type: str | None, headers: dict[str, str] | None = None) -> str | None:
    """The HTTP charset of a fetched item: its content type, else a Content-Type header."""
    if not content_type and headers:
        content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), None)
    return http_charset(content_type)


def meta_charset(data: bytes) -> str | None:
    """The charset of <meta charset> or <meta http-equiv=Content-Type> in the first 4 KB."""
    m = _META_RE.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def codec_name(label: str | None) -> str | None:
    """The Python codec for a charset label, or None when Python does not know it."""
    if not label:
        return None
    label = label.strip().lower()
    if label in {"windows-1258", "x-cp1258", "cp-1258"}:
        label = "cp1258"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return enc, len(bom)
    return None


def plausible_cp1258(text: str) -> bool:
    """Does cp1258-decoded text look like Vietnamese rather than decoded junk?

    Every combining tone mark must follow a letter, and symbols that Vietnamese text
    does not use (the 0x80-0xBF punctuation block of windows-1258) must be rare."""
    odd = 0
    letters = 0
    prev = ""
    for ch in text:
        if ch in _CP1258_TONES:
            if not prev.isalpha():
                return False
        elif ch.isalpha():
            letters += 1
        elif ord(ch) >= 0x80 and ch not in "\u2013\u2014\u2018\u2019\u201c\u201d\u2026\u00a0\u00b0\u00ab\u00bb":
            odd += 1
        prev = ch
    return letters > 0 and odd <= max(2, letters // 200)


def _strict(data: bytes, enc: str) -> str | None:
    try:
        return data.decode(enc)
    except (UnicodeDecodeError, LookupError):
        return None


def _nearly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a handful of stray bad bytes (tolerated, counted)."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.decode("utf-8", errors="ignore").count("\ufffd")
    if 0 < bad <= _MAX_REPLACED and bad <= max(1, len(data) * _MAX_REPLACED_RATIO):
        return Decoded(unicodedata.normalize("NFC", text), "utf-8", "utf-8", replaced=bad)
    return None


def decode_bytes(data: bytes, declared: str | None = None, html: bool = False) -> Decoded:
    """Decode with the first label that decodes cleanly; ExtractionError("invalid_encoding") else.

    `declared` is the HTTP charset; with `html` the <meta> charset is honoured too."""
    bom = bom_encoding(data)
    if bom:
        enc, n = bom
        text = _strict(data[n:], enc)
        if text is None:
            raise ExtractionError("invalid_encoding", f"the bytes after the {enc} byte-order mark do not decode as {enc}")
        return Decoded(unicodedata.normalize("NFC", text), enc, "bom")
    labels = [(codec_name(declared), "http")]
    if html:
        labels.append((codec_name(meta_charset(data)), "meta"))
    for enc, source in labels:
        if enc is None:
            continue
        if enc in _WEAK_LABELS or enc == "ascii":
            text = _strict(data, "utf-8")
            if text is not None:
                return Decoded(unicodedata.normalize("NFC", text), "utf-8", "utf-8")
            viet = _strict(data, "cp1258")
            if viet is not None and plausible_cp1258(viet) and _VIET_ONLY & set(viet):
                return Decoded(unicodedata.normalize("NFC", viet), "cp1258", "fallback")
        text = _strict(data, enc)
        if text is not None and (enc != "cp1258" or plausible_cp1258(text)):
            return Decoded(unicodedata.normalize("NFC", text), enc, source)
    text = _strict(data, "utf-8")
    if text is not None:
        return Decoded(unicodedata.normalize("NFC", text), "utf-8", "utf-8")
    text = _strict(data, "cp1258")
    if text is not None and plausible_cp1258(text):
        return Decoded(unicodedata.normalize("NFC", text), "cp1258", "fallback")
    nearly = _nearly_utf8(data)
    if nearly is not None:
        return nearly
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as e:
        pos = e.start
    raise ExtractionError("invalid_encoding",
                          f"not valid UTF-8 (first bad byte at offset {pos}) and no declared or "
                          "fallback encoding (windows-1258) decodes it cleanly")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB (not for UTF-16/32 with a BOM)."""
    head = data[:8192]
    if bom_encoding(head) and not head.startswith(codecs.BOM_UTF8):
        return False
    if b"\x00" in head:
        return True
    ctrl = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    return ctrl > max(4, len(head) // 100)


def encode_cp1258(text: str) -> bytes:
    """Encode as windows-1258 writers did: a base letter (ă â ê ô ơ ư are precomposed) plus a
    combining tone mark (for test fixtures and re-encoding; Python's codec alone rejects NFC text)."""
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        for m in marks:
            composed = unicodedata.normalize("NFC", base + m)
            if len(composed) == 1 and composed.encode("cp1258", "ignore"):
                base = composed
                marks.remove(m)
                break
        out += (base + "".join(marks)).encode("cp1258")
    return bytes(out)


__all__ = ["Decoded", "codec_name", "decode_bytes", "encode_cp1258", "http_charset", "item_charset",
           "looks_binary", "meta_charset", "plausible_cp1258"]
