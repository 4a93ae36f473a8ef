"""RSS / Atom / RDF feeds and XML sitemaps to URLs. Parsed with defusedxml: entity
declarations (billion laughs, external entities) are refused, never expanded."""
from __future__ import annotations

import gzip
import io
import re
import zlib
from dataclasses import dataclass
from urllib.parse import urljoin

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as DET
from xml.etree.ElementTree import Element, ParseError

MAX_SITEMAP_BYTES = 50_000_000   # the sitemap protocol's own limit, uncompressed


class FeedError(Exception):
    """reason: "xml_unsafe" (entities/DTD refused), "xml_invalid", "not_a_feed", "too_large"."""

    def __init__(self, reason: str, message: str):
        super().__init__(f"{reason}: {message}")
        self.reason, self.message = reason, message


@dataclass
class Sitemap:
    kind: str               # "urlset" | "sitemapindex"
    locs: list[str]         # page URLs, or child sitemap URLs for an index
    lastmods: list[str | None]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1].lower() if isinstance(tag, str) else ""


def parse_xml(data: bytes) -> Element:
    if data[:2] == b"\x1f\x8b":
        data = _gunzip(data)
    data = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    try:
        return _parse(data)
    except (ParseError, LookupError) as e:   # LookupError: an encoding Python does not know
        recoded = _recode(data) if "encoding" in str(e) else None
        if recoded is None:
            raise FeedError("xml_invalid", f"not well-formed XML: {e}") from None
    try:
        return _parse(recoded)
    except ParseError as e:
        raise FeedError("xml_invalid", f"not well-formed XML: {e}") from None


def _parse(data: bytes) -> Element:
    try:
        return DET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as e:
        raise FeedError("xml_unsafe", f"refused an XML entity/DTD construct ({type(e).__name__}); "
                                      "it was not expanded") from None


_DECL = re.compile(rb"^<\?xml[^>]*?encoding=[\"']([A-Za-z0-9_.:-]+)[\"'][^>]*\?>")


def _recode(data: bytes) -> bytes | None:
    """Expat knows few encodings; an XML declared as e.g. windows-1258 is decoded with
    Python's codec and handed over as UTF-8."""
    m = _DECL.match(data)
    if not m:
        return None
    try:
        text = data[m.end():].decode(m.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    return b'<?xml version="1.0" encoding="utf-8"?>' + text.encode("utf-8")


def _gunzip(data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as f:
            out = f.read(MAX_SITEMAP_BYTES + 1)
    except (OSError, EOFError, zlib.error) as e:   # truncated or corrupt gzip
        raise FeedError("xml_invalid", f"broken gzip data ({type(e).__name__}: {e})") from None
    if len(out) > MAX_SITEMAP_BYTES:
        raise FeedError("too_large", f"gzipped XML expands past {MAX_SITEMAP_BYTES} bytes")
    return out


def _text(el: Element | None) -> str:
    return (el.text or "").strip() if el is not None else ""


def _child(el: Element, name: str) -> Element | None:
    for c in el:
        if _local(c.tag) == name:
            return c
    return None


def feed_links(data: bytes, base_url: str) -> list[str]:
    """Item links of an RSS 2.0, RSS 1.0 (RDF) or Atom feed, absolute, in feed order."""
    root = parse_xml(data)
    kind = _local(root.tag)
    out: list[str] = []
    if kind == "feed":  # Atom
        for entry in (e for e in root.iter() if _local(e.tag) == "entry"):
            links = [c for c in entry if _local(c.tag) == "link"]
            best = next((ln for ln in links if ln.get("rel", "alternate") == "alternate"), None)
            if best is None and links:
                best = links[0]
            href = best.get("href") if best is not None else None
            if href:
                out.append(urljoin(base_url, href.strip()))
    elif kind in ("rss", "rdf"):
        for item in (e for e in root.iter() if _local(e.tag) == "item"):
            link = _text(_child(item, "link"))
            if not link:
                guid = _child(item, "guid")
                if guid is not None and guid.get("isPermaLink", "true") != "false":
                    link = _text(guid)
            if not link and _local(root.tag) == "rdf":
                link = item.get("{http://www.w3.org/1999/02/22-rdf-syntax-ns#}about", "")
            if link:
                out.append(urljoin(base_url, link))
    else:
        raise FeedError("not_a_feed", f"root element <{kind}> is not rss, rdf or feed")
    return out


def parse_sitemap(data: bytes, base_url: str) -> Sitemap:
    """A <urlset> or <sitemapindex> (optionally gzipped)."""
    root = parse_xml(data)
    kind = _local(root.tag)
    if kind not in ("urlset", "sitemapindex"):
        raise FeedError("not_a_feed", f"root element <{kind}> is not urlset or sitemapindex")
    child = "url" if kind == "urlset" else "sitemap"
    locs, mods = [], []
    for el in root:
        if _local(el.tag) != child:
            continue
        loc = _text(_child(el, "loc"))
        if loc:
            locs.append(urljoin(base_url, loc))
            mods.append(_text(_child(el, "lastmod")) or None)
    return Sitemap(kind=kind, locs=locs, lastmods=mods)


def xml_root_name(data: bytes) -> str | None:
    try:
        return _local(parse_xml(data).tag)
    except FeedError:
        return None
