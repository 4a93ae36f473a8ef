"""Organisations: every named unit with its fullest name, aliases and parent.

Mentions (nlp.unit_mentions) are resolved against the document (a bare "Cục" is the article's Cục,
"UBND tỉnh" the province's, a bare "Đảng ủy" the main unit's) and merged across case, abbreviation
and place variants; the fullest form is the name, the other printed forms are aliases."""
from __future__ import annotations

import bisect
import re
from collections import Counter
from functools import lru_cache
from dataclasses import dataclass, field

from nlp.context import DocContext
from nlp.lexicon import load_lexicon, phrase_alternation
from nlp.normalize import norm_key
from nlp.records import Unit
from nlp.registry import rule, stage
from nlp.segment import Token, tokenize
from nlp.sentences import sentence_start_before
from nlp.unit_lexicon import expand_abbreviations, lexicon, unit_key
from nlp.unit_mentions import Mention, level_at, parse_at, scan_mentions, sub_rank

ISSUER_UNIT = rule("units.issuer", "unit", "the issuer an administrative document's header prints (ỦY BAN NHÂN DÂN / TỈNH X)")

__all__ = ["UnitAnalysis", "analyze", "find_units", "full_name", "lexicon", "parse_at", "self_scoped", "unit_key"]



def _scope(level_word: str | None) -> str | None:
    """"province" for "tỉnh", "thành phố"; "district" for "huyện", "quận", "thị xã" (unit_heads.toml levels)."""
    return lexicon().level_scope.get(level_word) if level_word else None


def _place_of_level(level_word: str | None, province: str | None, district: str | None) -> str | None:
    scope = _scope(level_word)
    return province if scope == "province" else district if scope == "district" else None


def self_scoped() -> dict[str, str]:
    """Heads that are a unit by themselves, named by the place they govern ("Huyện ủy" -> "district")."""
    return lexicon().self_scoped


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
    by_span: dict[tuple[int, int], str] = field(default_factory=dict)   # a mention's extent -> its full name
    spans: list[tuple[int, int]] = field(default_factory=list)          # the keys of by_span, in text order
    places: list[tuple[int, str, str, str | None]] = field(default_factory=list)   # printed places, in text order

    def sentence_place(self, text: str, pos: int, scope: str) -> str | None:
        return sentence_place(self.places, text, pos, scope)

    def lookup(self, s: str | None) -> Unit | None:
        return None if not s else self.by_key.get(unit_key(s))

    def at(self, start: int, end: int) -> Unit | None:
        """The unit the mention printed at [start, end) was resolved to."""
        return self.lookup(self.by_span.get((start, end)))

    def last_of_kind(self, kinds, text: str, pos: int, within_item: bool = True) -> Unit | None:
        """The unit of one of `kinds` printed last before `pos` in the same sentence ("Bộ Xây dựng hiện có
        7 Thứ trưởng": the Thứ trưởng are the Bộ's), not across a ";" (the items of a list of people)
        unless `within_item` is False."""
        ends = _ITEM_END if within_item else _SENTENCE_END
        sent = max((x.end() for x in ends.finditer(text, max(0, pos - _CLAUSE_WINDOW), pos)), default=0)
        lo = bisect.bisect_left(self.spans, (sent,))
        hi = bisect.bisect_left(self.spans, (pos,))
        for start, end in reversed(self.spans[lo:hi]):
            u = self.at(start, end)
            if u is not None and u.kind in kinds:
                return u
        return None

    def of_kind(self, kinds) -> Unit | None:
        for k in kinds:
            if k in self.main_by_kind:
                return self.main_by_kind[k]
        return None


def sentence_place(places: list, text: str, pos: int, scope: str | None) -> str | None:
    """The place of `scope` ("province" | "district") a unit printed last before `pos` in the same
    sentence, from the printed places (in text order): "phê chuẩn ... Phó Chủ tịch UBND tỉnh X đối với ông
    A, Tỉnh ủy viên" -> the Tỉnh ủy of X (in a text about several provinces)."""
    sent = sentence_start_before(text, pos, _CLAUSE_WINDOW)
    lo, mid = (bisect.bisect_left(places, (x,)) for x in (sent, pos))
    before = [p[2] for p in places[lo:mid] if p[1] == scope]
    return before[-1] if before else None


def _bare_name(m: Mention, ctx_main: dict, province, district) -> str | None:
    """Full name for a mention printed without one ("Huyện ủy", "UBND tỉnh", "Cục"), or None."""
    h = m.head
    if h is None:
        return None
    if m.bare:
        if h.alone:
            return h.alone
        if h.bare == "self":
            place = province if h.scope == "province" else district
            return f"{h.text} {place}" if place else h.text
        if h.bare == "main" or (h.bare is None and not h.owner):
            u = ctx_main.get(h.kind)
            return u.name if u else None
        return None
    if m.level_word and not m.place and not m.named:
        lvl = m.level_word.lower()
        place = _place_of_level(lvl, province, district)
        return f"{h.text} {lvl} {place}" if place else f"{h.text} {lvl}"
    return None


def full_name(m: Mention, main: dict, province, district) -> str | None:
    if m.known:
        return m.known.name
    if m.as_printed:
        name = expand_abbreviations(m.printed)
        if not m.place and m.level_word:
            place = province if _scope(m.level_word) == "province" else district
            name += f" {place}" if place else ""
        return name
    h = m.head
    if m.inner is not None:
        inner = full_name(m.inner, main, province, district)
        return f"{h.text} {inner}" if inner else None
    if m.shared_level and h is not None:
        place = m.place or _place_of_level(m.level_word, province, district)
        return f"{h.text} {m.level_word}" + (f" {place}" if place else "")
    b = _bare_name(m, main, province, district)
    if b is not None or m.bare:
        return b
    sector = m.sector
    if sector:
        name = f"{h.text} {sector}"
        if m.level_word:        # "Hội đồng Thi đua - Khen thưởng huyện": the document's district
            place = m.place or _place_of_level(m.level_word, province, district)
            name += f" {m.level_word}" + (f" {place}" if place else "")
        elif m.place:
            name += " " + m.printed.split(sector.split()[-1], 1)[-1].strip() if sector.split()[-1] in m.printed \
                else f" {m.place}"
        return name
    # head + printed tail, abbreviations in the head expanded ("UBND huyện Phong Thổ")
    if m.level_word and m.place and h is not None and _abbreviated_level(m.printed, h):
        return f"{h.text} {m.level_word} {m.place}"     # "UBND TX. Gò Công": the level word written out
    if m.printed[:1].islower() and h is not None and not h.abbr:      # "ủy ban nhân dân tỉnh X" in running text
        words = m.printed.split()
        return _with_party_place(" ".join([h.text, *words[len(h.text.split()):]]), province, district)
    first = m.printed.split()[0]
    rest = m.printed[len(first):]
    if first.endswith(".") and first[:-1] in lexicon().expand:
        first = first[:-1]          # "VP. Tỉnh ủy": the abbreviation's dot
    levels = {w for seq, _ in sum(lexicon().levels.values(), []) for w in seq}
    if rest.isupper() and any(w.lower() in levels for w in rest.split()):   # "UBND TỈNH BÌNH PHƯỚC"
        rest = " ".join(w.lower() if w.lower() in levels else w.capitalize() for w in rest.split())
        rest = " " + rest
    name = expand_abbreviations(first) + rest if first.isupper() and first in lexicon().expand else m.printed
    if m.level_word and not m.place and name.endswith(" " + m.level_word):
        # "Ủy ban MTTQ Việt Nam tỉnh" -> "... tỉnh Quảng Trị": the document's province (district)
        place = _place_of_level(m.level_word, province, district)
        name += f" {place}" if place else ""
    return _with_party_place(name, province, district)


def _abbreviated_level(printed: str, h) -> bool:
    """The level word after the head is printed as an abbreviation ("UBND TX. Gò Công")."""
    words = printed.split()
    n = 1 if h.abbr else len(h.text.split())
    abbr = words[n].rstrip(".") if len(words) > n else None
    return lexicon().level_abbreviations.get(abbr) not in (None, "thành phố")     # "TP. X" keeps its form


def _with_party_place(name: str, province: str | None, district: str | None) -> str:
    """"Ban Tổ chức Tỉnh ủy" -> "Ban Tổ chức Tỉnh ủy Lào Cai": a name ending in a bare Party committee
    takes the document's province (district)."""
    for head, scope in self_scoped().items():
        if name.endswith(" " + head):
            place = province if scope == "province" else district
            return f"{name} {place}" if place else name
    return name



def _level_places(ctx: DocContext, tokens: list[Token]) -> list[tuple[int, str, str, str | None]]:
    """(start, scope, place, level word) of every level phrase with its place ("tỉnh Lai Châu", "huyện
    Quỳ Châu") outside the furniture, in text order."""
    out = []
    for i, t in enumerate(tokens):
        if t.text[0].islower() and not ctx.in_furniture(t.start):
            lvl = level_at(tokens, i)
            scope = _place_scope(lvl[1], None, lvl[2]) if lvl and lvl[2] else None
            if scope in ("province", "district", "city"):
                out.append((t.start, scope, lvl[2], lvl[1]))
    return out


def _province_of(ctx: DocContext, mentions: list[Mention], level_places: list) -> tuple[str | None, str | None]:
    """The province (ctx.province, else the most printed "tỉnh X") and district ("huyện X") of the document."""
    places: Counter = Counter()
    for _, scope, place, _ in level_places:
        places[(scope[0], place)] += 1
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


@dataclass(slots=True)
class _Group:
    """The mentions of one unit (one comparison key) while the document is read."""
    kind: str | None
    level: str | None
    known: bool                       # a national body from the lexicon
    rule: str | None                  # the rule of the first mention
    names: Counter = field(default_factory=Counter)
    forms: list[str] = field(default_factory=list)
    spans: list[tuple[int, int]] = field(default_factory=list)
    parent: str | None = None
    hard: bool = False                # some mention had a certain extent
    n: int = 0

    def absorb(self, other: "_Group", forms: list[str]) -> None:
        self.spans += other.spans
        self.forms += [f for f in forms if f not in self.forms]
        self.n += other.n


@dataclass(slots=True)
class _Resolver:
    """The state of resolving one document's mentions into units."""
    ctx: DocContext
    mentions: list[Mention]
    province: str | None
    district: str | None
    counts: Counter = field(default_factory=Counter)          # (kind, key) -> named mentions
    first_of: dict[str, Mention] = field(default_factory=dict)
    main_by_kind: dict[str, Unit] = field(default_factory=dict)
    groups: dict[str, _Group] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)

    @property
    def admin(self) -> bool:
        return self.ctx.kind != "news"

    places: list[tuple[int, str, str, str | None]] = field(default_factory=list)   # _printed_places

    def full_name(self, m: Mention, main: dict | None = None) -> str | None:
        if m.bare and m.head is not None and m.head.bare == "level":
            # "Phó Chủ tịch HĐND, Trưởng đoàn ĐBQH thành phố Đà Nẵng": the level and place of the chain
            pick = _clause_place(self, m, None)
            return f"{m.head.text} {pick[3]} {pick[2]}" if pick and pick[3] else m.head.alone
        province, district = _local_places(self, m)
        return full_name(m, self.main_by_kind if main is None else main, province, district)

    def main_name(self) -> str | None:
        return _main_unit(self.main_by_kind, self.counts, self.first_of, self.province, self.district)


def analyze(ctx: DocContext) -> UnitAnalysis:
    """All units of the document (kept on the context for the people recognizer)."""
    if ctx.unit_analysis is not None:
        return ctx.unit_analysis
    mentions = scan_mentions(ctx, ctx.tokens)
    level_places = _level_places(ctx, ctx.tokens)
    province, district = _province_of(ctx, mentions, level_places)
    if province and ctx.province is None:
        ctx.province = province
    r = _Resolver(ctx, mentions, province, district,
                  places=sorted(set(_printed_places(mentions)) | set(_label_places(ctx)), key=_place_order))
    _count_named(r)
    for m in mentions:
        _resolve(r, m)
    for merge in _GROUP_MERGES:
        merge(r)
    units, by_key = _build_units(r)
    _add_issuer(ctx, units, by_key)
    for kind, u in list(r.main_by_kind.items()):
        r.main_by_kind[kind] = by_key.get(unit_key(u.name), u)
    _assign_parents(r, units, by_key)
    mainname = r.main_name()
    ctx.unit_analysis = UnitAnalysis(units=units, by_key=by_key, main_by_kind=r.main_by_kind,
                                     main=by_key.get(unit_key(mainname)) if mainname else None,
                                     province=province, district=district, admin=r.admin, mentions=mentions,
                                     by_span={(m.start, m.end): m.name for m in _walk(mentions) if m.name},
                                     places=sorted(set(r.places) | set(level_places), key=_place_order))
    ctx.unit_analysis.spans = sorted(ctx.unit_analysis.by_span)
    return ctx.unit_analysis


def _add_issuer(ctx: DocContext, units: list[Unit], by_key: dict[str, Unit]) -> None:
    """The issuer of an administrative document is a unit the text names (in its header, often in
    capitals the mention reader does not see), when it is a unit and not an office ("Thủ tướng Chính phủ")."""
    issuer = ctx.fields.issuer if ctx.fields is not None and ctx.kind != "news" else None
    if not issuer or unit_key(issuer) in by_key:
        return
    toks = tokenize(issuer)
    m = parse_at(issuer, toks, 0) if toks else None
    if m is None or m.tok_end != len(toks) or m.bare:
        return
    name = expand_abbreviations(issuer)
    u = Unit(name=name, aliases=[issuer] if name != issuer else [], kind=m.kind, level=m.level, rule=ISSUER_UNIT)
    units.append(u)
    by_key[unit_key(name)] = u


def _place_order(p: tuple[int, str, str, str | None]) -> tuple[int, str, str, str]:
    return p[0], p[1], p[2], p[3] or ""


def _place_scope(level_word: str | None, head, place: str) -> str | None:
    """The scope of a printed place: that of its level word, else of its committee ("Thị ủy X" -> district),
    else a province's; a city that is no centrally-run one is a "city" ("thành phố Móng Cái", "Thành ủy
    Móng Cái"), inside a province."""
    lx = lexicon()
    city = level_word in lx.city_levels if level_word else head is not None and head.text in lx.city_heads
    if city and place not in lx.central_cities:
        return "city"
    if level_word:
        return _scope(level_word)
    return head.scope if head is not None and head.scope else "province"


def _city_like(m: Mention) -> bool:
    """The mention names a city's body without its place ("Thành ủy", "HĐND thành phố")."""
    lx, x = lexicon(), m
    while x is not None:
        if x.level_word in lx.city_levels and not x.place \
                or x.bare and x.head is not None and x.head.text in lx.city_heads:
            return True
        x = x.inner
    return False


def _printed_places(mentions: list[Mention]) -> list[tuple[int, str, str, str | None]]:
    """(start, scope, place, level word) of every mention that prints its place ("UBND tỉnh Lai Châu" ->
    province, "HĐND huyện Quỳ Châu" -> district), in text order."""
    out = []
    for m in _walk(mentions):
        if m.place:
            scope = _place_scope(m.level_word, m.head, m.place)
            if scope in ("province", "district", "city"):
                out.append((m.start, scope, m.place, m.level_word))
    return sorted(set(out), key=lambda p: (p[0], p[1], p[2], p[3] or ""))


_LABEL = re.compile(r"(?m)^[ \t]*(?:[-*•+][ \t]*)?([^\W\d_][^:\n]{1,30}?)[ \t]*:")


def _label_places(ctx: DocContext) -> list[tuple[int, str, str, str | None]]:
    """Provinces printed as the label of a paragraph ("* Vĩnh Phúc: bầu ông A giữ chức Chủ tịch HĐND tỉnh; ..."):
    the place of that paragraph's units."""
    provinces = {norm_key(p): p for p in lexicon().places}
    out = []
    for m in _LABEL.finditer(ctx.text):
        place = provinces.get(norm_key(m.group(1)))
        if place is not None and not ctx.in_furniture(m.start(1)):
            out.append((m.start(1), _place_scope(None, None, place), place, None))
    return out


_CLAUSE_END = re.compile(r"[.;!?\n]")
_ITEM_END = re.compile(r"[.!?](?=\s)|\n|;")
_SENTENCE_END = re.compile(r"[.!?](?=\s)|\n")
_CLAUSE_WINDOW = 400
_PLACE_AFTER, _PLACE_BEFORE = 120, 60      # how far one office chain runs from its place


@lru_cache(maxsize=None)
def _office_words_re(key: str) -> re.Pattern:
    """The words of offices.toml's list `key` as whole words, case-blind."""
    words = load_lexicon("offices.toml").get(key, ())
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(x) for x in sorted(words, key=len, reverse=True))
                      + r")(?!\w)", re.IGNORECASE)


def _link_re() -> re.Pattern:
    """The words that move from one office to another ("nay là", "giữ chức"): a place before them is
    that of another office."""
    return _office_words_re("links")


@lru_cache(maxsize=1)
def _next_person_re() -> re.Pattern:
    """The opening of the next person of a list: ", ông", "; bà", " và thiếu tá" (honorifics.toml)."""
    hon = load_lexicon("honorifics.toml")
    words = phrase_alternation({*hon["honorifics"], *hon["ranks"]})
    return re.compile(rf"(?:\svà|[,;])\s+(?:{words})\s+(?=\w)", re.IGNORECASE)


def _linked(text: str, a: int, b: int) -> bool:
    """Between a and b the text moves to another office ("nay là", "giữ chức") or to the next person of a
    list ("Phó Giám đốc Công an tỉnh và thiếu tá A, ... Công an TP.HCM": the city is A's)."""
    if _link_re().search(text, a, b) is not None:
        return True
    return any(x.end() < len(text) and text[x.end()].isupper() for x in _next_person_re().finditer(text, a, b))


def _scope_needed(m: Mention) -> str | None:
    """The level of place a mention names without printing it: "HĐND tỉnh" -> province, "Huyện ủy" ->
    district, "Ban Tổ chức Tỉnh ủy" -> province (its inner unit's)."""
    x = m
    while x is not None:
        if x.level_word and not x.place:
            return _scope(x.level_word)
        if x.bare and x.head is not None and x.head.bare == "self":
            return x.head.scope
        x = x.inner
    for head, scope in self_scoped().items():
        if m.printed.endswith(" " + head):
            return scope
    return None


def _local_places(r: "_Resolver", m: Mention) -> tuple[str | None, str | None]:
    """The province and district a mention without a place stands in: the place another unit of the same
    clause prints at that level ("Bí thư Huyện ủy, Chủ tịch HĐND huyện Quỳ Châu"; "nguyên Bí thư Tỉnh
    ủy, Trưởng đoàn ĐBQH tỉnh Bình Thuận"), the one after it first; else the document's. A city's body in
    a province's text stands in the city the clause, else the document, names (as its "province")."""
    scope = _scope_needed(m)
    if scope == "province" and r.province not in lexicon().central_cities and _city_like(m):
        scope = "city"          # "Thành ủy" in a province's text: a city inside it, never the province
    pick = _clause_place(r, m, scope) if scope is not None else None
    if pick is None and scope in ("province", "district") and len({p[2] for p in r.places if p[1] == scope}) > 1:
        # a text about several provinces: the one its sentence printed last ("Tại kỳ họp HĐND tỉnh X, ông A,
        # Phó Bí thư Tỉnh ủy, được bầu làm Chủ tịch HĐND tỉnh")
        pick = _item_place(r, m, scope)
    if pick is None and scope == "city" and len({p[2] for p in r.places if p[1] == "province"}) > 1:
        pick = _item_place(r, m, "province")        # "* Hải Phòng: ... Chủ tịch HĐND thành phố"
        pick = pick if pick is not None and pick[2] in lexicon().central_cities else None
    if pick is None:
        return (_one_city(r), r.district) if scope == "city" else (r.province, r.district)
    return (pick[2], r.district) if scope in ("province", "city") else (r.province, pick[2])


def _item_place(r: "_Resolver", m: Mention, scope: str) -> tuple | None:
    """The place of `scope` printed last before the mention in its sentence, else in its paragraph; not that of
    an office held before ("nguyên Giám đốc Sở X tỉnh A", "... tỉnh A, nay là ...")."""
    text = r.ctx.text
    sentence = sentence_start_before(text, m.start, _CLAUSE_WINDOW)
    lo = max(0, m.start - _PARAGRAPH_WINDOW)
    paragraph = text.rfind("\n", lo, m.start) + 1 or lo
    for a in (sentence, paragraph):
        lo, hi = bisect.bisect_left(r.places, (a,)), bisect.bisect_left(r.places, (m.start,))
        for p in reversed(r.places[lo:hi]):
            if p[1] != scope or _FORMER_OFFICE.search(text, a, p[0]):
                continue        # "nguyên Bí thư Tỉnh ủy Yên Bái, ...": the place of an office held before
            return p if _now_re().search(text, p[0], m.start) is None else None
    return None


_PARAGRAPH_WINDOW = 1200


_FORMER_OFFICE = re.compile(r"(?<!\w)nguyên\s[^,;.\n]*$", re.IGNORECASE)


def _now_re() -> re.Pattern:
    """The words that move from a former office to the one held now ("nay là", "hiện là"): the place of the
    former is not that of the present one."""
    return _office_words_re("own_links")


def _one_city(r: "_Resolver") -> str | None:
    """The one city (not centrally run) the document prints, else None."""
    cities = {p[2] for p in r.places if p[1] == "city"}
    return cities.pop() if len(cities) == 1 else None


def _clause_place(r: "_Resolver", m: Mention, scope: str | None) -> tuple | None:
    """The printed place of `scope` (any when None) nearest the mention in its clause: the first after it
    within an office chain's reach, else the last just before it; none across "nay là", "giữ chức"."""
    if not r.places:
        return None
    text = r.ctx.text
    a = max((x.end() for x in _CLAUSE_END.finditer(text, max(0, m.start - _CLAUSE_WINDOW), m.start)), default=0)
    nxt = _CLAUSE_END.search(text, m.end, m.end + _CLAUSE_WINDOW)
    b = nxt.start() if nxt else min(len(text), m.end + _CLAUSE_WINDOW)
    lo = bisect.bisect_left(r.places, (a,))
    hi = bisect.bisect_left(r.places, (b,))
    near = [p for p in r.places[lo:hi] if (scope is None or p[1] == scope) and p[0] != m.start]
    after = [p for p in near if m.start < p[0] <= m.end + _PLACE_AFTER and not _linked(text, m.end, p[0])]
    before = [p for p in near if m.start - _PLACE_BEFORE <= p[0] < m.start and not _linked(text, p[0], m.start)]
    return after[0] if after else before[-1] if before else None


def _count_named(r: _Resolver) -> None:
    """Named mentions give the document's unit of each kind (the most printed one)."""
    for m in _walk(r.mentions):
        if m.known is None and m.bare:
            continue
        name = r.full_name(m, {})
        if name:
            r.counts[(m.kind, unit_key(name))] += 1
            r.first_of.setdefault(unit_key(name), m)
    for (kind, key), _ in r.counts.most_common():
        if kind and kind not in r.main_by_kind:
            r.main_by_kind[kind] = Unit(name=r.full_name(r.first_of[key], {}), kind=kind)


def _resolve(r: _Resolver, m: Mention, record: bool = True) -> str | None:
    """The full name of a mention (its inner and parent units first), recorded in its group (unless
    `record` is False: an organisation printed only inside its committee's name)."""
    led = m.head is not None and m.inner is not None \
        and m.inner.kind == lexicon().committee_of.get(m.head.text, "")
    inner_name = _resolve(r, m.inner, record=not led) if m.inner is not None else None
    parent_name = _resolve(r, m.parent) if m.parent is not None else None
    name = r.full_name(m)
    if name is None and m.bare:
        name, inner_name = _bare_party_body(r, m) or _bare_office(r, m) or (None, inner_name)
    if name is None:
        return None
    m.merge_into = _standing_office_of(m, inner_name) or _central_level_of(r, m, name, inner_name)
    parent = m.known.parent if m.known is not None else inner_name or parent_name or _default_parent(m, r.province)
    if record:
        _add(r, m, name, parent)
    else:
        m.name = name
    return name


def _bare_party_body(r: _Resolver, m: Mention) -> tuple[str, str | None] | None:
    """A bare Party body ("Đảng ủy", "Đảng bộ"): the document's named one of that kind (named twice or
    more), else the committee of the Party organisation the document names ("Đảng bộ X ... Bí thư Đảng
    ủy"), else the body of the document's main unit."""
    h = m.head
    if h is None or h.level != "party" or not h.owner:
        return None
    same = r.main_by_kind.get(h.kind)
    if same is not None and r.counts.get((h.kind, unit_key(same.name)), 0) >= 2:
        return same.name, None
    org = _party_organisation(h.kind, r.main_by_kind)
    if org is not None:
        return f"{h.text} {org}", org
    main = r.main_name()
    return (f"{h.text} {main}", main) if main else None


def _bare_office(r: _Resolver, m: Mention) -> tuple[str, str] | None:
    """A bare "Văn phòng" in an administrative document: the office of the document's main unit."""
    if not r.admin or m.head is None or m.head.text != "Văn phòng" or m.head.abbr:   # "Lưu: VT, VP": a filing note
        return None
    main = r.main_name()
    return (f"Văn phòng {main}", main) if main else None


def _standing_office_of(m: Mention, inner_name: str | None) -> str | None:
    """"Thường trực Tỉnh ủy X" is named as "Tỉnh ủy X" (its printed form an alias)."""
    if m.head is not None and m.head.text in lexicon().standing_heads and m.inner is not None and inner_name:
        return inner_name
    return None


def _central_level_of(r: _Resolver, m: Mention, name: str, inner_name: str | None) -> str | None:
    """"Trung ương Hội Nông dân Việt Nam" is the association itself; a bare "Trung ương Hội" is the one
    national association the document names."""
    if m.head is None or m.head.text != "Trung ương":
        return m.merge_into
    if inner_name and m.inner is not None and m.inner.head is not None and m.inner.head.level == "union":
        return inner_name
    if name == "Trung ương Hội":
        national = [top for g in r.groups.values() if g.names and g.level == "union"
                    for top in [g.names.most_common(1)[0][0]] if top.startswith("Hội ") and top.endswith(" Việt Nam")]
        if len(national) == 1:
            return national[0]
    return m.merge_into


def _add(r: _Resolver, m: Mention, name: str, parent_name: str | None) -> None:
    into = m.merge_into
    if into and unit_key(into) in r.groups:
        g = r.groups[unit_key(into)]
        g.forms += [f for f in dict.fromkeys((name, m.printed)) if f and f not in g.forms]
        g.spans.append((m.start, m.end))
        g.n += 1
        m.name = into
        return
    key = unit_key(name)
    g = r.groups.get(key)
    if g is None:
        g = r.groups[key] = _Group(kind=m.kind, level=m.level, known=m.known is not None, rule=m.rule)
        r.order.append(key)
    g.names[name] += 1
    g.n += 1
    g.hard = g.hard or m.hard_end or m.known is not None
    for form in (m.printed, m.paren_alias):
        if form and form not in g.forms:
            g.forms.append(form)
    g.spans.append((m.start, m.end))
    if parent_name and not g.parent:
        g.parent = parent_name
    m.name = name


def _word_prefixes(key: str):
    """The keys a longer key extends by whole words, longest first ("cục x y" -> "cục x", "cục")."""
    at = key.rfind(" ")
    while at > 0:
        yield key[:at]
        at = key.rfind(" ", 0, at)


def _merge_soft_ended(r: _Resolver) -> None:
    """A name that ended at a stop word ("Cục X tổ chức") folds into the longest certain name it extends."""
    for key in list(r.order):
        g = r.groups.get(key)
        if g is None:
            continue
        best = next((o for o in _word_prefixes(key) if o in r.groups and r.groups[o].hard
                     and (not g.hard or _lower_tail(g, key, o))), None)
        if best:
            og = r.groups[best]
            og.spans += g.spans
            og.n += g.n
            del r.groups[key]


def _merge_cut_short(r: _Resolver) -> None:
    """A name that ended at a stop word and is the start of exactly one longer name of the document ("Tiểu ban
    nhân sự ngày 13/3" beside "Tiểu ban nhân sự Đại hội XIV") is that unit, printed short."""
    index = _longer_by_suffix(r, lambda k: [p for p in _word_prefixes(k) if " " in p])
    for key in list(r.groups):
        g = r.groups.get(key)
        if g is None or g.hard or g.known:
            continue
        longer = [o for o in index.get(key, ()) if o in r.groups]
        if len(longer) == 1:
            r.groups.pop(key)
            r.groups[longer[0]].absorb(g, g.forms)


def _longer_by_suffix(r: _Resolver, suffix_of) -> dict[str, list[str]]:
    """shorter key -> the group keys that are it plus a suffix `suffix_of(key)` recognises."""
    out: dict[str, list[str]] = {}
    for key in r.groups:
        for shorter in suffix_of(key):
            out.setdefault(shorter, []).append(key)
    return out


def _merge_placeless(r: _Resolver) -> None:
    """"Sở Y tế" and "Sở Y tế tỉnh Thanh Hóa" ("Ban Chấp hành Đảng bộ" and "Ban Chấp hành Đảng bộ tỉnh") in one
    document: one unit, the place-less form an alias."""
    place_keys = {norm_key(p) for p in lexicon().places} | {norm_key(x) for x in (r.province, r.district) if x}
    levels = {norm_key(w) for w in lexicon().level_scope}

    def place_suffix(suffix: str) -> bool:     # "X", "tỉnh", "tỉnh X": a place, a level, or both
        word = next((w for w in levels if suffix == w or suffix.startswith(w + " ")), None)
        return suffix in place_keys or word is not None and (suffix == word or suffix[len(word) + 1:] in place_keys)
    index = _longer_by_suffix(r, lambda k: [p for p in _word_prefixes(k) if place_suffix(k[len(p) + 1:])])
    for key in list(r.groups):
        if r.groups[key].known:
            continue            # a national body ("Bộ đội Biên phòng") is not its provincial branch
        longer = [o for o in index.get(key, ()) if o in r.groups]
        if len(longer) > 1 and r.province:    # "Sở Nội vụ tỉnh Hậu Giang" beside the document's own province
            longer = [o for o in longer if o[len(key) + 1:] == norm_key(r.province)]
        if len(longer) == 1:
            g = r.groups.pop(key)
            r.groups[longer[0]].absorb(g, g.forms)


def _merge_group_suffix(r: _Resolver) -> None:
    """"Công ty Than X" and "Công ty Than X - TKV" (the group's abbreviation after a dash): one unit."""
    def shorter(k: str) -> list[str]:
        base, _, last = k.rpartition(" - ")
        return [base] if base and len(last.split()) == 1 else []
    index = _longer_by_suffix(r, shorter)
    for key in list(r.groups):
        longer = [o for o in index.get(key, ()) if o in r.groups
                  and any(f.split()[-1].isupper() and len(f.split()[-1]) > 1 for f in r.groups[o].forms)]
        if len(longer) == 1 and key in r.groups:
            g = r.groups.pop(key)
            r.groups[longer[0]].absorb(g, g.forms)


def _merge_legal_form(r: _Resolver) -> None:
    """"Tổng công ty X - Công ty cổ phần" and "Tổng công ty X": one company, the legal form printed or not."""
    forms = tuple(norm_key(f) for f in lexicon().legal_forms)

    def shorter(k: str) -> list[str]:
        return [k[:-len(sep + f)] for f in forms for sep in (" - ", " ") if k.endswith(sep + f)]
    index = _longer_by_suffix(r, shorter)
    for key in list(r.groups):
        longer = list(dict.fromkeys(o for o in index.get(key, ()) if o in r.groups))
        if len(longer) == 1 and key in r.groups:
            g = r.groups.pop(key)
            r.groups[longer[0]].absorb(g, [*g.names, *g.forms])


def _merge_school_level(r: _Resolver) -> None:
    """"trường THPT X" in running text (the head in lower case, read as "THPT X") beside "Trường THPT X":
    one school."""
    for key in list(r.groups):
        longer = "trường " + key
        if key in r.groups and longer in r.groups and key.split()[0] in _school_level_words():
            g = r.groups.pop(key)
            r.groups[longer].absorb(g, g.forms)


@lru_cache(maxsize=1)
def _school_level_words() -> frozenset[str]:
    """First words of the school levels printed between "Trường" and a school's name (eponym_types)."""
    names = {t for entries in (lexicon().eponym_types or {}).values() for _, t in entries}
    return frozenset(norm_key(expand_abbreviations(t)).split()[0] for t in names)


_GROUP_MERGES = (_merge_soft_ended, _merge_cut_short, _merge_placeless, _merge_group_suffix, _merge_legal_form,
                 _merge_school_level)


def _build_units(r: _Resolver) -> tuple[list[Unit], dict[str, Unit]]:
    """One Unit per group: the fullest name, the other printed forms as aliases."""
    units: list[Unit] = []
    by_key: dict[str, Unit] = {}
    for key in r.order:
        g = r.groups.get(key)
        if g is None:
            continue
        name = _pick_name(g.names)
        aliases, seen = [], {norm_key(name)}
        for f in g.forms:
            if norm_key(f) not in seen:
                seen.add(norm_key(f))
                aliases.append(f)
        parent = None if g.parent and unit_key(g.parent) == key else g.parent
        u = Unit(name=name, aliases=aliases, parent=parent, kind=g.kind, level=g.level,
                 spans=sorted(set(g.spans)), rule=g.rule)
        units.append(u)
        by_key[key] = u
        for a in aliases:
            by_key.setdefault(unit_key(a), u)
    return units, by_key


def _assign_parents(r: _Resolver, units: list[Unit], by_key: dict[str, Unit]) -> None:
    """Parents in the document's own form; a central department's ministry, a Party department's
    committee, an office's main unit where none is printed; never a department above its organisation."""
    ministry = _ministry(units)
    mainname = r.main_name()
    main = by_key.get(unit_key(mainname)) if mainname else None
    for u in units:
        if u.parent:
            pu = by_key.get(unit_key(u.parent))
            u.parent = pu.name if pu else u.parent
        elif u.kind in ("Vụ", "Cục", "Tổng cục") and u.level == "central":
            if ministry is not None and ministry is not u:
                u.parent = ministry.name
        elif (owner := _self_scoped_tail(u.name)) is not None:
            pu = by_key.get(unit_key(owner))      # "Ban Tổ chức Tỉnh ủy X" belongs to "Tỉnh ủy X"
            u.parent = pu.name if pu else owner
        elif u.kind in ("Phòng", "Văn phòng", "Ban") and u.level not in ("party",):
            if main is not None and main is not u and _may_contain(main, u):
                u.parent = main.name
    for u in units:
        pu = by_key.get(unit_key(u.parent)) if u.parent else None
        if pu is not None and not _may_contain(pu, u):
            u.parent = None


def _lower_tail(g: _Group, key: str, shorter: str) -> bool:
    """A certain-looking name that is a shorter unit plus 1-3 lower-case words ("Bộ Tư pháp hưởng ứng")."""
    extra = key[len(shorter):].split()
    if not 1 <= len(extra) <= 3 or " ".join(extra) in lexicon().level_scope:
        return False            # "Hội đồng Thi đua - Khen thưởng tỉnh": a level word, no verb
    for f in g.forms:
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
                m.parent is not None or any(f" {h} " in f"{name} " for h in self_scoped())):
            continue            # a department of a unit printed with it is not what the document is about
        best = name
        break
    return best


def _party_organisation(kind: str, main_by_kind: dict) -> str | None:
    """The organisation of the document's named Party organisation ("Đảng bộ Bộ đội Biên phòng tỉnh X" ->
    "Bộ đội Biên phòng tỉnh X"), for a bare Party body of `kind`; not a province's or district's own
    (their committees are "Tỉnh ủy", "Huyện ủy")."""
    siblings = lexicon().party_siblings
    if kind not in siblings:
        return None
    for sibling in (siblings[kind],):
        u = main_by_kind.get(sibling)
        if u is not None and u.name.startswith(sibling + " "):
            org = u.name[len(sibling) + 1:]
            if not org.lower().startswith(_local_levels()):
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
    for h in self_scoped():
        at = name.find(f" {h}")
        if at > 0 and (at + len(h) + 1 == len(name) or name[at + len(h) + 1] == " "):
            return name[at + 1:]
    return None


def _local_levels() -> tuple[str, ...]:
    return tuple(w for w, scope in lexicon().level_scope.items() if scope in ("province", "district"))


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
