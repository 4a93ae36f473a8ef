"""The review queue: pairs of people with the same name that the rules kept apart although some
evidence says they may be one, ranked by evidence for minus evidence against."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

import duckdb

from warehouse.resolve_people import PeopleResult, document_provinces
from warehouse.unionfind import setting

_FEATURES = """
SELECT pl.person_id, pe.name, pe.name_key, pm.document_id, d.published_on::VARCHAR, po.title_key, po.unit_id,
       coalesce(u.generic, true) AS generic
FROM person_links pl
JOIN people pe ON pe.person_id = pl.person_id
JOIN person_mentions pm ON pm.mention_id = pl.mention_id
LEFT JOIN documents d0 ON d0.document_id = pm.document_id
LEFT JOIN document_versions d ON d.document_id = d0.document_id AND d.version = d0.latest_version
LEFT JOIN position_offices po ON po.mention_id = pl.mention_id
LEFT JOIN units u ON u.unit_id = po.unit_id
WHERE pe.name_key IN (SELECT name_key FROM people GROUP BY name_key HAVING count(*) > 1)
"""


@dataclass
class Person:
    person_id: str
    name: str
    name_key: str
    documents: set[str] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    units: set[str] = field(default_factory=set)     # specific (non-generic) units of its offices
    provinces: set[str] = field(default_factory=set)


def candidates(con: duckdb.DuckDBPyConnection, res: PeopleResult, unsure: set[frozenset[str]],
               apart: set[frozenset[str]]) -> list[dict]:
    """`unsure` / `apart`: person pairs judged unsure / not the same (the latter are not offered)."""
    people: dict[str, Person] = {}
    for pid, name, key, doc, day, title, unit, generic in con.execute(_FEATURES).fetchall():
        p = people.setdefault(pid, Person(pid, name, key))
        p.documents.add(doc)
        if day:
            p.dates.add(day)
        if title:
            p.titles.add(title)
        if unit and not generic:
            p.units.add(unit)
    provinces = document_provinces(con)
    for p in people.values():
        for d in p.documents:
            p.provinces |= provinces.get(d, frozenset())
    pid_of = {m: pid for pid, ms in res.members.items() for m in ms}
    weak: dict[frozenset[str], set[str]] = defaultdict(set)
    for a, b, why in res.undecided:
        weak[frozenset((pid_of[a], pid_of[b]))].add(why)
    by_name: dict[str, list[Person]] = defaultdict(list)
    for p in people.values():
        by_name[p.name_key].append(p)
    out = []
    for key in sorted(by_name):
        rows = []
        group = sorted(by_name[key], key=lambda p: p.person_id)
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                pair = frozenset((a.person_id, b.person_id))
                if pair in apart:
                    continue
                pro, con_ = _evidence(a, b, weak.get(pair, set()))
                score = sum(w for w, _ in pro) - sum(w for w, _ in con_)
                if weak.get(pair) or score > 0:
                    rows.append({"left_person_id": a.person_id, "right_person_id": b.person_id, "name": a.name,
                                 "score": round(score, 2), "evidence_for": json.dumps([t for _, t in pro], ensure_ascii=False),
                                 "evidence_against": json.dumps([t for _, t in con_], ensure_ascii=False),
                                 "status": "unsure" if pair in unsure else "open"})
        rows.sort(key=lambda r: (-r["score"], r["left_person_id"], r["right_person_id"]))
        out += rows[:int(setting("candidates_per_name"))]
    return out


def _evidence(a: Person, b: Person, weak: set[str]) -> tuple[list[tuple[float, str]], list[tuple[float, str]]]:
    pro: list[tuple[float, str]] = [(2.0, f"weak rule: {w}") for w in sorted(weak)]
    con_: list[tuple[float, str]] = []
    if a.titles & b.titles:
        pro.append((1.0, f"same title: {', '.join(sorted(a.titles & b.titles))}"))
    if a.provinces & b.provinces:
        pro.append((1.0, f"documents in the same province: {', '.join(sorted(a.provinces & b.provinces))}"))
    elif a.provinces and b.provinces:
        con_.append((2.0, f"documents in different provinces: {', '.join(sorted(a.provinces))} / "
                          f"{', '.join(sorted(b.provinces))}"))
    if a.units and b.units and not a.units & b.units:
        con_.append((1.0, "offices in different units"))
    if not a.titles and not b.titles:
        pro.append((0.5, "neither has an office that could disagree"))
    gap = _gap_years(a.dates, b.dates)
    if gap is not None and gap > float(setting("max_gap_years")):
        con_.append((1.0, f"observed {gap:.0f} years apart"))
    return pro, con_


def _gap_years(a: set[str], b: set[str]) -> float | None:
    if not a or not b:
        return None
    lo = max(min(a), min(b))
    hi = min(max(a), max(b))
    if lo <= hi:
        return 0.0
    return abs((date.fromisoformat(lo) - date.fromisoformat(hi)).days) / 365.25
