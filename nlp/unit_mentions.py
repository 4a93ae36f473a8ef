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
from nlp.segment import Token, is_syllable_cap, name_run, starts_person_name, surnames as _surnames, tokenize
from nlp.registry import rule
from nlp.unit_lexicon import Head, Known, compound_tail, lexicon, unit_key

KNOWN_BODY = rule("units.known_body", "unit", "a body from known_units.toml or its abbreviation (VPCP, Bộ Nội vụ)")
KNOWN_BRANCH = rule("units.known_branch", "unit",
                    "a known body then a place: its local branch, named as printed (MTTQ Việt Nam tỉnh Kon Tum)")
HEAD_BARE = rule("units.head_bare", "unit",
                 "a head noun alone (Cục, UBND tỉnh, Đảng ủy): the document's unit of that kind")
HEAD_INNER = rule("units.head_of_unit", "unit", "a head noun then another unit (Đảng ủy VPCP, Công đoàn Bộ Y tế)")
HEAD_SECTOR = rule("units.head_sector", "unit", "a head noun then a sector (Sở Khoa học và Công nghệ [tỉnh X])")
HEAD_LEVEL = rule("units.head_level", "unit", "a head noun then a level and place (UBND huyện Phong Thổ)")
HEAD_PROVINCE = rule("units.head_province", "unit", "a self-scoped Party committee then its province (Tỉnh ủy Sơn La)")
HEAD_NUMBER = rule("units.head_number", "unit", "a head named by a number (Quân khu 4, Sư đoàn 324)")
HEAD_NAME = rule("units.head_name", "unit",
                 "a head noun then a name up to a stop word, a person, a title or punctuation")
TITLE_EMBEDDED = rule("units.title_embedded", "unit",
                      "a title ending in a head noun then the unit's name (Trưởng phòng Quản lý ngân sách)")

MAX_NAME_TOKENS = 18
_HARD_STOP = set(".,;:!?()[]{}\"“”'‘’«»…/|\n")
GENDER_MIDDLE = ("Thị", "Văn")     # second syllable that makes a 3-4 syllable run a person's name
_QUANTIFIERS = {"các", "những", "mỗi", "từng", "nhiều", "một", "mọi"}


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


def _match(tokens: list[Token], i: int, seq: tuple[str, ...]) -> bool:
    """tokens[i:] starts with the lower-cased words `seq`."""
    if i + len(seq) > len(tokens):
        return False
    return all(tokens[i + k].text.lower() == w for k, w in enumerate(seq))


def head_at(tokens, i):
    if not tokens[i].text[0].isupper():
        return None
    for seq, h in lexicon().heads.get(tokens[i].text.lower(), ()):
        if _match(tokens, i, seq):
            # the lexicon's capitalisation of the first word must match ("Sở", "UBND"), the rest may vary
            if tokens[i].text == (tokens[i].text.upper() if h.abbr else h.text.split()[0]):
                if h.level_only and not level_at(tokens, i + len(seq)):
                    continue        # "Đoàn Thị Hải Yến": a name; "Đoàn xã Tân Lập": a unit
                return seq, h
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
    if i >= len(tokens) or not (tokens[i].text[0].islower() or tokens[i].text == "TP"
                                or tokens[i].text == "Thành" and _match(tokens, i, ("thành", "phố"))):
        return None             # "Thành phố" is often capitalised after a body ("UBND Thành phố")
    for seq, lvl in lx.levels.get("thành" if tokens[i].text == "TP" else tokens[i].text.lower(), ()):
        if tokens[i].text == "TP":
            seq = ("tp",)
        if _match(tokens, i, seq):
            j = i + len(seq)
            if seq == ("tp",) and j + 1 < len(tokens) and tokens[j].text == "." and tokens[j + 1].text[0].isupper():
                j += 1          # "TP. Hồ Chí Minh"
            word = "thành phố" if seq == ("tp",) else " ".join(t.text for t in tokens[i:j])
            if j < len(tokens) and tokens[j].text[0].isupper():
                for pseq, canon in lx.provinces.get(tokens[j].text.lower(), ()):
                    if _match(tokens, j, pseq) and tokens[j].text[0].isupper():
                        return j + len(pseq), word, canon
            if lvl == "province" and word == "tỉnh":
                return j, word, None
            k = j
            while k < len(tokens) and k - j < 6 and tokens[k].text[0].isupper() and tokens[k].text.isalpha() \
                    and head_at(tokens, k) is None:
                k += 1
            if k - j >= 3 and (starts_person_name(tokens, j) and tokens[j + 1].text in _middle_names()
                               or tokens[j + 1].text in GENDER_MIDDLE and name_run(tokens, j) <= 4):
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
    """The unit mention starting at tokens[i], or None."""
    if i >= len(tokens) or depth > 3:
        return None
    kn = known_at(tokens, i)
    hd = head_at(tokens, i)
    if kn and (not hd or len(kn[0]) >= len(hd[0])):
        seq, k = kn
        j = i + len(seq)
        m = Mention(tokens[i].start, tokens[j - 1].end, j, text[tokens[i].start:tokens[j - 1].end],
                    kind=k.kind, level="central", known=k, name=k.name, rule=KNOWN_BODY)
        if j + 1 < len(tokens) and tokens[j].text.lower() == "chi" and tokens[j + 1].text.lower() == "nhánh":
            j += 2              # "Ngân hàng Nhà nước chi nhánh tỉnh Vĩnh Phúc"
        paren = None
        if j + 3 < len(tokens) and tokens[j].text == "(" and tokens[j + 2].text == ")" \
                and unit_key(tokens[j + 1].text) == unit_key(k.name) and level_at(tokens, j + 3):
            paren = (tokens[j + 1].text, (tokens[j - 1].end, tokens[j + 2].end))
            j += 3              # "Bộ đội Biên phòng (BĐBP) tỉnh Quảng Bình": the abbreviation defined in passing
        lvl = level_at(tokens, j)
        if not lvl:
            pl = place_at(tokens, j)
            lvl = (pl[0], None, pl[1]) if pl else None
        if lvl and (lvl[2] or lvl[1] in ("tỉnh", "huyện", "thành phố")):
            # "MTTQ Việt Nam tỉnh Kon Tum", "KBNN Quảng Ninh": the local body, named as printed
            m.tok_end, m.level_word, m.place = lvl
            m.end = tokens[m.tok_end - 1].end
            m.printed = text[m.start:m.end]
            m.known, m.name, m.level = None, None, "province"
            m.as_printed, m.rule = True, KNOWN_BRANCH
            if paren:
                m.paren_alias, m.cut = paren
                m.printed = (text[m.start:paren[1][0]] + text[paren[1][1]:m.end]).strip()
        return m
    if not hd:
        return None
    seq, h = hd
    j = i + len(seq)
    m = Mention(tokens[i].start, tokens[j - 1].end, j, "", kind=h.kind, level=h.level, head=h)
    m.tok_start = i
    _parse_tail(text, tokens, m, j, depth)
    if h.level_only and not m.level_word or m.generic:
        return None             # "Đoàn" names a unit only before a level word ("Đoàn xã Tân Lập")
    m.printed = text[m.start:m.end]
    cut = m.cut
    if cut:
        m.printed = (text[m.start:cut[0]] + text[cut[1]:m.end]).strip()
    return m


def _parse_tail(text, tokens, m: Mention, j: int, depth: int) -> None:
    lx = lexicon()
    n = len(tokens)
    h = m.head

    def finish(k, hard=True, rule=HEAD_NAME):
        m.tok_end = k
        m.end = tokens[k - 1].end
        m.hard_end = hard
        m.rule = rule

    # "Hội Nông dân (HND) tỉnh Đắk Lắk": the head's abbreviation defined in passing
    if j + 2 < n and tokens[j].text == "(" and tokens[j + 2].text == ")" and _initials(h.text) == tokens[j + 1].text:
        m.paren_alias = tokens[j + 1].text
        m.cut = (tokens[j - 1].end, tokens[j + 2].end)
        j += 3
    if j >= n or tokens[j].text in _HARD_STOP:
        m.bare = True
        return finish(j, rule=HEAD_BARE)
    # another unit right after the head: "Đảng ủy VPCP", "Đảng bộ Cục", "Văn phòng Thanh tra tỉnh"
    if tokens[j].text[0].isupper() and not starts_person_name(tokens, j) and h.kind not in ("Bộ", "Sở", "Phòng"):
        inner = parse_at(text, tokens, j, depth + 1)
        if inner is not None and not h.owner and inner.known is None and not (inner.head and inner.head.abbr):
            inner = None        # "Trường Đại học Kinh tế Quốc dân": one name, not a unit inside a unit
        if inner is not None and h.eponym and _type_end(tokens, j) > j:
            inner = None        # "Trường THPT Nghi Lộc": a school type, not a unit inside the school
        if inner is not None and (not inner.bare or (inner.head and inner.head.bare == "main")):
            if inner.as_printed:
                m.as_printed = True
                if inner.cut:
                    m.cut = inner.cut
                return finish(inner.tok_end, inner.hard_end, HEAD_INNER)
            m.inner = inner
            return finish(inner.tok_end, inner.hard_end, HEAD_INNER)
    # a sector: "Sở Khoa học và công nghệ", "Bộ Lao động - Thương binh và Xã hội"
    sec = _sector_at(tokens, j) if h.kind in _SECTOR_KINDS else None
    if sec and h.kind not in ("Bộ", "Sở") and sec[0] < n and tokens[sec[0]].text[0].islower() \
            and tokens[sec[0]].text.lower() not in lx.stop and not level_at(tokens, sec[0]):
        sec = None            # the name goes on after the sector words ("Khoa Kinh tế vận tải")
    if sec:
        k, canon = sec
        if _bigram_at(tokens, k):       # "Phòng Thi đua - Khen thưởng cơ sở"
            canon += " " + text[tokens[k].start:tokens[k + 1].end]
            k += 2
        m.sector = canon
        m.named = True
        lvl = level_at(tokens, k)
        if lvl:
            k, m.level_word, m.place = lvl
        else:
            pl = place_at(tokens, k)
            if pl:
                k, m.place = pl[0], pl[1]
                m.place_printed = True
        return finish(k, rule=HEAD_SECTOR)
    lvl = level_at(tokens, j)
    if lvl:
        k, m.level_word, m.place = lvl
        if not m.place and k + 1 < n and tokens[k].text in (",", "và", "/") and level_at(tokens, k + 1):
            m.generic = True    # "UBND xã, phường": a class of units, not one
        return finish(k, rule=HEAD_LEVEL)
    if h.scope == "province" and tokens[j].text[0].isupper():
        # "Tỉnh ủy Sơn La": the province, even where its first word is also a surname
        for pseq, canon in lx.provinces.get(tokens[j].text.lower(), ()):
            if _match(tokens, j, pseq):
                m.named = True
                m.place = canon
                return finish(j + len(pseq), rule=HEAD_PROVINCE)
    t = tokens[j]
    if h.numbered and t.text.isdigit():         # "Quân khu 4", "Sư đoàn 324"
        m.named = True
        return finish(j + 1, rule=HEAD_NUMBER)
    lead = _descriptive_lead(tokens, j, h)
    if lead:                    # "Ban Chỉ đạo các chương trình ...", "Công đoàn các Khu công nghiệp tỉnh"
        t = tokens[j + 1]
    eponym = _eponym_end(tokens, j) if h.eponym else None
    if eponym is None and (not (t.text[0].isupper() or t.text[0].isdigit() and h.kind in ("Trường",)
                                or h.lower_name and t.text[0].islower() and t.text.lower() not in lx.stop)
                           or starts_person_name(tokens, j) or _title_at(tokens, j)
                           or _person_elsewhere(text, tokens, j)):
        m.bare = True
        return finish(j, rule=HEAD_BARE)
    # a name: a capitalised word, then words up to a stop
    m.named = True
    k = eponym or (j + 1 if lead else j)
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
        if w == "," and k > j and not enumerated and _enumeration_follows(tokens, k + 1, h.kind):
            enumerated = True
            k += 1
            continue
        if w == "và" and k > j and k + 1 < n and tokens[k + 1].text[0].islower() \
                and tokens[k + 1].text not in lx.no_continue:
            enumerated = True
            k += 1
            continue
        if w == "và" and k > j and k + 1 < n and is_syllable_cap(tokens[k + 1].text) \
                and tokens[k - 1].is_word and not head_at(tokens, k + 1) and not known_at(tokens, k + 1) \
                and not starts_person_name(tokens, k + 1) and not _title_at(tokens, k + 1) \
                and not _honorific_at(tokens, k + 1) \
                and tokens[k + 1].text not in lx.not_after_and or w == "và" and k > j and _comma_phrase_at(tokens, k + 1):
            enumerated = True      # "Ban Tuyên giáo và Dân vận Tỉnh ủy"
            k += 1
            continue
        skip = _comma_phrase_through(tokens, k, j) if w == "," else 0
        if skip:
            k += skip           # "Cục Quản lý đê điều và Phòng, chống thiên tai"
            continue
        if w == ",":
            break
        if w == "&":
            k += 1
            continue
        if w == "Nam" and k > j and tokens[k - 1].text == "Việt":
            k += 1              # a name ends with "Việt Nam" unless a level phrase follows
            lvl = level_at(tokens, k)
            if lvl and (lvl[2] or lvl[1] in ("tỉnh", "thành phố", "huyện") or lvl[0] >= n
                        or tokens[lvl[0]].text in _HARD_STOP):
                k, m.level_word, m.place = lvl      # "Ủy ban MTTQ Việt Nam tỉnh;": the province's
            break
        pl = place_at(tokens, k) if w[0].isupper() else None
        if pl:                  # "UBND TP.HCM", "Kho bạc Nhà nước Quảng Ninh": the place ends the name
            k, m.place = pl[0], pl[1]
            break
        if w[0].isupper():
            if k > j and (starts_person_name(tokens, k) and " ".join(x.text for x in tokens[k:k + 2]) not in lx.places
                          and not _printed_elsewhere(text, tokens, m.start, k)
                          and (name_run(tokens, k) > 2 or _after_title(tokens, j if m.tok_start is None else m.tok_start))
                          or _title_at(tokens, k)):
                break
            if k > j and (head_at(tokens, k) or known_at(tokens, k)):
                nxt = parse_at(text, tokens, k, depth + 1)
                if nxt is not None and not nxt.bare:
                    m.parent = nxt
                    break
            k += 1
            continue
        if w[0].isdigit():
            hard = False
            break
        if w == "số" and k > j and k + 1 < n and tokens[k + 1].text.isdigit():
            k += 2              # "Đội Quản lý thị trường số 3", "Trường Tiểu học số 1"
            break
        lvl = level_at(tokens, k)
        if lvl and (lvl[2] or k + len(lvl[1].split()) >= n or tokens[k + len(lvl[1].split())].text in _HARD_STOP):
            k, m.level_word, m.place = lvl
            break
        if lvl and lvl[1] in _LEVELS_ENDING and k > j and tokens[lvl[0]].text[0].islower() \
                and not level_at(tokens, lvl[0]):
            k, m.level_word, m.place = lvl     # "Trung tâm X thành phố đứng đầu": a bare level word ends it
            hard = False
            break
        if _bigram_at(tokens, k):
            k += 2              # "Phòng Thi đua - Khen thưởng cơ sở"
            continue
        prev = tokens[k - 1].text
        if prev not in (",", "và") and (prev.lower(), w.lower()) not in lx.name_bigrams \
                and (w.lower() in lx.stop and not compound_tail(prev, w)
                     or k + 1 < n and (w.lower(), tokens[k + 1].text.lower()) in lx.stop2):
            hard = False
            break
        k += 1
    else:
        hard = k >= n
    # never end on a lower-case connector
    while k > j + 1 and tokens[k - 1].text.lower() in ("và", "-", "&"):
        k -= 1
    finish(k, hard)


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


_HONORIFIC_BEFORE = re.compile(r"\b(?:ông|bà|đồng chí)\s+$", re.IGNORECASE)


def _person_elsewhere(text: str, tokens: list[Token], j: int) -> bool:
    """tokens[j:] start a 2-4 syllable run that the document prints elsewhere after "ông"/"bà"/"đồng chí"
    ("Ông Rơ Mah Tuấn" makes "Giám đốc Sở Rơ Mah Tuấn" the bare head, then the person)."""
    run = name_run(tokens, j)
    if not 2 <= run <= 4 or j + run < len(tokens) and tokens[j + run].text[0].isupper():
        return False
    phrase = text[tokens[j].start:tokens[j + run - 1].end]
    pat = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)")
    for mt in pat.finditer(text):
        if mt.start() != tokens[j].start and _HONORIFIC_BEFORE.search(text[max(0, mt.start() - 12):mt.start()]):
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
    pat = re.compile(r"(?<!\w)" + r"\s+".join(re.escape(w) for w in phrase.split()) + r"(?!\w)", re.IGNORECASE)
    for mt in pat.finditer(text):
        if mt.start() == start:
            continue
        nxt = re.match(r"[ \t]*(\S+)", text[mt.end():mt.end() + 40])
        if nxt is None or not is_syllable_cap(nxt.group(1).rstrip(".,;:)")) or not nxt.group(1)[0].isalpha():
            return True
    return False


def _bigram_at(tokens, k) -> bool:
    """tokens[k:k+2] is a word pair of names whose first word is otherwise a stop word ("cơ sở")."""
    return k + 1 < len(tokens) and (tokens[k].text.lower(), tokens[k + 1].text.lower()) in lexicon().name_bigrams \
        and tokens[k].text.lower() in lexicon().stop


_LEVELS_ENDING = ("tỉnh", "thành phố", "huyện", "quận", "thị xã")
_SECTOR_KINDS = {"Bộ", "Sở", "Phòng", "Vụ", "Ban", "Ủy ban", "Hội đồng", "Khoa"}
_FUNCTIONAL_KINDS = {"Phòng", "Ban", "Khoa", "Vụ", "Trung tâm", "Văn phòng", "Tổ"}


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
        functional = kind in _FUNCTIONAL_KINDS     # sub-units are named after lists of functions
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
                    implied = known_at(tokens, i)     # "Thủ tướng Chính phủ": the title's own unit, printed
                    if implied and implied[1].name == tm.office.unit:
                        m = parse_at(text, tokens, i)
                        if m is not None and m.known is implied[1]:
                            out.append(m)
                        i += len(implied[0])
                continue
            k = tm.end - len(emb.split())
            m = None
            if tm.end < n and tokens[tm.end].text[0].isupper():     # "Trưởng phòng Phòng X"
                m = parse_at(text, tokens, tm.end)
                if m is not None and m.head is not None and m.head.kind == emb:
                    k = tm.end
                else:
                    m = None
            if m is None:
                m = parse_embedded(text, tokens, k, emb)
                if m is not None:
                    m.rule = TITLE_EMBEDDED
            # "Chánh Văn phòng UBND tỉnh": the office of a people's committee is a unit of its own;
            # "Chánh Văn phòng Cục X" names a desk inside Cục X, which is the unit mentioned
            local_office = m is not None and m.inner is not None and m.inner.head is not None \
                and m.inner.head.bare == "level" and m.inner.level_word is not None
            if m is None or m.bare or m.inner is not None and not local_office \
                    or (m.head is not None and m.head.kind != emb and not m.head.text.startswith(emb + " ")):
                i = tm.end
                continue
            i = k
        else:
            m = parse_at(text, tokens, i)
        if m is None:
            i += 1
            continue
        # a head that is the tail of a title ("Chánh Văn phòng", "Trưởng phòng"): not a mention itself
        if tm is None and i > 0 and m.head and m.head.owner and _embedded_in_title(tokens, i):
            i += 1
            continue
        if i > 0 and m.head is not None and not m.head.abbr and tokens[i - 1].is_word \
                and (len(tokens[i - 1].text) == 1 or tokens[i - 1].text in _surnames()) and tokens[i - 1].text[0].isupper():
            i += 1          # "Y Khoa Niê": a name, not the head "Khoa"
            continue
        if i > 0 and (m.bare or not m.hard_end and tokens[i - 1].text.isdigit()) \
                and (tokens[i - 1].text.lower() in _QUANTIFIERS or tokens[i - 1].text.isdigit()):
            i = m.tok_end       # "các Cục", "20 Chi cục Hải quan khu vực theo mô hình mới": a class of units
            continue
        _paren_after(text, tokens, m)
        _apposed_parent(text, tokens, m)
        out.append(m)
        i = max(m.tok_end, i + 1)
    return out


def sub_rank(kind: str | None) -> int:
    """How deep a unit of this head kind sits inside an organisation (unit_heads.toml `sub_rank`): 0 for
    organisations in their own right, higher for their departments."""
    return lexicon().sub_rank.get(kind or "", 0)


def _apposed_parent(text: str, tokens: list[Token], m: Mention) -> None:
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
    fake = tokens[:k] + [Token(first, tokens[k].start, tokens[k].end)] + tokens[k + 1:]
    m = parse_at(text, fake, k)
    if m is not None:
        m.printed = first + m.printed[len(first):]
    return m


def _title(tokens, i):
    return match_title(tokens, i)


def _embedded_in_title(tokens, i) -> bool:
    for back in (1, 2):
        if i - back >= 0:
            mt = match_title(tokens, i - back)
            if mt is not None and mt.end > i:
                return True
    return False
