"""robots.txt rules, status handling, caching and Crawl-delay; the rate limiter."""
import threading
import time

from flows.ratelimit import HostRateLimiter
from flows.robots import RobotsCache, parse_robots, robots_url_for
from tests.site.fixtures import site  # noqa: F401

RULES = """
User-agent: *
Disallow: /private/
Allow: /private/cong-khai/

User-agent: vnarchive
Disallow: /tim-kiem
Crawl-delay: 2
"""


def test_rules_for_our_agent():
    calls = []

    def getter(url):
        calls.append(url)
        return 200, RULES

    cache = RobotsCache(getter, "vnarchive/0.1 (+https://github.com/vnarchive/vnarchive; research archive)")
    assert not cache.allowed("https://moha.gov.vn/tim-kiem?q=khen+thuong")
    assert cache.allowed("https://moha.gov.vn/private/bao-cao")   # our own group replaces "*"
    assert cache.crawl_delay("https://moha.gov.vn/") == 2.0
    assert cache.allowed("http://moha.gov.vn/tim-kiem") is False
    assert calls == ["https://moha.gov.vn/robots.txt", "http://moha.gov.vn/robots.txt"]


def test_star_group_applies_to_others():
    rp = parse_robots(200, "User-agent: *\nDisallow: /private/\nAllow: /private/cong-khai/\n")
    assert not rp.can_fetch("vnarchive", "https://x.vn/private/a")
    assert rp.can_fetch("vnarchive", "https://x.vn/tin-tuc/a")


def test_status_handling():
    assert parse_robots(404, "").can_fetch("vnarchive", "https://x.vn/a")
    assert not parse_robots(403, "").can_fetch("vnarchive", "https://x.vn/a")
    assert not parse_robots(503, "").can_fetch("vnarchive", "https://x.vn/a")
    assert not parse_robots(None, "").can_fetch("vnarchive", "https://x.vn/a")


def test_robots_url_for():
    assert robots_url_for("HTTPS://Moha.gov.vn:8443/a/b?c=1") == "https://moha.gov.vn:8443/robots.txt"


def test_one_fetch_per_host_under_concurrency():
    calls = []

    def slow_getter(url):
        calls.append(url)
        time.sleep(0.05)
        return 200, "User-agent: *\nDisallow:\n"

    cache = RobotsCache(slow_getter, "vnarchive/0.1")
    threads = [threading.Thread(target=cache.allowed, args=(f"https://x.vn/{i}",)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert calls == ["https://x.vn/robots.txt"]


def test_rate_limiter_spacing_and_floor():
    lim = HostRateLimiter(default_rate=20.0)
    t0 = time.monotonic()
    for _ in range(4):
        lim.wait("a.vn")
    assert time.monotonic() - t0 >= 3 * 0.05 * 0.9
    t1 = time.monotonic()
    lim.wait("b.vn")                      # another host is not held back
    assert time.monotonic() - t1 < 0.04
    lim.set_min_interval("b.vn", 0.1)     # e.g. robots.txt Crawl-delay
    assert lim.interval("b.vn") == 0.1 and lim.interval("a.vn") == 0.05


def test_getter_failure_is_cached_and_reraised():
    calls = []

    def down(url):
        calls.append(url)
        raise ConnectionError("host down")

    cache = RobotsCache(down, "vnarchive/0.1")
    for path in ("/a", "/b"):
        try:
            cache.allowed("https://x.vn" + path)
        except ConnectionError as e:
            assert str(e) == "host down"
        else:
            raise AssertionError("expected the cached failure")
    assert calls == ["https://x.vn/robots.txt"]


# RFC 9309 on the loopback test site (tests/site/content/robots.txt), through the real fetcher
RFC9309_CASES = [
    ("/private/bao-cao-noi-bo.htm", False),             # Disallow: /private/
    ("/private/cong-khai/ket-qua.htm", True),           # longer Allow: /private/cong-khai/ wins
    ("/tin-tuc/ban-in/bai-1.htm", False),               # "*" matches any section: /*/ban-in/
    ("/tin-tuc/ban-in-dep/bai-1.htm", True),            # ... but only that whole segment
    ("/tai-lieu/danh-sach.xls", False),                 # "$" anchors the end: /*.xls$
    ("/tai-lieu/danh-sach.xls?tai=1", True),            # ... so a query string escapes it
    ("/tai-lieu/danh-sach.xlsx", True),
    ("/thu-nghiem/hoa-binh.htm", True),                 # Allow and Disallow of equal length: Allow
    ("/tin-tuc/bai-1.htm", True),
]


def test_rfc9309_rules_on_the_test_site(site):
    from flows.fetch import Fetcher

    with Fetcher(allow_private=True, default_rate=100, timeout=2.0, retries=0) as fetcher:
        got = [(path, fetcher.robots_allowed(site.url(path), {site.host_key})) for path in
               (p for p, _ in RFC9309_CASES)]
    assert got == RFC9309_CASES
    assert site.count("/robots.txt") == 1


def test_urllib_robotparser_would_get_these_wrong():
    """Why protego: the standard library ignores wildcards and takes the first matching rule."""
    from urllib.robotparser import RobotFileParser

    text = "User-agent: *\nDisallow: /private/\nAllow: /private/cong-khai/\nDisallow: /*.xls$\n"
    stdlib = RobotFileParser()
    stdlib.parse(text.splitlines())
    ours = parse_robots(200, text)
    for url, allowed in [("https://x.vn/private/cong-khai/a.htm", True), ("https://x.vn/a.xls", False)]:
        assert ours.can_fetch("vnarchive", url) is allowed
        assert stdlib.can_fetch("vnarchive", url) is not allowed
