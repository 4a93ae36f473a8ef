"""Conferments of awards per the Law on Emulation and Commendation (taxonomy in
nlp/lexicons/awards.toml).

An award mention is a conferment when its clause has a conferment cue ("được tặng", "đạt",
"đón nhận", a grantor that "tặng") and no criterion cue ("xét tặng", "đề nghị", "tiêu chuẩn").
After the name come its classes ("các hạng nhất, nhì, ba"), grantor ("của Thủ tướng", "ngành
Tư pháp"), years ("năm 2016 và năm 2019") and recipient ("cho 5 tập thể"); one Award is
emitted per class x grantor x year. The recipient is the clause's (or sentence's) subject,
or the "cho ..." phrase after an active "X tặng ..."."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from nlp.context import DocContext
from nlp.lexicon import load_lexicon
from nlp.normalize import fold_tones
from nlp.records import Award, Person, Unit

_I = re.IGNORECASE


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
        cue=re.compile(rf"(?<!\w)(?:{_alts(cues['conferment'])})(?!\w)", _I),
        not_cue=re.compile(rf"(?<!\w)(?:{_alts(cues['not_conferment'])})(?!\w)", _I),
        titles=re.compile(rf"(?:{_alts(cues['grantor_titles'])})(?!\w)"),
        heads=re.compile(rf"(?<!\w)(?:{_alts(cues['unit_heads'])})(?!\w)"),
    )


def _key(s: str) -> str:
    return re.sub(r"[\s,]+", " ", fold_tones(s).lower()).strip()


_CLASS_WORD = {"nhất": 1, "nhì": 2, "ba": 3, "i": 1, "ii": 2, "iii": 3, "1": 1, "2": 2, "3": 3}
_CLASSES = _rx(r"\s*,?\s*(?:các\s+)?hạng\s+(nhất|nhì|ba|iii|ii|i|[123])(?!\w)"
               r"((?:\s*(?:,|và|hoặc)\s*(?:hạng\s+)?(?:nhất|nhì|ba)(?!\w))*)", _I)
_YEARS = _rx(r"\s*,?\s*(?:vào\s+|trong\s+)?(?:các\s+)?năm\s+(\d{4})(?![\w/])"
             r"((?:\s*(?:,|và)\s*(?:năm\s+)?\d{4}(?![\w/]))*)", _I)
_FOR = _rx(r"\s*,?\s*(?:cho|tặng)\s+([^.;:\n]{1,120}?)(?=\s*(?:[.;:\n]|\s(?:có|vì|về|đã|do|nhân|tại|trong)\s|$))", _I)
_OF = _rx(r"\s*(?:của\s+)")
_LOWER_GRANTOR = _rx(r"(?:ngành|bộ|tỉnh|thành phố|huyện|quận|ban|khối)\s")
_STOP = _rx(r"(?:cho|vì|về|do|đã|được|tại|trong|với|năm|hạng|khi|sau|từ|đến|lần|vào|là|có|đạt|cùng|"
            r"tặng|trao|nhiều|và|hoặc|theo|thuộc|gồm|kèm|để|nhằm|góp)(?!\w)")
_TOKEN = re.compile(r"\s*([^\s,;.:…()\"“”]+)")
_SENT_END = re.compile(r"[.!?…]+(?=\s|$)|\n")
_CLAUSE_END = re.compile(r"[;:]")
_GENERIC = _rx(r"(?i:(?:\d+|nhiều|các|những|một số|hàng trăm|hàng chục)\s+(?:\w+\s+)?"
               r"(?:cá nhân|tập thể|đồng chí|cán bộ|công chức|viên chức|đảng viên|người|đơn vị|hộ|gia đình))")
_SUBJ_END = _rx(r"(?<!\w)(?:được|đã|đạt|vinh dự|nhận|đón nhận|tặng|trao|là|luôn|liên tục|nhiều năm|cũng|đều|"
                r"\d+\s+(?:năm|lần))(?!\w)", _I)
_PASSIVE = _rx(r"(?<!\w)được(?!\w)", _I)
_ACTIVE_VERB = _rx(r"(?<!\w)(?:trao tặng|tặng thưởng|khen tặng|truy tặng|phong tặng|tặng|trao)(?!\w)", _I)
_INTRO = _rx(r"^(?:[^,]*,\s*)+")
_PERSON = _rx(r"(?:ông|bà|đồng chí|anh|chị)\s+((?:[A-ZĐÀ-Ỹ][\wÀ-ỹ]*\s+){1,4}[A-ZĐÀ-Ỹ][\wÀ-ỹ]*)")


def _fold(s: str) -> str:
    return fold_tones(unicodedata.normalize("NFC", s))


def _split_grantors(s: str) -> list[str]:
    """ "Đảng ủy Khối X, Đảng ủy VPCP" -> two; "Bộ trưởng, Chủ nhiệm VPCP" stays one."""
    lex = _lex()
    parts = [p.strip() for p in re.split(r",|\s+và\s+", s) if p.strip()]
    out: list[str] = []
    for p in parts:
        if out and lex.titles.fullmatch(_fold(out[-1])):
            out[-1] = f"{out[-1]}, {p}"
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


def _bounds(text: str, pos: int) -> tuple[int, int]:
    """(sentence start, clause start) of the position."""
    sent = 0
    for m in _SENT_END.finditer(text, max(0, pos - 1500), pos):
        sent = m.end()
    clause = sent
    for m in _CLAUSE_END.finditer(text, sent, pos):
        clause = m.end()
    return sent, clause


def _subject(text: str, start: int, end: int, people: list[Person]) -> tuple[tuple[int, int] | None, bool]:
    """(span of the recipient, found) from the subject before the first conferment verb of
    text[start:end]: "Tập thể Cục X 5 năm liên tục đạt" -> "Cục X"; "nhiều cá nhân được" -> None."""
    lex = _lex()
    region = text[start:end]
    cue = lex.cue.search(region)
    region = region[:cue.start()] if cue else region
    if not region.strip(" ,") or re.match(r"(?i)\s*được\s", region):
        return None, False
    for p in people:
        for a, b in p.spans:
            if start <= a and b <= start + len(region):
                return (a, b), True
    h = lex.heads.search(region)
    g = _GENERIC.search(region)
    if g and (h is None or g.start() < h.start()):
        return None, True
    if h:
        rest = region[h.start():]
        cut = _SUBJ_END.search(rest, len(h.group(0)))
        rest = rest[:cut.start()] if cut else rest
        rest = re.split(r"[,()]", rest)[0].rstrip()
        return (start + h.start(), start + h.start() + len(rest)), True
    pm = _PERSON.search(region)
    if pm:
        return (start + pm.start(1), start + pm.end(1)), True
    return None, False


def _recipient_phrase(text: str, a: int, b: int) -> tuple[int, int] | None:
    """The "cho ..." recipient when it names a unit or a person (not "20 tập thể")."""
    s = text[a:b]
    if _GENERIC.match(s) or re.match(r"(?i)(?:tối đa|các|những|nhiều)\s", s):
        return None
    pm = _PERSON.match(s)
    if pm:
        return a + pm.start(1), a + pm.end(1)
    if _lex().heads.match(s):
        return a, a + len(re.split(r"[,()]", s)[0].rstrip())
    return None


def find_awards(ctx: DocContext, units: list[Unit], people: list[Person]) -> list[Award]:
    text = ctx.text
    lex = _lex()

    def src(a: int, b: int) -> str:
        """The source text of a normalized span (output keeps the printed spelling)."""
        x, y = ctx.norm.to_source(a, b)
        return ctx.norm.source[x:y]

    out: list[Award] = []
    seen: set[tuple] = set()
    for m in lex.mention.finditer(text):
        s, e = m.span()
        if ctx.in_furniture(s, e):
            continue
        kind = lex.kinds.get(_key(m.group(0)))
        if kind is None:
            continue
        sent, clause = _bounds(text, s)
        prefix = text[clause:s]
        cues = list(lex.cue.finditer(prefix))
        if not cues or lex.not_cue.search(prefix):
            continue
        if ctx.kind == "plan" and not re.search(r"(?i)(?<!\w)(?:được|đã|đạt)(?!\w)", prefix):
            continue  # a plan's "Tặng Bằng khen ... cho" is a rule, not a conferment
        # after the name: classes, grantor, years, "cho" recipient
        pos = e
        classes: list[int | None] = []
        grantors: list[str] = []
        years: list[int | None] = []
        for_span = None
        progressed = True
        while progressed:
            progressed = False
            if kind.classes and not classes and (c := _CLASSES.match(text, pos)):
                classes = [_CLASS_WORD[c.group(1).lower()]]
                classes += [_CLASS_WORD[w.lower()] for w in re.findall(r"(?i)nhất|nhì|ba", c.group(2) or "")]
                pos, progressed = c.end(), True
            if kind.grantor and not grantors:
                g, gpos = _grantor_after(text, pos)
                if g:
                    grantors, pos, progressed = [src(*g)], gpos, True
            if not [y for y in years if y] and (y := _YEARS.match(text, pos)):
                years = [int(x) for x in re.findall(r"\d{4}", y.group(0))]
                pos, progressed = y.end(), True
            if for_span is None and (f := _FOR.match(text, pos)):
                for_span = f.span(1)
                pos, progressed = f.end(), True
        # who gives it, when printed before: "được A, B tặng", "Chủ tịch UBND tỉnh tặng"
        last = cues[-1]
        local = prefix[last.start():]
        active = _ACTIVE_VERB.match(local) is not None and local[last.end() - last.start():].strip() in (
            "", "nhiều", "các", "thưởng")
        passive_agent = None
        if active:
            before = prefix[:last.start()]
            pa = list(_PASSIVE.finditer(before))
            if pa:
                a0 = clause + pa[-1].end()
                agent = src(a0, clause + len(before)).strip(" ,")
                if agent and agent[:1].isupper():
                    passive_agent = agent
                active = False
            elif not grantors:
                intro = _INTRO.match(before)
                a0 = clause + (intro.end() if intro else 0)
                subj = before[a0 - clause:].strip(" ,")
                if subj[:1].isupper() and (lex.titles.match(subj) or lex.heads.match(subj)):
                    grantors = _split_grantors(src(a0, clause + len(before)).strip(" ,"))
        if passive_agent and not grantors:
            grantors = _split_grantors(passive_agent)
        # recipient
        if active or (for_span and not _PASSIVE.search(prefix)):
            rspan = _recipient_phrase(text, *for_span) if for_span else None
        else:
            rspan, found = _subject(text, clause, s, people)
            if not found and clause > sent:
                rspan, found = _subject(text, sent, s, people)
        recipient = None
        if rspan is not None:
            recipient = re.sub(r"\s+", " ", src(*rspan)).strip(" ,") or None
        rkind = kind.recipient if kind.recipient != "both" else None
        if rkind is None and recipient:
            rkind = "person" if any(p.name == recipient for p in people) or _PERSON.match(recipient) else "collective"
        for cls in classes or [None]:
            for g in grantors or [None]:
                for y in years or [None]:
                    k = (kind.name, cls, g, recipient, y)
                    if k in seen:
                        continue
                    seen.add(k)
                    out.append(Award(award=kind.name, award_class=cls, grantor=g, recipient=recipient, year=y,
                                     category=kind.category, recipient_kind=rkind, span=(s, e)))
    return out
