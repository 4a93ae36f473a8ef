"""Generic HTML extraction (no site profile): two page layouts, metadata, furniture removal,
charsets and hostile markup."""
from __future__ import annotations

import json
import time
import unicodedata
from pathlib import Path

import pytest
import lxml.html

from extractors.charset import encode_cp1258
from extractors.html_body import article_container, filter_paragraphs, split_closing_lines
from extractors.html_meta import clean_author, split_authors
from extractors.html_tree import blocks
from tests.page_gold import misses, parse_like_extract_text
from extractors.read import read_raw
from extractors.types import ExtractionError, RawItem

HTML = Path(__file__).parent / "fixtures" / "html"


def _page(name: str, url: str = "https://sonoivu.hamau.gov.vn/tin-tuc/bai-1.html", **kw):
    return read_raw(RawItem(uri=url, data=(HTML / name).read_bytes(), status=200, **kw))


def test_blog_layout_page():
    doc = _page("blog_layout.html", content_type="text/html; charset=utf-8")
    assert doc.title == "Sở Nội vụ tỉnh Hà Mẫu tổng kết công tác thi đua, khen thưởng năm 2023"
    assert doc.published == "2024-01-12"
    assert doc.meta["published_time"] == "2024-01-12T08:45"
    assert doc.authors == ["Vũ Thị Ngọc Ánh"]
    paras = doc.text.split("\n\n")
    assert paras[0].startswith("Sáng 12/01, Sở Nội vụ tỉnh Hà Mẫu tổ chức hội nghị")
    assert paras[-1].startswith("Tại hội nghị, Ban Thi đua - Khen thưởng tỉnh được tặng Cờ thi đua")
    assert "Giám đốc Sở Nội vụ Phan Thanh Bình đánh giá" in doc.text
    for furniture in ("Trang chủ", "Văn bản chỉ đạo", "Hotline", "Chia sẻ", "In bài viết", "Tin liên quan",
                      "Chung sức xây dựng nông thôn mới", "bình luận", "Bài viết rất hay", "Từ khóa",
                      "Thông báo tuyển dụng", "Trần Hưng Đạo", "22/01/2024"):
        assert furniture not in doc.text, furniture


def test_table_layout_portal_mislabelled_latin1():
    """An old table-laid portal page labelled iso-8859-1 that is really UTF-8, no <h1>, no meta date."""
    doc = _page("table_portal.html", content_type="text/html; charset=ISO-8859-1")
    assert doc.meta["charset"] == "utf-8"
    assert doc.title == "Huyện Sơn Khê trao Bằng khen cho 18 tập thể tiêu biểu trong cải cách hành chính"
    assert doc.published == "2020-06-16"          # the "Cập nhật" line, not the header's 20/06/2020
    assert doc.text.startswith("Chiều 16/6, Ủy ban nhân dân huyện Sơn Khê tổ chức hội nghị sơ kết")
    assert "Chủ tịch Ủy ban nhân dân huyện Đặng Văn Hùng" in doc.text
    assert "tặng Giấy khen" in doc.text
    for furniture in ("Trang chủ", "Giới thiệu chung", "Danh mục", "Văn bản mới", "In trang", "Về đầu trang",
                      "Các tin khác", "chuyển đổi số", "Bản quyền", "Thứ bảy"):
        assert furniture not in doc.text, furniture


def test_windows_1258_page_decodes_to_nfc():
    text = ("<html><head><meta charset=\"windows-1258\"><title>Tin</title></head><body><article>"
            "<h1>Trao Huân chương Lao động hạng Ba cho Sở Tư pháp</h1><p>Ngày 03/4/2024</p>"
            + "<p>Ủy ban nhân dân tỉnh đề nghị Chủ tịch nước tặng thưởng Huân chương Lao động hạng Ba "
              "cho tập thể Sở Tư pháp vì đã có thành tích xuất sắc trong công tác.</p>" * 3
            + "</article></body></html>")
    data = encode_cp1258(text)
    assert data != text.encode("utf-8")
    doc = read_raw(RawItem(uri="https://snv.example.vn/a.html", data=data, status=200))
    assert doc.meta["charset"] == "cp1258"
    assert doc.title == "Trao Huân chương Lao động hạng Ba cho Sở Tư pháp"
    assert "Huân chương Lao động hạng Ba cho tập thể Sở Tư pháp" in doc.text
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.published == "2024-04-03"


def test_invalid_bytes_in_html_give_invalid_encoding():
    data = b"<html><body><p>" + bytes(range(0x80, 0x100)) * 20 + b"</p></body></html>"
    with pytest.raises(ExtractionError) as e:
        read_raw(RawItem(uri="https://x.example.vn/a.html", data=data, content_type="text/html; charset=utf-8"))
    assert e.value.reason == "invalid_encoding"


SENTENCE = "Văn bản nằm rất sâu trong trang, nói về phong trào thi đua yêu nước của huyện."


@pytest.mark.parametrize("body", [
    "<div>" * 10_000 + f"<p>{SENTENCE}</p>" + "</div>" * 10_000,
    "<div>" * 10_000 + f"<p>{SENTENCE}</p>",                                 # never closed
    "<p>" + "<span>" * 10_000 + SENTENCE + "</span>" * 10_000 + "</p>",
    "<table><tr><td>" * 3_000 + SENTENCE + "</td></tr></table>" * 3_000,
], ids=["div", "unclosed", "span", "table"])
def test_deeply_nested_html_neither_crashes_nor_hangs(body):
    data = f"<html><head><title>Trang lồng sâu</title></head><body>{body}</body></html>".encode()
    started = time.monotonic()
    doc = read_raw(RawItem(uri="https://x.example.vn/deep.html", data=data, status=200))
    assert SENTENCE in doc.text
    assert time.monotonic() - started < 5


def test_control_characters_in_a_page_are_dropped_not_a_parser_failure():
    # a stray control byte after a removed box's text (a truncated capture, a bad CMS export):
    # moving that text when the box is pruned must not fail, and the article is read
    data = ("<html><body><div class='noidung'><p>" + SENTENCE + "\x01</p><p>Đoạn hai\x0cvẫn là bài viết, "
            "dài đủ để đọc như một đoạn văn của bài.</p></div><div class='share'>Chia sẻ</div>\x01"
            "<div class='lienquan'><a>Tin khác</a></div>\x02\x1f</body></html>").encode()
    doc = read_raw(RawItem(uri="https://x.example.vn/bai.html", data=data, status=200))
    assert SENTENCE in doc.text and "Đoạn hai vẫn là bài viết" in doc.text
    assert not any(c in doc.text for c in "\x01\x02\x0c\x1f")


def test_article_container_is_the_prose_container():
    prose = "".join(f"<p>Đoạn {i}: Ủy ban nhân dân xã đã triển khai kế hoạch thi đua, khen thưởng, "
                    "tổng kết phong trào và biểu dương các gương điển hình tiên tiến.</p>" for i in range(4))
    tree = lxml.html.document_fromstring(
        f"<body><div class='menu'><p><a>Trang chủ</a> <a>Giới thiệu chung về xã</a></p></div>"
        f"<div class='noidung'>{prose}</div><div class='lienquan'><p><a>Tin cũ hơn về thi đua"
        f" khen thưởng của huyện</a></p></div></body>")
    paras = blocks(article_container(tree).element)
    assert len(paras) == 4 and paras[0].startswith("Đoạn 0:")


def test_blocks_split_at_block_tags_and_br():
    div = lxml.html.fragment_fromstring("<div>Mở đầu<p>Đoạn <b>một</b>.</p>Giữa<br>Sau ngắt<table><tr><td>Họ tên</td>"
                                        "<td>Chức vụ</td></tr></table><script>var x=1;</script>Cuối</div>")
    assert blocks(div) == ["Mở đầu", "Đoạn một.", "Giữa", "Sau ngắt", "Họ tên\tChức vụ", "Cuối"]


def test_filter_paragraphs_cuts_related_list_and_tool_lines():
    paras = ["Tin liên quan", "Nội dung chính của bài viết.", "Chia sẻ | In bài", "16/06/2020 18:33",
             "Xem thêm: Lan tỏa những tấm gương người tốt, việc tốt trong phong trào thi đua yêu nước",
             "Xem thêm", "Đoạn cuối của bài.", "Tin liên quan:", "Một bài khác"]
    assert filter_paragraphs(paras) == ["Nội dung chính của bài viết.", "Đoạn cuối của bài."]


@pytest.mark.parametrize("text,expected", [
    ("Hoàng Giang", "Hoàng Giang"),
    ("Theo Minh Anh/VGP", "Minh Anh"),
    ("Bài và ảnh: Trần Thu Hà", "Trần Thu Hà"),
    ("Ảnh: Hoàng Giang", None),
    ("baochinhphu.vn", None),
    ("Cổng thông tin điện tử", None),
    ("Báo Điện tử Chính phủ", None),
])
def test_clean_author(text, expected):
    assert clean_author(text) == expected


def test_split_authors():
    assert split_authors("Thu Hà - Minh Anh") == ["Thu Hà", "Minh Anh"]
    assert split_authors("NHẬT XUÂN và NGHI VŨ") == ["NHẬT XUÂN", "NGHI VŨ"]
    assert split_authors("Nguyên Minh - 07/03/2026 08:47") == ["Nguyên Minh"]


@pytest.mark.parametrize("text,expected", [
    ("Hà Thu (tổng hợp)", "Hà Thu"),
    ("Hương Giang (TTXVN/Vietnam+)", "Hương Giang"),
    ("Thực hiện: Minh Anh", "Minh Anh"),
    ("T.Nguyên", "T.Nguyên"),
    ("TTXVN", None),                        # an agency
    ("Theo Nhịp sống thị trường", None),    # a publication, not a name
    ("Theo Đại Đoàn Kết", None),            # a known outlet, even in title case
    ("VnExpress", None),                    # one word: a site
    ("Báo Tin tức", None),
    ("Xem các bài viết của tác giả", None),
])
def test_bylines_are_people(text, expected):
    assert clean_author(text) == expected


def test_site_name_is_not_an_author():
    assert clean_author("TUOI XANH ONLINE", {"tuoixanh"}) is None
    assert clean_author("Dân Việt Mẫu", {"danvietmau"}) is None


LONG = "Đây là một câu dài của bài viết, kết thúc bằng dấu chấm như mọi câu văn khác trong bài."


@pytest.mark.parametrize("tail,body_ends_with,names", [
    (["Hà Thu (tổng hợp)"], LONG, ["Hà Thu"]),
    (["Theo TTXVN"], LONG, []),
    (["Minh Quang", "Theo Nhịp sống thị trường"], LONG, ["Minh Quang"]),
    (["Nguồn: Sở Nội vụ"], LONG, []),
    (["PV"], LONG, []),
    (["Theo kế hoạch, dự án hoàn thành vào năm 2025."], "Theo kế hoạch, dự án hoàn thành vào năm 2025.", []),
    (["Kết luận của hội nghị"], "Kết luận của hội nghị", []),       # not a name: stays
])
def test_closing_byline_and_source_lines_leave_the_body(tail, body_ends_with, names):
    body, got = split_closing_lines([LONG, LONG] + tail, set(), split_authors)
    assert body[-1] == body_ends_with and got == names


def test_inline_related_box_does_not_end_the_body():
    links = frozenset({"Một bài khác về thi đua khen thưởng của tỉnh"})
    paras = [LONG, "Tin liên quan", "Một bài khác về thi đua khen thưởng của tỉnh", LONG + " Hai.",
             LONG + " Ba."]
    assert filter_paragraphs(paras, not_text=links) == [LONG, LONG + " Hai.", LONG + " Ba."]
    # at the end of the article the box ends it: teasers and their short summaries are not article text
    tail = [LONG, "Tin liên quan", "Một bài khác về thi đua khen thưởng của tỉnh", "Tóm tắt ngắn của bài khác."]
    assert filter_paragraphs(tail, not_text=links) == [LONG]



LAYOUTS = sorted((HTML / "layouts").glob("*.html"))


@pytest.mark.parametrize("page", LAYOUTS, ids=lambda p: p.stem)
def test_invented_page_in_an_older_layout(page):
    """Invented pages in the layouts Vietnamese news and government sites used from 2011 on
    (ASP.NET forms, table portals, dates above the title, closing bold bylines, "Theo TTXVN",
    JSON-LD in UTC, logo <h1>s, split bodies), with gold written by hand like ../shared/html-real's."""
    gold = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    assert misses(parse_like_extract_text(str(page)), gold) == {}
