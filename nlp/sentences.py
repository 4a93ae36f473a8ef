"""Where sentences end: one definition for every stage that looks within a sentence (awards, tenure,
unit changes, the place of a unit) and for the browser's provenance sentence.

A sentence ends at a line break or at ! ? … or a dot followed by space or the end, except the dot of an
honorific or place abbreviation ("ThS. Lò Thị X", "TP. Huế") and of an inline item number after a colon
or semicolon ("tặng Bằng khen: 1. Sở X; 2. Sở Y"). Every look is bounded by SCAN_WINDOW, so reading a
document stays linear in its length with or without sentence punctuation."""
from __future__ import annotations

import bisect
import re

# The furthest a rule looks back or ahead of a position (characters): longer than the longest
# sentence seen in the real, seed and project documents (954 characters).
SCAN_WINDOW = 1000

# honorifics and place abbreviations whose dot does not end a sentence
_ABBRS = ("TP", "Tp", "ThS", "TS", "PGS", "GS", "TSKH", "BS", "KS", "CN", "ĐC", "NGND", "NGƯT", "Th.S")
# (lookbehinds placed after the dot, so that they run at dots only)
ABBR_DOT = "".join(rf"|(?<=(?<!\w){re.escape(a)}\.)" for a in _ABBRS)
NOT_ABBR_DOT = "".join(rf"(?<!(?<!\w){re.escape(a)}\.)" for a in _ABBRS)
NOT_ITEM_DOT = "".join(rf"(?<!{sep}{gap}{digits}\.)" for sep in ("[:;]",) for gap in ("", r"\s")
                       for digits in (r"\d", r"\d\d"))
SENTENCE_END = re.compile(r"(?:[!?…]|\." + NOT_ABBR_DOT + NOT_ITEM_DOT + r")[.!?…]*(?=\s|$)|\n")


def sentence_ends(text: str) -> list[int]:
    """End offsets of the sentences, in order (the last sentence may run to the end unmarked)."""
    return [m.end() for m in SENTENCE_END.finditer(text)]


def sentence_starts(text: str) -> list[int]:
    """Start offsets of the sentences (0 first)."""
    return [0] + sentence_ends(text)


def enclosing_sentence(starts: list[int], at: int, text_len: int = 10 ** 12) -> tuple[int, int]:
    """The sentence holding `at` (from `sentence_starts`), cut to SCAN_WINDOW characters on each side."""
    i = bisect.bisect_right(starts, at) - 1
    end = starts[i + 1] if i + 1 < len(starts) else text_len
    return max(starts[i], at - SCAN_WINDOW), min(end, at + SCAN_WINDOW)


def sentence_start_before(text: str, pos: int, window: int = SCAN_WINDOW) -> int:
    """Where the sentence holding `pos` starts, at most `window` characters before it (a text without
    sentence ends must not make every look reach back to its start)."""
    lo = max(0, pos - window)
    return max((m.end() for m in SENTENCE_END.finditer(text, lo, pos)), default=lo)
