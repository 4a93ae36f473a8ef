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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.context import DocContext
from nlp.lexicon import load_lexicon
from nlp.normalize import fold_tones
from nlp.records import Award, Person, Unit
from nlp.registry import rule, stage
from nlp.unit_lexicon import unit_key

_I = re.IGNORECASE

# The furthest any award rule looks back or ahead of a position (characters). Every scan is bounded
# by it, so reading a document is linear in its length with or without sentence punctuation.
SCAN_WINDOW = 1500

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
    generic_subject: re.Pattern      # a bare class noun as the whole subject: "Tập thể năm 2013 được"


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
        generic_subject=_class_nouns_only(cues["generic_recipients"]),
    )


def _class_nouns_only(nouns: list[str]) -> re.Pattern:
    """A subject made only of class nouns, optionally "mỗi" and a year: anyone who qualifies."""
    noun = rf"(?:{_alts(nouns)})"
    return re.compile(rf"(?<!\w)(?:mỗi\s+)?{noun}(?:\s*(?:,|và|hoặc)\s*{noun})*(?:\s+(?:năm\s+)?\d{{4}})?"
                      rf"(?:\s+(?:đã|đều|sẽ|cũng|vinh dự))*\s*$", _I)


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
_TITLE_BEFORE = _rx(r"(?:Chủ tịch|Giám đốc|Bí thư|Trưởng|Phó|Chánh|Hiệu trưởng|Tổng Giám đốc|Thứ trưởng|"
                    r"Bộ trưởng|Cục trưởng|Vụ trưởng|Viện trưởng|Chủ nhiệm|Quản đốc|Trưởng phòng|Trưởng ban|"
                    r"Trưởng khoa|Chuyên viên|Ủy viên)(?:\s+[a-zđà-ỹ]+)?\s+$")
_PASSIVE = _rx(r"(?<!\w)được(?!\w)", _I)
_ACTIVE_VERB = _rx(r"(?<!\w)(?:trao tặng|tặng thưởng|khen tặng|truy tặng|phong tặng|tặng|trao|tôn vinh)(?!\w)", _I)
_GIVE = _rx(r"(?i:trao tặng|tặng thưởng|khen tặng|truy tặng|phong tặng|tặng)(?!\w)")
_ON_BEHALF = _rx(r"(?i:ủy quyền|thay mặt)\s+(?:của\s+)?([A-ZĐ][\w]*(?:\s+[\w]+){0,5}?)(?=\s*,)")
_INTRO = _rx(r"^(?:[^,]*,\s*)+")
_HONORIFIC = (r"(?:(?i:ông|bà|đồng chí|anh|chị|cô|thầy)|(?:(?:PGS|GS|TSKH|TS|ThS|BSCKII|BSCKI|BS|CKII|CKI|KS|NGND|NGƯT|"
              r"TTND|TTƯT|NSND|NSƯT|Đại tá|Thượng tá|Trung tá|Thiếu tá)(?![^\W\d_])\.?\s*)+)")
_PERSON = _rx(rf"(?<!\w)(?:{_HONORIFIC}\s*)+((?:[^\W\d_]+\s+){{1,4}}[^\W\d_]+)")   # "đồng chí Thiếu tá X"
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
            nxt = q + 1
            while text.startswith(" ", nxt):
                nxt += 1
            if lex.titles.match(text, nxt):
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


_CLAUSE_STOP = re.compile(r"[;:.\n]|\s(?:và|vì|cho)\s")


def _clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_STOP.search(text, pos, pos + SCAN_WINDOW)
    return m.start() if m else min(len(text), pos + SCAN_WINDOW)


def _skip_appositive(text: str, pos: int) -> int:
    """Past ", Quản đốc Phân xưởng X" after a name."""
    m = re.compile(r",[^,;.\n]*?(?=\s+và\s|[;.\n]|$)").match(text, pos)
    return m.end() if m else pos


_COLON_LINE = re.compile(r"(?m)^[^\n]*:[ \t]*$")
_LIST_LINE = re.compile(r"[ \t]*(?:[\"“”'‘’]\s*)?(?:\d+[.)]|[-+•*]|[a-zđ]\))")


def _criteria_lists(text: str) -> list[tuple[int, int]]:
    """Ranges of the list items after a line that ends with a colon and states criteria, rules or
    proposals ("... đạt một trong các tiêu chuẩn sau:", "đề nghị khen thưởng như sau:"): an award
    named in such an item is a condition, not a conferment."""
    not_cue = _lex().not_cue
    out = []
    for head in _COLON_LINE.finditer(text):
        if not not_cue.search(text, max(head.start(), head.end() - SCAN_WINDOW), head.end()):
            continue
        pos = end = head.end() + 1
        limit = min(len(text), pos + 2 * SCAN_WINDOW)
        while pos < limit:
            nl = text.find("\n", pos, limit)
            line_end = limit if nl < 0 else nl
            if text[pos:line_end].strip() and not _LIST_LINE.match(text, pos):
                break
            end = pos = line_end + 1
        if end > head.end() + 1:
            out.append((head.end(), end))
    return out


@dataclass
class _Index:
    """What the rules look up around a position, computed once per document: sentence and clause
    ends (sorted offsets) and the spans of the units and people found by the earlier stages."""
    text: str
    sentence_ends: list[int]
    clause_ends: list[int]
    unit_ends: dict[int, list[int]]           # unit span start -> its ends
    unit_spans: list[tuple[int, int]]         # sorted
    person_spans: list[tuple[int, int]]       # sorted
    person_names: set[str]
    unit_by_key: dict[str, Unit]
    criteria: list[tuple[int, int]]           # sorted ranges of criteria lists (see _criteria_lists)

    @classmethod
    def build(cls, text: str, units: list[Unit], people: list[Person]) -> "_Index":
        unit_ends: dict[int, list[int]] = {}
        for u in units:
            for a, b in u.spans:
                unit_ends.setdefault(a, []).append(b)
        return cls(text=text,
                   sentence_ends=[m.end() for m in _SENT_END.finditer(text)],
                   clause_ends=[m.end() for m in _CLAUSE_END.finditer(text)],
                   unit_ends=unit_ends,
                   unit_spans=sorted(sp for u in units for sp in u.spans),
                   person_spans=sorted(sp for p in people for sp in p.spans),
                   person_names={p.name for p in people},
                   unit_by_key={unit_key(f): u for u in units for f in (u.name, *u.aliases)},
                   criteria=_criteria_lists(text))

    def bounds(self, pos: int) -> tuple[int, int]:
        """(sentence start, clause start) of the position, at most SCAN_WINDOW before it."""
        i = bisect_right(self.sentence_ends, pos)
        sent = max(self.sentence_ends[i - 1] if i else 0, pos - SCAN_WINDOW, 0)
        j = bisect_right(self.clause_ends, pos)
        clause = self.clause_ends[j - 1] if j and self.clause_ends[j - 1] > sent else sent
        return sent, clause

    def sentence_end(self, pos: int) -> int:
        """The end of the sentence holding `pos`, at most SCAN_WINDOW after it."""
        i = bisect_right(self.sentence_ends, pos)
        end = self.sentence_ends[i] if i < len(self.sentence_ends) else len(self.text)
        return min(end, pos + SCAN_WINDOW, len(self.text))

    def is_question(self, pos: int) -> bool:
        k = self.sentence_end(pos) - 1
        while k > pos and self.text[k].isspace():
            k -= 1
        return self.text[k] == "?"

    def in_criteria_list(self, pos: int) -> bool:
        i = bisect_right(self.criteria, (pos, len(self.text))) - 1
        return i >= 0 and self.criteria[i][0] <= pos < self.criteria[i][1]

    def units_starting_in(self, a: int, b: int) -> list[tuple[int, int]]:
        return self.unit_spans[bisect_left(self.unit_spans, (a, -1)):bisect_left(self.unit_spans, (b, -1))]

    def people_within(self, a: int, b: int) -> list[tuple[int, int]]:
        spans = self.person_spans[bisect_left(self.person_spans, (a, -1)):bisect_left(self.person_spans, (b, -1))]
        return [sp for sp in spans if sp[1] <= b]

    def last_person_before(self, pos: int) -> tuple[int, int] | None:
        """The person span ending last before `pos` (within SCAN_WINDOW)."""
        spans = [sp for sp in self.people_within(max(0, pos - SCAN_WINDOW), pos)]
        return max(spans, key=lambda x: x[1]) if spans else None

    def longer_units_at(self, a: int) -> list[int]:
        return self.unit_ends.get(a, [])


def _subject_region(ix: _Index, start: int, end: int) -> str:
    """text[start:end] up to the conferment verb ("được", "đạt", "đón nhận"...)."""
    lex, region = _lex(), ix.text[start:end]
    cut = [x.start() for x in (lex.cue.search(region), _PASSIVE.search(region)) if x]
    return region[:min(cut)] if cut else region


def _generic_subject(ix: _Index, start: int, end: int) -> bool:
    """The subject is a bare class noun ("tập thể", "cá nhân, tập thể"), alone or after an
    introduction ("Như vậy, tập thể ..."); not a counted one ("15 tập thể, cá nhân") nor an
    apposition to a name ("Trung tâm X, đơn vị đã được ...")."""
    lex, region = _lex(), _subject_region(ix, start, end)
    m = lex.generic_subject.search(region)
    if m is None:
        return False
    before = region[:m.start()]
    if not before.strip():
        return True
    return before.rstrip().endswith(",") and not lex.heads.search(before) and not _PERSON.search(before) \
        and not ix.people_within(start, start + len(before))


def _subject(ix: _Index, start: int, end: int) -> tuple[tuple[int, int] | None, bool]:
    """(span of the recipient, found) from the subject before the conferment verb in
    text[start:end]: the unit or person nearest the verb ("Tập thể Cục X 5 năm liên tục đạt"
    -> "Cục X"); "nhiều cá nhân được" -> (None, True); no subject -> (None, False)."""
    lex, text = _lex(), ix.text
    region = _subject_region(ix, start, end)
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
        if _TITLE_BEFORE.search(region[:h.start()]):
            continue                  # "Ông X, Phó Chủ tịch UBND huyện": a position, not the subject
        for ub in ix.longer_units_at(a):
            if b < ub <= start + len(region) and not _BAD_EXTENSION.search(text, b, ub):
                b = ub
        # "Agribank Chi nhánh tỉnh X": the head word is inside a unit printed before it
        for ua, ub in ix.units_starting_in(start, a):
            if b <= ub and not _TITLE_BEFORE.search(text[start:ua]):
                a = ua
        cands.append((a, b))
    cands += ix.people_within(start, start + len(region))
    for pm in _PERSON.finditer(region):
        if (ps := _person(pm)) is not None:
            cands.append((start + ps[0], start + ps[1]))
    if not cands and _PRONOUN.match(region):
        # "Ông là tác giả ...; từng được tặng": the person last named before
        if (prev := ix.last_person_before(start)) is not None:
            return prev, True
        pms = [x for x in (_person(pm) for pm in _PERSON.finditer(text, max(0, start - 800), start)) if x]
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


def _recipient_phrases(ix: _Index, a: int, b: int) -> list[tuple[int, int]]:
    """The "cho ..." recipients that name a unit or a person: "cho Ban X và ông Y" -> two;
    "cho 3 tập thể: A; B; C" -> A, B, C; "cho 20 tập thể" -> none."""
    text = ix.text
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
                span = _one_recipient(ix, line.start(2), line.end(2))
                if span is not None:
                    items.append(span)
            return items
        stop = _SENT_END.search(text, pos, pos + 600)
        for part in re.finditer(r"[^;\n]+", text[pos:stop.start() if stop else pos + 600]):
            span = _one_recipient(ix, pos + part.start(), pos + part.end())
            if span is None:
                break
            items.append(span)
        return items
    out = []
    # "A, B và C": a comma or "và" before a lower-case word joins parts of one name
    # ("Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ X")
    cuts = [m for m in _LIST_SEP.finditer(s) if not _NAME_GOES_ON.match(s, m.start())
            and not (m.group(0).strip() == "và" and re.match(r"\s*[a-zđà-ỹ]", s[m.end():])
                     and not _PERSON.match(s, m.end()))]
    starts = [0] + [m.end() for m in cuts]
    ends = [m.start() for m in cuts] + [len(s)]
    for x, y in zip(starts, ends):
        span = _one_recipient(ix, a + x, a + y)
        if span is not None and not (out and _is_parent_of(ix, span, out[-1])):
            out.append(span)
    return out


def _is_parent_of(ix: _Index, span: tuple[int, int], prev: tuple[int, int]) -> bool:
    """The unit at `span` is the parent of the unit at `prev` ("Khoa Nhi, Bệnh viện X": one recipient)."""
    text, by_key = ix.text, ix.unit_by_key
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


def _one_recipient(ix: _Index, a: int, b: int) -> tuple[int, int] | None:
    text = ix.text
    while a < b and text[a] in " \t":
        a += 1
    if (tt := re.match(r"(?i)tập thể\s+", text[a:b])) is not None:
        a += tt.end()                 # "cho tập thể Sở Nội vụ"
    s = text[a:b]
    if not s or _GENERIC.match(s):
        return None
    ps = _person(_PERSON.match(s))
    if ps:
        return a + ps[0], a + ps[1]
    if _lex().heads.match(s):
        end = a + len(_unit_name(s).rstrip())
        for ub in ix.longer_units_at(a):
            if end < ub <= b + 40 and not _BAD_EXTENSION.search(text, end, ub):
                return a, ub
        return a, end
    return None


_TOPIC_YEAR = _rx(r"\s*(?i:trong\s+)?(?i:năm)\s+(\d{4})\s*,")      # a paragraph opening "Năm 2025, ..."
# a date that opens or closes a period ("(28/8/1945-28/8/2015)", "năm 1945-2015") is a span being
# celebrated, not the day of the conferment
_PREFIX_DATE = _rx(r"(?i:(?<![\w/])(?<!\d\s-\s)(?<!\d-)(?<!\d\s-)(?<!\d-\s)\d{1,2}\s*/\s*\d{1,2}\s*/\s*(\d{4})(?![\w/])(?!\s*-\s*\d)"
                   r"|(?<!\w)năm\s+(\d{4})(?!\s*-\s*\d)"
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
_STATE_GRANTOR = _rx(r"(?:Chủ tịch|Nhà nước|Chính phủ|Thủ tướng|Quốc hội|Bộ trưởng|Đảng|Ban Chấp hành Trung ương)(?!\w)")


def _read_after(ix: _Index, pos: int, kind: _Kind) -> _After:
    text = ix.text
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
            after.holder = _person(_PERSON.match(text, h.end())) or \
                _one_recipient(ix, h.end(), _clause_end(text, h.end()))
            if after.holder is not None:
                pos, progressed = _skip_appositive(text, after.holder[1]), True
        if (sx := _SUFFIX.match(text, pos)) is not None:
            pos, progressed = sx.end(), True
        if after.holder is None and not kind.grantor and (o := _OF.match(text, pos)) is not None \
                and _lex().heads.match(text, o.end()) and not _STATE_GRANTOR.match(text, o.end()):
            after.holder = _one_recipient(ix, o.end(), _clause_end(text, o.end()))
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
    ix = _Index.build(text, units, people)

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
        if ix.is_question(s) or ix.in_criteria_list(s):
            continue                  # "... được tặng Bằng khen được không?", a list of criteria
        sent, clause = ix.bounds(s)
        ok, local_cue = _conferment_cue(ctx, sent, clause, s)
        after = _read_after(ix, e, kind)
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
            if py is None and (ty := _TOPIC_YEAR.match(text, _line_start(text, s))) is not None:
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
            rspans = _recipient_phrases(ix, *after.for_span) if after.for_span else []
            found_by = GIVEN_TO
        else:
            if _generic_subject(ix, clause, s):
                continue              # "Tập thể năm 2013 được tặng ...": anyone who qualifies, a rule
            found_by = SUBJECT
            rspan, found = _subject(ix, clause, s)
            if not found and clause > sent:
                rspan, found = _subject(ix, sent, s)
            rspans = [rspan] if rspan else []
        recipients = [re.sub(r"\s*\([A-ZĐ0-9&-]+\)", "", src(*r)) or None for r in rspans] or [None]
        if recipients == [None] and _SUBJECT_LINE.match(text, _line_start(text, s)):
            continue                # "Về việc tặng Bằng khen ...": the decision's subject, its articles confer
        in_caption = _CAPTION.search(text, e, _line_end(text, e)) is not None
        for rcp in recipients:
            if rcp and rcp.lower().startswith("tập thể "):
                rcp = rcp[8:]
            rkind = kind.recipient if kind.recipient != "both" else None
            if rkind is None and rcp:
                rkind = "person" if rcp in ix.person_names or _person(_PERSON.match(rcp)) else "collective"
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


def _line_start(text: str, pos: int) -> int:
    return text.rfind("\n", max(0, pos - SCAN_WINDOW), pos) + 1 or max(0, pos - SCAN_WINDOW)


def _line_end(text: str, pos: int) -> int:
    n = text.find("\n", pos, pos + SCAN_WINDOW)
    return min(len(text), pos + SCAN_WINDOW) if n < 0 else n


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
    by_award: dict[str, list[tuple[Award, str | None]]] = {}
    for a, ra in uniq:
        by_award.setdefault(a.award, []).append((a, ra))
    return [a for a, ra in uniq
            if not any(_subsumed(a, b, ra, rb, id(a) in weak and id(b) not in weak)
                       for b, rb in by_award[a.award] if b is not a)]


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
