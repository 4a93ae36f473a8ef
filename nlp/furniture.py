"""Page furniture inside text taken from web pages: comment boxes, related-article lists and
teasers after the article, share and print buttons, photo credits. Those ranges yield no entities.
The markers are data (nlp/lexicons/furniture.toml)."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.lexicon import load_lexicon
from nlp.normalize import norm_key

_COUNT_RE = re.compile(r"\s*[\(\[]?\d*[\)\]]?\s*:?\s*$")


@lru_cache(maxsize=1)
def _markers() -> tuple[frozenset[str], frozenset[str], re.Pattern]:
    lx = load_lexicon("furniture.toml")
    labels = "|".join(re.escape(x) for x in sorted(lx["credit_labels"], key=len, reverse=True))
    credit = re.compile(r"[\(\[]?\b(?:" + labels + r")\s*:\s*[^\n|)\]]*[\)\]]?")
    return (frozenset(norm_key(x) for x in lx["tail_markers"]),
            frozenset(norm_key(x) for x in lx["line_markers"]), credit)


def _line_key(line: str) -> str:
    return norm_key(_COUNT_RE.sub("", line)) or ""


def tail_start(text: str) -> int:
    """Offset where the end matter (comments, related articles) begins; len(text) when there is none.
    A marker only counts after the first third of the text, so a headline never ends the article."""
    tail, _, _ = _markers()
    pos = 0
    for line in text.split("\n"):
        if pos > len(text) // 3 and len(line) < 60 and _line_key(line) in tail:
            return pos
        pos += len(line) + 1
    return len(text)


_BYLINE_RE = re.compile(r"^[A-ZĐÀ-Ỹ][^\W\d_]*(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){0,4}(?:\s*[-–,]\s*[A-ZĐÀ-Ỹ][^\W\d_]*"
                        r"(?:\s+[A-ZĐÀ-Ỹ][^\W\d_]*){0,4})*\s*\([^()\n]{2,50}\)$")


def _closing_byline(text: str, end: int, single: frozenset[str]) -> tuple[int, int] | None:
    """The closing byline with its agency ("Thanh Tâm (Trung tâm Báo chí TP)"): the agency there is
    the author's, not a unit the article is about."""
    pos = end
    for line in reversed(text[:end].split("\n")):
        pos -= len(line) + 1
        s = line.strip()
        if not s or _line_key(line) in single:
            continue
        if len(s) <= 80 and _BYLINE_RE.match(s):
            return pos + 1, pos + 1 + len(line)
        return None
    return None


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of `text` (comment boxes, "Các tin tức khác", teaser lists, share and print buttons,
    photo credits) that must yield no entities."""
    _, single, credit = _markers()
    end = tail_start(text)
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text[:end].split("\n"):
        if line.strip() and len(line) < 40 and _line_key(line) in single:
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    byline = _closing_byline(text, end, single)
    if byline:
        out.append(byline)
    for m in credit.finditer(text, 0, end):
        if m.start() == 0 or text[m.start() - 1] in " \t.|(\n":
            out.append((m.start(), m.end()))
    if end < len(text):
        out.append((end, len(text)))
    out.sort()
    return out
