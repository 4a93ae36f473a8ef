"""The authors of a news article as printed in its text.

Vietnamese news pages print the author's name on a line of its own: most often as the closing line
of the article ("Thu Sang", "H.Thành", "Quang Đại - Ngọc Mai", "Thu Hiền - Phòng Tổ chức bộ máy",
"Theo Minh Anh (Báo X)"), on some sites above the headline ("Trần Lân"). Photo credits ("Ảnh:
...") are not bylines, nor a source agency alone ("Theo TTXVN") or a source line ("Nguồn X: http://...")."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.furniture import tail_start
from nlp.lexicon import load_lexicon, phrase_alternation
from nlp.page_head import BYLINE, HEADLINE, HeadLine, headline, is_furniture, is_unit_line
from nlp.segment import LOWER, UPPER

_WORD = re.compile(rf"^(?:[{UPPER}][{LOWER}]*\.?|[{UPPER}]{{2,}}|[A-ZĐ](?:\.[A-ZĐ])+\.?|[A-ZĐ]{{1,3}}\.?"
                   rf"|(?:[A-ZĐ]\.){{1,2}}[{UPPER}][{LOWER}]+)$")    # "Lân", "NGỌC", "P.V", "TTXVN", "H.Thành"
_AGENCY = re.compile(r"\s*[\(\[][^)\]]*[\)\]]\s*$")                 # "Thanh Tâm (Trung tâm Báo chí TP)"
_SPLIT = re.compile(r"\s*(?:,|;| - |\bvà\b)\s*")
_INITIALS_END = re.compile(r"[A-ZĐ]\.[A-ZĐ]?$")                     # "P.V." ends with a dot and is a byline
_GLUED_TAGS = re.compile(rf"(?<=[{LOWER}])(?:TAGS?|Tags?)\s*:?\s*$")    # "Thu HàTAG:": the keyword label glued on
_SOURCE_LINE = re.compile(r"(?i)^(?:nguồn|theo nguồn)\b[^:]{0,40}:\s*\S*(?:https?://|www\.)")   # "Nguồn X: http://..."


def _names(part: str) -> bool:
    words = part.split()
    return 1 <= len(words) <= 5 and all(_WORD.match(w) for w in words)


@lru_cache(maxsize=1)
def _prefix() -> re.Pattern:
    """The words before the names of a byline ("Theo", "Bài và ảnh:", "Tin bài:"; furniture.toml)."""
    words = phrase_alternation(load_lexicon("furniture.toml")["byline_prefixes"])
    return re.compile(rf"^(?:{words})\s*:?\s+", re.I)


def parse_byline(line: str) -> list[str]:
    """The names on a byline line; [] when the line is not a byline. Parts that name a unit are the
    author's agency ("Thu Hiền - Phòng Tổ chức bộ máy"), not an author."""
    s = _AGENCY.sub("", _prefix().sub("", _GLUED_TAGS.sub("", line.strip().strip("|").strip()))).strip(" .-")
    if not s or len(s) > 70 or s.endswith((":", "…")):
        return []
    if line.rstrip(" |").endswith(".") and not _INITIALS_END.search(s):
        return []
    names, agencies = [], 0
    for part in (p.strip() for p in _SPLIT.split(s) if p.strip()):
        if is_unit_line(part):          # "Theo TTXVN": a source agency alone names no author
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
    while lines and (is_furniture(lines[-1].strip("|").strip() or "|") or _SOURCE_LINE.match(lines[-1])):
        lines.pop()
    if len(lines) < 3:
        return []
    return parse_byline(lines[-1])


_UNDER_HEADLINE = 2                   # a byline printed under the headline comes right after it


def head_byline(head: list[HeadLine]) -> list[str]:
    """A name line printed above the headline, or right under it before the lead ("Phê chuẩn ..." /
    "Ngô Văn A" / lead); the headline is the page's (a menu or section line above it may read as one)."""
    title = headline(head)
    after = next((idx for idx, line in enumerate(head) if line is title), None)
    for idx, line in enumerate(head):
        if after is not None and idx > after and (idx - after > _UNDER_HEADLINE or line.role == HEADLINE):
            return []
        if line.role == BYLINE:
            return parse_byline(line.text)
    return []


def news_authors(text: str, head: list[HeadLine]) -> list[str]:
    return labelled_authors(text) or closing_byline(text) or head_byline(head)


_LABELLED_LINES = 8                   # the metadata line is under the page's title


@lru_cache(maxsize=1)
def _author_label() -> tuple[re.Pattern, re.Pattern]:
    """(an author label opening a line, the label of the next field on it)."""
    lx = load_lexicon("furniture.toml")

    def alt(xs):
        return "|".join(re.escape(x) for x in sorted(xs, key=len, reverse=True))
    return (re.compile(rf"^\s*(?:{alt(lx['author_labels'])})\s*:\s*(\S.*)$", re.I),
            re.compile(rf"\s*[.|,-]?\s*(?:{alt(lx['date_labels'] + lx['label_lines'])})\s*:"))


def labelled_authors(text: str) -> list[str]:
    """The author a metadata line names by its label, near the top ("Tác giả: Phòng Văn hóa huyện X .Ngày
    đăng: 10/05/2019"): the value up to the next label."""
    label, nxt = _author_label()
    lines = [ln for ln in text.split("\n", 40)[:40] if ln.strip()][:_LABELLED_LINES]
    for line in lines:
        if (m := label.match(line)) is not None:
            value = m.group(1)
            if (n := nxt.search(value)) is not None:
                value = value[:n.start()]
            value = value.strip(" .|,-")
            return [value] if value and len(value.split()) <= 10 else []
    return []
