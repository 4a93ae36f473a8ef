"""Canonical people from person mentions. Evidence is gathered by set-based SQL over every mention
of the archive (the units tables of the same run must be written first); a union-find that obeys
the judgement log joins the mentions.

A name alone never joins two documents' mentions. Strong rules (same unit, a unit and its parent
or child, one document cluster) join at once; weak rules (same title with an unknown or generic
unit, a bare mention in a document naming the other's unit) join a person only when all of its
weak evidence points to one other person and the documents' provinces do not disagree. What stays
undecided is offered by `vnarchive resolve candidates`. Rules: warehouse/data/resolution_rules.toml."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

import duckdb
import pyarrow as pa

from warehouse.keys import short_hash
from warehouse.overrides import Anchor, Overrides
from warehouse.resolve_judgements import Outcome, apply_newest_first
from warehouse.places import merged_province
from warehouse.unionfind import UnionFind, confidence, setting

STRONG_RULES = ("same_document", "same_name_same_unit", "same_document_cluster", "same_name_related_unit")

_DOCS = """SELECT d.document_id, v.published_on, v.doc_number_key, lower(v.title) AS title
           FROM documents d JOIN document_versions v ON v.document_id = d.document_id AND v.version = d.latest_version"""

# offices of person mentions with their canonical unit (the units tables of this run)
_OFFICES = """
SELECT p.mention_id, p.document_id, m.name_key, p.title_key, u.unit_id, u.name_key AS unit_key,
       coalesce(u.generic, false) AS generic, p.observed_on
FROM positions p JOIN person_mentions m ON m.mention_id = p.mention_id
LEFT JOIN unit_resolution ur ON ur.document_id = p.document_id AND ur.name_key = p.unit_key
LEFT JOIN unit_aliases ua ON ua.alias_key = p.unit_key
LEFT JOIN units u ON u.unit_id = coalesce(ur.unit_id, ua.unit_id)
WHERE m.name_key IS NOT NULL AND p.title_key IS NOT NULL"""


@dataclass
class Mention:
    mention_id: str
    document_id: str
    name: str
    name_key: str
    published_on: str | None


@dataclass
class WeakLink:
    mention_id: str      # the mention whose own offices do not settle it
    group: str           # the group of mentions (one office, one unit) the evidence points to
    rule: str


@dataclass
class PeopleResult:
    people: list[dict]
    links: list[dict]
    merges: list[dict]
    members: dict[str, list[str]]                      # person id -> mention ids
    undecided: list[tuple[str, str, str]] = field(default_factory=list)  # (mention, other mention, why)
    kept_apart: set[str] = field(default_factory=set)  # mentions a not-same judgement kept from a union
    judged: list[Outcome] = field(default_factory=list)  # what became of each judgement, newest first

    def kept_apart_ids(self) -> set[str]:
        """People a not-same judgement kept from a union."""
        return {pid for pid, ms in self.members.items() if self.kept_apart & set(ms)}


def resolve_people(con: duckdb.DuckDBPyConnection, ov: Overrides) -> PeopleResult:
    mentions = {r[0]: Mention(*r) for r in con.execute(
        f"""SELECT m.mention_id, m.document_id, m.name, m.name_key, d.published_on::VARCHAR
            FROM person_mentions m LEFT JOIN ({_DOCS}) d ON d.document_id = m.document_id
            WHERE m.name_key IS NOT NULL ORDER BY m.mention_id""").fetchall()}
    provinces = document_provinces(con)
    clusters = document_clusters(con, provinces)
    uf = UnionFind()
    for mid in mentions:
        uf.add(mid)
    judged = _apply_judgements(uf, mentions, ov)
    groups = evidence_groups(con, clusters)
    for order, rule, gid in sorted(k for k in groups if k[0] is not None):
        _join_group(uf, groups[(order, rule, gid)], rule)
    members = {gid: ms for (_, _, gid), ms in groups.items()}
    undecided = _join_weak(uf, weak_links(con), members, mentions, provinces)
    return replace(_rows(uf, mentions, undecided), judged=judged)


def document_provinces(con: duckdb.DuckDBPyConnection) -> dict[str, frozenset[str]]:
    """Provinces (as merged in 2025) of the units each document names; a document naming more than
    `max_document_provinces` is national and gets none."""
    out: dict[str, set[str]] = defaultdict(set)
    for doc, prov in con.execute("SELECT DISTINCT ur.document_id, u.province FROM unit_resolution ur "
                                 "JOIN units u ON u.unit_id = ur.unit_id WHERE u.province IS NOT NULL").fetchall():
        out[doc].add(merged_province(prov))
    limit = int(setting("max_document_provinces"))
    return {d: frozenset(p) for d, p in out.items() if len(p) <= limit}


def provinces_disagree(a: frozenset[str] | None, b: frozenset[str] | None) -> bool:
    return bool(a) and bool(b) and not (a & b)


def document_clusters(con: duckdb.DuckDBPyConnection, provinces: dict[str, frozenset[str]]) -> dict[str, str]:
    """Documents about one act: the same number and date, one citing the other's number (with its
    date, or within a year), or the same long title within a month; never across provinces."""
    edges = con.execute(f"""
        WITH d AS ({_DOCS})
        SELECT a.document_id, b.document_id FROM d a JOIN d b ON a.doc_number_key = b.doc_number_key
          AND a.published_on = b.published_on AND a.document_id < b.document_id
        UNION
        SELECT r.document_id, d.document_id FROM legal_refs r JOIN d ON d.doc_number_key = r.number_key
          AND d.document_id <> r.document_id JOIN d c ON c.document_id = r.document_id
        WHERE r.ref_date = d.published_on::VARCHAR
           OR (r.ref_date IS NULL AND abs(date_diff('day', c.published_on, d.published_on)) <= 366)
        UNION
        SELECT a.document_id, b.document_id FROM d a JOIN d b ON a.title = b.title AND length(a.title) >= 40
          AND a.document_id < b.document_id AND abs(date_diff('day', a.published_on, b.published_on)) <= 31
        ORDER BY 1, 2""").fetchall()
    uf = UnionFind()
    for a, b in edges:
        if not provinces_disagree(provinces.get(a), provinces.get(b)):
            uf.union(a, b, "cluster")
    return {d: uf.find(d) for d in uf.parent}


def _gap(a: str, lo: str, hi: str) -> str:
    """SQL: date `a` lies within max_gap_years of the range [lo, hi] (or a date is unknown)."""
    days = int(float(setting("max_gap_years")) * 365.25)
    return (f"({a} IS NULL OR {lo} IS NULL OR ({a} <= {hi} + INTERVAL {days} DAY "
            f"AND {lo} <= {a} + INTERVAL {days} DAY))")


def evidence_groups(con: duckdb.DuckDBPyConnection, clusters: dict[str, str]) -> dict[tuple, list[str]]:
    """Groups of mentions one strong rule makes one person ((rule order, rule, group id) -> mention
    ids), and the office groups weak links point at (rule order None). Groups, not pairs: a person
    named in thousands of documents costs thousands of rows, not millions."""
    clus = pa.table({"document_id": list(clusters), "cluster": list(clusters.values())})  # noqa: F841
    rows = con.execute(f"""
        WITH mo AS ({_OFFICES}),
        spec AS (SELECT name_key, unit_id, min(observed_on) AS lo, max(observed_on) AS hi
                 FROM mo WHERE unit_id IS NOT NULL AND NOT generic GROUP BY ALL),
        related AS (SELECT a.name_key, a.unit_id AS child, b.unit_id AS parent FROM spec a
                    JOIN units u ON u.unit_id = a.unit_id
                    JOIN spec b ON b.name_key = a.name_key AND b.unit_id = u.parent_unit_id
                    WHERE {_gap('a.lo', 'b.lo', 'b.hi')} OR {_gap('a.hi', 'b.lo', 'b.hi')})
        SELECT 'same_document', 'doc|' || document_id || '|' || name_key, mention_id
          FROM person_mentions WHERE name_key IS NOT NULL
        UNION
        SELECT 'same_name_same_unit', 'unit|' || name_key || '|' || unit_id, mention_id
          FROM mo WHERE unit_id IS NOT NULL AND NOT generic
        UNION
        SELECT 'same_document_cluster', 'cluster|' || c.cluster || '|' || m.name_key, m.mention_id
          FROM person_mentions m JOIN clus c ON c.document_id = m.document_id WHERE m.name_key IS NOT NULL
        UNION
        SELECT 'same_name_related_unit', 'related|' || r.name_key || '|' || r.child || '|' || r.parent, mo.mention_id
          FROM related r JOIN mo ON mo.name_key = r.name_key AND mo.unit_id IN (r.child, r.parent)
        UNION
        SELECT 'title', 'title|' || name_key || '|' || title_key || '|' || coalesce(unit_id, ''), mention_id FROM mo
        ORDER BY 1, 2, 3""").fetchall()
    order = {r: i for i, r in enumerate(STRONG_RULES)}
    out: dict[tuple, list[str]] = defaultdict(list)
    for rule, gid, mid in rows:
        out[(order.get(rule), rule, gid)].append(mid)
    return dict(out)


def _join_group(uf: UnionFind, members: list[str], rule: str) -> None:
    """Join a group's mentions; one that a judgement keeps from the first joins the next it may."""
    anchors: list[str] = []
    for m in members:
        for a in anchors:
            if uf.find(a) == uf.find(m) or uf.union(a, m, rule):
                break
        else:
            anchors.append(m)


def weak_links(con: duckdb.DuckDBPyConnection) -> list[WeakLink]:
    """(loose mention, office group, rule): a same title where the mention's unit is unknown or
    generic; a mention without an office of its own in a document naming another's unit."""
    rows = con.execute(f"""
        WITH mo AS ({_OFFICES}),
        grp AS (SELECT name_key, title_key, unit_id, any_value(unit_key) AS unit_key,
                       min(observed_on) AS lo, max(observed_on) AS hi FROM mo GROUP BY name_key, title_key, unit_id),
        spec AS (SELECT name_key, unit_id, min(observed_on) AS lo, max(observed_on) AS hi
                 FROM mo WHERE unit_id IS NOT NULL AND NOT generic GROUP BY ALL),
        bare AS (SELECT m.mention_id, m.document_id, m.name_key, d.published_on FROM person_mentions m
                 LEFT JOIN ({_DOCS}) d ON d.document_id = m.document_id
                 WHERE m.name_key IS NOT NULL AND m.mention_id NOT IN
                       (SELECT mention_id FROM mo WHERE unit_id IS NOT NULL AND NOT generic))
        SELECT DISTINCT a.mention_id, 'title|' || g.name_key || '|' || g.title_key || '|' || coalesce(g.unit_id, ''),
               'same_name_same_title' FROM mo a
          JOIN grp g ON g.name_key = a.name_key AND g.title_key = a.title_key
        WHERE (a.unit_id IS NULL OR a.generic)
          AND (a.unit_id IS NULL OR g.unit_id IS NULL OR g.unit_id = a.unit_id OR starts_with(g.unit_key, a.unit_key || ' '))
          AND {_gap('a.observed_on', 'g.lo', 'g.hi')}
        UNION
        SELECT DISTINCT b.mention_id, 'unit|' || s.name_key || '|' || s.unit_id, 'same_name_unit_in_document' FROM bare b
          JOIN unit_resolution ur ON ur.document_id = b.document_id
          JOIN spec s ON s.unit_id = ur.unit_id AND s.name_key = b.name_key
        WHERE {_gap('b.published_on', 's.lo', 's.hi')}
        ORDER BY 1, 2, 3""").fetchall()
    return [WeakLink(m, g, r) for m, g, r in rows]


def _apply_judgements(uf: UnionFind, mentions: dict[str, Mention], ov: Overrides) -> list[Outcome]:
    """The judgements, newest first, before any rule (rules never undo them). A side's members are
    (document, name key) pairs; a null document means every document."""
    index: dict[tuple[str | None, str], list[str]] = defaultdict(list)
    for m in mentions.values():
        index[(m.document_id, m.name_key)].append(m.mention_id)
        index[(None, m.name_key)].append(m.mention_id)

    def select(side: list[Anchor]) -> list[str]:
        return sorted({mid for d, k in side for mid in index.get((d, k), ())})
    return apply_newest_first(uf, ov.person, select)


def _join_weak(uf: UnionFind, links: list[WeakLink], members: dict[str, list[str]], mentions: dict[str, Mention],
               provinces: dict[str, frozenset[str]]) -> list[tuple[str, str, str]]:
    """Join each strong component whose weak evidence all points to one other component (in documents
    whose provinces agree); return the rest (ambiguous, across provinces, judged apart) for the
    candidates as (mention, other mention, why)."""
    targets: dict[str, dict[str, tuple[str, str]]] = defaultdict(dict)   # root -> other root -> (mention, other)
    undecided: list[tuple[str, str, str]] = []
    why: dict[tuple[str, str], str] = {}
    for link in links:
        a = mentions[link.mention_id]
        for other in members.get(link.group, ()):
            ra, rb = uf.find(a.mention_id), uf.find(other)
            if ra == rb or (ra, rb) in why:
                continue
            why[(ra, rb)] = link.rule
            b = mentions[other]
            if provinces_disagree(provinces.get(a.document_id), provinces.get(b.document_id)):
                undecided.append((a.mention_id, other, f"{link.rule}, but the documents' provinces differ"))
            else:
                targets[ra].setdefault(rb, (a.mention_id, other))
    for root in sorted(targets):
        found = targets[root]
        if len(found) == 1:
            ((rb, (a, b)),) = found.items()
            if not uf.union(a, b, why[(root, rb)]) and uf.find(a) != uf.find(b):
                undecided.append((a, b, f"{why[(root, rb)]}, but a judgement keeps them apart"))
        else:
            undecided += [(a, b, f"{why[(root, rb)]}, but {len(found)} people fit") for rb, (a, b) in found.items()]
    return undecided


def _rows(uf: UnionFind, mentions: dict[str, Mention], undecided) -> PeopleResult:
    people, links, merges, members_of = [], [], [], {}
    rule_of: dict[str, str] = {}
    for left, right, rule in uf.log:
        rule_of.setdefault(right, rule)
        rule_of.setdefault(left, rule)
    pid_of: dict[str, str] = {}
    for members in sorted(uf.groups().values()):
        ms = [mentions[m] for m in members]
        founding = min(ms, key=lambda m: (m.published_on or "9999-12-31", m.document_id, m.name_key))
        pid = "P-" + short_hash("person", founding.document_id, founding.name_key, n=12)
        if pid in members_of:   # one document naming two people with one name, kept apart by a judgement
            pid = "P-" + short_hash("person", founding.document_id, founding.name_key, members[0], n=12)
        members_of[pid] = members
        names = Counter(m.name for m in ms)
        keys = Counter(m.name_key for m in ms)
        dates = sorted(m.published_on for m in ms if m.published_on)
        people.append({"person_id": pid, "name": min(names, key=lambda s: (-names[s], s)),
                       "name_key": min(keys, key=lambda k: (-keys[k], k)), "mention_count": len(ms),
                       "document_count": len({m.document_id for m in ms}),
                       "founding_document_id": founding.document_id,
                       "first_seen_on": date.fromisoformat(dates[0]) if dates else None,
                       "last_seen_on": date.fromisoformat(dates[-1]) if dates else None})
        for m in members:
            pid_of[m] = pid
            rule = rule_of.get(m, "single_mention")
            links.append({"mention_id": m, "person_id": pid, "rule": rule, "confidence": confidence("person", rule)})
    for left, right, rule in uf.log:
        merges.append({"kind": "person", "rule": rule, "confidence": confidence("person", rule), "left_mention": right,
                       "right_mention": left, "canonical_id": pid_of[left],
                       "source": "judgement" if rule == "judgement" else "rule"})
    undecided = [u for u in undecided if pid_of[u[0]] != pid_of[u[1]]]
    kept_apart = {m for a, b, _ in uf.refused for m in (a, b)}
    return PeopleResult(people, links, merges, members_of, undecided, kept_apart)
