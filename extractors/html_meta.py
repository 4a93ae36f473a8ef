"""Page metadata: headline, publication date and bylines, from JSON-LD, meta tags and the visible
header of the article (the lines next to the headline). Dates are read by nlp.dates.parse_page_date,
the project's one date parser."""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from urllib.parse import urlsplit

from lxml.html import HtmlElement

from extractors.html_tree import link_text_len, names_of, select, squash, text_of
from extractors.site_profiles import generic_settings
from nlp.dates import PageDate, is_date_line, parse_page_date



@dataclass
class PageMeta:
    """What the page declares about itself (read before scripts are dropped)."""

    metas: dict[str, list[str]] = field(default_factory=dict)   # lower-cased name/property → contents
    articles: list[dict] = field(default_factory=list)           # JSON-LD Article objects
    site_names: list[str] = field(default_factory=list)          # og:site_name, publisher names
    page_title: str = ""                                         # <title>, site suffix removed
    canonical: str | None = None                                 # <link rel=canonical> or og:url

    def first(self, names: list[str]) -> list[str]:
        return [v for n in names for v in self.metas.get(n.lower(), [])]


def read_page_meta(tree: HtmlElement) -> PageMeta:
    meta = PageMeta()
    for tag in tree.iter("meta"):
        key = tag.get("property") or tag.get("name") or tag.get("itemprop")
        if key and (content := squash(tag.get("content"))):
            meta.metas.setdefault(key.lower(), []).append(content)
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() == "application/ld+json":
            meta.articles.extend(_jsonld_articles(script.text or ""))
    title = tree.find(".//title")
    meta.page_title = strip_site_suffix(text_of(title)) if title is not None else ""
    links = [link.get("href") for link in tree.iter("link") if (link.get("rel") or "").lower() == "canonical"]
    meta.canonical = next((u for u in links + meta.first(["og:url"]) if u and u.startswith("http")), None)
    meta.site_names = meta.first(["og:site_name", "application-name"]) + [
        p.get("name") for a in meta.articles for p in [a.get("publisher")] if isinstance(p, dict) and p.get("name")]
    return meta


def _jsonld_articles(raw: str) -> list[dict]:
    try:
        data = json.loads(raw, strict=False)
    except ValueError:
        return []
    out, stack = [], [data]
    while stack:
        obj = stack.pop()
        if isinstance(obj, list):
            stack.extend(reversed(obj))
        elif isinstance(obj, dict):
            kinds = obj.get("@type") if isinstance(obj.get("@type"), list) else [obj.get("@type")]
            if any(isinstance(k, str) and (k.endswith("Article") or k in ("BlogPosting", "Report")) for k in kinds):
                out.append(obj)
            if "@graph" in obj:
                stack.append(obj["@graph"])
    return out


# ---------------------------------------------------------------- headline

def strip_site_suffix(title: str) -> str:
    for sep in generic_settings().get("title", "separators", []):
        if sep in title:
            head = title.rsplit(sep, 1)[0].strip()
            if len(head) >= 15:
                return head
    return title


def find_headline(tree: HtmlElement, meta: PageMeta, container: HtmlElement | None = None,
                  order: dict[HtmlElement, int] | None = None) -> tuple[str | None, HtmlElement | None]:
    """(headline, the element that prints it): a heading agreeing with og:title or the JSON-LD
    headline, else that title; without one, the <h1> or title-like element nearest before the
    article container (a logo <h1> or a box title elsewhere is not the headline)."""
    cfg = generic_settings()
    declared = meta.first(cfg.get("title", "meta_names", [])) + [
        squash(str(a["headline"])) for a in meta.articles if a.get("headline")]
    h1s = [h for h in tree.iter("h1") if len(text_of(h)) >= 10]
    for title in declared[:2]:
        key = strip_site_suffix(title).lower()[:40]
        for el in h1s + select(tree, cfg.get("title", "match_selectors", []))[:150]:
            text = text_of(el)
            if len(text) < 300 and text.lower().startswith(key):
                return text, el
    structural = _structural_headline(tree, meta, h1s, container, order)
    if declared:
        title = strip_site_suffix(declared[0])
        if structural is not None and _shared_words(text_of(structural), title) >= 0.5:
            return text_of(structural), structural       # the page prints a reworded headline
        return title, None
    if structural is not None:
        return text_of(structural), structural
    return meta.page_title or None, None


def _is_logo(el: HtmlElement) -> bool:
    """A heading that is the site's logo: named so, or a link to the site's home page."""
    if "logo" in names_of(el) or any("logo" in names_of(a) for a in el.iterancestors()):
        return True
    hrefs = [(a.get("href") or "").strip() for a in el.iter("a")]
    return any(h in ("/", "./", "#") or (h.count("/") == 3 and h.endswith("/")) or h.count("/") == 2
               and h.startswith("http") for h in hrefs)


def _shared_words(a: str, b: str) -> float:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return len(wa & wb) / max(1, min(len(wa), len(wb)))


def _structural_headline(tree: HtmlElement, meta: PageMeta, h1s: list[HtmlElement], container: HtmlElement | None,
                         order: dict[HtmlElement, int] | None) -> HtmlElement | None:
    """The printed headline when the page declares none that matches: the one agreeing with
    <title>, else the <h1> nearest before the article container, else the nearest title-like
    element (not a lead), else the first candidate."""
    cfg = generic_settings()
    lead_hints = cfg.get("title", "not_title_hints", [])
    h1s = [h for h in h1s if len(text_of(h)) <= 300 and not _is_logo(h)]
    others = [el for el in select(tree, cfg.get("title", "selectors", []))
              if 15 <= len(text_of(el)) <= 300 and link_text_len(el) < 0.5 * len(text_of(el))
              and not any(h in names_of(el) for h in lead_hints)]
    key = meta.page_title.lower()[:40]
    if len(key) >= 15:
        for el in h1s + others:
            if text_of(el).lower().startswith(key):
                return el
    pos = order.get(container, 0) if container is not None and order else None
    for group in (h1s, others):
        before = [el for el in group if pos is not None and order.get(el, 0) < pos]
        if before:
            return max(before, key=lambda el: order.get(el, 0))
    return (h1s + others)[0] if h1s + others else None


# ---------------------------------------------------------------- dates

def element_date(el: HtmlElement) -> PageDate | None:
    for attr in ("datetime", "content", "data-time", "title"):
        if el.get(attr) and (got := parse_page_date(el.get(attr))):
            return got
    return parse_page_date(text_of(el))


def declared_date(tree: HtmlElement, meta: PageMeta) -> PageDate | None:
    """The machine-readable publication date: JSON-LD datePublished, meta tags, itemprop."""
    for art in meta.articles:
        if got := parse_page_date(str(art.get("datePublished") or "")):
            return got
    for value in meta.first(generic_settings().get("date", "meta_names", [])):
        if got := parse_page_date(value):
            return got
    for el in tree.xpath("//*[@itemprop='datePublished']"):
        if got := element_date(el):
            return got
    return None


def _date_line(text: str) -> PageDate | None:
    """The date of a short header line that is mostly a date stamp ("Thứ Bảy, 07/03/2026 08:01
    (GMT+7)", "Nguyên Minh - 07/03/2026 08:47", "Cập nhật: 07-03-2026 - 00:01 AM"): the same test of
    a date line as the body filter's (nlp.dates.is_date_line)."""
    return parse_page_date(text) if is_date_line(text) else None


def date_after(headline: HtmlElement | None, window: int, stop: HtmlElement | None = None) -> PageDate | None:
    """The first date line after the headline, within `window` characters of text and before the
    article body `stop` (the article's own header line)."""
    return _first_date(_texts_after(headline, stop), window) if headline is not None else None


def date_before(headline: HtmlElement | None, window: int) -> PageDate | None:
    """The nearest date line shortly before the headline (old layouts print it above the title)."""
    return _first_date(_texts_before(headline), window) if headline is not None else None


def region_date(region: list[HtmlElement], selectors: list[str]) -> PageDate | None:
    """A date line in a date-like element of the article region (`date.selectors`), wherever it is
    printed (some layouts put it under the body)."""
    avoid = generic_settings().get("author", "avoid_hints", [])
    for root in region:
        for el in select(root, selectors):
            if any(any(a in names_of(anc) for a in avoid) for anc in el.iterancestors()):
                continue
            if (got := element_date(el)) and len(text_of(el)) <= 100:
                return got
    return None


def _first_date(texts, window: int) -> PageDate | None:
    seen = 0
    for text in texts:
        if got := _date_line(text):
            return got
        seen += len(text)
        if seen > window:
            return None
    return None


def _texts_after(el: HtmlElement, stop: HtmlElement | None = None):
    """Text pieces after `el` (its tail, then following elements' text and tails) in document order,
    up to the element `stop`."""
    if el.tail and el.tail.strip():
        yield squash(el.tail)
    for node in _following(el):
        if node is stop:
            return
        if isinstance(node.tag, str):
            if node.tag == "time" and node.get("datetime"):
                yield node.get("datetime")
            if node.text and node.text.strip():
                yield squash(node.text)
        if node.tail and node.tail.strip():
            yield squash(node.tail)


def _following(el: HtmlElement):
    """Elements after `el`'s subtree, in document order."""
    while el is not None:
        for sib in el.itersiblings():
            yield sib
            yield from sib.iterdescendants()
        el = el.getparent()


def _texts_before(el: HtmlElement):
    """Text pieces before `el`, nearest first."""
    node = el
    while node is not None:
        prev = node.getprevious()
        while prev is not None:
            if prev.tail and prev.tail.strip():
                yield squash(prev.tail)
            for sub in reversed(list(prev.iter())):
                if sub is not prev and sub.tail and sub.tail.strip():
                    yield squash(sub.tail)
                if isinstance(sub.tag, str) and sub.text and sub.text.strip():
                    yield squash(sub.text)
            prev = prev.getprevious()
        node = node.getparent()
        if node is not None and node.text and node.text.strip():
            yield squash(node.text)


# ---------------------------------------------------------------- bylines

def _fold(s: str) -> str:
    s = unicodedata.normalize("NFD", s.lower().replace("đ", "d"))
    return re.sub(r"[^a-z0-9]", "", "".join(c for c in s if not unicodedata.combining(c)))


@lru_cache(maxsize=1)
def _media_keys() -> frozenset[str]:
    return frozenset(_fold(n) for n in generic_settings().get("author", "media_names", []))


def site_keys(url: str | None, meta: PageMeta) -> set[str]:
    """Folded forms of the site's own names (host labels, og:site_name, publisher)."""
    keys = {_fold(n) for n in meta.site_names if n}
    host = (urlsplit(url).hostname or "") if url and "://" in url else ""
    keys |= {_fold(label) for label in host.split(".") if len(label) >= 4 and label not in ("www", "com", "gov", "org")}
    return {k for k in keys if len(k) >= 3}


def clean_author(text: str | None, site: set[str] | frozenset[str] = frozenset()) -> str | None:
    """A byline as printed, without "Theo", "Bài và ảnh:", "(tổng hợp)", "/TTXVN"; None for photo
    credits, site or agency names and anything that is not a name."""
    cfg = generic_settings()
    s = squash(text)
    if not s or re.match(r"^(ảnh|photo|video|đồ họa|đồ hoạ|clip|nguồn ảnh)\b", s, re.I):
        return None
    lowered = s.lower()
    for p in sorted(cfg.get("author", "prefixes", []), key=len, reverse=True):
        if lowered.startswith(p):
            s = s[len(p):].lstrip(" :,-–")
            break
    s = re.sub(r"\s*[(\[][^)\]]*[)\]]\s*$", "", s)          # "(tổng hợp)", "(TTXVN)"
    s = re.sub(r"\s*/\s*[A-Za-zĐđ.+ ]{2,12}$", "", s)         # "Minh Anh/VGP"
    s = s.strip(" .-–,:")
    words = s.split()
    folded = _fold(s)
    if (not s or any(ch.isdigit() for ch in s) or "@" in s or "http" in s.lower()
            or len(s) > cfg.get("thresholds", "max_author_chars", 60)
            or len(words) > cfg.get("thresholds", "max_author_words", 6)
            or s.lower() in cfg.get("author", "reject", [])
            or re.search(r"\w\.(vn|com|net|org|gov)\b", s, re.I)
            or not all(w[0].isupper() for w in words if w[0].isalpha())
            or (len(words) == 1 and "." not in s)      # "TTXVN", "VnExpress": agencies and sites, not bylines
            or s.lower().startswith(tuple(cfg.get("author", "reject_prefixes", [])))
            or folded in _media_keys()
            or any(k in folded or folded == k or (folded in k and len(folded) >= 6) for k in site)):
        return None
    return s


def split_authors(text: str | None, site: set[str] | frozenset[str] = frozenset()) -> list[str]:
    out: list[str] = []
    for part in re.split(r"\s*(?:,|;| - | – | và | & )\s*", squash(text)):
        if (name := clean_author(part, site)) and name.lower() not in (n.lower() for n in out):
            out.append(name)
    return out


def _is_author_hinted(el: HtmlElement, hints: list[str], link_hints: list[str]) -> bool:
    if el.get("rel") == "author" or el.get("data-role") == "author" or el.get("itemprop") == "author":
        return True
    if el.tag == "a" and any(h in (el.get("href") or "") for h in link_hints):
        return True
    names = names_of(el)
    return any(h in names for h in hints)


def visible_authors(region: list[HtmlElement], site: set[str], start: int = -1,
                    order: dict[HtmlElement, int] | None = None) -> list[str]:
    """Names printed in byline elements (class or id with "author"/"byline"..., itemprop or
    data-role author, links to an author page), innermost first, in page order; those after the
    headline (document position `start`) first."""
    after = _authors_in(region, site, lambda el: (order or {}).get(el, 0) > start)
    return after or (_authors_in(region, site, lambda el: True) if start >= 0 else [])


def _authors_in(region: list[HtmlElement], site: set[str], where) -> list[str]:
    """Names from the first byline block in `region`: hinted elements near the first one that names someone."""
    cfg = generic_settings()
    hints = cfg.get("author", "class_hints", [])
    link_hints = cfg.get("author", "link_hints", [])
    avoid = cfg.get("author", "avoid_hints", [])
    span = cfg.get("thresholds", "byline_block_elements", 80)
    out: list[str] = []
    first = None
    for root in region:
        for pos, el in enumerate(root.iter()):
            if first is not None and pos > first + span:
                return out
            if not isinstance(el.tag, str) or not _is_author_hinted(el, hints, link_hints) or not where(el):
                continue
            if any(any(a in names_of(anc) for a in avoid) for anc in el.iterancestors()):
                continue
            if any(isinstance(d.tag, str) and _is_author_hinted(d, hints, link_hints) for d in el.iterdescendants()):
                continue                     # the innermost hinted element prints the name
            for text in (text_of(el), el.get("title") or ""):
                names = split_authors(text, site)
                for name in names:
                    if name.lower() not in (n.lower() for n in out):
                        out.append(name)
                if names:
                    first = pos if first is None else first
                    break
    return out


def _is_organization(author) -> bool:
    return isinstance(author, dict) and author.get("@type") in ("Organization", "NewsMediaOrganization")


def declared_authors(meta: PageMeta, site: set[str]) -> list[str]:
    """Authors from JSON-LD and meta tags, without the site's own name."""
    for art in meta.articles:
        auth = art.get("author")
        items = auth if isinstance(auth, list) else [auth]
        names = [n for a in items if isinstance(a, (dict, str)) and not _is_organization(a)
                 for n in split_authors(a.get("name") if isinstance(a, dict) else a, site)]
        if names:
            return names
    for value in meta.first(generic_settings().get("author", "meta_names", [])):
        if names := split_authors(value.replace(";", ", "), site):
            return names
    return []
