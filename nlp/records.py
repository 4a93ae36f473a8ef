"""Typed records, one per entity kind. Spans are (start, end) character offsets into
CleanDocument.text (the pipeline maps them back from the normalized text)."""
from __future__ import annotations

from dataclasses import dataclass, field

EXTRACTOR_VERSION = "0.1.0"

Span = tuple[int, int]


@dataclass
class Position:
    title: str                        # "Phó Vụ trưởng" (without unit, without "nguyên")
    unit: str | None = None           # fullest unit name the text allows
    former: bool = False
    span: Span | None = None          # the office phrase in the text
    rule: str | None = None           # the registered rule that found it (nlp.registry)


@dataclass
class Person:
    name: str                         # as printed, honorifics and degrees stripped
    positions: list[Position] = field(default_factory=list)
    spans: list[Span] = field(default_factory=list)  # every mention of the name
    rule: str | None = None


@dataclass
class Unit:
    name: str                         # fullest form in the text
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    kind: str | None = None           # head noun kind from the lexicon: "Cục", "Sở", "Đảng ủy"...
    level: str | None = None          # "central" | "province" | "district" | "commune" | "party" | ...
    spans: list[Span] = field(default_factory=list)
    rule: str | None = None


@dataclass
class Award:
    award: str                        # name per the Law on Emulation and Commendation
    award_class: int | None = None    # 1, 2, 3 for hạng Nhất, Nhì, Ba
    grantor: str | None = None
    recipient: str | None = None
    year: int | None = None
    category: str | None = None       # "title" (danh hiệu thi đua) | "form" (hình thức khen thưởng)
    recipient_kind: str | None = None # "person" | "collective" | None
    span: Span | None = None
    rule: str | None = None


@dataclass
class DateMention:
    text: str                         # as printed
    value: str                        # YYYY-MM-DD | YYYY-MM | YYYY | START/END
    kind: str = "date"                # "datetime" | "date" | "month" | "year" | "period"
    implausible: bool = False         # end before start, far future: kept as printed, flagged
    span: Span | None = None
    rule: str | None = None


@dataclass
class LegalRef:
    number: str                       # "2372/UBND-NC" (as printed, without "số")
    doc_type: str | None = None       # "Công văn"
    issuer_code: str | None = None    # "UBND"
    date: str | None = None           # YYYY-MM-DD
    text: str | None = None
    span: Span | None = None
    rule: str | None = None


@dataclass
class Movement:
    name: str
    span: Span | None = None
    rule: str | None = None


@dataclass
class Signer:
    name: str
    title: str | None = None
    authority: str | None = None      # "KT." | "TL." | "TM." | "Q." | None
    span: Span | None = None


@dataclass
class TenureEvent:
    """A text saying when a person's office began or ended (nlp/tenure.py)."""
    person: int                       # index into Extraction.people
    event: str                        # "start" | "end"
    cue: str                          # "appointed" | "elected" | "assigned" | "took_office" | "stepped_down" | ...
    position: int | None = None       # index into that person's positions; None: all their offices here
    effective: str | None = None      # YYYY-MM-DD | YYYY-MM | YYYY the text gives, else None
    date_basis: str = "document"      # "effective" | "decision" | "document"
    span: Span | None = None          # the cue phrase
    rule: str | None = None


@dataclass
class UnitChange:
    """A text saying units were merged, consolidated or renamed (nlp/unit_changes.py)."""
    change: str                       # "merged_into" | "consolidated" | "renamed"
    predecessors: list[str] = field(default_factory=list)
    successor: str | None = None
    effective: str | None = None      # YYYY-MM-DD | YYYY-MM | YYYY
    span: Span | None = None
    rule: str | None = None


@dataclass
class DocumentFields:
    title: str | None = None
    kind: str = "news"                # news|plan|decision|directive|official_letter|report|notice|resolution|other
    published: str | None = None      # YYYY-MM-DD
    doc_number: str | None = None
    doc_type: str | None = None
    issuer: str | None = None
    place: str | None = None
    signer: Signer | None = None
    authors: list[str] = field(default_factory=list)
    recipients: list[str] = field(default_factory=list)  # "Nơi nhận"
    abstract: str | None = None       # trích yếu


@dataclass
class Extraction:
    source: str
    document: DocumentFields
    people: list[Person] = field(default_factory=list)
    units: list[Unit] = field(default_factory=list)
    awards: list[Award] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    legal_refs: list[LegalRef] = field(default_factory=list)
    movements: list[Movement] = field(default_factory=list)
    tenure: list[TenureEvent] = field(default_factory=list)
    unit_changes: list[UnitChange] = field(default_factory=list)
    text: str = ""
    extractor_version: str = EXTRACTOR_VERSION
