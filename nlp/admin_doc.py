"""The parts of an administrative document per Decree 30/2020/NĐ-CP: issuer, number and
symbol, place and date, type, abstract, recipients, signer.

Works on text converted from real documents and legal portals: blank lines anywhere, the two header
columns on separate lines or side by side (cells split by tabs, 2+ spaces or "|"), header lines the
page layout broke ("ỦY" / "BAN NHÂN DÂN", "Số:" / "34/2024/QĐ-UBND"), the motto present or not, the
abstract in capitals, the type line missing, misspellings such as "Noi nhận". The layout primitives
are in nlp.admin_layout, the recipients and signature block in nlp.admin_signature."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.admin_layout import LEVELS, cells, is_caps, sentence_case, text_lines, title_case_place
from nlp.admin_portal import portal_fields, portal_signer, record_line
from nlp.admin_signature import recipients, signer
from nlp.dates import parse_date
from nlp.lexicon import load_lexicon
from nlp.normalize import fold_tones
from nlp.offices import caps_title_regex
from nlp.records import Signer


@dataclass
class AdminDocParts:
    kind: str                         # plan|decision|directive|official_letter|report|notice|resolution|other
    doc_type: str | None = None       # "Kế hoạch"
    doc_number: str | None = None     # "19/KH-T.Tr"
    issuer: str | None = None         # "Thanh tra tỉnh"
    parent_issuer: str | None = None  # the line above the issuer ("UBND TỈNH BÌNH PHƯỚC")
    place: str | None = None          # "Bình Phước"
    date: str | None = None           # YYYY-MM-DD
    abstract: str | None = None       # trích yếu
    title: str | None = None          # doc_type + " " + abstract
    recipients: list[str] = field(default_factory=list)
    signer: Signer | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)  # part name -> span in the text given


_HEAD_LINES = 40                      # the header (organ, number, date line, type) is near the top
# the national motto, also a fragment of it on a line of its own ("CỘNG HÒA XÃ HỘI CHỦ" / "NGHĨA VIỆT NAM"),
# also where a text layer damaged a letter ("CỘNG HỊA")
_MOTTO = re.compile(r"(?i)cộng\s+h\w\w?\s+xã\s+hội|chủ\s+nghĩa\s+việt\s+nam|^\s*nghĩa\s+việt\s+nam\s*$"
                    r"|độc\s+lập\s*-?\s*tự\s+do|hạnh\s+phúc|^[-_=.*|\s]+$")
# "Số: 19/KH-UBND"; a Party document may print "Số 45-KL/TU" without the colon (a symbol then follows)
# a symbol a layout printed with spaces around its "/" and "-" ("63/ 2008 / HYH- HD/TĐKT") is read whole
# a symbol may end with a department numbered in Roman numerals: "Số: 1855/BTĐKT-Vụ II"
_NUMBER = re.compile(r"(?<![\w])(?:Số|SỐ)\s*(?::\s*([0-9][^\s,;]*(?:\s*[/-]\s*[0-9A-ZĐ][^\s,;]*"
                     r"|(?<=[/-])\s+[0-9A-ZĐ][^\s,;]*|(?<=[a-zà-ỹ])\s[IVX]{1,4}(?![\w]))*)"
                     r"|\s([0-9][^\s,;/]*/[^\s,;]+))")
# "Số: 59B Nguyễn Thị Minh Khai": a house number before a street name, an address, not a document's number
_ADDRESS = re.compile(r"[0-9][0-9A-Za-z]*\s+[A-ZĐ]")
_DATELINE = re.compile(r"(?i)([^\d,:;]{2,40}?)\s*,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
# the abstract of a document without a type line: "V/v ...", or "VỀ VIỆC ..." in capitals under the date line
_VV = re.compile(r"^\s*(?:(?i:V/v)\s*[:.]?\s*(.+)|(VỀ\s+VIỆC\s.+))$")
@lru_cache(maxsize=1)
def _system_titles() -> dict[str, str]:
    """UPPER folded system title ("ĐOÀN TNCS HỒ CHÍ MINH") -> its short name in an issuer ("Đoàn")."""
    return {re.sub(r"\s+", " ", fold_tones(t["name"]).upper()): t.get("short", "")
            for t in load_lexicon("doc_types.toml").get("system_title", [])}


@lru_cache(maxsize=1)
def _types() -> dict[str, tuple[str, str]]:
    """UPPER-CASE folded type name -> (name, kind)."""
    return {fold_tones(t["name"]).upper(): (t["name"], t["kind"]) for t in load_lexicon("doc_types.toml")["type"]}


def _type_of(cell: str) -> tuple[str, str] | None:
    key = re.sub(r"\s+", " ", fold_tones(cell).upper()).strip(" .:")
    got = _types().get(key)
    if got is None and len(key) <= 30:
        got = _type_skeletons().get(skeleton(key))     # "K ẾT LUẬN": a text layer that split a word
    return got


def skeleton(s: str) -> str:
    """Base letters only, upper case, no spaces or marks: how a type line reads when a PDF text layer
    dropped a diacritic or split a word ("K ẾT LUẬN", "KÊT LUẬN" and "KẾT LUẬN" -> "KETLUAN")."""
    base = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in base if c.isalnum() and not unicodedata.combining(c)).upper()


@lru_cache(maxsize=1)
def _type_skeletons() -> dict[str, tuple[str, str]]:
    """Skeleton of a type name -> (name, kind); names whose skeletons collide are left out."""
    out: dict[str, tuple[str, str] | None] = {}
    for t in load_lexicon("doc_types.toml")["type"]:
        k = skeleton(t["name"])
        out[k] = None if k in out else (t["name"], t["kind"])
    return {k: v for k, v in out.items() if v is not None}


def parse_admin_document(text: str) -> AdminDocParts | None:
    """None when the text is not an administrative document."""
    text = join_broken_header(text)
    lines = text_lines(text)
    head = [(o, ln) for o, ln in lines if ln.strip()][:_HEAD_LINES]
    parts = AdminDocParts(kind="other")
    organ, type_at = _read_header(text, head, parts)
    issuer_line = _issuer_line(organ)
    authority = _authority_after(head, type_at if type_at is not None else _header_end(head, parts), issuer_line)
    coded = _type_of_number(parts.doc_number)
    formula = _operative_formula(head, organ) if type_at is None and not parts.doc_number and not parts.date \
        else None
    if formula is not None:
        formula, organ = formula
    if formula is None and not _is_admin(parts, organ, type_at, authority, coded):
        return _published_record(head, lines) or _portal_table(head, lines)
    if type_at is None:
        parts.doc_type, parts.kind = formula or coded or ("Công văn", "official_letter")
    if type_at is not None:
        _abstract_after_type(text, head, type_at, issuer_line, parts)
    if parts.abstract is None:
        _abstract_from_body(text, parts)
    if parts.abstract is None:
        _abstract_from_page_title(head, parts)
    parts.title = f"{parts.doc_type} {parts.abstract}" if parts.abstract else None if formula else parts.doc_type
    _set_issuer(text, organ, authority, parts)
    parts.recipients, rec_end = recipients(lines)
    parts.signer = signer(lines, rec_end) or portal_signer(head)
    return parts


def _published_record(head: list[tuple[int, str]], lines: list[tuple[int, str]]) -> AdminDocParts | None:
    """A page that publishes a document under a record line naming it (nlp.admin_portal.record_line)."""
    rec = record_line(head, sorted({name for name, _ in _types().values()}, key=len, reverse=True))
    if rec is None:
        return None
    parts = AdminDocParts(kind=_type_of(rec.doc_type)[1], doc_type=rec.doc_type, doc_number=rec.number,
                          issuer=rec.issuer, date=rec.date, abstract=rec.abstract,
                          title=f"{rec.doc_type} {rec.abstract}", spans={"record": rec.span})
    parts.recipients, rec_end = recipients(lines)
    parts.signer = signer(lines, rec_end) or portal_signer(head)
    return parts


def _portal_table(head: list[tuple[int, str]], lines: list[tuple[int, str]]) -> AdminDocParts | None:
    """A document printed without its header under (or above) a legal portal's metadata table that gives
    its number and a known type ("Số hiệu: 16/HD-MT" / "Loại văn bản: Hướng dẫn" / "Cơ quan ban hành: X")."""
    fields = portal_fields(head)
    typed = _type_of(fields["type"][0]) if "type" in fields else None
    if "number" not in fields or typed is None:
        return None
    parts = AdminDocParts(kind=typed[1], doc_type=typed[0], doc_number=fields["number"][0],
                          spans={"doc_number": fields["number"][1], "doc_type": fields["type"][1]})
    if "issuer" in fields:
        parts.issuer, parts.spans["issuer"] = fields["issuer"]
    if "date" in fields:
        parts.date = parse_date(fields["date"][0])
    parts.recipients, rec_end = recipients(lines)
    parts.signer = signer(lines, rec_end) or portal_signer(head)
    return parts


def published_in_full(title: str | None, text: str) -> tuple[str, str] | None:
    """(type, issuer) of a document a news page prints in full under a headline naming its type and
    issuer ("Nghị quyết Đại hội đại biểu Đảng bộ tỉnh X lần thứ XI" over a text with its operative
    formula "QUYẾT NGHỊ" on a line of its own)."""
    if not title:
        return None
    formulas = load_lexicon("doc_types.toml").get("operative_formulas", {})
    for formula, type_name in formulas.items():
        rest = title[len(type_name):].strip()
        if title.lower().startswith(type_name.lower() + " ") and rest[:1].isupper() \
                and re.search(rf"(?m)^\s*{re.escape(formula)}\s*:?\s*$", text):
            return type_name, rest
    return None


_TYPE_LINE_TOP = 6                    # a document printed without its header starts with its type line


def _operative_formula(head: list[tuple[int, str]], organ: list[tuple[int, str]]
                       ) -> tuple[tuple[str, str], list[tuple[int, str]]] | None:
    """((type, kind), the organ lines) of a document printed with neither its number nor its type line: the
    organ in capitals at the top, the preamble right under it and the operative formula before the articles
    ("ỦY BAN THƯỜNG VỤ QUỐC HỘI" / "Căn cứ ..." / "QUYẾT NGHỊ:" / "Điều 1. ...")."""
    start = next((i for i, (_, line) in enumerate(head[:_PREAMBLE_LINES + 1]) if _PREAMBLE.match(line.strip())), None)
    if not organ or organ[0][0] != head[0][0] or not start or not all(is_caps(ln) for _, ln in head[:start]):
        return None
    top = [o for o in organ if o[0] < head[start][0]]
    formulas = load_lexicon("doc_types.toml").get("operative_formulas", {})
    for idx, (_, line) in enumerate(head[start:], start):
        s = line.strip().rstrip(":").strip()
        if line.strip().endswith(":") and s in formulas and idx + 1 < len(head) \
                and re.match(r"(?i)điều\s+1\b", head[idx + 1][1].strip()):
            t = _type_of(formulas[s])
            return (t, top) if t else None
    return None


def _is_admin(parts: AdminDocParts, organ: list, type_at: int | None, authority: tuple[int, str] | None,
              coded: tuple[str, str] | None) -> bool:
    """A header (number, date line or organ) with a type line, a "V/v" abstract or a typed number; or,
    printed without its header, a type line at the top with the authority line under it ("QUYẾT ĐỊNH" /
    "Về việc ..." / "THỦ TƯỚNG CHÍNH PHỦ" / "Căn cứ ...")."""
    if type_at is not None and type_at < _TYPE_LINE_TOP and (authority is not None or "abstract" in parts.spans):
        return True
    if type_at is None and not (parts.abstract and parts.doc_number) and not (coded and parts.date):
        return False
    return bool(parts.doc_number or parts.date or organ)


def _type_prefix(cell: str) -> tuple[tuple[str, str], int] | None:
    """((name, kind), where the abstract starts) for a line that opens with a type in capitals and goes on
    with its abstract ("KẾ HOẠCH TỔ CHỨC KỶ NIỆM ...")."""
    words = cell.split()
    for n in (3, 2, 1):
        if len(words) > n + 2 and (t := _type_of(" ".join(words[:n]))) is not None:
            return t, len(cell) - len(cell.lstrip()) + len(" ".join(words[:n]))
    return None


_PREAMBLE_LINES = 3


def _preamble_follows(head: list[tuple[int, str]], idx: int) -> bool:
    """The preamble ("Căn cứ ...") starts within a few lines after head[idx]."""
    return any(_PREAMBLE.match(line.strip()) for _, line in head[idx + 1:idx + 1 + _PREAMBLE_LINES])


_PREAMBLE = re.compile(r"(?i)^căn\s+cứ\s")


def _header_end(head: list[tuple[int, str]], parts: AdminDocParts) -> int | None:
    """Index of the head line holding the date line (else the number): where the header ends."""
    at = parts.spans.get("dateline", parts.spans.get("doc_number"))
    if at is None:
        return None
    return next((i for i, (off, line) in enumerate(head) if off <= at[0] <= off + len(line)), None)


def _authority_after(head: list[tuple[int, str]], type_at: int | None, issuer_key: str) -> tuple[int, str] | None:
    """The authority line under the type line and abstract (under the header when there is no type line),
    before the preamble."""
    if type_at is None:
        return None
    for off, line in head[type_at + 1:type_at + 10]:
        s = line.strip().strip("|").strip()
        if _BODY_START.match(s) and not is_caps(s):
            return None
        if is_caps(s) and _is_authority_line(s, issuer_key):
            return off + line.index(s), s
    return None


def _read_header(text: str, head: list[tuple[int, str]], parts: AdminDocParts
                 ) -> tuple[list[tuple[int, str]], int | None]:
    """Fill number, date line, place, type and a "V/v" abstract from the header cells; returns the
    organ lines (FULL-CAPS cells before the number, date and type) and the index of the type line."""
    organ: list[tuple[int, str]] = []
    type_at = None
    for idx, (off, line) in enumerate(head):
        if len(line) > 400:
            continue                  # a body paragraph: header cells are short
        for coff, cell in _number_label_joined(off, line, cells(off, line)):
            if len(cell) > 160:
                continue
            if parts.doc_number is None and (m := _number_in(cell)):
                if type_at is None and parts.date is None and is_caps(cell[:m.start()]):
                    organ.extend(_split_organs(coff, cell[:m.start()].rstrip()))   # "UBND TỈNH X Số: 12/QĐ-UBND"
                coff, cell = _read_number(cell, coff, m, parts)
                if cell is None:
                    continue
            if parts.date is None and _read_dateline(cell, coff, parts):
                continue
            if type_at is None and (t := _type_of(cell)) and not cell.endswith(":") and (
                    is_caps(cell) or _sentence_case_type_line(head, idx, cell, parts)):
                # ("QUYẾT ĐỊNH:" before "Điều 1." is the operative formula, not the type line)
                parts.doc_type, parts.kind = t
                type_at = idx
                parts.spans["doc_type"] = (coff, coff + len(cell))
                continue
            if type_at is None and idx < _TYPE_LINE_TOP and is_caps(cell) and (t := _type_prefix(cell)) \
                    and _preamble_follows(head, idx):
                parts.doc_type, parts.kind = t[0]     # "KẾ HOẠCH TỔ CHỨC KỶ NIỆM ..." / "Căn cứ ..."
                type_at = idx
                parts.abstract = cell[t[1]:].strip()
                parts.spans["abstract"] = (coff + t[1], coff + len(cell.rstrip()))
                continue
            if type_at is None and parts.abstract is None and (v := _VV.match(cell)):
                _vv_abstract(text, head, idx, coff, v, parts)
                continue
            if type_at is None and parts.doc_number is None and parts.date is None:
                if (mo := _MOTTO.search(cell)) is not None:
                    cell = cell[:mo.start()].rstrip()   # "SỞ NỘI VỤ CỘNG HÒA ...": cells joined on one line
                if is_caps(cell):
                    organ.extend(_split_organs(coff, cell))
    return organ, type_at


_ABSTRACT_OPENS = re.compile(r"(?i)^(?:về\s|v/v\b)")


def _sentence_case_type_line(head: list[tuple[int, str]], idx: int, cell: str, parts: AdminDocParts) -> bool:
    """A type line a page printed in sentence case (it lost the capitals its style gave it: "Quyết định" /
    "Về việc ..."): the whole line, under the number or date line, with the abstract opening the next line."""
    return (cell.strip() == head[idx][1].strip() and bool(parts.doc_number or parts.date)
            and idx + 1 < len(head) and _ABSTRACT_OPENS.match(head[idx + 1][1].strip()) is not None)


_NUMBER_LABEL = re.compile(r"(?:Số|SỐ)\s*:?")
_DATE_PART_END = re.compile(r"(?i)(?:ngày|tháng)\s+\d{1,2}$")
_DATE_PART_START = re.compile(r"(?i)(?:tháng|năm)(?:\s+\d|$)")
_DATE_WORD_END = re.compile(r"(?i)(?:^|[\s,])(?:ngày|tháng|năm)$")      # the day, month or year filled in after it


def _number_label_joined(off: int, line: str, row: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Cells a run of spaces split inside one field joined again: a number label alone and its number
    ("SỐ :   63/2008/HD"), the parts of a date line ("X, ngày 09   tháng 12   năm 2008", a form whose
    day and month were typed into blanks: "X, ngày  22  tháng  02  năm 2011")."""
    out: list[tuple[int, str]] = []
    for coff, cell in row:
        if out and ((_NUMBER_LABEL.fullmatch(out[-1][1]) or _DATE_WORD_END.search(out[-1][1])) and cell[:1].isdigit()
                    or _DATE_PART_END.search(out[-1][1]) and _DATE_PART_START.match(cell)):
            out[-1] = (out[-1][0], line[out[-1][0] - off:coff - off + len(cell)])
        else:
            out.append((coff, cell))
    return out


def _number_in(cell: str) -> re.Match | None:
    """The first "Số: N" of a cell that is a document's number, not an address."""
    return next((m for m in _NUMBER.finditer(cell) if not (m.group(1) and _ADDRESS.match(cell, m.start(1))
                                                            and not re.search(r"[/-]", m.group(1)))), None)


def _read_number(cell: str, coff: int, m: re.Match, parts: AdminDocParts) -> tuple[int, str | None]:
    """The number after "Số:"; returns what follows it in the cell when a date line does ("Số: 63/KH-SNV
    Huế, ngày 05 tháng 5 năm 2025": two table cells joined on one line), else None."""
    g = 1 if m.group(1) else 2
    printed = m.group(g).rstrip(".")
    # "Số: 215 /2019/QĐ-UBND", "63/ 2008 / HYH- HD/TĐKT": the symbol without the layout's spaces
    parts.doc_number = re.sub(r"\s*([/-])\s*", r"\1", printed)
    parts.spans["doc_number"] = (coff + m.start(g), coff + m.start(g) + len(printed))
    rest = cell[m.end(g):]
    if parts.date is None and _DATELINE.search(rest) is not None:
        lead = len(rest) - len(rest.lstrip())
        return coff + m.end(g) + lead, rest[lead:]
    return coff, None


def _read_dateline(cell: str, coff: int, parts: AdminDocParts) -> bool:
    """Place and date from "X, ngày D tháng M năm Y"; the place is what follows the motto when a table
    row put both on one line ("... Độc lập - Tự do - Hạnh phúc Hà Nam, ngày ...")."""
    m = _DATELINE.search(cell)
    if m is None:
        return False
    place = m.group(1)
    motto_end = max((x.end() for x in _MOTTO.finditer(place)), default=0)
    parts.place = title_case_place(place[motto_end:].strip(" .-|"))
    parts.date = parse_date(f"{m.group(2)}/{m.group(3)}/{m.group(4)}")
    parts.spans["dateline"] = (coff + m.start(), coff + m.end())
    return True


def _vv_abstract(text: str, head: list[tuple[int, str]], idx: int, coff: int, v: re.Match,
                 parts: AdminDocParts) -> None:
    """The abstract of an official letter: "V/v ..." under its number, continued on lower-case lines; or
    "VỀ VIỆC ..." in capitals, continued on capital lines up to the organ or authority line."""
    g = 1 if v.group(1) else 2
    parts.abstract = v.group(g).strip()
    parts.spans["abstract"] = (coff + v.start(g), coff + v.end(g))
    off, line = head[idx]
    j = idx
    while j + 1 < len(head) and (_continues(text, off, line) if g == 1 else _caps_continues(head[j + 1][1])):
        j += 1
        off, line = head[j]
        parts.abstract += " " + line.strip()
        parts.spans["abstract"] = (parts.spans["abstract"][0], off + len(line.rstrip()))


def _caps_continues(nxt: str) -> bool:
    s = nxt.strip().strip("|").strip()
    return is_caps(s) and not _starts_with_head(s) and not _is_authority_line(s, "") and not _DECORATION.match(s)


_DECORATION = re.compile(r"^[-_=.*|•~\s]+$")
# lines after the abstract: the preamble and body of the document
_BODY_START = re.compile(r"(?i)^(?:căn\s+cứ|kính\s+gửi|thực\s+hiện|xét\s|theo\s+đề\s+nghị|để\s|điều\s+\d|"
                         r"chương\s+[ivx\d]|phần\s+[ivx\d]|[IVX]+\.|\d+\.)")
_CITATION = re.compile(r"(?i)^(?:căn\s+cứ|thực\s+hiện|xét|theo)\s")
_JOIN_AFTER = re.compile(r"(?i)(?:^|[\s,])(?:số\s*:|ngày)$")                 # "Số:", "Bình Thuận, ngày"
# a date line broken after its day or month: "..., ngày 09" + "tháng 10 năm 2013", "ngày 16 tháng 11" + "năm 2018"
_DAY_MONTH_END = re.compile(r"(?i)ngày\s+\d{1,2}(?:\s+tháng\s+\d{1,2})?$")
_DATE_REST = re.compile(r"(?i)(?:tháng\s+\d{1,2}\s+)?năm\s+\d{4}")


_SPACED_LETTERS = re.compile(r"[^\W\d_](?: {1,2}[^\W\d_])*")      # one word printed letter by letter
_WORD_GAP = re.compile(r" {3,}")
_MIN_SPACED = 4                       # letters of a line printed letter by letter


def _letters_closed_up(line: str) -> str | None:
    """A capitals line printed with its letters spaced out, words set apart by wider gaps ("T H Ủ   T Ư Ớ N G
    C H Í N H   P H Ủ", a header typed with expanded spacing) closed up to its words, padded to its length."""
    s = line.strip()
    words = _WORD_GAP.split(s)
    if (len(words) < 2 or sum(c.isalpha() for c in s) < _MIN_SPACED or not s.isupper()
            or not all(_SPACED_LETTERS.fullmatch(w) and " " in w for w in words)):
        return None
    closed = " ".join(w.replace(" ", "") for w in words)
    lead = len(line) - len(line.lstrip())
    return (" " * lead + closed).ljust(len(line))


def join_broken_header(text: str) -> str:
    """The text (same length) with the header lines a page layout broke joined by a space: a line
    of one word ("ỦY" + "BAN NHÂN DÂN", "Tam" + "Kỳ, ngày ..."), "Số:" + the number, "X, ngày" + the
    date, "ngày D tháng M" + "năm Y". Only directly adjacent lines before the preamble are joined. A
    line printed letter by letter is closed up to its words."""
    chars = None
    lines = text_lines(text)
    for (off, line), (_, nxt) in zip(lines, lines[1:]):
        s, n = line.strip(), nxt.strip()
        if _BODY_START.match(s):
            break
        if (closed := _letters_closed_up(line)) is not None:
            chars = chars if chars is not None else list(text)
            chars[off:off + len(line)] = closed
            continue
        if not s or not n or _DECORATION.match(n):
            continue
        one_word = len(s.split()) == 1 and s[0].isalpha() and _type_of(s) is None and len(s) <= 12
        if one_word or _JOIN_AFTER.search(s) or (_DAY_MONTH_END.search(s) and _DATE_REST.match(n)):
            chars = chars if chars is not None else list(text)
            chars[off + len(line)] = " "
    return "".join(chars) if chars is not None else text


def _type_of_number(number: str | None) -> tuple[str, str] | None:
    """(type, kind) from the type code of a number and symbol ("2870/KH-UBND" -> Kế hoạch); None for
    a number whose symbol starts with the issuer's code (an official letter: "2372/UBND-NC")."""
    if not number:
        return None
    codes = [c for c in re.split(r"[/-]", number)[1:] if c and not c.isdigit()]
    return _codes().get(fold_tones(codes[0]).upper()) if codes else None


@lru_cache(maxsize=1)
def _codes() -> dict[str, tuple[str, str]]:
    """Type code ("KH", "QĐ") -> (type name, kind), from doc_types.toml."""
    out: dict[str, tuple[str, str]] = {}
    for t in load_lexicon("doc_types.toml")["type"]:
        for code in t.get("codes", []):
            out.setdefault(fold_tones(code).upper(), (t["name"], t["kind"]))
    return out


def _issuer_line(organ: list[tuple[int, str]]) -> str:
    """The organ lines joined, as a comparison key ("ỦY BAN NHÂN DÂN TỈNH X")."""
    return _key(" ".join(c for _, c in organ))


def _key(s: str) -> str:
    return re.sub(r"\s+", " ", fold_tones(s).upper()).strip(" .,|")


def _is_authority_line(s: str, issuer_key: str) -> bool:
    """The line naming who decides, printed between the abstract and the preamble of a decision:
    the issuer again ("ỦY BAN NHÂN DÂN TỈNH X", "THỦ TƯỚNG CHÍNH PHỦ") or a head's title
    ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X", "BỘ TRƯỞNG BỘ NỘI VỤ")."""
    key = _key(s)
    if key.split(" ")[0] in _LEVEL_WORDS:
        return False                  # "TỈNH X": the end of an abstract that names a place, not an organ
    return bool(issuer_key) and (key == issuer_key or issuer_key.endswith(" " + key) or key.startswith(issuer_key + " ")) \
        or caps_title_regex().match(key) is not None


_LEVEL_WORDS = frozenset(fold_tones(w.split()[0]).upper() for w in LEVELS)
_LEVEL_KEYS = frozenset(fold_tones(w).upper() for w in LEVELS)


def _abstract_after_type(text: str, head: list[tuple[int, str]], type_at: int, issuer_key: str,
                         parts: AdminDocParts) -> None:
    """The abstract (trích yếu) printed under the type line: sentence-case lines continued on
    lower-case lines ("Về việc tặng ..."), or FULL-CAPS lines the layout may break anywhere, up to
    the authority line or the preamble ("Căn cứ ...")."""
    found: list[tuple[int, str]] = []
    caps = False
    for j in range(type_at + 1, min(type_at + 8, len(head))):
        off, line = head[j]
        s = line.strip().strip("|").strip()
        if _DECORATION.match(line):
            if found:
                break
            continue
        if _BODY_START.match(s) and not is_caps(s) or is_caps(s) and _is_authority_line(s, issuer_key):
            break
        if found and (is_caps(s) and not caps or caps and not is_caps(s) and not s[:1].islower()
                      or not caps and not _continues(text, *head[j - 1])):
            break             # FULL-CAPS lines may run on into lower-case ones ("HỘI NGHỊ ..." / "về ..."), not back
        found.append((off, s))
        caps = is_caps(s)
        if s.endswith((".", ":", ";")) or not caps and not _continues(text, off, line):
            break
    if found:
        parts.abstract = " ".join(s for _, s in found)
        parts.spans["abstract"] = (found[0][0], found[-1][0] + len(found[-1][1]))


def _abstract_from_body(text: str, parts: AdminDocParts) -> None:
    """A document printed without its type line: the opening sentence names it ("Ủy ban nhân dân
    tỉnh ban hành Kế hoạch phát động ... (viết tắt là ...)")."""
    if not parts.doc_type:
        return
    types = f"{re.escape(parts.doc_type)}|{re.escape(fold_tones(parts.doc_type))}"
    opening = re.compile(rf"(?:ban\s+hành|xây\s+dựng|triển\s+khai)\s+(?i:{types})\s+(?:số\s+\S+\s+)?"
                         rf"((?:về\s+(?:việc\s+)?)?[^\n(.:;]{{10,300}}?)\s*(?:\(|[.:;\n]|\s+(?:với|gồm)\s+các|\s+như\s+sau)")
    for off, line in text_lines(text)[:_HEAD_LINES * 2]:
        if _CITATION.match(line.strip()):
            continue              # "Căn cứ Quyết định ... ban hành Kế hoạch ...": another document
        if (m := opening.search(line + "\n")) is not None and not re.match(r"(?i)này\b", m.group(1)):
            parts.abstract = m.group(1).strip()
            parts.spans["abstract"] = (off + m.start(1), off + m.start(1) + len(parts.abstract))
            return


def _abstract_from_page_title(head: list[tuple[int, str]], parts: AdminDocParts) -> None:
    """A legal portal's page title above the document names type, number and abstract ("Quyết định
    612/QĐ-UBND năm 2020 về phê duyệt quy trình ..."): the abstract when the document lost its own."""
    if not (parts.doc_type and parts.doc_number):
        return
    types = f"{re.escape(parts.doc_type)}|{re.escape(fold_tones(parts.doc_type))}"
    title = re.compile(rf"(?i:{types})\s+(?:số\s+)?{re.escape(parts.doc_number)}(?:\s+năm\s+\d{{4}})?"
                       rf"(?:\s+(?:của|do)\s+[^,]{{2,60}}?\s+ban\s+hành)?\s*[:,-]?\s+(\S.{{9,400}})$")
    for off, line in head[:6]:
        if (m := title.match(line.strip())) is not None:
            lead = len(line) - len(line.lstrip())
            parts.abstract = m.group(1).strip()
            parts.spans["abstract"] = (off + lead + m.start(1), off + lead + m.start(1) + len(parts.abstract))
            return


def _set_issuer(text: str, organ: list[tuple[int, str]], authority: tuple[int, str] | None,
                parts: AdminDocParts) -> None:
    printed = dict(organ)             # offset -> the line as printed (for spans)
    organ = _drop_system_titles(organ)
    if len(organ) > 1 and _PARTY_COMMITTEE.match(organ[-1][1]) is not None \
            and (pm := _PARTY_ORGAN.match(organ[-2][1])) is not None:
        # "ĐẢNG BỘ TỈNH X / TỈNH ỦY": the committee of that Party organisation, "Tỉnh ủy X"
        organ[-1] = (organ[-1][0], f"{organ[-1][1].strip()} {pm.group(1)}")
    elif len(organ) > 1 and (re.match(r"(?i)(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|trung ương)(?:\s|$)",
                                       fold_tones(organ[-1][1])) or not _starts_with_head(organ[-1][1])):
        # "ỦY BAN NHÂN DÂN / TỈNH ĐÔNG LÂM": one organ name printed on two lines
        organ[-2:] = [(organ[-2][0], f"{organ[-2][1]} {organ[-1][1]}")]
    if organ and authority is not None:
        off, line = authority
        title = caps_title_regex().match(fold_tones(line).upper())
        if title is not None:         # "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH X": the organ after the signing office
            cut = len(line) - len(line[title.end():].lstrip())
            off, line = off + cut, line[cut:]
        rest = _key(line)[len(_key(organ[-1][1])) + 1:]
        if _key(line).startswith(_key(organ[-1][1]) + " ") and rest not in _LEVEL_KEYS:
            organ[-1] = (off, line)   # "ỦY BAN NHÂN DÂN" over a lost place line: the authority line names it in full
    if organ:
        parts.issuer = sentence_case(organ[-1][1])
        parts.spans["issuer"] = (organ[-1][0], organ[-1][0] + len(printed.get(organ[-1][0], organ[-1][1])))
        if len(organ) > 1:
            parts.parent_issuer = organ[-2][1]
    elif authority is not None:       # no header: who decides ("THỦ TƯỚNG CHÍNH PHỦ")
        parts.issuer = _office_case(authority[1])
        parts.spans["issuer"] = (authority[0], authority[0] + len(authority[1]))
    else:
        parts.issuer = _issuer_from_body(text, parts.doc_type)


_PARTY_COMMITTEE = re.compile(r"(?i)^\s*(tỉnh|thành|huyện|quận|thị|đảng)\s+(ủy|uỷ)\s*$")
_PARTY_ORGAN = re.compile(r"(?i)^\s*đảng\s+bộ\s+(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)\s+(.+?)\s*$")
_COMMITTEE = re.compile(r"(BAN CHAP HANH|BAN THUONG VU|BCH|BTV)\s+(?!DOAN|HOI|DANG)")


def _office_case(line: str) -> str:
    """An office and its unit in capitals, each in its own case: "BỘ TRƯỞNG BỘ NỘI VỤ" -> "Bộ trưởng Bộ Nội vụ"."""
    m = caps_title_regex().match(_key(line))
    if m is None or not line[m.end():].strip():
        return sentence_case(line)
    return f"{sentence_case(line[:m.end()].strip())} {sentence_case(line[m.end():].strip())}"


def _split_organs(off: int, cell: str) -> list[tuple[int, str]]:
    """Two header lines joined in one table cell: "UBND THÀNH PHỐ HUẾ SỞ NỘI VỤ" -> the parent
    "UBND THÀNH PHỐ HUẾ" and "SỞ NỘI VỤ" (a unit head after a level word and its place name)."""
    words = list(re.finditer(r"\S+", cell))
    ups = [fold_tones(w.group(0)).upper() for w in words]
    levels = {fold_tones(x).upper() for x in LEVELS}
    seen_level = -1
    for k in range(1, len(words)):
        if ups[k] in levels or " ".join(ups[k:k + 2]) in levels:
            seen_level = k
            continue
        if seen_level < 0 or k < seen_level + 2 or " ".join(ups[k - 1:k + 1]) in levels:
            continue
        tail = " ".join(ups[k:])
        if any(tail == h or tail.startswith(h + " ") for h in _heads() if h not in levels and h != "TRUNG ƯƠNG"):
            a = words[k].start()
            return [(off, cell[:a].rstrip()), (off + a, cell[a:])]
    return [(off, cell)]


def _drop_system_titles(organ: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """The header lines without a Party / Youth Union system title ("ĐOÀN TNCS HỒ CHÍ MINH"),
    which stands where a state document prints the motto; a committee line printed under it takes
    the system's short name ("BAN CHẤP HÀNH TỈNH X" -> "BAN CHẤP HÀNH ĐOÀN TỈNH X")."""
    systems = _system_titles()
    keys = [re.sub(r"\s+", " ", fold_tones(c).upper()).strip(" .") for _, c in organ]
    if len(organ) < 2 or not any(k in systems for k in keys):
        return organ
    out: list[tuple[int, str]] = []
    short = ""
    for (off, cell), key in zip(organ, keys):
        if key in systems:
            short = systems[key]
            continue
        if short and (m := _COMMITTEE.match(_ascii_upper(cell))) is not None:
            cell = f"{cell[:m.end(1)]} {short.upper()} {cell[m.end(1):].lstrip()}"
        short = ""
        out.append((off, cell))
    return out or organ


def _ascii_upper(s: str) -> str:
    """Upper case without diacritics, same length ("BAN CHẤP HÀNH" -> "BAN CHAP HANH")."""
    return "".join((unicodedata.normalize("NFD", c)[0] if c != "Đ" and c != "đ" else "D") for c in s).upper()


@lru_cache(maxsize=1)
def _heads() -> tuple[str, ...]:
    """Upper-case unit head nouns: nlp/lexicons/unit_heads.toml (read-only) and awards.toml."""
    heads = set()
    for name, path in (("unit_heads.toml", ("heads",)), ("awards.toml", ("cues", "unit_heads"))):
        try:
            data = load_lexicon(name)
            for key in path:
                data = data[key]
            heads.update(data)
        except (OSError, KeyError, TypeError, ValueError):
            continue
    return tuple(sorted((fold_tones(h).upper() for h in heads), key=len, reverse=True))


def _starts_with_head(line: str) -> bool:
    up = fold_tones(line).upper()
    return any(up == h or up.startswith(h + " ") for h in _heads())


_BLANK_LINES = 2                      # a page copy may put blank lines between the lines of one abstract


def _continues(text: str, off: int, line: str) -> bool:
    """The abstract continues on the next non-blank line (at most two blank lines on) when it starts in
    lower case: a sentence of the body never does."""
    pos = off + len(line) + 1
    for _ in range(_BLANK_LINES + 1):
        end = text.find("\n", pos)
        nxt = text[pos:end if end >= 0 else len(text)].strip()
        if nxt:
            return nxt[:1].islower()
        if end < 0:
            return False
        pos = end + 1
    return False


def _issuer_from_body(text: str, doc_type: str | None) -> str | None:
    """Headerless text: the organ in "Thanh tra tỉnh xây dựng Kế hoạch ... như sau"."""
    if not doc_type:
        return None
    types = f"{re.escape(doc_type)}|{re.escape(fold_tones(doc_type))}"
    m = re.search(rf"(?m)(?:^|[.;,]\s+)([A-ZĐÀ-Ỹ][^\n.;,:]{{2,80}}?)\s+(?:xây dựng|ban hành|triển khai)\s+"
                  rf"(?i:{types})", text)
    return m.group(1).strip() if m else None


