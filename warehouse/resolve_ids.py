"""Id history: compare what each published id named before a resolution run with what the run
made of its members, and write a redirect for every id that stopped naming an entity (merged into
another, superseded by earlier evidence, retired) or lost members (split).

Members are what stays stable across runs and reprocessing: a person's (document id, name key)
pairs; a unit's name keys and the (document id, name key) of the forms that mean it in a document;
an office's (document id, title key, unit name key) observations."""
from __future__ import annotations

from collections import Counter, defaultdict
from datetime import datetime

import duckdb

# (member, id) of every published id, per kind; run before the entity tables are rebuilt
MEMBERSHIP = {
    "person": """SELECT m.document_id || '|' || m.name_key, l.person_id FROM person_links l
                 JOIN person_mentions m ON m.mention_id = l.mention_id WHERE m.name_key IS NOT NULL""",
    "unit": """SELECT alias_key, unit_id FROM unit_aliases
               UNION ALL SELECT document_id || '|' || name_key, unit_id FROM unit_resolution""",
    "office": """SELECT p.document_id || '|' || p.title_key || '|' || coalesce(p.unit_key, ''), po.office_id
                 FROM position_offices po JOIN positions p USING (position_id) WHERE po.person_id IS NOT NULL""",
}


def membership(con: duckdb.DuckDBPyConnection, kind: str) -> dict[str, str]:
    return dict(con.execute(MEMBERSHIP[kind]).fetchall())


def parked_members(con: duckdb.DuckDBPyConnection, kind: str) -> dict[str, list[str]]:
    """Id no longer live -> the members it had when it stopped naming an entity (id_members)."""
    out: dict[str, list[str]] = defaultdict(list)
    for old, member in con.execute("SELECT id, member FROM id_members WHERE kind = ? ORDER BY id, member",
                                   [kind]).fetchall():
        out[old].append(member)
    return out


def latest_targets(con: duckdb.DuckDBPyConnection, kind: str) -> dict[str, str | None]:
    """Old id -> the id its latest redirect (not a split) leads to."""
    return dict(con.execute("""SELECT old_id, new_id FROM (
                                 SELECT old_id, new_id, row_number() OVER (PARTITION BY old_id
                                   ORDER BY changed_at DESC, new_id NULLS LAST) AS latest   -- as id_lookup orders
                                 FROM id_redirects WHERE kind = ? AND change <> 'split')
                               WHERE latest = 1""", [kind]).fetchall())


def members_to_park(kind: str, before: dict[str, str], live: set[str]) -> list[dict]:
    """id_members rows for the ids this run stopped (live before, not now), with their members then."""
    return [{"kind": kind, "id": old, "member": m} for m, old in sorted(before.items()) if old not in live]


def moved_again(kind: str, parked: dict[str, list[str]], latest: dict[str, str | None], after: dict[str, str],
                live: set[str], reasons: dict[str, str], at: datetime) -> list[dict]:
    """Redirects for ids stopped by an earlier run whose members this run placed elsewhere than where the
    id leads (a merge withdrawn or split again): the id follows its members, and keeps its meaning."""
    out = []
    for old in sorted(set(parked) - live):
        went = Counter(after[m] for m in parked[old] if m in after)
        new = min(went, key=lambda i: (-went[i], i)) if went else None
        if new == _leads_to(old, latest, live):
            continue
        if new is None:
            out.append(_row(kind, old, None, "retired", "none of its mentions remain in the archive", at))
        else:
            out.append(_row(kind, old, new, "moved", f"{went[new]} of its {len(parked[old])} members now form "
                                                     f"{new} ({reasons.get(new, 'rules')})", at))
    return out


def redirects(kind: str, before: dict[str, str], after: dict[str, str], live: set[str],
              reasons: dict[str, str], at: datetime) -> list[dict]:
    """Rows for id_redirects. `before`/`after`: member -> id; `live`: ids the run published;
    `reasons`: id -> how the run formed it (rules, judgements)."""
    old_members: dict[str, list[str]] = defaultdict(list)
    for member, old in before.items():
        old_members[old].append(member)
    sources: dict[str, set[str]] = defaultdict(set)   # new id -> old ids its members had
    for member, new in after.items():
        if member in before:
            sources[new].add(before[member])
    out = []
    for old in sorted(old_members):
        went = Counter(after[m] for m in old_members[old] if m in after)
        if old not in live:
            if not went:
                out.append(_row(kind, old, None, "retired", "none of its mentions remain in the archive", at))
                continue
            new = min(went, key=lambda i: (-went[i], i))
            others = sorted(sources[new] - {old})
            change = "merged" if others else "superseded"
            why = (f"joined {', '.join(others)}" if others else "an earlier-published document now founds it")
            out.append(_row(kind, old, new, change, f"{why} ({reasons.get(new, 'rules')})", at))
        for new in sorted(i for i in went if i != old and old in live):
            out.append(_row(kind, old, new, "split", f"{went[new]} of its members now form {new} "
                                                     f"({reasons.get(new, 'rules')})", at))
    return out


def _leads_to(old: str, latest: dict[str, str | None], live: set[str]) -> str | None:
    """Where the redirects of `old` lead now, hop by hop (as id_lookup follows them)."""
    at, hops = latest.get(old), 0
    while at is not None and at not in live and at in latest and hops < 32:
        at, hops = latest[at], hops + 1
    return at


def formation_reason(rules: set[str], kept_apart: bool = False) -> str:
    """How a run formed an entity, in the one phrasing id_redirects gives every kind: "a judgement",
    "rule X" / "rules X, Y", both joined by "and"; led by "a not-same judgement; " when such a
    judgement refused a union into it. `rules`: the rules that joined its members."""
    named = sorted(rules - {"judgement", "single_mention", "normalized_name"})
    parts = ["a judgement"] if "judgement" in rules else []
    if named:
        parts.append(("rule " if len(named) == 1 else "rules ") + ", ".join(named))
    formed = " and ".join(parts)
    if kept_apart:
        return "a not-same judgement; " + (formed or "no rule joins the rest")
    return formed or "rules"


def _row(kind: str, old: str, new: str | None, change: str, reason: str, at: datetime) -> dict:
    return {"kind": kind, "old_id": old, "new_id": new, "change": change, "reason": reason, "changed_at": at}
