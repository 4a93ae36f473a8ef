"""The parts of an administrative document per Decree 30/2020/NĐ-CP: issuer, number and
symbol, place and date, type, abstract, recipients, signer.

Works on text converted from real documents: blank lines anywhere, the two header columns
either on separate lines or side by side on one line (cells split by 2+ spaces or tabs), the
national motto present or not, misspellings such as "Noi nhận"."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.dates import parse_date
from nlp.lexicon import load_lexicon
from nlp.normalize import fold_tones
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
_MOTTO = re.compile(r"(?i)cộng\s+h[òo]a\s+xã\s+hội|độc\s+lập\s*-\s*tự\s+do|^[-_=.*\s]+$")
_NUMBER = re.compile(r"(?<![\w])Số\s*:\s*([0-9][^\s,;]*)")
_DATELINE = re.compile(r"(?i)([^\d,:;]{2,40}?)\s*,\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_VV = re.compile(r"(?i)^\s*V/v\s*[:.]?\s*(.+)$")
_RECIPIENTS = re.compile(r"(?i)^\s*N[ơo]i\s+nh[ậa]n\s*:?\s*$")
_AUTHORITY = re.compile(r"^(KT|TL|TM|Q|TUQ|TM\s*/\s*KT)\s*\.\s*(.*)$")
_CELL_SPLIT = re.compile(r"\t+|\s{2,}")
_SYLLABLE = re.compile(
    r"(?i)^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?$")
_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$")
_LEVELS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")
_CAP_AFTER = {"bộ", "sở", "cục", "tổng cục", "vụ", "ban", "viện", "chi cục", "học viện", "trường",
              "chánh", "phó", "trung tâm", "phòng", "văn phòng", "thanh tra"}


@lru_cache(maxsize=1)
def _types() -> dict[str, tuple[str, str]]:
    """UPPER-CASE folded type name -> (name, kind)."""
    return {fold_tones(t["name"]).upper(): (t["name"], t["kind"]) for t in load_lexicon("doc_types.toml")["type"]}


def _lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def _cells(offset: int, line: str) -> list[tuple[int, str]]:
    """Cells of a line (header columns side by side), with their offsets."""
    out, pos = [], 0
    for part in _CELL_SPLIT.split(line):
        i = line.find(part, pos)
        if part.strip():
            lead = len(part) - len(part.lstrip())
            out.append((offset + i + lead, part.strip()))
        pos = i + len(part)
    return out


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _abbrev(word: str) -> bool:
    w = word.strip(".,;:()")
    return w.isupper() and len(w) > 1 and not _SYLLABLE.match(fold_tones(w.lower()))


def sentence_case(s: str) -> str:
    """A FULL-CAPS organ or title line in sentence case, keeping abbreviations and proper
    names capitalised: "UBND TỈNH BÌNH PHƯỚC" -> "UBND tỉnh Bình Phước",
    "PHÓ CHÁNH THANH TRA" -> "Phó Chánh Thanh tra"."""
    words = s.split()
    out: list[str] = []
    proper = False                    # after a level word: a place name
    cap_next = True
    for i, w in enumerate(words):
        low = w.lower()
        if _abbrev(w):
            out.append(w)
            cap_next = False
            continue
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        if proper or (cap_next and low not in _LEVELS and low != "thành") or (low == "trung" and nxt == "ương"):
            out.append(low[:1].upper() + low[1:])
        else:
            out.append(low)
        prev2 = " ".join(x.lower() for x in words[max(0, i - 1):i + 1])
        cap_next = (low in _CAP_AFTER or prev2 in _CAP_AFTER or low == "-") and prev2 != "ủy ban"
        if low in _LEVELS or prev2 in _LEVELS:
            proper = True
    return " ".join(out)


def title_case_place(s: str) -> str:
    """"Bình phước" -> "Bình Phước"; "TP. Hồ Chí Minh" keeps its abbreviation."""
    return " ".join(w if _abbrev(w) or w.endswith(".") else w[:1].upper() + w[1:].lower() for w in s.split())


def _type_of(cell: str) -> tuple[str, str] | None:
    key = re.sub(r"\s+", " ", fold_tones(cell).upper()).strip(" .:")
    return _types().get(key)


def parse_admin_document(text: str) -> AdminDocParts | None:
    """None when the text is not an administrative document."""
    lines = _lines(text)
    nonempty = [(o, l) for o, l in lines if l.strip()]
    head = nonempty[:_HEAD_LINES]
    parts = AdminDocParts(kind="other")
    organ: list[tuple[int, str]] = []
    type_at = None
    for idx, (off, line) in enumerate(head):
        if len(line) > 400:
            continue                  # a body paragraph: header cells are short
        for coff, cell in _cells(off, line):
            if len(cell) > 160:
                continue
            if parts.doc_number is None and (m := _NUMBER.search(cell)):
                parts.doc_number = m.group(1).rstrip(".")
                parts.spans["doc_number"] = (coff + m.start(1), coff + m.start(1) + len(parts.doc_number))
                continue
            if parts.date is None and (m := _DATELINE.search(cell)):
                parts.place = title_case_place(m.group(1).strip(" .-"))
                parts.date = parse_date(f"{m.group(2)}/{m.group(3)}/{m.group(4)}")
                parts.spans["dateline"] = (coff + m.start(), coff + m.end())
                continue
            if type_at is None and (t := _type_of(cell)) and _is_caps(cell):
                parts.doc_type, parts.kind = t
                type_at = idx
                parts.spans["doc_type"] = (coff, coff + len(cell))
                continue
            if type_at is None and parts.abstract is None and (v := _VV.match(cell)):
                parts.abstract = v.group(1).strip()
                parts.spans["abstract"] = (coff + v.start(1), coff + v.end(1))
                continue
            if type_at is None and parts.doc_number is None and parts.date is None and _is_caps(cell) \
                    and not _MOTTO.search(cell):
                organ.append((coff, cell))
    if type_at is None and not (parts.abstract and parts.doc_number):
        return None
    if type_at is None:
        parts.doc_type, parts.kind = "Công văn", "official_letter"
    if not (parts.doc_number or parts.date or organ):
        return None
    if type_at is not None:
        abstract = []
        for off, line in head[type_at + 1:type_at + 4]:
            s = line.strip()
            if re.match(r"(?i)(căn cứ|kính gửi|thực hiện|điều\s+\d|[IVX]+\.|\d+\.)", s) or _is_caps(s):
                break
            abstract.append((off, s))
            if s.endswith((".", ":", ";")) or len(abstract) >= 1 and not _continues(text, off, line):
                break
        if abstract:
            parts.abstract = " ".join(s for _, s in abstract)
            parts.spans["abstract"] = (abstract[0][0], abstract[-1][0] + len(abstract[-1][1]))
    parts.title = f"{parts.doc_type} {parts.abstract}" if parts.abstract else parts.doc_type
    if len(organ) > 1 and (re.match(r"(?i)(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|trung ương)(?:\s|$)",
                                     fold_tones(organ[-1][1])) or not _starts_with_head(organ[-1][1])):
        # "ỦY BAN NHÂN DÂN / TỈNH ĐÔNG LÂM": one organ name printed on two lines
        organ[-2:] = [(organ[-2][0], f"{organ[-2][1]} {organ[-1][1]}")]
    if organ:
        parts.issuer = sentence_case(organ[-1][1])
        parts.spans["issuer"] = (organ[-1][0], organ[-1][0] + len(organ[-1][1]))
        if len(organ) > 1:
            parts.parent_issuer = organ[-2][1]
    else:
        parts.issuer = _issuer_from_body(text, parts.doc_type)
    parts.recipients, rec_end = _recipients(lines)
    parts.signer = _signer(lines, rec_end)
    return parts


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


def _continues(text: str, off: int, line: str) -> bool:
    """The abstract continues on the next line only when no blank line separates them and the
    next line starts in lower case."""
    nxt_start = off + len(line) + 1
    nxt = text[nxt_start:text.find("\n", nxt_start) if "\n" in text[nxt_start:] else len(text)]
    return bool(nxt.strip()) and nxt.strip()[:1].islower()


def _issuer_from_body(text: str, doc_type: str | None) -> str | None:
    """Headerless text: the organ in "Thanh tra tỉnh xây dựng Kế hoạch ... như sau"."""
    if not doc_type:
        return None
    types = f"{re.escape(doc_type)}|{re.escape(fold_tones(doc_type))}"
    m = re.search(rf"(?m)(?:^|[.;,]\s+)([A-ZĐÀ-Ỹ][^\n.;,:]{{2,80}}?)\s+(?:xây dựng|ban hành|triển khai)\s+"
                  rf"(?i:{types})", text)
    return m.group(1).strip() if m else None


def _recipients(lines: list[tuple[int, str]]) -> tuple[list[str], int]:
    """The "Nơi nhận:" list and the index of the line after it (-1 when absent)."""
    for i, (_, line) in enumerate(lines):
        cells = [c for _, c in _cells(0, line)]
        if cells and _RECIPIENTS.match(cells[0]):
            out = []
            j = i + 1
            while j < len(lines):
                cs = [c for _, c in _cells(0, lines[j][1])]
                if not cs:
                    j += 1
                    continue
                if not re.match(r"^[-+•]", cs[0]):
                    break
                item = re.sub(r"^[-+•]\s*", "", cs[0]).rstrip(" ;.,")
                if item and not re.match(r"(?i)lưu\b", item):  # "Lưu: VT": the archive copy
                    out.append(item)
                j += 1
            return out, j
    return [], -1


def _signer(lines: list[tuple[int, str]], start: int) -> Signer | None:
    """The signature block at the end: authority marks, title, name."""
    tail = lines[start:] if start >= 0 else lines[-15:]
    cells: list[tuple[int, str]] = []
    for off, line in tail:
        cs = _cells(off, line)
        if cs:
            cells.append(cs[-1])      # the signature is the right-hand column
    name_i = None
    for i in range(len(cells) - 1, -1, -1):
        c = cells[i][1]
        words = c.split()
        if 2 <= len(words) <= 6 and all(_NAME_WORD.match(w) for w in words):
            name_i = i
            break
    if name_i is None:
        return None
    title_lines, authority = [], None
    for _, c in reversed(cells[:name_i]):
        if re.match(r"(?i)^\(?(đã ký|đã kí|ký|kí)", c) or c.startswith("("):
            continue
        if not _is_caps(c):
            break
        title_lines.insert(0, c)
    if not title_lines:
        return Signer(name=cells[name_i][1], span=(cells[name_i][0], cells[name_i][0] + len(cells[name_i][1])))
    title = title_lines[-1]
    for t in title_lines:
        if m := _AUTHORITY.match(t):
            authority = m.group(1).replace(" ", "") + "."
            if t is title_lines[-1]:
                title = m.group(2)
    off, name = cells[name_i]
    return Signer(name=name, title=sentence_case(title), authority=authority, span=(off, off + len(name)))
