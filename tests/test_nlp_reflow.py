"""nlp.reflow: hard-wrapped paragraphs read as one line (invented text in the layout of PDF copies)."""
from extractors.types import CleanDocument
from nlp.pipeline import extract
from nlp.reflow import reading_text, wrap_width

WRAPPED = (
    "Chiều ngày 12 tháng 3\n"
    "năm 2024, tại trụ sở Ủy ban nhân dân tỉnh, Chủ tịch Ủy ban nhân dân tỉnh Hà Văn Tuấn\n"
    "đã chủ trì cuộc họp về công tác chuẩn bị hội nghị tổng kết phong trào thi đua.\n"
    "Tham dự cuộc họp có các Phó Chủ tịch Ủy ban nhân dân tỉnh: Lò Minh Đức, Vi Thị Hạnh,\n"
    "Giám đốc Sở Nội vụ Đinh Quang Vĩnh, Giám đốc Sở Tài chính Khổng Thị Bích Ngọc, Chánh\n"
    "Văn phòng Ủy ban nhân dân tỉnh Tòng Văn Sơn, Giám đốc Sở Xây dựng Mai Xuân\n"
    "Trường; đại diện lãnh đạo các sở, ban, ngành và Ủy ban nhân dân các huyện.\n"
)


def test_the_width_of_a_wrapped_text_and_none_for_paragraph_lines():
    assert wrap_width([ln.strip() for ln in WRAPPED.split("\n")]) in range(80, 90)
    one_per_line = ["Đoạn văn thứ nhất dài, kết thúc bằng dấu chấm như mọi đoạn văn khác của bài báo. " * 3] * 6
    assert wrap_width(one_per_line) is None


def test_breaks_inside_a_paragraph_become_spaces_and_the_length_is_kept():
    got = reading_text(WRAPPED)
    assert len(got) == len(WRAPPED)
    assert "tháng 3 năm 2024" in got                      # a lower-case line continues the sentence
    assert "Mai Xuân Trường" in got                       # a name cut by the wrap
    assert "Chánh Văn phòng" in got
    assert "thi đua.\nTham dự" in got                     # a sentence end keeps its break


def test_list_items_headings_and_blank_lines_keep_their_breaks():
    text = ("Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị thực hiện tốt các nội dung sau đây cho\n"
            "1. Tổ chức tuyên truyền sâu rộng về phong trào thi đua trong cán bộ, công chức và nhân dân;\n"
            "- Sở Nội vụ chủ trì, phối hợp với các sở, ban, ngành liên quan xây dựng kế hoạch cụ thể\n"
            "\n"
            "thực hiện trong quý III năm 2024 theo đúng quy định hiện hành của pháp luật về thi đua\n"
            "II. TỔ CHỨC THỰC HIỆN CÁC NHIỆM VỤ TRỌNG TÂM CỦA NĂM 2024 TRÊN ĐỊA BÀN TOÀN TỈNH\n")
    assert reading_text(text) == text


def test_a_capitalised_list_after_a_colon_keeps_one_item_a_line():
    text = ("Chủ tịch Ủy ban nhân dân tỉnh quyết định tặng Bằng khen cho các tập thể có tên sau đây:\n"
            "Phòng Tổ chức cán bộ;\nPhòng Kế hoạch tài chính;\n"
            "Ủy ban nhân dân tỉnh đề nghị các cơ quan, đơn vị thực hiện tốt các nội dung sau đây\n"
            "nhằm bảo đảm tiến độ chung của toàn tỉnh trong năm 2024 và các năm tiếp theo của kế\n"
            "hoạch năm năm giai đoạn 2021-2025 theo đúng chỉ đạo của Ban Thường vụ Tỉnh ủy.\n")
    got = reading_text(text)
    assert "sau đây:\nPhòng Tổ chức" in got


def test_people_and_dates_read_across_the_wrap():
    x = extract(CleanDocument(source="t.txt", uri="t.txt", text=WRAPPED, format="txt"))
    people = {p.name: [(q.title, q.unit) for q in p.positions] for p in x.people}
    assert people["Mai Xuân Trường"] == [("Giám đốc", "Sở Xây dựng")]
    assert people["Tòng Văn Sơn"] == [("Chánh Văn phòng", "Văn phòng Ủy ban nhân dân tỉnh")]
    assert {"Lò Minh Đức", "Vi Thị Hạnh"} <= set(people)
    assert "2024-03-12" in {d.value for d in x.dates}
    text_span = [s for p in x.people if p.name == "Mai Xuân Trường" for s in p.spans]
    assert text_span and WRAPPED[text_span[0][0]:text_span[0][1]] == "Mai Xuân\nTrường"


def test_a_capitals_heading_broken_anywhere_is_one_line_but_a_stack_of_organs_is_not():
    text = ("THÔNG BÁO\nKẾT LUẬN CỦA CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HOÀNG VĂN\nTHẮNG TẠI BUỔI LÀM VIỆC VỚI SỞ NỘI VỤ\n"
            "UBND TỈNH HÀ LÂM\nSỞ NỘI VỤ TỈNH HÀ LÂM\n")
    got = reading_text(text)
    assert "HOÀNG VĂN THẮNG TẠI" in got
    assert "UBND TỈNH HÀ LÂM\nSỞ NỘI VỤ" in got
    assert "THÔNG BÁO\nKẾT LUẬN" in got                  # a line of two words is a type line, not a heading part
