"""Document fields: title, kind, publication date, bylines; for administrative documents the
Decree 30/2020 parts parsed by extractors.admin_doc.

News text as extracted from a page starts with some of: a site clock line ("Thứ ba, 25/06/2024, 22:23
[GMT+7]"), a place line ("Hà Nội"), a photo caption ending in "|", the headline, the date line
("Thứ hai, 20/05/2024 - 13:50'", "6:33 PM, 16/06/2020", "25/08/2020 17:20") and the lead. The
publication date is the date line next to the headline (after it by preference); a clock line before
the headline is not. The byline is the short closing line of the article."""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.admin_doc import AdminDocParts, parse_admin_document
from extractors.types import CleanDocument
from nlp.context import DocContext
from nlp.furniture import tail_start
from nlp.lexicon import load_lexicon
from nlp.normalize import norm_key
from nlp.dates import parse_date
from nlp.records import DocumentFields
from nlp.registry import stage

_DATE = r"(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})"
_TIME = r"\d{1,2}\s*[:hg]\s*\d{2}(?:\s*[:']\s*\d{2})?'?\s*(?:[AaPp]\.?[Mm]\.?)?"
_WEEKDAY = r"(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|Hai|Ba|Tư|Năm|Sáu|Bảy|\d)|Chủ\s+nhật|Chủ\s+Nhật|CN|T\d)"
_WORD_DATE = r"(\d{1,2})\s+tháng\s+(\d{1,2})\s*(?:,|năm)\s*(\d{4})"
_DATE_LINE_RE = re.compile(
    rf"^\s*(?:{_WEEKDAY}\s*[,|-]?\s*)?(?:(?:ngày|Ngày)\s+)?(?:{_TIME}\s*[,|-]?\s*)?(?:{_DATE}|{_WORD_DATE})"
    rf"(?:\s*[,|-]?\s*(?:lúc\s+)?{_TIME})?\s*(?:\(?\[?\s*GMT\s*[+-]\s*\d+\s*\]?\)?)?\s*$")
_CLOCK_RE = re.compile(r"GMT|UTC", re.I)
_BYLINE_WORD = re.compile(r"^(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]*\.?|[A-ZĐÀ-Ỹ]{2,}|[A-ZĐ](?:\.[A-ZĐ])+\.?|[A-ZĐ]{1,3}\.?)$")
_BYLINE_PREFIX = re.compile(r"^(?:Theo|Bài(?: và ảnh)?|Tin(?: và ảnh)?|Bài, ảnh|Tin, ảnh|Tác giả|PV)\s*:?\s+", re.I)
_BYLINE_SUFFIX = re.compile(r"\s*[\(\[][^)\]]*[\)\]]\s*$")
_NOT_TITLE_RE = re.compile(r"^\s*(?:\||\.|[-–—•]+|\W*)\s*$")


@lru_cache(maxsize=1)
def _page_lexicon() -> tuple[re.Pattern, re.Pattern, frozenset[str], tuple[str, ...]]:
    """(date label prefix, furniture label line, section names, portal prefixes) from furniture.toml."""
    lx = load_lexicon("furniture.toml")
    def alt(xs):
        return "|".join(re.escape(x) for x in sorted(xs, key=len, reverse=True))
    date_label = re.compile(rf"^\s*(?:{alt(lx['date_labels'])})\s*:\s*", re.I)
    label_line = re.compile(rf"^\s*(?:{alt(lx['label_lines'])})\s*(?::|\||$)", re.I)
    return (date_label, label_line, frozenset(norm_key(x) for x in lx["sections"]),
            tuple(x.upper() for x in lx["portal_prefixes"]))


def _published_value(line: str) -> str | None:
    return parse_date(line)


def is_date_line(line: str) -> bool:
    """A line that is only a date (and time): "25/08/2020 17:20", "Cập nhật: 15:20 | 28/11/2025",
    "Đăng ngày: 14 tháng 10, 2025", also with page counters after a bar ("... | Lượt xem: 1.254")."""
    date_label, label_line, _, _ = _page_lexicon()
    parts = line.split("|")
    while len(parts) > 1 and label_line.match(parts[-1]):
        parts.pop()
    line = date_label.sub("", "|".join(parts), count=1)
    return len(line) <= 60 and bool(_DATE_LINE_RE.match(line)) and _published_value(line) is not None


_CRUMB_SEP = re.compile(r"\s+(?:\||>|»|›|/)\s+")


def _is_section_line(line: str) -> bool:
    """A section name or breadcrumb trail above the headline ("Trang chủ | Kinh tế | Doanh nghiệp",
    "Thời sự"): every part a known section, or several short parts none of which ends a sentence."""
    _, _, sections, _ = _page_lexicon()
    parts = [p.strip() for p in _CRUMB_SEP.split(line.strip(" |>")) if p.strip()]
    if not parts:
        return False
    if all(norm_key(p) in sections for p in parts):
        return True
    return (len(parts) >= 2 and any(norm_key(p) in sections for p in parts)
            and all(len(p.split()) <= 8 and not p.endswith((".", "?", "!")) for p in parts))


_DOMAIN_RE = re.compile(r"\b[\w-]+\.(?:GOV\.VN|ORG\.VN|COM\.VN|VN|COM|NET|ORG)\b", re.I)
_SITE_NAME_RE = re.compile(r"^(?:Cổng|Trang)\s+(?:thông\s+tin|TTĐT)|^Báo\s+điện\s+tử", re.I)


def _is_portal_line(line: str) -> bool:
    """The site's name above the headline: in capitals ("CỔNG THÔNG TIN ĐIỆN TỬ TỈNH ..."), or a
    short line naming a portal ("Cổng thông tin điện tử thành phố Cần Thơ")."""
    s = line.strip()
    if s.isupper() and (any(part.strip().startswith(_page_lexicon()[3]) for part in re.split(r"\s[-|]\s", s))
                        or _DOMAIN_RE.search(s)):
        return True
    return bool(_SITE_NAME_RE.match(s)) and len(s.split()) <= 14 and not s.endswith((".", "?", "!", ":"))


def _places() -> frozenset[str]:
    from nlp.unit_lexicon import lexicon
    return lexicon().places


def _is_place_line(line: str) -> bool:
    s = line.strip(" .,-–|")
    return bool(s) and len(s) <= 30 and (s in _places() or s.lower() in {p.lower() for p in _places()}
                                         or s in ("TP.HCM", "TPHCM", "Hà Nội", "TP Hồ Chí Minh"))


def _is_caption(line: str) -> bool:
    s = line.strip()
    return s.endswith("|") or bool(re.search(r"\b(?:Ảnh|Nguồn)\s*:", s))


def _head_lines(text: str, limit: int = 12) -> list[tuple[int, str]]:
    """(index, line) of the first non-empty lines."""
    out = []
    for idx, line in enumerate(text.split("\n")):
        if line.strip():
            out.append((idx, line.strip()))
            if len(out) >= limit:
                break
    return out


def news_title(text: str) -> tuple[int | None, str | None]:
    """(line index, headline): the first line that is not a clock/date line, a place line, a "|"
    line or a photo caption."""
    for idx, line in _head_lines(text):
        if (is_date_line(line) or _NOT_TITLE_RE.match(line) or _is_place_line(line) or _is_caption(line)
                or _is_section_line(line) or _is_portal_line(line)):
            continue
        if len(line) < 8 or line.startswith("(") and len(line) > 200:
            continue
        return idx, line.strip(" |")
    return None, None


def news_published(text: str, title_idx: int | None) -> str | None:
    """The date line after the headline (within the lead), else one before it that is not a clock stamp."""
    heads = _head_lines(text)
    dates = [(idx, line) for idx, line in heads if is_date_line(line)]
    if not dates:
        return None
    if title_idx is None:
        return _published_value(dates[0][1])
    after = [(idx, line) for idx, line in dates if idx > title_idx]
    if after:
        # only the lines right after the headline: title, lead, date (non-empty lines)
        order = [idx for idx, _ in heads]
        pos_title = order.index(title_idx) if title_idx in order else 0
        for idx, line in after:
            if order.index(idx) - pos_title <= 3:
                return _published_value(line)
    before = [(idx, line) for idx, line in dates if idx < title_idx and not _CLOCK_RE.search(line)]
    if before:
        return _published_value(before[-1][1])
    return None


def _is_button_row(line: str, furniture: set[str]) -> bool:
    """A row of share/print buttons: "Chia sẻ | In bài | Gửi email"."""
    parts = [p.strip(" :").lower() for p in re.split(r"[|:]", line) if p.strip(" :")]
    return len(parts) >= 2 and sum(p in furniture for p in parts) >= len(parts) - 1


def news_authors(text: str) -> list[str]:
    """The closing byline: the last short line of the article body, made of names or initials."""
    body = text[:tail_start(text)]
    furniture = {x.lower() for x in load_lexicon("furniture.toml")["line_markers"]}
    lines = [ln.strip() for ln in body.split("\n") if ln.strip()]
    label_line = _page_lexicon()[1]
    while lines and (lines[-1].lower().strip(" :") in furniture or _NOT_TITLE_RE.match(lines[-1])
                     or label_line.match(lines[-1]) or _is_button_row(lines[-1], furniture)):
        lines.pop()
    if len(lines) < 3:
        return []
    line = lines[-1]
    line = _BYLINE_SUFFIX.sub("", _BYLINE_PREFIX.sub("", line)).strip(" .-–")
    if not line or len(line) > 60 or line.endswith((".", ":", "…")) and not re.search(r"[A-ZĐ]\.[A-ZĐ]?$", line):
        return []
    parts = [p.strip() for p in re.split(r"\s*(?:,|;| - | – |\bvà\b)\s*", line) if p.strip()]
    out = []
    for p in parts:
        words = p.split()
        if not 1 <= len(words) <= 5 or not all(_BYLINE_WORD.match(w) for w in words):
            return []
        out.append(p)
    return out


def _province_from(text: str, place: str | None) -> str | None:
    from nlp.unit_lexicon import lexicon
    places = lexicon().places
    if place:
        for p in places:
            if p.lower() == place.strip().lower():
                return p
    return None


def find_document_fields(ctx: DocContext, doc: CleanDocument, admin: AdminDocParts | None) -> DocumentFields:
    text = ctx.text
    f = DocumentFields(title=doc.title, published=(doc.published or None) and doc.published[:10],
                       authors=list(doc.authors))
    if admin is not None:
        f.kind = admin.kind
        f.doc_number, f.doc_type, f.issuer, f.place = admin.doc_number, admin.doc_type, admin.issuer, admin.place
        f.published = f.published or admin.date
        f.signer, f.recipients, f.abstract = admin.signer, admin.recipients, admin.abstract
        f.title = admin.title or f.title
        prov = _province_from(text, admin.place)
        if prov and ctx.province is None:
            ctx.province = prov
        return f
    idx, title = news_title(text)
    if not f.title:
        f.title = title
    if not f.published:
        f.published = news_published(text, idx)
    if not f.authors:
        f.authors = news_authors(text)
    return f


@stage("document_fields", writes="fields")
def document_fields_stage(ctx: DocContext) -> DocumentFields:
    """The document's fields; its date and kind then guide the other stages."""
    fields = find_document_fields(ctx, ctx.source, parse_admin_document(ctx.text))
    ctx.doc_date, ctx.kind = fields.published, fields.kind
    return fields
