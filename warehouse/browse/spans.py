"""Facts placed in their document's text: the sentence a fact was read from, and the text cut
into segments, each with the facts whose spans cover it (for highlighting overlapping facts)."""
from __future__ import annotations

from dataclasses import dataclass

from nlp.sentences import SENTENCE_END   # the extractor's own sentence end

_LOOK_BACK = 1500


def sentence_bounds(text: str, start: int, end: int, limit: int = 400) -> tuple[int, int]:
    """(start, end) of the sentence holding text[start:end], at most `limit` characters around it."""
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    s = 0
    for m in SENTENCE_END.finditer(text, max(0, start - _LOOK_BACK), start):
        s = m.end()
    m = SENTENCE_END.search(text, max(end - 1, start))
    e = m.end() if m else len(text)
    while s < start and text[s].isspace():
        s += 1
    while e > end and text[e - 1].isspace():
        e -= 1
    if e - s > limit:   # a long run-on sentence or a table: a window around the span
        room = max(0, limit - (end - start)) // 2
        s, e = max(s, start - room), min(e, end + room)
    return s, e


def sentence_around(text: str, start: int, end: int, limit: int = 400) -> str:
    """The sentence a fact was read from (… marks a cut inside a longer sentence)."""
    s, e = sentence_bounds(text, start, end, limit)
    full_s, full_e = sentence_bounds(text, start, end, limit=len(text) + 1)
    return ("…" if s > full_s else "") + " ".join(text[s:e].split()) + ("…" if e < full_e else "")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    facts: tuple[int, ...]       # indices of the facts whose spans cover the segment
    opens: tuple[int, ...]       # facts whose first span starts here (anchors)


def segments(length: int, spans: list[tuple[int, int, int]]) -> list[Segment]:
    """Cut [0, length) at every span boundary. `spans` are (start, end, fact index); a fact may
    have several spans (every mention of a name). Empty or out-of-range spans are ignored."""
    clean = sorted((max(0, s), min(length, e), i) for s, e, i in spans if s is not None and e is not None
                   and max(0, s) < min(length, e))
    cuts = sorted({0, length} | {s for s, _, _ in clean} | {e for _, e, _ in clean})
    first: dict[int, int] = {}
    for s, _, i in clean:
        first.setdefault(i, s)
    opens_at: dict[int, list[int]] = {}
    for i, s in first.items():
        opens_at.setdefault(s, []).append(i)
    starts: dict[int, list[tuple[int, int]]] = {}
    for s, e, i in clean:
        starts.setdefault(s, []).append((e, i))
    active: dict[tuple[int, int], int] = {}   # (end, serial) -> fact index
    out = []
    serial = 0
    for a, b in zip(cuts, cuts[1:]):
        for e, i in starts.get(a, []):
            active[(e, serial)] = i
            serial += 1
        for k in [k for k in active if k[0] <= a]:
            del active[k]
        facts = tuple(sorted(set(active.values())))
        out.append(Segment(a, b, facts, tuple(sorted(opens_at.get(a, ())))))
    return out
