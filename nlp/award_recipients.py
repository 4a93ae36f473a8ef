"""Who received an award: a person or a named unit, read as one item or from a list after "cho"
(the subject before the conferment verb is read by nlp.award_subjects with the same items).

A recipient is a full person name ("ông Lò Văn Sáng" -> "Lò Văn Sáng", "thợ lò Phạm Văn A" ->
"Phạm Văn A") or a full unit name ("Trường THCS Hòa Lạc", "huyện Yên Định", "Nhân dân và cán bộ thị
xã X, tỉnh Y"), never a fragment ("Ban", "Công ty"). A counted phrase ("cho 4 cá nhân", "cho các tập
thể") names no one: it is one recipient without a name, which remembers whether it counts persons,
collectives or both."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.award_index import ITEM_LETTER, Span, TextIndex
from nlp.sentences import SCAN_WINDOW
from nlp.award_lexicon import I, fold, lexicon, rx, variant_key
from nlp.lexicon import load_lexicon
from nlp.segment import LOWER, UPPER
from nlp.unit_lexicon import unit_key


@dataclass(frozen=True)
class Recipient:
    span: Span | None                 # the name in the text; None for a counted, unnamed group
    kind: str | None = None           # "person" | "collective"
    counts: frozenset[str] = frozenset()   # for an unnamed group: the kinds its phrase counts
    number: int | None = None         # ... and how many it counts ("5 trường", "6 tập thể và 3 cá nhân")


# a counted group: "5 tập thể", "các cá nhân", "hàng trăm hội viên" (not "năm 2022 và", "3 lần")
# numbers written as words ("chín thầy thuốc"; not "năm", which is also "year")
_NUMBER_WORDS = {"hai": 2, "ba": 3, "bốn": 4, "sáu": 6, "bảy": 7, "tám": 8, "chín": 9, "mười": 10}
NUMBER_WORD = "|".join(_NUMBER_WORDS)     # each is followed by a space where it is used: no order needed
COUNTED = rx(r"(?i:(?<![\w/.,])(?:\d{1,3}(?:[.,]\d{3})*|nhiều|các|những|một số|hàng trăm|hàng chục|hàng nghìn|tất cả|"
             rf"{NUMBER_WORD})\s+"
              r"(?!(?:năm|lần|tháng|ngày|tuần|giờ|phong|nhiệm|giai|lĩnh|nội|và|của|cho|được|đã|tại|trong|với|là|có)"
              r"(?!\w))" f"[{LOWER}]+)")
# a counted phrase that names its members: "hai cá nhân là A, B", "Hai Phó Giám đốc Công an tỉnh là ..."
COUNT_NAMED = rx(rf"(?:{COUNTED.pattern})[^,;:]{{0,60}}?\s+là\s+(?=\S)")
# one counted recipient and its name: "01 tập thể Vụ X", "01 cá nhân ông Y", "một đơn vị là Z"
_ONE_NAMED = rx(rf"(?:0?1|(?i:một))\s+(?i:tập thể|cá nhân|đơn vị)\s+(?:là\s+)?(?=[{UPPER}]|(?:ông|bà|đồng chí)\s)")
# a list opens after a counted phrase: "cho 7 tập thể gồm:", "cho các đồng chí:", "cho các tập thể sau:"
_LIST_OPEN = rx(r"(?i:\s*,?\s*(?:cụ thể\s*)?(?:gồm(?:\s+có)?(?:\s+(?:các|những)(?:\s+[^\W\d_]+){1,2})?|như sau|sau)?\s*:"
                r"|\s*,?\s*gồm(?:\s+có)?(?!\w))")
# words that end a recipient's name and the list it is in ("cho Công ty X đã có thành tích ...", "cho
# ông Y cùng các danh hiệu khác", "cho Ban An ninh X thời kỳ kháng chiến ...": the award's period)
_ITEM_STOP = rx(r"\s(?:có|vì|về|đã|do|nhân dịp|tại|trong|nhằm|góp|cùng|thời kỳ)\s|,\s*(?:đã|có|vì|góp)\s|\s(?:và\s+)?(?:tặng|trao|phong tặng)\s")
_NEW_CLAUSE = rx(r"(?<!\w)(?:tặng|trao|được|đã|đạt|vinh dự|nhận|đón nhận|tổ chức)(?!\w)")
_DESCRIBED = rx(r"\s(?:có|vì|về|do|nhân dịp|tại|trong|nhằm|góp|với)\s|,")
TRAILING_JOIN = re.compile(r"\s+(?:và|hoặc|cùng)$")
_OF_PARENT = rx(r"\s+(?:thuộc|trực thuộc)\s|,?\s+(?:theo|tại)\s+(?i:quyết định|nghị quyết|công văn|tờ trình|"
                r"kế hoạch|thông báo)(?!\w)")
# a lower-case part after a comma continues the name ("Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn,
# cứu hộ khu vực X"), unless it is a place level, a verb or a common noun phrase
_NAME_GOES_ON = rx(r",(?=\s*(?!(?:tỉnh|thành phố|huyện|quận|xã|phường|thị xã|thị trấn|thôn|bản|ấp|khu phố|"
                   r"đã|được|có|là|đơn vị|cơ quan|nơi|người|một|nhiều|các|những|với|vì|do|nay|nguyên|"
                   r"giáo viên|cán bộ|chuyên viên|nhân viên|công chức|viên chức)(?!\w))" f"[{LOWER}])")
# a unit span running into the next recipient, the verb or the parent ("Công đoàn X và anh", "Hội Y từng",
# "Phòng Z thuộc")
BAD_EXTENSION = rx(r"(?i:(?<!\w)(?:và\s+)?(?:ông|bà|anh|chị|cô|thầy|đồng chí|từng|được|đã|đạt|vinh dự|nhận|thuộc|tặng|trao)(?!\w))")
# a new conferment in the same sentence ends the recipients of the one before ("cho A; tặng B cho C",
# "hạng Nhì cho A, B; hạng Ba cho C", "cho A, B; và truy tặng ...")
NEXT_CONFERMENT = re.compile(r"[;,]\s*(?:và\s+)?(?:(?:tặng|trao|truy tặng)\s|hạng\s)|\s+và\s+(?:tặng|trao)\s",
                             re.IGNORECASE)
# one item a line, maybe in the cells of a table a portal printed with "|" ("| 2 | Sở Y tế tỉnh X; |")
_LIST_ITEM = re.compile(r"(?m)^[ \t|]*(\d+[.)]|\d+(?=[ \t]*\|)|[-+•*]|" + ITEM_LETTER + r")?[ \t|]*([^\n|]*?)[;.,]?[ \t|]*$")
_ITEM_MARK = re.compile(r"(?:\d{1,3}[.)](?!\d)|" + ITEM_LETTER + r")[ \t]*")
_SEPARATOR = re.compile(r";|,\s*(?:và\s+)?|\s+và\s+")
_CAPITAL_WORD = re.compile(r"[^\W\d_][\w]*")


@dataclass(frozen=True)
class Patterns:
    person: re.Pattern                # honorifics + a capitalised name: "đồng chí Thiếu tá X"
    title_start: re.Pattern           # an office title, maybe former: "nguyên Phó Chủ tịch"
    pronoun: re.Pattern               # an honorific alone as the subject: "Ông là tác giả ..."
    honorific_lead: re.Pattern        # honorifics before a name, in any case: "đồng chí "


@lru_cache(maxsize=1)
def patterns() -> Patterns:
    lex = lexicon()
    # (an honorific is a whole word: "CÔNG TY" in capitals does not start with "cô")
    return Patterns(person=rx(rf"(?<!\w)(?:(?:{lex.honorific})(?!\w)\s*)+((?:[^\W\d_]+\s+){{1,4}}[^\W\d_]+)"),
                     title_start=rx(rf"\s*(?:nguyên\s+)?(?:{lex.office_title})", I),
                     pronoun=rx(rf"^\s*(?:{lex.honorific})\s+(?![^\W\d_]*[{UPPER}])"),
                     honorific_lead=rx(rf"(?:(?:{lex.honorific})\s+)+", I))


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(s.lower() for s in load_lexicon("surnames.txt"))


@lru_cache(maxsize=1)
def _case_title() -> re.Pattern:
    return rx(lexicon().office_title)


def person_in(m: re.Match | None) -> Span | None:
    """The capitalised name after an honorific ("ông Lò Văn Sáng và" -> "Lò Văn Sáng")."""
    if m is None:
        return None
    a = m.start(1)
    words = list(_CAPITAL_WORD.finditer(m.group(1)))
    n = 0
    for w in words:
        if not w.group(0)[:1].isupper() or n >= 2 and _case_title().match(m.group(1), w.start()):
            break                     # "ông Trần Văn A Cục trưởng Cục X": the office starts after the name
        n += 1
    if n < 2:
        return None
    return a, a + words[n - 1].end()


def person_at(text: str, pos: int) -> Span | None:
    return person_in(patterns().person.match(text, pos))


def looks_like_person(name: str, ix: TextIndex) -> bool:
    return name in ix.person_names or person_at(name, 0) is not None


# --- one item of a list ---------------------------------------------------------------------------

def counted(phrase: str) -> Recipient:
    """An unnamed group: the kinds and the number its phrase counts."""
    return Recipient(None, None, counted_kinds(phrase), counted_number(phrase))


def counted_number(phrase: str) -> int | None:
    """ "6 tập thể và 3 cá nhân" -> 9; None when a count is not a number ("các cá nhân")."""
    counts = [m.group(0).split()[0].lower() for m in COUNTED.finditer(phrase)]
    numbers = [int(re.sub(r"[.,]", "", c)) if c[:1].isdigit() else _NUMBER_WORDS.get(fold(c)) for c in counts]
    return sum(numbers) if numbers and None not in numbers else None


@lru_cache(maxsize=1)
def _counted_office() -> re.Pattern:
    return rx(rf"(?:\d+|các|những|nhiều)\s+(?:nguyên\s+)?(?:{lexicon().office_title})", I)


def counted_kinds(phrase: str) -> frozenset[str]:
    """The kinds a counted phrase counts: "5 tập thể và 3 cá nhân" -> collective and person."""
    lex = lexicon()
    kinds = set()
    if lex.person_nouns.search(phrase) or _counted_office().search(phrase):
        kinds.add("person")           # "4 cá nhân", "3 nguyên Phó Chủ tịch"
    rest = _counted_office().sub(" ", lex.person_nouns.sub(" ", phrase))
    if COUNTED.search(rest) or lex.class_nouns.search(rest):
        kinds.add("collective")
    return frozenset(kinds)


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


def _person_item(ix: TextIndex, a: int, b: int) -> Span | None:
    """A person at the start of an item: "ông Lò Văn Sáng", "Bùi Thanh An - Ủy viên ...", or after a
    title or a lower-case description: "Phó Chủ tịch UBND tỉnh Nguyễn Hữu Lập", "thợ lò Phạm Văn A"."""
    text = ix.text
    if (ps := person_at(text, a)) is not None and ps[1] <= b:
        return ps
    known = ix.people_within(a, b)
    if known and known[0][0] == a:
        return known[0]
    head_end = _name_cut(text, a, b)
    titled = patterns().title_start.match(text, a)
    if known and (titled or text[a:a + 1].islower()) and known[0][0] < head_end:
        return known[0]
    if text[a:a + 1].islower() and (ps := _described_person(text, a, b)
                                    or (_lower_case_person(text, a, b) if ix.lower_case else None)):
        return ps
    if titled:                                # "Bộ trưởng Bộ Xây dựng Trịnh Văn Long"; a unit with dashes:
        return full_name(text, titled.end(), head_end, at_end=True) \
            or full_name(text, titled.end(), b, at_end=True)    # "nguyên Chủ nhiệm Ủy ban X - Y Trần Văn A"
    if text[a:a + 1].islower():
        return None
    return full_name(text, a, head_end, at_end=False)   # "Trần Văn Bình - Giám đốc Sở Nội vụ"


def full_name(text: str, a: int, b: int, at_end: bool) -> Span | None:
    """A full personal name of three to five capitalised words (two before an alias in brackets) that starts with a surname, at the
    start of text[a:b] or ending at its end (after an office and its unit: the shortest such run,
    "Sở Hà Nội Nguyễn Văn A" -> "Nguyễn Văn A")."""
    words = list(_CAPITAL_WORD.finditer(text, a, b))
    if at_end:
        while words and text[words[-1].end():b].strip(" \t\n.;,:|"):
            words.pop()
        run = []
        for w in reversed(words):
            if not w.group(0)[:1].isupper() or (run and text[w.end():run[0].start()].strip()):
                break
            run.insert(0, w)
        for n in range(3, min(5, len(run)) + 1):
            if run[-n].group(0).lower() in surnames():
                return run[-n].start(), run[-1].end()
        return None
    run = []
    for w in words:
        if not w.group(0)[:1].isupper() or (run and text[run[-1].end():w.start()].strip()):
            break
        run.append(w)
    if 3 <= len(run) <= 5 and run[0].start() == a and run[0].group(0).lower() in surnames():
        return run[0].start(), run[-1].end()
    if len(run) == 2 and run[0].start() == a and run[0].group(0).lower() in surnames() \
            and (alias := _ALIAS.match(text, run[-1].end())) is not None and alias.group(1).lower() in surnames():
        return run[0].start(), run[-1].end()     # "Trần Hòa (Lê Kiên)": a name of two words and its alias
    return None


# another name of the person in brackets: "Trần Hòa (Lê Kiên)", "Hoàng Văn A (Tạ B)"
_ALIAS = re.compile(rf"[ \t]*\([ \t]*([{UPPER}][^\W\d_]*)(?:[ \t]+[{UPPER}][^\W\d_]*){{1,3}}[ \t]*\)")


_DESCRIBED_NAME = re.compile(rf"(?:[{LOWER}]+\s+){{1,3}}((?:[{UPPER}][^\W\d_]*\s+){{1,4}}[{UPPER}][^\W\d_]*)")


def _described_person(text: str, a: int, b: int) -> Span | None:
    """ "thợ lò Phạm Văn A", "nguyên điều dưỡng Trần Thị B": a lower-case description, then a full
    name that starts with a surname."""
    m = _DESCRIBED_NAME.match(text, a, b)
    if m and m.group(1).split()[0].lower() in surnames():
        return m.span(1)
    return None


_LOWER_WORD = re.compile(r"[ \t]*([^\W\d_]+)")
_NAME_BOUNDARY = re.compile(r"[ \t]*(?:$|[(,;.:–-])")


def _lower_case_person(text: str, a: int, b: int) -> Span | None:
    """In a text printed in lower case, "đồng chí tạ thanh vân (nguyên ...)": an honorific, then two to
    four lower-case words that start with a surname and end the item or stop at a bracket, a comma or
    a dash."""
    h = patterns().honorific_lead.match(text, a, b)
    if h is None:
        return None
    words, pos = [], h.end()
    while len(words) < 5 and (w := _LOWER_WORD.match(text, pos, b)) is not None and w.group(1).islower():
        words.append(w.span(1))
        pos = w.end()
    if not 2 <= len(words) <= 4 or text[words[0][0]:words[0][1]] not in surnames() \
            or not _NAME_BOUNDARY.match(text, pos, b):
        return None
    return words[0][0], words[-1][1]


def _name_cut(text: str, a: int, b: int) -> int:
    """Where the words of an item's name end: before a comma, a dash or a bracket."""
    m = re.compile(r"\s+-\s+|[,;(]").search(text, a, b)
    return m.start() if m else b


def one_recipient(ix: TextIndex, a: int, b: int) -> Recipient | None:
    """The recipient an item of a list names, or None when the item names none."""
    text, lex = ix.text, lexicon()
    while a < b and text[a] in " \t":
        a += 1
    if (mark := _ITEM_MARK.match(text, a, b)) is not None:
        a = mark.end()                        # "...: 1. Sở X; 2. Công an huyện Y": an inline numbered list
    if (tt := re.compile(r"(?i)tập thể\s+(?=\S)").match(text, a, b)) is not None:
        a = tt.end()                          # "cho tập thể Sở Nội vụ"
    if (named := COUNT_NAMED.match(text, a, b) or _ONE_NAMED.match(text, a, b)) is not None:
        a = named.end()                       # "hai cá nhân là Đại tá A, <chức vụ>", "01 tập thể Vụ X",
        #                                       "2 tập thể có thành tích xuất sắc là A"
    if (stop := _ITEM_STOP.search(text, a, b)) is not None:
        b = stop.start()
    while b > a and text[b - 1] in " \t\n.;,:|":
        b -= 1
    if (tail := TRAILING_JOIN.search(text, a, b)) is not None:
        b = tail.start()                      # "cho Bộ Chỉ huy X và" + the next award
    if a >= b:
        return None
    if named is None and COUNTED.match(text, a, b):
        return counted(text[a:b])
    if (ref := referent(ix, a, b)) is not None:
        return Recipient(ref, "collective")   # "cho nhà trường": the school named before
    if (ps := _person_item(ix, a, b)) is not None:
        return Recipient(ps, "person")
    if (cl := lex.collective_leads.match(text, a, b)) is not None and lex.place_levels.search(text, cl.end(), b):
        return Recipient((a, a + len(_collective_name(text[a:b]))), "collective")
    if (pl := lex.place_levels.match(text, a, b)) is not None and text[pl.end():pl.end() + 1].isupper():
        return Recipient((a, _capitalised_end(text, pl.end(), b)), "collective")    # "huyện Yên Định"
    if lex.heads.match(text, a, b) and not patterns().title_start.match(text, a, b):
        span = _unit_span(ix, a, b)
        return Recipient(span, "collective") if not lex.heads.fullmatch(text, *span) else None   # not "Ủy ban"
    if named is None and _proper_name_item(text, a, b):
        return Recipient((a, b), "collective")   # "cho Mobifone TP.HCM": an organisation by its own name
    return None


# an organisation by its own name alone: capitalised words, a number or an abbreviation ("Mobifone TP.HCM")
_PROPER_NAME = re.compile(rf"[{UPPER}][\w.&-]*(?:[ \t]+(?:[{UPPER}][\w.&-]*|\d+))*")


def _proper_name_item(text: str, a: int, b: int) -> bool:
    """The item is an organisation's proper name alone ("Sentel TP.HCM", "May 10 Hà Nội"): two to four
    capitalised words, numbers or abbreviations that start with no surname (a person), office or honorific."""
    m = _PROPER_NAME.fullmatch(text, a, b)
    if m is None or patterns().title_start.match(text, a, b) or patterns().honorific_lead.match(text, a, b):
        return False
    words = text[a:b].split()
    return 2 <= len(words) <= 4 and words[0].lower() not in surnames()


def referent(ix: TextIndex, a: int, b: int) -> Span | None:
    """ "nhà trường", "trường" (the whole of text[a:b]): the unit of that head it refers to."""
    lex = lexicon()
    m = lex.anaphor.fullmatch(ix.text, a, b)
    return ix.unit_headed(lex.anaphors[variant_key(m.group(0))], a) if m is not None else None


def _collective_name(s: str) -> str:
    """ "Nhân dân và cán bộ thị xã X, tỉnh Y, đã hoàn thành ..." -> up to the place names."""
    levels = lexicon().place_levels
    for m in re.finditer(r",\s*|\s*\(", s):
        if m.group(0).strip() == "(" or not levels.match(s, m.end()):
            return s[:m.start()]      # "(thành phố Y)" after the place: the place's own parent
    return s


def _capitalised_end(text: str, a: int, b: int) -> int:
    end = a
    for w in _CAPITAL_WORD.finditer(text, a, b):
        if not (w.group(0)[:1].isupper() or w.group(0).isdigit()) or text[end:w.start()].strip():
            break
        end = w.end()
    return end


def _unit_span(ix: TextIndex, a: int, b: int) -> Span:
    """A unit name starting at `a`: its printed name, or the longer unit span the units stage found
    there (when it does not run into a verb or the next recipient)."""
    text = ix.text
    end = a + len(_unit_name(text[a:b]).rstrip())
    for ub in ix.unit_ends_at(a):
        if end < ub <= b + 40 and not BAD_EXTENSION.search(text, end, ub):
            return a, ub
    return a, end


# --- lists --------------------------------------------------------------------------------------

def _next_kind(ix: TextIndex, pos: int, end: int, after_comma: bool) -> str | None:
    """What starts at `pos`, after a separator: "person", "count" (a counted group), "unit", or None
    when the words go on with the item before: the lower-case rest of a name ("Cục cứu hộ, cứu
    nạn"), a place after a comma (", tỉnh Y" belongs to the name before), an office title of the
    person before ("ông A, Giám đốc Sở Y") unless another person follows it ("và nguyên Phó Chủ tịch
    UBND tỉnh B")."""
    text, lex = ix.text, lexicon()
    while pos < end and text[pos] in " \t":
        pos += 1
    if person_at(text, pos):
        return "person"
    if COUNTED.match(text, pos, end):
        return "count"
    if lex.collective_leads.match(text, pos, end):
        return "unit"
    nxt = _SEPARATOR.search(text, pos, end)
    part_end = nxt.start() if nxt else end
    if (stop := _ITEM_STOP.search(text, pos, part_end)) is not None:
        part_end = stop.start()
    people = ix.people_within(pos, part_end)
    if people and people[0][0] == pos or full_name(text, pos, _name_cut(text, pos, part_end), at_end=False):
        return "person"               # "A, Nguyễn Văn B - Giám đốc ...": a full name starts the next item
    if ix.unit_ends_at(pos):
        return "unit"
    if (pl := lex.place_levels.match(text, pos, end)) is not None:
        return "unit" if not after_comma and text[pl.end():pl.end() + 1].isupper() else None
    titled = patterns().title_start.match(text, pos)
    if titled or text[pos:pos + 1].islower():   # "và nguyên Phó Giám đốc Sở Y tế Trần Văn A": another person
        named = people or _described_person(text, pos, part_end) is not None \
            or titled is not None and full_name(text, titled.end(), part_end, at_end=True) is not None
        return "person" if named else None
    head = lex.heads.match(text, pos, end)
    return "unit" if head is not None and not lex.place_levels.fullmatch(head.group(0) + " ") else None


def _is_person_item(ix: TextIndex, a: int, b: int) -> bool:
    while a < b and ix.text[a] in " \t":
        a += 1
    return _person_item(ix, a, b) is not None


def split_items(ix: TextIndex, a: int, b: int) -> list[Span]:
    """The items of an inline list: cut at ";" always, at "," and "và" only where a new recipient
    starts. A list that uses ";" keeps its commas inside the items ("Nhân dân xã X, huyện Y; Công ty
    Z, Tổng công ty W"); a unit after a person and a comma is where the person works ("Đại tá A,
    Phó Cục trưởng Cục X, Bộ Tư lệnh Y"), and so are the units after "thuộc" ("Cục 11 thuộc Tổng
    cục II, Bộ Quốc phòng"); a bracket stays whole ("Binh đoàn 15 (Bộ Quốc phòng),
    Cục X"); a joint office keeps its "và" ("Văn phòng Đoàn ĐBQH và HĐND tỉnh")."""
    text, lex = ix.text, lexicon()
    tail = len(text[a:b]) - len(text[a:b].rstrip(" \t;,"))
    semicolons = _top_level_semicolon(text, a, b - tail)   # not the ";" before the next award
    items, start, pos = [], a, a
    while (m := _SEPARATOR.search(text, pos, b)) is not None:
        opened = text.rfind("(", pos, m.start())
        if opened >= 0 and text.find(")", opened, m.start()) < 0:
            close = text.find(")", m.start(), b)
            pos = close + 1 if close > 0 else b
            continue
        word = start + len(text[start:m.start()]) - len(text[start:m.start()].lstrip())
        if (lead := lex.collective_leads.match(text, word, b)) is not None and m.start() < lead.end():
            pos = m.end()             # the "và" of "Nhân dân và cán bộ xã X" is in the lead, not between items
            continue
        comma = m.group(0).startswith(",")
        joint = "và" in m.group(0) and lex.joint_offices.match(text, word) is not None \
            and lex.joint_partners.match(text, m.end(), b) is not None
        parent_chain = comma and _OF_PARENT.search(text, start, m.start()) is not None
        nxt = None if joint or (comma and (semicolons or parent_chain)) else _next_kind(ix, m.end(), b, comma)
        if comma and nxt is None and (_same_lead(text, word, m.end()) or _closed_by_parent(text, start, m.start())
                                      and lex.heads.match(text, m.end())):
            nxt = "unit"              # "...; Nhân dân và cán bộ xã X, Nhân dân và cán bộ xã Y": the lead again;
            #                           "A (Bộ Quốc phòng), B (Bộ Quốc phòng); C": a unit after a closed bracket
        if nxt == "unit" and comma and _is_person_item(ix, start, m.start()):
            nxt = None                # "Đại tá A, Phó Cục trưởng Cục X, Bộ Tư lệnh Y": where A works
        if m.group(0) == ";" or nxt is not None:
            items.append((start, m.start()))
            start = m.end()
        pos = m.end()
    items.append((start, b))
    return [(x, y) for x, y in items if text[x:y].strip()]


def _closed_by_parent(text: str, start: int, end: int) -> bool:
    """The item text[start:end] ends with a bracket that is not an aside on its name: "A (Bộ X)", not
    "A (trước đây là B)" (the units after that comma are A's parents)."""
    item = text[start:end].rstrip()
    if not item.endswith(")"):
        return False
    return lexicon().renamed_asides.match(text, start + item.rfind("(")) is None


def _same_lead(text: str, item: int, pos: int) -> bool:
    """The words at `pos` repeat the first three words of the item at `item` ("Nhân dân và")."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    lead = text[item:item + 60].split()[:3]
    return len(lead) == 3 and text[pos:pos + 60].split()[:3] == lead


def _top_level_semicolon(text: str, a: int, b: int) -> bool:
    """A ";" outside brackets between a and b."""
    depth = 0
    for ch in text[a:b]:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == ";" and depth == 0:
            return True
    return False


def _line_list(ix: TextIndex, a: int) -> tuple[list[Recipient], int]:
    """One recipient a line ("1. UBND xã X;", "- Ông Y, Chủ tịch ..."): marked lines, or the one
    unmarked line right after "cho:"."""
    text = ix.text
    out, end, first = [], a, True
    for line in _LIST_ITEM.finditer(text, a, min(len(text), a + 2 * SCAN_WINDOW)):
        if not line.group(0).strip():
            continue
        if not line.group(1) and not first:
            break
        if not line.group(1):             # one unmarked line: "cho các ông:" + "A - <chức vụ>, B - <chức vụ>"
            nxt = NEXT_CONFERMENT.search(text, line.start(2), line.end(2))
            return _inline_list(ix, line.start(2), nxt.start() if nxt else line.end(2))
        first = False
        r = one_recipient(ix, line.start(2), line.end(2))
        if r is not None:
            out.append(r)
            end = line.end()
        elif not line.group(1):
            break
    return out, end


def _new_clause(text: str, a: int, b: int) -> bool:
    """The item has a verb of its own before any description of it: "UBND tỉnh tặng ..." (not
    "Hội X vì đã có thành tích")."""
    verb = _NEW_CLAUSE.search(text, a, b)
    if verb is None:
        return False
    described = _DESCRIBED.search(text, a, b)
    return described is None or verb.start() < described.start()


def _inline_list(ix: TextIndex, a: int, limit: int) -> tuple[list[Recipient], int]:
    """ "A, B; C và D": the recipients up to the first item that is none, or that is the subject of a
    new clause ("...; UBND tỉnh tặng Bằng khen cho ...")."""
    out: list[Recipient] = []
    end = a
    for x, y in split_items(ix, a, limit):
        if out and _new_clause(ix.text, x, y):
            break
        r = one_recipient(ix, x, y)
        if r is None:
            break
        if not (out and out[-1].span and r.span and _is_parent_of(ix, r.span, out[-1].span)):
            out.append(r)
        end = y
    return out, end


def _list_at(ix: TextIndex, a: int, limit: int) -> tuple[list[Recipient], int]:
    """The recipients listed at `a`: one a line when a line break follows, else inline."""
    nl = ix.text.find("\n", a, min(len(ix.text), a + 20))     # (a sentence may end at that line break)
    if nl >= 0 and not ix.text[a:nl].strip(" \t|"):
        return _line_list(ix, nl + 1)
    return _inline_list(ix, a, limit)


def given_to(ix: TextIndex, a: int, limit: int) -> tuple[list[Recipient], int]:
    """The recipients after "cho" (`a` = the first word after it), up to `limit` (the end of the
    sentence or of the conferment): a counted phrase, the list it opens ("cho 7 tập thể gồm: A, B"),
    a list after a colon ("cho:" + lines), or named recipients ("cho Sở X và ông Y")."""
    text = ix.text
    while a < limit and text[a] in " \t":
        a += 1
    if (opened := _LIST_OPEN.match(text, a, limit)) is not None:     # "cho:", "gồm: A, B"
        return _list_at(ix, opened.end(), limit)
    if (lead := _PLURAL_HONORIFIC.match(text, a, limit)) is not None:
        a = lead.end()                # "là các em Phạm Văn A và Lê Thị B": names, not a count
    elif _ONE_NAMED.match(text, a, limit) or COUNT_NAMED.match(text, a, limit):
        return _list_at(ix, a, limit)     # "cho 01 tập thể Vụ X và 01 cá nhân ông Y", "cho 2 tập thể là A và B"
    if COUNTED.match(text, a, limit) or _DETERMINER.match(text, a, limit):
        phrase_end = _phrase_end(text, a, limit)
        opened = _LIST_OPEN.search(text, a, min(limit, a + 300))
        if opened is not None and not re.search(r"[;.\n]", text[a:opened.start()]):
            items, end = _list_at(ix, opened.end(), limit)
            if items:
                return items, end
        return [counted(text[a:phrase_end])], phrase_end
    return _list_at(ix, a, limit)


# a plural honorific before names: "các em Phạm Văn A và ...", "các ông Lê Văn B, ..."
_PLURAL_HONORIFIC = rx(rf"(?i:các|những)\s+(?:em|ông|bà|anh|chị|đồng chí)\s+(?=[{UPPER}])")
_DETERMINER = rx(r"(?i:tối đa|các|những|nhiều)\s")


def _phrase_end(text: str, a: int, limit: int) -> int:
    m = re.compile(r"[;:.\n]").search(text, a, limit)
    end = m.start() if m else limit
    stop = _ITEM_STOP.search(text, a, end)
    return stop.start() if stop else end


def _is_parent_of(ix: TextIndex, span: Span, prev: Span) -> bool:
    """The unit at `span` is the parent of the unit at `prev` ("Khoa Nhi, Bệnh viện X": one recipient)."""
    text, by_key = ix.text, ix.unit_by_key
    child = by_key.get(unit_key(text[prev[0]:prev[1]]))
    parent = by_key.get(unit_key(text[span[0]:span[1]]))
    return child is not None and parent is not None and child.parent is not None \
        and unit_key(child.parent) == unit_key(parent.name)
