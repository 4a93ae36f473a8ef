"""Text normalization that keeps a map back to the source offsets.

NFC, one tone-mark placement (hoà -> hòa, uỷ -> ủy), one kind of dash, plain spaces.
Every normalized character knows the source offset it came from, so a span found in
the normalized text maps back into the original."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONES.update({k.upper(): v.upper() for k, v in list(_TONES.items())})
_TONES.update({k[0].upper() + k[1:]: v[0].upper() + v[1:] for k, v in list(_TONES.items()) if k.islower()})
# only at the end of a syllable: "hoà" -> "hòa", but "soát", "toàn", "khuỷu" stay as they are; after
# "q" the "u" belongs to the consonant "qu", so "quý", "Quỳnh" keep their mark on the "y"
_TONE_RE = re.compile("(?<![qQ])(?:" + "|".join(sorted(_TONES, key=len, reverse=True)) + r")(?![^\W\d_])")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"), "-")
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u3000\t"), " ")
_ZERO_WIDTH = set("\u200b\u200c\u200d\ufeff\u00ad")


@dataclass
class NormalizedText:
    text: str
    offsets: list[int]                # offsets[i] = source offset of normalized char i; len = len(text)+1
    source: str

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalized [start, end) span to the source text."""
        s = self.offsets[start]
        e = self.offsets[end - 1] + 1 if end > start else s
        # extend to cover combining characters that NFC folded into the last char
        while e < len(self.source) and unicodedata.combining(self.source[e]):
            e += 1
        return s, e


def fold_tones(s: str) -> str:
    return _TONE_RE.sub(lambda m: _TONES[m.group(0)], s)


def fold_lower(s: str) -> str:
    """NFC, one tone placement, lower case: the form lexicon cues take to match a lower-cased text."""
    return fold_tones(unicodedata.normalize("NFC", s)).lower()


_SLOW_RE = re.compile("[\u0300-\u036f\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f" + "".join(_ZERO_WIDTH) + "]")


def normalize_text(source: str) -> NormalizedText:
    if not _SLOW_RE.search(source) and unicodedata.is_normalized("NFC", source):
        # fast path: every replacement keeps the length, so offsets are the identity
        text = fold_tones(source.translate(_DASHES).translate(_SPACES))
        return NormalizedText(text=text, offsets=list(range(len(source) + 1)), source=source)
    out: list[str] = []
    offs: list[int] = []
    i, n = 0, len(source)
    while i < n:
        # group a base char with its following combining marks, NFC them together
        j = i + 1
        while j < n and unicodedata.combining(source[j]):
            j += 1
        chunk = source[i:j]
        if chunk in _ZERO_WIDTH:
            i = j
            continue
        composed = unicodedata.normalize("NFC", chunk).translate(_DASHES).translate(_SPACES)
        for ch in composed:
            out.append(ch)
            offs.append(i)
        i = j
    text = "".join(out)
    # tone placement: same length replacements, offsets unchanged
    text = fold_tones(text)
    offs.append(n)
    return NormalizedText(text=text, offsets=offs, source=source)


@lru_cache(maxsize=16384)
def norm_key(s: str | None) -> str | None:
    """Comparison key: normalized, lower-cased, folded spaces, no edge punctuation."""
    if s is None:
        return None
    s = fold_tones(unicodedata.normalize("NFC", s)).lower().translate(_DASHES).translate(_SPACES)
    s = re.sub(r"[\"'“”‘’«»]", "", s)
    s = re.sub(r"\s*-\s*", " - ", s)
    return re.sub(r"\s+", " ", s).strip(" .,;:")
