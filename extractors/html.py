"""HTML pages to clean documents: a site profile (chosen by RawItem.profile or the URL's host)
when one matches, else the generic cascade (trafilatura, then readability)."""
from __future__ import annotations

import datetime as dt
import unicodedata
import warnings

from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning

from extractors.charset import decode_bytes, item_charset
from extractors.html_body import blocks, filter_paragraphs, generic_body, limit_depth, prune
from extractors.html_meta import element_date, find_authors, find_headline, find_published, split_authors, squash
from extractors.site_profiles import ProfileVersion, SiteProfile, generic_settings, profile_for
from extractors.types import CleanDocument, ExtractionError, RawItem


def parse_html(text: str) -> BeautifulSoup:
    with warnings.catch_warnings():   # pages served as HTML that look like XML are read as HTML on purpose
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "lxml")
    limit_depth(soup, generic_settings().get("thresholds", "max_depth", 256))
    return soup


def _first(soup: BeautifulSoup, selectors: tuple[str, ...]) -> Tag | None:
    for sel in selectors:
        try:
            el = soup.select_one(sel)
        except Exception:
            continue
        if el is not None:
            return el
    return None


def _when(item: RawItem) -> dt.date | None:
    try:
        return dt.date.fromisoformat(item.fetched_at[:10]) if item.fetched_at else None
    except ValueError:
        return None


def apply_version(soup: BeautifulSoup, version: ProfileVersion) -> dict | None:
    """Fields of a page by one profile version; None when its body selector matches nothing."""
    body = _first(soup, version.body)
    if body is None:
        return None
    title_el = _first(soup, version.title)
    date_el = _first(soup, version.date)
    author_el = _first(soup, version.author)
    lead_el = _first(soup, version.lead)
    lead = squash(lead_el.get_text(" ")) if lead_el is not None else ""
    authors = split_authors(author_el.get_text(" ")) if author_el is not None else []
    published = element_date(date_el) if date_el is not None else None
    prune(body, version.prune)
    prune(body, version.lead)
    prune(body, generic_settings().get("noise", "selectors", []))
    skip: set[int] = set()
    if not generic_settings().get("text", "include_captions", True):
        for sel in version.captions:
            skip.update(id(el) for el in body.select(sel))
    title = squash(title_el.get_text(" ")) if title_el is not None else None
    paras = filter_paragraphs(([lead] if lead else []) + blocks(body, skip), title)
    if not paras:
        return None
    return {"title": title, "published": published, "authors": authors, "paragraphs": paras}


def _by_profile(text: str, profile: SiteProfile, when: dt.date | None) -> tuple[dict, str] | None:
    for version in profile.versions_for(when):
        got = apply_version(parse_html(text), version)
        if got is not None:
            return got, version.name
    return None


def _extract(item: RawItem, text: str) -> tuple[dict, dict]:
    soup = parse_html(text)
    headline, headline_el = find_headline(soup)
    page = {"title": headline, "published": find_published(soup, headline_el), "authors": find_authors(soup)}
    meta: dict = {}
    url = item.canonical_url or (item.uri if "://" in item.uri else None)
    profile = profile_for(item.profile, url)
    fields = None
    if profile is not None:
        got = _by_profile(text, profile, _when(item))
        if got is not None:
            fields, meta["profile_version"] = got
            meta.update(profile=profile.name, extractor="profile")
    if fields is None:
        paras, method = generic_body(soup, url, headline)
        fields = {"title": None, "published": None, "authors": [], "paragraphs": paras}
        meta["extractor"] = method
    for key in ("title", "published", "authors"):
        fields[key] = fields[key] or page[key]
    return fields, meta


def read_html(item: RawItem) -> CleanDocument:
    decoded = decode_bytes(item.data, item_charset(item.content_type, item.headers), html=True)
    limit = generic_settings().get("thresholds", "max_html_chars", 8_000_000)
    if len(decoded.text) > limit:
        raise ExtractionError("too_large", f"the page has {len(decoded.text)} characters, over the {limit} cap")
    try:
        fields, meta = _extract(item, decoded.text)
    except RecursionError:
        raise ExtractionError("html_too_deep", "the page is nested too deeply to parse") from None
    published = fields["published"]
    meta.update(charset=decoded.encoding, charset_source=decoded.source)
    if decoded.replaced:
        meta["charset_replaced"] = decoded.replaced
    if published and published[1]:
        meta["published_time"] = published[1]
    body = "\n\n".join(fields["paragraphs"])
    return CleanDocument(source=item.uri, uri=item.uri, text=unicodedata.normalize("NFC", body), format="html",
                         title=fields["title"] or None, published=published[0] if published else None,
                         authors=fields["authors"], meta=meta)
