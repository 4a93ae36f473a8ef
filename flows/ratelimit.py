"""Per-host politeness: a minimum interval between requests to one host, thread-safe."""
from __future__ import annotations

import threading
import time


class HostRateLimiter:
    """Reserves the next free slot for a host under a lock, then sleeps outside it, so
    concurrent callers are spaced `1/rate` seconds apart without holding the lock."""

    def __init__(self, default_rate: float = 1.0, per_host: dict[str, float] | None = None):
        self.default_rate = default_rate
        self.per_host = dict(per_host or {})
        self._next: dict[str, float] = {}
        self._min_interval: dict[str, float] = {}
        self._lock = threading.Lock()

    def interval(self, host: str) -> float:
        rate = self.per_host.get(host, self.default_rate)
        base = 1.0 / rate if rate and rate > 0 else 0.0
        return max(base, self._min_interval.get(host, 0.0))

    def set_rate(self, host: str, rate: float) -> None:
        with self._lock:
            self.per_host[host] = rate

    def set_min_interval(self, host: str, seconds: float) -> None:
        """A floor for the interval, e.g. from a robots.txt Crawl-delay."""
        with self._lock:
            self._min_interval[host] = max(0.0, seconds)

    def wait(self, host: str) -> float:
        """Block until this host may be requested again; returns the seconds slept."""
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + self.interval(host)
        delay = slot - now
        if delay > 0:
            time.sleep(delay)
        return max(delay, 0.0)
