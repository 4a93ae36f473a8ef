"""Document fields: title, kind, publication date, bylines; for administrative documents the
Decree 30/2020 parts parsed by nlp.admin_doc.

A news page's title is its headline (nlp.page_head); a page whose text starts with its lead has
none. Its publication date, in order of trust: the date line next to the headline (after it by
preference; a site clock stamped GMT before the headline is not), a machine stamp before the lead
("date 2025-12-27"; a stamp of year and month takes the day the lead dates its event with), the
day a lead calls today ("Sáng nay 7/6, ...") in the one year the head names. A page's print or
crawl date is never read: it is not in the head."""
from __future__ import annotations

import re
from datetime import date

from nlp.admin_doc import AdminDocParts, parse_admin_document, published_in_full
from nlp.bylines import labelled_authors, news_authors
from nlp.context import DocContext
from nlp.dates import is_date_line, lead_day, parse_page_date
from nlp.page_head import BODY, HEADLINE, HeadLine, headline, read_head
from nlp.records import DocumentFields
from nlp.registry import stage
from nlp.source_document import SourceDocument

_CLOCK = re.compile(r"GMT|UTC", re.I)
_DATE_LINE_WINDOW = 12                # non-empty lines read for date lines (one may follow the lead)
# "năm 2023" names the year of what a headline or lead reports; "đến năm 2030" names a target
_YEAR = re.compile(r"(?<!đến )(?<!tới )(?<!trước )(?<!\w)năm\s+((?:19|20)\d\d)(?![\d/-])", re.I)


def _page_date(line: str) -> str | None:
    got = parse_page_date(line)
    return got[0] if got else None


def _date_lines(text: str) -> list[tuple[int, str]]:
    out, seen = [], 0
    for idx, line in enumerate(text.split("\n")):
        s = line.strip().strip("|").strip()
        if not s:
            continue
        seen += 1
        if seen > _DATE_LINE_WINDOW:
            break
        if is_date_line(s):
            out.append((idx, s))
    return out


def date_line_published(text: str, title_idx: int | None) -> str | None:
    """The date line right after the headline (within the lead), else the last one before it that
    is not a site clock; with no headline, the first one that is not a clock."""
    dates = _date_lines(text)
    if title_idx is None:
        return next((_page_date(s) for _, s in dates if not _CLOCK.search(s)), None)
    order = [i for i, ln in enumerate(text.split("\n")) if ln.strip().strip("|").strip()]
    pos_title = order.index(title_idx)
    for idx, line in dates:
        if idx > title_idx and order.index(idx) - pos_title <= 3:
            return _page_date(line)
    before = [line for idx, line in dates if idx < title_idx and not _CLOCK.search(line)]
    return _page_date(before[-1]) if before else None


def clock_published(text: str, title_idx: int | None) -> str | None:
    """A clock stamped GMT right above the headline ("Thứ Năm, 15/10/2020, 16:21 (GMT+7)"), when the page
    prints no other date: the site's clock is the article's only date."""
    if title_idx is None:
        return None
    order = [i for i, ln in enumerate(text.split("\n")) if ln.strip().strip("|").strip()]
    pos_title = order.index(title_idx)
    near = [line for idx, line in _date_lines(text) if idx < title_idx and pos_title - order.index(idx) <= 2]
    return _page_date(near[-1]) if near else None


def _lead(head: list[HeadLine]) -> str:
    return head[-1].text if head and head[-1].role == BODY else ""


def stamp_published(head: list[HeadLine]) -> str | None:
    """A machine stamp before the lead; a stamp of year and month takes the day of the lead's
    event when its month is the stamp's ("date 2023-12" + "Chiều 5/12, ..." -> 2023-12-05); with no day
    in the lead it is the month ("date 2023-03" -> 2023-03)."""
    for line in head[:4]:
        stamp = line.stamp
        if stamp is None:
            continue
        if stamp.day is not None:
            return f"{stamp.year:04d}-{stamp.month:02d}-{stamp.day:02d}"
        day = lead_day(line.text if line.role == BODY else _lead(head))
        if day is not None:
            return f"{stamp.year:04d}-{stamp.month:02d}-{day.day:02d}" if day.month == stamp.month else None
        return f"{stamp.year:04d}-{stamp.month:02d}"      # no fuller date: the month the page is stamped with
    return None


def today_published(head: list[HeadLine]) -> str | None:
    """The day a lead calls today ("Sáng nay 7/6, ..."), in the one year ("năm 2023") the headline
    and lead name; none when they name no year or several."""
    lead = _lead(head)
    day = lead_day(lead)
    if day is None or not day.today:
        return None
    years = {m.group(1) for line in head if line.role in (HEADLINE, BODY) for m in _YEAR.finditer(line.text)}
    if len(years) != 1:
        return None
    try:
        return date(int(years.pop()), day.month, day.day).isoformat()
    except ValueError:
        return None


# a page's date and clock printed at the end of its headline ("... Huân chương lao động 05/09/2025 09:42")
_TRAILING_STAMP = re.compile(r"\s+(\d{1,2}[/.-]\d{1,2}[/.-]\d{4}(?:\s*[,|-]?\s*\d{1,2}:\d{2})?)\s*$")


def _news_fields(f: DocumentFields, text: str) -> None:
    head = read_head(text)
    title = headline(head)
    if not f.title and title is not None:
        f.title = _TRAILING_STAMP.sub("", title.text) or title.text
    if f.doc_type is None and (full := published_in_full(f.title, text)) is not None:
        f.doc_type, f.issuer = full
    if not f.published:
        f.published = (date_line_published(text, title.index if title else None)
                       or stamp_published(head) or today_published(head)
                       or clock_published(text, title.index if title else None))
    if not f.authors:
        f.authors = news_authors(text, head)


def _province_from(place: str | None) -> str | None:
    from nlp.unit_lexicon import lexicon
    if place:
        for p in lexicon().places:
            if p.lower() == place.strip().lower():
                return p
    return None


def _admin_fields(f: DocumentFields, ctx: DocContext, admin: AdminDocParts) -> None:
    f.kind = admin.kind
    f.doc_number, f.doc_type, f.issuer, f.place = admin.doc_number, admin.doc_type, admin.issuer, admin.place
    f.published = f.published or admin.date
    f.signer, f.recipients, f.abstract = admin.signer, admin.recipients, admin.abstract
    f.authors = f.authors or labelled_authors(ctx.layout)
    f.title = admin.title or f.title
    prov = _province_from(admin.place)
    if prov and ctx.province is None:
        ctx.province = prov


def find_document_fields(ctx: DocContext, doc: SourceDocument, admin: AdminDocParts | None) -> DocumentFields:
    """Page metadata first (title, date, authors of the clean document), then what the text says."""
    f = DocumentFields(title=doc.title, published=(doc.published or None) and doc.published[:10],
                       authors=list(doc.authors))
    if admin is not None:
        _admin_fields(f, ctx, admin)
    else:
        _news_fields(f, ctx.layout)
    return f


@stage("document_fields", writes="fields")
def document_fields_stage(ctx: DocContext) -> DocumentFields:
    """The document's fields; its date and kind then guide the other stages."""
    fields = find_document_fields(ctx, ctx.source, parse_admin_document(ctx.layout))
    ctx.doc_date, ctx.kind = fields.published, fields.kind
    return fields
