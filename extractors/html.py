"""HTML pages to clean documents: a cascade that never returns less than its best part.

Metadata (headline, date, bylines, lead) is read from the page before anything is pruned: the site
profile's selectors where one matches, else JSON-LD/meta tags and the visible article header. The
body is chosen by evidence among the profile's body, trafilatura's main text and the densest prose
container of the page (see docs/pages.md); the lead is put first and closing byline/source lines
are taken off the end."""
from __future__ import annotations

import copy
import datetime as dt
import unicodedata
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from extractors.charset import decode_bytes, item_charset
from extractors.html_body import (ArticleContainer, setting, article_container, byline_styled, container_paragraphs,
                                  extend_tail, filter_paragraphs, find_lead, not_article_texts, prune_furniture,
                                  split_closing_lines, trafilatura_paragraphs, unwrap_layout_tables, with_lead)
from extractors.html_meta import (PageMeta, date_after, date_before, declared_authors, declared_date, element_date,
                                  find_headline, read_page_meta, region_date, site_keys, split_authors,
                                  visible_authors)
from extractors.html_tree import (blocks, doc_order, drop_non_text, parse_page, prune_selectors, select, select_one,
                                  text_of)
from extractors.site_profiles import ProfileVersion, SiteProfile, profile_for
from extractors.types import CleanDocument, ExtractionError, RawItem


@dataclass
class Article:
    """What the parser found on one page."""

    title: str | None = None
    published: tuple[str, str | None] | None = None
    authors: list[str] = field(default_factory=list)
    paragraphs: list[str] = field(default_factory=list)
    extractor: str = ""
    profile: str | None = None
    profile_version: str | None = None


@dataclass
class ProfileFields:
    """What one profile version's selectors read from a page."""

    version: str
    title: str | None
    published: tuple[str, str | None] | None
    authors: list[str]
    lead: str | None
    paragraphs: list[str]


def _prose(paras: list[str]) -> int:
    return sum(len(p) for p in paras if len(p) >= setting("thresholds", "min_paragraph_chars", 25))


def apply_version(tree: HtmlElement, version: ProfileVersion, site: set[str]) -> ProfileFields | None:
    """Fields of a page by one profile version (on a copy of the tree); None when its body selector
    matches nothing with text."""
    tree = copy.deepcopy(tree)
    body = select_one(tree, version.body)
    if body is None:
        return None
    title_el = select_one(tree, version.title)
    date_el = select_one(tree, version.date)
    author_els = select(tree, version.author) if version.author else []
    lead_el = select_one(tree, version.lead)
    lead = text_of(lead_el) if lead_el is not None else None
    authors: list[str] = []
    for el in author_els[:3]:
        authors += [n for n in split_authors(text_of(el), site) if n not in authors]
    prune_selectors(body, list(version.prune) + list(version.lead) + setting("noise", "selectors", []))
    skip: set[HtmlElement] = set()
    if not setting("text", "include_captions", True):
        skip = set(select(body, version.captions))
    title = text_of(title_el) if title_el is not None else None
    paras = filter_paragraphs(blocks(body, skip), title)
    if not paras:
        return None
    return ProfileFields(version.name, title, element_date(date_el) if date_el is not None else None,
                         authors, lead, paras)


def by_profile(tree: HtmlElement, profile: SiteProfile, when: dt.date | None, site: set[str]) -> ProfileFields | None:
    for version in profile.versions_for(when):
        if (got := apply_version(tree, version, site)) is not None:
            return got
    return None


def choose_body(candidates: dict[str, list[str]]) -> tuple[str, list[str]]:
    """The body with the best evidence: the profile's when it holds at least half of trafilatura's
    prose; trafilatura's when it has enough text, unless the densest container holds far more prose
    that includes it (trafilatura cut the article short); else the longest."""
    min_body = setting("thresholds", "min_body_chars", 250)
    size = {name: _prose(paras) for name, paras in candidates.items()}
    traf, cont, prof = size.get("trafilatura", 0), size.get("container", 0), size.get("profile", 0)
    if prof > 0 and prof >= min(min_body, traf) and prof >= 0.5 * traf:
        return "profile", candidates["profile"]
    if traf >= min_body:
        if cont > 2 * traf + 500 and _covers(candidates["container"], candidates["trafilatura"]):
            return "container", candidates["container"]
        return "trafilatura", candidates["trafilatura"]
    best = max(candidates, key=lambda n: (size[n], sum(map(len, candidates[n]))), default=None)
    return (best, candidates[best]) if best else ("none", [])


def _covers(outer: list[str], inner: list[str]) -> bool:
    """Does `outer` contain most of `inner`'s paragraphs?"""
    text = "\n".join(outer)
    long = [p for p in inner if len(p) >= 40]
    return bool(long) and sum(p[:40] in text for p in long) >= 0.7 * len(long)


@dataclass
class Page:
    """A parsed page and the landmarks every later step reads."""

    tree: HtmlElement
    meta: PageMeta
    url: str | None
    site: set[str]                          # folded forms of the site's own names
    order: dict[HtmlElement, int]
    article: ArticleContainer | None
    headline: str | None
    headline_el: HtmlElement | None

    @property
    def container(self) -> HtmlElement | None:
        return self.article.element if self.article is not None else None

    @property
    def region(self) -> list[HtmlElement]:
        """The article's part of the page: the smallest element holding headline and container."""
        if self.headline_el is not None and self.container is not None:
            return [_common_ancestor(self.headline_el, self.container)]
        parent = self.container.getparent() if self.container is not None else None
        return [parent if parent is not None else self.tree]

    def names(self, line: str) -> list[str]:
        return split_authors(line, self.site)


def read_page(text: str, url: str | None) -> Page:
    tree = parse_page(text)
    meta = read_page_meta(tree)
    url = url or meta.canonical                 # a saved page still names its address
    drop_non_text(tree)
    order = doc_order(tree)
    article = article_container(tree)
    headline, headline_el = find_headline(tree, meta, article.element if article else None, order)
    return Page(tree, meta, url, site_keys(url, meta), order, article, headline, headline_el)


def page_date(page: Page) -> tuple[str, str | None] | None:
    """The date line under the headline, the declared date, a date line above the headline."""
    shown = date_after(page.headline_el, setting("thresholds", "date_window_chars", 800), stop=page.container)
    declared = declared_date(page.tree, page.meta)
    return _pick_date(shown, declared) or date_before(page.headline_el, setting("thresholds", "date_before_chars", 300))


def page_body(page: Page, prof: ProfileFields | None, lead: str | None) -> tuple[str, list[str], list[str]]:
    """(which part gave it, the body paragraphs, names of a closing byline taken off its end)."""
    styled = byline_styled(page.container)
    not_text = not_article_texts(page.tree)
    prune_furniture(page.tree, setting("noise", "selectors", []) + setting("noise", "layout_selectors", []),
                    keep=page.container)
    unwrap_layout_tables(page.tree)
    candidates = {"trafilatura": filter_paragraphs(trafilatura_paragraphs(page.tree, page.url), page.headline,
                                                    not_text)}
    if page.article is not None:
        candidates["container"] = container_paragraphs(page.article, page.headline, not_text)
    if prof is not None:
        candidates["profile"] = prof.paragraphs
    extractor, paras = choose_body(candidates)
    if extractor == "trafilatura" and "container" in candidates:
        extended = extend_tail(paras, candidates["container"], not_text)
        extractor, paras = ("trafilatura+container" if len(extended) > len(paras) else extractor), extended
    paras, closing = split_closing_lines(with_lead(paras, lead), styled, page.names)
    if not paras and lead:
        paras, extractor = [lead], "lead"
    if not closing and "container" in candidates:      # the chosen part may have left the byline out
        closing = split_closing_lines(candidates["container"], styled, page.names)[1]
    return extractor, paras, closing


def parse_article(text: str, url: str | None, profile_name: str | None = None,
                  when: dt.date | None = None) -> Article:
    page = read_page(text, url)
    profile = profile_for(profile_name, page.url)
    prof = by_profile(page.tree, profile, when, page.site) if profile is not None else None
    published = (prof and prof.published) or page_date(page)
    authors = (prof and prof.authors) or visible_authors(page.region, page.site, order=page.order,
                                                         start=page.order.get(page.headline_el, -1))
    description = (page.meta.first(["og:description", "description"]) or [None])[0]
    lead = (prof and prof.lead) or find_lead(page.tree, page.headline_el, setting("lead", "selectors", []), page.order,
                                             description, page.container)
    extractor, paras, closing = page_body(page, prof, lead)     # prunes the tree: metadata first
    published = published or region_date(page.region, setting("date", "selectors", [])) or _htmldate(text, page.url)
    return Article(title=(prof and prof.title) or page.headline, published=published,
                   authors=authors or closing or declared_authors(page.meta, page.site), paragraphs=paras,
                   extractor=extractor, profile=profile.name if prof else None,
                   profile_version=prof.version if prof else None)


def _pick_date(shown, declared):
    """The date line printed under the headline (the gold is the date the page shows), else the
    declared one; when both give the same day the one with a time wins."""
    if shown and declared and shown[0] == declared[0]:
        return declared if declared[1] else shown
    return shown or declared


def _common_ancestor(a: HtmlElement, b: HtmlElement) -> HtmlElement:
    ancestors = {*a.iterancestors(), a}
    for x in [b, *b.iterancestors()]:
        if x in ancestors:
            return x
    return b.getroottree().getroot()


def _htmldate(text: str, url: str | None) -> tuple[str, str | None] | None:
    """htmldate's reading of the publication date, as the last resort."""
    try:
        from htmldate import find_date
        found = find_date(text, original_date=True, extensive_search=False, url=url)
    except Exception:
        return None
    return (found, None) if found else None


def _when(item: RawItem) -> dt.date | None:
    try:
        return dt.date.fromisoformat(item.fetched_at[:10]) if item.fetched_at else None
    except ValueError:
        return None


def read_html(item: RawItem) -> CleanDocument:
    decoded = decode_bytes(item.data, item_charset(item.content_type, item.headers), html=True)
    limit = setting("thresholds", "max_html_chars", 8_000_000)
    if len(decoded.text) > limit:
        raise ExtractionError("too_large", f"the page has {len(decoded.text)} characters, over the {limit} cap")
    url = item.canonical_url or (item.uri if "://" in item.uri else None)
    try:
        art = parse_article(decoded.text, url, item.profile, _when(item))
    except RecursionError:
        raise ExtractionError("html_too_deep", "the page is nested too deeply to parse") from None
    meta: dict = {"extractor": art.extractor, "charset": decoded.encoding, "charset_source": decoded.source}
    if art.profile:
        meta.update(profile=art.profile, profile_version=art.profile_version)
    if decoded.replaced:
        meta["charset_replaced"] = decoded.replaced
    if art.published and art.published[1]:
        meta["published_time"] = art.published[1]
    body = "\n\n".join(unicodedata.normalize("NFC", p) for p in art.paragraphs)
    nfc = (lambda s: unicodedata.normalize("NFC", s) if s else s)
    return CleanDocument(source=item.uri, uri=item.uri, text=body, format="html", title=nfc(art.title) or None,
                         published=art.published[0] if art.published else None,
                         authors=[nfc(a) for a in art.authors], meta=meta)
