"""The source registry: the shipped sources.toml, validation messages, ad-hoc sources."""
import os

import pytest

from flows.fetch import Fetcher
from flows.sources import (Source, SourceConfigError, guess_kind, load_sources, per_host_rates, sniff_kind,
                           source_for_url)
from tests.site.fixtures import site  # noqa: F401

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def test_shipped_registry_loads():
    sources = {s.name: s for s in load_sources(os.path.join(REPO, "sources.toml"))}
    assert {"baochinhphu-thi-dua", "btdktw-tin-tuc", "moha-tin-tuc", "vpcp-tin-tuc"} <= set(sources)
    assert sources["baochinhphu-thi-dua"].kind == "rss"
    assert sources["baochinhphu-thi-dua"].allowed_hosts == {"baochinhphu.vn", "www.baochinhphu.vn"}
    assert "datafiles.chinhphu.vn" in sources["chinhphu-van-ban"].allowed_hosts
    assert sources["samples"].kind == "folder" and sources["samples"].url == os.path.join(REPO, "samples")
    for s in sources.values():
        assert 0 < s.rate_per_sec <= 1.0   # polite towards real government sites


def test_include_exclude():
    s = load_sources(os.path.join(REPO, "sources.toml"))[0]
    assert s.matches("https://baochinhphu.vn/so-noi-vu-102250301.htm")
    assert not s.matches("https://baochinhphu.vn/video/so-noi-vu-102250301.htm")
    assert not s.matches("https://baochinhphu.vn/so-noi-vu-102250301.html")


def _write(tmp_path, body):
    p = tmp_path / "sources.toml"
    p.write_text(body, encoding="utf-8")
    return str(p)


@pytest.mark.parametrize("body, message", [
    ('[[source]]\nkind = "rss"\nurl = "https://x.vn/rss"\n', "missing 'name'"),
    ('[[source]]\nname = "a"\nkind = "atom"\nurl = "https://x.vn/rss"\n', "'kind' must be one of"),
    ('[[source]]\nname = "a"\nkind = "rss"\nurl = "x.vn/rss"\n', "absolute http(s) URL"),
    ('[[source]]\nname = "a"\nkind = "rss"\nurl = "https://x.vn/rss"\ninclude = ["(unclosed"]\n', "bad regex in 'include'"),
    ('[[source]]\nname = "a"\nkind = "rss"\nurl = "https://x.vn/rss"\nrate_per_sec = 0\n', "'rate_per_sec' must be"),
    ('[[source]]\nname = "a"\nkind = "rss"\nurl = "https://x.vn/rss"\nmax_new_per_run = "10"\n', "'max_new_per_run' must be"),
    ('[[source]]\nname = "a"\nkind = "rss"\nurl = "https://x.vn/rss"\nrate = 2\n', "unknown field(s) rate"),
    ('[[source]]\nname = "a"\nkind = "rss"\nurl = "https://x.vn/rss"\n[[source]]\nname = "a"\nkind = "rss"\nurl = "https://y.vn/rss"\n',
     "source #2 ('a'): duplicate name"),
    ('[[source]]\nname = "a"\nkind = "urls"\n', "needs 'url'"),
    ('[[source\nname = "a"', "not valid TOML"),
])
def test_bad_entries_have_clear_messages(tmp_path, body, message):
    with pytest.raises(SourceConfigError) as e:
        load_sources(_write(tmp_path, body))
    assert message in str(e.value) and "sources.toml" in str(e.value)


def test_hosts_and_paths(tmp_path):
    path = _write(tmp_path, '[[source]]\nname = "a"\nkind = "rss"\nurl = "http://127.0.0.1:8765/feed.rss"\n'
                            'hosts = ["CDN.x.vn", "*.chinhphu.vn"]\n'
                            '[[source]]\nname = "b"\nkind = "urls"\nurl = "danh-sach.txt"\n')
    a, b = load_sources(path)
    assert a.allowed_hosts == {"127.0.0.1:8765", "cdn.x.vn", "*.chinhphu.vn"}   # no www. twin for an IP
    assert b.url == str(tmp_path / "danh-sach.txt") and a.max_new_per_run == 200 and a.max_pages == 5


@pytest.mark.parametrize("url, kind", [
    ("https://baochinhphu.vn/rss/thi-dua-khen-thuong.rss", "rss"),
    ("https://moha.gov.vn/feed", "rss"),
    ("https://baochinhphu.vn/sitemap.xml", "sitemap"),
    ("https://baochinhphu.vn/sitemaps/sitemap-2025-03.xml.gz", "sitemap"),
    ("https://baochinhphu.vn/so-noi-vu-don-nhan-huan-chuong-102250301.htm", "urls"),
])
def test_guess_kind(url, kind):
    assert guess_kind(url) == kind


def test_sniff_kind():
    assert sniff_kind(b'\xef\xbb\xbf<?xml version="1.0"?>\n<rss version="2.0">') == "rss"
    assert sniff_kind(b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom">') == "rss"
    assert sniff_kind(b'<?xml version="1.0"?><sitemapindex>') == "sitemap"
    assert sniff_kind(b"<!DOCTYPE html><html><body>Tin</body></html>") == "urls"
    assert sniff_kind(b"<!-- rss --><html><head><link type='application/rss+xml'><feed>") == "urls"
    assert sniff_kind(b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">') == "rss"


def test_source_for_url_sniffs_content(site):
    with Fetcher(allow_private=True, default_rate=100) as f:
        feed = source_for_url(site.url("/feed.atom"), fetcher=f)
        index = source_for_url(site.url("/sitemap_index.xml"), fetcher=f)
        page = source_for_url(site.article_url("huan-chuong"), fetcher=f)
    assert (feed.kind, feed.url) == ("rss", site.url("/feed.atom"))
    assert index.kind == "sitemap"
    assert page.kind == "urls" and page.urls == [site.article_url("huan-chuong")]
    assert page.allowed_hosts == {site.host_key} and page.max_new_per_run == 1
    assert source_for_url("https://baochinhphu.vn/rss/home.rss").kind == "rss"


def test_www_twin_and_per_host_rates():
    a = Source(name="a", kind="rss", url="https://www.chinhphu.vn/rss", rate_per_sec=0.5)
    b = Source(name="b", kind="sitemap", url="https://chinhphu.vn/sitemap.xml", rate_per_sec=0.2,
               hosts=["datafiles.chinhphu.vn"])
    assert a.allowed_hosts == {"www.chinhphu.vn", "chinhphu.vn"}
    assert per_host_rates([a, b]) == {"www.chinhphu.vn": 0.2, "chinhphu.vn": 0.2, "datafiles.chinhphu.vn": 0.2}
