"""Organisations: every named unit with its fullest name, aliases and parent.

A unit mention is a known body ("Văn phòng Chính phủ", "VPCP", "Liên hợp quốc"), or a head noun from
nlp/lexicons/unit_heads.toml followed by a name ("Cục Kiểm soát thủ tục hành chính"), a sector
("Sở Khoa học và Công nghệ"), a level phrase ("UBND tỉnh Lai Châu", "Thanh tra tỉnh") or another unit
("Đảng ủy VPCP", "Đảng bộ Cục"). Mentions are resolved against the document (a bare "Cục" is the
article's Cục, "UBND tỉnh" the province's) and merged across case and abbreviation variants."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.context import DocContext
from nlp.lexicon import load_lexicon
from nlp.normalize import norm_key
from nlp.records import Unit
from nlp.segment import Token, is_syllable_cap, name_run, starts_person_name, surnames as _surnames, tokenize

MAX_NAME_TOKENS = 14
_HARD_STOP = set(".,;:!?()[]{}\"“”'‘’«»…/|\n")
_QUANTIFIERS = {"các", "những", "mỗi", "từng", "nhiều", "một", "mọi"}
_TOP_LEVEL = {"Chính phủ", "Quốc hội", "Đảng Cộng sản Việt Nam", "Nhà nước"}


# ---------------------------------------------------------------- lexicons

@dataclass(frozen=True)
class Head:
    text: str                         # as in the lexicon ("Ủy ban nhân dân")
    kind: str
    level: str
    bare: str | None = None           # "main" | "level" | "self"
    owner: bool = False
    parent: str | None = None
    scope: str | None = None          # "province" | "district" for Tỉnh ủy / Huyện ủy
    abbr: bool = False                # printed as an abbreviation ("UBND")


@dataclass(frozen=True)
class Known:
    name: str
    parent: str | None
    kind: str | None
    not_before: tuple[tuple[str, ...], ...]


@dataclass
class _Lex:
    heads: dict[str, list[tuple[tuple[str, ...], Head]]]
    known: dict[str, list[tuple[tuple[str, ...], Known]]]
    sectors: dict[str, list[tuple[tuple[str, ...], str]]]
    levels: dict[str, list[tuple[tuple[str, ...], str]]]
    stop: frozenset[str]
    expand: dict[str, str]            # abbreviation -> expansion (all kinds)
    expand_re: re.Pattern
    places: frozenset[str]
    provinces: dict[str, list[tuple[tuple[str, ...], str]]]
    no_continue: frozenset[str]
    stop2: frozenset[tuple[str, str]] = frozenset()
    name_bigrams: frozenset[tuple[str, str]] = frozenset()
    not_after_and: frozenset[str] = frozenset()


def _key_tokens(s: str) -> tuple[str, ...]:
    return tuple(t.text.lower() for t in tokenize(s))


def _index(entries):
    out: dict[str, list] = {}
    for toks, val in entries:
        out.setdefault(toks[0], []).append((toks, val))
    for v in out.values():
        v.sort(key=lambda e: -len(e[0]))
    return out


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    hd = load_lexicon("unit_heads.toml")
    ab = load_lexicon("abbreviations.toml")
    heads = []
    for text, info in hd["heads"].items():
        heads.append((_key_tokens(text), Head(text, info.get("kind", text), info.get("level", "other"),
                                             info.get("bare"), info.get("owner", False), info.get("parent"),
                                             info.get("scope"))))
    by_text = {h.text: h for _, h in heads}
    for abbr, exp in ab["heads"].items():
        h = by_text.get(exp) or Head(exp, exp, "other")
        heads.append((_key_tokens(abbr), Head(exp, h.kind, h.level, h.bare, h.owner, h.parent, h.scope, True)))
    known = []
    head_idx = _index([(t, h) for t, h in heads])

    def head_kind(name: str) -> str | None:
        toks = _key_tokens(name)
        for seq, h in head_idx.get(toks[0], ()):
            if toks[:len(seq)] == seq and len(seq) < len(toks):
                return h.kind
        return None

    for u in load_lexicon("known_units.toml")["unit"]:
        k = Known(u["name"], u.get("parent"), u.get("kind") or head_kind(u["name"]),
                  tuple(_key_tokens(w) for w in u.get("not_before", [])))
        for form in [u["name"], *u.get("aliases", [])]:
            known.append((_key_tokens(form), k))
    names = {k.name for _, k in known}
    for abbr, exp in ab["units"].items():
        match = next((k for t, k in known if k.name == exp), None)
        known.append((_key_tokens(abbr), match or Known(exp, None, None, ())))
        if match is None and exp not in names:
            known.append((_key_tokens(exp), Known(exp, None, None, ())))
    sectors = [(_key_tokens(s), s) for s in hd.get("sectors", [])]
    levels = [(_key_tokens(w), lvl) for w, lvl in hd["levels"].items()]
    expand = {**ab["terms"], **ab["heads"], **ab["units"]}
    expand_re = re.compile(r"(?<![\w&.])(" + "|".join(re.escape(k) for k in sorted(expand, key=len, reverse=True))
                           + r")(?![\w&]|\.\w)")
    prov = load_lexicon("provinces.toml")
    places = set(prov["new"])
    for v in prov["new"].values():
        places.update(v["merged"])
    places.update(prov.get("variants", {}))
    provinces = [(_key_tokens(p), prov.get("variants", {}).get(p, p)) for p in places]
    return _Lex(_index([(t, h) for t, h in heads]), _index(known), _index(sectors), _index(levels),
                frozenset(load_lexicon("stopwords.txt")), expand, expand_re, frozenset(places),
                _index(provinces), frozenset(hd.get("no_continue", ())),
                frozenset(tuple(x.split()) for x in load_lexicon("stopwords.txt") if " " in x),
                frozenset(tuple(x.split()) for x in hd.get("name_bigrams", ())),
                frozenset(hd.get("not_after_and", ())))


def expand_abbreviations(s: str) -> str:
    lx = lexicon()
    return lx.expand_re.sub(lambda m: lx.expand[m.group(1)], s)


def unit_key(s: str) -> str:
    """Comparison key of a unit name: abbreviations expanded, then norm_key."""
    return norm_key(expand_abbreviations(s)) or ""


# ---------------------------------------------------------------- mentions

@dataclass
class Mention:
    start: int                        # char offsets in the normalized text
    end: int
    tok_end: int                      # index of the first token after the mention
    printed: str
    kind: str | None = None
    level: str | None = None
    head: Head | None = None
    known: Known | None = None
    inner: "Mention | None" = None    # "Đảng ủy VPCP" -> VPCP
    bare: bool = False                # head alone ("Cục", "Đảng ủy")
    named: bool = False               # a name or sector follows the head ("Ban Thi đua - Khen thưởng tỉnh")
    level_word: str | None = None     # "tỉnh" in "UBND tỉnh" (no place printed)
    place: str | None = None          # "Lai Châu" in "UBND tỉnh Lai Châu"
    hard_end: bool = True             # ended at punctuation, a name, a unit: the extent is certain
    parent: "Mention | None" = None   # printed right after ("... (VPCP)", "Vụ X Văn phòng Chính phủ")
    paren_alias: str | None = None
    name: str | None = None           # resolved fullest name


def _match(tokens: list[Token], i: int, seq: tuple[str, ...], first_exact: str | None = None) -> bool:
    if i + len(seq) > len(tokens):
        return False
    for k, s in enumerate(seq):
        if tokens[i + k].text.lower() != s:
            return False
    return first_exact is None or tokens[i].text == first_exact


def _longest(index, tokens: list[Token], i: int, exact_first: bool = False):
    for seq, val in index.get(tokens[i].text.lower(), ()):
        first = None
        if exact_first:
            first = val.text.split()[0] if isinstance(val, Head) else None
        if _match(tokens, i, seq) and (first is None or tokens[i].text[0].isupper()):
            return seq, val
    return None


def _head_at(tokens, i):
    if not tokens[i].text[0].isupper():
        return None
    for seq, h in lexicon().heads.get(tokens[i].text.lower(), ()):
        if _match(tokens, i, seq):
            # the lexicon's capitalisation of the first word must match ("Sở", "UBND"), the rest may vary
            if tokens[i].text == (tokens[i].text.upper() if h.abbr else h.text.split()[0]):
                return seq, h
    return None


def _known_at(tokens, i):
    if not tokens[i].text[0].isupper():
        return None
    lx = lexicon()
    for seq, k in lx.known.get(tokens[i].text.lower(), ()):
        if not _match(tokens, i, seq):
            continue
        j = i + len(seq)
        if j < len(tokens) and any(_match(tokens, j, nb) for nb in k.not_before):
            continue
        if len(seq) == 1 and k.name != tokens[i].text and not tokens[i].text.isupper():
            # single-word alias ("Đảng"): exact capitalisation
            if tokens[i].text.lower() != seq[0] or not tokens[i].text[0].isupper():
                continue
        return seq, k
    return None


def _level_at(tokens, i):
    """(end, level word, place) for "tỉnh Lai Châu" / "huyện Phong Thổ" / "huyện" at tokens[i]. After
    "tỉnh" only a province of the lexicon is a place; elsewhere up to 4 capitalised words, not a person."""
    lx = lexicon()
    if i >= len(tokens) or not (tokens[i].text[0].islower() or tokens[i].text == "TP"):
        return None
    for seq, lvl in lx.levels.get("thành" if tokens[i].text == "TP" else tokens[i].text.lower(), ()):
        if tokens[i].text == "TP":
            seq = ("tp",)
        if _match(tokens, i, seq):
            j = i + len(seq)
            word = " ".join(t.text for t in tokens[i:j])
            if j < len(tokens) and tokens[j].text[0].isupper():
                for pseq, canon in lx.provinces.get(tokens[j].text.lower(), ()):
                    if _match(tokens, j, pseq) and tokens[j].text[0].isupper():
                        return j + len(pseq), word, canon
            if lvl == "province" and word == "tỉnh":
                return j, word, None
            k = j
            while k < len(tokens) and k - j < 6 and tokens[k].text[0].isupper() and tokens[k].text.isalpha() \
                    and _head_at(tokens, k) is None:
                k += 1
            if k - j >= 3 and starts_person_name(tokens, j) and tokens[j + 1].text in _middle_names():
                return j, word, None     # "huyện Lò Văn Páo": a name right after the level word
            for p in range(j + 1, k):    # "xã Vũ Thư Phạm Văn Thiện": the place, then a name
                if k - p >= 2 and starts_person_name(tokens, p):
                    k = p
                    break
            k = min(k, j + 4)
            return k, word, " ".join(t.text for t in tokens[j:k]) or None
    return None


@lru_cache(maxsize=1)
def _middle_names() -> frozenset[str]:
    return frozenset(load_lexicon("middle_names.txt"))


def _place_at(tokens, i):
    """(end, province) for a province printed without a level word ("Sở Xây dựng TP.HCM")."""
    if i >= len(tokens) or not tokens[i].text[0].isupper():
        return None
    for pseq, canon in lexicon().provinces.get(tokens[i].text.lower(), ()):
        if _match(tokens, i, pseq):
            return i + len(pseq), canon
    return None


def _sector_at(tokens, i):
    for seq, canon in lexicon().sectors.get(tokens[i].text.lower(), ()):
        if _match(tokens, i, seq):
            return i + len(seq), canon
    return None


def _title_at(tokens, i) -> bool:
    from nlp.people import match_title  # people imports units; titles end a unit name
    return match_title(tokens, i) is not None


def parse_at(text: str, tokens: list[Token], i: int, depth: int = 0) -> Mention | None:
    """The unit mention starting at tokens[i], or None."""
    if i >= len(tokens) or depth > 3:
        return None
    kn = _known_at(tokens, i)
    hd = _head_at(tokens, i)
    if kn and (not hd or len(kn[0]) >= len(hd[0])):
        seq, k = kn
        j = i + len(seq)
        m = Mention(tokens[i].start, tokens[j - 1].end, j, text[tokens[i].start:tokens[j - 1].end],
                    kind=k.kind, level="central", known=k, name=k.name)
        if j + 1 < len(tokens) and tokens[j].text.lower() == "chi" and tokens[j + 1].text.lower() == "nhánh":
            j += 2              # "Ngân hàng Nhà nước chi nhánh tỉnh Vĩnh Phúc"
        lvl = _level_at(tokens, j)
        if not lvl:
            pl = _place_at(tokens, j)
            lvl = (pl[0], None, pl[1]) if pl else None
        if lvl and (lvl[2] or lvl[1] in ("tỉnh", "huyện", "thành phố")):
            # "MTTQ Việt Nam tỉnh Kon Tum", "KBNN Quảng Ninh": the local body, named as printed
            m.tok_end, m.level_word, m.place = lvl
            m.end = tokens[m.tok_end - 1].end
            m.printed = text[m.start:m.end]
            m.known, m.name, m.level = None, None, "province"
            m.__dict__["as_printed"] = True
        return m
    if not hd:
        return None
    seq, h = hd
    j = i + len(seq)
    m = Mention(tokens[i].start, tokens[j - 1].end, j, "", kind=h.kind, level=h.level, head=h)
    _parse_tail(text, tokens, m, j, depth)
    m.printed = text[m.start:m.end]
    cut = m.__dict__.get("cut")
    if cut:
        m.printed = (text[m.start:cut[0]] + text[cut[1]:m.end]).strip()
    return m


def _parse_tail(text, tokens, m: Mention, j: int, depth: int) -> None:
    lx = lexicon()
    n = len(tokens)
    h = m.head

    def finish(k, hard=True):
        m.tok_end = k
        m.end = tokens[k - 1].end
        m.hard_end = hard

    # "Hội Nông dân (HND) tỉnh Đắk Lắk": the head's abbreviation defined in passing
    if j + 2 < n and tokens[j].text == "(" and tokens[j + 2].text == ")" and _initials(h.text) == tokens[j + 1].text:
        m.paren_alias = tokens[j + 1].text
        m.__dict__["cut"] = (tokens[j - 1].end, tokens[j + 2].end)
        j += 3
    if j >= n or tokens[j].text in _HARD_STOP:
        m.bare = True
        return finish(j)
    # another unit right after the head: "Đảng ủy VPCP", "Đảng bộ Cục", "Văn phòng Thanh tra tỉnh"
    if tokens[j].text[0].isupper() and not starts_person_name(tokens, j) and h.kind not in ("Bộ", "Sở", "Phòng"):
        inner = parse_at(text, tokens, j, depth + 1)
        if inner is not None and (not inner.bare or (inner.head and inner.head.bare == "main")):
            if inner.__dict__.get("as_printed"):
                m.__dict__["as_printed"] = True
                return finish(inner.tok_end, inner.hard_end)
            m.inner = inner
            return finish(inner.tok_end, inner.hard_end)
    # a sector: "Sở Khoa học và công nghệ", "Bộ Lao động - Thương binh và Xã hội"
    sec = _sector_at(tokens, j)
    if sec and h.kind not in ("Bộ", "Sở") and sec[0] < n and tokens[sec[0]].text[0].islower() and tokens[sec[0]].text.lower() not in lx.stop \
            and not _level_at(tokens, sec[0]):
        sec = None            # the name goes on after the sector words ("Khoa Kinh tế vận tải")
    if sec:
        k, canon = sec
        m.__dict__["sector"] = canon
        m.named = True
        lvl = _level_at(tokens, k)
        if lvl:
            k, m.level_word, m.place = lvl
        else:
            pl = _place_at(tokens, k)
            if pl:
                k, m.place = pl[0], pl[1]
                m.__dict__["place_printed"] = True
        return finish(k)
    lvl = _level_at(tokens, j)
    if lvl:
        k, m.level_word, m.place = lvl
        return finish(k)
    t = tokens[j]
    if not (t.text[0].isupper() or t.text[0].isdigit() and h.kind in ("Trường",)) or starts_person_name(tokens, j) \
            or _title_at(tokens, j):
        m.bare = True
        return finish(j)
    # a name: a capitalised word, then words up to a stop
    m.named = True
    if h.scope == "province":   # "Tỉnh ủy Yên Bái": the province
        for pseq, canon in lx.provinces.get(tokens[j].text.lower(), ()):
            if _match(tokens, j, pseq):
                m.place = canon
                return finish(j + len(pseq))
    k = j
    hard = True
    enumerated = False
    while k < n and k - j < MAX_NAME_TOKENS:
        t = tokens[k]
        w = t.text
        if w in _HARD_STOP and w != ",":
            break
        if w in ("-", "–"):
            if k + 1 < n and k > j and tokens[k + 1].is_word and tokens[k + 1].text.lower() not in lx.stop \
                    and not starts_person_name(tokens, k + 1) and not _title_at(tokens, k + 1):
                k += 1
                continue
            break
        if w == "," and k > j and not enumerated and _enumeration_follows(tokens, k + 1):
            enumerated = True
            k += 1
            continue
        if w == "và" and k > j and k + 1 < n and tokens[k + 1].text[0].islower() \
                and tokens[k + 1].text not in lx.no_continue:
            enumerated = True
            k += 1
            continue
        if w == "và" and k > j and k + 1 < n and is_syllable_cap(tokens[k + 1].text) \
                and tokens[k - 1].is_word and not _head_at(tokens, k + 1) and not _known_at(tokens, k + 1) \
                and not starts_person_name(tokens, k + 1) and not _title_at(tokens, k + 1) \
                and tokens[k + 1].text not in lx.not_after_and:
            enumerated = True      # "Ban Tuyên giáo và Dân vận Tỉnh ủy"
            k += 1
            continue
        if w == ",":
            break
        if w == "&":
            k += 1
            continue
        if w == "Nam" and k > j and tokens[k - 1].text == "Việt":
            k += 1              # a name ends with "Việt Nam" unless a level phrase follows
            lvl = _level_at(tokens, k)
            if lvl and lvl[2]:
                k, m.level_word, m.place = lvl
            break
        if w[0].isupper():
            if k > j and (starts_person_name(tokens, k) and " ".join(x.text for x in tokens[k:k + 2]) not in lx.places
                          or _title_at(tokens, k)):
                break
            if k > j and (_head_at(tokens, k) or _known_at(tokens, k)):
                nxt = parse_at(text, tokens, k, depth + 1)
                if nxt is not None and not nxt.bare:
                    m.parent = nxt
                    break
            k += 1
            continue
        if w[0].isdigit():
            hard = False
            break
        lvl = _level_at(tokens, k)
        if lvl and (lvl[2] or k + len(lvl[1].split()) >= n or tokens[k + len(lvl[1].split())].text in _HARD_STOP):
            k, m.level_word, m.place = lvl
            break
        prev = tokens[k - 1].text
        if prev not in (",", "và") and (prev.lower(), w.lower()) not in lx.name_bigrams and (w.lower() in lx.stop or k + 1 < n and (w.lower(), tokens[k + 1].text.lower())
                                         in lx.stop2):
            hard = False
            break
        k += 1
    else:
        hard = k >= n
    # never end on a lower-case connector
    while k > j + 1 and tokens[k - 1].text.lower() in ("và", "-", "&"):
        k -= 1
    finish(k, hard)


def _initials(s: str) -> str:
    return "".join(w[0] for w in s.split()).upper()


def _enumeration_follows(tokens: list[Token], k: int) -> bool:
    """After a comma inside a name: lower-case words up to "và" ("Phòng Tổ chức, biên chế và tổ chức phi
    chính phủ") or up to the end of the phrase ("Phòng Công chức, viên chức phối hợp")."""
    lx = lexicon()
    n = len(tokens)
    if k >= n or not tokens[k].text[0].islower() or tokens[k].text in lx.no_continue or tokens[k].text in lx.stop:
        return False
    for x in range(k, min(n, k + 5)):
        w = tokens[x].text
        if w == "và":
            return x + 1 < n and tokens[x + 1].text[0].islower() and tokens[x + 1].text not in lx.no_continue
        if w in _HARD_STOP or w.lower() in lx.stop:
            return x > k and (w.lower() in lx.stop or w in ".;:") and x - k <= 4
        if not w[0].islower():
            return False
    return False


def _paren_after(text: str, tokens: list[Token], m: Mention) -> None:
    """"(VPCP)" right after a mention: an alias of it (or of its inner unit), else its parent."""
    k = m.tok_end
    if k + 2 < len(tokens) and tokens[k].text == "(" and tokens[k + 2].text == ")" and tokens[k + 1].text.isupper():
        abbr = tokens[k + 1].text
        inner = parse_at(text, tokens, k + 1)
        exp = lexicon().expand.get(abbr)
        target = m
        while target is not None:
            if exp and unit_key(exp) in (unit_key(target.printed), unit_key(target.name or "")):
                target.paren_alias = abbr
                return
            target = target.inner
        if exp and m.head is not None and not m.bare:
            # "(UBND)" after "Ủy ban nhân dân ..." covered above; an unrelated unit is the parent
            if inner is not None:
                m.parent = m.parent or inner
        elif inner is not None:
            m.parent = m.parent or inner
        elif not exp:
            m.paren_alias = abbr     # an abbreviation the lexicon does not know, defined by the text


def scan_mentions(ctx: DocContext, tokens: list[Token] | None = None) -> list[Mention]:
    """Every unit mention outside the furniture, left to right (outer mentions; inner ones hang off them)."""
    text = ctx.text
    tokens = tokens if tokens is not None else tokenize(text)
    out: list[Mention] = []
    i, n = 0, len(tokens)
    while i < n:
        t = tokens[i]
        if not t.text[0].isupper() or ctx.in_furniture(t.start):
            i += 1
            continue
        tm = _title(tokens, i)
        if tm is not None:
            emb = tm.office.embeds
            if not emb:
                i = tm.end
                if tm.office.unit and i < n and tokens[i].text[0].isupper():
                    implied = _known_at(tokens, i)     # "Thủ tướng Chính phủ": part of the title
                    if implied and implied[1].name == tm.office.unit:
                        i += len(implied[0])
                continue
            k = tm.end - len(emb.split())
            m = parse_at(text, tokens, k) if tokens[k].text[0].isupper() else None
            if m is None or m.bare or m.inner is not None or (m.head is not None and m.head.kind != emb):
                i = tm.end
                continue
            i = k
        m = parse_at(text, tokens, i)
        if m is None:
            i += 1
            continue
        # a head that is the tail of a title ("Chánh Văn phòng", "Trưởng phòng"): not a mention itself
        if i > 0 and m.head and m.head.owner and _embedded_in_title(tokens, i):
            i += 1
            continue
        if i > 0 and m.head is not None and not m.head.abbr and tokens[i - 1].is_word \
                and (len(tokens[i - 1].text) == 1 or tokens[i - 1].text in _surnames()) and tokens[i - 1].text[0].isupper():
            i += 1          # "Y Khoa Niê": a name, not the head "Khoa"
            continue
        if i > 0 and m.bare and tokens[i - 1].text.lower() in _QUANTIFIERS:
            i = m.tok_end
            continue
        _paren_after(text, tokens, m)
        out.append(m)
        i = max(m.tok_end, i + 1)
    return out


def _title(tokens, i):
    from nlp.people import match_title
    return match_title(tokens, i)


def _embedded_in_title(tokens, i) -> bool:
    from nlp.people import match_title
    for back in (1, 2):
        if i - back >= 0:
            mt = match_title(tokens, i - back)
            if mt is not None and mt.end > i:
                return True
    return False


# ---------------------------------------------------------------- resolution

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
        lvl = m.level_word
        place = province if lvl in ("tỉnh", "thành phố") else district if lvl in ("huyện", "quận", "thị xã") else None
        return f"{h.text} {lvl} {place}" if place else f"{h.text} {lvl}"
    return None


def _full_name(m: Mention, main: dict, province, district) -> str | None:
    if m.known:
        return m.known.name
    if m.__dict__.get("as_printed"):
        name = expand_abbreviations(m.printed)
        if not m.place and m.level_word:
            place = province if m.level_word in ("tỉnh", "thành phố") else district
            name += f" {place}" if place else ""
        return name
    h = m.head
    if m.inner is not None:
        inner = _full_name(m.inner, main, province, district)
        return f"{h.text} {inner}" if inner else None
    b = _bare_name(m, main, province, district)
    if b is not None or m.bare:
        return b
    sector = m.__dict__.get("sector")
    if sector:
        name = f"{h.text} {sector}"
        if m.level_word:
            name += f" {m.level_word}" + (f" {m.place}" if m.place else "")
        elif m.place:
            name += " " + m.printed.split(sector.split()[-1], 1)[-1].strip() if sector.split()[-1] in m.printed \
                else f" {m.place}"
        return name
    # head + printed tail, abbreviations in the head expanded ("UBND huyện Phong Thổ")
    head_len = len(m.printed) - len(m.printed[len(m.printed.split()[0]):])
    first = m.printed.split()[0]
    rest = m.printed[len(first):]
    if first.isupper() and first in lexicon().expand:
        return expand_abbreviations(first) + rest
    return m.printed


def _province_of(ctx: DocContext, mentions: list[Mention], tokens: list[Token]) -> tuple[str | None, str | None]:
    """The province (ctx.province, else the most printed "tỉnh X") and district ("huyện X") of the document."""
    places: Counter = Counter()
    for i, t in enumerate(tokens):
        if t.text[0].islower() and not ctx.in_furniture(t.start):
            lvl = _level_at(tokens, i)
            if lvl and lvl[2]:
                scope = "p" if lvl[1] in ("tỉnh", "thành phố") else "d" if lvl[1] in ("huyện", "quận", "thị xã") else None
                if scope:
                    places[(scope, lvl[2])] += 1
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
    cached = ctx.__dict__.get("_unit_analysis")
    if cached is not None:
        return cached
    tokens = tokenize(ctx.text)
    ctx.__dict__["_tokens"] = tokens
    mentions = scan_mentions(ctx, tokens)
    province, district = _province_of(ctx, mentions, tokens)
    if province and ctx.province is None:
        ctx.province = province

    # pass 1: named mentions give the document's units of each kind
    counts: Counter = Counter()
    first_of: dict[str, Mention] = {}
    for m in _walk(mentions):
        if m.known is None and (m.bare or (m.level_word and not m.place) or m.inner is not None):
            continue
        name = _full_name(m, {}, province, district)
        if name:
            counts[(m.kind, unit_key(name))] += 1
            first_of.setdefault(unit_key(name), m)
    main_by_kind: dict[str, Unit] = {}
    for (kind, key), c in counts.most_common():
        if kind and kind not in main_by_kind:
            mm = first_of[key]
            main_by_kind[kind] = Unit(name=_full_name(mm, {}, province, district), kind=kind)

    # pass 2: resolve every mention, merge by key
    groups: dict[str, dict] = {}
    order: list[str] = []
    admin = ctx.kind != "news"

    def add(m: Mention, name: str, parent_name: str | None):
        key = unit_key(name)
        g = groups.get(key)
        if g is None:
            g = groups[key] = {"names": Counter(), "forms": [], "parent": None, "kind": m.kind,
                               "level": m.level, "spans": [], "hard": False, "n": 0}
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
        name = _full_name(m, main_by_kind, province, district)
        if name is None and m.bare and m.head is not None and m.head.level == "party" and m.head.owner:
            # a bare Party body ("Đảng ủy", "Đảng bộ") is the one of the document's main unit
            main = _main_unit(main_by_kind, counts, first_of, province, district)
            if main:
                name = f"{m.head.text} {main}"
                inner_name = main
        if name is None and m.bare and admin and m.head is not None and m.head.text == "Văn phòng":
            main = _main_unit(main_by_kind, counts, first_of, province, district)
            if main:
                name = f"Văn phòng {main}"
                inner_name = main
        if name is None:
            return None
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
                 spans=sorted(set(g["spans"])))
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
        elif u.kind in ("Phòng", "Văn phòng", "Ban") and u.level not in ("party",):
            mainu = _main_unit(main_by_kind, counts, first_of, province, district)
            pu = by_key.get(unit_key(mainu)) if mainu else None
            if pu is not None and pu is not u:
                u.parent = pu.name
    mainname = _main_unit(main_by_kind, counts, first_of, province, district)
    res = UnitAnalysis(units=units, by_key=by_key, main_by_kind=main_by_kind,
                       main=by_key.get(unit_key(mainname)) if mainname else None,
                       province=province, district=district, admin=admin, mentions=mentions)
    ctx.__dict__["_unit_analysis"] = res
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
        return (not abbrev, c, len(name))
    best = max(names.items(), key=score)[0]
    return expand_abbreviations(best)


def _main_unit(main_by_kind, counts, first_of, province, district) -> str | None:
    """The unit the document is about: the most mentioned named unit below the national top level."""
    best = None
    for (kind, key), c in counts.most_common():
        m = first_of[key]
        if m.known is not None and (m.known.name in _TOP_LEVEL or m.known.parent is None):
            continue
        if m.head is not None and m.head.level in ("party", "union"):
            continue
        best = _full_name(m, main_by_kind, province, district)
        break
    return best


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


def find_units(ctx: DocContext) -> list[Unit]:
    return list(analyze(ctx).units)
