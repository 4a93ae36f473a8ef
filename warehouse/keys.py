"""Normalized keys and ids shared by loading, resolution and search (pure functions)."""
from __future__ import annotations

import hashlib
import re
import unicodedata

from nlp.normalize import norm_key


_DATE_RE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_FOLD_EXTRA = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})


def short_hash(*parts: str, n: int = 16) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:n]


def name_key(s: str | None) -> str | None:
    """Comparison key of a name: the extractor's own key (NFC, lower case, one tone-mark
    placement, one dash, folded spaces, no quotes or edge punctuation), None when empty."""
    return norm_key(s) or None


def number_key(s: str | None) -> str | None:
    """A document number for matching: no spaces, upper case, ASCII-folded ("19/KH-UBND")."""
    if not s:
        return None
    k = re.sub(r"\s+", "", fold_ascii(unicodedata.normalize("NFC", s))).upper().strip(".,;:")
    k = re.sub(r"^SO", "", k) if re.match(r"^SO\d", k) else k
    return k or None


class _FoldTable(dict):
    """str.translate table filled on first use of each character."""

    def __missing__(self, code: int) -> str:
        r = _fold_char(chr(code))
        self[code] = r
        return r


_FOLD_TABLE = _FoldTable()


def fold_ascii(s: str) -> str:
    """Drop diacritics (also loose combining marks) and fold đ to d."""
    return s.translate(_FOLD_TABLE)


def fold_ascii_map(s: str) -> tuple[str, list[int]]:
    """fold_ascii with offsets: offsets[i] is the index in `s` of folded character i."""
    out, offs = [], []
    for i, c in enumerate(s):
        f = _fold_char(c)
        if f:
            out.append(f)
            offs.append(i)
    return "".join(out), offs


_FOLD_CACHE: dict[str, str] = {}


def _fold_char(c: str) -> str:
    if c < "\x80":
        return c
    r = _FOLD_CACHE.get(c)
    if r is None:
        if unicodedata.combining(c):
            r = ""
        else:
            d = unicodedata.normalize("NFD", c.translate(_FOLD_EXTRA))
            r = d[0] if d and not unicodedata.combining(d[0]) else c
        _FOLD_CACHE[c] = r
    return r


def date_part(s: str | None) -> str | None:
    """The YYYY-MM-DD prefix of an ISO date or datetime, else None."""
    if not s:
        return None
    m = _DATE_RE.match(s.strip())
    if not m:
        return None
    y, mo, d = map(int, m.groups())
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    return m.group(0)
