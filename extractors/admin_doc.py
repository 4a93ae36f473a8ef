"""The parts of an administrative document per Decree 30/2020/NĐ-CP: issuer, number and
symbol, place and date, type, abstract, recipients, signer (stub: to be written)."""
from __future__ import annotations

from dataclasses import dataclass, field

from nlp.records import Signer


@dataclass
class AdminDocParts:
    kind: str                         # plan|decision|directive|official_letter|report|notice|resolution|other
    doc_type: str | None = None       # "Kế hoạch"
    doc_number: str | None = None     # "19/KH-T.Tr"
    issuer: str | None = None         # "Thanh tra tỉnh"
    parent_issuer: str | None = None  # the line above the issuer ("UBND TỈNH BÌNH PHƯỚC")
    place: str | None = None          # "Bình Phước"
    date: str | None = None           # YYYY-MM-DD
    abstract: str | None = None       # trích yếu
    title: str | None = None          # doc_type + " " + abstract
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # part name -> span in the text given


def parse_admin_document(text: str) -> AdminDocParts | None:
    """None when the text is not an administrative document."""
    return None
