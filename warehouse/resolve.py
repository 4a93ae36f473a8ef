"""Entity resolution over the whole archive, in one transaction: imports the overrides file into
the judgement log, rebuilds units, unit_aliases, unit_resolution, people, person_links, merges,
offices, tenures, unit_successions and person_candidates under the judgements in force, and appends
to id_redirects where a published id changed meaning. The same archive always gives the same rows.

Id policy: a unit's or person's id hashes its founding evidence (a unit: the expanded name of its
earliest-published form; a person: the earliest-published document naming them and the name key
there), so the same documents give the same ids in any order or batch size. An id, once written,
keeps its meaning: when a run merges it into another entity, finds earlier evidence for it, or
splits it, `id_redirects` records old id -> new id, when and why, and the `id_lookup` view follows
those redirects."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass

import duckdb

from warehouse import judgements, mapping
from warehouse.overrides import Overrides, read_overrides_file
from warehouse.resolve_candidates import candidates
from warehouse.resolve_judgements import Outcome
from warehouse.resolve_ids import (formation_reason, latest_targets, members_to_park, membership, moved_again,
                                   parked_members, redirects)
from warehouse.resolve_people import PeopleResult, resolve_people
from warehouse.resolve_successions import successions
from warehouse.resolve_tenure import build_offices_and_tenures
from warehouse.resolve_units import UnitForm, UnitMention, UnitResult, resolve_units

ID_KINDS = ("person", "unit", "office")


@dataclass
class Resolution:
    """What a resolution run did: row counts, and what became of each judgement (newest first)."""
    counts: dict[str, int]
    judged: list[Outcome]

    def not_applied(self) -> list[Outcome]:
        return [o for o in self.judged if o.status != "applied"]


def resolve_archive(con: duckdb.DuckDBPyConnection, overrides_path: str | None) -> dict[str, int]:
    return run_resolution(con, overrides_path).counts


def run_resolution(con: duckdb.DuckDBPyConnection, overrides_path: str | None) -> Resolution:
    entries = read_overrides_file(overrides_path)   # a malformed file fails before anything changes
    at = judgements.now()   # to the microsecond: the latest redirect of an id wins in id_lookup
    con.execute("BEGIN TRANSACTION")
    try:
        judgements.import_file(con, entries, overrides_path or "")
        ov = judgements.in_force(con)
        before = {k: membership(con, k) for k in ID_KINDS}
        ur = _units(con, ov)
        _replace(con, {"units": ur.units, "unit_aliases": ur.aliases, "unit_resolution": ur.resolution})
        people = resolve_people(con, ov)
        _replace(con, {"people": people.people, "person_links": people.links, "merges": ur.merges + people.merges})
        con.execute("DELETE FROM offices")
        con.execute("DELETE FROM tenures")
        counts = build_offices_and_tenures(con)
        unsure, apart = _judged_pairs(con, people.judged)
        _replace(con, {"unit_successions": successions(con),
                       "person_candidates": candidates(con, people, unsure, apart)})
        moved = _redirects(con, before, people, ur, at)
        con.execute("INSERT INTO archive_meta VALUES ('entities_stale', '0') "
                    "ON CONFLICT (key) DO UPDATE SET value = '0'")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    names = ("units", "unit_aliases", "unit_resolution", "people", "person_links", "merges", "offices", "tenures",
             "unit_successions", "person_candidates")
    out = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in names}
    judged = sorted(ur.judged + people.judged, key=lambda o: (o.judgement.decided_at, o.judgement.judgement_id),
                    reverse=True)
    return Resolution({**out, **counts, "id_redirects_added": moved}, judged)


def _units(con: duckdb.DuckDBPyConnection, ov: Overrides) -> UnitResult:
    q = con.execute
    mentions = [UnitMention(doc, name, json.loads(aliases) if aliases else [], parent, kind, level)
                for doc, name, aliases, parent, kind, level in
                q("SELECT document_id, name, aliases, parent_name, kind, level FROM unit_mentions "
                  "ORDER BY document_id, ordinal").fetchall()]
    forms = [UnitForm(doc, name) for doc, name in
             q("SELECT document_id, unit_name FROM positions WHERE unit_name IS NOT NULL "
               "ORDER BY position_id").fetchall()]
    forms += [UnitForm(doc, rec, new_node=(kind == "collective")) for doc, rec, kind in
              q("SELECT document_id, recipient, recipient_kind FROM awards WHERE recipient IS NOT NULL "
                "AND coalesce(recipient_kind, '') <> 'person' ORDER BY award_id").fetchall()]
    dates = dict(q("SELECT d.document_id, v.published_on::VARCHAR FROM documents d JOIN document_versions v "
                   "ON v.document_id = d.document_id AND v.version = d.latest_version "
                   "WHERE v.published_on IS NOT NULL").fetchall())
    return resolve_units(mentions, forms, ov, dates)


def _replace(con: duckdb.DuckDBPyConnection, tables: dict[str, list[dict]]) -> None:
    """Rebuilt tables: delete every row, insert the new ones (one statement each)."""
    for t, rows in tables.items():
        con.execute(f"DELETE FROM {t}")
        if rows:
            arrow = mapping.to_arrow(t, rows)  # noqa: F841 (DuckDB reads it by name)
            con.execute(f"INSERT INTO {t} BY NAME SELECT * FROM arrow")


def _judged_pairs(con: duckdb.DuckDBPyConnection, judged: list[Outcome]) -> tuple[set, set]:
    """Person pairs (as they stand now) that a judgement in force calls unsure / not the same."""
    pid = {(d, k): p for d, k, p in con.execute(
        "SELECT m.document_id, m.name_key, l.person_id FROM person_links l "
        "JOIN person_mentions m ON m.mention_id = l.mention_id").fetchall()}
    by_key = defaultdict(set)
    for (d, k), p in pid.items():
        by_key[k].add(p)

    def persons(side) -> set[str]:
        return {x for d, k in side for x in ([pid[(d, k)]] if d and (d, k) in pid else by_key.get(k, ()) if not d else ())}

    unsure, apart = set(), set()
    for o in judged:
        j = o.judgement
        if j.verdict == "same" or o.status in ("overridden", "no_mentions"):
            continue
        pairs = {frozenset((a, b)) for a in persons(j.left) for b in persons(j.right) if a != b}
        (unsure if j.verdict == "unsure" else apart).update(pairs)
    return unsure, apart


def _redirects(con: duckdb.DuckDBPyConnection, before: dict[str, dict], people: PeopleResult, ur: UnitResult,
               at) -> int:
    reasons = {"person": _reasons(_rules_of(people.links, "person_id"), people.kept_apart_ids()),
               "unit": _reasons(_rules_of(ur.aliases, "unit_id"), ur.kept_apart), "office": {}}
    live = {"person": {p["person_id"] for p in people.people}, "unit": {u["unit_id"] for u in ur.units},
            "office": {r[0] for r in con.execute("SELECT office_id FROM offices").fetchall()}}
    rows, parked_now = [], []
    for kind in ID_KINDS:
        after = membership(con, kind)
        stopped = redirects(kind, before[kind], after, live[kind], reasons[kind], at)
        latest = latest_targets(con, kind) | {r["old_id"]: r["new_id"] for r in stopped if r["change"] != "split"}
        was_live = set(before[kind].values())      # those stopped now are redirected above, not again
        parked = {old: ms for old, ms in parked_members(con, kind).items() if old not in was_live}
        rows += stopped + moved_again(kind, parked, latest, after, live[kind], reasons[kind], at)
        parked_now += members_to_park(kind, before[kind], live[kind])
    if rows:
        arrow = mapping.to_arrow("id_redirects", rows)  # noqa: F841 (DuckDB reads it by name)
        con.execute("INSERT INTO id_redirects BY NAME SELECT * FROM arrow")
    if parked_now:
        parked = mapping.to_arrow("id_members", parked_now)  # noqa: F841
        con.execute("DELETE FROM id_members m WHERE EXISTS (SELECT 1 FROM parked p WHERE p.kind = m.kind AND p.id = m.id)")
        con.execute("INSERT INTO id_members BY NAME SELECT * FROM parked")
    return len(rows)


def _rules_of(links: list[dict], id_column: str) -> dict[str, set[str]]:
    """Entity id -> the rules that joined its members (person links, unit aliases)."""
    out: dict[str, set[str]] = defaultdict(set)
    for link in links:
        out[link[id_column]].add(link["rule"])
    return out


def _reasons(rules: dict[str, set[str]], kept_apart: set[str]) -> dict[str, str]:
    return {i: formation_reason(rules.get(i, set()), i in kept_apart) for i in set(rules) | kept_apart}
