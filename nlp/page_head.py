"""The head of a news page as extracted text: each line above the first body paragraph gets a role.

Real page text starts with some of: site widgets and buttons ("Print", "Thống kê truy cập", "Đang
online: 7"), the site's name ("CỔNG THÔNG TIN ĐIỆN TỬ TỈNH X", "Sở Nội vụ tỉnh X"), a breadcrumb
trail, a clock line, a place line, a machine date stamp ("date 2023-12"), the author's name, a photo
caption, the headline, the date line and the lead. The headline is the first line that reads as a
headline before the first body paragraph; a page whose text starts with its lead has no headline."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.dates import is_date_line
from nlp.lexicon import load_lexicon
from nlp.normalize import norm_key
from nlp.segment import is_syllable_cap, surnames, tokenize
from nlp.unit_lexicon import lexicon
from nlp.unit_mentions import parse_at

HEAD_LINES = 16                       # non-empty lines read before giving up on finding the lead

# roles of a head line
FURNITURE, DATE, STAMP, PLACE, CAPTION, SITE, BYLINE, HEADLINE, BODY = (
    "furniture", "date", "stamp", "place", "caption", "site", "byline", "headline", "body")


@dataclass(frozen=True)
class DateStamp:
    """A machine date printed before the lead ("date 2023-12", "2025-12-27"): year and month, the day
    when given."""
    year: int
    month: int
    day: int | None


@dataclass(frozen=True)
class HeadLine:
    index: int                        # line number in the text
    text: str                         # stripped, without the table-cell bars at its ends and the stamp
    role: str
    stamp: DateStamp | None = None    # a machine date that opened the line


@dataclass(frozen=True)
class _PageLexicon:
    """furniture.toml as the head reader uses it."""
    furniture_lines: frozenset[str]   # norm keys of lines that are furniture on their own
    button_words: frozenset[str]
    sections: frozenset[str]
    portal: re.Pattern                # a portal's name starts so ("Cổng thông tin ...")
    label_line: re.Pattern            # "Lượt xem: 136", "Từ khóa: ..."
    follow_prompt: re.Pattern         # "Theo dõi Báo X trên"
    click_prompt: re.Pattern          # "Ấn vào đây để nhận tin ..."


@lru_cache(maxsize=1)
def _lexicon() -> _PageLexicon:
    lx = load_lexicon("furniture.toml")

    def alt(xs):
        return "|".join(re.escape(x) for x in sorted(xs, key=len, reverse=True))
    follow = lx["follow_prompt"]
    return _PageLexicon(
        furniture_lines=frozenset(norm_key(x) for x in lx["line_markers"] + lx["site_widgets"]),
        button_words=frozenset(norm_key(x) for x in lx["button_words"]),
        sections=frozenset(norm_key(x) for x in lx["sections"]),
        portal=re.compile(rf"^(?:{alt(lx['portal_prefixes'])})(?:\s|$)", re.I),
        label_line=re.compile(rf"^\s*(?:{alt(lx['label_lines'])})\s*(?::|\||$)", re.I),
        follow_prompt=re.compile(rf"^(?:{alt(follow['start'])})\s(?:\S+\s+){{0,8}}(?:{alt(follow['end'])})$", re.I),
        click_prompt=re.compile(rf"^(?:{alt(lx['click_prompts'])})\b", re.I))


_STAMP = re.compile(r"^\s*(?:date\s*:?\s*)?(\d{4})-(\d{2})(?:-(\d{2}))?(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?(?!\d)",
                    re.I)
_COUNTER = re.compile(r"^[^\d:]{2,40}:\s*[\d.,]+$")          # "Đang online: 7", "Hôm nay: 546"
_BULLET = re.compile(r"^[•·›»◦▪*+-]\s*")
_CREDIT = re.compile(r"\b(?:Ảnh|Nguồn|Video|Clip|Đồ họa)\s*:")
_CRUMB_SEP = re.compile(r"\s+(?:\||>|»|›|/)\s+")
_DOMAIN = re.compile(r"\b[\w-]+\.(?:GOV\.VN|ORG\.VN|COM\.VN|VN|COM|NET|ORG)\b", re.I)
_SENTENCE_END = (".", "…", ";", ":")


def read_stamp(line: str) -> tuple[DateStamp, str] | None:
    """(stamp, rest of the line) when the line starts with a machine date."""
    m = _STAMP.match(line)
    if m is None or not 1 <= int(m.group(2)) <= 12:
        return None
    day = int(m.group(3)) if m.group(3) else None
    return DateStamp(int(m.group(1)), int(m.group(2)), day), line[m.end():].strip()


_CAPS_HEADLINE = 400                  # the longest headline printed in capitals (characters)


def is_body(line: str) -> bool:
    """A paragraph of the article: a sentence of eight words or more, or a long line; never a line in
    capitals (a long headline printed in capitals: "QUYẾT ĐỊNH VỀ VIỆC BAN HÀNH KẾ HOẠCH ...")."""
    letters = [c for c in line[:_CAPS_HEADLINE] if c.isalpha()]
    if len(line) <= _CAPS_HEADLINE and len(letters) >= 20 and all(c.isupper() for c in letters):
        return False
    words = len(line.split())
    return words >= 40 or len(line) > 250 or (words >= 8 and line.rstrip("”\"' ").endswith(_SENTENCE_END))


def is_furniture(line: str) -> bool:
    """Buttons, widgets and counters: "Print", "Email In PDF.", "Chia sẻ | In bài", "Đang online: 7",
    "Lượt xem: 136", "• Liên kết website", "Theo dõi Báo X trên", "Ấn vào đây để ...", a line of punctuation."""
    lx = _lexicon()
    s = _BULLET.sub("", line).strip()
    if s.startswith("[") and s.endswith("]"):
        s = s[1:-1].strip()       # a link printed in brackets: "[Trở về]", "[In trang]"
    if (not re.search(r"\w", s) or norm_key(s) in lx.furniture_lines or _COUNTER.match(s)
            or lx.label_line.match(s) or lx.follow_prompt.match(s) or lx.click_prompt.match(s)):
        return True
    parts = [norm_key(p) for p in re.split(r"\s*[|:]\s*", s) if p.strip()]
    if len(parts) >= 2 and sum(p in lx.furniture_lines for p in parts) >= len(parts) - 1:
        return True               # a row of buttons: "Chia sẻ | In bài | Gửi email"
    toks = [t.strip(".,;:()").lower() for t in s.split()]
    return all(t in lx.button_words or not t for t in toks)


def is_section_line(line: str) -> bool:
    """A section name or breadcrumb trail ("Trang chủ | Kinh tế | Doanh nghiệp", "Thời sự"): every
    part a known section, or several short parts one of which is known and none ends a sentence."""
    sections = _lexicon().sections
    parts = [p.strip() for p in _CRUMB_SEP.split(line.strip(" |>")) if p.strip()]
    if not parts:
        return False
    if all(norm_key(p) in sections for p in parts):
        return True
    return (len(parts) >= 2 and any(norm_key(p) in sections or _DOMAIN.search(p) for p in parts)
            and all(len(p.split()) <= 8 and not p.endswith((".", "?", "!")) for p in parts))


def is_portal_line(line: str) -> bool:
    """The site's name: in capitals ("CỔNG THÔNG TIN ĐIỆN TỬ TỈNH X"), or a short line naming a
    portal ("Cổng thông tin điện tử thành phố Cần Thơ")."""
    portal = _lexicon().portal
    s = line.strip()
    if s.isupper() and (any(portal.match(part.strip()) for part in re.split(r"\s[-|]\s", s)) or _DOMAIN.search(s)):
        return True
    return (bool(re.match(r"(?i)^(?:Cổng|Trang)\s+(?:thông\s+tin|TTĐT)|^Báo\s+điện\s+tử", s))
            and len(s.split()) <= 14 and not s.endswith((".", "?", "!", ":")))


def is_unit_line(line: str) -> bool:
    """A line that is one unit's name and nothing else ("Ban Thi đua - Khen thưởng tỉnh X", "Huyện ủy, UBND huyện
    X"): the site's owner printed above its articles, never a headline (a headline says what happened)."""
    tokens = tokenize(line)
    if not tokens or len(line) > 90:
        return False
    k = 0
    while (m := parse_at(line, tokens, k)) is not None:     # also units listed ("Huyện ủy, UBND huyện X")
        if m.end >= len(line.rstrip(" .|")):
            return True
        k = m.tok_end + 1
        if k >= len(tokens) or tokens[k - 1].text not in (",", "và", "-"):
            return False
    return False


def is_name_line(line: str) -> bool:
    """A person's name alone on a line ("Trần Lân", "H.Thành"): 2-4 capitalised syllables after a
    surname, or initials glued to a given name."""
    words = line.split()
    if re.fullmatch(r"(?:[A-ZĐ]\.){1,2}\s?[A-ZĐÀ-Ỹ][a-zđà-ỹ]+", line):
        return True
    return 2 <= len(words) <= 4 and words[0] in surnames() and all(is_syllable_cap(w) for w in words)


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Province and city names, lower case (a place line "Hà Nội" above the headline)."""
    return frozenset(p.lower() for p in lexicon().places)


def is_place_line(line: str) -> bool:
    s = line.strip(" .,-–|")
    return bool(s) and len(s) <= 30 and (s.lower() in _places() or norm_key(s) in ("tp.hcm", "tphcm", "tp hồ chí minh"))


def _role(s: str) -> str:
    if is_date_line(s):
        return DATE
    if is_furniture(s) or _BULLET.match(s) and len(s.split()) <= 8:
        return FURNITURE
    if _CREDIT.search(s):
        return CAPTION
    if is_place_line(s):
        return PLACE
    if is_section_line(s) or is_portal_line(s) or is_unit_line(s):
        return SITE
    if is_name_line(s):
        return BYLINE
    if is_body(s):
        return BODY
    if len(s.split()) < 4:
        return FURNITURE          # a headline says what happened: "PrintAaa", "Đăng nhập" do not
    return HEADLINE


_TRUNCATED = re.compile(r"(?:\.{3}|…)$")
_COPY_LOOKAHEAD = 4                   # non-empty lines searched for the full line a truncated copy cuts


def _truncated_copy(s: str, lines: list[str], idx: int) -> bool:
    """A line cut with an ellipsis whose text opens one of the next lines: a page's tab title or
    breadcrumb printing the headline cut short ("Quyết định ban hành Kế hoạch ... giai đoạ..." above
    the full headline)."""
    if not _TRUNCATED.search(s):
        return False
    # the last word may be cut anywhere (and a cut syllable may place its tone mark elsewhere: "đoạ"/"đọa")
    cut = _TRUNCATED.sub("", s).rstrip().rsplit(" ", 1)[0]
    if len(cut.split()) < 4:
        return False
    later = [t.strip().strip("|").strip() for t in lines[idx + 1:idx + 1 + 3 * _COPY_LOOKAHEAD]]
    return any(t.startswith(cut) and len(t) > len(cut) for t in [t for t in later if t][:_COPY_LOOKAHEAD])


def read_head(text: str) -> list[HeadLine]:
    """The head lines with their roles, up to and including the first body paragraph."""
    out: list[HeadLine] = []
    lines = text.split("\n")
    for idx, raw in enumerate(lines):
        s = raw.strip().strip("|").strip()
        if not s:
            continue
        if _truncated_copy(s, lines, idx):
            out.append(HeadLine(idx, s, FURNITURE))
            continue
        stamp = None
        if (got := read_stamp(s)) is not None:
            # the stamp may open the headline, the lead or a widget: "date 2023-08 <headline>"
            stamp, s = got
            role = _role(s) if s else STAMP
            role = STAMP if role not in (HEADLINE, BODY) else role
        else:
            role = _role(s)
        out.append(HeadLine(idx, s, role, stamp))
        if role == BODY or len(out) >= HEAD_LINES:
            break
    return out


def headline(head: list[HeadLine]) -> HeadLine | None:
    """The first line that reads as a headline before the first body paragraph; when a later one, with
    only headline-like lines between, has the page's byline or date line right under it and the first
    has not, that later line: the lines above it are the site's motto, menu or a section's name ("Huế
    luôn luôn mới" / headline / "07:56 | 13/03/2014"; "Tiện ích Liên hệ" / "Kinh tế Doanh nghiệp" /
    headline / author / date)."""
    first = None
    for k, line in enumerate(head):
        if line.role == BODY:
            return first
        if line.role != HEADLINE:
            if first is not None:
                return first
            continue
        signed = k + 1 < len(head) and head[k + 1].role in (BYLINE, DATE)
        if first is None:
            first = line
            if signed:
                return line
        elif signed:
            return line
    return first
