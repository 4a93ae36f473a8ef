"""nlp.document_fields: headline, publication date (not the site clock), bylines (not photo credits)."""
import pytest

from extractors.types import CleanDocument
from nlp.document_fields import is_date_line, news_authors, news_published, news_title
from nlp.pipeline import extract


def fields(text: str, **meta):
    return extract(CleanDocument(source="t.txt", uri="t.txt", text=text, format="txt", **meta)).document


CLOCK_FIRST = """Thứ tư, 03/01/2024, 08:05 [GMT+7]

Điện Biên phát động phong trào thi đua năm 2024

Thứ sáu, 29/12/2023 - 16:40'
Chiều 29/12, UBND tỉnh Điện Biên tổ chức hội nghị phát động phong trào thi đua.

Nội dung hội nghị tập trung vào các nhiệm vụ trọng tâm của năm mới.

P.V

Bình luận
"""


def test_clock_line_before_the_headline_is_not_the_publication_date():
    f = fields(CLOCK_FIRST)
    assert f.title == "Điện Biên phát động phong trào thi đua năm 2024"
    assert f.published == "2023-12-29"
    assert f.authors == ["P.V"]


@pytest.mark.parametrize("line,ok", [
    ("Thứ hai, 20/05/2024 - 13:50'", True), ("6:33 PM, 16/06/2020", True), ("25/08/2020 17:20", True),
    ("Thứ ba, 25/06/2024, 22:23 [GMT+7]", True), ("Ngày 16/6/2020, Cục tổ chức hội nghị", False),
    ("Hà Nội", False),
])
def test_date_lines(line, ok):
    assert is_date_line(line) is ok


def test_place_line_and_lead_before_the_date_line():
    text = ("Hà Nội\n\nSơ kết công tác cải cách hành chính 6 tháng đầu năm\n\n(Chinhphu.vn) - Sáng nay, Bộ Nội vụ "
            "tổ chức hội nghị sơ kết.\n\n14/07/2023 10:05\n\nNội dung chính của hội nghị.\n\nGia Khánh\n")
    idx, title = news_title(text)
    assert title == "Sơ kết công tác cải cách hành chính 6 tháng đầu năm"
    assert news_published(text, idx) == "2023-07-14"
    assert news_authors(text) == ["Gia Khánh"]


def test_caption_lines_are_not_the_title_and_no_date_line_means_none():
    text = ("|\nPhó Chủ tịch UBND tỉnh phát biểu. Ảnh: Minh Anh |\nTỉnh Yên Bái biểu dương điển hình tiên tiến\n"
            "Ngày 5/5/2022, tỉnh Yên Bái tổ chức hội nghị.\nHội nghị đã khen thưởng 20 tập thể.\nMinh Anh")
    f = fields(text)
    assert f.title == "Tỉnh Yên Bái biểu dương điển hình tiên tiến"
    assert f.published is None
    assert f.authors == ["Minh Anh"]


def test_photo_credit_alone_is_not_an_author():
    text = ("Tổng kết phong trào thi đua\n\n12/12/2022 09:00\n\nNội dung hội nghị. Ảnh: Quang Vinh\n\n"
            "Nhiều tập thể được khen thưởng trong dịp này, như đã nêu ở trên.\n")
    assert fields(text).authors == []


def test_metadata_from_the_clean_document_wins():
    f = fields(CLOCK_FIRST, title="Tiêu đề từ thẻ meta", published="2023-12-30T07:00:00+07:00", authors=["Lan Anh"])
    assert (f.title, f.published, f.authors) == ("Tiêu đề từ thẻ meta", "2023-12-30", ["Lan Anh"])


def test_several_bylines_are_split():
    text = "Hội nghị tổng kết ngành\n\n01/02/2021 08:00\n\nNội dung một.\n\nNội dung hai.\n\nThu Hà - Đức Minh\n"
    assert fields(text).authors == ["Thu Hà", "Đức Minh"]


BREADCRUMB_PAGE = """CỔNG THÔNG TIN ĐIỆN TỬ TỈNH BẮC KẠN
Trang chủ > Tin tức - Sự kiện > Kinh tế

Huyện Chợ Mới tuyên dương 45 hộ sản xuất giỏi năm 2024

Cập nhật: 09:10 | 05/12/2024

Sáng 4/12, UBND huyện Chợ Mới tổ chức hội nghị tuyên dương hộ sản xuất, kinh doanh giỏi.

Hội nghị đã trao giấy khen cho các hộ tiêu biểu.

NGỌC LAN

Từ khóa: sản xuất giỏi, Chợ Mới

Chia sẻ | In bài | Gửi email

Tin liên quan
- Một tin khác (01/12/2024)
"""


def test_portal_name_breadcrumbs_labelled_date_and_capital_byline():
    f = fields(BREADCRUMB_PAGE)
    assert f.title == "Huyện Chợ Mới tuyên dương 45 hộ sản xuất giỏi năm 2024"
    assert f.published == "2024-12-05"
    assert f.authors == ["NGỌC LAN"]


@pytest.mark.parametrize("head", [
    "Thời sự | Xã hội", "Xã hội",
])
def test_section_lines_are_not_the_headline(head):
    text = f"{head}\n\nXã Tân Lập đón nhận Cờ thi đua của Chính phủ\n\nĐăng ngày: 3 tháng 9, 2023\n\nNội dung.\n\nNội dung hai.\n\nHoài Nam (Đài Truyền thanh xã)\n"
    f = fields(text)
    assert f.title == "Xã Tân Lập đón nhận Cờ thi đua của Chính phủ"
    assert f.published == "2023-09-03"
    assert f.authors == ["Hoài Nam"]


@pytest.mark.parametrize("line,ok", [
    ("Cập nhật: 15:20 | 28/11/2025", True), ("Đăng ngày: 14 tháng 10, 2025", True),
    ("Ngày đăng: 02/03/2024 07:30", True), ("07-01-2025, 08:15", True),
    ("Cập nhật tình hình thi đua năm 2025", False),
])
def test_labelled_date_lines(line, ok):
    assert is_date_line(line) is ok


def test_site_name_in_sentence_case_and_a_date_line_with_a_view_counter():
    text = ("Trang thông tin điện tử huyện Mộc Châu\n"
            "Tin tức > Hoạt động\n\n"
            "03/04/2025 - 09:12 | Lượt xem: 872\n\n"
            "Huyện Mộc Châu khen thưởng 15 tập thể tiêu biểu trong phong trào thi đua yêu nước\n\n"
            "Sáng 3/4, UBND huyện Mộc Châu tổ chức hội nghị biểu dương điển hình tiên tiến.\n")
    idx, title = news_title(text)
    assert title == "Huyện Mộc Châu khen thưởng 15 tập thể tiêu biểu trong phong trào thi đua yêu nước"
    assert news_published(text, idx) == "2025-04-03"
    # a headline that only starts like a site name word is still a headline
    assert news_title("Báo cáo viên cấp tỉnh được tập huấn nghiệp vụ\n\nNội dung.")[1] == \
        "Báo cáo viên cấp tỉnh được tập huấn nghiệp vụ"


def test_site_banner_with_a_domain_name_is_not_the_headline():
    text = ("BAOTINHNHA.VN - BÁO ĐIỆN TỬ TỈNH NHÀ\n"
            "Chính trị > Xây dựng Đảng\n\n"
            "Đảng bộ Công an tỉnh tổng kết công tác năm 2025\n\n"
            "(BTN) - Sáng 12/12, Đảng bộ Công an tỉnh tổ chức hội nghị tổng kết.\n\n"
            "Cập nhật: 12/12/2025 11:05\n")
    idx, title = news_title(text)
    assert title == "Đảng bộ Công an tỉnh tổng kết công tác năm 2025"
    assert news_published(text, idx) == "2025-12-12"
