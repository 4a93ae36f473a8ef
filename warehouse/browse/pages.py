"""The data of the entity pages (person, unit, award, document), read from the mirror with the
queries of pages.toml; the document page also gets its text cut into highlighted segments.
An older id of a person or unit (id_redirects) is looked up here too, for the redirect."""
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
    group: str | None = None  # rows with the same value here (consecutive) are one fact
    group_columns: tuple[str, ...] = ()
    hide: tuple[str, ...] = ()
    hide_empty: bool = False  # the HTML page leaves the section out when it has no row

    def row_groups(self) -> list[list[dict]]:
        """The rows in runs of one fact each (one row each without `group`)."""
        out: list[list[dict]] = []
        for row in self.rows:
            if out and self.group and out[-1][0].get(self.group) == row.get(self.group):
                out[-1].append(row)
            else:
                out.append([row])
        return out

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
    moved_from: "Moved | None" = None      # the older id the reader asked for, when redirected here

    def section(self, name: str) -> Section | None:
        return next((s for s in self.sections if s.name == name), None)

    def as_json(self) -> dict:
        head = {k: v for k, v in self.head.items() if k != "text"}
        out = {"kind": self.kind, "id": self.id, "title": self.title, "head": head,
               "sections": [s.as_json() for s in self.sections]}
        if self.kind == "document":
            out["text"] = self.head.get("text")
        if self.moved_from:
            out["redirected_from"] = self.moved_from.as_json()
        return out


@dataclass(frozen=True)
class Moved:
    """An id that no longer names an entity, the id that does now (None: retired), and the
    redirects between them (rows of id_redirects: old_id, new_id, change, reason, changed_at)."""
    kind: str
    asked: str
    current: str | None
    steps: list[dict]

    def as_json(self) -> dict:
        return {"id": self.asked, "current_id": self.current, "steps": self.steps}


def page_kinds() -> list[str]:
    return [kind for kind, spec in load("pages.toml").items() if "head" in spec]


def redirect_kinds() -> list[str]:
    return list(load("pages.toml")["redirect"]["kinds"])


async def find_moved(db, kind: str, entity_id: str) -> Moved | None:
    """Where an older id went (following id_lookup); None when the id was never redirected."""
    if kind not in redirect_kinds():
        return None
    spec = load("pages.toml")["redirect"]
    found = await db.execute(spec["lookup"], {"kind": kind, "id": entity_id})
    if not found.rows:
        return None
    current = found.rows[0]["current_id"]
    steps = await db.execute(spec["steps"], {"kind": kind, "id": entity_id, "current": current})
    return Moved(kind, entity_id, current, [dict(r) for r in steps.rows])


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
    return Section(spec["name"], spec["title"], columns, rows[:limit], more, spec.get("group"),
                   tuple(spec.get("group_columns", ())), tuple(spec.get("hide", ())),
                   bool(spec.get("hide_empty")))


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
