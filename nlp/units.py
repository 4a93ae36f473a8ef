"""Organisations: every named unit with its fullest name, aliases and parent.

Mentions (nlp.unit_mentions) are resolved against the document (a bare "Cục" is the article's Cục,
"UBND tỉnh" the province's, a bare "Đảng ủy" the main unit's) and merged across case, abbreviation
and place variants; the fullest form is the name, the other printed forms are aliases."""
from __future__ import annotations

from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field

from nlp.context import DocContext
from nlp.lexicon import load_lexicon
from nlp.normalize import norm_key
from nlp.records import Unit
from nlp.registry import stage
from nlp.segment import Token
from nlp.unit_lexicon import expand_abbreviations, lexicon, unit_key
from nlp.unit_mentions import Mention, level_at, parse_at, scan_mentions, sub_rank

__all__ = ["UnitAnalysis", "analyze", "find_units", "full_name", "lexicon", "parse_at", "unit_key"]

_PARTY_SIBLING = {"Đảng ủy": "Đảng bộ", "Đảng bộ": "Đảng ủy"}    # one Party organisation, two names
_TOP_LEVEL = {"Chính phủ", "Quốc hội", "Đảng Cộng sản Việt Nam", "Nhà nước"}


@dataclass
class UnitAnalysis:
    """Units of one document and how to resolve a printed unit phrase to one of them."""
    units: list[Unit]
    by_key: dict[str, Unit]
    main_by_kind: dict[str, Unit]
    main: Unit | None
    province: str | None
    district: str | None
    admin: bool = False
    mentions: list[Mention] = field(default_factory=list)

    def lookup(self, s: str | None) -> Unit | None:
        return None if not s else self.by_key.get(unit_key(s))

    def of_kind(self, kinds) -> Unit | None:
        for k in kinds:
            if k in self.main_by_kind:
                return self.main_by_kind[k]
        return None


def _bare_name(m: Mention, ctx_main: dict, province, district) -> str | None:
    """Full name for a mention printed without one ("Huyện ủy", "UBND tỉnh", "Cục"), or None."""
    h = m.head
    if h is None:
        return None
    if m.bare:
        if h.bare == "self":
            place = province if h.scope == "province" else district
            return f"{h.text} {place}" if place else h.text
        if h.bare == "main" or (h.bare is None and not h.owner):
            u = ctx_main.get(h.kind)
            return u.name if u else None
        return None
    if m.level_word and not m.place and not m.named:
        lvl = m.level_word.lower()
        place = province if lvl in ("tỉnh", "thành phố") else district if lvl in ("huyện", "quận", "thị xã") else None
        return f"{h.text} {lvl} {place}" if place else f"{h.text} {lvl}"
    return None


def full_name(m: Mention, main: dict, province, district) -> str | None:
    if m.known:
        return m.known.name
    if m.as_printed:
        name = expand_abbreviations(m.printed)
        if not m.place and m.level_word:
            place = province if m.level_word in ("tỉnh", "thành phố") else district
            name += f" {place}" if place else ""
        return name
    h = m.head
    if m.inner is not None:
        inner = full_name(m.inner, main, province, district)
        return f"{h.text} {inner}" if inner else None
    b = _bare_name(m, main, province, district)
    if b is not None or m.bare:
        return b
    sector = m.sector
    if sector:
        name = f"{h.text} {sector}"
        if m.level_word:
            name += f" {m.level_word}" + (f" {m.place}" if m.place else "")
        elif m.place:
            name += " " + m.printed.split(sector.split()[-1], 1)[-1].strip() if sector.split()[-1] in m.printed \
                else f" {m.place}"
        return name
    # head + printed tail, abbreviations in the head expanded ("UBND huyện Phong Thổ")
    first = m.printed.split()[0]
    rest = m.printed[len(first):]
    levels = {w for seq, _ in sum(lexicon().levels.values(), []) for w in seq}
    if rest.isupper() and any(w.lower() in levels for w in rest.split()):   # "UBND TỈNH BÌNH PHƯỚC"
        rest = " ".join(w.lower() if w.lower() in levels else w.capitalize() for w in rest.split())
        rest = " " + rest
    name = expand_abbreviations(first) + rest if first.isupper() and first in lexicon().expand else m.printed
    if m.level_word and not m.place and name.endswith(" " + m.level_word):
        # "Ủy ban MTTQ Việt Nam tỉnh" -> "... tỉnh Quảng Trị": the document's province (district)
        place = province if m.level_word in ("tỉnh", "thành phố") else \
            district if m.level_word in ("huyện", "quận", "thị xã") else None
        name += f" {place}" if place else ""
    return _with_party_place(name, province, district)


def _with_party_place(name: str, province: str | None, district: str | None) -> str:
    """"Ban Tổ chức Tỉnh ủy" -> "Ban Tổ chức Tỉnh ủy Lào Cai": a name ending in a bare Party committee
    takes the document's province (district)."""
    for head, scope in SELF_SCOPED.items():
        if name.endswith(" " + head):
            place = province if scope == "province" else district
            return f"{name} {place}" if place else name
    return name


SELF_SCOPED = {"Tỉnh ủy": "province", "Thành ủy": "province", "Huyện ủy": "district", "Quận ủy": "district",
               "Thị ủy": "district", "Tỉnh đoàn": "province", "Thành đoàn": "province", "Huyện đoàn": "district"}


def _province_of(ctx: DocContext, mentions: list[Mention], tokens: list[Token]) -> tuple[str | None, str | None]:
    """The province (ctx.province, else the most printed "tỉnh X") and district ("huyện X") of the document."""
    places: Counter = Counter()
    for i, t in enumerate(tokens):
        if t.text[0].islower() and not ctx.in_furniture(t.start):
            lvl = level_at(tokens, i)
            if lvl and lvl[2]:
                scope = "p" if lvl[1] in ("tỉnh", "thành phố") else "d" if lvl[1] in ("huyện", "quận", "thị xã") else None
                if scope:
                    places[(scope, lvl[2])] += 1
    for m in _walk(mentions):   # provinces printed without a level word ("Sở Xây dựng TP.HCM")
        if m.place and m.place in lexicon().places and m.level_word is None:
            places[("p", m.place)] += 1
    district = max(((c, p) for (lv, p), c in places.items() if lv == "d"), default=(0, None))[1]
    prov = ctx.province or max(((c, p) for (lv, p), c in places.items() if lv == "p"), default=(0, None))[1]
    return prov, district


def _walk(mentions):
    for m in mentions:
        x = m
        while x is not None:
            yield x
            if x.parent is not None:
                yield x.parent
            x = x.inner


def analyze(ctx: DocContext) -> UnitAnalysis:
    """All units of the document (cached on the context for the people recognizer)."""
    if ctx.unit_analysis is not None:
        return ctx.unit_analysis
    tokens = ctx.tokens
    mentions = scan_mentions(ctx, tokens)
    province, district = _province_of(ctx, mentions, tokens)
    if province and ctx.province is None:
        ctx.province = province

    # pass 1: named mentions give the document's units of each kind
    counts: Counter = Counter()
    first_of: dict[str, Mention] = {}
    for m in _walk(mentions):
        if m.known is None and m.bare:
            continue
        name = full_name(m, {}, province, district)
        if name:
            counts[(m.kind, unit_key(name))] += 1
            first_of.setdefault(unit_key(name), m)
    main_by_kind: dict[str, Unit] = {}
    for (kind, key), c in counts.most_common():
        if kind and kind not in main_by_kind:
            mm = first_of[key]
            main_by_kind[kind] = Unit(name=full_name(mm, {}, province, district), kind=kind)

    # pass 2: resolve every mention, merge by key
    groups: dict[str, dict] = {}
    order: list[str] = []
    admin = ctx.kind != "news"

    def add(m: Mention, name: str, parent_name: str | None):
        key = unit_key(name)
        into = m.merge_into
        if into and unit_key(into) in groups:
            # "Trung ương Hội Nông dân Việt Nam": the association's central level is the association
            g = groups[unit_key(into)]
            for form in (name, m.printed):
                if form and form not in g["forms"]:
                    g["forms"].append(form)
            g["spans"].append((m.start, m.end))
            g["n"] += 1
            m.name = into
            return
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"names": Counter(), "forms": [], "parent": None, "kind": m.kind,
                               "level": m.level, "spans": [], "hard": False, "n": 0,
                               "known": m.known is not None, "rule": m.rule}
            order.append(key)
        g["names"][name] += 1
        g["n"] += 1
        g["hard"] = g["hard"] or m.hard_end or m.known is not None
        if m.printed and m.printed not in g["forms"]:
            g["forms"].append(m.printed)
        if m.paren_alias and m.paren_alias not in g["forms"]:
            g["forms"].append(m.paren_alias)
        g["spans"].append((m.start, m.end))
        if parent_name and not g["parent"]:
            g["parent"] = parent_name
        m.name = name

    def resolve(m: Mention, outer_parent: str | None = None) -> str | None:
        inner_name = resolve(m.inner) if m.inner is not None else None
        parent_name = resolve(m.parent) if m.parent is not None else None
        name = full_name(m, main_by_kind, province, district)
        if name is None and m.bare and m.head is not None and m.head.level == "party" and m.head.owner:
            # a bare Party body ("Đảng ủy", "Đảng bộ") is the document's named one of that kind, else the
            # one of the document's main unit
            same = main_by_kind.get(m.head.kind)
            if same is not None and counts.get((m.head.kind, unit_key(same.name)), 0) < 2:
                same = None     # named once only: the main unit's body is the likelier reading
            main = _main_unit(main_by_kind, counts, first_of, province, district)
            org = _party_organisation(m.head.kind, main_by_kind)
            if same is not None:
                name, inner_name = same.name, None
            elif org is not None:
                # "Đảng bộ X tổ chức đại hội ... Bí thư Đảng ủy": the committee of the Party organisation named
                name, inner_name = f"{m.head.text} {org}", org
            elif main:
                name = f"{m.head.text} {main}"
                inner_name = main
        if name is None and m.bare and admin and m.head is not None and m.head.text == "Văn phòng":
            main = _main_unit(main_by_kind, counts, first_of, province, district)
            if main:
                name = f"Văn phòng {main}"
                inner_name = main
        if name is None:
            return None
        if m.head is not None and m.head.text == "Trung ương" and inner_name and m.inner is not None \
                and m.inner.head is not None and m.inner.head.level == "union":
            m.merge_into = inner_name
        elif m.head is not None and m.head.text == "Trung ương" and name == "Trung ương Hội":
            national = [g["names"].most_common(1)[0][0] for g in groups.values() if g["names"]
                        and g["level"] == "union" and g["names"].most_common(1)[0][0].startswith("Hội ")
                        and g["names"].most_common(1)[0][0].endswith(" Việt Nam")]
            if len(national) == 1:  # "Trung ương Hội": the national association the text names
                m.merge_into = national[0]
        if m.known is not None:
            parent = m.known.parent
        else:
            parent = inner_name or parent_name or _default_parent(m, province)
        add(m, name, parent)
        return name

    for m in mentions:
        resolve(m)

    # soft-ended names ("Cục X tổ chức") fold into a certain one they extend
    keys = list(order)
    for key in keys:
        g = groups.get(key)
        if g is None:
            continue
        best = None
        for other in keys:
            og = groups.get(other)
            if other != key and og is not None and og["hard"] and key.startswith(other + " ") \
                    and (not g["hard"] or _lower_tail(g, key, other)) and (best is None or len(other) > len(best)):
                best = other
        if best:
            og = groups[best]
            og["spans"] += g["spans"]
            og["n"] += g["n"]
            del groups[key]

    # "Sở Y tế" and "Sở Y tế tỉnh Thanh Hóa" in one document: one unit, the place-less form an alias
    place_keys = {norm_key(p) for p in lexicon().places} | {norm_key(x) for x in (province, district) if x}
    for key in list(groups):
        if groups[key]["known"]:
            continue            # a national body ("Bộ đội Biên phòng") is not its provincial branch
        longer = [o for o in groups if o != key and o.startswith(key + " ") and o[len(key) + 1:] in place_keys]
        if len(longer) > 1 and province:    # "Sở Nội vụ tỉnh Hậu Giang" beside the document's own province
            longer = [o for o in longer if o[len(key) + 1:] == norm_key(province)]
        if len(longer) == 1:
            og, g = groups[longer[0]], groups.pop(key)
            og["spans"] += g["spans"]
            og["forms"] += [f for f in g["forms"] if f not in og["forms"]]
            og["n"] += g["n"]

    # "Công ty Than X" and "Công ty Than X - TKV" (the group's abbreviation after a dash): one unit
    for key in list(groups):
        longer = [o for o in groups if o.startswith(key + " - ") and len(o[len(key) + 3:].split()) == 1
                  and any(f.split()[-1].isupper() and len(f.split()[-1]) > 1 for f in groups[o]["forms"])]
        if len(longer) == 1 and key in groups:
            og, g = groups[longer[0]], groups.pop(key)
            og["spans"] += g["spans"]
            og["forms"] += [f for f in g["forms"] if f not in og["forms"]]
            og["n"] += g["n"]

    # "Tổng công ty X - Công ty cổ phần" and "Tổng công ty X": one company, the legal form printed or not
    forms = tuple(norm_key(f) for f in lexicon().legal_forms)
    for key in list(groups):
        longer = [o for o in groups if any(o == f"{key} - {f}" or o == f"{key} {f}" for f in forms)]
        if len(longer) == 1 and key in groups:
            og, g = groups[longer[0]], groups.pop(key)
            og["spans"] += g["spans"]
            og["forms"] += [f for f in [*g["names"], *g["forms"]] if f not in og["forms"]]
            og["n"] += g["n"]

    units: list[Unit] = []
    by_key: dict[str, Unit] = {}
    for key in order:
        g = groups.get(key)
        if g is None:
            continue
        name = _pick_name(g["names"])
        aliases = [f for f in g["forms"] if norm_key(f) != norm_key(name)]
        seen = set()
        aliases = [a for a in aliases if not (norm_key(a) in seen or seen.add(norm_key(a)))]
        parent = g["parent"]
        if parent and unit_key(parent) == key:
            parent = None
        u = Unit(name=name, aliases=aliases, parent=parent, kind=g["kind"], level=g["level"],
                 spans=sorted(set(g["spans"])), rule=g["rule"])
        units.append(u)
        by_key[key] = u
        for a in aliases:
            by_key.setdefault(unit_key(a), u)
    for kind, u in list(main_by_kind.items()):
        main_by_kind[kind] = by_key.get(unit_key(u.name), u)
    for u in units:   # parents named by the lexicon's head defaults: use the document's form when it has one
        if u.parent:
            pu = by_key.get(unit_key(u.parent))
            u.parent = pu.name if pu else u.parent
        elif u.kind in ("Vụ", "Cục", "Tổng cục") and u.level == "central":
            top = _ministry(units)
            if top is not None and top is not u:
                u.parent = top.name
        elif (owner := _self_scoped_tail(u.name)) is not None:
            pu = by_key.get(unit_key(owner))      # "Ban Tổ chức Tỉnh ủy X" belongs to "Tỉnh ủy X"
            u.parent = pu.name if pu else owner
        elif u.kind in ("Phòng", "Văn phòng", "Ban") and u.level not in ("party",):
            mainu = _main_unit(main_by_kind, counts, first_of, province, district)
            pu = by_key.get(unit_key(mainu)) if mainu else None
            if pu is not None and pu is not u and _may_contain(pu, u):
                u.parent = pu.name
    for u in units:     # the unit-level hierarchy: a department never holds the organisation it belongs to
        pu = by_key.get(unit_key(u.parent)) if u.parent else None
        if pu is not None and not _may_contain(pu, u):
            u.parent = None
    mainname = _main_unit(main_by_kind, counts, first_of, province, district)
    res = UnitAnalysis(units=units, by_key=by_key, main_by_kind=main_by_kind,
                       main=by_key.get(unit_key(mainname)) if mainname else None,
                       province=province, district=district, admin=admin, mentions=mentions)
    ctx.unit_analysis = res
    return res


def _lower_tail(g: dict, key: str, shorter: str) -> bool:
    """A certain-looking name that is a shorter unit plus 1-3 lower-case words ("Bộ Tư pháp hưởng ứng")."""
    extra = key[len(shorter):].split()
    if not 1 <= len(extra) <= 3:
        return False
    for f in g["forms"]:
        words = f.split()[-len(extra):]
        if [w.lower() for w in words] == extra and all(w[0].islower() for w in words):
            return True
    return False


def _pick_name(names: Counter) -> str:
    """Fullest form: no abbreviation left, then the most frequent, then the longest."""
    def score(item):
        name, c = item
        abbrev = expand_abbreviations(name) != name
        return (not abbrev, len(expand_abbreviations(name)), c)
    best = max(names.items(), key=score)[0]
    return expand_abbreviations(best)


def _main_unit(main_by_kind, counts, first_of, province, district) -> str | None:
    """The unit the document is about: the most mentioned named unit below the national top level."""
    best = None
    for (kind, key), c in counts.most_common():
        m = first_of[key]
        if m.known is not None:
            continue
        if m.head is not None and m.head.level in ("party", "union"):
            continue
        name = full_name(m, main_by_kind, province, district)
        if m.head is not None and m.head.kind in ("Ban", "Phòng", "Vụ", "Khoa") and (
                m.parent is not None or any(f" {h} " in f"{name} " for h in SELF_SCOPED)):
            continue            # a department of a unit printed with it is not what the document is about
        best = name
        break
    return best


def _party_organisation(kind: str, main_by_kind: dict) -> str | None:
    """The organisation of the document's named Party organisation ("Đảng bộ Bộ đội Biên phòng tỉnh X" ->
    "Bộ đội Biên phòng tỉnh X"), for a bare Party body of `kind`; not a province's or district's own
    (their committees are "Tỉnh ủy", "Huyện ủy")."""
    if kind not in _PARTY_SIBLING:
        return None
    for sibling in (_PARTY_SIBLING[kind],):
        u = main_by_kind.get(sibling)
        if u is not None and u.name.startswith(sibling + " "):
            org = u.name[len(sibling) + 1:]
            if not org.lower().startswith(("tỉnh", "thành phố", "huyện", "quận", "thị xã")):
                return org
    return None


@lru_cache(maxsize=1)
def _known_unit_keys() -> frozenset[str]:
    return frozenset(unit_key(u["name"]) for u in load_lexicon("known_units.toml").get("unit", []))


def _rank(u: Unit) -> int:
    """How deep `u` sits inside an organisation: 0 for an organisation (a national body from
    known_units.toml such as "Văn phòng Chính phủ" is one, whatever its head noun)."""
    return 0 if unit_key(u.name) in _known_unit_keys() else sub_rank(u.kind)


def _may_contain(parent: Unit, child: Unit) -> bool:
    """`parent` may hold `child`: departments (unit_heads.toml `sub_rank`) sit inside organisations and
    shallower departments ("Phòng" inside "Ban"), never the other way."""
    rp, rc = _rank(parent), _rank(child)
    return not rp or rp < rc


def _self_scoped_tail(name: str) -> str | None:
    """The Party committee a department name ends with ("Ban Tuyên giáo Tỉnh ủy Hà Tĩnh" -> "Tỉnh ủy Hà Tĩnh")."""
    for h in SELF_SCOPED:
        at = name.find(f" {h}")
        if at > 0 and (at + len(h) + 1 == len(name) or name[at + len(h) + 1] == " "):
            return name[at + 1:]
    return None


def _ministry(units: list[Unit]) -> Unit | None:
    cands = [u for u in units if u.kind == "Bộ" or u.name == "Văn phòng Chính phủ"]
    return cands[0] if len(cands) == 1 else None


def _default_parent(m: Mention, province: str | None) -> str | None:
    h = m.head
    if h is None or not h.parent:
        return None
    if h.parent == "Ủy ban nhân dân tỉnh" and province:
        return f"Ủy ban nhân dân tỉnh {province}"
    return h.parent


@stage("units", writes="units")
def find_units(ctx: DocContext) -> list[Unit]:
    return list(analyze(ctx).units)
