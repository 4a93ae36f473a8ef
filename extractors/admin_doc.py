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


@lru_cache(maxsize=1)
def _case() -> tuple[frozenset[str], dict[tuple[str, ...], str], int]:
    """(words after which a name starts, UPPER folded word tuple -> proper name as printed,
    longest proper name in words), from doc_types.toml and provinces.toml."""
    data = load_lexicon("doc_types.toml").get("case", {})
    names = list(data.get("proper_names", []))
    try:
        prov = load_lexicon("provinces.toml")
        for key, val in prov.get("new", {}).items():
            names += [key, *(val.get("merged", []) if isinstance(val, dict) else [])]
        names += prov.get("old", {}).get("cities", [])
    except (OSError, ValueError):
        pass
    proper = {tuple(fold_tones(n).upper().split()): n for n in names}
    return frozenset(data.get("name_heads", [])), proper, max((len(k) for k in proper), default=1)


@lru_cache(maxsize=1)
def _system_titles() -> dict[str, str]:
    """UPPER folded system title ("ĐOÀN TNCS HỒ CHÍ MINH") -> its short name in an issuer ("Đoàn")."""
    return {re.sub(r"\s+", " ", fold_tones(t["name"]).upper()): t.get("short", "")
            for t in load_lexicon("doc_types.toml").get("system_title", [])}


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
    heads, names, longest = _case()
    keys = [fold_tones(w).upper() for w in words]
    out: list[str] = []
    proper = False                    # after a level word: a place name
    cap_next = True
    in_name = False                   # inside the specific name of a unit ("Khoa học và Công nghệ")
    i = 0
    while i < len(words):
        w = words[i]
        low = w.lower()
        hit = next((n for k in range(min(longest, len(words) - i), 0, -1)
                    if (n := names.get(tuple(keys[i:i + k]))) is not None), None)
        if hit is not None and not (i == 0 and low in _LEVELS):
            out.append(hit)           # "HỒ CHÍ MINH" -> "Hồ Chí Minh", "TRUNG ƯƠNG" -> "Trung ương"
            i += len(hit.split())
            cap_next, in_name = False, True
            continue
        if _abbrev(w):
            out.append(w)
            cap_next = True           # "BCH ĐOÀN" -> "BCH Đoàn", "KT. CHỦ TỊCH" -> "KT. Chủ tịch"
            i += 1
            continue
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        committee = i == 0 and nxt in ("ủy", "uỷ")   # "TỈNH ỦY X": a Party committee, not a level
        if proper or committee or (cap_next and low not in _LEVELS and low != "thành" and (low != "trưởng" or i == 0)):
            out.append(low[:1].upper() + low[1:])
            in_name = in_name or (i > 0 and not committee)
        else:
            out.append(low)
        prev2 = " ".join(x.lower() for x in words[max(0, i - 1):i + 1])
        cap_next = (low in heads or prev2 in heads or low == "-" or (low == "và" and in_name)) \
            and prev2 != "ủy ban" and not committee
        if (low in _LEVELS or prev2 in _LEVELS) and not committee or (i == 1 and low in ("ủy", "uỷ") and words[0].lower() in _LEVELS):
            proper = True             # a place name follows ("TỈNH ỦY X" too)
        i += 1
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
                rest = cell[m.end(1):]
                # "Số: 63/KH-SNV Huế, ngày 05 tháng 5 năm 2025": two table cells joined on one line
                if parts.date is None and (d := _DATELINE.search(rest)) is not None:
                    lead = len(rest) - len(rest.lstrip())
                    coff, cell = coff + m.end(1) + lead, rest[lead:]
                else:
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
                o, ln, j = off, line, idx
                while j + 1 < len(head) and _continues(text, o, ln):   # "V/v ...\ntiếp theo"
                    j += 1
                    o, ln = head[j]
                    parts.abstract += " " + ln.strip()
                    parts.spans["abstract"] = (parts.spans["abstract"][0], o + len(ln.rstrip()))
                continue
            if type_at is None and parts.doc_number is None and parts.date is None:
                if (mo := _MOTTO.search(cell)) is not None:
                    cell = cell[:mo.start()].rstrip()   # "SỞ NỘI VỤ CỘNG HÒA ...": cells joined on one line
                if _is_caps(cell):
                    organ.extend(_split_organs(coff, cell))
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
    printed = dict(organ)             # offset -> the line as printed (for spans)
    organ = _drop_system_titles(organ)
    if len(organ) > 1 and (m := _PARTY_COMMITTEE.match(organ[-1][1])) is not None \
            and (pm := _PARTY_ORGAN.match(organ[-2][1])) is not None:
        # "ĐẢNG BỘ TỈNH X / TỈNH ỦY": the committee of that Party organisation, "Tỉnh ủy X"
        organ[-1] = (organ[-1][0], f"{organ[-1][1].strip()} {pm.group(1)}")
    elif len(organ) > 1 and (re.match(r"(?i)(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|trung ương)(?:\s|$)",
                                       fold_tones(organ[-1][1])) or not _starts_with_head(organ[-1][1])):
        # "ỦY BAN NHÂN DÂN / TỈNH ĐÔNG LÂM": one organ name printed on two lines
        organ[-2:] = [(organ[-2][0], f"{organ[-2][1]} {organ[-1][1]}")]
    if organ:
        parts.issuer = sentence_case(organ[-1][1])
        parts.spans["issuer"] = (organ[-1][0], organ[-1][0] + len(printed.get(organ[-1][0], organ[-1][1])))
        if len(organ) > 1:
            parts.parent_issuer = organ[-2][1]
    else:
        parts.issuer = _issuer_from_body(text, parts.doc_type)
    parts.recipients, rec_end = _recipients(lines)
    parts.signer = _signer(lines, rec_end)
    return parts


_PARTY_COMMITTEE = re.compile(r"(?i)^\s*(tỉnh|thành|huyện|quận|thị|đảng)\s+(ủy|uỷ)\s*$")
_PARTY_ORGAN = re.compile(r"(?i)^\s*đảng\s+bộ\s+(?:tỉnh|thành\s+phố|huyện|quận|thị\s+xã|xã|phường|thị\s+trấn)\s+(.+?)\s*$")
_COMMITTEE = re.compile(r"(BAN CHAP HANH|BAN THUONG VU|BCH|BTV)\s+(?!DOAN|HOI|DANG)")


def _split_organs(off: int, cell: str) -> list[tuple[int, str]]:
    """Two header lines joined in one table cell: "UBND THÀNH PHỐ HUẾ SỞ NỘI VỤ" -> the parent
    "UBND THÀNH PHỐ HUẾ" and "SỞ NỘI VỤ" (a unit head after a level word and its place name)."""
    words = list(re.finditer(r"\S+", cell))
    ups = [fold_tones(w.group(0)).upper() for w in words]
    levels = {fold_tones(x).upper() for x in _LEVELS}
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
    import unicodedata
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


_SIGNED = re.compile(r"(?i)\s*\((?:đã\s+)?k[ýí][^()]{0,40}\)\s*$")


def _inline_signer(off: int, line: str) -> Signer | None:
    """A signature block flattened on one line (a DOCX table row: "... GIÁM ĐỐC (Đã ký) Tôn Nữ
    Thanh Tâm", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Trần Văn B"): the name at the end, the FULL-CAPS title
    before it, the authority mark (KT., TM., TL.) in front."""
    words = list(re.finditer(r"\S+", line))
    n = 0
    while n < min(6, len(words)) and _NAME_WORD.match(words[len(words) - 1 - n].group(0)):
        n += 1
    if n < 2:
        return None
    n = min(n, 5)
    a = words[len(words) - n].start()
    name = line[a:].strip()
    head = line[:a]
    head = head[:_SIGNED.search(head).start()] if _SIGNED.search(head) else head.rstrip()
    caps = []
    for w in reversed(list(re.finditer(r"\S+", head))):
        t = w.group(0)
        if not (_is_caps(t) or t in ("-", "&") or _AUTHORITY.match(t)):
            break
        caps.insert(0, w)
    if not caps:
        return None
    block = head[caps[0].start():].strip()
    if (m := re.search(r"(?<!\S)(?:KT|TL|TM|Q|TUQ)\s*\.", block)) is not None:
        block = block[m.start():]     # past "Lưu: VT, VP." before the authority mark
    elif (t := caps_title_regex().search(block)) is not None:
        block = block[t.start():]
    authority = None
    if (m := _AUTHORITY.match(block)) is not None:
        authority = m.group(1).replace(" ", "") + "."
        block = m.group(2)
        starts = [t.start() for t in caps_title_regex().finditer(block)]
        if len(starts) > 1 or (starts and starts[0] > 0):
            block = block[starts[-1]:]    # "CHỦ TỊCH PHÓ CHỦ TỊCH" -> the signer's own title
    return Signer(name=name, title=sentence_case(block), authority=authority, span=(off + a, off + a + len(name)))


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
        for off, line in reversed(tail[-8:]):
            if (sig := _inline_signer(off, line)) is not None:
                return sig
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
