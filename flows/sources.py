"""The source registry: `[[source]]` tables in a TOML file (see sources.toml)."""
from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from flows.urlsafety import host_key

KINDS = ("rss", "sitemap", "listing", "urls", "folder")
_WEB_KINDS = ("rss", "sitemap", "listing")
_FIELDS = {"name", "kind", "url", "include", "exclude", "rate_per_sec", "max_new_per_run", "max_revisit_per_run",
           "profile", "hosts", "max_pages", "urls", "description"}


class SourceConfigError(ValueError):
    """A bad entry in a sources file; the message names the file, entry and field."""


@dataclass
class Source:
    name: str
    kind: str                               # "rss" | "sitemap" | "listing" | "urls" | "folder"
    url: str                                # feed/sitemap/listing URL; a file of URLs; a folder
    include: list[str] = field(default_factory=list)   # regexes; a URL must match one (if any given)
    exclude: list[str] = field(default_factory=list)   # regexes; a URL matching any is dropped
    rate_per_sec: float = 1.0               # per host
    max_new_per_run: int = 200              # URLs never fetched before (linked documents included)
    max_revisit_per_run: int = 500          # URLs fetched before: conditional GETs, least recently checked first
    profile: str | None = None              # site profile name (extractors/profiles/<name>.toml)
    hosts: list[str] = field(default_factory=list)     # extra hosts beyond the url's own
    max_pages: int = 5                      # listing pagination limit
    urls: list[str] = field(default_factory=list)      # kind "urls": inline URLs (besides the file)
    description: str | None = None

    def __post_init__(self) -> None:
        self._inc = [re.compile(p) for p in self.include]
        self._exc = [re.compile(p) for p in self.exclude]

    @property
    def allowed_hosts(self) -> set[str]:
        """The url's own host (with port if not default) and its www./bare twin, the
        `hosts` entries, and the hosts of inline urls."""
        out = {h.lower() for h in self.hosts}
        for u in [self.url, *self.urls]:
            if u.startswith(("http://", "https://")):
                out.add(host_key(u))
                out.add(_www_twin(host_key(u)))
        return out

    def matches(self, url: str) -> bool:
        """include/exclude filters (regex search on the URL)."""
        if self._inc and not any(p.search(url) for p in self._inc):
            return False
        return not any(p.search(url) for p in self._exc)


def _www_twin(key: str) -> str:
    """"www.x.vn" ↔ "x.vn" (names only: an IP address or "localhost" stays itself)."""
    if key.count(":") > 1 or key.startswith("["):          # IPv6 literal
        return key
    host = key.split(":")[0]
    if host.replace(".", "").isdigit() or "." not in host:  # IPv4 literal, "localhost"
        return key
    return key[4:] if key.startswith("www.") else "www." + key


def per_host_rates(sources: list[Source]) -> dict[str, float]:
    """host → requests/second for a Fetcher: the slowest rate any source sets for it."""
    out: dict[str, float] = {}
    for s in sources:
        for h in s.allowed_hosts:
            out[h] = min(out.get(h, s.rate_per_sec), s.rate_per_sec)
    return out


def _err(path: str, idx: int, name: str | None, msg: str) -> SourceConfigError:
    who = f"source #{idx + 1}" + (f" ({name!r})" if name else "")
    return SourceConfigError(f"{path}: {who}: {msg}")


def _source_from_table(t: dict, path: str, idx: int, base_dir: str) -> Source:
    name = t.get("name")
    if not isinstance(name, str) or not name.strip():
        raise _err(path, idx, None, "missing 'name' (a non-empty string)")
    unknown = sorted(set(t) - _FIELDS)
    if unknown:
        raise _err(path, idx, name, f"unknown field(s) {', '.join(unknown)}; known: {', '.join(sorted(_FIELDS))}")
    kind = t.get("kind")
    if kind not in KINDS:
        raise _err(path, idx, name, f"'kind' must be one of {', '.join(KINDS)}, not {kind!r}")
    url = t.get("url", "")
    if not isinstance(url, str):
        raise _err(path, idx, name, "'url' must be a string")
    if kind in _WEB_KINDS:
        p = urlsplit(url)
        if p.scheme not in ("http", "https") or not p.hostname:
            raise _err(path, idx, name, f"'url' must be an absolute http(s) URL for kind {kind!r}, not {url!r}")
    elif kind == "folder" or (kind == "urls" and url and not url.startswith(("http://", "https://"))):
        if not url:
            raise _err(path, idx, name, f"'url' (a path) is required for kind {kind!r}")
        url = os.path.normpath(os.path.join(base_dir, os.path.expanduser(url)))
    elif kind == "urls" and not url and not t.get("urls"):
        raise _err(path, idx, name, "kind 'urls' needs 'url' (a file of URLs) or 'urls' (a list)")
    for key in ("include", "exclude", "hosts", "urls"):
        v = t.get(key, [])
        if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
            raise _err(path, idx, name, f"'{key}' must be a list of strings")
    for key in ("include", "exclude"):
        for pat in t.get(key, []):
            try:
                re.compile(pat)
            except re.error as e:
                raise _err(path, idx, name, f"bad regex in '{key}': {pat!r}: {e}") from None
    rate = t.get("rate_per_sec", 1.0)
    if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 < rate <= 100:
        raise _err(path, idx, name, f"'rate_per_sec' must be a number in (0, 100], not {rate!r}")
    for key, default in (("max_new_per_run", 200), ("max_revisit_per_run", 500), ("max_pages", 5)):
        v = t.get(key, default)
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise _err(path, idx, name, f"'{key}' must be a positive integer, not {v!r}")
    profile = t.get("profile")
    if profile is not None and (not isinstance(profile, str) or not profile):
        raise _err(path, idx, name, "'profile' must be a non-empty string")
    return Source(name=name.strip(), kind=kind, url=url, include=list(t.get("include", [])),
                  exclude=list(t.get("exclude", [])), rate_per_sec=float(rate),
                  max_new_per_run=t.get("max_new_per_run", 200),
                  max_revisit_per_run=t.get("max_revisit_per_run", 500), profile=profile,
                  hosts=[h.lower() for h in t.get("hosts", [])], max_pages=t.get("max_pages", 5),
                  urls=list(t.get("urls", [])), description=t.get("description"))


def load_sources(path: str) -> list[Source]:
    """All sources in a TOML file, validated; SourceConfigError on the first bad entry."""
    try:
        with open(path, "rb") as f:
            data = tomllib.load(f)
    except tomllib.TOMLDecodeError as e:
        raise SourceConfigError(f"{path}: not valid TOML: {e}") from None
    except UnicodeDecodeError as e:
        raise SourceConfigError(f"{path}: not UTF-8 text (byte {e.object[e.start]:#04x} at offset {e.start}); "
                                "a sources file must be UTF-8") from None
    except OSError as e:
        raise SourceConfigError(f"{path}: cannot read it: {e.strerror or e}") from None
    tables = data.get("source", [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        raise SourceConfigError(f"{path}: sources are [[source]] tables")
    base_dir = os.path.dirname(os.path.abspath(path))
    out: list[Source] = []
    seen: set[str] = set()
    for i, t in enumerate(tables):
        s = _source_from_table(t, path, i, base_dir)
        if s.name in seen:
            raise _err(path, i, s.name, "duplicate name")
        seen.add(s.name)
        out.append(s)
    return out


_FEED_HINT = re.compile(r"(\.rss$|\.atom$|/rss(/|$)|/feeds?(/|$)|/atom(/|$)|[?&]format=(rss|atom))", re.I)
_SITEMAP_HINT = re.compile(r"sitemap[^/]*\.xml(\.gz)?$|/sitemap/?$", re.I)


_ROOT_TAG = re.compile(rb"^(?:<\?xml[^>]*>|<!--.*?-->|<!DOCTYPE[^>]*>|\s)*<([A-Za-z][\w:.-]*)", re.S)


def guess_kind(url: str) -> str:
    """"rss" | "sitemap" | "urls" (one article) from the URL alone."""
    parts = urlsplit(url)
    if _SITEMAP_HINT.search(parts.path):
        return "sitemap"
    if _FEED_HINT.search(parts.path + ("?" + parts.query if parts.query else "")):
        return "rss"
    return "urls"


def sniff_kind(data: bytes) -> str:
    """"rss" | "sitemap" | "urls" from fetched bytes: the root element decides."""
    m = _ROOT_TAG.match(data[:4096].lstrip(b"\xef\xbb\xbf"))
    root = m.group(1).decode("ascii").lower().rsplit(":", 1)[-1] if m else ""
    if root in ("urlset", "sitemapindex"):
        return "sitemap"
    if root in ("rss", "feed", "rdf"):
        return "rss"
    return "urls"


def source_for_url(url: str, *, fetcher=None) -> Source:
    """An ad-hoc source for `vnarchive ingest URL`: a feed, a sitemap or one article.
    With a `fetcher`, the page is fetched and its content decides; else the URL does."""
    kind = guess_kind(url)
    if fetcher is not None:
        res = fetcher.fetch(url, allowed_hosts={host_key(url)})
        if res.item is not None:
            kind = sniff_kind(res.item.data)
    name = f"adhoc:{host_key(url)}"
    if kind == "urls":
        return Source(name=name, kind="urls", url="", urls=[url], max_new_per_run=1)
    return Source(name=name, kind=kind, url=url)
