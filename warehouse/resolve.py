"""Entity resolution across documents: canonical units and people, and the merges log.

Rules (confidence in brackets), applied to normalized keys (NFC, case, tone placement):
  units
    normalized_name         [0.99] same key: case, tone-mark and Unicode variants of one form
    abbreviation_expansion  [0.95] same key once abbreviations are expanded ("Cục Kiểm soát TTHC")
    document_alias          [0.90] a document gives both forms for one unit (extractor aliases)
    acronym                 [0.85] an unknown acronym spells the initials of exactly one known name
                                   with the same head ("Cục KSTTHC" = "Cục Kiểm soát thủ tục hành chính")
    override                [1.00] [[merge]] in the overrides file; [[split]] forms skip the rules above
  people (same normalized name, or names merged by an override)
    same_name_same_unit        [0.95] both hold an office in the same canonical unit
    same_name_same_title       [0.80] same title, and one of the two offices has no unit
    same_name_single_candidate [0.60] no office given; exactly one person of that name has offices
    same_name_only             [0.50] nobody of that name has an office given: one person
    override                   [1.00] [[merge]] in the overrides file; [[split]] mentions stand apart
Canonical ids hash the canonical key (units) or the name key and its anchoring office (people),
so the same archive always gets the same ids, whatever order its documents arrived in."""
from __future__ import annotations

import json
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb

from warehouse import mapping
from warehouse.abbrev import acronym_parts, expand, matches_acronym
from warehouse.keys import fold_ascii, name_key, short_hash
from warehouse.overrides import Overrides, load_overrides

RULES = {"normalized_name": 0.99, "abbreviation_expansion": 0.95, "document_alias": 0.90, "acronym": 0.85,
         "override": 1.0, "same_name_same_unit": 0.95, "same_name_same_title": 0.80,
         "same_name_single_candidate": 0.60, "same_name_only": 0.50}
_KNOWN_UNITS = Path(__file__).resolve().parent.parent / "nlp" / "lexicons" / "known_units.toml"


class UnionFind:
    """Union-find that logs the edges that joined two components."""

    def __init__(self):
        self.parent: dict[str, str] = {}
        self.log: list[tuple[str, str, str]] = []   # (left, right, rule)

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str, rule: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.log.append((a, b, rule))

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in sorted(self.parent):
            out[self.find(x)].append(x)
        return out


# ---- units ---------------------------------------------------------------------------------

@dataclass
class UnitForms:
    """Everything the archive says about unit names, as plain data."""

    surfaces: Counter = field(default_factory=Counter)          # (key, surface) -> mentions
    docs: dict[str, set] = field(default_factory=lambda: defaultdict(set))  # key -> documents
    aliases: list[tuple[str, str]] = field(default_factory=list)           # (key, key) from one document
    parents: Counter = field(default_factory=Counter)            # (child key, parent key) -> votes
    kinds: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    levels: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))

    def add(self, surface: str | None, doc: str | None, weight: int = 1) -> str | None:
        k = name_key(surface)
        if k:
            self.surfaces[(k, surface.strip())] += weight
            if doc:
                self.docs[k].add(doc)
        return k


@lru_cache(maxsize=1)
def _known_parents() -> dict[str, str]:
    if not _KNOWN_UNITS.exists():
        return {}
    with open(_KNOWN_UNITS, "rb") as f:
        units = tomllib.load(f).get("unit", [])
    return {name_key(u["name"]): u["parent"] for u in units if u.get("parent")}


def resolve_units(forms: UnitForms, ov: Overrides) -> tuple[list[dict], list[dict], list[dict]]:
    """Returns rows for units, unit_aliases and merges."""
    present = {k for k, _ in forms.surfaces}
    for child, parent in sorted(_known_parents().items()):
        if child in present:  # a parent from the lexicon: documents outvote it
            forms.parents[(child, forms.add(parent, None, weight=0))] += 0.5
    keys = sorted({k for k, _ in forms.surfaces})
    uf = UnionFind()
    for k in keys:
        uf.add(k)
    by_exp: dict[str, list[str]] = defaultdict(list)
    for k in keys:
        if k not in ov.unit_splits:
            by_exp[expand(k)].append(k)
    for exp, ks in by_exp.items():
        head = exp if exp in ks else ks[0]
        for k in ks:
            if k != head:
                uf.union(head, k, "abbreviation_expansion")
    for a, b in forms.aliases:
        if a != b and a not in ov.unit_splits and b not in ov.unit_splits:
            uf.union(a, b, "document_alias")
    _acronyms(keys, by_exp, uf, ov)
    for group in ov.unit_merges:
        for k in group:
            uf.add(k)
        for k in group[1:]:
            uf.union(group[0], k, "override")

    count = Counter()
    surf_by_key: dict[str, Counter] = defaultdict(Counter)
    for (k, s), n in forms.surfaces.items():
        count[k] += n
        surf_by_key[k][s] += n
    units, aliases, merges, key_unit = [], [], [], {}
    seen_ids: set[str] = set()
    comps = sorted(uf.groups().values())
    for members in comps:
        exp_count = Counter()
        for k in members:
            exp_count[expand(k)] += count[k]
        canon = min(exp_count, key=lambda e: (-exp_count[e], -len(e), e))
        uid = "U-" + short_hash("unit", canon, n=12)
        if uid in seen_ids:
            uid = "U-" + short_hash("unit", canon, members[0], n=12)
        seen_ids.add(uid)
        for k in members:
            key_unit[k] = uid
        name = _preferred_name(members, canon, surf_by_key)
        docs = set().union(*(forms.docs.get(k, set()) for k in members))
        kinds = sum((forms.kinds[k] for k in members), Counter())
        levels = sum((forms.levels[k] for k in members), Counter())
        units.append({"unit_id": uid, "name": name, "name_key": canon, "parent_unit_id": None,
                      "kind": min(kinds, key=lambda x: (-kinds[x], x)) if kinds else None,
                      "level": min(levels, key=lambda x: (-levels[x], x)) if levels else None,
                      "mention_count": sum(count[k] for k in members), "document_count": len(docs)})
    rule_of: dict[str, str] = {}
    for left, right, rule in uf.log:
        rule_of.setdefault(right, rule)
        merges.append({"kind": "unit", "rule": rule, "confidence": RULES[rule], "left_mention": _show(surf_by_key, right),
                       "right_mention": _show(surf_by_key, left), "canonical_id": key_unit[left],
                       "source": "override" if rule == "override" else "rule"})
    for k in keys:
        surfs = surf_by_key[k]
        if len(surfs) > 1:
            best = min(surfs, key=lambda s: (-surfs[s], s))
            for s in sorted(surfs):
                if s != best:
                    merges.append({"kind": "unit", "rule": "normalized_name", "confidence": RULES["normalized_name"],
                                   "left_mention": s, "right_mention": best, "canonical_id": key_unit[k],
                                   "source": "rule"})
        rule = rule_of.get(k, "normalized_name")
        aliases.append({"alias_key": k, "alias": _show(surf_by_key, k), "unit_id": key_unit[k], "rule": rule,
                        "confidence": RULES[rule]})
    _set_parents(units, forms, key_unit)
    return units, aliases, merges


def _preferred_name(members: list[str], canon: str, surf_by_key: dict[str, Counter]) -> str:
    """The most used fully spelled form; ties go to fewer capitals (official sentence case)."""
    for ok in (lambda k: k == canon, lambda k: expand(k) == k and _parts_from_key(k) is None, lambda k: True):
        pool = Counter()
        for k in members:
            if ok(k):
                pool.update(surf_by_key[k])
        if pool:
            return min(pool, key=lambda s: (-pool[s], sum(c.isupper() for c in s), s))
    return canon


def _show(surf_by_key: dict[str, Counter], k: str) -> str:
    s = surf_by_key.get(k)
    return min(s, key=lambda x: (-s[x], x)) if s else k


def _acronyms(keys: list[str], by_exp: dict[str, list[str]], uf: UnionFind, ov: Overrides) -> None:
    """Link "Cục KSTTHC" to the one expanded name with the same head whose initials it spells."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for exp in by_exp:
        by_first[exp.split(" ", 1)[0]].append(exp)
    for k in keys:
        if k in ov.unit_splits:
            continue
        parts = _parts_from_key(k)
        if not parts:
            continue
        prefix, acr, suffix = parts
        first = prefix.split(" ", 1)[0] if prefix else None
        pool = by_first.get(first, []) if first else list(by_exp)
        hits = [e for e in pool if e != expand(k) and matches_acronym(e, prefix, acr, suffix)]
        if len(hits) == 1:
            uf.union(by_exp[hits[0]][0], k, "acronym")


def _parts_from_key(k: str) -> tuple[str, str, str] | None:
    """acronym_parts on a key: the acronym is a word of 2+ consonant-only letters (keys are lower case)."""
    words = k.split()
    idx = [i for i, w in enumerate(words) if len(w) >= 2 and w.isalpha() and not any(_vowel(c) for c in w)]
    if len(idx) != 1 or len(words) == 1:
        return None
    i = idx[0]
    return acronym_parts(" ".join([*words[:i], words[i].upper(), *words[i + 1:]]))


def _vowel(c: str) -> bool:
    return fold_ascii(c) in "aeiouy"


def _set_parents(units: list[dict], forms: UnitForms, key_unit: dict[str, str]) -> None:
    votes: dict[str, Counter] = defaultdict(Counter)
    for (child, parent), n in forms.parents.items():
        c, p = key_unit.get(child), key_unit.get(parent)
        if c and p and c != p:
            votes[c][p] += n
    parent: dict[str, str] = {}
    for uid in sorted(votes):
        v = votes[uid]
        best = min(v, key=lambda p: (-v[p], p))
        node, ok = best, True
        while node in parent:      # refuse a parent link that closes a cycle
            node = parent[node]
            if node == uid:
                ok = False
                break
        if ok and best != uid:
            parent[uid] = best
    for u in units:
        u["parent_unit_id"] = parent.get(u["unit_id"])


# ---- people --------------------------------------------------------------------------------

@dataclass
class PersonMention:
    mention_id: str
    document_id: str
    name: str
    contexts: list[tuple[str | None, str | None]] = field(default_factory=list)  # (title key, unit id)


def resolve_people(mentions: list[PersonMention], ov: Overrides) -> tuple[list[dict], list[dict], list[dict]]:
    """Returns rows for people, person_links and merges."""
    name_group: dict[str, str] = {}
    for group in ov.person_merges:
        for k in group:
            name_group[k] = group[0]
    groups: dict[tuple[str, str], list[PersonMention]] = defaultdict(list)
    for m in sorted(mentions, key=lambda m: m.mention_id):
        k = name_key(m.name) or ""
        tag = ""
        for i, (sk, docs) in enumerate(ov.person_splits):
            if sk == k and m.document_id in docs:
                tag = f"split{i}"
        groups[(name_group.get(k, k), tag)].append(m)
    people, links, merges = [], [], []
    seen: set[str] = set()
    for (gkey, tag), ms in sorted(groups.items()):
        uf, rule_of = _person_rules(ms, bool(tag), gkey in name_group.values())
        by_id = {m.mention_id: m for m in ms}
        for members in sorted(uf.groups().values()):
            ctx = [c for mid in members for c in by_id[mid].contexts]
            units = sorted({u for _, u in ctx if u})
            titles = sorted({t for t, _ in ctx if t})
            anchor = units[0] if units else ("t:" + titles[0] if titles else tag)
            pid = "P-" + short_hash("person", gkey, anchor, n=12)
            if pid in seen:
                pid = "P-" + short_hash("person", gkey, anchor, members[0], n=12)
            seen.add(pid)
            names = Counter(by_id[mid].name for mid in members)
            people.append({"person_id": pid, "name": min(names, key=lambda s: (-names[s], s)), "name_key": gkey,
                           "mention_count": len(members),
                           "document_count": len({by_id[mid].document_id for mid in members})})
            for mid in members:
                rule = rule_of.get(mid, "same_name_only" if len(members) > 1 else "single_mention")
                links.append({"mention_id": mid, "person_id": pid, "rule": rule,
                              "confidence": RULES.get(rule, 1.0)})
            for left, right, rule in uf.log:
                if left in members:
                    merges.append({"kind": "person", "rule": rule, "confidence": RULES[rule], "left_mention": right,
                                   "right_mention": left, "canonical_id": pid,
                                   "source": "override" if rule == "override" else "rule"})
    return people, links, merges


def _person_rules(ms: list[PersonMention], split: bool, forced: bool) -> tuple[UnionFind, dict[str, str]]:
    uf = UnionFind()
    for m in ms:
        uf.add(m.mention_id)
    if split or forced:
        rule = "override"
        for m in ms[1:]:
            uf.union(ms[0].mention_id, m.mention_id, rule)
    else:
        by_unit: dict[str, str] = {}
        by_title: dict[str, list[str]] = defaultdict(list)
        loose_titles: set[str] = set()
        for m in ms:
            for t, u in m.contexts:
                if u:
                    if u in by_unit:
                        uf.union(by_unit[u], m.mention_id, "same_name_same_unit")
                    else:
                        by_unit[u] = m.mention_id
                if t:
                    by_title[t].append(m.mention_id)
                    if not u:
                        loose_titles.add(t)
        for t in sorted(loose_titles):
            for mid in by_title[t][1:]:
                uf.union(by_title[t][0], mid, "same_name_same_title")
        bare = [m.mention_id for m in ms if not m.contexts]
        roots = sorted({uf.find(m.mention_id) for m in ms if m.contexts})
        if len(roots) == 1:
            for mid in bare:
                uf.union(roots[0], mid, "same_name_single_candidate")
        elif not roots:
            for mid in bare[1:]:
                uf.union(bare[0], mid, "same_name_only")
    rule_of: dict[str, str] = {}
    for left, right, rule in uf.log:
        rule_of.setdefault(right, rule)
        rule_of.setdefault(left, rule)
    return uf, rule_of


# ---- the archive ---------------------------------------------------------------------------

def resolve_archive(con: duckdb.DuckDBPyConnection, overrides_path: str | None) -> dict[str, int]:
    """Rebuild units, unit_aliases, people, person_links and merges in one transaction."""
    ov = load_overrides(overrides_path)
    forms = UnitForms()
    for name, aliases, parent, kind, level, doc in con.execute(
            "SELECT name, aliases, parent_name, kind, level, document_id FROM unit_mentions").fetchall():
        k = forms.add(name, doc)
        if not k:
            continue
        if kind:
            forms.kinds[k][kind] += 1
        if level:
            forms.levels[k][level] += 1
        for a in json.loads(aliases) if aliases else []:
            ak = forms.add(a, doc)
            if ak:
                forms.aliases.append((k, ak))
        pk = forms.add(parent, doc)
        if pk:
            forms.parents[(k, pk)] += 1
    for unit_name, doc in con.execute("SELECT unit_name, document_id FROM positions "
                                      "WHERE unit_name IS NOT NULL").fetchall():
        forms.add(unit_name, doc)
    for rec, doc in con.execute("SELECT recipient, document_id FROM awards WHERE recipient IS NOT NULL "
                                "AND coalesce(recipient_kind, '') <> 'person'").fetchall():
        if name_key(rec) in forms.docs or (name_key(rec) or "") != "" and _looks_like_unit(rec):
            forms.add(rec, doc)
    units, aliases, umerges = resolve_units(forms, ov)
    key_unit = {a["alias_key"]: a["unit_id"] for a in aliases}
    mentions: dict[str, PersonMention] = {}
    for mid, doc, name in con.execute("SELECT mention_id, document_id, name FROM person_mentions").fetchall():
        mentions[mid] = PersonMention(mid, doc, name)
    for mid, title, unit_name in con.execute("SELECT mention_id, title, unit_name FROM positions").fetchall():
        if mid in mentions:
            mentions[mid].contexts.append((name_key(title), key_unit.get(name_key(unit_name))))
    people, links, pmerges = resolve_people(list(mentions.values()), ov)
    out = {"units": units, "unit_aliases": aliases, "people": people, "person_links": links,
           "merges": umerges + pmerges}
    con.execute("BEGIN TRANSACTION")
    try:
        for t, rows in out.items():
            con.execute(f"DELETE FROM {t}")
            if rows:
                arrow = mapping.to_arrow(t, rows)  # noqa: F841 (DuckDB reads it by name)
                con.execute(f"INSERT INTO {t} SELECT * FROM arrow")
        con.execute("INSERT INTO archive_meta VALUES ('entities_stale', '0') "
                    "ON CONFLICT (key) DO UPDATE SET value = '0'")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return {t: len(rows) for t, rows in out.items()}


def _looks_like_unit(name: str) -> bool:
    """A collective recipient not named elsewhere: keep it when its first word is upper case
    and it has 2+ words (a person's name would be a person mention in the same document)."""
    w = name.split()
    return len(w) >= 2 and w[0][:1].isupper()
