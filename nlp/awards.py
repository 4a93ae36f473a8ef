"""Conferments of awards per the Law on Emulation and Commendation (taxonomy in
nlp/lexicons/awards.toml).

An award mention is a conferment when its clause has a conferment cue ("được tặng", "đạt",
"đón nhận", a grantor that "tặng") and no criterion cue ("xét tặng", "đề nghị", "tiêu chuẩn").
After the name come its classes ("các hạng nhất, nhì, ba"), grantor ("của Thủ tướng", "ngành
Tư pháp"), years ("năm 2016 và năm 2019") and recipient ("cho 5 tập thể"); one Award is
emitted per class x grantor x year. The recipient is the clause's (or sentence's) subject,
or the "cho ..." phrase after an active "X tặng ..." or a passive "<award> được trao cho ..."
(a quoted name after the award is skipped; "của <unit>" after a state award names its holder;
"; tặng B cho Z" keeps the giver of the clause before; one conferment told once with its year
and once with its grantor is merged)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.context import DocContext
from nlp.lexicon import load_lexicon
from nlp.normalize import fold_tones
from nlp.offices import honorific_regex, title_regex
from nlp.records import Award, Person, Unit
from nlp.registry import rule, stage
from nlp.unit_lexicon import unit_key

_I = re.IGNORECASE

HOLDER = rule("awards.holder", "award", "<award> của <unit or person>: the holder named after the award")
GIVEN_TO = rule("awards.given_to", "award", "X tặng/trao <award> cho Y, <award> được trao cho Y: the recipients after cho")
SUBJECT = rule("awards.subject", "award", "Y được tặng/đạt/đón nhận <award>: the subject of the conferment")


def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    return re.compile(fold_tones(pattern), flags)


def _alts(words) -> str:
    return "|".join(re.escape(fold_tones(w)).replace(r"\ ", r"\s+")
                    for w in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class _Kind:
    name: str
    category: str
    recipient: str
    classes: bool
    grantor: bool


@dataclass
class _Lex:
    mention: re.Pattern
    kinds: dict[str, _Kind]          # folded lower-case variant -> kind
    cue: re.Pattern
    not_cue: re.Pattern
    titles: re.Pattern
    heads: re.Pattern
    person: re.Pattern               # honorific(s) then a name: "đồng chí Thiếu tá X"
    title_before: re.Pattern         # an office title ends here: "Phó Chủ tịch UBND huyện" is a position
    state_grantor: re.Pattern        # "Huân chương ... của Chủ tịch nước": the grantor, not the holder


@lru_cache(maxsize=1)
def _lex() -> _Lex:
    data = load_lexicon("awards.toml")
    kinds: dict[str, _Kind] = {}
    variants = []
    for a in data["award"]:
        k = _Kind(a["name"], a["category"], a["recipient"], a.get("classes", False), a.get("grantor", False))
        for v in a["variants"]:
            kinds[_key(v)] = k
            variants.append(v)
    alts = "|".join(re.escape(fold_tones(v)).replace(r",\ ", r",?\s*").replace(r"\ ", r"\s+")
                    for v in sorted(variants, key=len, reverse=True))
    cues = data["cues"]
    return _Lex(
        mention=re.compile(rf"(?<!\w)(?:{alts})(?!\w)", _I),
        kinds=kinds,
        # "nhận" but not "ghi nhận", "tiếp nhận", "nhận thấy"...
        cue=re.compile(rf"(?<!\w)(?<!ghi )(?<!tiếp )(?<!xác )(?<!thừa )(?<!tiếp )(?<!nhìn )"
                       rf"(?:{_alts(cues['conferment'])})(?!\w)(?!\s+(?:thấy|định|xét|thức|diện|biết|lời))", _I),
        not_cue=re.compile(rf"(?<!\w)(?:{_alts(cues['not_conferment'])})(?!\w)", _I),
        titles=re.compile(rf"(?:{_alts(cues['grantor_titles'])})(?!\w)"),
        heads=re.compile(rf"(?<!\w)(?:{_alts(cues['unit_heads'])})(?!\w)"),
        person=_rx(rf"(?<!\w)(?:{honorific_regex()}\s*)+((?:[^\W\d_]+\s+){{1,4}}[^\W\d_]+)"),
        title_before=_rx(rf"{title_regex()}(?:\s+[a-zđà-ỹ]+)?\s+$"),
        state_grantor=_rx(rf"(?:{_alts(cues['state_grantors'])})(?!\w)"),
    )


def _key(s: str) -> str:
    return re.sub(r"[\s,]+", " ", fold_tones(s).lower()).strip()


_CLASS_WORD = {"nhất": 1, "nhì": 2, "ba": 3, "i": 1, "ii": 2, "iii": 3, "1": 1, "2": 2, "3": 3}
_CLASSES = _rx(r"\s*,?\s*(?:các\s+)?hạng\s+(nhất|nhì|ba|iii|ii|i|[123])(?!\w)"
               r"((?:\s*(?:,|và|hoặc)\s*(?:hạng\s+)?(?:nhất|nhì|ba)(?!\w))*)", _I)
_YEARS = _rx(r"\s*[,(]?\s*(?:vào\s+|trong\s+)?(?:các\s+)?năm\s+(\d{4})(?![\w/])"
             r"((?:\s*(?:,|và)\s*(?:năm\s+)?\d{4}(?![\w/]))*)", _I)
# honorifics and place abbreviations whose dot does not end a sentence ("ThS. Lò Thị X", "TP. Huế")
_ABBRS = ("TP", "Tp", "ThS", "TS", "PGS", "GS", "TSKH", "BS", "KS", "CN", "ĐC", "NGND", "NGƯT", "Th.S")
# (lookbehinds placed after the dot, so that they run at dots only)
_ABBR_DOT = "".join(rf"|(?<=(?<!\w){re.escape(a)}\.)" for a in _ABBRS)
_NOT_ABBR_DOT = "".join(rf"(?<!(?<!\w){re.escape(a)}\.)" for a in _ABBRS)
_FOR = _rx(r"\s*,?\s*(?:cho|tặng)\s+((?:[^.;:\n]|\.(?:(?!\s|$)" + _ABBR_DOT + r")){1,220}?)(?=\s*(?:[;:\n]|\." + _NOT_ABBR_DOT + r"(?:\s|$)|\s(?:có|vì|về|đã|do|nhân|tại|trong)\s|"
           r"\s(?:và\s+)?(?:tặng|trao|phong tặng)\s|$))", _I)
_OF = _rx(r"\s*(?:của\s+)")
_HOLDER = _rx(r"\s*của\s+(?=(?i:ông|bà|anh|chị|đồng chí)\s|(?:Công ty|Tổng công ty|Trường|Bệnh viện|Học viện|"
              r"Hợp tác xã|Nhà máy|Xí nghiệp|Trung tâm|gia đình)(?!\w))")
_SUFFIX = _rx(r"\s*(?i:thời kỳ (?:đổi mới|kháng chiến(?: chống (?:Pháp|Mỹ))?))")
_BY_DECISION = _rx(r"\s*,?\s*(?:theo|tại)\s+(?i:quyết định)\s+(?:số\s+)?\S+\s+ngày\s+\d{1,2}\s*/\s*\d{1,2}\s*/\s*(\d{4})")
_LOWER_GRANTOR = _rx(r"(?:ngành|bộ|tỉnh|thành phố|huyện|quận|ban|khối)\s")
_STOP = _rx(r"(?:cho|vì|về|do|đã|được|tại|trong|với|năm|hạng|khi|sau|từ|đến|lần|vào|là|có|đạt|cùng|"
            r"tặng|trao|nhiều|và|hoặc|theo|thuộc|gồm|kèm|để|nhằm|góp)(?!\w)")
_TOKEN = re.compile(r"[ \t]*([^\s,;.:…()\"“”]+)")
_SENT_END = re.compile(r"(?:[!?…]|\." + _NOT_ABBR_DOT + r")[.!?…]*(?=\s|$)|\n")
_CLAUSE_END = re.compile(r"[;:]")
_GENERIC = _rx(r"(?i:(?<!\w)(?:\d+|nhiều|các|những|một số|hàng trăm|hàng chục|hàng nghìn)\s+"
               r"(?!năm|lần|tháng|ngày|tuần|giờ|phong|nhiệm|giai|lĩnh|nội)[a-zđà-ỹ]+)")
_QUANTIFIED = _rx(r"(?i:(?<!\w)(?:\d+|nhiều|các|những|một số|hàng trăm|hàng chục|hàng nghìn|mỗi|tất cả))\s+$")
_SUBJ_END = _rx(r"(?<!\w)(?:được|đã|đạt|vinh dự|nhận|đón nhận|tặng|trao|là|luôn|liên tục|nhiều năm|cũng|đều|"
                r"từng|vừa|sẽ|tổ chức|có|tiếp tục|long trọng|\d+\s+(?:năm|lần))(?!\w)")
_NAME_END = re.compile(r",|;|\((?![A-ZĐ0-9&-]+\))")       # keep "(CDC)" inside a name, cut at "(cũ)"
_PASSIVE = _rx(r"(?<!\w)được(?!\w)", _I)
_ACTIVE_VERB = _rx(r"(?<!\w)(?:trao tặng|tặng thưởng|khen tặng|truy tặng|phong tặng|tặng|trao|tôn vinh)(?!\w)", _I)
_GIVE = _rx(r"(?i:trao tặng|tặng thưởng|khen tặng|truy tặng|phong tặng|tặng)(?!\w)")
_ON_BEHALF = _rx(r"(?i:ủy quyền|thay mặt)\s+(?:của\s+)?([A-ZĐ][\w]*(?:\s+[\w]+){0,5}?)(?=\s*,)")
_INTRO = _rx(r"^(?:[^,]*,\s*)+")
_PRONOUN = _rx(r"^\s*(?:Ông|Bà|Anh|Chị|Cô|Thầy|Đồng chí)\s+(?![^\W\d_]*[A-ZĐ])")


def _person(m: re.Match | None) -> tuple[int, int] | None:
    """The capitalised name after an honorific ("ông Lò Văn Sáng và" -> "Lò Văn Sáng")."""
    if m is None:
        return None
    a = m.start(1)
    words = list(re.finditer(r"[^\W\d_]+", m.group(1)))
    n = 0
    for w in words:
        if not w.group(0)[:1].isupper():
            break
        n += 1
    if n < 2:
        return None
    return a, a + words[n - 1].end()


def _fold(s: str) -> str:
    return fold_tones(unicodedata.normalize("NFC", s))


def _split_grantors(s: str) -> list[str]:
    """ "Đảng ủy Khối X, Đảng ủy VPCP" -> two; "Bộ trưởng, Chủ nhiệm VPCP" stays one."""
    lex = _lex()
    parts = [(p.group(1), p.group(2).strip()) for p in re.finditer(r"(^|,|\s+và\s+)([^,]+?)(?=,|\s+và\s+|$)", s)
             if p.group(2).strip()]
    out: list[str] = []
    for sep, p in parts:
        fp = _fold(p)
        starts_new = lex.titles.match(fp) or lex.heads.match(fp) or re.match(r"[A-ZĐ]{2,}(?:\s|$)", p)
        if out and lex.titles.fullmatch(_fold(out[-1])):
            out[-1] = f"{out[-1]}, {p}"            # "Bộ trưởng, Chủ nhiệm VPCP"
        elif out and not starts_new:
            joiner = " và " if "và" in sep else ", "
            out[-1] = f"{out[-1]}{joiner}{p}"      # "Sở Nông nghiệp và Môi trường"
        else:
            out.append(p)
    return out


def _grantor_after(text: str, pos: int) -> tuple[tuple[int, int] | None, int]:
    """A grantor phrase right after an award name: "của Thủ tướng", "ngành Tư pháp", "VPCP",
    "Bộ trưởng, Chủ nhiệm VPCP"."""
    lex = _lex()
    m = _OF.match(text, pos)
    has_of = m is not None
    p = m.end() if m else pos
    while p < len(text) and text[p] == " ":
        p += 1
    if p >= len(text):
        return None, pos
    first = text[p]
    if not (first.isupper() or (has_of and first.isalpha()) or _LOWER_GRANTOR.match(text, p)):
        return None, pos
    tokens: list[str] = []
    end = p
    q = p
    while len(tokens) < 14:
        if text.startswith(",", q) and tokens and lex.titles.fullmatch(" ".join(tokens)):
            nxt = text[q + 1:].lstrip()
            if lex.titles.match(nxt):
                tokens.append(",")
                q = q + 1
                continue
        t = _TOKEN.match(text, q)
        if not t:
            break
        word = t.group(1)
        if word.lower() == "nhân" and text.startswith("dịp", t.end() + 1):
            break
        if _STOP.fullmatch(word.lower()) or _STOP.fullmatch(word):
            # "và" inside a name: "Bộ Khoa học và Công nghệ"
            if word.lower() == "và" and tokens:
                nt = _TOKEN.match(text, t.end())
                if nt and nt.group(1)[:1].isupper() and not lex.mention.match(text, nt.start(1)):
                    tokens.append(word)
                    q = t.end()
                    continue
            break
        if lex.mention.match(text, t.start(1)):
            break
        tokens.append(word)
        q = end = t.end()
    if not tokens:
        return None, pos
    return (p, end), end


def _clause_end(text: str, pos: int) -> int:
    m = re.compile(r"[;:.\n]|\s(?:và|vì|cho)\s").search(text, pos)
    return m.start() if m else len(text)


def _skip_appositive(text: str, pos: int) -> int:
    """Past ", Quản đốc Phân xưởng X" after a name."""
    m = re.compile(r",[^,;.\n]*?(?=\s+và\s|[;.\n]|$)").match(text, pos)
    return m.end() if m else pos


def _bounds(text: str, pos: int) -> tuple[int, int]:
    """(sentence start, clause start) of the position."""
    sent = 0
    for m in _SENT_END.finditer(text, max(0, pos - 1500), pos):
        sent = m.end()
    clause = sent
    for m in _CLAUSE_END.finditer(text, sent, pos):
        clause = m.end()
    return sent, clause


def _subject(text: str, start: int, end: int, people: list[Person],
             units: list[Unit]) -> tuple[tuple[int, int] | None, bool]:
    """(span of the recipient, found) from the subject before the conferment verb in
    text[start:end]: the unit or person nearest the verb ("Tập thể Cục X 5 năm liên tục đạt"
    -> "Cục X"); "nhiều cá nhân được" -> (None, True); no subject -> (None, False)."""
    lex = _lex()
    region = text[start:end]
    cut = [x.start() for x in (lex.cue.search(region), _PASSIVE.search(region)) if x]
    region = region[:min(cut)] if cut else region
    if not region.strip(" ,"):
        return None, False
    cands: list[tuple[int, int]] = []
    blocked = 0                       # end of the last name seen, taken or skipped
    for h in lex.heads.finditer(region):
        a = start + h.start()
        if a < blocked:
            continue                  # a head word inside the previous name ("Trung tâm Hội nghị")
        rest = region[h.start():]
        c = _SUBJ_END.search(rest, len(h.group(0)))
        rest = rest[:c.start()] if c else rest
        parts = _NAME_END.split(rest)
        rest = parts[0]
        if len(parts) > 1 and re.fullmatch(r"\s*(?!(?:đơn vị|cơ quan|nơi|người|là|một|nhiều|các|những)\s)"
                                           r"(?:[a-zđà-ỹ]+\s*){1,5}", parts[1]):
            rest = f"{rest},{parts[1]}"   # "Phòng Thanh tra, giám sát ngân hàng"
        b = blocked = a + len(rest.rstrip())
        if re.search(r"(?i)(?:của|thuộc|tại)\s+$", region[:h.start()]):
            continue                  # "12 cá nhân của Sở": the unit is not the subject
        if _lex().title_before.search(region[:h.start()]):
            continue                  # "Ông X, Phó Chủ tịch UBND huyện": a position, not the subject
        for u in units:
            for ua, ub in u.spans:
                if ua == a and b < ub <= start + len(region) and not _BAD_EXTENSION.search(text, b, ub):
                    b = ub
        for u in units:     # "Agribank Chi nhánh tỉnh X": the head word is inside a unit printed before it
            for ua, ub in u.spans:
                if start <= ua < a and b <= ub and not _lex().title_before.search(text[start:ua]):
                    a = ua
        cands.append((a, b))
    for p in people:
        for a, b in p.spans:
            if start <= a and b <= start + len(region):
                cands.append((a, b))
    for pm in _lex().person.finditer(region):
        if (ps := _person(pm)) is not None:
            cands.append((start + ps[0], start + ps[1]))
    if not cands and _PRONOUN.match(region):
        # "Ông là tác giả ...; từng được tặng": the person last named before
        prev = [b for p in people for b in p.spans if b[1] <= start]
        if prev:
            return max(prev, key=lambda x: x[1]), True
        pms = [x for x in (_person(pm) for pm in _lex().person.finditer(text, max(0, start - 800), start)) if x]
        if pms:
            return pms[-1], True
    g = None
    for g in _GENERIC.finditer(region):
        pass
    # a name inside another candidate ("Bạch Vân" in "Sở Nội vụ tỉnh Bạch Vân") is part of it
    cands = [c for c in cands if not any(o != c and o[0] <= c[0] and c[1] <= o[1] for o in cands)]
    # "X tổ chức Lễ ... và đón nhận": the coordinated verb shares the first subject
    coordinated = re.search(r"(?<!\w)và\s*$", region) is not None
    best = (min if coordinated else max)(cands, key=lambda x: x[0]) if cands else None
    if best is not None and _QUANTIFIED.search(text, max(start, best[0] - 20), best[0]):
        return None, True             # "Các Sở, ngành được", "5 Chi bộ được": no one recipient
    if g is not None and (best is None or start + g.start() > best[0] and start + g.end() > best[1]):
        return None, True             # "... và 5 cá nhân được" (but not "Công đoàn các Khu X được")
    return best, best is not None


_LIST_ITEM = re.compile(r"(?m)^[ \t]*(\d+[.)]|[-+•*]|[a-zđ]\))?[ \t]*([^\n]*?)[;.,]?[ \t]*$")


def _recipient_phrases(text: str, a: int, b: int, units: list[Unit]) -> list[tuple[int, int]]:
    """The "cho ..." recipients that name a unit or a person: "cho Ban X và ông Y" -> two;
    "cho 3 tập thể: A; B; C" -> A, B, C; "cho 20 tập thể" -> none."""
    s = text[a:b]
    listed = re.match(r"(?i)(?:các|những|nhiều)\s", s) and re.match(r"[^:;.\n]*:[ \t]*\n", text[a:a + 300])
    if re.match(r"(?i)(?:tối đa|các|những|nhiều)\s", s) and not listed:
        return []                     # "cho các tập thể" names no one; "cho các tập thể sau:" + a list does
    if _GENERIC.match(s) or listed:
        colon = re.match(r"[^:;.]*:[ \t]*", text[a:a + 300])
        if not colon:
            return []
        items, pos = [], a + colon.end()
        if text.startswith("\n", pos):
            # one recipient a line: "1. UBND xã X;", "- Ông Y, Chủ tịch ..."
            for line in _LIST_ITEM.finditer(text, pos, min(len(text), pos + 4000)):
                if not line.group(1):
                    if line.group(0).strip():
                        break
                    continue
                span = _one_recipient(text, line.start(2), line.end(2), units)
                if span is not None:
                    items.append(span)
            return items
        stop = _SENT_END.search(text, pos, pos + 600)
        for part in re.finditer(r"[^;\n]+", text[pos:stop.start() if stop else pos + 600]):
            span = _one_recipient(text, pos + part.start(), pos + part.end(), units)
            if span is None:
                break
            items.append(span)
        return items
    out = []
    # "A, B và C": a comma or "và" before a lower-case word joins parts of one name
    # ("Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ X")
    cuts = [m for m in _LIST_SEP.finditer(s) if not _NAME_GOES_ON.match(s, m.start())
            and not (m.group(0).strip() == "và" and re.match(r"\s*[a-zđà-ỹ]", s[m.end():])
                     and not _lex().person.match(s, m.end()))]
    starts = [0] + [m.end() for m in cuts]
    ends = [m.start() for m in cuts] + [len(s)]
    for x, y in zip(starts, ends):
        span = _one_recipient(text, a + x, a + y, units)
        if span is not None and not (out and _is_parent_of(text, span, out[-1], units)):
            out.append(span)
    return out


def _is_parent_of(text: str, span: tuple[int, int], prev: tuple[int, int], units: list[Unit]) -> bool:
    """The unit at `span` is the parent of the unit at `prev` ("Khoa Nhi, Bệnh viện X": one recipient)."""
    by_key = {unit_key(f): u for u in units for f in (u.name, *u.aliases)}
    child = by_key.get(unit_key(text[prev[0]:prev[1]]))
    parent = by_key.get(unit_key(text[span[0]:span[1]]))
    return child is not None and parent is not None and child.parent is not None \
        and unit_key(child.parent) == unit_key(parent.name)


_OF_PARENT = _rx(r"\s+(?:thuộc|trực thuộc)\s|,?\s+(?:theo|tại)\s+(?i:quyết định|nghị quyết|công văn|tờ trình|"
                 r"kế hoạch|thông báo)(?!\w)")
# a lower-case part after a comma continues the name ("Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn,
# cứu hộ khu vực X"), unless it is a place level, a verb or a common noun phrase
_NAME_GOES_ON = _rx(r",(?=\s*(?!(?:tỉnh|thành phố|huyện|quận|xã|phường|thị xã|thị trấn|thôn|bản|ấp|khu phố|"
                    r"đã|được|có|là|đơn vị|cơ quan|nơi|người|một|nhiều|các|những|với|vì|do|nay|nguyên|"
                    r"giáo viên|cán bộ|chuyên viên|nhân viên|công chức|viên chức)(?!\w))[a-zđà-ỹ])")
# a unit span running into the next recipient or the verb ("Công đoàn X và anh", "Hội Y từng")
_BAD_EXTENSION = _rx(r"(?i:(?<!\w)(?:và\s+)?(?:ông|bà|anh|chị|cô|thầy|đồng chí|từng|được|đã|đạt|vinh dự|nhận)(?!\w))")


_SUBJECT_LINE = re.compile(r"[ \t]*(?:Về việc|V/v|V/V)[ \t:]", re.IGNORECASE)
_LIST_SEP = re.compile(r",\s*(?:và\s+)?|\s+và\s+")


def _unit_name(s: str) -> str:
    """The unit name at the start of a recipient phrase: up to a comma that ends it, a bracket
    or "thuộc" (the parent)."""
    end = len(s)
    for m in re.finditer(r"[,()]", s):
        if m.group(0) == "," and _NAME_GOES_ON.match(s, m.start()):
            continue
        end = m.start()
        break
    if (p := _OF_PARENT.search(s, 0, end)) is not None:
        end = p.start()
    return s[:end]


def _one_recipient(text: str, a: int, b: int, units: list[Unit]) -> tuple[int, int] | None:
    while a < b and text[a] in " \t":
        a += 1
    if (tt := re.match(r"(?i)tập thể\s+", text[a:b])) is not None:
        a += tt.end()                 # "cho tập thể Sở Nội vụ"
    s = text[a:b]
    if not s or _GENERIC.match(s):
        return None
    ps = _person(_lex().person.match(s))
    if ps:
        return a + ps[0], a + ps[1]
    if _lex().heads.match(s):
        end = a + len(_unit_name(s).rstrip())
        for u in units:
            for ua, ub in u.spans:
                if ua == a and end < ub <= b + 40 and not _BAD_EXTENSION.search(text, end, ub):
                    return ua, ub
        return a, end
    return None


_TOPIC_YEAR = _rx(r"\s*(?i:trong\s+)?(?i:năm)\s+(\d{4})\s*,")      # a paragraph opening "Năm 2025, ..."
_PREFIX_DATE = _rx(r"(?i:(?<![\w/])\d{1,2}\s*/\s*\d{1,2}\s*/\s*(\d{4})(?![\w/])|(?<!\w)năm\s+(\d{4})(?!\s*-\s*\d)"
                   r"|(?<!\w)(?:ngày|sáng|chiều|tối|trưa)\s+\d{1,2}\s*/\s*\d{1,2}(?![\w/]))")


def _prefix_year(text: str, start: int, end: int, doc_year: int | None) -> int | None:
    """The year of the first date (not a period) printed in text[start:end]; a day and month
    ("Sáng 19/11") takes the document's year."""
    first = _PREFIX_DATE.search(text, start, end)
    if first is None:
        return None
    y = first.group(1) or first.group(2)
    return int(y) if y else doc_year


def _subsumed(a: Award, b: Award, ra: str | None, rb: str | None, weak_year: bool = False) -> bool:
    """`a` says less than `b` about the same award (a vaguer repeat: a caption, a headline).
    A head noun or a shortened name ("cho Trường", "Sở Nội vụ") stands for the fuller name."""
    if ra and rb and ra != rb and _fold(rb).lower().startswith(_fold(ra).lower() + " ") and _lex().heads.match(_fold(ra)):
        ra = rb                       # a shorter form of the same name ("Sở Nội vụ" for "Sở Nội vụ tỉnh X")
    fa = (a.award_class, a.grantor, ra, None if weak_year and b.year else a.year)
    fb = (b.award_class, b.grantor, rb, b.year)
    return a.award == b.award and fa != fb and all(x is None or x == y for x, y in zip(fa, fb))


@dataclass
class _After:
    """What follows an award's name: "hạng Nhì của Chủ tịch nước năm 2020 cho Trường X"."""
    classes: list[int] = field(default_factory=list)
    grantor: tuple[int, int] | None = None
    years: list[int] = field(default_factory=list)
    for_span: tuple[int, int] | None = None
    holder: tuple[int, int] | None = None
    passive: bool = False             # "<award> được trao cho X": the cue follows the name


# a quoted name after the award ('Kỷ niệm chương "Vì sự nghiệp X"'), or the closing quote
# of an award printed inside quotes ('danh hiệu "Nông dân Việt Nam xuất sắc"')
_QUOTED = re.compile(r'\s*["“][^"”\n]{1,150}["”]|["”]')
_PASSIVE_AFTER = _rx(r"\s*,?\s*(?:đã\s+|cũng\s+)?được\s+(?:trao tặng|tặng thưởng|truy tặng|phong tặng|trao|tặng)\s+(?=cho\s)", _I)
# grantors of state awards: "Huân chương ... của Chủ tịch nước" names the grantor, "của <unit>" the holder


def _read_after(text: str, pos: int, kind: _Kind, units: list[Unit]) -> _After:
    after = _After()
    if (q := _QUOTED.match(text, pos)) is not None:
        pos = q.end()
    progressed = True
    while progressed:
        progressed = False
        if kind.classes and not after.classes and (c := _CLASSES.match(text, pos)):
            after.classes = [_CLASS_WORD[c.group(1).lower()]]
            after.classes += [_CLASS_WORD[w.lower()] for w in re.findall(r"(?i)nhất|nhì|ba", c.group(2) or "")]
            pos, progressed = c.end(), True
        if after.holder is None and (h := _HOLDER.match(text, pos)) is not None:
            after.holder = _person(_lex().person.match(text, h.end())) or \
                _one_recipient(text, h.end(), _clause_end(text, h.end()), units)
            if after.holder is not None:
                pos, progressed = _skip_appositive(text, after.holder[1]), True
        if (sx := _SUFFIX.match(text, pos)) is not None:
            pos, progressed = sx.end(), True
        if after.holder is None and not kind.grantor and (o := _OF.match(text, pos)) is not None \
                and _lex().heads.match(text, o.end()) and not _lex().state_grantor.match(text, o.end()):
            after.holder = _one_recipient(text, o.end(), _clause_end(text, o.end()), units)
            if after.holder is not None:
                pos, progressed = after.holder[1], True
        if after.for_span is None and not after.passive and (pa := _PASSIVE_AFTER.match(text, pos)):
            after.passive, pos, progressed = True, pa.end(), True
        if after.grantor is None and (kind.grantor or _OF.match(text, pos)) and not _HOLDER.match(text, pos):
            g, gpos = _grantor_after(text, pos)
            if g:
                after.grantor, pos, progressed = g, gpos, True
        if not after.years and (y := _YEARS.match(text, pos)):
            after.years = [int(x) for x in re.findall(r"\d{4}", y.group(0))]
            pos, progressed = y.end(), True
        if after.for_span is None and (f := _FOR.match(text, pos)):
            after.for_span = f.span(1)
            pos, progressed = f.end(), True
        if not after.years and (dm := _BY_DECISION.match(text, pos)):
            after.years = [int(dm.group(1))]
            pos, progressed = dm.end(), True
    return after


def _conferment_cue(ctx: DocContext, sent: int, clause: int, s: int) -> tuple[bool, re.Match | None]:
    """(is a conferment, the cue in the award's own clause or None when the cue is earlier in
    the sentence: "trao A cho X; B cho Y")."""
    lex, text = _lex(), ctx.text
    prefix = text[clause:s]
    if lex.not_cue.search(prefix):
        return False, None
    if ctx.kind == "plan" and not re.search(r"(?i)(?<!\w)(?:được|đã|đạt)(?!\w)", prefix):
        return False, None            # a plan's "Tặng Bằng khen ... cho" is a rule, not a conferment
    cues = list(lex.cue.finditer(prefix))
    if cues:
        return True, cues[-1]
    ok = lex.cue.search(text, sent, clause) is not None and not lex.not_cue.search(text, sent, clause)
    return ok, None


def find_awards(ctx: DocContext, units: list[Unit], people: list[Person]) -> list[Award]:
    text = ctx.text
    lex = _lex()

    def src(a: int, b: int) -> str:
        """The source text of a normalized span (output keeps the printed spelling)."""
        x, y = ctx.norm.to_source(a, b)
        return re.sub(r"\s+", " ", ctx.norm.source[x:y]).strip(" ,")

    out: list[Award] = []
    captions: set[int] = set()
    weak: set[int] = set()            # records whose year is the event's date, not printed with the award
    last_giver: tuple[int, list[str]] = (-1, [])
    for m in lex.mention.finditer(text):
        s, e = m.span()
        kind = lex.kinds.get(_key(m.group(0)))
        if kind is None or ctx.in_furniture(s, e):
            continue
        sent, clause = _bounds(text, s)
        ok, local_cue = _conferment_cue(ctx, sent, clause, s)
        after = _read_after(text, e, kind, units)
        if after.passive and after.for_span and not lex.not_cue.search(text, clause, s):
            ok, local_cue = True, None
        if not ok:
            continue
        prefix = text[clause:s]
        grantors = [src(*after.grantor)] if after.grantor else []
        # who gives it, when printed before: "được A, B tặng", "Chủ tịch UBND tỉnh tặng"
        active = False
        if local_cue is not None:
            local = prefix[local_cue.start():]
            active = _ACTIVE_VERB.match(local) is not None and \
                local[local_cue.end() - local_cue.start():].strip(' "“') in ("", "nhiều", "các", "thưởng", "danh hiệu")
        if active:
            before = prefix[:local_cue.start()]
            if pa := list(_PASSIVE.finditer(before)):
                active = False
                agent = src(clause + pa[-1].end(), clause + len(before))
                if agent[:1].isupper() and not grantors:
                    grantors = _split_grantors(agent)
            elif not grantors:
                subject = _active_grantors(text, clause, before, src)
                if not subject and not before.strip(" ,") and last_giver[0] == sent:
                    subject = last_giver[1]       # "X trao A cho Y; tặng B cho Z": the same subject
                if subject:
                    last_giver = (sent, subject)
                if _GIVE.match(local):            # who "tặng" grants; who "trao" may only hand over
                    grantors = subject
        if not grantors and (au := _ON_BEHALF.search(text, sent, s)):
            grantors = [src(*au.span(1))]
        years: list[int] = after.years
        weak_year = not years
        if weak_year:
            py = _prefix_year(text, clause, s, ctx.doc_year)
            if py is None and (ty := _TOPIC_YEAR.match(text, text.rfind("\n", 0, s) + 1)) is not None:
                py = int(ty.group(1))
            years = [py] if py else []
        if not years and ctx.kind == "decision" and ctx.doc_year:
            # a decision confers in the year it is signed (the year of the achievement it cites,
            # "dẫn đầu phong trào thi đua năm 2025", is not the year of the conferment)
            years = [ctx.doc_year]
        # recipients
        if after.holder is not None:
            rspans, found_by = [after.holder], HOLDER
        elif active or (after.for_span and not _PASSIVE.search(prefix)) or local_cue is None:
            rspans = _recipient_phrases(text, *after.for_span, units) if after.for_span else []
            found_by = GIVEN_TO
        else:
            found_by = SUBJECT
            rspan, found = _subject(text, clause, s, people, units)
            if not found and clause > sent:
                rspan, found = _subject(text, sent, s, people, units)
            rspans = [rspan] if rspan else []
        recipients = [re.sub(r"\s*\([A-ZĐ0-9&-]+\)", "", src(*r)) or None for r in rspans] or [None]
        if recipients == [None] and _SUBJECT_LINE.match(text, text.rfind("\n", 0, s) + 1):
            continue                # "Về việc tặng Bằng khen ...": the decision's subject, its articles confer
        in_caption = _CAPTION.search(text, e, _line_end(text, e)) is not None
        for rcp in recipients:
            if rcp and rcp.lower().startswith("tập thể "):
                rcp = rcp[8:]
            rkind = kind.recipient if kind.recipient != "both" else None
            if rkind is None and rcp:
                rkind = "person" if any(p.name == rcp for p in people) or _person(_lex().person.match(rcp)) else "collective"
            for cls in after.classes or [None]:
                for g in grantors or [None]:
                    for y in years or [None]:
                        out.append(Award(award=kind.name, award_class=cls, grantor=g, recipient=rcp, year=y,
                                         category=kind.category, recipient_kind=rkind, span=(s, e),
                                         rule=found_by))
                        if in_caption:
                            captions.add(id(out[-1]))
                        if weak_year:
                            weak.add(id(out[-1]))
    out = _dedupe(out, units, captions, weak)
    # a photo caption repeats what the body says: keep it only for an award the body lacks
    body = {a.award for a in out if id(a) not in captions}
    return [a for a in out if id(a) not in captions or a.award not in body]


@stage("awards", writes="awards")
def awards_stage(ctx: DocContext) -> list[Award]:
    return find_awards(ctx, ctx.units, ctx.people)


def _active_grantors(text: str, clause: int, before: str, src) -> list[str]:
    """The subject of an active "X tặng ...", when it reads as a grantor ("Dịp này, Chủ tịch UBND
    tỉnh tặng"): a short phrase headed by an office title or a unit."""
    lex = _lex()
    intro = _INTRO.match(before)
    a0 = clause + (intro.end() if intro else 0)
    while a0 < clause + len(before) and text[a0] in " -+•*,":
        a0 += 1
    subj = before[a0 - clause:].strip(" ,")
    if subj[:1].isupper() and len(subj.split()) <= 8 and (lex.titles.match(subj) or lex.heads.match(subj)):
        return _split_grantors(src(a0, clause + len(before)))
    return []


_CAPTION = re.compile(r"[.(]\s*(?:Ảnh|Ảnh minh họa|Nguồn ảnh)\s*:")


def _line_end(text: str, pos: int) -> int:
    n = text.find("\n", pos)
    return len(text) if n < 0 else n


def _dedupe(awards: list[Award], units: list[Unit], captions: set[int], weak: set[int]) -> list[Award]:
    """One record per (award, class, grantor, recipient, year); a recipient printed as another
    form of the same unit ("Phân viện khu vực X" for "Phân viện Học viện ... khu vực X") counts once."""
    forms = {}
    for u in units:
        for f in [u.name, *u.aliases]:
            forms[_fold(f).lower()] = u.name
    seen: dict[tuple, int] = {}
    uniq = []
    for a in awards:
        canon = forms.get(_fold(a.recipient).lower()) if a.recipient else None
        k = (a.award, a.award_class, a.grantor, canon or a.recipient, a.year)
        if k not in seen:
            seen[k] = len(uniq)
            uniq.append((a, canon or a.recipient))
        elif id(uniq[seen[k]][0]) in captions and id(a) not in captions:
            uniq[seen[k]] = (a, canon or a.recipient)   # the body's mention, not the caption's
    _merge_halves(uniq)
    return [a for a, ra in uniq
            if not any(_subsumed(a, b, ra, rb, id(a) in weak and id(b) not in weak) for b, rb in uniq if b is not a)]


def _merge_halves(uniq: list[tuple[Award, str | None]]) -> None:
    """One conferment told twice, once with its year and once with its grantor ("Sáng 19/12, X đón
    nhận A"; "thừa ủy quyền của Chủ tịch nước, ... trao A cho X"): the yearless record takes the year
    and the other one, now saying less, is dropped by `_subsumed`."""
    for a, ra in uniq:
        if a.grantor is not None or a.year is None or ra is None:
            continue
        for b, rb in uniq:
            if b is not a and b.year is None and b.grantor is not None and rb == ra \
                    and b.award == a.award and b.award_class == a.award_class:
                b.year = a.year
                break
