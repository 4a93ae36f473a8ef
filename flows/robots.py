"""robots.txt: fetched once per scheme+host and cached; a disallowed URL is never requested.

Rules are read with RFC 9309 semantics by protego: `*` and `$` wildcards, the longest matching
rule wins and Allow wins a tie (Python's urllib.robotparser does neither)."""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Callable
from urllib.parse import urlsplit

from protego import Protego

# (robots_url) -> (HTTP status or None when unreadable, body text); it may raise to say the
# host cannot be used at all, and that error is cached and raised for every URL of the host.
RobotsGetter = Callable[[str], tuple[int | None, str]]


def robots_url_for(url: str) -> str:
    p = urlsplit(url)
    return f"{p.scheme.lower()}://{p.netloc.lower()}/robots.txt"


@dataclass(frozen=True)
class RobotsRules:
    """One host's robots.txt: its parsed rules, or a blanket answer when it could not be read."""

    rules: Protego | None = None
    allow_all: bool = False

    def can_fetch(self, agent: str, url: str) -> bool:
        if self.rules is None:
            return self.allow_all
        return self.rules.can_fetch(url, agent)

    def crawl_delay(self, agent: str) -> float | None:
        return self.rules.crawl_delay(agent) if self.rules is not None else None


def parse_robots(status: int | None, text: str) -> RobotsRules:
    """Standard reading of the fetch outcome: 2xx → rules; 401/403 → nothing allowed;
    other 4xx → everything allowed; 5xx or no answer → nothing allowed (for this run)."""
    if status is not None and 200 <= status < 300:
        return RobotsRules(rules=Protego.parse(text))
    return RobotsRules(allow_all=not (status in (401, 403) or status is None or status >= 500))


class RobotsCache:
    def __init__(self, getter: RobotsGetter, user_agent: str):
        self._getter = getter
        self._agent = user_agent.split("/")[0]   # product token, e.g. "vnarchive"
        self._cache: dict[str, RobotsRules | Exception] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def _parser(self, url: str) -> RobotsRules:
        key = robots_url_for(url)
        with self._lock:
            host_lock = self._locks.setdefault(key, threading.Lock())
        with host_lock:  # one fetch per host even under concurrency
            if key not in self._cache:
                try:
                    status, text = self._getter(key)
                    self._cache[key] = parse_robots(status, text)
                except Exception as e:  # the getter's "host unusable" error, re-raised per URL
                    self._cache[key] = e
            got = self._cache[key]
        if isinstance(got, Exception):
            raise got
        return got

    def allowed(self, url: str) -> bool:
        return self._parser(url).can_fetch(self._agent, url)

    def crawl_delay(self, url: str) -> float | None:
        d = self._parser(url).crawl_delay(self._agent)
        return float(d) if d is not None else None
