"""The local test site itself: encodings, generated documents, validators on every page."""
import io
import unicodedata

import httpx
import pytest

from tests.site.fixtures import site  # noqa: F401
from tests.site.server import DOCX_PATH, PDF_PATH, vn_legacy_decompose


@pytest.fixture(scope="module")
def http():
    with httpx.Client() as c:
        yield c


def test_windows_1258_page(site, http):
    r = http.get(site.article_url("cp1258"))
    assert r.headers["content-type"] == "text/html; charset=windows-1258"
    with pytest.raises(UnicodeDecodeError):
        r.content.decode("utf-8")
    text = r.content.decode("cp1258")
    assert "\u0301" in text or "\u0300" in text            # tone marks are combining characters
    assert "Vì sự nghiệp xây dựng tổ chức nhà nước" in unicodedata.normalize("NFC", text)


def test_vn_legacy_decompose_round_trips():
    s = "Huân chương Lao động hạng Ba, Bằng khen, Cờ thi đua, ặ ự ỡ Đ"
    out = vn_legacy_decompose(s)
    assert out != s and unicodedata.normalize("NFC", out.encode("cp1258").decode("cp1258")) == s


def test_generated_plan_documents(site, http):
    import docx
    import pypdf
    pdf = http.get(site.url(PDF_PATH))
    assert pdf.content.startswith(b"%PDF") and pdf.headers["etag"]
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "45/KH-UBND" in text and "Đông Lâm chung sức chuyển đổi số" in text
    d = docx.Document(io.BytesIO(http.get(site.url(DOCX_PATH)).content))
    assert any("Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh" in p.text for p in d.paragraphs)


@pytest.mark.parametrize("path", ["/feed.rss", "/feed.atom", "/sitemap_index.xml", "/robots.txt",
                                  "/danh-muc/thi-dua-khen-thuong.htm?page=2", PDF_PATH])
def test_validators_and_304_on_every_page(site, http, path):
    first = http.get(site.url(path))
    assert first.status_code == 200 and first.headers["etag"] and first.headers["last-modified"]
    by_etag = http.get(site.url(path), headers={"If-None-Match": first.headers["etag"]})
    by_date = http.get(site.url(path), headers={"If-Modified-Since": first.headers["last-modified"]})
    assert by_etag.status_code == by_date.status_code == 304 and by_etag.content == b""
    stale = http.get(site.url(path), headers={"If-None-Match": '"cu"'})
    assert stale.status_code == 200 and stale.content == first.content


def test_bump_changes_content_and_validators(site, http):
    path = site.article_path("huan-chuong")
    before = http.get(site.url(path))
    assert site.bump(path) == 2
    after = http.get(site.url(path), headers={"If-None-Match": before.headers["etag"]})
    assert after.status_code == 200 and after.content != before.content
    assert after.headers["etag"] != before.headers["etag"]


def test_two_layouts_have_furniture_around_the_article(site, http):
    a = http.get(site.article_url("huan-chuong")).text
    b = http.get(site.article_url("tong-ket")).text
    for marker in ('class="breadcrumb"', 'class="share-buttons"', "Tin liên quan", 'class="comment-form"', "<footer"):
        assert marker in a
    for marker in ('id="menu-ngang"', "Bạn đang ở:", "Các tin khác", "Ý kiến bạn đọc", 'id="footer"'):
        assert marker in b
    assert "Quyết định số 1234/QĐ-CTN" in a and "Cờ thi đua của Ủy ban nhân dân tỉnh Đông Lâm" in b


def test_request_log_and_sources_file(site, http, tmp_path):
    http.get(site.url("/feed.rss"), headers={"User-Agent": "kiem-thu"})
    req = site.requests_for("/feed.rss")[0]
    assert req.method == "GET" and req.headers["user-agent"] == "kiem-thu"
    text = open(site.write_sources(str(tmp_path)), encoding="utf-8").read()
    assert site.base_url in text and text.count("[[source]]") == 5
    site.reset()
    assert site.paths() == []
