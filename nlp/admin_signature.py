"""The end of an administrative document: the recipients ("Nơi nhận:") and the signature block
(authority mark, title, name), also when a table row put the block on one line."""
from __future__ import annotations

import re

from nlp.admin_layout import cells as cells_of, is_caps, sentence_case
from nlp.offices import caps_title_regex, match_title
from nlp.records import Signer
from nlp.segment import LOWER, UPPER, tokenize

_RECIPIENTS = re.compile(r"(?i)^\s*N[ơo]i\s+nh[ậa]n\s*:?\s*$")
_AUTHORITY = re.compile(r"^(KT|TL|TM|Q|TUQ|TM\s*/\s*KT)\s*\.\s*(.*)$")
_NAME_WORD = re.compile(rf"^[{UPPER}][{LOWER}]+$")


def recipients(lines: list[tuple[int, str]]) -> tuple[list[str], int]:
    """The "Nơi nhận:" list and the index of the line after it (-1 when absent)."""
    for i, (_, line) in enumerate(lines):
        first = [c for _, c in cells_of(0, line)]
        if first and _RECIPIENTS.match(first[0]):
            out = []
            j = i + 1
            while j < len(lines):
                cs = [c for _, c in cells_of(0, lines[j][1])]
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
        if not (is_caps(t) or t in ("-", "&") or _AUTHORITY.match(t)):
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


def signer(lines: list[tuple[int, str]], start: int) -> Signer | None:
    """The signature block at the end: authority marks, title, name."""
    tail = lines[start:] if start >= 0 else lines[-15:]
    right: list[tuple[int, str]] = []
    for off, line in tail:
        cs = cells_of(off, line)
        if cs:
            right.append(cs[-1])      # the signature is the right-hand column
    name_i = None
    for i in range(len(right) - 1, -1, -1):
        c = right[i][1]
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
    for _, c in reversed(right[:name_i]):
        if re.match(r"(?i)^\(?(đã ký|đã kí|ký|kí)", c) or c.startswith("("):
            continue
        if not (is_caps(c) or _is_office_line(c)):
            break
        title_lines.insert(0, c)
    if not title_lines:
        return Signer(name=right[name_i][1], span=(right[name_i][0], right[name_i][0] + len(right[name_i][1])))
    title = title_lines[-1]
    for t in title_lines:
        if m := _AUTHORITY.match(t):
            authority = m.group(1).replace(" ", "") + "."
            if t is title_lines[-1]:
                title = m.group(2)
    off, name = right[name_i]
    title = sentence_case(title) if is_caps(title) else title
    return Signer(name=name, title=title, authority=authority, span=(off, off + len(name)))


def _is_office_line(line: str) -> bool:
    """A signing office printed in sentence case under the authority mark ("KT. BỘ TRƯỞNG" / "Thứ trưởng")."""
    toks = tokenize(line)
    tm = match_title(toks, 0) if toks else None
    return tm is not None and tm.end == len(toks)
