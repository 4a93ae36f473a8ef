"""The document model the recognisers share: the normalized text and what the stages found so far.

The pipeline (nlp.pipeline) runs the registered stages (nlp.registry) in order over one DocContext;
each stage reads the fields earlier stages filled and writes its own. Every field is declared (the
class has slots: no state can be hung on an instance)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from nlp.normalize import NormalizedText
from nlp.segment import Token, tokenize

if TYPE_CHECKING:
    from extractors.types import CleanDocument
    from nlp.records import (Award, DateMention, DocumentFields, LegalRef, Movement, Person, TenureEvent, Unit,
                             UnitChange)
    from nlp.units import UnitAnalysis


@dataclass(slots=True)
class DocContext:
    norm: NormalizedText              # normalized text + map back to the source offsets
    doc_date: str | None = None       # YYYY-MM-DD of publication/signature, when known
    province: str | None = None       # the province the document is about, when clear
    furniture: list[tuple[int, int]] = field(default_factory=list)  # ranges (normalized offsets) that yield no entities
    kind: str = "news"
    source: CleanDocument | None = None   # the clean document (page metadata: title, date, authors)
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

    @property
    def text(self) -> str:
        return self.norm.text

    @property
    def tokens(self) -> list[Token]:
        """The tokens of the normalized text (nlp.segment), computed once."""
        if self.token_list is None:
            self.token_list = tokenize(self.norm.text)
        return self.token_list

    @property
    def doc_year(self) -> int | None:
        return int(self.doc_date[:4]) if self.doc_date else None

    def in_furniture(self, start: int, end: int | None = None) -> bool:
        end = start if end is None else end
        return any(a <= start < b or a < end <= b for a, b in self.furniture)
