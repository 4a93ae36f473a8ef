"""Polite, safe HTTP fetching. `Fetcher.fetch` never raises for network or HTTP problems:
it returns a FetchResult whose `error_reason` is one of

  robots_disallowed   robots.txt forbids the URL (it was not requested)
  host_not_allowed    the URL is not on the source's hosts
  unsupported_scheme  not http(s)
  private_address     the host resolves to a private/loopback/link-local address
  redirect_refused    a redirect to another host or to a non-http(s) URL
  too_many_redirects  more than `max_redirects` hops
  too_large           the body (after decompression) is over `max_bytes`
  timeout             no complete answer within `max_seconds` from the first connect to the last
                      byte (headers, redirects and retries included), or a connect/read timeout
                      with no time left to retry
  connect_error       connection failed, after retries
  http_error          a 4xx/5xx answer (after retries for 5xx/429); `status` is set
  invalid_url         the URL cannot be parsed
  fetch_error         anything else that went wrong below (message says what)

When robots.txt itself cannot be fetched because the host is down (timeout, connect_error)
or private, every URL of that host gets that reason for the rest of the run, quickly.
"""
from __future__ import annotations

import ipaddress
import os
import random
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin

import httpx

from extractors.types import ExtractionError, RawItem
from flows.canonical import canonical_url
from flows.deadline_http import DeadlineTransport, budget, deadline, time_left
from flows.ratelimit import HostRateLimiter
from flows.robots import RobotsCache
from flows.urlsafety import check_url, host_key, is_private_ip

DEFAULT_UA = "vnarchive/0.1 (+https://github.com/vnarchive/vnarchive; research archive)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0
ROBOTS_MAX_BYTES = 500_000
ROBOTS_SECONDS = 20.0          # total time for robots.txt (its own deadline, not the page's)


@dataclass
class FetchResult:
    url: str
    final_url: str
    status: int | None = None
    item: RawItem | None = None
    not_modified: bool = False
    etag: str | None = None
    last_modified: str | None = None
    error_reason: str | None = None
    error_message: str | None = None
    attempts: int = 0
    redirects: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.error_reason is None


class _Failure(Exception):
    def __init__(self, reason: str, message: str, status: int | None = None, retry_after: float | None = None):
        super().__init__(f"{reason}: {message}")
        self.reason, self.message, self.status, self.retry_after = reason, message, status, retry_after


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
        return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())
    except (TypeError, ValueError):
        return None


def _out_of_time() -> str:
    return (f"no complete answer within {budget():g} s (from the first connect to the last byte: headers, "
            "redirects and retries included)")


def _now_iso() -> str:
    return datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class Fetcher:
    """One HTTP client for a run: robots cache, per-host rate limit, retries, size cap,
    and a safety check on every redirect hop. Thread-safe (httpx.Client is)."""

    def __init__(self, *, user_agent: str = DEFAULT_UA, timeout: float = 15.0, max_bytes: int = 20_000_000,
                 retries: int = 3, backoff: float = 0.5, allow_private: bool = False,
                 per_host_rate: dict[str, float] | None = None, default_rate: float = 1.0,
                 max_redirects: int = 5, max_seconds: float | None = None):
        self.user_agent = user_agent
        self.timeout = timeout
        self.max_bytes = max_bytes
        self.retries = retries
        self.backoff = backoff
        self.allow_private = allow_private
        self.max_redirects = max_redirects
        self.max_seconds = max_seconds if max_seconds is not None else timeout * 4
        self.limiter = HostRateLimiter(default_rate, per_host_rate)
        self.robots = RobotsCache(self._get_robots, user_agent)
        self._client = httpx.Client(
            transport=DeadlineTransport(), timeout=httpx.Timeout(timeout, connect=min(timeout, 10.0)),
            follow_redirects=False, trust_env=False,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate",
                     "Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
                     "Accept-Language": "vi,en;q=0.5"})
        self._delay_seen: set[str] = set()
        self._lock = threading.Lock()

    # -- public -----------------------------------------------------------------------
    def fetch(self, url: str, *, allowed_hosts: set[str], etag: str | None = None,
              last_modified: str | None = None, source_name: str | None = None,
              profile: str | None = None) -> FetchResult:
        res = FetchResult(url=url, final_url=url)
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        try:
            with deadline(self.max_seconds):
                resp_headers, status, final_url, body = self._get(url, allowed_hosts, headers, res,
                                                                  max_bytes=self.max_bytes, check_robots=True)
        except _Failure as f:
            res.error_reason, res.error_message, res.status = f.reason, f.message, f.status
            return res
        except (httpx.HTTPError, OSError, ValueError) as e:   # anything odd below: still a result
            res.error_reason, res.error_message = "fetch_error", f"{type(e).__name__}: {e}"
            return res
        res.final_url, res.status = final_url, status
        res.etag = resp_headers.get("etag")
        res.last_modified = resp_headers.get("last-modified")
        if status == 304:
            res.not_modified = True
            return res
        res.item = RawItem(uri=final_url, data=body, content_type=resp_headers.get("content-type"),
                           fetched_at=_now_iso(), status=status, headers=resp_headers,
                           source_name=source_name, canonical_url=canonical_url(final_url), profile=profile)
        return res

    def refusal(self, url: str, allowed_hosts: set[str]) -> tuple[str, str] | None:
        """(reason, message) when `url` must not be requested: its host, scheme or address,
        robots.txt (fetched if not cached), or a host whose robots.txt cannot be read; else None."""
        refused = check_url(url, allowed_hosts, allow_private=self.allow_private)
        if refused:
            return refused.reason, refused.message
        try:
            if not self.robots.allowed(url):
                return "robots_disallowed", f"robots.txt disallows {url}"
        except _Failure as f:
            return f.reason, f"robots.txt of {host_key(url)} cannot be read: {f.message}"
        return None

    def robots_allowed(self, url: str, allowed_hosts: set[str]) -> bool:
        return self.refusal(url, allowed_hosts) is None

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> "Fetcher":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- internals --------------------------------------------------------------------
    def _check(self, url: str, allowed_hosts: set[str], *, hop: bool) -> None:
        refusal = check_url(url, allowed_hosts, allow_private=self.allow_private)
        if refusal is None:
            return
        if hop and refusal.reason in ("host_not_allowed", "unsupported_scheme", "invalid_url"):
            raise _Failure("redirect_refused", f"redirect to {url} refused: {refusal.message}")
        raise _Failure(refusal.reason, refusal.message)

    def _check_robots(self, url: str) -> None:
        if not self.robots.allowed(url):
            raise _Failure("robots_disallowed", f"robots.txt disallows {url}")
        host = host_key(url)
        if host not in self._delay_seen:
            with self._lock:
                self._delay_seen.add(host)
            delay = self.robots.crawl_delay(url)
            if delay:
                self.limiter.set_min_interval(host, min(delay, 60.0))

    def _get(self, url: str, allowed_hosts: set[str], headers: dict[str, str], res: FetchResult | None,
             *, max_bytes: int, check_robots: bool) -> tuple[dict[str, str], int, str, bytes]:
        """GET with redirects followed by hand (each hop checked) and retries."""
        current = url
        self._check(current, allowed_hosts, hop=False)
        for _hop in range(self.max_redirects + 1):
            if check_robots:
                self._check_robots(current)
            resp_headers, status, body = self._get_with_retries(current, headers, res, max_bytes)
            if status in (301, 302, 303, 307, 308) and "location" in resp_headers:
                nxt = urljoin(current, resp_headers["location"].strip())
                self._check(nxt, allowed_hosts, hop=True)
                if res is not None:
                    res.redirects.append(nxt)
                    res.final_url = nxt
                current = nxt
                continue
            if status == 304 or 200 <= status < 300:
                return resp_headers, status, current, body
            raise _Failure("http_error", f"HTTP {status} for {current}", status=status)
        raise _Failure("too_many_redirects", f"more than {self.max_redirects} redirects from {url}")

    def _get_with_retries(self, url: str, headers: dict[str, str], res: FetchResult | None,
                          max_bytes: int) -> tuple[dict[str, str], int, bytes]:
        attempt = 0
        while True:
            attempt += 1
            if res is not None:
                res.attempts += 1
            try:
                resp_headers, status, body = self._once(url, headers, max_bytes)
                if status not in RETRY_STATUSES:
                    return resp_headers, status, body
                failure = _Failure("http_error", f"HTTP {status} for {url}", status=status,
                                   retry_after=_retry_after(resp_headers.get("retry-after")))
            except httpx.TimeoutException as e:
                left = time_left()
                failure = _Failure("timeout", _out_of_time() if left is not None and left <= 0 else
                                   f"timed out after {self.timeout:g}s: {type(e).__name__}")
            except (httpx.ConnectError, httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as e:
                failure = _Failure("connect_error", f"{type(e).__name__}: {e}")
            except httpx.InvalidURL as e:  # not an HTTPError: e.g. a redirect to "data:text/html,..."
                raise _Failure("invalid_url", f"{url}: {e} (a Location header httpx cannot use?)") from None
            except httpx.HTTPError as e:  # decoding errors, invalid URLs, ...
                raise _Failure("http_error", f"{type(e).__name__}: {e}") from None
            if attempt > self.retries:
                raise failure
            wait = self.backoff * (2 ** (attempt - 1)) * (1 + random.random() * 0.1)
            if failure.retry_after is not None:
                wait = max(wait, min(failure.retry_after, MAX_RETRY_AFTER))
            left = time_left()
            if left is not None and left <= wait:    # retries live inside the request's deadline
                raise failure
            time.sleep(wait)

    def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> tuple[dict[str, str], int, bytes]:
        self.limiter.wait(host_key(url))
        with self._client.stream("GET", url, headers=headers) as resp:
            if not self.allow_private:
                self._check_peer(resp, url)
            resp_headers = {k.lower(): v for k, v in resp.headers.items()}
            status = resp.status_code
            if status in (301, 302, 303, 304, 307, 308) or status >= 400:
                return resp_headers, status, b""
            if "," in resp_headers.get("content-encoding", ""):   # stacked codings inflate unbounded per chunk
                raise _Failure("too_large", f"stacked Content-Encoding {resp_headers['content-encoding']!r} refused "
                                            "(each layer multiplies what one network chunk inflates to)")
            declared = resp_headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes and "content-encoding" not in resp_headers:
                raise _Failure("too_large", f"Content-Length {declared} is over the {max_bytes}-byte cap")
            chunks, size = [], 0
            for chunk in resp.iter_bytes():   # decompressed, so the cap also bounds gzip bombs
                size += len(chunk)
                if size > max_bytes:
                    raise _Failure("too_large", f"body is over the {max_bytes}-byte cap (after decompression)")
                left = time_left()
                if left is not None and left <= 0:
                    raise _Failure("timeout", _out_of_time())
                chunks.append(chunk)
            return resp_headers, status, b"".join(chunks)

    @staticmethod
    def _check_peer(resp: httpx.Response, url: str) -> None:
        """The address actually connected to (guards against DNS answers that change
        between our check and the connection); the body is not read if it is private."""
        stream = resp.extensions.get("network_stream")
        addr = stream.get_extra_info("server_addr") if stream is not None else None
        if not addr:
            return
        try:
            ip = ipaddress.ip_address(str(addr[0]).split("%")[0])
        except ValueError:
            return
        if is_private_ip(ip):
            raise _Failure("private_address", f"{url} connected to private address {ip}")

    def _get_robots(self, robots_url: str) -> tuple[int | None, str]:
        """robots.txt on the same scheme+host; redirects allowed only within that host."""
        allowed = {host_key(robots_url)}
        try:
            with deadline(min(ROBOTS_SECONDS, self.max_seconds)):
                resp_headers, status, _final, body = self._get(robots_url, allowed, {}, None,
                                                               max_bytes=ROBOTS_MAX_BYTES, check_robots=False)
        except _Failure as f:
            if f.status is not None:
                return f.status, ""
            if f.reason in ("redirect_refused", "too_many_redirects"):
                return 404, ""   # treat like "no robots.txt here"
            if f.reason == "too_large":
                return None, ""
            raise                # host down / private: pages get this reason (cached per host)
        return status, body.decode("utf-8", errors="replace")


def fetch_single_url(url: str, *, fetcher: Fetcher | None = None) -> RawItem:
    """One URL for `vnarchive extract URL`: only its own host, robots honoured.
    Set VNARCHIVE_ALLOW_PRIVATE=1 to allow local addresses (development, tests)."""
    own = fetcher or Fetcher(allow_private=os.environ.get("VNARCHIVE_ALLOW_PRIVATE") == "1", retries=2)
    try:
        res = own.fetch(url, allowed_hosts={host_key(url)})
    finally:
        if fetcher is None:
            own.close()
    if res.item is None:
        raise ExtractionError(res.error_reason or "fetch_failed", res.error_message or f"could not fetch {url}")
    return res.item
