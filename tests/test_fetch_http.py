"""Fetcher against the local test site: robots, retries, timeouts, 304s, caps, redirects."""
import threading
import time

import pytest

from extractors.types import ExtractionError
from flows.fetch import DEFAULT_UA, Fetcher, fetch_single_url
from tests.site.fixtures import site  # noqa: F401
from tests.site.server import (BIG_PATH, BIG_UNSIZED_PATH, FLAKY_PATH, GZIP_BOMB_PATH, SLOW_PATH,
                               TOO_MANY_PATH)


@pytest.fixture
def fetcher():
    f = Fetcher(allow_private=True, default_rate=100, timeout=1.0, retries=2, backoff=0.05)
    yield f
    f.close()


def _hosts(site):
    return {site.host_key}


def test_fetch_article_keeps_headers_and_validators(site, fetcher):
    url = site.article_url("huan-chuong") + "?utm_source=zalo#top"
    res = fetcher.fetch(url, allowed_hosts=_hosts(site), source_name="site-rss", profile="dong-lam")
    assert res.ok and res.status == 200 and not res.not_modified
    item = res.item
    assert "Huân chương Lao động hạng Nhì" in item.data.decode("utf-8")
    assert item.content_type == "text/html; charset=utf-8"
    assert item.headers["content-type"] == item.content_type
    assert item.canonical_url == site.article_url("huan-chuong")
    assert item.source_name == "site-rss" and item.profile == "dong-lam" and item.status == 200
    assert item.fetched_at.endswith("Z") and item.fetched_at[:2] == "20"
    assert res.etag and res.last_modified
    sent = site.requests_for(site.article_path("huan-chuong"))[0]
    assert sent.headers["user-agent"] == DEFAULT_UA


def test_robots_disallowed_path_is_never_requested(site, fetcher):
    path = site.article_path("bi-mat")
    res = fetcher.fetch(site.url(path), allowed_hosts=_hosts(site))
    assert res.error_reason == "robots_disallowed" and res.item is None and res.status is None
    # a redirect into the disallowed area is refused before the hop is requested
    res2 = fetcher.fetch(site.url("/chuyen-huong/sang-robots-cam.htm"), allowed_hosts=_hosts(site))
    assert res2.error_reason == "robots_disallowed"
    assert site.count(path) == 0
    assert site.count("/robots.txt") == 1   # fetched once, then cached


def test_retries_on_500_then_succeeds(site, fetcher):
    res = fetcher.fetch(site.url(FLAKY_PATH), allowed_hosts=_hosts(site))
    assert res.ok and res.status == 200 and res.attempts == 3
    assert "giao ban công tác nội vụ" in res.item.data.decode()
    assert site.count(FLAKY_PATH) == 3


def test_500_after_retries_is_an_http_error(site):
    with Fetcher(allow_private=True, default_rate=100, retries=1, backoff=0.01) as f:
        res = f.fetch(site.url(FLAKY_PATH), allowed_hosts=_hosts(site))
    assert res.error_reason == "http_error" and res.status == 500 and res.item is None
    assert site.count(FLAKY_PATH) == 2


def test_429_waits_for_retry_after(site, fetcher):
    t0 = time.monotonic()
    res = fetcher.fetch(site.url(TOO_MANY_PATH), allowed_hosts=_hosts(site))
    assert res.ok and res.attempts == 2
    assert time.monotonic() - t0 >= 0.9   # Retry-After: 1


def test_404_is_reported_not_raised(site, fetcher):
    res = fetcher.fetch(site.url("/khong-co-trang-nay.htm"), allowed_hosts=_hosts(site))
    assert res.error_reason == "http_error" and res.status == 404 and res.attempts == 1


def test_timeout_does_not_hang(site):
    with Fetcher(allow_private=True, default_rate=100, timeout=0.3, retries=1, backoff=0.01) as f:
        t0 = time.monotonic()
        res = f.fetch(site.url(SLOW_PATH), allowed_hosts=_hosts(site))
        elapsed = time.monotonic() - t0
    assert res.error_reason == "timeout" and res.item is None
    assert elapsed < 2.0 and res.attempts == 2


def test_conditional_get_gives_304(site, fetcher):
    url = site.article_url("thay-doi")
    first = fetcher.fetch(url, allowed_hosts=_hosts(site))
    assert "Cập nhật lần 1." in first.item.data.decode()
    again = fetcher.fetch(url, allowed_hosts=_hosts(site), etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.status == 304 and again.item is None and again.ok
    sent = site.requests_for(site.article_path("thay-doi"))[-1].headers
    assert sent["if-none-match"] == first.etag and sent["if-modified-since"] == first.last_modified
    by_date = fetcher.fetch(url, allowed_hosts=_hosts(site), last_modified=first.last_modified)
    assert by_date.not_modified
    site.bump(site.article_path("thay-doi"))
    changed = fetcher.fetch(url, allowed_hosts=_hosts(site), etag=first.etag, last_modified=first.last_modified)
    assert changed.status == 200 and not changed.not_modified
    assert "Cập nhật lần 2." in changed.item.data.decode()
    assert changed.etag != first.etag and changed.last_modified != first.last_modified


@pytest.mark.parametrize("path", [BIG_PATH, BIG_UNSIZED_PATH, GZIP_BOMB_PATH])
def test_size_cap(site, path):
    with Fetcher(allow_private=True, default_rate=100, max_bytes=500_000, retries=0) as f:
        res = f.fetch(site.url(path), allowed_hosts=_hosts(site))
    assert res.error_reason == "too_large" and res.item is None


def test_gzip_is_decompressed_under_the_cap(site):
    with Fetcher(allow_private=True, default_rate=100, max_bytes=40_000_000, retries=0) as f:
        res = f.fetch(site.url(GZIP_BOMB_PATH), allowed_hosts=_hosts(site))
    assert res.ok and len(res.item.data) > 30_000_000


@pytest.mark.parametrize("path, reason", [
    ("/chuyen-huong/sang-localhost.htm", "redirect_refused"),
    ("/chuyen-huong/sang-127-0-0-2.htm", "redirect_refused"),
    ("/chuyen-huong/sang-file.htm", "redirect_refused"),
    ("/chuyen-huong/vong-lap.htm", "too_many_redirects"),
])
def test_bad_redirects_are_refused(site, fetcher, path, reason):
    site.clear_log()
    res = fetcher.fetch(site.url(path), allowed_hosts=_hosts(site))
    assert res.error_reason == reason and res.item is None
    target = site.article_path("bo-nhiem")
    assert site.count(target) == 0   # localhost:PORT reaches the same server: it was never asked


def test_same_host_redirect_is_followed(site, fetcher):
    res = fetcher.fetch(site.url("/chuyen-huong/cung-host.htm"), allowed_hosts=_hosts(site))
    assert res.ok and res.final_url == site.article_url("huan-chuong")
    assert res.item.uri == res.final_url and res.redirects == [res.final_url]


def test_private_address_refused_without_opt_in(site):
    with Fetcher(default_rate=100) as f:
        res = f.fetch(site.article_url("huan-chuong"), allowed_hosts=_hosts(site))
    assert res.error_reason == "private_address"
    assert site.paths() == []   # not even robots.txt


def test_other_host_refused(site, fetcher):
    res = fetcher.fetch(site.article_url("huan-chuong"), allowed_hosts={"baochinhphu.vn"})
    assert res.error_reason == "host_not_allowed" and site.paths() == []


def test_rate_limit_spacing(site):
    with Fetcher(allow_private=True, per_host_rate={site.host_key: 10.0}, default_rate=100) as f:
        f.fetch(site.url("/robots.txt"), allowed_hosts=_hosts(site))   # warm up robots cache
        site.clear_log()
        threads = [threading.Thread(target=f.fetch, args=(site.url("/feed.rss"),),
                                    kwargs={"allowed_hosts": _hosts(site)}) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    times = sorted(r.at for r in site.requests)
    assert len(times) == 4
    assert times[-1] - times[0] >= 3 * 0.1 * 0.8   # 10/s → ≥ 0.1 s apart (loose lower bound)


def test_fetch_single_url(site, fetcher, monkeypatch):
    monkeypatch.setenv("VNARCHIVE_ALLOW_PRIVATE", "1")
    item = fetch_single_url(site.article_url("tong-ket"))
    assert "Cờ thi đua" in item.data.decode() and item.status == 200
    with pytest.raises(ExtractionError) as e:
        fetch_single_url(site.url("/khong-co.htm"), fetcher=fetcher)
    assert e.value.reason == "http_error"
    monkeypatch.delenv("VNARCHIVE_ALLOW_PRIVATE")
    with pytest.raises(ExtractionError) as e:
        fetch_single_url(site.article_url("tong-ket"))
    assert e.value.reason == "private_address"


def test_private_peer_caught_after_connect(site, monkeypatch):
    """A name that resolved public at check time but connects to a private address
    (DNS rebinding) is still refused, and its body is not read."""
    import ipaddress

    import flows.urlsafety
    monkeypatch.setattr(flows.urlsafety, "resolve", lambda host: [ipaddress.ip_address("203.162.4.190")])
    with Fetcher(default_rate=100, retries=0) as f:
        res = f.fetch(site.article_url("huan-chuong"), allowed_hosts=_hosts(site))
    assert res.error_reason == "private_address" and res.item is None


def test_dead_host_fails_fast_with_its_reason(site):
    import socket
    with socket.socket() as sock:          # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        dead = f"127.0.0.1:{sock.getsockname()[1]}"
    with Fetcher(allow_private=True, default_rate=100, retries=1, backoff=0.01) as f:
        first = f.fetch(f"http://{dead}/a-12345.htm", allowed_hosts={dead})
        t0 = time.monotonic()
        second = f.fetch(f"http://{dead}/b-12346.htm", allowed_hosts={dead})
        assert time.monotonic() - t0 < 0.05   # robots failure cached: no new connection attempts
    assert first.error_reason == second.error_reason == "connect_error"
