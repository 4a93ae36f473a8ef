"""Page metadata from HTML: headline, publication date, bylines (meta tags, JSON-LD, visible lines)."""
from __future__ import annotations

import json
import re

from bs4 import BeautifulSoup, Tag

from extractors.site_profiles import generic_settings
from nlp.dates import parse_page_date  # the project's one date parser

def squash(text: str | None) -> str:
    return re.sub(r"\s+", " ", text or "").strip()


def meta_values(soup: BeautifulSoup, names: list[str]) -> list[str]:
    """content= of <meta name|property|itemprop=...> for each name, in the order of `names`."""
    wanted = {n.lower(): i for i, n in enumerate(names)}
    found: list[tuple[int, str]] = []
    for tag in soup.find_all("meta"):
        for attr in ("property", "name", "itemprop"):
            key = (tag.get(attr) or "")
            if isinstance(key, list):
                key = " ".join(key)
            if key.lower() in wanted and tag.get("content"):
                found.append((wanted[key.lower()], squash(tag["content"])))
                break
    return [v for _, v in sorted(found, key=lambda p: p[0])]


def jsonld_articles(soup: BeautifulSoup) -> list[dict]:
    """Article/NewsArticle objects from JSON-LD scripts (also inside @graph and lists)."""
    out: list[dict] = []
    for script in soup.find_all("script", type="application/ld+json"):
        try:
            data = json.loads(script.string or "")
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            obj = stack.pop()
            if isinstance(obj, list):
                stack.extend(obj)
            elif isinstance(obj, dict):
                kind = obj.get("@type")
                kinds = kind if isinstance(kind, list) else [kind]
                if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                    out.append(obj)
                if "@graph" in obj:
                    stack.append(obj["@graph"])
    return out


def element_date(el: Tag) -> tuple[str, str | None] | None:
    for attr in ("datetime", "content", "data-time", "title"):
        if el.get(attr) and (got := parse_page_date(str(el[attr]))):
            return got
    return parse_page_date(squash(el.get_text(" ")))


def visible_date_after(anchor: Tag, window: int) -> tuple[str, str | None] | None:
    """The first date in the text that follows `anchor` (the headline), within `window` characters."""
    seen = 0
    for node in anchor.next_elements:
        if isinstance(node, Tag):
            if node.name in ("time",) and (got := element_date(node)):
                return got
            continue
        text = squash(str(node))
        if not text or node.parent is not None and node.parent.name in ("script", "style"):
            continue
        if len(text) <= 100 and (got := parse_page_date(text)):    # a meta line, not a date inside a paragraph
            return got
        seen += len(text)
        if seen > window:
            return None
    return None


def find_published(soup: BeautifulSoup, headline: Tag | None = None) -> tuple[str, str | None] | None:
    """Publication date: meta tags, JSON-LD datePublished, itemprop/time elements, a date line under the headline."""
    cfg = generic_settings()
    for value in meta_values(soup, cfg.get("date", "meta_names", [])):
        if got := parse_page_date(value):
            return got
    for art in jsonld_articles(soup):
        if got := parse_page_date(str(art.get("datePublished") or "")):
            return got
    for el in soup.select("[itemprop=datePublished]"):
        if got := element_date(el):
            return got
    if headline is not None:
        if got := visible_date_after(headline, cfg.get("thresholds", "date_window_chars", 800)):
            return got
    for sel in cfg.get("date", "selectors", []):
        for el in soup.select(sel)[:3]:
            if got := element_date(el):
                return got
    return None


def clean_author(text: str | None) -> str | None:
    """A byline as printed, without "Theo", "Bài và ảnh:", agency tails; None for photo credits or site names."""
    cfg = generic_settings()
    s = squash(text)
    if not s or re.match(r"^(ảnh|photo|video|đồ họa|clip)\b", s, re.I):
        return None
    lowered = s.lower()
    for p in sorted(cfg.get("author", "prefixes", []), key=len, reverse=True):
        if lowered.startswith(p):
            s = s[len(p):].lstrip(" :,-")
            break
    s = re.sub(r"\s*[(\[][^)\]]*[)\]]\s*$", "", s)          # "(TTXVN)"
    s = re.sub(r"\s*/\s*[A-Za-zĐđ.+ ]{2,12}$", "", s)         # "Minh Anh/VGP"
    s = s.strip(" .-–,:")
    words = s.split()
    if (not s or any(ch.isdigit() for ch in s) or "@" in s or "http" in s.lower()
            or len(s) > cfg.get("thresholds", "max_author_chars", 60)
            or len(words) > cfg.get("thresholds", "max_author_words", 6)
            or s.lower() in cfg.get("author", "reject", []) or re.search(r"\w\.(vn|com|net|org|gov)\b", s, re.I)
            or not all(w[0].isupper() for w in words if w[0].isalpha())):
        return None
    return s


def split_authors(text: str | None) -> list[str]:
    out: list[str] = []
    for part in re.split(r"\s*(?:,|;| - | và | & )\s*", squash(text)):
        if (name := clean_author(part)) and name not in out:
            out.append(name)
    return out


def find_authors(soup: BeautifulSoup) -> list[str]:
    """Bylines from meta author, JSON-LD author, then byline elements."""
    cfg = generic_settings()
    for value in meta_values(soup, cfg.get("author", "meta_names", [])):
        if names := split_authors(value):
            return names
    for art in jsonld_articles(soup):
        auth = art.get("author")
        items = auth if isinstance(auth, list) else [auth]
        names = [n for a in items for n in split_authors(a.get("name") if isinstance(a, dict) else a)
                 if isinstance(a, (dict, str))]
        if names:
            return names
    for sel in cfg.get("author", "selectors", []):
        for el in soup.select(sel)[:2]:
            if names := split_authors(el.get_text(" ")):
                return names
    return []


def strip_site_suffix(title: str) -> str:
    for sep in generic_settings().get("title", "separators", []):
        if sep in title:
            head = title.rsplit(sep, 1)[0].strip()
            if len(head) >= 15:
                return head
    return title


def find_headline(soup: BeautifulSoup) -> tuple[str | None, Tag | None]:
    """(headline, the element that prints it): an <h1> agreeing with og:title, else og:title, else a long <h1>."""
    metas = meta_values(soup, generic_settings().get("title", "meta_names", []))
    meta_title = strip_site_suffix(metas[0]) if metas else None
    h1s = [h for h in soup.find_all("h1") if len(squash(h.get_text(" "))) >= 10]
    if meta_title:
        key = meta_title.lower()[:40]
        for h in h1s + soup.find_all("h2", limit=50) + soup.select("[class*=title]", limit=50):
            text = squash(h.get_text(" "))
            if len(text) < 300 and text.lower().startswith(key):
                return text, h
        return meta_title, None
    if h1s:
        return squash(h1s[0].get_text(" ")), h1s[0]
    for sel in generic_settings().get("title", "selectors", []):
        for el in soup.select(sel, limit=5):
            text = squash(el.get_text(" "))
            if 15 <= len(text) <= 300:
                return text, el
    arts = jsonld_articles(soup)
    if arts and arts[0].get("headline"):
        return squash(str(arts[0]["headline"])), None
    if soup.title and soup.title.string:
        return strip_site_suffix(squash(soup.title.string)) or None, None
    return None, None
