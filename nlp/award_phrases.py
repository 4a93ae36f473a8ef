"""What is printed around an award's name: its classes, grantor, years and holder after it
("Huân chương Lao động hạng Nhì của Chủ tịch nước năm 2020 cho Trường X"), the grantor before it
("được UBND tỉnh tặng", "thừa ủy quyền của Chủ tịch nước, ... trao"), and the year of the
conferment ("Sáng 19/11, ...", "Năm 2019, ...", "theo Quyết định số ... ngày 5/2/2024")."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.award_index import Span, TextIndex, line_start
from nlp.sentences import SCAN_WINDOW
from nlp.award_lexicon import I, AwardKind, alts, fold, lexicon, rx
from nlp.award_recipients import NUMBER_WORD, Recipient, one_recipient, person_at
from nlp.lexicon import load_lexicon
from nlp.segment import LOWER, UPPER

_CLASS_WORD = {"nhất": 1, "nhì": 2, "ba": 3, "i": 1, "ii": 2, "iii": 3, "1": 1, "2": 2, "3": 3}
CLASSES = rx(r"\s*,?\s*(?:các\s+)?hạng\s+(nhất|nhì|ba|iii|ii|i|[123])(?!\w)"
             r"((?:\s*(?:,|và|hoặc)\s*(?:hạng\s+)?(?:nhất|nhì|ba)(?!\w))*)", I)
_YEARS = rx(r"\s*[,(]?\s*(?:vào\s+|trong\s+)?(?:các\s+)?năm\s+(\d{4})(?![\w/])"
            r"((?:\s*(?:,|và)\s*(?:năm\s+)?\d{4}(?![\w/]))*)"
            r"|\s*\(\s*\d{4}(?:\s*(?:,|và)\s*\d{4})*\s*\)", I)     # "hạng Nhì (2010)", "(2016, 2019)"
# the recipients follow: "cho A", "cho:" or "cho" + one a line, "gồm: A, B" (after a bare "danh hiệu"),
# "Các cá nhân được tặng Bằng khen là Trung tá A, ...; Đại úy B ..."
_FOR = rx(rf"\s*,?\s*(?:(?:cho|(?:(?:phong|truy|trao)\s+)?tặng(?:\s+cho)?|đối với)(?:[ \t]+(?=\S)|[ \t]*(?=[:\n]))|(?=gồm(?!\w)|:)|là(?:[ \t]*:)?[ \t]+(?=(?-i:[{UPPER}])|(?:các\s+)?(?:ông|bà|đồng chí|em|anh|chị)\s))", I)
_OF = rx(r"\s*(?:của\s+)")
# another grantor of the same award, its own "của" repeated: "Cờ thi đua của Chính phủ, của Bộ X"
_AND_OF = rx(r"\s*(?:,\s*|\s+và\s+)(?=của\s)")
# what may follow a name before its grantor or recipients: "thời kỳ đổi mới", "lần thứ 2" / "lần thứ
# hai", "lần này", a Party badge's years ("Huy hiệu 45 năm tuổi Đảng", "Huy hiệu 40 năm, 30 năm tuổi đảng")
_SUFFIX = rx(rf"\s*(?i:thời kỳ (?:đổi mới|kháng chiến(?: chống (?:Pháp|Mỹ))?)|lần thứ\s+(?:\d+|[{LOWER}]+)|lần này|"
             r"(?:\d+\s+năm\s*,\s*)*\d+\s+(?:năm\s+)?tuổi\s+đảng)")
# a decision and its date: "Quyết định số 12/QĐ-UBND ngày 3/5/2020"
DECISION_DATE = rx(r"(?i:quyết định)\s+(?:số\s+)?\S+\s+ngày\s+\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*(\d{4})")
BY_DECISION = rx(r"\s*,?\s*(?:theo|tại)\s+(?i:quyết định)\s+(?:số\s+)?\S+\s+ngày\s+\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*(\d{4})")
# the decision it was conferred by, without a date: "theo Quyết định số 689/QĐ-CTN"
_PER_DECISION = rx(r"\s*,?\s*(?:theo|tại)\s+(?i:quyết định)\s+(?:số\s+)?[\w/.-]*\d[\w/.-]*")
# "<award> do Chủ tịch nước trao tặng": the grantor after "do"
_BY_GRANTOR = rx(rf"\s*,?\s*do\s+([{UPPER}][^,;.:\n]{{1,80}}?)\s+(?:trao tặng|tặng thưởng|phong tặng|truy tặng|trao|tặng|ký|"
                 r"quyết định)(?!\w)")
# a conferment verb of two words ends a grantor phrase ("của Chủ tịch nước phong tặng", not "huyện Cao Phong")
_VERB_AT = rx(r"(?:phong|truy|trao|khen)\s+tặng(?!\w)|tặng\s+thưởng(?!\w)")
_TOKEN = re.compile(r"[ \t]*([^\s,;.:…()\"“”]+)")
# a quoted name after the award ('Kỷ niệm chương "Vì sự nghiệp X"'), or the closing quote
# of an award printed inside quotes ('danh hiệu "Nông dân Việt Nam xuất sắc"')
_OWN_NAME = re.compile(rf"[ \t]+[{UPPER}][^\W\d_]*(?:[ \t]+[{UPPER}][^\W\d_]*)*")
_QUOTED = re.compile(r'\s*:?\s*["“][^"”\n]{1,150}["”]|["”]')
# the name of a ceremony: "Lễ đón nhận <award>", "lễ trao tặng danh hiệu <award>"
_CEREMONY_OF = rx(r"(?i:lễ)\s+(?:đón nhận|trao tặng|trao|nhận|gắn)\s+(?:danh hiệu\s+)?$", I)
_PASSIVE_AFTER = rx(r"\s*,?\s*(?:đã\s+|cũng\s+)?được\s+(?:trao tặng|tặng thưởng|truy tặng|phong tặng|trao|tặng)\s+(?=cho\s)", I)
_CLAUSE_STOP = re.compile(r"[;:.\n]|\s(?:và|vì|cho)\s")
# a paragraph or sentence opening "Năm 2025, ...", "Theo đó, năm 2021, ..."
TOPIC_YEAR = rx(r"\s*(?i:(?:theo đó|trong đó|cụ thể|ngoài ra|bên cạnh đó|đồng thời)\s*,\s*)?(?i:trong\s+)?"
                r"(?i:năm)\s+(\d{4})\s*,")
# a date that opens or closes a period ("(28/8/1945-28/8/2015)", "năm 1945-2015") is a span being
# celebrated, not the day of the conferment; nor is a founding year or the start of a span ("thành
# lập năm 1993", "từ năm 2010 đến nay")
_PREFIX_DATE = rx(r"(?i:(?<![\w/.-])(?<!\d\s-\s)(?<!\d\s-)(?<!\d-\s)\d{1,2}\s*([/.-])\s*\d{1,2}\s*\1\s*(\d{4})(?![\w/])"
                  r"(?!\s*-\s*\d)|(?<!\w)(?<!từ )(?<!lập )(?<!lập từ )năm\s+(\d{4})(?!\s*-\s*\d)"
                  r"|(?<!\w)(?:ngày|sáng|chiều|tối|trưa)\s+\d{1,2}\s*[/.-]\s*\d{1,2}(?![\w/.-]))")


@dataclass(frozen=True)
class _Words:
    stop: re.Pattern                  # function words that end a grantor phrase
    lower_grantor: re.Pattern         # lower-case words that start a grantor ("ngành Tư pháp")
    state_grantor: re.Pattern         # "Huân chương ... của Chủ tịch nước": a grantor, not a holder
    holder: re.Pattern                # "... của Công ty X", "... của ông Y": the holder
    counted_list: re.Pattern          # "<award> lần này có 3 Trung tướng gồm A, B": the list of its recipients


@lru_cache(maxsize=1)
def _words() -> _Words:
    g = load_lexicon("awards.toml")["grantors"]
    lex = lexicon()
    return _Words(
        stop=rx(rf"(?:{alts(g['stop_words'])})(?!\w)"),
        lower_grantor=rx(rf"(?:{alts(g['lower_case_leads'])})\s"),
        state_grantor=rx(rf"(?:{alts(g['state'])})(?!\w)"),
        holder=rx(rf"\s*của\s+(?=(?:{lex.honorific})\s|(?:{alts(g['holder_heads'])})(?!\w))"),
        counted_list=re.compile(
            rf"\s*,?\s*(?:trong đó\s+)?có\s+(?:\d{{1,3}}|năm|{NUMBER_WORD})\s+"
            rf"(?:{lex.class_nouns.pattern}|{lex.person_nouns.pattern}|(?-i:{lex.honorific}))\s*(?=gồm(?!\w))", I),
    )


@dataclass
class After:
    """What follows an award's name: "hạng Nhì của Chủ tịch nước năm 2020 cho Trường X"."""
    classes: list[int] = field(default_factory=list)
    grantor: Span | None = None
    more_grantors: list[Span] = field(default_factory=list)   # ", của Bộ X": one record each
    years: list[int] = field(default_factory=list)
    given_to: int | None = None       # where the recipients after "cho" (or a list: "gồm:") start
    listed: bool = False              # the name is followed by a list of its recipients ("gồm: A, B")
    holder: Recipient | None = None
    passive: bool = False             # "<award> được trao cho X": the cue follows the name
    end: int = 0                      # how far the reading went


def read_after(ix: TextIndex, pos: int, kind: AwardKind, start: int | None = None) -> After:
    """`start`: where the award's name starts (a ceremony's holder may follow the name)."""
    text = ix.text
    after = After()
    ceremony = start is not None and not kind.grantor and _CEREMONY_OF.search(text, max(0, start - 40), start)
    # a headline in capitals ("... NHẬN CỜ THI ĐUA DẪN ĐẦU PHONG TRÀO CỦA UBND ..."): its words after the
    # name are a grantor only after "của"
    caps = text[max(0, pos - 8):pos].isupper()
    if (q := _QUOTED.match(text, pos)) is not None:
        pos = q.end()
    elif kind.group == "commemorative" and (own := _OWN_NAME.match(text, pos)) is not None \
            and not _words().stop.match(own.group(0).strip().lower()):
        pos = own.end()               # "Kỷ niệm chương Hùng Vương": the medal's own name
    progressed = True
    while progressed and after.given_to is None:
        progressed = False
        if kind.classes and not after.classes and (c := CLASSES.match(text, pos)):
            after.classes = read_classes(c)
            pos, progressed = c.end(), True
        if (sx := _SUFFIX.match(text, pos)) is not None:
            pos, progressed = sx.end(), True
        if after.holder is None and (h := _holder(ix, pos, kind) or (ceremony and _named_after(ix, pos))):
            after.holder, pos, progressed = h[0], h[1], True
        if not after.passive and (pa := _PASSIVE_AFTER.match(text, pos)):
            after.passive, pos, progressed = True, pa.end(), True
        if after.grantor is None and (kind.grantor and not caps or _OF.match(text, pos)) \
                and not _words().holder.match(text, pos):
            g, gpos = grantor_after(text, pos)
            if g:
                after.grantor, pos, progressed = g, gpos, True
                while (more := _AND_OF.match(text, pos)) and (g2 := grantor_after(text, more.end()))[0]:
                    after.more_grantors.append(g2[0])
                    pos = g2[1]
        if after.grantor is None and (bg := _BY_GRANTOR.match(text, pos)) is not None:
            after.grantor, pos, progressed = bg.span(1), bg.end(), True
        if not after.years and (y := _YEARS.match(text, pos)):
            after.years = [int(x) for x in re.findall(r"\d{4}", y.group(0))]
            pos, progressed = y.end(), True
        if (f := _FOR.match(text, pos)) is not None:
            after.given_to, pos = f.end(), f.end()
            after.listed = not re.search(r"(?i)cho|tặng|đối với", f.group(0))
        elif (cl := _words().counted_list.match(text, pos)) is not None:
            after.given_to, after.listed, pos = cl.end(), True, cl.end()
        if not after.years and (dm := BY_DECISION.match(text, pos)):
            after.years = [int(dm.group(2))]
            pos, progressed = dm.end(), True
        elif after.given_to is None and (pd := _PER_DECISION.match(text, pos)) is not None:
            pos, progressed = pd.end(), True          # "... theo Quyết định số 689/QĐ-CTN gồm A; B"
    after.end = pos
    return after


def read_classes(c: re.Match) -> list[int]:
    out = [_CLASS_WORD[c.group(1).lower()]]
    return out + [_CLASS_WORD[w.lower()] for w in re.findall(r"(?i)nhất|nhì|ba", c.group(2) or "")]


def _holder(ix: TextIndex, pos: int, kind: AwardKind) -> tuple[Recipient, int] | None:
    """ "<award> của ông X" / "của Công ty Y": the holder, not the grantor; for an award without a
    grantor of its own, "của <unit>" that is not a state grantor names its holder too."""
    text = ix.text
    if (h := _words().holder.match(text, pos)) is not None:
        start = h.end()
    elif not kind.grantor and (o := _OF.match(text, pos)) is not None and lexicon().heads.match(text, o.end()) \
            and not _words().state_grantor.match(text, o.end()):
        start = o.end()
    else:
        return None
    if (ps := person_at(text, start)) is not None:
        return Recipient(ps, "person"), _skip_appositive(text, ps[1])
    r = one_recipient(ix, start, clause_end(text, start))
    return (r, r.span[1]) if r is not None and r.span is not None else None


def _named_after(ix: TextIndex, pos: int) -> tuple[Recipient, int] | None:
    """ "Lễ đón nhận Huân chương Lao động hạng Ba Trường THCS X và ...": the unit named right after the
    name of an award without a grantor of its own, in the name of its ceremony, holds it."""
    text = ix.text
    start = pos + len(text[pos:pos + 4]) - len(text[pos:pos + 4].lstrip(" \t"))
    if start == pos or not lexicon().heads.match(text, start) or _words().state_grantor.match(text, start):
        return None
    end = clause_end(text, start)
    r = one_recipient(ix, start, end)
    if r is None or r.span is None or r.kind != "collective":
        return None
    span = (r.span[0], min(r.span[1], end))     # not past "và kỷ niệm ..."
    return Recipient(span, r.kind), span[1]


def clause_end(text: str, pos: int) -> int:
    m = _CLAUSE_STOP.search(text, pos, pos + SCAN_WINDOW)
    return m.start() if m else min(len(text), pos + SCAN_WINDOW)


def _skip_appositive(text: str, pos: int) -> int:
    """Past ", Quản đốc Phân xưởng X" after a name."""
    m = re.compile(r",[^,;.\n]*?(?=\s+và\s|[;.\n]|$)").match(text, pos, pos + SCAN_WINDOW)
    return m.end() if m else pos


def split_grantors(s: str) -> list[str]:
    """ "Đảng ủy Khối X, Đảng ủy VPCP" -> two; "Bộ trưởng, Chủ nhiệm VPCP" stays one."""
    lex = lexicon()
    parts = [(p.group(1), p.group(2).strip()) for p in re.finditer(r"(^|,|\s+và\s+)([^,]+?)(?=,|\s+và\s+|$)", s)
             if p.group(2).strip()]
    out: list[str] = []
    for sep, p in parts:
        fp = fold(p)
        starts_new = lex.titles.match(fp) or lex.heads.match(fp) or re.match(rf"[{UPPER}]{{2,}}(?:\s|$)", p)
        if out and lex.titles.fullmatch(fold(out[-1])):
            out[-1] = f"{out[-1]}, {p}"            # "Bộ trưởng, Chủ nhiệm VPCP"
        elif out and not starts_new:
            joiner = " và " if "và" in sep else ", "
            out[-1] = f"{out[-1]}{joiner}{p}"      # "Sở Nông nghiệp và Môi trường"
        else:
            out.append(p)
    return out


def grantor_after(text: str, pos: int) -> tuple[Span | None, int]:
    """A grantor phrase right after an award name: "của Thủ tướng", "ngành Tư pháp", "VPCP",
    "Bộ trưởng, Chủ nhiệm VPCP"."""
    m = _OF.match(text, pos)
    p = m.end() if m else pos
    while p < len(text) and text[p] == " ":
        p += 1
    if p >= len(text):
        return None, pos
    if not (text[p].isupper() or (m is not None and text[p].isalpha()) or _words().lower_grantor.match(text, p)):
        return None, pos
    end = _grantor_words_end(text, p)
    return ((p, end), end) if end > p else (None, pos)


def _grantor_words_end(text: str, p: int) -> int:
    """The end of a grantor's words from `p`: at most 14 tokens, up to a function word, another
    award, "nhân dịp"; "và" stays inside a name ("Bộ Khoa học và Công nghệ")."""
    lex, stop = lexicon(), _words().stop
    tokens: list[str] = []
    end = q = p
    while len(tokens) < 14:
        if text.startswith(",", q) and tokens and lex.titles.fullmatch(" ".join(tokens)):
            nxt = q + 1
            while text.startswith(" ", nxt):
                nxt += 1
            if lex.titles.match(text, nxt):           # "Bộ trưởng, Chủ nhiệm ..."
                tokens.append(",")
                q += 1
                continue
        t = _TOKEN.match(text, q)
        if not t:
            break
        word = t.group(1)
        if word.lower() == "nhân" and text.startswith("dịp", t.end() + 1) or _VERB_AT.match(text, t.start(1)) \
                or word.lower() == "các" and _YEARS.match(text, t.start(1)):
            break                     # "... của Chủ tịch nước phong tặng cho ...": the verb ends it, and the
            #                           years do ("của UBND tỉnh các năm 2017, 2018")
        if stop.fullmatch(word.lower()) or stop.fullmatch(word):
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
    return end


# a line of an award record by year, the awards listed right after the years and a colon ("- Năm 2016:
# Huân chương Độc lập hạng Ba, Cờ thi đua của UBND tỉnh", "Năm 2017, 2018 và 2020: Bằng khen ...")
_YEAR_LINE = rx(r"[ \t|]*(?:[-+•*][ \t]*)?(?i:năm)[ \t]+(\d{4}(?:[ \t]*(?:,|;|và)[ \t]*\d{4})*)[ \t]*:[ \t]*")


# more classes of the award, each with its year: "Huân chương Lao động hạng Ba năm 2010, hạng Nhì năm 2016 và
# hạng Nhất năm 2022", "Huân chương Lao động (hạng Ba năm 2005, hạng Nhì năm 2015)", "hạng Ba (1998), hạng Nhì (2003)"
_CLASS_YEAR = rx(r"\s*(?:[,;(]\s*)?(?:và\s+)?hạng\s+(nhất|nhì|ba|iii|ii|i|[123])(?!\w)\s*"
                 r"(\(\s*(?:năm\s+)?\d{4}(?:\s*(?:,|và)\s*\d{4})*\s*\)|(?:,\s*)?(?:vào\s+)?năm\s+\d{4})(?![\w/])\s*\)?", I)


def class_years(text: str, pos: int) -> tuple[list[tuple[int, int]], int]:
    """([(class, year)], end) of the classes listed with their years from `pos` (at most 6 classes)."""
    out: list[tuple[int, int]] = []
    for _ in range(6):
        if (m := _CLASS_YEAR.match(text, pos)) is None:
            break
        out += [(_CLASS_WORD[m.group(1).lower()], int(y)) for y in re.findall(r"\d{4}", m.group(2))]
        pos = m.end()
    return out, pos


def year_line(text: str, s: int, listed: bool = True) -> list[int]:
    """The years of a record line the award at `s` is on ("- Năm 2003: ... "); `listed`: only when the
    award is listed there (no verb between the colon and it); [] when it is on no such line."""
    m = _YEAR_LINE.match(text, line_start(text, s), s)
    lex = lexicon()
    if m is None or listed and (lex.cue.search(text, m.end(), s) or lex.not_cue.search(text, m.end(), s)):
        return []
    return [int(y) for y in re.findall(r"\d{4}", m.group(1))]


def prefix_year(text: str, start: int, end: int, doc_year: int | None) -> int | None:
    """The year of the first date (not a period) printed in text[start:end]; a day and month
    ("Sáng 19/11") takes the document's year."""
    first = _PREFIX_DATE.search(text, start, end)
    if first is None:
        return None
    y = first.group(2) or first.group(3)
    return int(y) if y else doc_year
