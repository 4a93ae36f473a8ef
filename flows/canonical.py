"""Canonical URLs for deduplication: one spelling per document."""
from __future__ import annotations

import re
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from flows.crawl_rules import rules

DEFAULT_PORTS = {"http": 80, "https": 443}


def _is_tracking(key: str) -> bool:
    k, r = key.lower(), rules()
    return k in r.tracking_params or k.startswith(r.tracking_prefixes)


_ESCAPE = re.compile(r"%([0-9A-Fa-f]{2})")
_UNRESERVED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
_PATH_SAFE = "/:@!$&'()*+,;=-._~"


def _normalize_path(path: str) -> str:
    """Percent-encode what must be, keep valid %XX escapes (upper-cased), and decode
    escapes of unreserved characters (RFC 3986 6.2.2), so equal paths compare equal."""
    out, pos = [], 0
    for m in _ESCAPE.finditer(path):
        out.append(quote(path[pos:m.start()], safe=_PATH_SAFE))
        ch = chr(int(m.group(1), 16))
        out.append(ch if ch in _UNRESERVED else "%" + m.group(1).upper())
        pos = m.end()
    out.append(quote(path[pos:], safe=_PATH_SAFE))
    return "".join(out)


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
    path = _normalize_path(parts.path) or "/"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(k))
    return urlunsplit((scheme, netloc, path, urlencode(query), ""))
