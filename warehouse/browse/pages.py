"""The data of the entity pages (person, unit, award, document), read from the mirror with the
queries of pages.toml; the document page also gets its text cut into highlighted segments."""
from __future__ import annotations

import json
from dataclasses import dataclass, field

from warehouse.browse.metadata import load
from warehouse.browse.spans import Segment, segments

DEFAULT_LIMIT = 500


@dataclass(frozen=True)
class Section:
    name: str
    title: str
    columns: list[str]
    rows: list[dict]
    more: str | None          # Datasette table path with every row, when rows were cut

    def as_json(self) -> dict:
        return {"name": self.name, "title": self.title, "columns": self.columns, "rows": self.rows,
                "more": self.more}


@dataclass(frozen=True)
class Page:
    kind: str
    id: str
    title: str
    head: dict
    sections: list[Section]
    title_column: str = ""
    text_segments: list[Segment] = field(default_factory=list)

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def as_json(self) -> dict:
        head = {k: v for k, v in self.head.items() if k != "text"}
        out = {"kind": self.kind, "id": self.id, "title": self.title, "head": head,
               "sections": [s.as_json() for s in self.sections]}
        if self.kind == "document":
            out["text"] = self.head.get("text")
        return out


def page_kinds() -> list[str]:
    return list(load("pages.toml"))


async def load_page(db, kind: str, entity_id: str) -> Page | None:
    """The page of one entity; None when the mirror has no such id. `db` is a Datasette Database."""
    spec = load("pages.toml")[kind]
    head = await db.execute(spec["head"], {"id": entity_id})
    if not head.rows:
        return None
    head_row = dict(head.rows[0])
    sections = [await _section(db, s, entity_id) for s in spec.get("section", [])]
    title = str(head_row.get(spec["title"]) or entity_id)
    facts = next((s.rows for s in sections if s.name == "facts"), [])
    text_segments = fact_segments(head_row.get("text") or "", facts) if kind == "document" else []
    return Page(kind, entity_id, title, head_row, sections, spec["title"], text_segments)


async def _section(db, spec: dict, entity_id: str) -> Section:
    limit = spec.get("limit", DEFAULT_LIMIT)
    res = await db.execute(f"{spec['sql'].strip()}\nLIMIT {limit + 1}", {"id": entity_id})
    rows = [dict(r) for r in res.rows]
    columns = [d[0] for d in res.description] if res.description else []
    more = spec["more"].format(id=entity_id) if len(rows) > limit and spec.get("more") else None
    return Section(spec["name"], spec["title"], columns, rows[:limit], more)


def fact_spans(facts: list[dict]) -> list[tuple[int, int, int]]:
    """(start, end, fact index) of every place a fact is printed; names mentioned more than
    once carry all their mentions in `spans`."""
    out = []
    for i, f in enumerate(facts):
        spans = json.loads(f["spans"]) if f.get("spans") else []
        if not spans:
            spans = [[f.get("span_start"), f.get("span_end")]]
        out.extend((s, e, i) for s, e in spans)
    return out


def fact_segments(text: str, facts: list[dict]) -> list[Segment]:
    return segments(len(text), fact_spans(facts))
