"""Canonical URLs for deduplication: one spelling per document."""
from __future__ import annotations

from urllib.parse import parse_qsl, quote, unquote, urlencode, urlsplit, urlunsplit

from flows.crawl_rules import rules

DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(key: str) -> bool:
    k, r = key.lower(), rules()
    return k in r.tracking_params or k.startswith(r.tracking_prefixes)


def canonical_url(url: str) -> str:
    """Lowercase scheme and host, drop the default port, the fragment and tracking
    parameters, sort the query, and give an empty path as "/". Non-http(s) values
    (file paths) come back stripped but otherwise unchanged."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return url
    host = (parts.hostname or "").rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    if parts.username:
        netloc = f"{parts.username}{':' + parts.password if parts.password else ''}@{netloc}"
    path = quote(unquote(parts.path), safe="/%:@!$&'()*+,;=-._~") or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))
