"""The authors of a news article as printed in its text.

Vietnamese news pages print the author's name on a line of its own: most often as the closing line
of the article ("Thu Sang", "H.Thành", "Quang Đại - Ngọc Mai", "Thu Hiền - Phòng Tổ chức bộ máy",
"Theo Minh Anh (Báo X)"), on some sites above the headline ("Trần Lân"). Photo credits ("Ảnh:
...") are not bylines."""
from __future__ import annotations

import re

from nlp.furniture import tail_start
from nlp.page_head import BYLINE, HEADLINE, HeadLine, is_furniture, is_unit_line

_WORD = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\.?|[A-ZĐÀ-Ỹ]{2,}|[A-ZĐ](?:\.[A-ZĐ])+\.?|[A-ZĐ]{1,3}\.?"
                   r"|(?:[A-ZĐ]\.){1,2}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+)$")    # "Lân", "NGỌC", "P.V", "TTXVN", "H.Thành"
_PREFIX = re.compile(r"^(?:Theo|Bài(?: và ảnh)?|Tin(?: và ảnh)?|Bài, ảnh|Tin, ảnh|Tác giả|PV|Nhóm PV)\s*:?\s+",
                     re.I)
_AGENCY = re.compile(r"\s*[\(\[][^)\]]*[\)\]]\s*$")                 # "Thanh Tâm (Trung tâm Báo chí TP)"
_SPLIT = re.compile(r"\s*(?:,|;| - |\bvà\b)\s*")
_INITIALS_END = re.compile(r"[A-ZĐ]\.[A-ZĐ]?$")                     # "P.V." ends with a dot and is a byline


def _names(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 5 and all(_WORD.match(w) for w in words)


def parse_byline(line: str) -> list[str]:
    """The names on a byline line; [] when the line is not a byline. Parts that name a unit are the
    author's agency ("Thu Hiền - Phòng Tổ chức bộ máy"), not an author."""
    s = _AGENCY.sub("", _PREFIX.sub("", line.strip().strip("|").strip())).strip(" .-")
    if not s or len(s) > 70 or s.endswith((":", "…")):
        return []
    if line.rstrip(" |").endswith(".") and not _INITIALS_END.search(s):
        return []
    names, agencies = [], 0
    for part in (p.strip() for p in _SPLIT.split(s) if p.strip()):
        if names and is_unit_line(part):
            agencies += 1
        elif _names(part) and not agencies:
            names.append(part)
        else:
            return []
    return names


def closing_byline(text: str) -> list[str]:
    """The names on the last line of the article body (before comments and related lists), past
    buttons and keyword lines."""
    lines = [ln.strip() for ln in text[:tail_start(text)].split("\n") if ln.strip()]
    while lines and is_furniture(lines[-1].strip("|").strip() or "|"):
        lines.pop()
    if len(lines) < 3:
        return []
    return parse_byline(lines[-1])


def head_byline(head: list[HeadLine]) -> list[str]:
    """A name line printed above the headline."""
    for line in head:
        if line.role == HEADLINE:
            return []
        if line.role == BYLINE:
            return parse_byline(line.text)
    return []


def news_authors(text: str, head: list[HeadLine]) -> list[str]:
    return closing_byline(text) or head_byline(head)
