"""Canonical people from person mentions (pure functions over plain records).

Same person = same normalized name (NFC, case, tone placement) with compatible offices: the
same canonical unit, or the same title where one office has no unit. Rules and confidences:
warehouse/data/resolution_rules.toml."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from warehouse.keys import name_key, short_hash
from warehouse.overrides import Overrides
from warehouse.unionfind import UnionFind, confidence


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
                              "confidence": confidence("person", rule)})
            for left, right, rule in uf.log:
                if left in members:
                    merges.append({"kind": "person", "rule": rule, "confidence": confidence("person", rule), "left_mention": right,
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
