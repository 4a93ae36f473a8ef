"""People with their offices.

Patterns (titles from nlp/lexicons/offices.toml, names 2-4 capitalised syllables, usually starting
with a surname from nlp/lexicons/surnames.txt):
  TITLE [UNIT] (, TITLE [UNIT])* [,] [honorific] NAME   "Bí thư Đảng ủy, Cục trưởng Cục X Ngô Văn A"
  honorific NAME [, | -] TITLE [UNIT] (, TITLE [UNIT])*  "đồng chí Trần Thị B - Bí thư Tỉnh ủy"
  NAME, TITLE [UNIT]                                     "Lê Văn C, Phó Giám đốc Học viện"
"nguyên" marks a former office. A title without a unit shares the next title's unit ("Bộ trưởng,
Chủ nhiệm VPCP"); a bare Party body takes it ("Bí thư Đảng ủy, Cục trưởng Cục X" -> "Đảng ủy Cục X");
otherwise the document's one unit of the office's kind ("Cục trưởng" -> the article's Cục)."""
from __future__ import annotations

import re
from functools import lru_cache
from dataclasses import dataclass, field, replace

from nlp.context import DocContext
from nlp.lexicon import load_lexicon, phrase_alternation
from nlp.normalize import norm_key
from nlp.offices import TitleMatch, lexicon, match_title, match_words
from nlp.records import DocumentFields, Person, Position, Unit
from nlp.registry import rule, stage
from nlp.segment import Token, name_run, not_names, surnames, tokenize
from nlp.unit_lexicon import kinds as unit_kinds, lexicon as unit_lexicon, unit_key
from nlp.unit_mentions import apposed_parent, head_at, known_at, parse_as_head, parse_at, place_at
from nlp.units import UnitAnalysis, analyze, full_name, self_scoped

TITLE_THEN_NAME = rule("people.title_then_name", "person",
                       "TITLE [UNIT] (, TITLE [UNIT])* [,] [honorific] NAME: Cục trưởng Cục X Ngô Văn A")
TITLE_THEN_LIST = rule("people.title_then_list", "person",
                       "TITLE [UNIT]: NAME, NAME và NAME: each name listed after a colon holds the offices")
OFFICE_FOR_HOLDERS = rule("people.office_for_holders", "person",
                          "TITLE [UNIT] [khóa, nhiệm kỳ] đối với NAME[, TITLE] và NAME: an office elected to, "
                          "relieved of or extended, and the people it concerns")
HONORIFIC_NAME = rule("people.honorific_name", "person", "honorific NAME: đồng chí Trần Thị B, ông A")
HONORIFIC_LIST = rule("people.honorific_list", "person",
                      "honorific NAME, NAME và NAME: the honorific covers the whole list")
NAME_THEN_TITLE = rule("people.name_then_title", "person", "NAME, TITLE [UNIT] / NAME - TITLE [UNIT]")
KNOWN_PERSON = rule("people.known_person", "person",
                    "a person printed by a fixed form (known_people.toml: Chủ tịch Hồ Chí Minh, Bác Hồ)")
KNOWN_PERSON_OFFICE = rule("positions.known_person_office", "position",
                           "the historical office a fixed form gives (Chủ tịch Hồ Chí Minh), without unit")
SIGNER = rule("people.signer", "person", "the signer of an administrative document")
PRINTED_UNIT = rule("positions.printed_unit", "position", "TITLE UNIT: the unit printed after the title")
NEXT_OFFICE_UNIT = rule("positions.next_office_unit", "position",
                        "TITLE, TITLE UNIT: a title without a unit shares the next office's (Bộ trưởng, Chủ nhiệm VPCP)")
PARTY_BODY_OF_NEXT = rule("positions.party_body_of_next", "position",
                          "Bí thư Đảng ủy, Cục trưởng Cục X: the bare Party body is that of the next office's unit")
OFFICE_UNIT_HEAD = rule("positions.office_unit_head", "position",
                        "an office naming a self-scoped committee: Tỉnh ủy viên -> Tỉnh ủy <province>")
OFFICE_UNIT = rule("positions.office_unit", "position", "an office with its own unit: Thủ tướng -> Chính phủ")
SENTENCE_UNIT_OF_KIND = rule("positions.sentence_unit_of_kind", "position",
                             "a bare title takes the unit of its kind printed last before it in the sentence "
                             "(Bộ Xây dựng hiện có 7 Thứ trưởng)")
DOCUMENT_UNIT_OF_KIND = rule("positions.document_unit_of_kind", "position",
                             "a bare title takes the document's one unit of its kind (Cục trưởng -> the Cục)")
SIGNER_UNIT = rule("positions.signer_unit", "position", "the signing office in the issuer of the document")
NO_UNIT = rule("positions.no_unit", "position", "a title whose unit the text does not give")
OFFICE_IMPLIED = rule("units.office_implied", "unit", "a unit an office names by implication (Tỉnh ủy viên)")

_NAME_BREAK = {",", "-", "–", "("}


def _skip_honorifics(tokens, i) -> int:
    """Index after honorifics, ranks and degrees ("đồng chí", "Đại tá", "GS.TS", "PGS. TS", "ThS.")."""
    lx = lexicon()
    degree = False
    while i < len(tokens):
        w = tokens[i].text
        wl = w.lower()
        if wl not in lx.honorifics and not (w[0].isupper() and (wl in lx.degrees or "." in w or w.isupper())):
            break
        hit = next((s for s in lx.honorifics.get(w.lower(), ()) if match_words(tokens, i, s)), None)
        if hit and degree and len(hit) == 1 and w[0].isupper() and 3 <= name_run(tokens, i) <= 4:
            break           # "BSCKII Ông Thế Vinh": after a degree "Ông" is the surname, not "ông"
        if hit:
            i += len(hit)
            i = _past_paired_honorific(tokens, i)
            if i < len(tokens) and tokens[i].text == ":":     # "các đồng chí: X, ...; Y, ..."
                i += 1
            continue
        parts = [p for p in re.split(r"[.\s]+", w) if p]
        if parts and all(p.lower() in lx.degrees for p in parts) and w[0].isupper():
            degree = True
            i += 1
            if i < len(tokens) and tokens[i].text in (".", ","):
                i += 1
            continue
        break
    return i


def _past_paired_honorific(tokens, i) -> int:
    """"gồm các ông, bà: A, B", "các anh/chị:": a second honorific paired with the first before the colon that
    opens a list; the index after it (else i)."""
    if i + 2 >= len(tokens) or tokens[i].text not in (",", "/", "và"):
        return i
    pair = next((s for s in lexicon().honorifics.get(tokens[i + 1].text.lower(), ()) if match_words(tokens, i + 1, s)),
                None)
    end = i + 1 + len(pair) if pair else i
    return end if pair and end < len(tokens) and tokens[end].text == ":" else i


def _name_at(tokens: list[Token], i: int, need_surname: bool) -> int:
    """Length of a personal name at tokens[i] (0 if none): 2-4 capitalised syllables not followed by
    another capitalised word, not a unit or place, the first a surname unless `need_surname` is False."""
    n = name_run(tokens, i)
    if not 2 <= n <= 4:
        return 0
    words = [t.text for t in tokens[i:i + n]]
    if need_surname and words[0] not in surnames() and not (n >= 3 and words[1] in lexicon().gender_middle):
        return 0        # "Trầm Thị Mỹ Xuyên": "Thị"/"Văn" second marks a name whatever the surname
    ul = unit_lexicon()
    if " ".join(words) in ul.places or " ".join(words[:2]) in ul.places or " ".join(words) in not_names() \
            or " ".join(words[:2]) in not_names():
        return 0
    if head_at(tokens, i) or known_at(tokens, i):
        return 0
    if any(match_title(tokens, i + k) for k in range(n)):
        return 0
    if i + n < len(tokens) and tokens[i + n].text[0].isupper() and tokens[i + n].text.isalpha():
        return 0
    return n


def _caps_name_at(tokens: list[Token], i: int) -> int:
    """Length of a personal name printed in capitals at tokens[i] ("NGUYỄN VĂN AN"), 0 if none: 2-4
    upper-case syllables, the first a surname, not followed by another upper-case word, not a place,
    unit or title. Only read right after an honorific or a title, which say a person follows."""
    n = 0
    while i + n < len(tokens) and n <= 4 and tokens[i + n].text.isalpha() and tokens[i + n].text.isupper():
        n += 1
    if not 2 <= n <= 4 or tokens[i].text.capitalize() not in surnames():
        return 0
    words = " ".join(t.text for t in tokens[i:i + n]).title()
    if words in unit_lexicon().places or head_at(tokens, i) or known_at(tokens, i) \
            or any(match_title(tokens, i + k) for k in range(n)):
        return 0
    return n


@dataclass(slots=True)
class _Found:
    """A person found by a scanning rule, with the offices printed around the name."""
    name: str
    span: tuple[int, int]
    positions: list[tuple[TitleMatch, object]]   # (title, unit mention or None)
    rule: str | None = None
    name_tok: int | None = None       # index of the name's first token
    chain_end: int | None = None      # index after the offices printed after the name
    taken: list | None = None         # offices taken up ("... được bầu giữ chức X")
    chain_starts: list[int] = field(default_factory=list)   # where each further printed chain of offices starts
    apposed: int | None = None        # how many of the positions are printed around the name (not taken up later)

    def add_chain(self, chain: list) -> None:
        """Offices printed elsewhere around the name: a chain of their own (no unit is shared across)."""
        if chain:
            self.chain_starts.append(len(self.positions))
            self.positions.extend(chain)


def _chain(text: str, tokens: list[Token], i: int, stop_at_name: bool = True):
    """Offices printed from tokens[i]: [(TitleMatch, Mention|None)], index after the chain."""
    out = []
    while True:
        tm = match_title(tokens, i)
        if tm is None:
            break
        j = _past_bracketed_abbreviation(tokens, tm.end)
        unit = None
        if j < len(tokens) and tokens[j].text not in _NAME_BREAK and not _name_at(tokens, j, True):
            unit = _unit_after_title(text, tokens, tm, j)
            if unit is not None:
                if unit.parent is None:     # "Vụ trưởng Vụ X, Bộ Y": the department's organisation after a comma
                    apposed_parent(text, tokens, unit)
                j = unit.tok_end
                if unit.parent is not None and unit.parent.start >= tokens[j - 1].end:
                    j = unit.parent.tok_end    # "Trưởng phòng X Sở Tài chính tỉnh Y": the parent is printed too
                j = _past_bracketed_abbreviation(tokens, j)    # "Thứ trưởng Bộ Nội vụ (BNV) Vũ Đăng Minh"
        if unit is None:
            unit, j = _unit_after_comma(text, tokens, j)
        out.append((tm, unit))
        i = j
        if unit is not None and (t := _past_term(tokens, j)) > j and t + 1 < len(tokens) \
                and tokens[t].text.lower() in lexicon().joiners and match_title(tokens, t + 1):
            i = t                   # "Chủ tịch HĐND tỉnh khóa XVI, nhiệm kỳ 2016-2021, đại biểu HĐND tỉnh ..."
        if i < len(tokens) and tokens[i].text.lower() in lexicon().joiners and match_title(tokens, i + 1):
            i += 1
            continue
        break
    return out, i


def _past_bracketed_abbreviation(tokens: list[Token], j: int) -> int:
    """Index after an abbreviation printed in brackets at tokens[j] ("Thành viên Hội đồng thành viên (HĐTV)
    Công ty X", "Bộ Nội vụ (BNV)"), else j."""
    if j + 2 < len(tokens) and tokens[j].text == "(" and tokens[j + 2].text == ")" and tokens[j + 1].text.isupper():
        return j + 3
    return j


def _unit_after_comma(text, tokens, j):
    """"Giám đốc, Sở Y tế", "Đội trưởng, Phòng Cảnh sát hình sự, Công an tỉnh X": lists of people print
    the unit of a title after a comma; (the unit, the index after it), or (None, j)."""
    if j + 1 >= len(tokens) or tokens[j].text != "," or not tokens[j + 1].text[0].isupper() \
            or match_title(tokens, j + 1) is not None or _name_at(tokens, j + 1, True):
        return None, j
    unit = parse_at(text, tokens, j + 1)
    if unit is None or unit.bare:
        return None, j
    end = unit.tok_end
    if unit.parent is not None and unit.parent.start >= tokens[end - 1].end:
        end = unit.parent.tok_end
    return unit, end


def _unit_after_title(text, tokens, tm: TitleMatch, j):
    """The unit printed after a title. A title ending in a head noun ("Chánh Thanh tra", "Trưởng phòng")
    continues into its unit: "Chánh Thanh tra tỉnh" -> "Thanh tra tỉnh"."""
    m = parse_at(text, tokens, j)
    if m is None and j < len(tokens) and tokens[j].text.islower():
        m = _lower_party_body(text, tokens, j)
    emb = tm.office.embeds
    if emb:
        if m is not None and (m.head is not None and m.head.kind == emb
                              or m.known is not None and m.known.kind == emb):
            return m        # "Phó Trưởng ban Ban Thi đua - Khen thưởng Trung ương": the head is printed twice
        # re-parse with the title's last words as the head
        k = j - len(emb.split())
        if k >= 0 and tokens[k].text.lower() == emb.split()[0].lower():
            m2 = parse_as_head(text, tokens, k, emb.split()[0])
            if m2 is not None and (not m2.bare or m2.head is not None and m2.head.bare == "main"
                                   and m2.head.text != emb):    # "Trưởng Ban Chỉ đạo": the document's one
                m2.printed = emb + text[tokens[k + len(emb.split()) - 1].end:m2.end]
                m2.embedded = m
                return m2
        return None if m is None or m.bare and not (m.head and m.head.bare) else m
    return m


def _lower_party_body(text: str, tokens: list[Token], j: int):
    """"Bí thư chi bộ - Hiệu trưởng Trường X", "Phó Bí thư đảng ủy Cục Y": a Party body printed in lower case
    right after an office is that office's unit (in running text elsewhere "chi bộ" is no mention)."""
    for seq, h in unit_lexicon().heads.get(tokens[j].text, ()):
        if h.level == "party" and h.owner and not h.abbr and match_words(tokens, j, seq):
            return parse_as_head(text, tokens, j, h.text.split()[0])
    return None


def _honorific_names(ctx: DocContext, tokens: list[Token]) -> set[str]:
    """Names printed after an honorific anywhere in the document ("đồng chí A Pơ Lan"): such a name
    needs no surname from the lexicon elsewhere ("Chủ tịch UBND tỉnh A Pơ Lan")."""
    out = set()
    for i in range(len(tokens)):
        k = _skip_honorifics(tokens, i)
        if k > i and not ctx.in_furniture(tokens[i].start):
            ln = _name_at(tokens, k, need_surname=False)
            if ln:
                out.add(_name_text(tokens, k, ln))
    return out


@dataclass(slots=True)
class _Scan:
    """The people found so far in one document, read left to right by the person rules."""
    ctx: DocContext
    tokens: list[Token]
    known: set[str]                   # names printed after an honorific somewhere in the document
    found: list[_Found] = field(default_factory=list)

    def person(self, k: int, ln: int, positions: list, rule_name: str) -> _Found:
        f = _Found(_name_text(self.tokens, k, ln), (self.tokens[k].start, self.tokens[k + ln - 1].end),
                   positions, rule_name, name_tok=k)
        self.found.append(f)
        return f


def _scan(ctx: DocContext, tokens: list[Token]) -> list[_Found]:
    """Every person the rules find, in text order: at each token the first rule that applies decides
    where reading goes on."""
    s = _Scan(ctx, tokens, _honorific_names(ctx, tokens))
    i = 0
    while i < len(tokens):
        nxt = i + 1
        if not ctx.in_furniture(tokens[i].start):
            for person_rule in _PERSON_RULES:
                at = person_rule(s, i)
                if at is not None:
                    nxt = at
                    break
        i = nxt
    _share_taken_offices(tokens, s.found)
    return s.found


def _title_then_name(s: _Scan, i: int) -> int | None:
    """TITLE [UNIT] (, TITLE [UNIT])* [,] [honorific] NAME: "Bí thư Đảng ủy, Cục trưởng Cục X Ngô Văn A".
    A chain of offices without a name after it is passed over."""
    tokens = s.tokens
    chain, j = _chain(s.ctx.text, tokens, i)
    if not chain:
        return None
    colon = _list_colon(tokens, j)
    if colon is not None:
        listed = _names_after_colon(s, colon, chain)
        if listed is not None:
            return listed
    holders = _holders_at(tokens, _past_term(tokens, j))
    if holders is not None:
        left = _left_office(tokens, i)
        listed = _names_after_colon(s, holders, [(replace(tm, former=tm.former or left), m) for tm, m in chain],
                                    OFFICE_FOR_HOLDERS)
        if listed is not None:
            return listed
    possessive = i > 0 and tokens[i - 1].text.lower() in lexicon().possessives
    if possessive and len(chain) > 1:
        chain = _past_possessed(tokens, chain)
    if chain[-1][0].office.serves and chain[-1][1] is None and _skip_honorifics(tokens, j) > j:
        return max(j, i + 1)    # "Trợ lý đồng chí A": A is the person served, not the aide
    k = j
    if k < len(tokens) and tokens[k].text == "," and (_office_as_such(tokens, i) or _counted(tokens, i)):
        return max(j, i + 1)    # "chờ kiện toàn chức vụ Bí thư Thành ủy X, đồng chí A, ...": A does not hold it
    if k < len(tokens) and tokens[k].text == "," and not possessive:
        k2 = _skip_honorifics(tokens, k + 1)
        k = k2 if k2 > k + 1 else k
    elif k + 1 < len(tokens) and tokens[k].text in ("-", "–") and _name_at(tokens, k + 1, need_surname=True):
        k += 1              # "nguyên Phó Thủ tướng - Ngô Văn A"
    k = _skip_honorifics(tokens, k)
    ln = _name_at(tokens, k, need_surname=(k == j)) or _caps_name_at(tokens, k)
    if not ln and k == j:     # a name without a known surname, printed elsewhere after an honorific
        ln2 = _name_at(tokens, k, need_surname=False)
        ln = ln2 if ln2 and _name_text(tokens, k, ln2) in s.known else 0
    if not ln:
        return max(j, i + 1)
    f = s.person(k, ln, list(chain), TITLE_THEN_NAME)
    return _after_name(s.ctx.text, tokens, k + ln, f)


def _past_possessed(tokens: list[Token], chain: list) -> list:
    """"ủy quyền của Chủ tịch nước, Thứ trưởng X": X is only Thứ trưởng; the possessed offices may be joined
    by "và" ("của Chủ tịch nước và Thủ tướng Chính phủ, Phó Chủ tịch UBND tỉnh X"): X's start after a comma."""
    k = 1
    while k < len(chain) - 1 and tokens[chain[k][0].start - 1].text != ",":
        k += 1
    return chain[k:]


def _list_colon(tokens: list[Token], j: int) -> int | None:
    """Index after the colon that opens a list of people after an office: ":", "gồm:", "gồm các ông:", or
    after the bracket of a list printed in brackets ("các Phó Chủ tịch UBND tỉnh (ông A, ông B và bà C)")."""
    if j < len(tokens) and tokens[j].text == "(":
        return j + 1
    opener = next((x for x in lexicon().list_openers if match_words(tokens, j, x)), None)
    k = _skip_honorifics(tokens, j + (len(opener) if opener else 0))
    if k > j and tokens[k - 1].text == ":":
        return k            # the honorific took the colon after it ("các ông:")
    return k + 1 if k < len(tokens) and tokens[k].text == ":" else None


def _office_as_such(tokens: list[Token], i: int) -> bool:
    """The office at tokens[i] is named as an office ("chức vụ X", "chức danh X"), nobody's title."""
    return any(i >= len(w) and match_words(tokens, i - len(w), w) for w in lexicon().leave_links if len(w) == 2
               and w[0] == "chức")


def _counted(tokens: list[Token], i: int) -> bool:
    """The office at tokens[i] is counted ("Ủy ban Kiểm tra gồm 7 ủy viên, đồng chí A được bầu làm Chủ nhiệm"):
    the members of a body, not the office of the person named after the comma."""
    return i > 0 and tokens[i - 1].text.isdigit()


def _past_term(tokens: list[Token], j: int) -> int:
    """Index after the term printed after an office ("khóa XV", ", nhiệm kỳ 2016 - 2021")."""
    n = len(tokens)
    while j < n:
        k = j + (tokens[j].text == ",")
        term = next((w for w in lexicon().term_words if match_words(tokens, k, w)), None)
        if term is None or k + len(term) >= n or not tokens[k + len(term)].text[0].isalnum():
            return j
        j = k + len(term) + 1
        while j + 1 < n and tokens[j].text in ("-", "–") and tokens[j + 1].text.isdigit():
            j += 2
    return j


def _holders_at(tokens: list[Token], j: int) -> int | None:
    """"đối với [các] ông: A ...": the index of the first holder after an office, else None."""
    link = next((x for x in lexicon().holder_links if match_words(tokens, j, x)), None)
    if link is None:
        return None
    k = j + len(link)
    k += len(link) if match_words(tokens, k, link) else 0     # the link printed twice by a slip ("đối với đối với")
    opener = next((x for x in lexicon().list_openers if match_words(tokens, k, x)), None)
    k += len(opener) if opener else 0
    return k + (k < len(tokens) and tokens[k].text == ":")     # "đối với: ông A, ông B"


def _left_office(tokens: list[Token], i: int) -> bool:
    """The office at tokens[i] is one its holders leave ("miễn nhiệm chức vụ X", "thôi làm nhiệm vụ X")."""
    lx = lexicon()
    k = i
    while k > 0 and i - k < 3 and tokens[k - 1].text.islower() and not any(
            match_words(tokens, k - len(w), w) for w in lx.leave_words if k >= len(w)):
        k -= 1
    return any(match_words(tokens, k - len(w), w) for w in lx.leave_words if k >= len(w))


def _names_after_colon(s: _Scan, k: int, chain: list, found_by: str = TITLE_THEN_LIST) -> int | None:
    """TITLE: NAME, NAME và NAME ("có 6 Thứ trưởng: A, B, C, D, E và F"): each name listed after the
    colon holds the offices before it. None when no name follows the colon."""
    tokens, found = s.tokens, 0
    while k < len(tokens):
        k = _skip_honorifics(tokens, k)
        ln = _name_at(tokens, k, need_surname=True)
        if not ln or s.ctx.in_furniture(tokens[k].start):
            break
        f = s.person(k, ln, list(chain), found_by)
        found, k = found + 1, _after_name(s.ctx.text, tokens, k + ln, f)
        if k < len(tokens) and tokens[k].text in (",", ";", "và"):
            k += 1 + (k + 1 < len(tokens) and tokens[k].text == "," and tokens[k + 1].text == "và")
            continue
        break
    return k if found else None


def _honorific_then_names(s: _Scan, i: int) -> int | None:
    """honorific NAME [, NAME và NAME]: "đồng chí Trần Thị B", "các đồng chí Lê Văn A, Trần Thị B và Đỗ
    Văn C" (the honorific covers the whole list); offices may follow each name."""
    tokens = s.tokens
    k = _skip_honorifics(tokens, i)
    ln = (_name_at(tokens, k, need_surname=False) or _caps_name_at(tokens, k)) if k > i else 0
    if not ln:
        return None
    f = s.person(k, ln, [], HONORIFIC_NAME)
    i = _after_name(s.ctx.text, tokens, k + ln, f)
    while i + 1 < len(tokens) and tokens[i].text in (",", "và") and tokens[i + 1].text in surnames():
        ln = _name_at(tokens, i + 1, need_surname=True)
        if not ln or s.ctx.in_furniture(tokens[i + 1].start):
            break
        f = s.person(i + 1, ln, [], HONORIFIC_LIST)
        i = _after_name(s.ctx.text, tokens, i + 1 + ln, f)
    return i


def _pronoun_takes_office(s: _Scan, i: int) -> int | None:
    """"Ông được bổ nhiệm giữ chức ...": the office goes to the person named just before."""
    tokens = s.tokens
    if not s.found or tokens[i].text.lower() not in lexicon().pronouns or _skip_honorifics(tokens, i) != i + 1:
        return None
    link = next((x for x in lexicon().links if match_words(tokens, i + 1, x)), None)
    chain, j = _chain(s.ctx.text, tokens, i + 1 + len(link)) if link else ([], i + 1)
    if not chain:
        return None
    s.found[-1].add_chain(chain)
    return j


def _past_honorific(s: _Scan, i: int) -> int | None:
    """An honorific with no name after it is passed over."""
    k = _skip_honorifics(s.tokens, i)
    return k if k > i else None


def _name_then_title(s: _Scan, i: int) -> int | None:
    """NAME, TITLE [UNIT] / NAME - TITLE [UNIT]: "Lê Văn C, Phó Giám đốc Học viện"."""
    tokens = s.tokens
    if tokens[i].text not in surnames() or i > 0 and tokens[i - 1].text[0].isupper():
        return None
    ln = _name_at(tokens, i, need_surname=True)
    if not ln or i + ln >= len(tokens) or tokens[i + ln].text not in _NAME_BREAK:
        return None
    f = _Found(_name_text(tokens, i, ln), (tokens[i].start, tokens[i + ln - 1].end), [], NAME_THEN_TITLE,
               name_tok=i)
    end = _after_name(s.ctx.text, tokens, i + ln, f)
    if not f.positions:
        return None
    s.found.append(f)
    return end


_SENTENCE_BREAK = {".", "\n", "!", "?"}
_SUBJECT_WINDOW = 60                  # tokens: from the subject of a sentence to its career history


def _career_list(s: _Scan, i: int) -> int | None:
    """"Ông A từng giữ các chức vụ: Phó Trưởng phòng X, Sở Y; Giám đốc Sở Y; Phó Chủ tịch UBND tỉnh Z": the
    offices of a career history go to the person the sentence is about, each a former office."""
    tokens = s.tokens
    if tokens[i].text.lower() not in _career_starts():
        return None
    link = next((x for x in lexicon().career_links if match_words(tokens, i, x)), None)
    holder = _sentence_subject(s, i) if link else None
    if holder is None:
        return None
    k = i + len(link)
    k += k < len(tokens) and tokens[k].text == ":"
    chains, k = _office_list(s.ctx.text, tokens, k)
    for chain in chains:
        holder.add_chain([(replace(tm, former=True), m) for tm, m in chain])
    return k if chains else None


@lru_cache(maxsize=1)
def _career_starts() -> frozenset[str]:
    """The first words of the career links (a cheap test before matching them at every token)."""
    return frozenset(x[0] for x in lexicon().career_links)


def _sentence_subject(s: _Scan, i: int) -> _Found | None:
    """The person a sentence is about: the last one named in it before token i, else the one named last
    before a sentence that refers to him by "ông"/"bà" ("Ông Lê Văn A, sinh năm ... Trước khi được bổ nhiệm,
    ông từng giữ ...")."""
    tokens, start = s.tokens, i
    while start > max(0, i - _SUBJECT_WINDOW) and tokens[start - 1].text not in _SENTENCE_BREAK:
        start -= 1
    last = s.found[-1] if s.found else None
    if last is None or last.name_tok is None or last.name_tok >= i:
        return None
    if last.name_tok >= start:
        return last
    pronoun = any(tokens[k].text.lower() in lexicon().pronouns and _skip_honorifics(tokens, k) == k + 1
                  and not _name_at(tokens, k + 1, need_surname=False) for k in range(start, i))
    return last if pronoun and start - last.name_tok <= 2 * _SUBJECT_WINDOW else None


def _office_list(text: str, tokens: list[Token], k: int) -> tuple[list[list], int]:
    """Chains of offices separated by ";" or ",", a rank or a place between them passed over ("Thiếu tướng,
    Phó Tổng cục trưởng ...", "Trưởng Ban Quản lý dự án X, Thanh Hóa;"); (chains, index after them)."""
    chains: list[list] = []
    while k < len(tokens):
        k2 = _skip_honorifics(tokens, k)
        if k2 > k and k2 < len(tokens) and tokens[k2].text == ",":
            k2 += 1                 # a rank held with the office
        chain, j = _chain(text, tokens, k2)
        if not chain:
            break
        chains.append(chain)
        if j + 1 < len(tokens) and tokens[j].text == "," and (pl := place_at(tokens, j + 1)) is not None:
            j = pl[0]
        if j + 1 < len(tokens) and tokens[j].text in (";", ",") and match_title(tokens, _skip_honorifics(tokens, j + 1)):
            k = j + 1
            continue
        k = j
        break
    return chains, k


_PERSON_RULES = (_career_list, _title_then_name, _honorific_then_names, _pronoun_takes_office, _past_honorific, _name_then_title)


def _name_text(tokens, k, ln) -> str:
    return " ".join(t.text for t in tokens[k:k + ln])


def _after_name(text, tokens, k, f: _Found) -> int:
    """Offices printed after a name ("X, Phó Giám đốc Học viện", "X - Bí thư Tỉnh ủy"), unless they
    introduce the next person of a list; then an office taken up ("... giữ chức Cục trưởng Cục Y")."""
    k = _after_name_chain(text, tokens, k, f)
    f.chain_end = k
    if k + 1 < len(tokens) and tokens[k].text == "," and any(match_words(tokens, k + 1, ln) for ln in lexicon().links):
        k += 1              # "X, nguyên Giám đốc Sở A, giữ chức Phó Giám đốc Sở B"
    for link in lexicon().links:
        if match_words(tokens, k, link):
            chain, j = _chain(text, tokens, k + len(link))
            if chain and _serves_self(tokens, chain, j, f):
                return k          # "A, Phó Thủ tướng giữ chức Trợ lý đồng chí A": the subject's aide, not A
            if chain:
                f.add_chain(chain)
                f.taken = None if link in lexicon().own_links else chain
                return j
    _office_given_later(text, tokens, k, f)
    return k


def _serves_self(tokens: list[Token], chain: list, j: int, f: _Found) -> bool:
    """The chain ends with an aide's office naming the person it was read for as the one served."""
    if not chain[-1][0].office.serves or chain[-1][1] is not None:
        return False
    nk = _skip_honorifics(tokens, j)
    ln = _name_at(tokens, nk, need_surname=True) if nk > j else 0
    return bool(ln) and _name_text(tokens, nk, ln) == f.name


_LATER_WINDOW = 80                    # tokens: a personnel decision's sentence, bounded


def _office_given_later(text, tokens, k, f: _Found) -> None:
    """"Đồng chí A, Giám đốc Sở X thôi giữ chức ...; điều động, bổ nhiệm giữ chức Bí thư Huyện ủy Y": the
    office given later in the person's sentence (after "giữ chức"; after a word of leaving, "thôi làm nhiệm vụ
    X và miễn nhiệm chức vụ Y", an office held before), when no other person is named before it. Reading
    goes on from the name: the offices are only recorded."""
    lx, x, end = lexicon(), k, min(len(tokens), k + _LATER_WINDOW)
    while x < end:
        if tokens[x].text in (".", "\n", "!", "?") or x > k and _name_at(tokens, x, need_surname=True):
            return
        leaving = any(match_words(tokens, x - len(w), w) for w in lx.leave_words if x >= len(w))
        link = next((ln for ln in (*lx.later_links, *(lx.leave_links if leaving else ())) if match_words(tokens, x, ln)),
                    None)
        if link is None:
            x += 1
            continue
        chain, j = _chain(text, tokens, x + len(link))
        if leaving:
            if chain and not _name_at(tokens, _skip_honorifics(tokens, j), need_surname=True) \
                    and _holders_at(tokens, _past_term(tokens, j)) is None:     # "... đối với ông B": B's
                f.add_chain([(replace(tm, former=True), m) for tm, m in chain])   # the office left: held before
            x = max(j, x + len(link))
            continue
        if chain and not _name_at(tokens, _skip_honorifics(tokens, j), need_surname=True):
            f.add_chain(chain)
        return




def _share_taken_offices(tokens, found: list[_Found]) -> None:
    """"A, Trưởng ban X; B, Chủ tịch Y được bầu giữ chức Phó Bí thư": an office taken up after a list of
    people is taken by each of them, when one office can have several holders (a deputy, a member)."""
    for idx in range(len(found) - 1, 0, -1):
        taken = found[idx].taken
        if not taken or not all(tm.title.startswith(lexicon().shared_prefixes) for tm, _ in taken):
            continue
        x = idx
        while x > 0:
            prev, cur = found[x - 1], found[x]
            end, start = prev.chain_end, cur.name_tok
            j = end if end is not None else -1
            while 0 <= j < len(tokens) and tokens[j].text in (";", ",", "và"):
                j += 1
            if prev.taken or j <= end or start is None or _skip_honorifics(tokens, j) != start:
                break
            prev.add_chain(taken)
            prev.taken = taken
            x -= 1


_ASIDE_TOKENS = 8                     # the longest bracketed aside on birth or age skipped after a name


@lru_cache(maxsize=1)
def _aside_words() -> tuple[tuple[tuple[str, ...], ...], frozenset[str]]:
    hon = load_lexicon("honorifics.toml")
    opens = sorted((tuple(w.lower().split()) for w in hon.get("birth_asides", ())), key=len, reverse=True)
    return tuple(opens), frozenset(w.lower() for w in hon.get("age_words", ()))


def _past_birth_aside(tokens: list[Token], k: int) -> int:
    """Index after a bracketed aside giving a person's year of birth, age or other name right after the
    name ("(SN 1965)", "(sinh năm 1964, quê X)", "(1970)", "(58 tuổi)", "Phan Văn A (Phan B)"), else k."""
    if k >= len(tokens) or tokens[k].text != "(":
        return k
    close = next((x for x in range(k + 1, min(len(tokens), k + 2 + _ASIDE_TOKENS)) if tokens[x].text == ")"), None)
    if close is None or close == k + 1:
        return k
    opens, ages = _aside_words()
    words = [t.text.lower() for t in tokens[k + 1:close]]
    n = next((len(o) for o in opens if tuple(words[:len(o)]) == o), 0)
    year = n < len(words) and re.fullmatch(r"(?:19|20)\d\d", words[n]) is not None
    age = len(words) >= 2 and words[0].isdigit() and words[1] in ages
    other_name = _name_at(tokens, k + 1, need_surname=True) == close - k - 1     # "Phan A (Phan B)": another name
    return close + 1 if year or age or other_name else k


def _after_name_chain(text, tokens, k, f: _Found) -> int:
    """Offices apposed to a name: after a comma, dash or bracket, or printed right after it in running
    text without one ("đồng chí Lê Văn A nguyên Tổng Bí thư ..."); not when they lead to the next name.
    An aside on birth or age between name and offices is passed over ("Ông A (SN 1965), Giám đốc ...")."""
    past = _past_birth_aside(tokens, k)
    # the office printed right after the bracket, without a comma: "Ông A (SN 1964) Giám đốc ..."
    bare = past != k and past < len(tokens) and match_title(tokens, past) is not None
    k = past
    if k < len(tokens) and tokens[k].text == "," and _fronted_object(tokens, f.name_tok):
        return k                  # "Đối với đồng chí A, Bí thư Tỉnh ủy nhấn mạnh ...": the office is the speaker's
    if k < len(tokens) and (bare or tokens[k].text in _NAME_BREAK or tokens[k].text[0].islower() and match_title(tokens, k)):
        start = k + 1 if tokens[k].text in _NAME_BREAK and not bare else k
        chain, j = _chain(text, tokens, start)
        if chain:
            at = j + (j < len(tokens) and tokens[j].text in ("-", "–"))     # "..., nguyên Phó Thủ tướng - A"
            nk = _skip_honorifics(tokens, at)
            serving = chain[-1][0].office.serves and chain[-1][1] is None and nk > at == j
            if _name_at(tokens, nk, need_surname=(nk == at)) and not serving:
                return k          # the chain belongs to the next name (not the person an aide serves)
            f.add_chain(chain)
            f.apposed = len(f.positions)
            if j < len(tokens) and tokens[j].text == ")":
                j += 1
            return j
    return k


def _fronted_object(tokens: list[Token], name_tok: int | None) -> bool:
    """The name opens its sentence as the object of a fronted "Đối với" / "Với" ("Đối với đồng chí A, ..."):
    what follows the comma is the sentence's subject, not an office of A."""
    if name_tok is None:
        return False
    for k in range(name_tok, max(-1, name_tok - 4), -1):        # past the honorific ("đồng chí", "ông")
        if k < name_tok and _skip_honorifics(tokens, k) != name_tok:
            continue
        if k >= 2 and tokens[k - 2].text == "Đối" and tokens[k - 1].text == "với":
            k -= 2
        elif k >= 1 and tokens[k - 1].text == "Với":
            k -= 1
        else:
            continue
        return k == 0 or tokens[k - 1].text in _SENTENCE_BREAK
    return False


def _resolve_positions(f: _Found, ua: UnitAnalysis, ctx: DocContext) -> list[Position]:
    """Units of a chain: printed, shared with the next title, or implied by the office."""
    units = [(_unit_name(m, ua), PRINTED_UNIT) if m is not None else (None, None) for _, m in f.positions]
    _share_next_units(f, units, ua, ctx)
    out = []
    for (tm, m), (unit, found_by) in zip(f.positions, units):
        if unit is None and m is None:
            unit, found_by = _implied_unit(tm, ua, ctx)
        elif unit is None and m.bare and m.head is not None and m.head.bare == "level":
            unit, found_by = _organ_of_sentence(m, ua, ctx)
        title = tm.title
        if tm.office.member_of:           # "Ủy viên Thường vụ Tỉnh ủy X": "Ủy viên", "Ban Thường vụ Tỉnh ủy X"
            title = " ".join(tm.title.split()[:1 - len(tm.office.member_of.split())])
            unit = f"{tm.office.member_of} {unit}" if unit else None
        out.append(Position(title=title, unit=unit, former=tm.former, span=(f.span[0], f.span[1]),
                            rule=found_by if unit is not None else NO_UNIT))
    _tell_same_titles_apart(out, f, ctx)
    return out


def _organ_of_sentence(m, ua: UnitAnalysis, ctx: DocContext) -> tuple[str | None, str | None]:
    """"miễn nhiệm chức danh Chủ tịch UBND huyện X ...; Phó Chủ tịch UBND đối với ông A": an organ printed
    without its level ("UBND", "HĐND") is the one of its kind the sentence printed last, also in an earlier
    item of a list ("; ")."""
    u = ua.last_of_kind([m.kind], ctx.text, m.start, within_item=False)
    return (u.name, SENTENCE_UNIT_OF_KIND) if u is not None else (None, None)


def _tell_same_titles_apart(out: list[Position], f: _Found, ctx: DocContext) -> None:
    """"Chủ tịch UBND huyện, Chủ tịch Hội đồng Thi đua - Khen thưởng huyện": one chain of offices holding the
    same title in two units (before or right after the name); the later office is named with its unit as printed ("Chủ tịch Hội đồng Thi đua -
    Khen thưởng huyện"), so that the two offices stay two."""
    seen: dict[str, str | None] = {}
    apposed = f.apposed if f.apposed is not None else (f.chain_starts[0] if f.chain_starts else len(out))
    for pos, (tm, m) in zip(out[:apposed], f.positions):
        key = norm_key(pos.title)
        if key in seen and seen[key] is not None and pos.unit is not None and unit_key(seen[key]) != unit_key(pos.unit) \
                and m is not None and m.end > ctx.tokens[tm.end - 1].end:
            first = tm.start + (ctx.tokens[tm.start].text.lower() in lexicon().former)
            pos.title = re.sub(r"\s+", " ", ctx.text[ctx.tokens[first].start:m.end])
        else:
            seen.setdefault(key, pos.unit)


def _share_next_units(f: _Found, units: list[tuple[str | None, str | None]], ua: UnitAnalysis,
                      ctx: DocContext) -> None:
    """A title printed without a unit takes the next office's unit ("Bộ trưởng, Chủ nhiệm VPCP"); a bare
    Party body takes the body of the next office's unit ("Bí thư Đảng ủy, Cục trưởng Cục X")."""
    for idx in range(len(f.positions) - 2, -1, -1):
        tm, m = f.positions[idx]
        nxt = units[idx + 1][0]
        if nxt is None or idx + 1 in f.chain_starts:
            continue
        if m is None and not tm.office.unit and not tm.office.unit_head:
            own = _organisation_of_kind(tm, f.positions[idx + 1][1], ua)
            if own is None and _not_of_its_kind(tm, f.positions[idx + 1][1]):
                # "Chính ủy, Chủ tịch Hội đồng thi đua, khen thưởng Bộ CHQS tỉnh": a command's office is not
                # the council's; it is the command the sentence printed before, else the document's
                u = ua.last_of_kind(tm.office.kinds, ctx.text, ctx.tokens[tm.start].start) \
                    or ua.of_kind(tm.office.kinds)
                own = u.name if u is not None else None
            units[idx] = (own or nxt, NEXT_OFFICE_UNIT)
        elif m is not None and m.bare and m.head is not None and m.head.level == "party" and m.head.owner:
            units[idx] = (f"{m.head.text} {_holder_of(f.positions[idx + 1][1], nxt, ua)}", PARTY_BODY_OF_NEXT)


def _not_of_its_kind(tm: TitleMatch, nm) -> bool:
    """The next office's unit is a council or committee ("Hội đồng", "Ban") an office of other kinds of unit
    does not belong to."""
    return bool(tm.office.kinds) and nm is not None and nm.kind is not None and nm.kind not in tm.office.kinds \
        and nm.kind in unit_kinds("council_kinds")


def _organisation_of_kind(tm: TitleMatch, nm, ua: UnitAnalysis) -> str | None:
    """"Trợ lý Bộ trưởng kiêm Vụ trưởng Vụ X, Bộ Y": an office of one kind of unit (Bộ) sharing the next
    office's unit takes that unit's organisation when the department is not of its kind."""
    kinds = tm.office.kinds
    if not kinds or nm is None or nm.kind in kinds or nm.parent is None or nm.parent.kind not in kinds:
        return None
    return _unit_name(nm.parent, ua)


def _holder_of(nm, nxt: str, ua: UnitAnalysis) -> str:
    """The unit whose Party body a department's office names: "Ủy viên Ban Thường vụ, Trưởng Ban Phong
    trào Tỉnh đoàn X" is on the standing committee of "Tỉnh đoàn X", not of the department."""
    if nm is None or nm.head is None or nm.head.kind not in unit_kinds("department_kinds"):
        return nxt
    if nm.parent is not None:
        return _unit_name(nm.parent, ua) or nxt
    cut = min((nxt.find(" " + h + " ") for h in self_scoped() if " " + h + " " in nxt), default=-1)
    return nxt[cut + 1:] if cut > 0 else nxt


def _implied_unit(tm: TitleMatch, ua: UnitAnalysis, ctx: DocContext) -> tuple[str | None, str | None]:
    """The unit an office names without printing it: its own unit ("Thủ tướng" -> "Chính phủ"), a
    self-scoped committee ("Tỉnh ủy viên" -> "Tỉnh ủy <province>"), the unit of its kind printed last
    before it in the sentence, else the document's unit of its kind."""
    office = tm.office
    if office.unit_head:
        h = office.unit_head
        scope = self_scoped().get(h)
        place = ua.sentence_place(ctx.text, ctx.tokens[tm.start].start, scope) \
            or (ua.district if scope == "district" else ua.province)
        name = f"{h} {place}" if place else h
        u = ua.lookup(name)
        return (u.name if u else name), OFFICE_UNIT_HEAD
    if office.unit:
        u = ua.lookup(office.unit)
        return (u.name if u else office.unit), OFFICE_UNIT
    kinds = office.kinds or ([office.embeds] if office.embeds else [])
    if not kinds:
        return None, None
    u = ua.last_of_kind(kinds, ctx.text, ctx.tokens[tm.start].start)
    if u is not None:
        return u.name, SENTENCE_UNIT_OF_KIND
    u = ua.of_kind(kinds)
    return (u.name if u else None), DOCUMENT_UNIT_OF_KIND


def _unit_name(m, ua: UnitAnalysis) -> str | None:
    """The document unit a mention parsed in a title phrase stands for."""
    u = ua.at(m.start, m.end) if m.embedded is None else None
    if u is not None:
        return u.name
    for s in (m.name, m.printed):
        u = ua.lookup(s)
        if u is not None:
            emb = m.embedded
            if emb is not None:   # "Chánh Văn phòng Cục X": the office of Cục X
                inner = _unit_name(emb, ua)
                return f"{m.head.text} {inner}" if inner and m.head else u.name
            return u.name
    # not a document unit (e.g. the head was consumed by the title): resolve like a unit mention
    if m.known is not None:
        return m.known.name
    name = full_name(m, ua.main_by_kind, ua.province, ua.district)
    if name is None and m.bare and m.head is not None and m.head.level == "party":
        return None
    emb = m.embedded
    if emb is not None and name is None:
        inner = _unit_name(emb, ua)
        return f"{m.head.text} {inner}" if inner else None
    if name:
        u = ua.lookup(name)
        return u.name if u else name
    return None


@stage("people", writes="people")
def people_stage(ctx: DocContext) -> list[Person]:
    return find_people(ctx, ctx.units)


@stage("signer", writes="people")
def signer_stage(ctx: DocContext) -> list[Person]:
    return add_signer(ctx.people, ctx.fields, ctx)


def find_people(ctx: DocContext, units: list[Unit]) -> list[Person]:
    ua = analyze(ctx)
    tokens = ctx.tokens
    people: dict[str, Person] = {}
    printed: dict[str, set[tuple[int, int]]] = {}
    for f in _scan(ctx, tokens):
        key = norm_key(f.name)
        p = people.get(key)
        if p is None:
            p = people[key] = Person(name=f.name, rule=f.rule)
        if p.name.isupper() and not f.name.isupper():
            p.name = f.name                 # the name as running text prints it, not a heading's capitals
        printed.setdefault(key, set()).add(f.span)
        for pos in _resolve_positions(f, ua, ctx):
            _add_position(p, pos)
    for key, p in people.items():
        if p.name.isupper():
            p.name = p.name.title()         # "NGUYỄN VĂN AN" -> "Nguyễn Văn An"
        p.spans = sorted(set(_name_spans(ctx, p.name)) | printed[key])
    _add_known_people(ctx, people)
    _merge_cut_names(people)
    _add_implied_units(people.values(), units, ua)
    return list(people.values())


def _merge_cut_names(people: dict[str, Person]) -> None:
    """A name printed cut short (a photo caption's "Ông Phạm Văn" for "Phạm Văn An" named in the text) is
    the one person whose full name starts with it."""
    words = {key: p.name.split() for key, p in people.items()}
    for key, short in list(words.items()):
        if len(short) < 2:
            continue
        longer = [k for k, w in words.items() if k != key and len(w) > len(short) and w[:len(short)] == short]
        if len(longer) == 1 and key in people:
            full, cut = people[longer[0]], people.pop(key)
            full.spans = sorted(set(full.spans) | set(cut.spans))
            for pos in cut.positions:
                _add_position(full, pos)


@lru_cache(maxsize=1)
def _known_people() -> list[tuple[str, re.Pattern, dict[str, str | None]]]:
    """(name, a pattern of its printed forms, form -> title) from known_people.toml."""
    out = []
    for entry in load_lexicon("known_people.toml").get("person", []):
        forms = {f["text"]: f.get("title") for f in entry["forms"]}
        alts = phrase_alternation(forms)
        out.append((entry["name"], re.compile(rf"(?<!\w)(?:{alts})(?!\w)"), forms))
    return out


def _add_known_people(ctx: DocContext, people: dict[str, Person]) -> None:
    """People named by a fixed form ("Chủ tịch Hồ Chí Minh", "Bác Hồ"): named as the text prints them
    (the full name when printed in a form, else the alias), with the office the form gives."""
    for name, pattern, forms in _known_people():
        hits = [m for m in pattern.finditer(ctx.text) if not ctx.in_furniture(m.start(), m.end())]
        if not hits:
            continue
        with_name = [m for m in hits if name in m.group(0)]
        printed = name if with_name else re.sub(r"\s+", " ", hits[0].group(0))
        p = people.get(norm_key(printed))
        if p is None:
            p = people[norm_key(printed)] = Person(name=printed, rule=KNOWN_PERSON)
        p.spans = sorted({(m.start() + m.group(0).index(name), m.start() + m.group(0).index(name) + len(name))
                          for m in with_name} | set(p.spans))
        for m in hits:
            title = forms.get(re.sub(r"\s+", " ", m.group(0)))
            if title:
                _add_position(p, Position(title=title, unit=None, span=m.span(), rule=KNOWN_PERSON_OFFICE))


def _add_implied_units(people, units: list[Unit], ua: UnitAnalysis) -> None:
    """An office that names its unit only by implication ("Tỉnh ủy viên" -> "Tỉnh ủy Nghệ An") still
    names a unit of the document: add it to `units` (the pipeline's list) when it is missing."""
    implied = {o.title: o.unit_head for v in lexicon().titles.values() for _, _, o in v if o.unit_head}
    for p in people:
        for q in p.positions:
            if q.unit and q.title in implied and ua.lookup(q.unit) is None \
                    and all(unit_key(u.name) != unit_key(q.unit) for u in units):
                units.append(Unit(name=q.unit, kind=implied[q.title], level="party", rule=OFFICE_IMPLIED))


def _add_position(p: Person, pos: Position) -> None:
    """One office once. A title printed bare elsewhere ("bổ nhiệm ông A giữ chức Tổng Giám đốc Công ty X ...
    Tổng Giám đốc A phát biểu") is the office the person holds with a unit, not one guessed from the
    document's units of its kind."""
    key = (norm_key(pos.title), unit_key(pos.unit) if pos.unit else None, pos.former)
    for q in p.positions:
        qk = (norm_key(q.title), unit_key(q.unit) if q.unit else None, q.former)
        if qk[:2] == key[:2]:
            return          # one office once, also when a career history repeats the office held
        if qk[0] == key[0] and qk[2] == key[2] and (qk[1] is None or key[1] is None
                                                    or DOCUMENT_UNIT_OF_KIND in (q.rule, pos.rule)):
            if q.unit is None or q.rule == DOCUMENT_UNIT_OF_KIND and pos.unit is not None:
                q.unit, q.span, q.rule = pos.unit, pos.span, pos.rule
            return
    p.positions.append(pos)


def name_spans(ctx: DocContext, name: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of a person's name outside the furniture."""
    return _name_spans(ctx, name)


def _name_spans(ctx: DocContext, name: str) -> list[tuple[int, int]]:
    """Every whole-word occurrence of `name`. Candidates come from an index of word starts by
    word (built once per document), so a list of thousands of names is not quadratic."""
    first = re.match(r"\w+", name)
    if first is None:
        pat = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)")
        return [(m.start(), m.end()) for m in pat.finditer(ctx.text) if not ctx.in_furniture(m.start())]
    index = ctx.word_starts
    if index is None:
        index = ctx.word_starts = {}
        for m in re.finditer(r"\w+", ctx.text):
            index.setdefault(m.group(0), []).append(m.start())
    text, out = ctx.text, []
    for s in index.get(first.group(0), ()):
        e = s + len(name)
        if (not out or s >= out[-1][1]) and text.startswith(name, s) \
                and not (e < len(text) and re.match(r"\w", text[e])) and not ctx.in_furniture(s):
            out.append((s, e))
    return out


def add_signer(people: list[Person], fields: DocumentFields, ctx: DocContext) -> list[Person]:
    """The signer of an administrative document is a person holding the signing office in the issuer."""
    s = fields.signer
    if s is None or not s.name:
        return people
    titles = _signer_titles(s.title, ctx.layout)
    if len(titles) > 1:     # "PHÓ GIÁM ĐỐC / KIÊM TRƯỞNG BAN ...": one position per office
        for t in titles:
            people = add_signer(people, replace(fields, signer=replace(s, title=t)), ctx)
        return people
    title = _canonical_title(_own_title(s.title))
    if title and title.lower().startswith("kiêm "):
        title = _canonical_title(title[5:].strip())
    title, unit = _signing_office(title, fields.issuer, analyze(ctx)) if title else (title, None)
    if unit is None and fields.issuer:
        u = analyze(ctx).lookup(fields.issuer)
        unit = u.name if u else fields.issuer
    key = norm_key(s.name)
    p = next((q for q in people if norm_key(q.name) == key), None)
    if p is None:
        p = Person(name=s.name, spans=[s.span] if s.span else _name_spans(ctx, s.name), rule=SIGNER)
        people.append(p)
    if title:
        _add_position(p, Position(title=title, unit=unit, span=s.span, rule=SIGNER_UNIT if unit else NO_UNIT))
    return people


_AUTHORITY_MARK = re.compile(r"^\s*(?:KT|TM|TL|Q|TUQ)\s*\.?\s+", re.IGNORECASE)


def _own_title(title: str | None) -> str | None:
    """The signer's own office in a signature title: "KT. THỦ TƯỚNG PHÓ THỦ TƯỚNG" (signing for the
    Prime Minister) -> "PHÓ THỦ TƯỚNG", the last office printed after the authority mark."""
    if not title or not _AUTHORITY_MARK.match(title):
        return title
    rest = _AUTHORITY_MARK.sub("", title, count=1)
    toks = tokenize(rest)
    starts = []
    k = 0
    while k < len(toks):
        tm = match_title(toks, k)
        if tm is not None:
            starts.append(toks[k].start)
            k = tm.end
        else:
            k += 1
    return rest[starts[-1]:] if starts else rest


def _signing_office(title: str, issuer: str | None, ua: UnitAnalysis) -> tuple[str, str | None]:
    """(title, unit) of a signing office: the unit its title prints ("Trưởng ban Thi đua - Khen thưởng"),
    else the document's unit of the title's head noun, else the issuer, else the unit of the office's kind."""
    toks = tokenize(title)
    tm = match_title(toks, 0)
    if tm is None:
        return title, None
    off, u = tm.office, None
    if off.unit:                        # "Phó Thủ tướng" -> Chính phủ
        u = ua.lookup(off.unit)
        return title, (u.name if u else off.unit)
    if off.embeds and tm.end < len(toks):
        printed = off.embeds + " " + _sector_case(title[toks[tm.end].start:])
        u = ua.lookup(printed)
        return title[:toks[tm.end - 1].end], (u.name if u else printed)
    if off.embeds:
        u = ua.of_kind([off.embeds])
    if u is None and issuer:
        u = ua.lookup(issuer)
    if u is None and off.kinds:
        u = ua.of_kind(off.kinds)
    return title, (u.name if u else None)


def _sector_case(name: str) -> str:
    """A unit name from a title in capitals, in the lexicon's case when it is a sector ("Thi đua - Khen thưởng")."""
    key = norm_key(name)
    for entries in unit_lexicon().sectors.values():
        for _, canon in entries:
            if norm_key(canon) == key:
                return canon
    return name


def _signer_titles(title: str | None, text: str) -> list[str]:
    """The signer's offices: a title line starting with "kiêm" holds a second office, the one printed on
    the line above it ("PHÓ GIÁM ĐỐC" / "KIÊM TRƯỞNG BAN THI ĐUA - KHEN THƯỞNG")."""
    if not title or not title.lower().startswith("kiêm "):
        return [title] if title else []
    lines = [ln.strip() for ln in text.split("\n")]
    for i, ln in enumerate(lines):
        if ln.lower() == title.lower() and i > 0 and lines[i - 1] and len(lines[i - 1]) < 60:
            prev = lines[i - 1]
            toks = tokenize(prev)
            if match_title(toks, 0) is not None:
                return [prev, title[5:].strip()]
    return [title[5:].strip()]


def _canonical_title(t: str | None) -> str | None:
    """"CHÁNH THANH TRA" -> "Chánh Thanh tra" (the lexicon's form when it knows the title)."""
    if not t:
        return None
    toks = tokenize(t)
    tm = match_title(toks, 0)
    if tm is not None and tm.end == len(toks):
        return tm.title if t.isupper() is False else _lexicon_form(toks, tm)
    return t if not t.isupper() else t.capitalize()


def _lexicon_form(toks, tm: TitleMatch) -> str:
    for seq, form, office in lexicon().titles.get(toks[tm.start].text.lower(), ()):
        if match_words(toks, tm.start, seq):
            rest = " ".join(x.text.lower() for x in toks[tm.start + len(seq):tm.end])
            return (form + " " + rest).strip()
    return tm.title
