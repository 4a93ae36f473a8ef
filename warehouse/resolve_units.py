"""Canonical units from every unit form in the archive (pure functions over plain records).

A unit's full names, abbreviations and acronyms merge across documents; short forms that only
make sense in their document ("Cục", "UBND tỉnh", "Đảng ủy") resolve inside that document and
never merge two units; a bare form in a document about one province is that province's unit when the
archive knows it. A unit's id hashes the expanded name of its earliest-published form, so the same
documents give the same ids whatever order they came in. Rules and confidences:
warehouse/data/resolution_rules.toml."""
from __future__ import annotations

import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.lexicon import LEXICON_DIR
from warehouse.abbrev import acronym_parts, expand, matches_acronym
from warehouse.keys import fold_ascii, name_key, short_hash
from warehouse.places import province_forms, province_of
from warehouse.overrides import Overrides
from warehouse.resolve_judgements import Outcome, apply_newest_first
from warehouse.unionfind import UnionFind, confidence

_KNOWN_UNITS = LEXICON_DIR / "known_units.toml"


@dataclass
class UnitMention:
    document_id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    parent: str | None = None
    kind: str | None = None
    level: str | None = None


@dataclass
class UnitForm:
    """A unit named by another fact (a position's unit, a collective award recipient)."""
    document_id: str
    surface: str
    new_node: bool = True     # False: resolve it if known, never create a unit for it


@dataclass
class UnitResult:
    units: list[dict]
    aliases: list[dict]
    resolution: list[dict]
    merges: list[dict]
    kept_apart: set[str] = field(default_factory=set)   # units a not-same judgement kept from a union
    judged: list[Outcome] = field(default_factory=list)  # what became of each judgement, newest first


@lru_cache(maxsize=1)
def known_parents() -> dict[str, str]:
    """Parents of well-known national bodies, from nlp/lexicons/known_units.toml (if present)."""
    if not _KNOWN_UNITS.exists():
        return {}
    with open(_KNOWN_UNITS, "rb") as f:
        units = tomllib.load(f).get("unit", [])
    return {name_key(u["name"]): u["parent"] for u in units if u.get("parent")}


def is_shortening(alias_exp: str, full_exp: str) -> bool:
    """A leading part of the full name, or one word: meaningful only in its document."""
    return " " not in alias_exp or full_exp.startswith(alias_exp + " ")


def resolve_units(mentions: list[UnitMention], forms: list[UnitForm], ov: Overrides,
                  doc_dates: dict[str, str] | None = None) -> UnitResult:
    """`doc_dates`: document id -> its date (ISO), for the earliest-published anchor of each unit's id."""
    st = _Forms(ov, doc_dates or {})
    st.read_mentions(mentions)
    _resolve_in_documents(st)
    _find_global_aliases(st)
    votes, form_keys = _place_other_forms(st, mentions, forms)
    uf, judged = _join_forms(st)
    units, key_unit = _canonical_units(uf, st.surf, st.primary, st.named, st.first_seen)
    resolution = _resolution_rows(st, key_unit, form_keys + [(d, p) for d, _, p in votes if d])
    _set_parents(units, votes, key_unit, resolution)
    _counts(units, mentions, resolution)
    return UnitResult(units, _alias_rows(uf, st.surf, key_unit), [resolution[k] for k in sorted(resolution)],
                      _merge_log(uf, st.surf, key_unit),
                      {key_unit[k] for a, b, _ in uf.refused for k in (a, b) if k in key_unit}, judged)


@dataclass
class _Forms:
    """Every unit form of the archive, as the steps of `resolve_units` build it up."""
    ov: Overrides
    dates: dict[str, str]                                   # document -> its date (ISO)
    surf: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))   # key -> printed forms
    first_seen: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (earliest date, document)
    primary: Counter = field(default_factory=Counter)       # name keys of unit mentions
    named: Counter = field(default_factory=Counter)         # printed names of unit mentions
    doc_names: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # document -> name keys
    alias_pairs: list[tuple[str, str, str]] = field(default_factory=list)   # (document, name key, alias key)
    doc_province: dict[str, str] = field(default_factory=dict)
    local: dict[tuple[str, str], str] = field(default_factory=dict)  # (document, key) -> its unit's name key
    by_province: set[tuple[str, str]] = field(default_factory=set)   # (document, key) placed by its province
    targets: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # alias -> expanded names
    alias_edges: list[tuple[str, str]] = field(default_factory=list)
    nodes: set[str] = field(default_factory=set)            # keys that name a unit of their own
    global_alias: set[str] = field(default_factory=set)     # aliases that mean one unit in every document

    def see(self, s: str | None, doc: str = "") -> str | None:
        """The key of a printed form, counted, with the earliest document using it."""
        k = name_key(s)
        if k:
            self.surf[k][s.strip()] += 1
            seen = (self.dates.get(doc) or "9999-12-31", doc or "~")
            if seen < self.first_seen.get(k, ("~", "~")):
                self.first_seen[k] = seen
        return k

    def read_mentions(self, mentions: list[UnitMention]) -> None:
        for m in mentions:
            nk = self.see(m.name, m.document_id)
            if not nk:
                continue
            self.primary[nk] += 1
            self.named[m.name.strip()] += 1
            self.doc_names[m.document_id].add(nk)
            self.alias_pairs += [(m.document_id, nk, ak) for ak in (self.see(a, m.document_id) for a in m.aliases)
                                 if ak and ak != nk]
        self.doc_province = _document_provinces(self.doc_names)

    def in_province(self, doc: str, k: str) -> str | None:
        """"Sở Tài chính" in a document whose units all lie in Nghệ An: "Sở Tài chính tỉnh Nghệ An",
        when some document names that unit."""
        prov = self.doc_province.get(doc)
        if not prov or province_of(k):
            return None
        hit = next((f for f in province_forms(k, prov) if f in self.primary), None)
        if hit:
            self.by_province.add((doc, k))
        return hit

    def fuller(self, doc: str, k: str) -> str | None:
        """The one unit name of the document that `k` is a leading part of ("Sở Y tế" in a
        document naming "Sở Y tế tỉnh Tây Ninh")."""
        ek = expand(k)
        hits = [n for n in self.doc_names.get(doc, ()) if n != k and expand(n).startswith(ek + " ")]
        return hits[0] if len(hits) == 1 else None

    def own_unit(self, doc: str, k: str) -> str | None:
        """The document's fuller name for `k`, else its province's unit (none for a split name)."""
        if k in self.ov.unit_splits:
            return None
        return self.fuller(doc, k) or self.in_province(doc, k)

    def final(self, doc: str, k: str) -> str:
        for _ in range(8):
            nxt = self.local.get((doc, k), k)
            if nxt == k:
                break
            k = nxt
        return k

    def place(self, doc: str, k: str, new_node: bool = True) -> None:
        """A unit form used by another fact: the document's own unit if it names one, else global."""
        if (doc, k) in self.local:
            return
        full = self.own_unit(doc, k)
        if full:
            self.local[(doc, k)] = self.final(doc, full)
        elif new_node:
            self.nodes.add(k)


def _resolve_in_documents(st: _Forms) -> None:
    """Each document's names and aliases to the unit they mean in that document."""
    for doc in sorted(st.doc_names):
        for nk in sorted(st.doc_names[doc]):
            st.local[(doc, nk)] = st.own_unit(doc, nk) or nk
    for doc, nk, ak in st.alias_pairs:
        tgt = st.final(doc, nk)
        st.local.setdefault((doc, ak), tgt)
        st.targets[ak].add(expand(tgt))
        st.alias_edges.append((tgt, ak))
    st.nodes = {nk for (doc, nk), tgt in st.local.items() if tgt == nk}


def _find_global_aliases(st: _Forms) -> None:
    """An alias that always stands for one expanded name, is no unit's own name and is not a mere
    shortening of it means that unit in every document."""
    for ak, tg in st.targets.items():
        (target,) = tg if len(tg) == 1 else (None,)
        own_unit = ak in st.nodes and expand(ak) != target
        if target and not own_unit and ak not in st.ov.unit_splits and not is_shortening(expand(ak), target):
            st.global_alias.add(ak)
    st.nodes |= st.global_alias


def _place_other_forms(st: _Forms, mentions: list[UnitMention],
                       forms: list[UnitForm]) -> tuple[list[tuple[str, str, str]], list[tuple[str, str]]]:
    """Parents named by mentions, units named by other facts and the lexicon's known parents:
    ((document, child key, parent key) parent votes, (document, key) of the other facts' forms)."""
    votes: list[tuple[str, str, str]] = []
    for m in mentions:
        nk, pk = name_key(m.name), st.see(m.parent, m.document_id)
        if nk and pk:
            votes.append((m.document_id, st.final(m.document_id, nk), pk))
            st.place(m.document_id, pk)
    form_keys: list[tuple[str, str]] = []
    for f in forms:
        k = st.see(f.surface, f.document_id)
        if k:
            form_keys.append((f.document_id, k))
            st.place(f.document_id, k, f.new_node)
    for child, parent in sorted(known_parents().items()):
        if child in st.nodes:
            st.nodes.add(st.see(parent))
            votes.append(("", child, name_key(parent)))
    return votes, form_keys


def _join_forms(st: _Forms) -> tuple[UnionFind, list[Outcome]]:
    """One component per unit: the judgements first (newest first), then the rules: expansions,
    document aliases, acronyms."""
    ov, uf = st.ov, UnionFind()
    for k in sorted(st.nodes):
        uf.add(k)
    judged = _apply_judgements(st, uf)
    by_exp: dict[str, list[str]] = defaultdict(list)
    for k in sorted(st.nodes):
        if k not in ov.unit_splits:
            by_exp[expand(k)].append(k)
    for exp, ks in by_exp.items():
        head = exp if exp in ks else ks[0]
        for k in ks:
            if k != head:
                uf.union(head, k, "abbreviation_expansion")
    for nk, ak in sorted(set(st.alias_edges)):
        if ak in st.global_alias:
            uf.union(nk, ak, "document_alias")
    _acronyms(sorted(st.nodes), by_exp, uf, ov)
    return uf, judged


def _apply_judgements(st: _Forms, uf: UnionFind) -> list[Outcome]:
    """A name judged the same as a unit becomes one of its names even when no document names it."""
    for j in st.ov.unit:
        if j.verdict == "same":
            for k in j.left + j.right:
                uf.add(k)
                if not st.surf[k]:
                    st.surf[k][k] = 0
    return apply_newest_first(uf, st.ov.unit, lambda side: [k for k in side if k in uf.parent])


def _resolution_rows(st: _Forms, key_unit: dict[str, str],
                     used: list[tuple[str, str]]) -> dict[tuple[str, str], dict]:
    """(document, key) -> the unit it means there: its document's reading, else the global one for
    the forms other facts and parent votes use."""
    resolution: dict[tuple[str, str], dict] = {}
    for doc, k in sorted(st.local):
        resolution[(doc, k)] = {"document_id": doc, "name_key": k, "unit_id": key_unit[st.final(doc, k)],
                                "rule": "document_province" if (doc, k) in st.by_province else "in_document"}
    for doc, k in used:
        if (doc, k) not in resolution and k in key_unit:
            resolution[(doc, k)] = {"document_id": doc, "name_key": k, "unit_id": key_unit[k], "rule": "global"}
    return resolution


def _alias_rows(uf: UnionFind, surf: dict[str, Counter], key_unit: dict[str, str]) -> list[dict]:
    rule_of = {right: rule for _, right, rule in uf.log}
    out = []
    for k in sorted(key_unit):
        rule = rule_of.get(k, "normalized_name")
        out.append({"alias_key": k, "alias": _show(surf, k), "unit_id": key_unit[k], "rule": rule,
                    "confidence": confidence("unit", rule)})
    return out


def _canonical_units(uf: UnionFind, surf: dict[str, Counter], primary: Counter, named: Counter,
                     first_seen: dict[str, tuple[str, str]]) -> tuple[list[dict], dict]:
    """One unit per component; its id hashes the expanded form of the earliest-published name (so it
    depends on the set of documents, not on their order), its name_key is the most used expansion."""
    units, key_unit, seen = [], {}, set()
    for members in sorted(uf.groups().values()):
        pool = [k for k in members if k in primary] or members
        weight = Counter()
        for k in pool:
            weight[expand(k)] += sum(surf[k].values())
        canon = min(weight, key=lambda e: (-weight[e], -len(e), e))
        anchor = min(pool, key=lambda k: (first_seen.get(k, ("~", "~")), expand(k), k))
        uid = "U-" + short_hash("unit", expand(anchor), n=12)
        if uid in seen:  # a kept-apart form sharing an expansion with another unit
            uid = "U-" + short_hash("unit", expand(anchor), members[0], n=12)
        seen.add(uid)
        for k in members:
            key_unit[k] = uid
        units.append({"unit_id": uid, "name": _preferred_name(members, canon, surf, named), "name_key": canon,
                      "parent_unit_id": None, "kind": None, "level": None, "mention_count": 0,
                      "document_count": 0, "province": province_of(canon), "generic": False})
    leading = {" ".join(w[:i]) for u in units for w in [u["name_key"].split()] for i in range(1, len(w))}
    for u in units:
        u["generic"] = u["name_key"] in leading
    return units, key_unit


def _document_provinces(doc_names: dict[str, set[str]]) -> dict[str, str]:
    """Documents whose unit names place them in exactly one province -> that province."""
    out = {}
    for doc, keys in doc_names.items():
        provs = {p for p in map(province_of, keys) if p}
        if len(provs) == 1:
            out[doc] = provs.pop()
    return out


def _preferred_name(members: list[str], canon: str, surf: dict[str, Counter], named: Counter) -> str:
    """The fully spelled form documents most often give as a unit's name (then most used);
    ties go to fewer capitals (official sentence case)."""
    for ok in (lambda k: k == canon, lambda k: expand(k) == k and _parts_from_key(k) is None, lambda k: True):
        pool = Counter()
        for k in members:
            if ok(k):
                pool.update(surf[k])
        if pool:
            return min(pool, key=lambda s: (-named[s], -pool[s], sum(c.isupper() for c in s), s))
    return canon


def _show(surf: dict[str, Counter], k: str) -> str:
    s = surf.get(k)
    return min(s, key=lambda x: (-s[x], x)) if s else k


def _acronyms(keys: list[str], by_exp: dict[str, list[str]], uf: UnionFind, ov: Overrides) -> None:
    """Link "Cục KSTTHC" to the one expanded name with the same head whose initials it spells."""
    by_first: dict[str, list[str]] = defaultdict(list)
    for exp in by_exp:
        by_first[exp.split(" ", 1)[0]].append(exp)
    for k in keys:
        parts = None if k in ov.unit_splits else _parts_from_key(k)
        if not parts:
            continue
        prefix, acr, suffix = parts
        pool = by_first.get(prefix.split(" ", 1)[0], []) if prefix else list(by_exp)
        hits = [e for e in pool if e != expand(k) and matches_acronym(e, prefix, acr, suffix)]
        if len(hits) == 1:
            uf.union(by_exp[hits[0]][0], k, "acronym")


def _parts_from_key(k: str) -> tuple[str, str, str] | None:
    """acronym_parts on a lower-case key: the acronym is its one word without vowels."""
    words = k.split()
    idx = [i for i, w in enumerate(words) if len(w) >= 2 and w.isalpha()
           and not any(fold_ascii(c) in "aeiouy" for c in w)]
    if len(idx) != 1 or len(words) == 1:
        return None
    i = idx[0]
    return acronym_parts(" ".join([*words[:i], words[i].upper(), *words[i + 1:]]))


def _set_parents(units: list[dict], votes_in: list[tuple[str, str, str]], key_unit: dict[str, str],
                 resolution: dict[tuple[str, str], dict]) -> None:
    """Majority parent per unit (documents outvote the lexicon and the name), refusing cycles."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for doc, child, parent in votes_in:
        c = key_unit.get(child)
        p = resolution[(doc, parent)]["unit_id"] if (doc, parent) in resolution else key_unit.get(parent)
        if c and p and c != p:
            votes[c][p] += 1.0 if doc else 0.5
    by_key = {u["name_key"]: u["unit_id"] for u in units}
    for u in units:  # the name implies the parent: "Văn phòng Cục X" belongs to "Cục X"
        words = u["name_key"].split()
        for i in range(1, len(words)):
            p = by_key.get(" ".join(words[i:]))
            if p and p != u["unit_id"] and len(words) - i >= 2:
                votes[u["unit_id"]][p] += 0.5
                break
    parent: dict[str, str] = {}
    for uid in sorted(votes):
        v = votes[uid]
        best = min(v, key=lambda p: (-v[p], p))
        node = best
        while node in parent and node != uid:
            node = parent[node]
        if node != uid:
            parent[uid] = best
    for u in units:
        u["parent_unit_id"] = parent.get(u["unit_id"])


def _counts(units: list[dict], mentions: list[UnitMention], resolution: dict[tuple[str, str], dict]) -> None:
    by_id = {u["unit_id"]: u for u in units}
    kinds: dict[str, Counter] = defaultdict(Counter)
    levels: dict[str, Counter] = defaultdict(Counter)
    docs: dict[str, set] = defaultdict(set)
    for m in mentions:
        r = resolution.get((m.document_id, name_key(m.name) or ""))
        if not r:
            continue
        uid = r["unit_id"]
        by_id[uid]["mention_count"] += 1
        if m.kind:
            kinds[uid][m.kind] += 1
        if m.level:
            levels[uid][m.level] += 1
    for r in resolution.values():
        docs[r["unit_id"]].add(r["document_id"])
    for uid, u in by_id.items():
        u["document_count"] = len(docs[uid])
        if kinds[uid]:
            u["kind"] = min(kinds[uid], key=lambda x: (-kinds[uid][x], x))
        if levels[uid]:
            u["level"] = min(levels[uid], key=lambda x: (-levels[uid][x], x))


def _merge_log(uf: UnionFind, surf: dict[str, Counter], key_unit: dict[str, str]) -> list[dict]:
    out = []
    for kept, joined, rule in uf.log:
        out.append({"kind": "unit", "rule": rule, "confidence": confidence("unit", rule),
                    "left_mention": _show(surf, joined), "right_mention": _show(surf, kept),
                    "canonical_id": key_unit[kept], "source": "judgement" if rule == "judgement" else "rule"})
    for k in sorted(key_unit):
        forms = surf.get(k, Counter())
        if len(forms) > 1:
            best = _show(surf, k)
            for s in sorted(forms):
                if s != best:
                    out.append({"kind": "unit", "rule": "normalized_name",
                                "confidence": confidence("unit", "normalized_name"), "left_mention": s,
                                "right_mention": best, "canonical_id": key_unit[k], "source": "rule"})
    return out
