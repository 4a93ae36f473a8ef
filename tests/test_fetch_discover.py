"""Discovery of document URLs from feeds, sitemaps, listings, URL lists and folders."""
import os

import pytest

from flows.discover import DiscoveryError, discover, document_links, next_page
from flows.feeds import FeedError, feed_links, parse_sitemap
from flows.fetch import Fetcher
from flows.sources import Source, load_sources
from tests.site.fixtures import site  # noqa: F401
from tests.site.server import vn_legacy_decompose


@pytest.fixture
def fetcher():
    f = Fetcher(allow_private=True, default_rate=100, timeout=1.0, retries=1, backoff=0.02)
    yield f
    f.close()


@pytest.fixture
def sources(site, tmp_path):
    return {s.name: s for s in load_sources(site.write_sources(str(tmp_path)))}


def _paths(site, urls):
    return [u.replace(site.base_url, "") for u in urls]


def test_rss_discovery_canonical_dedup_and_robots(site, fetcher, sources):
    found = discover(sources["site-rss"], fetcher)
    urls = found.urls
    assert [(u.replace(site.base_url, ""), reason) for u, reason, _m in found.refused] == \
        [(site.article_path("bi-mat"), "robots_disallowed")]                # reported, not silently dropped
    assert _paths(site, urls) == [site.article_path("huan-chuong"), site.article_path("bo-nhiem"),
                                  site.article_path("phong-trao")]   # guid permalink used for the third
    assert site.count(site.article_path("bi-mat")) == 0              # disallowed item never requested
    assert site.count("/robots.txt") == 1


def test_atom_discovery_prefers_alternate_links(site, fetcher, sources):
    urls = discover(sources["site-atom"], fetcher).urls
    assert _paths(site, urls) == [site.article_path("nhan-su-huyen"), site.article_path("tong-ket")]


def test_sitemap_index_with_gzip_child_and_missing_child(site, fetcher, sources):
    urls = _paths(site, discover(sources["site-sitemap"], fetcher).urls)
    assert urls == [site.article_path(k) for k in
                    ("huan-chuong", "bo-nhiem", "phong-trao", "thay-doi", "nhan-su-huyen", "tong-ket", "cp1258")]
    assert site.count("/sitemap-da-xoa.xml") == 1   # a 404 child is skipped, the rest still found


def test_listing_pagination_rel_next_then_trang_sau(site, fetcher, sources):
    urls = _paths(site, discover(sources["site-listing"], fetcher).urls)
    assert urls == [site.article_path(k) for k in
                    ("huan-chuong", "bo-nhiem", "phong-trao", "nhan-su-huyen", "tong-ket")] + \
        ["/van-ban/ke-hoach-45-kh-ubnd.pdf"]
    listing = [p for p in site.paths() if p.startswith("/danh-muc/")]
    assert listing == ["/danh-muc/thi-dua-khen-thuong.htm", "/danh-muc/thi-dua-khen-thuong.htm?page=2",
                       "/danh-muc/thi-dua-khen-thuong.htm?page=3"]


def test_listing_respects_max_pages_and_include(site, fetcher, sources):
    s = sources["site-listing"]
    one = Source(name="l1", kind="listing", url=s.url, max_pages=1, include=[r"/tin-tuc/"])
    assert _paths(site, discover(one, fetcher).urls) == [site.article_path("huan-chuong"), site.article_path("bo-nhiem")]
    assert site.count("/danh-muc/thi-dua-khen-thuong.htm?page=2") == 0


def test_next_page_by_page_number_only():
    page = '<html><body><a href="/tin?page=2">2</a> <a href="/tin?page=3">3</a></body></html>'
    assert next_page(page, "https://x.vn/tin?page=2") == "https://x.vn/tin?page=3"
    assert next_page(page, "https://x.vn/tin") == "https://x.vn/tin?page=2"
    path_style = '<a href="/tin-tuc/trang-3.htm">3</a>'
    assert next_page(path_style, "https://x.vn/tin-tuc/trang-2.htm") == "https://x.vn/tin-tuc/trang-3.htm"
    assert next_page("<p>het</p>", "https://x.vn/tin?page=9") is None
    worded = '<a href="/tin?page=1">Trang trước</a><a href="/tin?trang=8">Trang sau »</a>'
    assert next_page(worded, "https://x.vn/tin?trang=7") == "https://x.vn/tin?trang=8"


def test_urls_source_inline_and_file(site, fetcher, sources, tmp_path):
    urls = _paths(site, discover(sources["site-urls"], fetcher).urls)
    assert urls == [site.article_path("cp1258"), "/van-ban/ke-hoach-45-kh-ubnd.pdf", "/van-ban/ke-hoach-45-kh-ubnd.docx"]
    listed = tmp_path / "urls.txt"
    listed.write_text(f"# bài cần lấy\n{site.article_url('bo-nhiem')}?utm_source=x\n\n"
                      f"{site.article_url('bi-mat')}\nhttps://khac.example.vn/a-12345.htm\n", encoding="utf-8")
    src = Source(name="f", kind="urls", url=str(listed), hosts=[site.host_key])
    assert _paths(site, discover(src, fetcher).urls) == [site.article_path("bo-nhiem")]


def test_folder_source(tmp_path, fetcher):
    (tmp_path / "a.txt").write_text("Quyết định khen thưởng", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "c.png").write_bytes(b"\x89PNG")
    src = Source(name="thu-muc", kind="folder", url=str(tmp_path), exclude=[r"\.pdf$"])
    assert discover(src, fetcher).urls == [os.path.join(str(tmp_path), "a.txt")]
    with pytest.raises(DiscoveryError) as e:
        discover(Source(name="x", kind="folder", url=str(tmp_path / "khong-co")), fetcher)
    assert e.value.reason == "not_found"


def test_xml_bomb_is_refused_not_expanded(site, fetcher):
    src = Source(name="bom", kind="rss", url=site.url("/bom/feed.rss"))
    with pytest.raises(DiscoveryError) as e:
        discover(src, fetcher)
    assert e.value.reason == "xml_unsafe" and "not expanded" in e.value.message


def test_feed_parsers_reject_bad_xml():
    with pytest.raises(FeedError) as e:
        feed_links(b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>',
                   "https://x.vn/")
    assert e.value.reason == "xml_unsafe"
    with pytest.raises(FeedError) as e:
        feed_links(b"<rss><channel><item><link>https://x.vn/a", "https://x.vn/")
    assert e.value.reason == "xml_invalid"
    with pytest.raises(FeedError) as e:
        parse_sitemap(b"<html><body>khong phai sitemap</body></html>", "https://x.vn/")
    assert e.value.reason == "not_a_feed"


def test_rdf_feed_links():
    rdf = (b'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
           b'<item rdf:about="https://x.vn/a-1.htm"><title>A</title></item>'
           b'<item rdf:about="https://x.vn/b-2.htm"><link>https://x.vn/b-2.htm?x=1</link></item></rdf:RDF>')
    assert feed_links(rdf, "https://x.vn/") == ["https://x.vn/a-1.htm", "https://x.vn/b-2.htm?x=1"]


def test_feed_fetch_failure_is_a_discovery_error(site, fetcher):
    with pytest.raises(DiscoveryError) as e:
        discover(Source(name="mat", kind="rss", url=site.url("/feed-da-xoa.rss")), fetcher)
    assert e.value.reason == "http_error"


def test_document_links_on_plan_page(site, fetcher):
    res = fetcher.fetch(site.url("/van-ban/ke-hoach-45-kh-ubnd.htm"), allowed_hosts={site.host_key})
    links = _paths(site, document_links(res.item.data, res.final_url))
    assert links == ["/van-ban/ke-hoach-45-kh-ubnd.pdf", "/van-ban/ke-hoach-45-kh-ubnd.docx",
                     "/tai-ve?file=phu-luc-45.PDF"]
    assert document_links("", "https://x.vn/") == []
    assert document_links('<a href="javascript:void(0)">x.pdf</a><a href="ftp://x.vn/a.pdf">f</a>', "https://x.vn/") == []


def test_feed_in_an_encoding_expat_lacks():
    xml = ('<?xml version="1.0" encoding="windows-1258"?><rss version="2.0"><channel><item>'
           '<title>Tặng Bằng khen</title><link>https://x.vn/tang-bang-khen-102.htm</link></item></channel></rss>')
    data = vn_legacy_decompose(xml).encode("cp1258")
    assert feed_links(data, "https://x.vn/") == ["https://x.vn/tang-bang-khen-102.htm"]
