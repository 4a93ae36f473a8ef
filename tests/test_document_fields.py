"""nlp.document_fields: headline, publication date (not the site clock), bylines (not photo credits)."""
import pytest

from extractors.types import CleanDocument
from nlp.dates import is_date_line
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
    f = fields(text)
    assert f.title == "Sơ kết công tác cải cách hành chính 6 tháng đầu năm"
    assert f.published == "2023-07-14"
    assert f.authors == ["Gia Khánh"]


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


def test_the_byline_above_a_list_of_related_events_is_the_closing_line():
    text = ("Hội nghị tổng kết ngành\n\n01/02/2021 08:00\n\nNội dung một.\n\nNội dung hai.\n\n"
            "Thu Hà – Đức Minh\n\nSự kiện liên quan\n\nXem thêm sự kiện\n")
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
    f = fields(text)
    assert f.title == "Huyện Mộc Châu khen thưởng 15 tập thể tiêu biểu trong phong trào thi đua yêu nước"
    assert f.published == "2025-04-03"
    # a headline that only starts like a site name word is still a headline
    assert fields("Báo cáo viên cấp tỉnh được tập huấn nghiệp vụ\n\nNội dung.").title == \
        "Báo cáo viên cấp tỉnh được tập huấn nghiệp vụ"


def test_site_banner_with_a_domain_name_is_not_the_headline():
    text = ("BAOTINHNHA.VN - BÁO ĐIỆN TỬ TỈNH NHÀ\n"
            "Chính trị > Xây dựng Đảng\n\n"
            "Đảng bộ Công an tỉnh tổng kết công tác năm 2025\n\n"
            "(BTN) - Sáng 12/12, Đảng bộ Công an tỉnh tổ chức hội nghị tổng kết.\n\n"
            "Cập nhật: 12/12/2025 11:05\n")
    f = fields(text)
    assert f.title == "Đảng bộ Công an tỉnh tổng kết công tác năm 2025"
    assert f.published == "2025-12-12"


# --- real page layouts (texts invented for the tests) ---------------------------------------

def test_side_widgets_and_buttons_above_the_headline_are_skipped():
    text = ("Tin mới nhất\nThống kê truy cập\n  • Đang online: 12\n  • Hôm nay: 310\nĐăng nhập\n"
            "PrintAaa\n\n"
            "Huyện Tân Phước tổng kết phong trào thi đua yêu nước năm 2024\n"
            "Lượt xem: 58\n\n"
            "Chiều 20/12, UBND huyện Tân Phước tổ chức hội nghị tổng kết phong trào thi đua yêu nước.\n")
    f = fields(text)
    assert f.title == "Huyện Tân Phước tổng kết phong trào thi đua yêu nước năm 2024"
    assert f.published is None


def test_the_site_owner_above_the_date_line_is_not_the_headline():
    text = ("Ban Thi đua - Khen thưởng tỉnh Kon Tum\n\n09:15:02 , 14/03/2019\n\n"
            "Nâng cao chất lượng thẩm định hồ sơ khen thưởng cấp cơ sở\n\nEmail In PDF.\n\n"
            "Thời gian qua, công tác thẩm định hồ sơ đề nghị khen thưởng đã có nhiều chuyển biến.\n")
    f = fields(text)
    assert f.title == "Nâng cao chất lượng thẩm định hồ sơ khen thưởng cấp cơ sở"
    assert f.published == "2019-03-14"


def test_text_that_starts_with_the_lead_has_no_headline():
    text = ("Ngày 3-4, Thủ tướng Chính phủ đã ký quyết định bổ nhiệm ông Trần Văn Bình giữ chức Thứ trưởng "
            "Bộ Nội vụ.\n\nÔng Trần Văn Bình sinh năm 1972, quê tỉnh Hà Lâm.\n\nM.Hòa\n")
    f = fields(text)
    assert f.title is None
    assert f.authors == ["M.Hòa"]


def test_a_caption_after_the_lead_is_not_the_headline():
    text = (" date 2024-04-09 Ngày 8-4, Ủy ban nhân dân tỉnh Hà Lâm tổ chức lễ trao tặng danh hiệu "
            "Anh hùng Lao động cho hai tập thể.\n\n"
            "Phó Chủ tịch UBND tỉnh trao danh hiệu cho các tập thể\n\nNội dung buổi lễ được truyền hình trực tiếp.\n")
    f = fields(text)
    assert f.title is None
    assert f.published == "2024-04-09"


def test_a_year_month_stamp_takes_the_day_of_the_lead():
    text = (" date 2024-05 Theo dõi Báo Hà Lâm trên\n\n"
            "(HLO) - Sáng 21/5, tại kỳ họp thứ 12, HĐND tỉnh tiến hành công tác thi đua - khen thưởng.\n\n"
            "Nội dung kỳ họp.\n")
    assert fields(text).published == "2024-05-21"
    other_month = text.replace("Sáng 21/5", "Sáng 30/4")
    assert fields(other_month).published is None


def test_a_full_stamp_alone_on_its_line():
    text = " date 2023-11-18 (HLTV) -\n\nTrong khuôn khổ đại hội, Đảng và Nhà nước trao tặng nhiều danh hiệu cao quý.\n"
    f = fields(text)
    assert (f.title, f.published) == (None, "2023-11-18")


def test_the_day_a_lead_calls_today_takes_the_year_the_head_names():
    text = ("Tôn vinh 80 điển hình tiên tiến năm 2024\n\n"
            "Sáng nay 12/6, UBND tỉnh tổ chức hội nghị tôn vinh điển hình tiên tiến năm 2024.\n")
    assert fields(text).published == "2024-06-12"
    two_years = text.replace("tiên tiến năm 2024.", "tiên tiến năm 2024 và năm 2023.")
    assert fields(two_years).published is None
    not_today = text.replace("Sáng nay 12/6", "Sáng 12/6")
    assert fields(not_today).published is None


def test_a_section_and_label_before_the_date_and_table_cell_bars():
    text = ("Ngành Tư pháp phát động thi đua năm 2025 |\n11-2-2025 |\n"
            "Ngày 10/02/2025, Bộ Tư pháp ban hành kế hoạch phát động phong trào thi đua. |\n"
            "Nội dung phong trào gồm nhiều đợt thi đua. |\nMinh Thư |\n")
    f = fields(text)
    assert (f.title, f.published, f.authors) == ("Ngành Tư pháp phát động thi đua năm 2025", "2025-02-11", ["Minh Thư"])
    text = ("Hội nghị cán bộ chủ chốt toàn tỉnh\nThời sự - Ngày đăng : 07:45, 03/02/2022\n"
            "Các đại biểu dự hội nghị tại điểm cầu tỉnh.\nNội dung hội nghị tập trung vào nhiệm vụ năm mới.\n")
    assert fields(text).published == "2022-02-03"


def test_author_name_above_the_headline():
    text = ("Nguyễn Hà Phương\n\nTỉnh Hà Lâm trao tặng Huân chương Lao động cho 3 cá nhân\n\n"
            "Sáng 8/7, tại kỳ họp HĐND tỉnh, thừa ủy quyền của Chủ tịch nước, Bí thư Tỉnh ủy trao Huân chương.\n\n"
            "Nội dung tiếp theo của bài viết.\n")
    f = fields(text)
    assert f.title == "Tỉnh Hà Lâm trao tặng Huân chương Lao động cho 3 cá nhân"
    assert f.authors == ["Nguyễn Hà Phương"]


def test_closing_byline_with_the_authors_office():
    text = ("Sở Nội vụ sơ kết công tác cải cách hành chính\n\n"
            "Sáng 4/7, Sở Nội vụ tổ chức hội nghị sơ kết công tác cải cách hành chính 6 tháng đầu năm.\n\n"
            "Nội dung hội nghị./.\n\nMinh Khoa - Phòng Cải cách hành chính\n")
    assert fields(text).authors == ["Minh Khoa"]
    assert fields(text.replace("Minh Khoa - Phòng", "Minh Khoa - một phòng")).authors == []


def test_a_stamp_may_open_the_headline_or_a_follow_prompt():
    text = (" date 2024-03 Lấy ý kiến Nhân dân về đề nghị tặng Huân chương Lao động cho hai tập thể\n\n"
            "Sở Nội vụ tỉnh vừa có văn bản lấy ý kiến Nhân dân về việc khen thưởng cho các tập thể.\n")
    assert fields(text).title == "Lấy ý kiến Nhân dân về đề nghị tặng Huân chương Lao động cho hai tập thể"
    prompt = (" date 2024-03 Theo dõi Báo Hà Lâm trên\n\n"
              "(HLO) - Sáng 2/3, Sở Nội vụ tổ chức hội nghị triển khai nhiệm vụ năm 2024 và ký giao ước thi đua.\n")
    f = fields(prompt)
    assert (f.title, f.published) == (None, "2024-03-02")


def test_a_portal_page_publishing_a_notice_under_its_record_line():
    text = ("Thông báo lịch tiếp công dân tháng 6 năm 2024 của lãnh đạo huyện\n"
            "Tác giả: Văn phòng HĐND và UBND huyện .Ngày đăng: 03/06/2024 .Lượt xem: 215 lượt.\n"
            "Thông báo số 88/TB-UBND ngày 31/5/2024 của UBND huyện Mỹ Sơn V/v lịch tiếp công dân tháng 6 năm 2024 "
            "của lãnh đạo huyện\n"
            "Tải về: 88-TB-UBND.pdf\n\n"
            "Thực hiện Luật Tiếp công dân, UBND huyện thông báo lịch tiếp công dân như sau:\n")
    f = fields(text)
    assert (f.kind, f.doc_type, f.doc_number, f.published) == ("notice", "Thông báo", "88/TB-UBND", "2024-05-31")
    assert f.issuer == "UBND huyện Mỹ Sơn"
    assert f.title == "Thông báo lịch tiếp công dân tháng 6 năm 2024 của lãnh đạo huyện"
    assert f.authors == ["Văn phòng HĐND và UBND huyện"]


def test_a_news_lead_that_cites_a_notice_is_not_the_notice():
    text = ("Huyện Mỹ Sơn công bố lịch tiếp công dân\n"
            "Thông báo số 88/TB-UBND ngày 31/5/2024 của UBND huyện Mỹ Sơn V/v lịch tiếp công dân tháng 6 năm 2024\n"
            "Theo đó, lãnh đạo huyện tiếp công dân vào thứ Năm hằng tuần tại trụ sở.\n")
    assert fields(text).kind == "news"


def test_the_signer_from_a_portal_metadata_table():
    text = ("Công văn 77/SNV-TĐKT năm 2024 hướng dẫn khen thưởng\n"
            "Số hiệu: 77/SNV-TĐKT Loại văn bản: Công văn\n"
            "Nơi ban hành: Sở Nội vụ tỉnh Hà Lâm Người ký: Lưu Thị Hằng\n"
            "Ngày ban hành: 12/03/2024 Ngày hiệu lực: Đã biết\n\n"
            "SỞ NỘI VỤ TỈNH HÀ LÂM\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 77/SNV-TĐKT\nV/v hướng dẫn khen thưởng năm 2024\nHà Lâm, ngày 12 tháng 3 năm 2024\n\n"
            "Kính gửi: Các sở, ban, ngành tỉnh.\n")
    f = fields(text)
    assert (f.kind, f.signer.name, f.signer.title) == ("official_letter", "Lưu Thị Hằng", None)


def test_a_date_and_clock_printed_at_the_end_of_a_headline_is_not_the_title():
    f = fields(" date 2024-09-05 Ba trường học đón nhận Huân chương Lao động 05/09/2024 09:42\n\n"
               "Sáng nay, ba trường học của huyện Mỹ Sơn đã vinh dự đón nhận Huân chương Lao động hạng Ba.\n")
    assert f.title == "Ba trường học đón nhận Huân chương Lao động"


MOTTO_PAGE = """Quê hương mãi mãi tươi xanh
Trao tặng Huân chương cho các gia đình liệt sĩ
08:10 | 14/04/2016

Ngày 13-4, UBND tỉnh Hà Lâm trang trọng tổ chức lễ trao tặng Huân chương Độc lập cho các gia đình.

Trong đó có mười gia đình nhận Huân chương Độc lập hạng Nhì.

TL

Các bài mới
Các bài đã đăng
"""


def test_a_motto_above_the_headline_and_a_byline_before_the_list_of_articles():
    f = fields(MOTTO_PAGE)
    assert (f.title, f.published, f.authors) == ("Trao tặng Huân chương cho các gia đình liệt sĩ", "2016-04-14", ["TL"])


@pytest.mark.parametrize("tail,authors", [
    ("Theo TTXVN", []),
    ("Thu HàTAG:", ["Thu Hà"]),
    ("Tin và ảnh: MINH ANH\n\nNguồn Hà Lâm: http://baohalam.vn/tin-tuc/123.html", ["MINH ANH"]),
    ("Lãnh đ", []),
])
def test_closing_lines_that_are_no_byline_or_carry_one(tail, authors):
    text = "Hội nghị tổng kết ngành\n\n01/02/2021 08:00\n\nNội dung một.\n\nNội dung hai.\n\n" + tail + "\n"
    assert fields(text).authors == authors


def test_a_line_listing_the_site_owners_is_not_the_headline():
    text = ("Huyện ủy, UBND huyện Lạc Sơn\n\nPhát động phong trào thi đua chào mừng 30 năm thành lập huyện\n\n"
            "Thứ ba, 28/12/2021 | 10:02:09 Sáng\n\nSáng 27/12, UBND huyện đã phát động phong trào thi đua đặc biệt "
            "lập thành tích chào mừng ngày thành lập huyện.\n")
    assert fields(text).title == "Phát động phong trào thi đua chào mừng 30 năm thành lập huyện"


OLD_SPELLING_BUTTONS_AND_A_COMPOUND_SECTION = """Văn hóa - Xã hội

    Bản in     Gởi bài viết
Huyện Mường Tè tổng kết phong trào thi đua năm 2022
Sáng 12/1/2023, UBND huyện Mường Tè tổ chức hội nghị tổng kết phong trào thi đua yêu nước năm 2022 với nhiều kết quả.
"""


def test_a_row_of_buttons_in_the_old_spelling_and_a_compound_section_are_not_the_title():
    assert fields(OLD_SPELLING_BUTTONS_AND_A_COMPOUND_SECTION).title == "Huyện Mường Tè tổng kết phong trào thi đua năm 2022"


CLOSING_BYLINE_WITH_NUMBERED_DEPARTMENT = """Huyện Mường Tè tổng kết phong trào thi đua năm 2022
Sáng 12/1/2023, UBND huyện Mường Tè tổ chức hội nghị tổng kết phong trào thi đua yêu nước năm 2022 với nhiều kết quả.
Hội nghị đã biểu dương nhiều tập thể và cá nhân có thành tích xuất sắc trong phong trào thi đua của huyện.

Tin bài: Lò Thị Hoa, Phòng Nghiệp vụ 2, Ban TĐKT
"""

CLOSING_BYLINE_ABOVE_A_BRACKETED_LINK = """Huyện Mường Tè tổng kết phong trào thi đua năm 2022
Sáng 12/1/2023, UBND huyện Mường Tè tổ chức hội nghị tổng kết phong trào thi đua yêu nước năm 2022 với nhiều kết quả.
Hội nghị đã biểu dương nhiều tập thể và cá nhân có thành tích xuất sắc trong phong trào thi đua của huyện.

Thu Hà

[Trở về]
"""


def test_a_closing_byline_after_tin_bai_with_a_numbered_department():
    assert fields(CLOSING_BYLINE_WITH_NUMBERED_DEPARTMENT).authors == ["Lò Thị Hoa"]


def test_a_closing_byline_above_a_link_printed_in_brackets():
    assert fields(CLOSING_BYLINE_ABOVE_A_BRACKETED_LINK).authors == ["Thu Hà"]


BYLINE_UNDER_THE_HEADLINE = """09:12 14/03/2022

Phê chuẩn lãnh đạo UBND tỉnh Lai Châu

Hà Thu

Thủ tướng Chính phủ vừa ký quyết định phê chuẩn kết quả bầu Phó Chủ tịch UBND tỉnh Lai Châu nhiệm kỳ 2021 - 2026.
"""


def test_a_name_line_right_under_the_headline_is_the_byline():
    f = fields(BYLINE_UNDER_THE_HEADLINE)
    assert f.title == "Phê chuẩn lãnh đạo UBND tỉnh Lai Châu"
    assert f.authors == ["Hà Thu"]


STAMP_OF_A_MONTH_WITHOUT_A_DAY = """ date 2022-05 (LCO) - UBND tỉnh Lai Châu vừa tổ chức hội nghị sơ kết phong trào thi đua yêu nước của tỉnh.

Hội nghị đã biểu dương nhiều tập thể và cá nhân có thành tích xuất sắc trong phong trào thi đua.
"""


def test_a_stamp_of_a_month_is_the_publication_month_when_the_lead_gives_no_day():
    assert fields(STAMP_OF_A_MONTH_WITHOUT_A_DAY).published == "2022-05"


RESOLUTION_PRINTED_IN_FULL = """Nghị quyết Đại hội đại biểu Đảng bộ huyện Tân Lạc lần thứ XXV

Báo Tân Lạc điện tử trân trọng giới thiệu toàn văn Nghị quyết Đại hội đại biểu Đảng bộ huyện lần thứ XXV, nhiệm kỳ 2020 - 2025.

Đại hội đại biểu Đảng bộ huyện lần thứ XXV;

QUYẾT NGHỊ

1. Tán thành những nội dung cơ bản về đánh giá kết quả thực hiện nghị quyết nhiệm kỳ qua.
"""


def test_a_resolution_a_news_page_prints_in_full_gives_its_type_and_issuer():
    f = fields(RESOLUTION_PRINTED_IN_FULL)
    assert (f.doc_type, f.issuer) == ("Nghị quyết", "Đại hội đại biểu Đảng bộ huyện Tân Lạc lần thứ XXV")


def test_a_news_headline_naming_a_resolution_without_its_text_gives_no_type():
    f = fields(RESOLUTION_PRINTED_IN_FULL.replace("QUYẾT NGHỊ", "Đại hội đã thông qua nghị quyết."))
    assert f.doc_type is None


CLOCK_ONLY = """Thứ Hai, 09/11/2020, 10:05 (GMT+7)

Huyện Tân Lạc tổng kết phong trào thi đua năm 2020

Ủy ban nhân dân huyện Tân Lạc vừa tổ chức hội nghị tổng kết phong trào thi đua yêu nước và biểu dương điển hình tiên tiến.
"""


def test_a_site_clock_above_the_headline_is_the_date_when_the_page_prints_no_other():
    assert fields(CLOCK_ONLY).published == "2020-11-09"
    assert fields(CLOCK_FIRST).published != "2024-01-03"


LONG_HEADLINE_IN_CAPITALS = """KẾ HOẠCH TỔ CHỨC HỘI NGHỊ BIỂU DƯƠNG CÁC ĐIỂN HÌNH TIÊN TIẾN TRONG PHONG TRÀO THI ĐUA YÊU NƯỚC CỦA HUYỆN TÂN LẠC GIAI ĐOẠN 2020 - 2025.

Đăng ngày: 02/06/2025 08:10:00

Thực hiện kế hoạch của Ủy ban nhân dân tỉnh, ngày 30/5/2025 Ủy ban nhân dân huyện Tân Lạc đã ban hành kế hoạch tổ chức hội nghị.
"""


def test_a_long_headline_in_capitals_is_the_title_not_the_lead():
    f = fields(LONG_HEADLINE_IN_CAPITALS)
    assert f.title.startswith("KẾ HOẠCH TỔ CHỨC HỘI NGHỊ BIỂU DƯƠNG")
    assert f.published == "2025-06-02"


def test_a_menu_and_a_section_above_the_signed_headline_are_not_the_title():
    # the headline is the line with the author and the date line right under it
    text = (" date 2025-03-14 Dịch vụ Tiện ích Liên hệ\nXã hội Đời sống\n\n"
            "Công ty Điện lực Hà Lâm đón nhận Huân chương Lao động hạng Ba\n\nTrần Minh\n\n14/03/2025 09:10 GMT+7\n\n"
            "Chiều 13.3, Công ty Điện lực Hà Lâm long trọng tổ chức lễ đón nhận Huân chương Lao động hạng Ba.\n")
    assert fields(text).title == "Công ty Điện lực Hà Lâm đón nhận Huân chương Lao động hạng Ba"


def test_a_click_prompt_is_not_the_headline():
    text = (" date 2025-06-02 Ấn vào đây để nhận tin thông báo mới nhất từ Tintuc.vn\n\n"
            "Tổng công ty Bình Minh nhận Huân chương Lao động hạng Nhì\n\n"
            "Sáng 1/6, tại Hà Nội, Tổng công ty Bình Minh tổ chức lễ đón nhận Huân chương Lao động hạng Nhì "
            "vì thành tích xuất sắc trong sản xuất, kinh doanh.\n")
    assert fields(text).title == "Tổng công ty Bình Minh nhận Huân chương Lao động hạng Nhì"


def test_a_headline_cut_short_above_the_full_one_is_page_furniture():
    text = ("Skip Ribbon Commands\nSkip to main content\n\n"
            "Kế hoạch tổ chức thực hiện phong trào thi đua “Chung tay xây dựng đô thị văn minh” giai đoạ...\n\n"
            "Tuyên truyền phổ biến\n"
            "Kế hoạch tổ chức thực hiện phong trào thi đua “Chung tay xây dựng đô thị văn minh” giai đoạn 2024-2026\n\n"
            "Ngày 5 tháng 3 năm 2024, Ủy ban nhân dân tỉnh Hà Lâm đã ban hành Kế hoạch tổ chức thực hiện phong trào "
            "thi đua nhằm huy động sức mạnh của cả hệ thống chính trị và các tầng lớp nhân dân.\n")
    assert fields(text).title == ("Kế hoạch tổ chức thực hiện phong trào thi đua “Chung tay xây dựng đô thị văn minh”"
                                  " giai đoạn 2024-2026")


def test_the_byline_under_the_headline_below_a_menu_is_the_author():
    text = (" date 2025-03-14 Dịch vụ Tiện ích Liên hệ\nXã hội Đời sống\n\n"
            "Công ty Điện lực Hà Lâm đón nhận Huân chương Lao động hạng Ba\n\nTrần Minh\n\n14/03/2025 09:10 GMT+7\n\n"
            "Chiều 13.3, Công ty Điện lực Hà Lâm long trọng tổ chức lễ đón nhận Huân chương Lao động hạng Ba.\n\n"
            "Buổi lễ có sự tham dự của đại diện lãnh đạo tỉnh và các sở, ngành liên quan trên địa bàn.\n")
    assert fields(text).authors == ["Trần Minh"]


def test_a_date_line_that_names_its_place_first_is_no_headline():
    text = ("Bắc Hà, ngày 14 tháng 03 năm 2022\n\n"
            "Căn cứ Luật Thi đua, khen thưởng, Ủy ban nhân dân huyện lấy ý kiến nhân dân về việc đề nghị khen thưởng.\n")
    f = fields(text)
    assert (f.title, f.published) == (None, "2022-03-14")
