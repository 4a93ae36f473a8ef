"""The document model the recognisers share: the normalized text and what the stages found so far.

The pipeline (nlp.pipeline) runs the registered stages (nlp.registry) in order over one DocContext;
each stage reads the fields earlier stages filled and writes its own. Every field is declared (the
class has slots: no state can be hung on an instance)."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nlp.normalize import NormalizedText
from nlp.reflow import reading_text
from nlp.segment import Token, tokenize

if TYPE_CHECKING:
    from nlp.records import (Award, DateMention, DocumentFields, LegalRef, Movement, Person, TenureEvent, Unit,
                             UnitChange)
    from nlp.source_document import SourceDocument
    from nlp.units import UnitAnalysis


@dataclass(slots=True)
class DocContext:
    norm: NormalizedText              # normalized text + map back to the source offsets
    doc_date: str | None = None       # YYYY-MM-DD of publication/signature, when known
    province: str | None = None       # the province the document is about, when clear
    furniture: list[tuple[int, int]] = field(default_factory=list)  # ranges (normalized offsets) that yield no entities
    kind: str = "news"
    source: SourceDocument | None = None  # the clean document (page metadata: title, date, authors)
    # results, in the order the stages fill them
    fields: DocumentFields | None = None
    dates: list[DateMention] = field(default_factory=list)
    legal_refs: list[LegalRef] = field(default_factory=list)
    movements: list[Movement] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    tenure: list[TenureEvent] = field(default_factory=list)
    unit_changes: list[UnitChange] = field(default_factory=list)
    # computed once per document, shared by the recognisers
    unit_analysis: UnitAnalysis | None = None
    word_starts: dict[str, list[int]] | None = None   # word -> offsets where it starts (name spans)
    token_list: list[Token] | None = None
    reading: str | None = None        # the text with hard-wrapped paragraphs on one line (nlp.reflow)
    furniture_index: tuple[list[int], list[int]] | None = None   # merged furniture ranges: starts, ends

    @property
    def text(self) -> str:
        """What the recognisers read: the normalized text with each line break inside a hard-wrapped
        paragraph as a space, and the capitals of a text printed in lower case restored (nlp.recase; same
        length as `layout`, so spans are the same in both)."""
        if self.reading is None:
            from nlp.recase import recased      # recase reads the unit lexicons, which import this module
            self.reading = recased(reading_text(self.norm.text))
        return self.reading

    @property
    def layout(self) -> str:
        """The normalized text with every line break as printed (header blocks, bylines, signatures)."""
        return self.norm.text

    @property
    def tokens(self) -> list[Token]:
        """The tokens of the normalized text (nlp.segment), computed once."""
        if self.token_list is None:
            self.token_list = tokenize(self.text)
        return self.token_list

    @property
    def doc_year(self) -> int | None:
        return int(self.doc_date[:4]) if self.doc_date else None

    def in_furniture(self, start: int, end: int | None = None) -> bool:
        """Does [start, end) start or end inside a furniture range? (a binary search: a page with many
        thousands of furniture lines must not make every recogniser quadratic)"""
        end = start if end is None else end
        if self.furniture_index is None:
            self.furniture_index = _merged(self.furniture)
        starts, ends = self.furniture_index
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < ends[i]:
            return True
        i = bisect.bisect_left(starts, end) - 1
        return i >= 0 and end <= ends[i]


def _merged(ranges: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    starts: list[int] = []
    ends: list[int] = []
    for a, b in sorted(r for r in ranges if r[1] > r[0]):
        if starts and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends
