"""Unit mentions: where a unit name starts and ends in the text, and what it is made of.

A mention is a known body ("Văn phòng Chính phủ", "VPCP", "Liên hợp quốc"), or a head noun from
nlp/lexicons/unit_heads.toml followed by a name ("Cục Kiểm soát thủ tục hành chính"), a sector
("Sở Khoa học và Công nghệ"), a level phrase ("UBND tỉnh Lai Châu", "Thanh tra tỉnh") or another unit
("Đảng ủy VPCP", "Đảng bộ Cục"). nlp.units resolves and merges them."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.context import DocContext
from nlp.lexicon import load_lexicon
from nlp.offices import lexicon as office_lexicon, match_title, match_words
from nlp.segment import Token, glued_to_slash, is_syllable_cap, name_run, starts_person_name, surnames as _surnames, tokenize
from nlp.registry import rule
from nlp.unit_lexicon import Head, Known, compound_tail, key_tokens, kinds, lexicon, unit_key

KNOWN_BODY = rule("units.known_body", "unit", "a body from known_units.toml or its abbreviation (VPCP, Bộ Nội vụ)")
KNOWN_BRANCH = rule("units.known_branch", "unit",
                    "a known body then a place: its local branch, named as printed (MTTQ Việt Nam tỉnh Kon Tum)")
HEAD_BARE = rule("units.head_bare", "unit",
                 "a head noun alone (Cục, UBND tỉnh, Đảng ủy): the document's unit of that kind")
HEAD_INNER = rule("units.head_of_unit", "unit", "a head noun then another unit (Đảng ủy VPCP, Công đoàn Bộ Y tế)")
HEAD_SECTOR = rule("units.head_sector", "unit", "a head noun then a sector (Sở Khoa học và Công nghệ [tỉnh X])")
HEAD_LEVEL = rule("units.head_level", "unit", "a head noun then a level and place (UBND huyện Phong Thổ)")
HEAD_PROVINCE = rule("units.head_province", "unit", "a self-scoped Party committee then its province (Tỉnh ủy Sơn La)")
HEAD_DISTRICT = rule("units.head_district", "unit",
                     "a district-scoped Party committee then its district's two-syllable name (Huyện ủy Lý Nhân)")
HEAD_NUMBER = rule("units.head_number", "unit", "a head named by a number (Quân khu 4, Sư đoàn 324)")
HEAD_NAME = rule("units.head_name", "unit",
                 "a head noun then a name up to a stop word, a person, a title or punctuation")
SHARED_LEVEL = rule("units.shared_level", "unit",
                    "heads listed before one level phrase or committee share it (HĐND, UBND tỉnh; HĐND và UBND xã X; "
                    "Ban Chấp hành, Ban Thường vụ Tỉnh ủy X)")
TITLE_EMBEDDED = rule("units.title_embedded", "unit",
                      "a title ending in a head noun then the unit's name (Trưởng phòng Quản lý ngân sách)")

MAX_NAME_TOKENS = 18
_HARD_STOP = set(".,;:!?()[]{}\"“”'‘’«»…/|\n")


@dataclass(slots=True)
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
    tok_start: int | None = None      # index of the head's first token
    as_printed: bool = False          # a local branch of a known body: its name is the printed one
    cut: tuple[int, int] | None = None    # an abbreviation defined in passing, left out of `printed`
    generic: bool = False             # a class of units ("UBND xã, phường"), not one
    sector: str | None = None         # the sector name after the head ("Khoa học và Công nghệ")
    place_printed: bool = False       # a province printed without a level word ("Sở Xây dựng TP.HCM")
    merge_into: str | None = None     # the unit this mention stands for ("Trung ương Hội" -> the Hội)
    embedded: "Mention | None" = None # the unit parsed after a title that ends in a head noun
    rule: str | None = None           # the registered rule that parsed it
    shared_level: bool = False        # the level phrase is the next head's ("HĐND, UBND tỉnh")


def _match(tokens: list[Token], i: int, seq: tuple[str, ...]) -> bool:
    """tokens[i:] starts with the lower-cased words `seq`."""
    if i + len(seq) > len(tokens):
        return False
    return all(tokens[i + k].text.lower() == w for k, w in enumerate(seq))


def head_at(tokens, i):
    if not tokens[i].text[0].isupper():
        return _lower_committee_at(tokens, i)
    for seq, h in lexicon().heads.get(tokens[i].text.lower(), ()):
        if _match(tokens, i, seq):
            # the lexicon's capitalisation of the first word must match ("Sở", "UBND"), the rest may vary
            if tokens[i].text == (tokens[i].text.upper() if h.abbr else h.text.split()[0]):
                if h.level_only and not level_at(tokens, i + len(seq)):
                    continue        # "Đoàn Thị Hải Yến": a name; "Đoàn xã Tân Lập": a unit
                return seq, h
    return None


def _lower_committee_at(tokens, i):
    """"Bí thư huyện ủy, Chủ tịch HĐND huyện X": a self-scoped Party committee printed in lower case is
    still that committee (running text often lower-cases "tỉnh ủy", "huyện ủy"); so is a people's committee
    or council before its level and place ("chủ tịch ủy ban nhân dân tỉnh X")."""
    if i + 1 >= len(tokens) or not tokens[i].text.islower():
        return None
    for seq, h in lexicon().heads.get(tokens[i].text, ()):
        if h.abbr or not _match(tokens, i, seq):
            continue
        if h.bare == "self" and len(seq) == 2 and seq[1] == "ủy":
            return seq, h
        if h.bare == "level" and len(seq) >= 3 and (tokens[i + len(seq) - 1].text.isupper()
                                                    or (lvl := level_at(tokens, i + len(seq))) and lvl[2]):
            return seq, h         # also "lãnh đạo ủy ban MTTQ ...": the committee, not the Front itself
    return None


def known_at(tokens, i):
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


def level_at(tokens, i):
    """(end, level word, place) for "tỉnh Lai Châu" / "huyện Phong Thổ" / "huyện" at tokens[i]. After
    "tỉnh" only a province of the lexicon is a place; elsewhere up to 4 capitalised words, not a person."""
    lx = lexicon()
    abbr = lx.level_abbreviations.get(tokens[i].text) if i < len(tokens) else None     # "TP", "TX"
    if i >= len(tokens) or not (tokens[i].text[0].islower() or abbr
                                or tokens[i].text == "Thành" and _match(tokens, i, ("thành", "phố"))):
        return None             # "Thành phố" is often capitalised after a body ("UBND Thành phố")
    for seq, lvl in lx.levels.get(abbr.split()[0] if abbr else tokens[i].text.lower(), ()):
        if abbr:
            if " ".join(seq) != abbr:
                continue
            seq = (tokens[i].text.lower(),)
        if _match(tokens, i, seq):
            j = i + len(seq)
            if not abbr and j < len(tokens) and tokens[j].text.lower() == "ủy":
                return None     # "tỉnh ủy", "huyện ủy" in lower case: the Party committee, not a level
            if abbr and j + 1 < len(tokens) and tokens[j].text == "." and tokens[j + 1].text[0].isupper() \
                    and not _honorific_at(tokens, j + 1):
                j += 1          # "TP. Hồ Chí Minh"; not "UBND TP. Ông A tái đắc cử"
            word = abbr or " ".join(t.text for t in tokens[i:j])
            if j < len(tokens) and tokens[j].text[0].isupper():
                for pseq, canon in lx.provinces.get(tokens[j].text.lower(), ()):
                    if _match(tokens, j, pseq) and tokens[j].text[0].isupper():
                        return j + len(pseq), word, canon
            if lvl == "province" and word == "tỉnh":
                return j, word, None
            k = j
            while k < len(tokens) and k - j < 6 and tokens[k].text[0].isupper() and tokens[k].text.isalpha() \
                    and head_at(tokens, k) is None and not glued_to_slash(tokens, k):
                k += 1
            if k - j >= 3 and (starts_person_name(tokens, j) and tokens[j + 1].text in _middle_names()
                               or tokens[j + 1].text in office_lexicon().gender_middle and name_run(tokens, j) <= 4):
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


def place_at(tokens, i):
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


def _honorific_at(tokens, i) -> bool:
    """tokens[i:] start an honorific or a rank ("Đại tá Lò Văn A"): a person follows, not a name part."""
    return any(match_words(tokens, i, s) for s in office_lexicon().honorifics.get(tokens[i].text.lower(), ()))


def _title_at(tokens, i) -> bool:
    return match_title(tokens, i) is not None


def parse_at(text: str, tokens: list[Token], i: int, depth: int = 0) -> Mention | None:
    """The unit mention starting at tokens[i], or None: a known body (when at least as long as a head
    match there), else a head noun and what follows it."""
    if i >= len(tokens) or depth > 3:
        return None
    kn = known_at(tokens, i)
    hd = head_at(tokens, i)
    if kn and (not hd or len(kn[0]) >= len(hd[0])):
        return _parse_known(text, tokens, i, *kn)
    if not hd:
        return None
    seq, h = hd
    j = i + len(seq)
    if h.abbr and j + 1 < len(tokens) and tokens[j].text == "." and tokens[j + 1].text[0].isupper():
        j += 1                  # "VP. Tỉnh ủy": the abbreviation's dot
    m = Mention(tokens[i].start, tokens[j - 1].end, j, "", kind=h.kind, level=h.level, head=h, tok_start=i)
    _parse_tail(text, tokens, m, j, depth)
    if h.level_only and not m.level_word or m.generic:
        return None             # "Đoàn" names a unit only before a level word ("Đoàn xã Tân Lập")
    if h.text in lexicon().standing_heads and m.inner is None:
        return None             # "Thường trực HĐND, UBND xã X": the bodies are read after it
    m.printed = _printed(text, m.start, m.end, m.cut)
    return m


def _printed(text: str, start: int, end: int, cut: tuple[int, int] | None) -> str:
    """The mention as printed, without an abbreviation defined in passing."""
    return (text[start:cut[0]] + text[cut[1]:end]).strip() if cut else text[start:end]


def _parse_known(text: str, tokens: list[Token], i: int, seq: tuple[str, ...], k: Known) -> Mention:
    """A known body; followed by a place it is that body's local branch, named as printed ("MTTQ Việt
    Nam tỉnh Kon Tum", "KBNN Quảng Ninh", "Ngân hàng Nhà nước chi nhánh tỉnh Vĩnh Phúc")."""
    j = i + len(seq)
    m = Mention(tokens[i].start, tokens[j - 1].end, j, text[tokens[i].start:tokens[j - 1].end],
                kind=k.kind, level="central", known=k, name=k.name, rule=KNOWN_BODY)
    if _match(tokens, j, ("chi", "nhánh")):
        j += 2
    paren = None
    if j + 3 < len(tokens) and tokens[j].text == "(" and tokens[j + 2].text == ")" \
            and unit_key(tokens[j + 1].text) == unit_key(k.name) and level_at(tokens, j + 3):
        paren = (tokens[j + 1].text, (tokens[j - 1].end, tokens[j + 2].end))
        j += 3              # "Bộ đội Biên phòng (BĐBP) tỉnh Quảng Bình": the abbreviation defined in passing
    lvl = level_at(tokens, j)
    if not lvl:
        pl = place_at(tokens, j)
        lvl = (pl[0], None, pl[1]) if pl else None
    one_word = len(seq) == 1 and len(k.name.split()) > 2 and not tokens[i].text.isupper()
    if lvl and (lvl[2] or lexicon().level_scope.get(lvl[1]) in ("province", "district") and not one_word):
        # ("các cơ quan Đảng tỉnh": the one-word alias of the Party before a bare level word is the Party)
        m.tok_end, m.level_word, m.place = lvl
        m.end = tokens[m.tok_end - 1].end
        m.known, m.name, m.level = None, None, "province"
        m.as_printed, m.rule = True, KNOWN_BRANCH
        if paren:
            m.paren_alias, m.cut = paren
        m.printed = _printed(text, m.start, m.end, m.cut)
    return m


@dataclass(slots=True)
class _Tail:
    """What follows a head noun, read by the tail rules (one Mention being parsed)."""
    text: str
    tokens: list[Token]
    m: Mention
    j: int                            # the first token after the head
    depth: int

    def word(self, k: int) -> str:
        return self.tokens[k].text

    def finish(self, k: int, hard: bool = True, rule: str = HEAD_NAME) -> bool:
        self.m.tok_end, self.m.end, self.m.hard_end, self.m.rule = k, self.tokens[k - 1].end, hard, rule
        return True


def _parse_tail(text, tokens, m: Mention, j: int, depth: int) -> None:
    """Where the name after the head ends and what it is made of: the first tail rule that applies."""
    tail = _Tail(text, tokens, m, j, depth)
    for tail_rule in _TAIL_RULES:
        if tail_rule(tail):
            return


def _tail_defines_abbreviation(t: _Tail) -> bool:
    """"Hội Nông dân (HND) tỉnh Đắk Lắk": the head's abbreviation defined in passing is skipped."""
    j, tokens = t.j, t.tokens
    if j + 2 < len(tokens) and t.word(j) == "(" and t.word(j + 2) == ")" and _initials(t.m.head.text) == t.word(j + 1):
        t.m.paren_alias = t.word(j + 1)
        t.m.cut = (tokens[j - 1].end, tokens[j + 2].end)
        t.j += 3
    return False


_ROMAN = re.compile(r"[IVXLC]+")


def _term_at(tokens: list[Token], k: int) -> int:
    """Length of the term of an elected body at tokens[k] ("khóa XIII", "nhiệm kỳ 2020-2025"), else 0."""
    if k + 1 >= len(tokens) or tokens[k].text.lower() != "khóa":
        return 0
    nxt = tokens[k + 1].text
    return 2 if _ROMAN.fullmatch(nxt) or nxt.isdigit() else 0


def _tail_term_then_place(t: _Tail) -> bool:
    """"Đoàn đại biểu Quốc hội khóa XIII của tỉnh Bình Thuận": the term (and "của") before the body's
    place is left out of its name."""
    tokens, j = t.tokens, t.j
    size = _term_at(tokens, j)
    if not size or t.m.cut is not None:
        return False
    k = j + size + (1 if j + size < len(tokens) and tokens[j + size].text == "của" else 0)
    lvl = level_at(tokens, k)
    if lvl is None or not lvl[2]:
        return False
    t.m.cut = (tokens[j - 1].end, tokens[k - 1].end)
    k, t.m.level_word, t.m.place = lvl
    return t.finish(k, rule=HEAD_LEVEL)


def _tail_nothing_after(t: _Tail) -> bool:
    """The head alone before punctuation or the end: "Cục", "Đảng ủy"."""
    if t.j >= len(t.tokens) or t.word(t.j) in _HARD_STOP:
        t.m.bare = True
        return t.finish(t.j, rule=HEAD_BARE)
    return False


def _tail_inner_unit(t: _Tail) -> bool:
    """Another unit right after the head: "Đảng ủy VPCP", "Đảng bộ Cục", "Văn phòng Thanh tra tỉnh"."""
    h, j, tokens = t.m.head, t.j, t.tokens
    if not t.word(j)[0].isupper() or starts_person_name(tokens, j) or h.kind in kinds("no_inner_kinds"):
        return False
    inner = parse_at(t.text, tokens, j, t.depth + 1)
    if inner is None or not h.owner and inner.known is None and not (inner.head and inner.head.abbr):
        return False            # "Trường Đại học Kinh tế Quốc dân": one name, not a unit inside a unit
    if not h.owner and inner.known is not None and inner.tok_end == j + 1 and not inner.printed.isupper() \
            and len(inner.known.name.split()) > 2:
        t.m.generic = True      # "các Ban Đảng Trung ương": a head before the one-word alias of a body names a class
        return t.finish(inner.tok_end, rule=HEAD_INNER)
    if h.eponym and _type_end(tokens, j) > j:
        return False            # "Trường THPT Nghi Lộc": a school type, not a unit inside the school
    if inner.bare and not (inner.head and (inner.head.bare == "main" or inner.head.bare == "self"
                                           and h.text in lexicon().standing_heads)):
        return False            # ("Thường trực Tỉnh ủy": the standing office of the committee)
    if inner.as_printed:            # "Ban Thường trực Ủy ban MTTQ Việt Nam thị xã": named as printed too
        t.m.as_printed = True
        t.m.cut = inner.cut or t.m.cut
        t.m.level_word, t.m.place = inner.level_word, inner.place
    t.m.inner = inner
    return t.finish(inner.tok_end, inner.hard_end, HEAD_INNER)


def _tail_party_department(t: _Tail) -> bool:
    """"Ban tổ chức Tỉnh ủy", "Ban tuyên giáo Huyện ủy X": a Party committee's department printed in lower
    case runs into the committee it belongs to (the capitalised form is read as a name)."""
    j, tokens = t.j, t.tokens
    if t.m.head.kind != "Ban" or not t.word(j)[0].islower():
        return False
    dept = next((d for d in lexicon().party_departments if _match(tokens, j, d)), None)
    k = j + len(dept) if dept else j
    hd = head_at(tokens, k) if dept and k < len(tokens) else None
    if hd is None or hd[1].bare != "self" or hd[1].level != "party":
        return False
    inner = parse_at(t.text, tokens, k, t.depth + 1)
    t.m.named = True
    return t.finish(inner.tok_end if inner is not None else k + len(hd[0]))


def _tail_sector(t: _Tail) -> bool:
    """A sector: "Sở Khoa học và công nghệ [tỉnh X]", "Bộ Lao động - Thương binh và Xã hội"."""
    h, tokens, lx = t.m.head, t.tokens, lexicon()
    sec = _sector_at(tokens, t.j) if h.kind in kinds("sector_kinds") else None
    if sec is None:
        return False
    k, canon = sec
    if h.kind not in kinds("ministry_kinds") and k < len(tokens) and t.word(k)[0].islower() \
            and t.word(k).lower() not in lx.stop and not level_at(tokens, k):
        return False            # the name goes on after the sector words ("Khoa Kinh tế vận tải")
    if h.kind not in kinds("ministry_kinds") and k + 1 < len(tokens) and t.word(k) in ("-", "–") \
            and _name_word_at(tokens, k + 1):
        return False            # "Ủy ban Kinh tế - Ngân sách": another name part after a dash
    if _bigram_at(tokens, k):       # "Phòng Thi đua - Khen thưởng cơ sở"
        canon += " " + t.text[tokens[k].start:tokens[k + 1].end]
        k += 2
    t.m.sector, t.m.named = canon, True
    if k + 3 < len(tokens) and t.word(k) == "(" and t.word(k + 2) == ")" and t.word(k + 1).isupper() \
            and level_at(tokens, k + 3) is not None:
        t.m.cut = (tokens[k - 1].end, tokens[k + 2].end)     # "Hội đồng Thi đua - Khen thưởng (TĐKT) tỉnh"
        k += 3
    if (lvl := level_at(tokens, k)) is not None:
        k, t.m.level_word, t.m.place = lvl
    elif (pl := place_at(tokens, k)) is not None:
        k, t.m.place, t.m.place_printed = pl[0], pl[1], True
    elif (end := _of_top_body_end(t, k)) is not None:      # "Ủy ban Tài chính, Ngân sách của Quốc hội"
        t.m.sector += " " + t.text[tokens[k].start:tokens[end - 1].end]
        k = end
    return t.finish(k, rule=HEAD_SECTOR)


def _tail_level(t: _Tail) -> bool:
    """A level and place: "UBND tỉnh Lai Châu", "Thanh tra huyện"; "UBND xã, phường" is a class of units."""
    lvl = level_at(t.tokens, t.j)
    if lvl is None:
        return False
    k, t.m.level_word, t.m.place = lvl
    if not t.m.place and k + 1 < len(t.tokens) and t.word(k) in (",", "và", "/") and level_at(t.tokens, k + 1):
        t.m.generic = True
    return t.finish(k, rule=HEAD_LEVEL)


def _tail_province(t: _Tail) -> bool:
    """"Tỉnh ủy Sơn La": a province-scoped head takes the province, even one whose first word is a surname."""
    if t.m.head.scope != "province" or not t.word(t.j)[0].isupper():
        return False
    for pseq, canon in lexicon().provinces.get(t.word(t.j).lower(), ()):
        if _match(t.tokens, t.j, pseq):
            t.m.named, t.m.place = True, canon
            return t.finish(t.j + len(pseq), rule=HEAD_PROVINCE)
    return False


def _tail_district(t: _Tail) -> bool:
    """"Huyện ủy Lý Nhân", "Thị ủy Sơn Tây", "Thành ủy Móng Cái": a district-scoped or city committee takes
    the two-syllable name after it as its district (city), also one whose first syllable is a surname; a person may follow the place
    ("Bí thư Huyện ủy Mai Sơn Lò Văn A"), not stand in its stead when only two syllables follow."""
    h, j, tokens = t.m.head, t.j, t.tokens
    city = h.text in lexicon().city_heads         # "Thành ủy Móng Cái": a city inside a province, named alike
    if not (h.scope == "district" or city) or h.bare != "self" or not t.word(j)[0].isupper():
        return False
    n = name_run(tokens, j, max_len=6)
    if n == 2 and tokens[j + 1].text in office_lexicon().gender_middle:
        return False                # "Huyện ủy Lò Văn": a name cut short, not a place
    if n == 2 or n >= 4 and starts_person_name(tokens, j + 2):
        t.m.named, t.m.place = True, " ".join(x.text for x in tokens[j:j + 2])
        return t.finish(j + 2, rule=HEAD_DISTRICT)
    return False


def _tail_number(t: _Tail) -> bool:
    """"Quân khu 4", "Sư đoàn 324", "Khối thi đua số 4": a head named by a number."""
    j = t.j + (t.word(t.j) == "số" and t.j + 1 < len(t.tokens))
    if t.m.head.numbered and t.word(j).isdigit():
        t.m.named = True
        return t.finish(j + 1, rule=HEAD_NUMBER)
    return False


def _tail_name(t: _Tail) -> bool:
    """A name: a capitalised word (or a descriptive lead, an eponym), then words up to a stop; the head
    alone when a person, a title or a lower-case word follows it."""
    h, j, tokens, lx = t.m.head, t.j, t.tokens, lexicon()
    lead = _descriptive_lead(tokens, j, h)     # "Ban Chỉ đạo các chương trình ...", "Công đoàn các Khu ..."
    lead = 1 if lead else _trade_lead(tokens, j, h)
    first = tokens[j + lead]
    eponym = _eponym_end(tokens, j) if h.eponym else None
    if eponym is None and (not (first.text[0].isupper() or h.owner and lead == 0 and _lower_committee_at(tokens, j)
                                or first.text[0].isdigit() and h.kind in kinds("digit_name_kinds")
                                or h.lower_name and first.text[0].islower()
                                and (first.text.lower() not in lx.stop or _bigram_at(tokens, j + lead)))
                           or _person_after_head(t, j) or _title_at(tokens, j)
                           or _degree_then_person(tokens, j) or _person_elsewhere(t.text, tokens, j)):
        t.m.bare = True
        return t.finish(j, rule=HEAD_BARE)
    t.m.named = True
    run = _Run(t, eponym or j + lead)
    while run.k < len(tokens) and run.k - j < MAX_NAME_TOKENS:
        if _name_step(run) == _STOP:
            break
    else:
        run.hard = run.k >= len(tokens)
    k = run.k
    while k > j + 1 and tokens[k - 1].text.lower() in ("và", "-", "&"):
        k -= 1                  # never end on a connector
    return t.finish(k, run.hard)


_TAIL_RULES = (_tail_defines_abbreviation, _tail_term_then_place, _tail_nothing_after, _tail_inner_unit,
               _tail_party_department, _tail_sector, _tail_level,
               _tail_province, _tail_district, _tail_number, _tail_name)


@dataclass(slots=True)
class _Run:
    """A unit name being read word by word (tokens[tail.j:k] so far)."""
    tail: _Tail
    k: int
    hard: bool = True                 # ended at punctuation, a name, a unit: the extent is certain
    enumerated: bool = False          # a list inside the name ("Phòng Tổ chức, biên chế và ...")

    @property
    def w(self) -> str:
        return self.tail.tokens[self.k].text

    def next_word(self, offset: int = 1) -> str | None:
        k = self.k + offset
        return self.tail.tokens[k].text if k < len(self.tail.tokens) else None

    def go(self, by: int = 1) -> str:
        self.k += by
        return _GO

    def stop(self, hard: bool | None = None) -> str:
        if hard is not None:
            self.hard = hard
        return _STOP


_GO, _STOP = "go", "stop"


def _name_step(run: _Run) -> str:
    """Read one more word of a name: the first name-step rule that decides, else take the word."""
    for step in _NAME_STEPS:
        verdict = step(run)
        if verdict is not None:
            return verdict
    return run.go()


def _step_punctuation(run: _Run) -> str | None:
    return run.stop() if run.w in _HARD_STOP and run.w != "," else None


def _step_dash(run: _Run) -> str | None:
    """A dash goes on into a word that is no stop word, person or title ("Thi đua - Khen thưởng")."""
    if run.w not in ("-", "–"):
        return None
    tokens, k = run.tail.tokens, run.k
    if k + 1 < len(tokens) and k > run.tail.j and tokens[k + 1].is_word \
            and tokens[k + 1].text.lower() not in lexicon().stop \
            and not starts_person_name(tokens, k + 1) and not _title_at(tokens, k + 1):
        return run.go()
    return run.stop()


def _step_comma_list(run: _Run) -> str | None:
    """"Phòng Tổ chức, biên chế và tổ chức phi chính phủ": a comma opening a list of functions."""
    if run.w == "," and run.k > run.tail.j and not run.enumerated \
            and _enumeration_follows(run.tail.tokens, run.k + 1, run.tail.m.head.kind):
        run.enumerated = True
        return run.go()
    return None


def _step_and(run: _Run) -> str | None:
    """"và" goes on into a lower-case word ("Xây dựng chính quyền và công tác thanh niên"), another name
    part ("Ban Tuyên giáo và Dân vận Tỉnh ủy") or a comma phrase ("và Phòng, chống thiên tai")."""
    if run.w != "và" or run.k <= run.tail.j or run.k + 1 >= len(run.tail.tokens):
        return None
    tokens, k, lx = run.tail.tokens, run.k, lexicon()
    nxt = tokens[k + 1].text
    level = _level_after(tokens, k + 1) if run.tail.m.head.lower_name else None
    if level is not None:
        run.enumerated = True
        return run.go(level - k)
    if nxt[0].islower() and nxt not in lx.no_continue and not _lower_head_at(tokens, k + 1) \
            or _and_name_part(tokens, k) or _comma_phrase_at(tokens, k + 1):
        run.enumerated = True
        return run.go()
    return None


_TO_LEVEL = 10                        # words of a descriptive name between "và" and its level word


def _level_after(tokens: list[Token], k: int) -> int | None:
    """"Ban Chỉ đạo cải cách hành chính và nâng cao chỉ số năng lực cạnh tranh tỉnh": after "và", lower-case
    content words run to the level word that closes a descriptive name; the level word's index, else None."""
    lx = lexicon()
    for x in range(k, min(len(tokens), k + _TO_LEVEL)):
        if x > k and level_at(tokens, x) is not None:
            return x
        w = tokens[x].text
        if not tokens[x].is_word or not w[0].islower() or w in lx.always_stop:
            return None
    return None


def _lower_head_at(tokens: list[Token], k: int) -> bool:
    """A unit head printed in lower case after "và" starts another unit of the kind ("Ban Tuyên giáo Tỉnh ủy
    và ban tuyên giáo các huyện ủy")."""
    return any(_match(tokens, k, seq) for seq, _ in lexicon().heads.get(tokens[k].text, ()))


def _and_name_part(tokens: list[Token], k: int) -> bool:
    """tokens[k] is "và" between two parts of one name: a name syllable follows that starts no unit,
    person, title or honorific."""
    nxt = tokens[k + 1].text
    return is_syllable_cap(nxt) and tokens[k - 1].is_word and not head_at(tokens, k + 1) \
        and not known_at(tokens, k + 1) and not starts_person_name(tokens, k + 1) \
        and not _title_at(tokens, k + 1) and not _honorific_at(tokens, k + 1) \
        and nxt not in lexicon().not_after_and


def _step_comma(run: _Run) -> str | None:
    """A comma ends the name, unless it sits in a comma phrase ("Cục Quản lý đê điều và Phòng, chống ...")."""
    if run.w != ",":
        return None
    skip = _comma_phrase_through(run.tail.tokens, run.k, run.tail.j)
    return run.go(skip) if skip else run.stop()


def _step_ampersand(run: _Run) -> str | None:
    return run.go() if run.w == "&" else None


def _step_viet_nam(run: _Run) -> str | None:
    """A name ends with "Việt Nam" unless a level phrase follows ("Ủy ban MTTQ Việt Nam tỉnh;")."""
    if run.w != "Nam" or run.k <= run.tail.j or run.tail.tokens[run.k - 1].text != "Việt":
        return None
    run.k += 1
    tokens, m = run.tail.tokens, run.tail.m
    lvl = level_at(tokens, run.k)
    if lvl and (lvl[2] or lvl[1] in ("tỉnh", "thành phố", "huyện") or lvl[0] >= len(tokens)
                or tokens[lvl[0]].text in _HARD_STOP):
        run.k, m.level_word, m.place = lvl
    return run.stop()


def _step_place(run: _Run) -> str | None:
    """"UBND TP.HCM", "Kho bạc Nhà nước Quảng Ninh": a province ends the name, unless the name goes on
    with a capitalised word after it ("Công ty cổ phần Tập đoàn Thái Bình Seed")."""
    pl = place_at(run.tail.tokens, run.k) if run.w[0].isupper() else None
    if pl is None or _name_word_at(run.tail.tokens, pl[0]):
        return None
    run.k, run.tail.m.place = pl[0], pl[1]
    return run.stop()


def _step_central_branch(run: _Run) -> str | None:
    """"Bệnh viện Răng Hàm Mặt Trung ương Hà Nội": a central unit's seat in a city closes its name; "Trung
    ương" there is no organ of its own (as in "Trung ương Đoàn")."""
    t, k = run.tail, run.k
    if k > t.j and _match(t.tokens, k, ("trung", "ương")) and place_at(t.tokens, k + 2) is not None:
        return run.go(2)
    return None


def _name_word_at(tokens: list[Token], k: int) -> bool:
    """tokens[k] goes on with a proper name: a capitalised word that starts no unit, person, title or
    honorific."""
    if k >= len(tokens) or not tokens[k].is_word or not tokens[k].text[0].isupper() or tokens[k].text.isdigit():
        return False
    return not (head_at(tokens, k) or known_at(tokens, k) or starts_person_name(tokens, k)
                or _title_at(tokens, k) or _honorific_at(tokens, k) or place_at(tokens, k))


def _step_capitalised(run: _Run) -> str | None:
    """A capitalised word is part of the name, unless a person or a title starts there, or the parent
    unit ("Vụ X Văn phòng Chính phủ")."""
    t, k = run.tail, run.k
    if not run.w[0].isupper() and not (k == t.j and t.m.head.owner and _lower_committee_at(t.tokens, k)):
        return None             # "Ban Thường vụ tỉnh ủy": a Party committee in lower case after an owned head
    if run.w in lexicon().level_abbreviations and (lvl := level_at(t.tokens, k)) is not None and lvl[2]:
        return None             # "Hội Y học TP. Hồ Chí Minh": an abbreviated level and its place (_step_level)
    if k > t.j and run.w.lower() in lexicon().verb_stops:
        return run.stop()       # a headline in title case: "Trường X Được Phong Tặng ...": the verb ends the name
    if k > t.j and (_person_starts(t, k) or _title_at(t.tokens, k) or _degree_then_person(t.tokens, k)):
        return run.stop()
    if (k > t.j or t.m.head.owner) and (head_at(t.tokens, k) or known_at(t.tokens, k)):
        nxt = parse_at(t.text, t.tokens, k, t.depth + 1)
        if nxt is not None and not nxt.bare and k > t.j:
            if nxt.head is not None and nxt.head.bare == "self" and nxt.head.level == "party":
                run.k = nxt.tok_end     # "Ban Tổ chức Tỉnh ủy An Giang": a Party committee's department is named with it
            else:
                t.m.parent = nxt
            return run.stop()
        if nxt is not None and nxt.head is not None and nxt.head.bare == "self" and nxt.bare:
            # "Ban Tổ chức Tỉnh ủy thời hạn 5 năm", "Ban Thường vụ Tỉnh ủy quản lý": the committee closes the name
            run.k = nxt.tok_end
            return run.stop(hard=nxt.tok_end >= len(t.tokens) or not t.tokens[nxt.tok_end].text[0].islower())
    return run.go()


def _person_after_head(t: _Tail, j: int) -> bool:
    """A person's name right after the head leaves it bare ("Giám đốc Sở Lê Văn A"); a two-syllable
    surname run is the unit's own name when no office precedes the head ("Bệnh viện Bạch Mai tổ chức")."""
    tokens = t.tokens
    return starts_person_name(tokens, j) and (
        name_run(tokens, j) > 2 or _after_title(tokens, j if t.m.tok_start is None else t.m.tok_start))


def _degree_then_person(tokens: list[Token], k: int) -> bool:
    """tokens[k:] are academic degrees then a person's name ("Giám đốc Bệnh viện X PGS.TS. Nguyễn Văn A"):
    the holder follows the unit's name."""
    degrees, x = office_lexicon().degrees, k
    while x < len(tokens):
        w = tokens[x].text
        if not (w == "." and x > k or w[0].isupper() and all(p.lower() in degrees for p in w.split(".") if p)):
            break
        x += 1
    return x > k and starts_person_name(tokens, x)


def _person_starts(t: _Tail, k: int) -> bool:
    """A person's name starts at tokens[k] inside a unit name: a surname run that is no place, not a
    name the document prints as the unit's, after a title or longer than two syllables."""
    tokens, lx = t.tokens, lexicon()
    return starts_person_name(tokens, k) and " ".join(x.text for x in tokens[k:k + 2]) not in lx.places \
        and not _printed_elsewhere(t.text, tokens, t.m.start, k) \
        and (name_run(tokens, k) > 2 or _after_title(tokens, t.j if t.m.tok_start is None else t.m.tok_start))


def _step_digit(run: _Run) -> str | None:
    """A number ends the name ("Cục X 3 năm liền"), unless a short number closes a proper name ("Tổng công
    ty May 10 đã ...", "Sông Đà 5,", "Công ty X 10 Lê Văn A phát biểu")."""
    if not run.w[0].isdigit():
        return None
    t, k = run.tail, run.k
    nxt = run.next_word()
    closes = len(run.w) <= 3 and run.w.isdigit() and k > t.j and is_syllable_cap(t.tokens[k - 1].text) \
        and (nxt is None or not nxt[0].isalnum() or nxt.lower() in lexicon().always_stop
             and nxt.lower() not in lexicon().measure_words or starts_person_name(t.tokens, k + 1))
    closes = closes or len(run.w) <= 4 and run.w.isdigit() and _numbered_head_before(t.tokens, k, t.j)
    # "Trung đoàn Tên lửa 238,", "Lữ đoàn Tăng thiết giáp 416": a numbered formation's arm, then its number
    closes = closes or len(run.w) <= 4 and run.w.isdigit() and k > t.j and t.m.head is not None \
        and t.m.head.numbered and (nxt is None or not nxt[0].isalnum()
                                   or nxt.lower() in lexicon().always_stop and nxt.lower() not in lexicon().measure_words)
    # "Phòng Nghiệp vụ 1, Ban X": a department numbered after a lower-case word, before punctuation
    closes = closes or len(run.w) <= 2 and run.w.isdigit() and k > t.j and t.m.head is not None \
        and t.m.head.kind in kinds("department_kinds") and (nxt is None or nxt in (",", ";", ")", "\n"))
    if closes:
        run.k += 1
        return run.stop()
    return run.stop(hard=False)


def _numbered_head_before(tokens, k: int, j: int) -> bool:
    """A head named by its number ends right before tokens[k], inside the name ("Bộ Tư lệnh Quân khu 7":
    the command of Quân khu 7)."""
    for n in (1, 2, 3):
        if k - n >= j and (h := head_at(tokens, k - n)) is not None and len(h[0]) == n and h[1].numbered:
            return True
    return False


def _step_number(run: _Run) -> str | None:
    """"Đội Quản lý thị trường số 3", "Trường Tiểu học số 1"."""
    if run.w == "số" and run.k > run.tail.j and (nxt := run.next_word()) is not None and nxt.isdigit():
        run.k += 2
        return run.stop()
    return None


def _step_level(run: _Run) -> str | None:
    """A level with a place, or a level word at the end of the phrase, ends the name ("Chi cục X huyện Y");
    so does a bare level word before a lower-case word ("Trung tâm X thành phố đứng đầu")."""
    tokens, k, m = run.tail.tokens, run.k, run.tail.m
    lvl = level_at(tokens, k)
    if lvl is None:
        return None
    after = k + len(lvl[1].split())
    if lvl[2] or after >= len(tokens) or tokens[after].text in _HARD_STOP:
        run.k, m.level_word, m.place = lvl
        if lvl[2] and m.head.eponym and _school_number_at(tokens, run.k):
            run.k += 1          # "Trường Tiểu học thị trấn Kiên Lương 1": schools of one place are numbered
        return run.stop()
    if lvl[1] in lexicon().ending_levels and k > run.tail.j and tokens[lvl[0]].text[0].islower() \
            and not level_at(tokens, lvl[0]):
        run.k, m.level_word, m.place = lvl
        return run.stop(hard=False)
    return None


_SECTOR_ABBREVIATION = re.compile(r"^[A-ZĐ]+(?:[-&][A-ZĐ]+)+$")      # "GD-ĐT", "NN&PTNT", "VH-TT&DL"


def _step_after_abbreviation(run: _Run) -> str | None:
    """A name printed as a sector's abbreviation ("Bộ VH-TT&DL", "Sở GD-ĐT") is whole: a lower-case word
    after it is the sentence going on ("... Thứ trưởng Bộ GD-ĐT nghỉ hưu"), a level word aside (_step_level)."""
    t, k = run.tail, run.k
    if k == t.j + 1 and not t.m.head.eponym and run.w[0].islower() \
            and _SECTOR_ABBREVIATION.match(t.tokens[t.j].text):
        return run.stop()
    return None


def _school_number_at(tokens: list[Token], k: int) -> bool:
    """tokens[k] is a one- or two-digit number that closes a name, not a count ("... 1 hiện có", "... 2 năm liền")."""
    if k >= len(tokens) or not tokens[k].text.isdigit() or len(tokens[k].text) > 2:
        return False
    nxt = tokens[k + 1].text if k + 1 < len(tokens) else ""
    return nxt.lower() not in lexicon().measure_words and not nxt.isdigit() and nxt not in ("/", "-", ".", ",")\
        or nxt in (".", ",") and not (k + 2 < len(tokens) and tokens[k + 2].text.isdigit())


def _step_bigram(run: _Run) -> str | None:
    """"Phòng Thi đua - Khen thưởng cơ sở": a word pair of names whose first word is otherwise a stop word."""
    return run.go(2) if _bigram_at(run.tail.tokens, run.k) else None


def _step_stop_word(run: _Run) -> str | None:
    """A stop word ends the name, unless it closes a dictionary word begun before it ("đê điều")."""
    tokens, k, lx = run.tail.tokens, run.k, lexicon()
    w, prev = run.w, tokens[k - 1].text
    if prev in (",", "và") or (prev.lower(), w.lower()) in lx.name_bigrams:
        return None
    if (end := _phrase_through(tokens, k)) is not None:
        return run.go(end - k)  # "Cục An ninh điều tra": a name phrase begun before goes on through a stop word
    if w.lower() in lx.stop and k + 1 < len(tokens) and tokens[k + 1].text[0].isupper() \
            and (head_at(tokens, k + 1) or known_at(tokens, k + 1)):
        return run.stop()       # "Phòng X thuộc Công an tỉnh": a stop word before another unit ends the name
    if w.lower() in lx.stop and not compound_tail(prev, w) \
            or k + 1 < len(tokens) and (w.lower(), tokens[k + 1].text.lower()) in lx.stop2:
        return run.stop(hard=False)
    return None


def _phrase_through(tokens: list[Token], k: int) -> int | None:
    """The end of a name phrase (unit_heads.toml name_phrases) begun before tokens[k] that goes on
    through it, else None."""
    for ph in lexicon().name_phrases:
        for o in range(1, len(ph)):
            if k - o >= 0 and all(k - o + x < len(tokens) and tokens[k - o + x].text.lower() == w
                                  for x, w in enumerate(ph)):
                return k - o + len(ph)
    return None


def _step_term(run: _Run) -> str | None:
    """"Huyện ủy Ân Thi khóa XXVI": the term of an elected body ends its name (and is not part of it)."""
    return run.stop() if _term_at(run.tail.tokens, run.k) else None


def _step_of_top_body(run: _Run) -> str | None:
    """"Ban Chỉ đạo cải cách hành chính của Chính phủ": a steering committee or council set up by a top
    body carries it in its name."""
    t, k = run.tail, run.k
    if k == t.j:
        return None
    end = _of_top_body_end(t, k)
    if end is None:
        return None
    run.k = end
    return run.stop()


def _of_top_body_end(t: _Tail, k: int) -> int | None:
    """Index after "của <top body>" at tokens[k], for a head of `of_top_body_kinds`; None when absent."""
    if k >= len(t.tokens) or t.tokens[k].text != "của" or t.m.head.kind not in kinds("of_top_body_kinds"):
        return None
    body = next((b for b in lexicon().top_bodies if _match(t.tokens, k + 1, b)), None)
    if body is None and k + 1 < len(t.tokens):        # the body abbreviated ("của QH")
        kn = known_at(t.tokens, k + 1)
        body = kn[0] if kn is not None and key_tokens(kn[1].name) in lexicon().top_bodies else None
    if body is None or not t.tokens[k + 1].text[0].isupper():
        return None
    if t.m.parent is None:              # the top body is the committee's parent, and a unit of the text
        t.m.parent = parse_at(t.text, t.tokens, k + 1, t.depth + 1)
    return k + 1 + len(body)


_NAME_STEPS = (_step_term, _step_of_top_body, _step_punctuation, _step_dash, _step_comma_list, _step_and, _step_comma, _step_ampersand,
               _step_viet_nam, _step_place, _step_central_branch, _step_capitalised, _step_digit, _step_number, _step_level,
               _step_after_abbreviation, _step_bigram, _step_stop_word)


def _descriptive_lead(tokens, j, h) -> bool:
    """tokens[j] is a determiner that opens a descriptive name ("các"): after a head whose name may run in
    lower case when a content word follows, after any head when a capitalised word follows."""
    lx = lexicon()
    if j + 1 >= len(tokens) or tokens[j].text not in lx.descriptive_leads:
        return False
    w = tokens[j + 1].text
    if not tokens[j + 1].is_word or w.lower() in lx.stop or level_at(tokens, j + 1):
        return False
    return h.lower_name or is_syllable_cap(w) and not head_at(tokens, j + 1) and not starts_person_name(tokens, j + 1)


_MAX_TRADE_WORDS = 4


def _trade_lead(tokens: list[Token], j: int, h) -> int:
    """Number of lower-case words of trade between a company's legal form and its proper name ("Công ty
    cổ phần vận tải Sông Hồng"); 0 when no capitalised name follows them."""
    if not h.lower_lead:
        return 0
    stop = lexicon().stop
    k = j
    while k < len(tokens) and k - j < _MAX_TRADE_WORDS and tokens[k].text[0].islower() \
            and tokens[k].is_word and tokens[k].text not in stop:
        k += 1
    return k - j if k > j and k < len(tokens) and is_syllable_cap(tokens[k].text) else 0


def _comma_phrase_at(tokens, k) -> bool:
    """tokens[k:] start a phrase printed with a comma inside names ("phòng, chống")."""
    return any(_match(tokens, k, seq) for seq in lexicon().comma_phrases)


def _comma_phrase_through(tokens, k, j) -> int:
    """At the comma tokens[k]: number of tokens from it to the end of a comma phrase around it
    ("phòng cháy, chữa cháy"), else 0."""
    for seq in lexicon().comma_phrases:
        c = seq.index(",")
        if k - c >= j and _match(tokens, k - c, seq):
            return len(seq) - c
    return 0


def _type_end(tokens, j) -> int:
    """Index after the type words of an eponymous head ("THCS", "Trung học phổ thông chuyên")."""
    types = lexicon().eponym_types or {}
    k = j
    while k < len(tokens):
        hit = next((seq for seq, _ in types.get(tokens[k].text.lower(), ()) if _match(tokens, k, seq)), None)
        if hit is None:
            break
        k += len(hit)
    return k


def _eponym_end(tokens, j) -> int | None:
    """After "Trường THCS" / "Bệnh viện Đa khoa": a person-shaped run is the unit's own name ("Chu Văn An"),
    not a person; returns the index after it. A run longer than a name is the eponym then a person
    ("Trường THCS Lê Quý Đôn Trần Văn Bình"): the person starts at the surname before a middle name."""
    q = _type_end(tokens, j)
    if q == j or q >= len(tokens) or tokens[q].text not in _surnames():
        return None
    run = name_run(tokens, q, max_len=8)
    if run < 2:
        return None
    if run <= 4:
        return q + run
    cands = [p for p in range(q + 2, q + run - 1) if tokens[p].text in _surnames()]
    mid = [p for p in cands if tokens[p + 1].text in _middle_names()]
    return (mid or cands or [q + run])[0]


@lru_cache(maxsize=1)
def _person_marker() -> re.Pattern:
    words = "|".join(re.escape(w) for w in office_lexicon().person_markers)
    return re.compile(rf"\b(?:{words})\s+(?=\w)", re.IGNORECASE)


@lru_cache(maxsize=4)
def _marked_name_starts(text: str) -> dict[str, list[int]]:
    """Where a name follows "ông", "bà", "đồng chí" in the text, by the name's first word (computed once
    per document: looking for every candidate name again would make long documents quadratic)."""
    out: dict[str, list[int]] = {}
    for m in _person_marker().finditer(text):
        word = _WORD.match(text, m.end())
        out.setdefault(word.group(0), []).append(m.end())
    return out


@lru_cache(maxsize=4)
def _word_starts(text: str) -> dict[str, list[int]]:
    """Where each word (lower case) starts in the text, computed once per document."""
    out: dict[str, list[int]] = {}
    for m in _WORD.finditer(text):
        out.setdefault(m.group(0).lower(), []).append(m.start())
    return out


_WORD = re.compile(r"\w+")
_MAX_ELSEWHERE = 64     # occurrences of a phrase looked at elsewhere: a bound, so that text made of one
                        # phrase repeated thousands of times stays linear


def _person_elsewhere(text: str, tokens: list[Token], j: int) -> bool:
    """tokens[j:] start a 2-4 syllable run that the document prints elsewhere after "ông"/"bà"/"đồng chí"
    ("Ông Rơ Mah Tuấn" makes "Giám đốc Sở Rơ Mah Tuấn" the bare head, then the person)."""
    run = name_run(tokens, j)
    if not 2 <= run <= 4 or j + run < len(tokens) and tokens[j + run].text[0].isupper():
        return False
    phrase = text[tokens[j].start:tokens[j + run - 1].end]
    for p in _marked_name_starts(text).get(_WORD.match(phrase).group(0), ())[:_MAX_ELSEWHERE]:
        e = p + len(phrase)
        if p != tokens[j].start and text.startswith(phrase, p) and not (e < len(text) and _WORD.match(text, e)):
            return True
    return False


def _after_title(tokens, i: int) -> bool:
    """An office title ends at (or runs into) tokens[i]: "<title> <unit> <person>" may follow."""
    for back in range(1, 7):
        if i - back >= 0:
            mt = match_title(tokens, i - back)
            if mt is not None and mt.end >= i:
                return True
    return False


def _printed_elsewhere(text: str, tokens: list[Token], start: int, k: int) -> bool:
    """The name up to and including tokens[k] is printed elsewhere in the document as a whole name (not
    followed by another name syllable): "Công ty Than Nam Tràng Bạch - TKV" makes "Bạch" in "Giám đốc
    Công ty Than Nam Tràng Bạch Nguyễn Văn Hùng" part of the unit, not a surname."""
    phrase = text[start:tokens[k].end]
    if len(phrase.split()) < 3:
        return False
    words = phrase.split()
    pat = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)", re.IGNORECASE)
    first = _WORD.match(words[0])
    for at in _word_starts(text).get(first.group(0).lower() if first else "", ())[:_MAX_ELSEWHERE]:
        mt = pat.match(text, at)
        if mt is None or mt.start() == start:
            continue
        nxt = re.match(r"[ \t]*(\S+)", text[mt.end():mt.end() + 40])
        if nxt is None or not is_syllable_cap(nxt.group(1).rstrip(".,;:)")) or not nxt.group(1)[0].isalpha():
            return True
    return False


def _bigram_at(tokens, k) -> bool:
    """tokens[k:k+2] is a word pair of names whose first word is otherwise a stop word ("cơ sở")."""
    return k + 1 < len(tokens) and (tokens[k].text.lower(), tokens[k + 1].text.lower()) in lexicon().name_bigrams \
        and tokens[k].text.lower() in lexicon().stop




def _initials(s: str) -> str:
    return "".join(w[0] for w in s.split()).upper()


def _enumeration_follows(tokens: list[Token], k: int, kind: str | None = None) -> bool:
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
        functional = kind in kinds("functional_kinds")     # sub-units are named after lists of functions
        if w in _HARD_STOP or w.lower() in lx.stop:
            return functional and x > k and (w.lower() in lx.stop or w in ".;:") and x - k <= 4
        if not w[0].islower():      # "Phòng Công chức, viên chức Sở Nội vụ": up to the parent unit
            return functional and x > k and bool(head_at(tokens, x) or known_at(tokens, x))
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
    i = 0
    while i < len(tokens):
        if not tokens[i].text[0].isupper() and _lower_committee_at(tokens, i) is None \
                or ctx.in_furniture(tokens[i].start):
            i += 1
            continue
        tm = match_title(tokens, i)
        if tm is not None:
            m, i = _unit_of_title(text, tokens, tm, out)
            if m is None:
                continue
        else:
            m = parse_at(text, tokens, i)
            if m is None or i > 0 and m.head and m.head.owner and _embedded_in_title(tokens, i):
                i += 1          # a head that ends a title ("Chánh Văn phòng"): not a mention itself
                continue
        skip = _not_one_unit(tokens, i, m)
        if skip is not None:
            i = skip
            continue
        _paren_after(text, tokens, m)
        apposed_parent(text, tokens, m)
        _share_level(tokens, out, m)
        _share_owner(text, tokens, out, m)
        out.append(m)
        i = max(m.tok_end, i + 1)
    return out


def _share_level(tokens: list[Token], out: list[Mention], m: Mention) -> None:
    """"HĐND, UBND tỉnh", "HĐND và UBND xã X": heads listed before one level phrase share it."""
    if m.level_word is None or m.head is None:
        return
    k = len(out) - 1
    while k >= 0:
        prev = out[k]
        between = [t.text for t in tokens[prev.tok_end:_start_token(tokens, m if k == len(out) - 1 else out[k + 1])]]
        if not (prev.bare and prev.head is not None and prev.head.bare == "level" and between in ([","], ["và"])):
            return
        prev.bare, prev.level_word, prev.place, prev.rule = False, m.level_word, m.place, SHARED_LEVEL
        prev.shared_level = True
        k -= 1


def _share_owner(text: str, tokens: list[Token], out: list[Mention], m: Mention) -> None:
    """"tham gia Ban Chấp hành, Ban Thường vụ Huyện ủy X": a bare Party body listed before another of the same
    committee shares that committee."""
    if not out or m.head is None or m.head.level != "party" or not m.head.owner or m.tok_start is None:
        return
    prev = out[-1]
    between = [t.text for t in tokens[prev.tok_end:m.tok_start]]
    if not (prev.bare and prev.head is not None and prev.head.owner and prev.head.level == "party"
            and between in ([","], ["và"])):
        return
    inner = m.inner or parse_at(text, tokens, m.tok_start + len(key_tokens(m.head.text)))
    if inner is not None and inner.head is not None and inner.head.bare == "self":
        prev.bare, prev.inner, prev.rule = False, inner, SHARED_LEVEL


def _start_token(tokens: list[Token], m: Mention) -> int:
    """Index of the mention's first token (found from its offset: mentions keep their token end only)."""
    if m.tok_start is not None:
        return m.tok_start
    k = m.tok_end - 1
    while k > 0 and tokens[k - 1].end > m.start:
        k -= 1
    return k


def _unit_of_title(text: str, tokens: list[Token], tm, out: list[Mention]) -> tuple[Mention | None, int]:
    """The unit a title names (mention, index to go on from): a title ending in a head noun continues
    into its unit ("Trưởng phòng Quản lý ngân sách" -> "Phòng Quản lý ngân sách"); a title with its own
    unit may print it ("Thủ tướng Chính phủ", added to `out` at once)."""
    emb, n = tm.office.embeds, len(tokens)
    if not emb:
        i = tm.end
        inside = _office_unit_inside(text, tokens, tm)
        if inside is not None:
            out.append(inside)
            return None, max(i, inside.tok_end)
        if tm.office.unit and i < n and tokens[i].text[0].isupper():
            implied = known_at(tokens, i)
            if implied and implied[1].name == tm.office.unit:
                m = parse_at(text, tokens, i)
                if m is not None and m.known is implied[1]:
                    out.append(m)
                i += len(implied[0])
        return None, i
    k = tm.end - len(emb.split())
    m = None
    if tm.end < n and tokens[tm.end].text[0].isupper():     # "Trưởng phòng Phòng X": the head printed twice
        m = parse_at(text, tokens, tm.end)
        if m is not None and m.head is not None and m.head.kind == emb:
            k = tm.end
        else:
            m = None
    if m is None:
        m = parse_embedded(text, tokens, k, emb)
        if m is not None:
            m.rule = TITLE_EMBEDDED
    # "Chánh Văn phòng UBND tỉnh", "Chánh Văn phòng Sở GD&ĐT": the office of a local body is a unit of its own;
    # "Chánh Văn phòng Cục X" names a desk inside Cục X, which is the unit mentioned
    local_office = m is not None and m.inner is not None and m.inner.head is not None \
        and (m.inner.head.bare == "level" and m.inner.level_word is not None
             or m.inner.head.level in ("province", "district") and not m.inner.bare)
    if m is None or m.bare or m.inner is not None and not local_office \
            or (m.head is not None and m.head.kind != emb and not m.head.text.startswith(emb + " ")):
        return None, tm.end
    return m, k


def _office_unit_inside(text: str, tokens: list[Token], tm) -> Mention | None:
    """The unit of an office printed inside its title ("Thường trực Ban Bí thư", "Tổng Thanh tra Chính
    phủ" -> "Thanh tra Chính phủ"): a known body starting within the title that is the office's unit."""
    if not tm.office.unit:
        return None
    for k in range(tm.start + 1, tm.end):
        if tokens[k].text[0].isupper():
            m = parse_at(text, tokens, k)
            if m is not None and m.known is not None and m.known.name == tm.office.unit and m.tok_end >= tm.end:
                return m
    return None


def _not_one_unit(tokens: list[Token], i: int, m: Mention) -> int | None:
    """Where to go on when the mention at tokens[i] is not one unit: a head after a name syllable ("Y Khoa
    Niê": a person), a class of units ("các Cục", "20 Chi cục Hải quan khu vực", a descriptive name: "các Ban
    Quản lý dự án chuyên ngành"); None when it is one."""
    if i == 0:
        return None
    before = tokens[i - 1].text
    if m.head is not None and not m.head.abbr and tokens[i - 1].is_word \
            and (len(before) == 1 or before in _surnames()) and before[0].isupper():
        return i + 1
    if (m.bare or not m.hard_end and before.isdigit() or m.head is not None and m.head.lower_name) \
            and (before.lower() in lexicon().quantifiers or before.isdigit()):
        return m.tok_end
    if m.inner is not None and m.rule == HEAD_INNER and before.lower() in lexicon().quantifiers:
        return _start_token(tokens, m.inner)    # "các Ban HĐND tỉnh": departments of a unit, a class; the unit stays
    if m.bare and tokens[i].text.islower() and _listed_after_quantifier(tokens, i):
        return m.tok_end        # "các huyện ủy, thành ủy, đảng ủy": every item of a class in lower case is a class
    return None


def _listed_after_quantifier(tokens: list[Token], i: int) -> bool:
    """tokens[i] is an item of a lower-case list opened by a quantifier ("các huyện ủy, thành ủy")."""
    k = i - 1
    for _ in range(4):
        if k < 1 or tokens[k].text not in (",", "và"):
            return False
        k -= 1
        while k > 0 and i - k < 12 and tokens[k].text.islower() and tokens[k].text not in lexicon().quantifiers:
            k -= 1
        if tokens[k].text.lower() in lexicon().quantifiers:
            return True
    return False


def sub_rank(kind: str | None) -> int:
    """How deep a unit of this head kind sits inside an organisation (unit_heads.toml `sub_rank`): 0 for
    organisations in their own right, higher for their departments."""
    return lexicon().sub_rank.get(kind or "", 0)


def apposed_parent(text: str, tokens: list[Token], m: Mention) -> None:
    """"Khoa Nhi, Bệnh viện Đa khoa tỉnh", "Phòng X, Ban Y": a department followed, after a comma, by a unit
    of a higher level is a department of that unit."""
    k = m.tok_end
    if m.parent is not None or m.bare or not sub_rank(m.kind) or k + 1 >= len(tokens) or tokens[k].text != ",":
        return
    nxt = parse_at(text, tokens, k + 1)
    if nxt is None or nxt.bare and not (nxt.head and nxt.head.bare) or nxt.known is None and nxt.head is None:
        return
    rank = sub_rank(nxt.kind)
    if rank and rank >= sub_rank(m.kind):
        return
    m.parent = nxt


def parse_embedded(text: str, tokens: list[Token], k: int, head: str) -> Mention | None:
    """The unit whose head noun ends a title ("Trưởng phòng Quản lý ngân sách" -> "Phòng Quản lý ngân sách")."""
    if tokens[k].text[0].isupper():
        return parse_at(text, tokens, k)
    first = head.split()[0]
    m = parse_as_head(text, tokens, k, first)
    if m is not None:
        m.printed = first + m.printed[len(first):]
    return m


def parse_as_head(text: str, tokens: list[Token], k: int, word: str) -> Mention | None:
    """parse_at with tokens[k] read as `word` (the head noun a title ends with, printed in lower case:
    "Trưởng phòng Quản lý ngân sách"). The token is swapped in place and put back: no copy of the list."""
    saved = tokens[k]
    tokens[k] = Token(word, saved.start, saved.end)
    try:
        return parse_at(text, tokens, k)
    finally:
        tokens[k] = saved


def _title(tokens, i):
    return match_title(tokens, i)


def _embedded_in_title(tokens, i) -> bool:
    for back in (1, 2):
        if i - back >= 0:
            mt = match_title(tokens, i - back)
            if mt is not None and mt.end > i:
                return True
    return False
