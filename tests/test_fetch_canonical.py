"""canonical_url and the URL safety rules (pure functions)."""
import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flows.canonical import canonical_url
from flows.urlsafety import check_url, host_allowed, host_key, is_private_ip


@pytest.mark.parametrize("url, expected", [
    ("HTTPS://BaoChinhPhu.VN/Tin-Tuc-102.htm", "https://baochinhphu.vn/Tin-Tuc-102.htm"),
    ("https://baochinhphu.vn:443/a.htm", "https://baochinhphu.vn/a.htm"),
    ("http://moha.gov.vn:80/a", "http://moha.gov.vn/a"),
    ("http://moha.gov.vn:8080/a", "http://moha.gov.vn:8080/a"),
    ("https://chinhphu.vn", "https://chinhphu.vn/"),
    ("https://chinhphu.vn/a.htm#binh-luan", "https://chinhphu.vn/a.htm"),
    ("https://chinhphu.vn/a.htm?utm_source=fb&utm_medium=social&fbclid=IwAR0&gclid=x",
     "https://chinhphu.vn/a.htm"),
    ("https://chinhphu.vn/?pageid=27160&docid=212345", "https://chinhphu.vn/?docid=212345&pageid=27160"),
    ("https://chinhphu.vn/?docid=212345&UTM_Campaign=x&pageid=27160", "https://chinhphu.vn/?docid=212345&pageid=27160"),
    ("  https://btdktw.gov.vn/tin-tuc/a.htm?zarsrc=30  ", "https://btdktw.gov.vn/tin-tuc/a.htm"),
    ("https://hanoi.gov.vn/t%E1%BB%95ng-k%E1%BA%BFt", "https://hanoi.gov.vn/t%E1%BB%95ng-k%E1%BA%BFt"),
    ("https://hanoi.gov.vn/tổng-kết", "https://hanoi.gov.vn/t%E1%BB%95ng-k%E1%BA%BFt"),
    ("https://hanoi.gov.vn/a?q=", "https://hanoi.gov.vn/a?q="),
    ("samples/bai-viet.txt", "samples/bai-viet.txt"),
])
def test_canonical_url(url, expected):
    assert canonical_url(url) == expected


def test_canonical_url_is_idempotent():
    u = "HTTPS://Example.VN:443/Tin/a b.htm?z=1&a=2&utm_term=x#top"
    assert canonical_url(canonical_url(u)) == canonical_url(u) == "https://example.vn/Tin/a%20b.htm?a=2&z=1"


def test_host_key_and_allowed_hosts():
    assert host_key("https://BaoChinhPhu.vn/a") == "baochinhphu.vn"
    assert host_key("http://127.0.0.1:8123/a") == "127.0.0.1:8123"
    allowed = {"chinhphu.vn", "*.chinhphu.vn", "127.0.0.1:8123"}
    assert host_allowed("https://vpcp.chinhphu.vn/x", allowed)
    assert host_allowed("https://chinhphu.vn/x", allowed)
    assert not host_allowed("https://evilchinhphu.vn/x", allowed)
    assert not host_allowed("https://chinhphu.vn:8443/x", allowed)
    assert host_allowed("http://127.0.0.1:8123/a", allowed)
    assert not host_allowed("http://127.0.0.1:8124/a", allowed)
    assert not host_allowed("http://localhost:8123/a", allowed)


@pytest.mark.parametrize("ip, private", [
    ("127.0.0.1", True), ("127.0.0.2", True), ("10.1.2.3", True), ("192.168.1.1", True),
    ("172.16.5.4", True), ("169.254.169.254", True), ("::1", True), ("fe80::1", True),
    ("::ffff:127.0.0.1", True), ("0.0.0.0", True), ("203.162.0.1", False), ("8.8.8.8", False),
])
def test_private_ranges(ip, private):
    assert is_private_ip(ipaddress.ip_address(ip)) is private


def test_check_url_reasons():
    assert check_url("file:///etc/passwd", {"x.vn"}).reason == "unsupported_scheme"
    assert check_url("https://other.vn/a", {"x.vn"}).reason == "host_not_allowed"
    assert check_url("http://169.254.169.254/latest/meta-data", {"169.254.169.254"}).reason == "private_address"
    assert check_url("http://[::1]:8080/", {host_key("http://[::1]:8080/")}).reason == "private_address"
    assert check_url("http://127.0.0.1:9/", {"127.0.0.1:9"}, allow_private=True) is None
    assert check_url("http://x.vn:notaport/", {"x.vn"}).reason == "invalid_url"


@pytest.mark.parametrize("url, expected", [
    ("https://x.vn/a%2541", "https://x.vn/a%2541"),            # an escaped "%" stays escaped
    ("https://x.vn/%7Etin%2ftuc", "https://x.vn/~tin%2Ftuc"),  # unreserved decoded, others upper-cased
    ("https://x.vn/50%", "https://x.vn/50%25"),
])
def test_canonical_path_escapes(url, expected):
    assert canonical_url(url) == expected


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30),
       st.dictionaries(st.sampled_from(["page", "id", "utm_source", "fbclid", "q", "docid"]),
                       st.text(max_size=8), max_size=4),
       st.text(max_size=6))
def test_canonical_url_idempotent_property(path, query, fragment):
    from urllib.parse import quote, urlencode
    url = f"HTTPS://Sub.Example.VN/{quote(path, safe='/%')}?{urlencode(query)}#{fragment}"
    once = canonical_url(url)
    assert canonical_url(once) == once
    assert "#" not in once and "utm_source" not in once and "fbclid" not in once
    assert once.startswith("https://sub.example.vn/")
