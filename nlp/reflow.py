"""Hard-wrapped paragraphs read as one line.

Text copied from PDFs and legal portals keeps the line breaks of the printed page: a sentence, and
even a name, runs on over several lines ("... Giám đốc Sở Xây dựng Mai Xuân" / "Trường; đại diện ...").
The recognisers end a clause at a line break, so they read a copy of the text in which each break
inside a wrapped paragraph is a space. The copy has the same length: every span stays valid.

A break is inside a paragraph when the line does not end a sentence and the next line neither starts
a list item or heading nor is separated by a blank line, and either
- the next line starts in lower case or with a digit (it continues the sentence: "Chiều ngày 12 tháng 3"
  / "năm 2024, ..."), or
- the text is wrapped at a fixed width and the line fills it (the next word did not fit), with both
  lines in the same case (a FULL-CAPS heading does not run into the body)."""
from __future__ import annotations

import re

from nlp.admin_layout import is_caps
from nlp.unit_lexicon import lexicon

_SENTENCE_END = re.compile(r"[.!?…|]['\"”’»)]*$")
# a list item, numbered heading or article: the line starts something new
_ITEM_START = re.compile(r"(?:[-+•*–]|\d{1,2}(?:\.\d{1,2})*[.)](?:\s|$)|[a-zđ]\)|[IVXLC]+[.)](?:\s|$)"
                         r"|(?i:điều|chương|phần|mục)\s+[\dIVXLC]+\b)")
_MIN_WIDTH, _MAX_WIDTH = 55, 150      # the columns of printed pages and PDF text layers
_MIN_LINE = 30                        # shorter lines say nothing about the width
_FILL = 0.75                          # a line this close to the width was broken by the wrap
_MIN_WRAPPED = 4                      # lines at the width, and at least half of the longer lines


def wrap_width(lines: list[str]) -> int | None:
    """The width the text was wrapped at (the length with most lines just under it), None when the
    text is not hard-wrapped. Linear: a histogram of line lengths up to the widest column."""
    hist = [0] * (_MAX_WIDTH + 1)
    longer = 0
    for line in lines:
        n = len(line)
        if n >= _MIN_LINE:
            longer += 1
            if n <= _MAX_WIDTH:
                hist[n] += 1
    cum = [0]
    for h in hist:
        cum.append(cum[-1] + h)
    best, width = 0, None
    for w in range(_MIN_WIDTH, _MAX_WIDTH + 1):
        if hist[w]:
            count = cum[w + 1] - cum[int(_FILL * w) + 1]
            if count >= best:
                best, width = count, w
    return width if best >= _MIN_WRAPPED and 2 * best >= longer else None


def _starts_unit(line: str) -> bool:
    """The line starts with a unit head noun in any case ("SỞ NỘI VỤ" under "UBND TỈNH X")."""
    words = tuple(w.lower() for w in line.split()[:4])
    return bool(words) and any(words[:len(seq)] == seq for seq, _ in lexicon().heads.get(words[0], ()))


def joins(line: str, nxt: str, width: int | None) -> bool:
    """Does the paragraph run on from `line` to `nxt` (both stripped)?"""
    if not line or not nxt or _SENTENCE_END.search(line) or _ITEM_START.match(nxt):
        return False
    if nxt[0].islower() or nxt[0].isdigit():
        return True
    if is_caps(line) and is_caps(nxt) and len(line.split()) > 2 and len(nxt.split()) > 2:
        return not _starts_unit(nxt)  # a FULL-CAPS heading broken anywhere, not a header's stack of organs
    if width is None or len(line) <= _FILL * width or is_caps(line) != is_caps(nxt):
        return False
    return not line.endswith(":") or len(nxt) > _FILL * width    # a list after a colon has short items


def reading_text(text: str) -> str:
    """The text with every line break inside a hard-wrapped paragraph replaced by a space."""
    raw = text.split("\n")
    lines = [ln.strip() for ln in raw]
    width = wrap_width(lines)
    chars = None
    pos = 0
    for k in range(len(raw) - 1):
        pos += len(raw[k])
        if joins(lines[k], lines[k + 1], width):
            chars = chars if chars is not None else list(text)
            chars[pos] = " "
        pos += 1
    return "".join(chars) if chars is not None else text
