"""Candidate document URLs of a source: feeds, sitemaps (and indexes), paginated
listings, URL files and folders. Results are canonical, filtered by the source's
include/exclude rules and hosts, deduplicated, and robots-allowed."""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urljoin, urlsplit

import lxml.html

from flows.canonical import canonical_url
from flows.crawl_rules import rules
from flows.feeds import FeedError, feed_links, parse_sitemap, xml_root_name
from flows.fetch import Fetcher
from flows.sources import Source
from flows.urlsafety import host_allowed

log = logging.getLogger(__name__)
MAX_CHILD_SITEMAPS = 200


class DiscoveryError(Exception):
    """The source's entry point could not be read. reason: a fetch error_reason or a FeedError reason."""

    def __init__(self, reason: str, message: str):
        super().__init__(f"{reason}: {message}")
        self.reason, self.message = reason, message


@dataclass
class Discovery:
    """What a source offers this run. `refused`: (url or path, reason, message) of candidates
    that must not be requested or read (robots.txt, a private address, a link out of the input
    folder...), reported as quarantine; `filtered`: how many the source's own include/exclude
    rules or hosts left out (a counted note)."""
    urls: list[str] = field(default_factory=list)
    refused: list[tuple[str, str, str]] = field(default_factory=list)
    filtered: int = 0
    folders: list[str] = field(default_factory=list)   # a folder source: the folders listed


def discover(source: Source, fetcher: Fetcher, follow_symlinks: bool = False) -> Discovery:
    """Candidate URLs (or file paths for a folder source), first-seen order."""
    if source.kind == "folder":
        from extractors.read import scan_inputs
        if not os.path.isdir(source.url):
            raise DiscoveryError("not_found", f"folder {source.url} does not exist")
        scan = scan_inputs([source.url], follow_symlinks)
        files = [p for p in scan.files if source.matches(p)]
        return Discovery(files, [(r.path, r.reason, r.message) for r in scan.refused], len(scan.files) - len(files),
                         scan.folders)
    if source.kind == "urls":
        raw = _url_list(source)
    elif source.kind == "listing":
        raw = _listing(source, fetcher)
    else:
        raw = _xml_source(source, fetcher)
    return _finish(raw, source, fetcher)


def _finish(raw: list[str], source: Source, fetcher: Fetcher) -> Discovery:
    hosts = source.allowed_hosts
    out = Discovery()
    seen: set[str] = set()
    for u in raw:
        c = canonical_url(u)
        if c in seen:
            continue
        seen.add(c)
        if not source.matches(c) or not host_allowed(c, hosts):
            out.filtered += 1
            continue
        refused = fetcher.refusal(c, hosts)
        if refused:
            out.refused.append((c, *refused))
            continue
        out.urls.append(c)
    return out


def _fetch_bytes(fetcher: Fetcher, url: str, source: Source) -> tuple[bytes, str]:
    res = fetcher.fetch(url, allowed_hosts=source.allowed_hosts, source_name=source.name)
    if res.item is None:
        raise DiscoveryError(res.error_reason or "fetch_failed", res.error_message or f"could not fetch {url}")
    return res.item.data, res.final_url


def _url_list(source: Source) -> list[str]:
    urls = list(source.urls)
    if source.url:
        with open(source.url, encoding="utf-8") as f:
            urls += [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    return urls


def _xml_source(source: Source, fetcher: Fetcher) -> list[str]:
    data, final = _fetch_bytes(fetcher, source.url, source)
    try:
        if xml_root_name(data) in ("urlset", "sitemapindex"):
            return _sitemap_urls(data, final, source, fetcher, depth=0)
        return feed_links(data, final)
    except FeedError as e:
        raise DiscoveryError(e.reason, f"{source.url}: {e.message}") from None


def _sitemap_urls(data: bytes, base: str, source: Source, fetcher: Fetcher, depth: int) -> list[str]:
    sm = parse_sitemap(data, base)
    if sm.kind == "urlset":
        return sm.locs
    out: list[str] = []
    for child in sm.locs[:MAX_CHILD_SITEMAPS]:
        if depth >= 2 or not host_allowed(child, source.allowed_hosts):
            continue
        try:
            cdata, cfinal = _fetch_bytes(fetcher, child, source)
            out += _sitemap_urls(cdata, cfinal, source, fetcher, depth + 1)
        except (DiscoveryError, FeedError) as e:   # one broken child does not hide the others
            log.warning("sitemap %s skipped: %s", child, e)
    return out


# -- listing pages ---------------------------------------------------------------------
def _links(doc) -> list[tuple[str, str, str]]:
    """(href, rel, normalized text) of every <a href> and <link href>."""
    out = []
    for el in doc.iter("a", "link"):
        href = el.get("href")
        if href and not href.startswith(("javascript:", "mailto:", "tel:", "#")):
            text = " ".join((el.text_content() if el.tag == "a" else "").split()).lower()
            out.append((href.strip(), (el.get("rel") or "").lower(), text))
    return out


def _page_number(url: str) -> int | None:
    r = rules()
    p = urlsplit(url)
    for k, v in parse_qsl(p.query):
        if k.lower() in r.page_params and v.isdigit():
            return int(v)
    for pat in r.page_path_patterns:
        m = pat.search(p.path)
        if m:
            return int(m.group(1))
    return None


def next_page(html: bytes | str, page_url: str) -> str | None:
    """The next listing page: rel=next, a "Trang sau"-like link, or a link numbered N+1."""
    doc = _parse_html(html, page_url)
    if doc is None:
        return None
    links = _links(doc)
    for href, rel, _ in links:
        if "next" in rel.split():
            return urljoin(page_url, href)
    texts = rules().next_texts
    for href, _, text in links:
        if text in texts or text.strip(" »›>.:") in texts:
            return urljoin(page_url, href)
    want = (_page_number(page_url) or 1) + 1
    for href, _, _ in links:
        absu = urljoin(page_url, href)
        if _page_number(absu) == want and urlsplit(absu).path.split("/")[1:2] == urlsplit(page_url).path.split("/")[1:2]:
            return absu
    return None


def _looks_like_article(url: str) -> bool:
    path = urlsplit(url).path
    return any(p.search(path) for p in rules().article_path_patterns)


def listing_links(html: bytes | str, page_url: str, source: Source) -> list[str]:
    """Article links on one listing page (same hosts; `include` or the article heuristic)."""
    doc = _parse_html(html, page_url)
    if doc is None:
        return []
    out = []
    for href, rel, _ in _links(doc):
        if rel and rel.split()[0] in ("stylesheet", "icon", "canonical", "alternate", "next", "prev"):
            continue
        u = urljoin(page_url, href)
        if not host_allowed(u, source.allowed_hosts) or _page_number(u) is not None:
            continue
        if canonical_url(u) == canonical_url(page_url):
            continue
        if source.include or _looks_like_article(u):
            out.append(u)
    return out


def _listing(source: Source, fetcher: Fetcher) -> list[str]:
    out: list[str] = []
    url: str | None = source.url
    visited: set[str] = set()
    for _ in range(source.max_pages):
        if url is None or canonical_url(url) in visited:
            break
        visited.add(canonical_url(url))
        try:
            data, final = _fetch_bytes(fetcher, url, source)
        except DiscoveryError:
            if not out:
                raise
            log.warning("listing page %s could not be fetched; stopping pagination", url)
            break
        out += listing_links(data, final, source)
        nxt = next_page(data, final)
        url = nxt if nxt and host_allowed(nxt, source.allowed_hosts) else None
    return out


# -- plan documents linked from a page -------------------------------------------------
def _parse_html(html: bytes | str, base_url: str):
    if not html or (isinstance(html, bytes) and not html.strip()):
        return None
    try:
        return lxml.html.fromstring(html, base_url=base_url)
    except (ValueError, lxml.etree.ParserError):
        return None


def document_links(html: bytes | str, base_url: str) -> list[str]:
    """Canonical URLs of .pdf/.docx/.doc files linked from a page, in page order."""
    doc = _parse_html(html, base_url)
    if doc is None:
        return []
    suffixes = rules().document_suffixes
    out, seen = [], set()
    for href, _, _ in _links(doc):
        u = urljoin(base_url, href)
        p = urlsplit(u)
        if p.scheme not in ("http", "https"):
            continue
        tail = [p.path.lower()] + [v.lower() for _, v in parse_qsl(p.query)]
        if any(t.endswith(suffixes) for t in tail):
            c = canonical_url(u)
            if c not in seen:
                seen.add(c)
                out.append(c)
    return out
