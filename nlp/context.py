"""What every recognizer needs to know about the document it reads."""
from __future__ import annotations

from dataclasses import dataclass, field

from nlp.normalize import NormalizedText


@dataclass
class DocContext:
    norm: NormalizedText              # normalized text + map back to the source offsets
    doc_date: str | None = None       # YYYY-MM-DD of publication/signature, when known
    province: str | None = None       # the province the document is about, when clear
    furniture: list[tuple[int, int]] = field(default_factory=list)  # ranges (normalized offsets) that yield no entities
    kind: str = "news"

    @property
    def text(self) -> str:
        return self.norm.text

    @property
    def doc_year(self) -> int | None:
        return int(self.doc_date[:4]) if self.doc_date else None

    def in_furniture(self, start: int, end: int | None = None) -> bool:
        end = start if end is None else end
        return any(a <= start < b or a < end <= b for a, b in self.furniture)
