"""nlp.people: names with their offices, on sentences written for these tests (invented people)."""
import pytest

from extractors.types import CleanDocument
from nlp.pipeline import extract


def people(text: str, kind_doc: str = "txt") -> dict[str, list[tuple]]:
    x = extract(CleanDocument(source="t.txt", uri="t.txt", text=text, format=kind_doc))
    return {p.name: [(q.title, q.unit) + ((True,) if q.former else ()) for q in p.positions] for p in x.people}


def test_title_unit_name():
    got = people("Phó Vụ trưởng Vụ Pháp chế Đàm Quốc Việt phát biểu tại buổi lễ.")
    assert got == {"Đàm Quốc Việt": [("Phó Vụ trưởng", "Vụ Pháp chế")]}


def test_two_offices_one_name_bare_party_body_takes_the_next_unit():
    got = people("Bí thư Đảng ủy, Cục trưởng Cục Quản lý giá Hồ Thị Lan trình bày tham luận.")
    assert got["Hồ Thị Lan"] == [("Bí thư", "Đảng ủy Cục Quản lý giá"), ("Cục trưởng", "Cục Quản lý giá")]


def test_title_without_unit_shares_the_next_unit():
    got = people("Phó Chủ tịch, Tổng Thư ký Hội Luật gia Việt Nam Nguyễn Văn Bình phát biểu.")
    assert got["Nguyễn Văn Bình"] == [("Phó Chủ tịch", "Hội Luật gia Việt Nam"), ("Tổng Thư ký", "Hội Luật gia Việt Nam")]


def test_the_head_of_a_ministry_level_agency_holds_one_compound_office():
    got = people("Bộ trưởng, Chủ nhiệm VPCP Lương Hữu Tâm chủ trì cuộc họp; Thứ trưởng, Phó Chủ nhiệm Ủy ban "
                 "Dân tộc Lò Văn Páo dự.")
    assert got["Lương Hữu Tâm"] == [("Bộ trưởng, Chủ nhiệm", "Văn phòng Chính phủ")]
    assert got["Lò Văn Páo"] == [("Thứ trưởng, Phó Chủ nhiệm", "Ủy ban Dân tộc")]


def test_a_unit_without_its_place_takes_the_place_its_office_chain_prints():
    text = ("Tỉnh Hà Nam tổ chức hội nghị. Dự có ông Lê Văn Tùng, nguyên Bí thư Tỉnh ủy, Trưởng đoàn đại biểu "
            "Quốc hội khóa XV của tỉnh Ninh Bình; đồng chí Vũ Thị Hà - Bí thư huyện ủy, Chủ tịch HĐND huyện Lý Nhân.")
    got = people(text)
    assert got["Lê Văn Tùng"][0] == ("Bí thư", "Tỉnh ủy Ninh Bình", True)
    assert got["Lê Văn Tùng"][1][1] == "Đoàn đại biểu Quốc hội tỉnh Ninh Bình"
    assert got["Vũ Thị Hà"] == [("Bí thư", "Huyện ủy Lý Nhân"), ("Chủ tịch", "Hội đồng nhân dân huyện Lý Nhân")]


def test_honorific_name_dash_titles_with_province_context():
    text = ("Sáng 3/4, tỉnh Quảng Trị tổ chức hội nghị. Dự hội nghị có đồng chí Trương Minh Khải - Bí thư Tỉnh ủy, "
            "Chủ tịch HĐND tỉnh; ông Lê Bá Hùng, Phó Giám đốc Học viện Chính trị khu vực III.")
    got = people(text)
    assert got["Trương Minh Khải"] == [("Bí thư", "Tỉnh ủy Quảng Trị"), ("Chủ tịch", "Hội đồng nhân dân tỉnh Quảng Trị")]
    assert got["Lê Bá Hùng"] == [("Phó Giám đốc", "Học viện Chính trị khu vực III")]


def test_list_separated_by_commas_each_title_goes_to_its_own_name():
    text = ("Tiêu biểu có: Cục trưởng Cục Văn thư và Lưu trữ nhà nước Tạ Văn Hòa, Trưởng phòng Phòng Tổng hợp "
            "Nguyễn Thu Trang, Chuyên viên Phòng Hành chính Mạc Đăng Khoa.")
    got = people(text)
    assert got["Tạ Văn Hòa"] == [("Cục trưởng", "Cục Văn thư và Lưu trữ nhà nước")]
    assert got["Nguyễn Thu Trang"] == [("Trưởng phòng", "Phòng Tổng hợp")]
    assert got["Mạc Đăng Khoa"] == [("Chuyên viên", "Phòng Hành chính")]


def test_former_office_and_degrees_stripped():
    got = people("Buổi lễ có sự tham dự của GS.TS Vương Đình Huệ, nguyên Giám đốc Sở Y tế tỉnh Bắc Giang.")
    assert got == {"Vương Đình Huệ": [("Giám đốc", "Sở Y tế tỉnh Bắc Giang", True)]}


def test_military_rank_stripped():
    got = people("Đại tá Lục Văn Sơn, Chỉ huy trưởng Bộ Chỉ huy Quân sự tỉnh Cao Bằng, báo cáo kết quả.")
    assert got == {"Lục Văn Sơn": [("Chỉ huy trưởng", "Bộ Chỉ huy Quân sự tỉnh Cao Bằng")]}


def test_bare_title_takes_the_article_unit_of_its_kind():
    text = ("Cục Thống kê tổ chức hội nghị tổng kết. Chánh Văn phòng Cục Thống kê Vi Thị Hạnh báo cáo. "
            "Sau đó, Cục trưởng Kiều Văn Lâm phát biểu.")
    got = people(text)
    assert got["Kiều Văn Lâm"] == [("Cục trưởng", "Cục Thống kê")]
    assert got["Vi Thị Hạnh"] == [("Chánh Văn phòng", "Văn phòng Cục Thống kê")]


def test_title_ending_in_a_head_noun_continues_into_its_unit():
    got = people("Chánh Thanh tra tỉnh Tô Văn Bảy ký kế hoạch. Tại tỉnh Hà Tĩnh, công tác thanh tra được tăng cường.")
    assert got["Tô Văn Bảy"] == [("Chánh Thanh tra", "Thanh tra tỉnh Hà Tĩnh")]


def test_one_person_per_name_positions_deduplicated_and_later_mentions():
    text = ("Phó Chủ tịch UBND tỉnh Lạng Sơn Đoàn Thị Hậu dự lễ. Bà Đoàn Thị Hậu trao Bằng khen. "
            "Phó Chủ tịch UBND tỉnh Lạng Sơn Đoàn Thị Hậu nhấn mạnh yêu cầu.")
    x = extract(CleanDocument(source="t.txt", uri="t.txt", text=text, format="txt"))
    assert [p.name for p in x.people] == ["Đoàn Thị Hậu"]
    assert len(x.people[0].positions) == 1
    assert len(x.people[0].spans) == 3


def test_appointment_link_adds_the_new_office():
    text = "Bộ trưởng trao quyết định bổ nhiệm ông Chu Văn An, Phó Vụ trưởng Vụ Tổng hợp giữ chức Vụ trưởng Vụ Tổng hợp."
    got = people(text)
    assert got["Chu Văn An"] == [("Phó Vụ trưởng", "Vụ Tổng hợp"), ("Vụ trưởng", "Vụ Tổng hợp")]


def test_an_office_taken_up_after_giu_chuc_danh():
    text = ("Hội nghị đã bầu ông Lê Văn Bình – Tỉnh ủy viên, Phó Chủ tịch Thường trực LĐLĐ tỉnh Hà Nam – "
            "giữ chức danh Chủ tịch LĐLĐ tỉnh Hà Nam nhiệm kỳ 2018 – 2023.")
    assert ("Chủ tịch", "Liên đoàn Lao động tỉnh Hà Nam") in people(text)["Lê Văn Bình"]


def test_on_behalf_of_an_office_is_not_that_office():
    text = "Thừa ủy quyền của Chủ tịch nước, Thứ trưởng Bộ Tài chính Cao Anh Tuấn trao Huân chương Lao động."
    assert people(text) == {"Cao Anh Tuấn": [("Thứ trưởng", "Bộ Tài chính")]}


@pytest.mark.parametrize("text", [
    "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
    "Các Bộ, ngành và địa phương triển khai Nghị quyết.",
    "Hà Nội và Thành phố Hồ Chí Minh dẫn đầu cả nước.",
])
def test_no_person_without_a_title_or_honorific(text):
    assert people(text) == {}


def test_ethnic_names_after_honorific_then_without_surname():
    text = "Đồng chí Y Thanh Niê, Phó Chủ tịch UBND tỉnh Đắk Lắk dự lễ. Phó Chủ tịch UBND tỉnh Y Thanh Niê trao cờ."
    got = people(text)
    assert got == {"Y Thanh Niê": [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Đắk Lắk")]}


def test_office_that_implies_its_unit_adds_the_unit():
    x = extract(CleanDocument(source="t.txt", uri="t.txt", format="txt",
                              text="Tại tỉnh Nghệ An, đồng chí Hồ Thị Vân - Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh dự lễ."))
    p = x.people[0]
    assert [(q.title, q.unit) for q in p.positions] == [("Tỉnh ủy viên", "Tỉnh ủy Nghệ An"),
                                                        ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An")]
    assert {u.name: u.kind for u in x.units}["Tỉnh ủy Nghệ An"] == "Tỉnh ủy"


def test_signer_of_an_administrative_document_is_a_person():
    from nlp.context import DocContext
    from nlp.normalize import normalize_text
    from nlp.people import add_signer
    from nlp.records import DocumentFields, Signer
    text = "Thanh tra tỉnh Hà Giang xây dựng kế hoạch.\n\nCHÁNH THANH TRA\n\nMa Văn Sình\n"
    ctx = DocContext(norm=normalize_text(text), kind="plan")
    fields = DocumentFields(kind="plan", issuer="Thanh tra tỉnh Hà Giang",
                            signer=Signer(name="Ma Văn Sình", title="CHÁNH THANH TRA"))
    got = add_signer([], fields, ctx)
    assert [(p.name, [(q.title, q.unit) for q in p.positions]) for p in got] == [
        ("Ma Văn Sình", [("Chánh Thanh tra", "Thanh tra tỉnh Hà Giang")])]


def test_one_honorific_covers_a_list_of_names():
    got = people("Tham dự có các đồng chí Lê Văn Thành, Trần Thị Ngọc, Phó Giám đốc Sở Tư pháp và Đỗ Văn Hải.")
    assert got == {"Lê Văn Thành": [], "Trần Thị Ngọc": [("Phó Giám đốc", "Sở Tư pháp")], "Đỗ Văn Hải": []}


def test_signer_with_a_second_office_after_kiem():
    from nlp.context import DocContext
    from nlp.normalize import normalize_text
    from nlp.people import add_signer
    from nlp.records import DocumentFields, Signer
    text = ("Sở Nội vụ tỉnh Tây Ninh hướng dẫn hồ sơ khen thưởng.\n\nKT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\n"
            "KIÊM TRƯỞNG BAN THI ĐUA - KHEN THƯỞNG\n\nLê Văn Sáng\n")
    ctx = DocContext(norm=normalize_text(text), kind="official_letter")
    fields = DocumentFields(kind="official_letter", issuer="Sở Nội vụ tỉnh Tây Ninh",
                            signer=Signer(name="Lê Văn Sáng", title="KIÊM TRƯỞNG BAN THI ĐUA - KHEN THƯỞNG"))
    got = {p.name: [(q.title, q.unit) for q in p.positions] for p in add_signer([], fields, ctx)}
    assert got == {"Lê Văn Sáng": [("Phó Giám đốc", "Sở Nội vụ tỉnh Tây Ninh"),
                                   ("Trưởng ban", "Ban Thi đua - Khen thưởng")]}


def test_city_abbreviated_with_a_dot_board_chair_teacher_and_numbered_military_unit():
    got = people("Dự lễ có Phó Chủ tịch UBND TP. Hồ Chí Minh Trần Thị Lụa; ông Hà Văn Tâm, Chủ tịch Hội đồng quản trị "
                 "Công ty cổ phần Dệt may Bình An; Thiếu tướng Vũ Quang Định, Phó Tư lệnh Quân khu 7 và cô Lò Thị Hiền, "
                 "giáo viên Trường Tiểu học Nậm Cang.")
    assert got["Trần Thị Lụa"] == [("Phó Chủ tịch", "Ủy ban nhân dân Thành phố Hồ Chí Minh")]
    assert got["Hà Văn Tâm"] == [("Chủ tịch Hội đồng quản trị", "Công ty cổ phần Dệt may Bình An")]
    assert got["Vũ Quang Định"] == [("Phó Tư lệnh", "Quân khu 7")]
    assert got["Lò Thị Hiền"] == [("Giáo viên", "Trường Tiểu học Nậm Cang")]
    assert "Ông Hà Văn Tâm" not in got


def test_youth_union_units_and_a_surname_that_is_also_a_head():
    got = people("Bà Đoàn Thị Kim Lan, Bí thư Đoàn xã Tân Phước; anh Lý Văn Hùng, Bí thư Chi đoàn ấp Phú Mỹ; "
                 "ông Mai Quốc Bảo, Phó Bí thư Tỉnh đoàn Hậu Giang.")
    assert got == {"Đoàn Thị Kim Lan": [("Bí thư", "Đoàn xã Tân Phước")],
                   "Lý Văn Hùng": [("Bí thư", "Chi đoàn ấp Phú Mỹ")],
                   "Mai Quốc Bảo": [("Phó Bí thư", "Tỉnh đoàn Hậu Giang")]}


def test_degree_in_words_is_skipped_whole_and_a_country_is_not_a_name():
    got = people("Nhân Ngày Thầy thuốc Việt Nam, Tiến sĩ Hoàng Văn Bình và Phó Giáo sư Lý Thị Mai được biểu dương; "
                 "Cử nhân Đinh Văn Tú, Phó Trưởng phòng Phòng Thi đua - Khen thưởng cơ sở, Ban Thi đua - Khen thưởng tỉnh.")
    assert set(got) == {"Hoàng Văn Bình", "Lý Thị Mai", "Đinh Văn Tú"}
    assert got["Đinh Văn Tú"] == [("Phó Trưởng phòng", "Phòng Thi đua - Khen thưởng cơ sở")]


def test_former_office_then_current_offices_after_nay_la():
    got = people("Đồng chí Lê Văn Tám, nguyên Phó Bí thư Tỉnh đoàn Sơn La, nay là Ủy viên Ban Thường vụ, "
                 "Trưởng Ban Phong trào Tỉnh đoàn Lai Châu, phát biểu.")
    assert got["Lê Văn Tám"] == [("Phó Bí thư", "Tỉnh đoàn Sơn La", True),
                                 ("Ủy viên", "Ban Thường vụ Tỉnh đoàn Lai Châu"),
                                 ("Trưởng ban", "Ban Phong trào")]


def test_province_after_a_party_committee_even_when_it_starts_like_a_name():
    got = people("Ông Lò Văn Puốn, Phó Bí thư Tỉnh ủy Sơn La dự họp.")
    assert got == {"Lò Văn Puốn": [("Phó Bí thư", "Tỉnh ủy Sơn La")]}


def test_unit_name_printed_elsewhere_wins_over_a_surname_syllable():
    # "Hồ" ends the unit's name and is also a surname: the document names the unit with it elsewhere
    text = ("Công ty Cổ phần Xi măng Sông Hồ - VICEM tổ chức lễ đón nhận Huân chương Lao động hạng Nhì. "
            "Giám đốc Công ty Xi măng Sông Hồ Trần Quốc Bảo báo cáo kết quả sản xuất năm 2024. "
            "Công ty Xi măng Sông Hồ đã nộp ngân sách 120 tỷ đồng.")
    got = people(text)
    assert got == {"Trần Quốc Bảo": [("Giám đốc", "Công ty Xi măng Sông Hồ")]}


def test_without_the_longer_form_the_surname_starts_the_person():
    got = people("Giám đốc Công ty Xi măng Sông Đà Hồ Văn Tâm báo cáo kết quả sản xuất năm 2024.")
    assert "Hồ Văn Tâm" in got


def test_school_named_after_a_person_is_not_a_person():
    text = ("Thầy giáo Lê Minh Khôi, giáo viên Trường THPT Nguyễn Bỉnh Khiêm (huyện Vĩnh Bảo), được tặng Bằng khen; "
            "cô Đặng Thu Hà, Hiệu trưởng Trường Tiểu học Lý Tự Trọng, phát biểu.")
    got = people(text)
    assert "Nguyễn Bỉnh Khiêm" not in got and "Lý Tự Trọng" not in got
    assert got["Lê Minh Khôi"] == [("Giáo viên", "Trường Trung học phổ thông Nguyễn Bỉnh Khiêm")]
    assert got["Đặng Thu Hà"] == [("Hiệu trưởng", "Trường Tiểu học Lý Tự Trọng")]


def test_school_eponym_then_the_person():
    got = people("Hiệu trưởng Trường THCS Chu Văn An Nguyễn Thị Thanh Mai phát biểu khai mạc.")
    assert got == {"Nguyễn Thị Thanh Mai": [("Hiệu trưởng", "Trường Trung học cơ sở Chu Văn An")]}


def test_degree_then_ong_is_a_surname():
    got = people("Theo ThS Ông Văn Lực, Giám đốc Trung tâm Y tế huyện Kỳ Sơn, năm nay có 12 sáng kiến.")
    assert "Ông Văn Lực" in got


def test_unlisted_surname_with_thi_or_van_second_is_a_name():
    got = people("Phó Chủ tịch UBND tỉnh Bạc Liêu Quang Thị Kim Oanh chủ trì hội nghị.")
    assert got == {"Quang Thị Kim Oanh": [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Bạc Liêu")]}


def test_current_office_after_former_one():
    got = people("Ông Đinh Công Luận, nguyên Giám đốc Sở Xây dựng tỉnh Bắc Kạn, hiện là Phó Giám đốc Sở Xây dựng "
                 "tỉnh Thái Nguyên, phát biểu.")
    assert ("Phó Giám đốc", "Sở Xây dựng tỉnh Thái Nguyên") in got["Đinh Công Luận"]


def test_politburo_is_not_the_documents_ministry():
    got = people("Bộ Tài chính triển khai Nghị quyết của Bộ Chính trị. Phó Chánh Văn phòng Bộ Hà Minh Đức "
                 "đã tổng hợp báo cáo gửi Bộ Tài chính.")
    assert got == {"Hà Minh Đức": [("Phó Chánh Văn phòng", "Văn phòng Bộ Tài chính")]}


def test_title_head_printed_again_before_a_known_unit():
    got = people("Dự lễ có ông Hồ Văn Tâm, Phó Trưởng ban Ban Thi đua - Khen thưởng Trung ương.")
    assert got["Hồ Văn Tâm"] == [("Phó Trưởng ban", "Ban Thi đua - Khen thưởng Trung ương")]


def test_bare_steering_committee_in_a_title_is_the_document_one():
    got = people("Tỉnh Vĩnh Long tổng kết Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc tỉnh năm 2025. "
                 "Đại tá Trần Văn Phú, Giám đốc Công an tỉnh, Trưởng Ban Chỉ đạo phát biểu.")
    assert ("Trưởng ban", "Ban Chỉ đạo phong trào toàn dân bảo vệ an ninh Tổ quốc tỉnh") in got["Trần Văn Phú"]


def test_deputy_office_taken_by_a_whole_list_of_people():
    got = people("Các đồng chí Lê Văn Hải, Trưởng Ban Tuyên giáo Tỉnh ủy; Trần Thị Mai, Chủ tịch Hội Nông dân tỉnh "
                 "được bầu giữ chức Phó Bí thư Tỉnh ủy. Ông Hồ Văn Long, Giám đốc Sở Tài chính; ông Lê Văn Tám, "
                 "Giám đốc Sở Nội vụ được bầu giữ chức Bí thư Tỉnh ủy.")
    assert [t for t, *_ in got["Lê Văn Hải"]] == ["Trưởng ban", "Phó Bí thư"]
    assert [t for t, *_ in got["Trần Thị Mai"]] == ["Chủ tịch", "Phó Bí thư"]
    assert [t for t, *_ in got["Hồ Văn Long"]] == ["Giám đốc"]     # one holder only: not shared


def test_an_office_held_now_belongs_to_the_person_of_its_own_list_item():
    got = people("Dự buổi lễ có ông Hà Văn Quý, Giám đốc Sở Xây dựng; ông Lê Minh Sang, nguyên Giám đốc Sở Xây dựng "
                 "tỉnh Kon Tum, nay là Phó Giám đốc Sở Xây dựng.")
    assert [(t, *rest) for t, _, *rest in got["Hà Văn Quý"]] == [("Giám đốc",)]
    assert [(t, *rest) for t, _, *rest in got["Lê Minh Sang"]] == [("Giám đốc", True), ("Phó Giám đốc",)]


def test_pronoun_takes_up_an_office_for_the_person_named_before():
    got = people("Tỉnh Nghệ An tổ chức hội nghị. Ông Hồ Văn Long, Giám đốc Sở Tài chính tỉnh Nghệ An, cho biết năm qua "
                 "thu ngân sách đạt kết quả cao. Ông được bổ nhiệm giữ chức Phó Chủ tịch UBND tỉnh từ tháng 3.")
    assert got["Hồ Văn Long"] == [("Giám đốc", "Sở Tài chính tỉnh Nghệ An"),
                                  ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Nghệ An")]


def test_head_nurse_of_a_hospital_department():
    got = people("Bà Lò Thị Xuân, Điều dưỡng trưởng Khoa Nội tổng hợp, Bệnh viện Đa khoa tỉnh Lai Châu, được khen.")
    assert got["Lò Thị Xuân"] == [("Điều dưỡng trưởng", "Khoa Nội tổng hợp")]


def test_bare_party_committee_of_the_party_organisation_holding_the_congress():
    got = people("Đảng bộ Bộ đội Biên phòng tỉnh Lai Châu tổ chức Đại hội lần thứ XV. Đồn Biên phòng Pa Tần, Đồn "
                 "Biên phòng Mù Cả và Đồn Biên phòng Pa Tần được khen. Đại tá Lò Văn Hạnh được bầu giữ chức Bí thư Đảng ủy.")
    assert got["Lò Văn Hạnh"] == [("Bí thư", "Đảng ủy Bộ đội Biên phòng tỉnh Lai Châu")]


def test_commander_of_a_campaign_command_board():
    got = people("Tỉnh đoàn An Giang tổng kết chiến dịch. Ban Chỉ huy Chiến dịch tỉnh do đồng chí Nguyễn Hoàng Khang, "
                 "Phó Bí thư Tỉnh đoàn làm Chỉ huy trưởng.")
    assert ("Chỉ huy trưởng", "Ban Chỉ huy Chiến dịch tỉnh An Giang") in got["Nguyễn Hoàng Khang"]


def test_names_listed_after_a_colon_hold_the_offices_before_it():
    text = ("Bộ Tư pháp hiện ngoài Bộ trưởng Lê Thành Long có 4 Thứ trưởng: Nguyễn Khánh Ngọc, Phan Chí Hiếu, "
            "Đặng Hoàng Oanh và Mai Lương Khôi. Bộ Xây dựng có 2 Thứ trưởng: Lê Quang Hùng, Nguyễn Văn Sinh.")
    got = people(text)
    assert got["Lê Thành Long"] == [("Bộ trưởng", "Bộ Tư pháp")]
    for name in ("Nguyễn Khánh Ngọc", "Phan Chí Hiếu", "Đặng Hoàng Oanh", "Mai Lương Khôi"):
        assert got[name] == [("Thứ trưởng", "Bộ Tư pháp")], name
    assert got["Nguyễn Văn Sinh"] == [("Thứ trưởng", "Bộ Xây dựng")]


def test_offices_before_and_after_a_name_do_not_share_a_unit():
    got = people("Trưởng ban: ông Nguyễn Văn An, Phó Chủ tịch UBND tỉnh Hà Nam.")
    assert got["Nguyễn Văn An"][1] == ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Hà Nam")
    assert got["Nguyễn Văn An"][0][1] != "Ủy ban nhân dân tỉnh Hà Nam"


def test_the_founder_of_the_state_is_a_person_with_his_historical_office():
    text = ("Hội nghị kỷ niệm 75 năm Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc tại "
            "TP. Hồ Chí Minh; Học viện Chính trị Quốc gia Hồ Chí Minh dự.")
    assert people(text) == {"Hồ Chí Minh": [("Chủ tịch", None)]}
    assert people("Làm theo lời Bác Hồ dạy, cán bộ xã Tân Lập thi đua.") == {"Bác Hồ": []}


def test_titles_printed_as_abbreviations_and_names_in_capitals():
    got = people("Ông Trần Văn Bình, Chủ tịch HĐQT kiêm TGĐ Tổng công ty Sông Đà cho biết; PGĐ Sở Nội vụ "
                 "LÊ THỊ HOA dự.")
    assert got["Trần Văn Bình"] == [("Chủ tịch HĐQT", "Tổng công ty Sông Đà"), ("Tổng Giám đốc", "Tổng công ty Sông Đà")]
    assert got["Lê Thị Hoa"] == [("Phó Giám đốc", "Sở Nội vụ")]
    assert "ĐOÀN KẾT" not in str(people("ĐOÀN KẾT LÀ SỨC MẠNH, ông Lê Văn Minh nói."))


def test_offices_printed_right_after_a_name_in_running_text():
    got = people("Đến dự có đồng chí Lê Văn Tâm nguyên tổng bí thư BCH TW Đảng, đồng chí Trần Thị Hạnh "
                 "phó chủ tịch thường trực Hội Nông dân Việt Nam.")
    assert got["Lê Văn Tâm"] == [("Tổng Bí thư", "Ban Chấp hành Trung ương Đảng", True)]
    assert got["Trần Thị Hạnh"] == [("Phó Chủ tịch thường trực", "Hội Nông dân Việt Nam")]


def test_a_personnel_decision_gives_the_office_later_in_the_persons_sentence():
    text = ("Ban Thường vụ Tỉnh ủy quyết định: Đồng chí Lưu Văn Khải, Giám đốc Sở Xây dựng thôi giữ chức Giám đốc "
            "Sở Xây dựng; điều động, luân chuyển, bổ nhiệm giữ chức Phó Trưởng ban Dân vận Tỉnh ủy thời hạn 5 năm. "
            "Đồng chí Hà Thị Ngân, Phó Chủ tịch UBND huyện được điều động về Sở Tài chính.")
    got = people(text)
    assert got["Lưu Văn Khải"] == [("Giám đốc", "Sở Xây dựng"), ("Phó Trưởng ban", "Ban Dân vận Tỉnh ủy")]
    assert [t for t, _ in got["Hà Thị Ngân"]] == ["Phó Chủ tịch"]


def test_an_office_given_after_another_person_is_named_is_not_the_first_persons():
    text = ("Đồng chí Lưu Văn Khải, Giám đốc Sở Xây dựng và đồng chí Hà Thị Ngân được điều động giữ chức "
            "Chánh Văn phòng Sở Tài chính.")
    assert [t for t, _ in people(text)["Lưu Văn Khải"]] == ["Giám đốc"]


def test_a_title_whose_unit_follows_after_a_comma_in_a_list_of_people():
    text = ("Các cá nhân được tặng Bằng khen: Ông Lý Văn Tài, Giám đốc, Sở Y tế; Thiếu tá Đào Văn Lực, Đội trưởng, "
            "Phòng Cảnh sát giao thông, Công an tỉnh Hà Nam; bà Vi Thị Nga, Ủy viên BTV Tỉnh ủy, Phó Chủ tịch, "
            "Chủ tịch Ủy ban Bầu cử tỉnh.")
    got = people(text)
    assert got["Lý Văn Tài"] == [("Giám đốc", "Sở Y tế")]
    assert got["Đào Văn Lực"][0][:2] == ("Đội trưởng", "Phòng Cảnh sát giao thông")
    assert [t for t, *_ in got["Vi Thị Nga"]] == ["Ủy viên", "Phó Chủ tịch", "Chủ tịch"]


def test_a_person_named_only_as_an_awards_recipient_after_a_description():
    got = people("Phó Chủ tịch nước Lò Thị Hằng đã trao tặng danh hiệu Anh hùng Lao động cho thợ mỏ Đinh Văn Khoa.")
    assert "Đinh Văn Khoa" in got


def test_a_provincial_committee_member_in_a_text_about_several_provinces_takes_the_sentences_province():
    text = ("Hội nghị cán bộ tỉnh Hà Nam giới thiệu ông Trịnh Văn Hòa, Tỉnh ủy viên, Bí thư Huyện ủy Lý Nhân. "
            "Cùng ngày, tỉnh Sơn La công bố quyết định điều động ông Võ Văn Đông, Tỉnh ủy viên, Giám đốc Sở Nội vụ.")
    got = people(text)
    assert got["Trịnh Văn Hòa"][0] == ("Tỉnh ủy viên", "Tỉnh ủy Hà Nam")
    assert got["Võ Văn Đông"][0] == ("Tỉnh ủy viên", "Tỉnh ủy Sơn La")


def test_a_career_history_gives_each_office_with_its_unit_as_former():
    text = ("Thủ tướng bổ nhiệm ông Đinh Văn Khải, Vụ trưởng Vụ Pháp chế, Bộ Công Thương, giữ chức Thứ trưởng "
            "Bộ Công Thương. Ông Đinh Văn Khải từng giữ các chức vụ: Phó Trưởng phòng Tổng hợp, Sở Công Thương "
            "Ninh Bình; Phó Giám đốc Sở Công Thương Ninh Bình; Trưởng Ban Quản lý dự án Đường ven biển, Ninh Bình; "
            "Phó Vụ trưởng Vụ Pháp chế, Bộ Công Thương.")
    got = people(text)["Đinh Văn Khải"]
    assert ("Vụ trưởng", "Vụ Pháp chế") in got and ("Thứ trưởng", "Bộ Công Thương") in got
    assert ("Phó Trưởng phòng", "Phòng Tổng hợp", True) in got
    assert ("Phó Giám đốc", "Sở Công Thương Ninh Bình", True) in got
    assert ("Trưởng ban", "Ban Quản lý dự án Đường ven biển", True) in got
    assert ("Phó Vụ trưởng", "Vụ Pháp chế", True) in got
    assert len(got) == 6


def test_a_career_history_after_a_pronoun_goes_to_the_person_named_before():
    text = ("Ông Hoàng Minh Đức sinh năm 1970. Ông từng giữ các chức vụ: Phó Giám đốc Công an tỉnh Yên Bái; "
            "Giám đốc Công an tỉnh Lào Cai.")
    assert people(text)["Hoàng Minh Đức"] == [("Phó Giám đốc", "Công an tỉnh Yên Bái", True),
                                              ("Giám đốc", "Công an tỉnh Lào Cai", True)]


def test_a_department_named_after_a_world_region_is_no_person():
    got = people("bổ nhiệm ông Lâm Quốc Bảo, Vụ trưởng Vụ Đông Nam Á, Bộ Ngoại giao, giữ chức Thứ trưởng Bộ Ngoại giao.")
    assert set(got) == {"Lâm Quốc Bảo"}
    assert ("Vụ trưởng", "Vụ Đông Nam Á") in got["Lâm Quốc Bảo"]


def test_an_office_of_a_ministry_shares_the_ministry_of_the_next_office():
    got = people("ông Lâm Quốc Bảo, Trợ lý Bộ trưởng kiêm Vụ trưởng Vụ Đông Nam Á, Bộ Ngoại giao, phát biểu.")
    assert got["Lâm Quốc Bảo"][0] == ("Trợ lý Bộ trưởng", "Bộ Ngoại giao")


def test_an_office_then_the_people_it_is_given_to_or_taken_from():
    text = ("Sáng nay, HĐND tỉnh Hà Giang tổ chức kỳ họp. Đại biểu HĐND tỉnh bầu bổ sung chức vụ Ủy viên UBND tỉnh, nhiệm kỳ "
            "2021-2026 đối với ông Phan Đức Long, Giám đốc Sở Tư pháp và bà Vi Thị Hạnh, Giám đốc Sở Y tế; miễn "
            "nhiệm chức vụ đại biểu HĐND tỉnh đối với ông Tạ Quang Vinh, nguyên Phó Giám đốc Công an tỉnh.")
    got = people(text)
    assert ("Ủy viên", "Ủy ban nhân dân tỉnh Hà Giang") in got["Phan Đức Long"]
    assert ("Ủy viên", "Ủy ban nhân dân tỉnh Hà Giang") in got["Vi Thị Hạnh"]
    assert ("Đại biểu", "Hội đồng nhân dân tỉnh Hà Giang", True) in got["Tạ Quang Vinh"]


def test_a_party_department_printed_in_lower_case_runs_into_its_committee():
    got = people("Hội nghị của tỉnh Cao Bằng. Đồng chí Mạc Văn Tư, Trưởng Ban tổ chức Tỉnh ủy được bầu làm Phó Chủ tịch UBND tỉnh.")
    assert got["Mạc Văn Tư"][0] == ("Trưởng ban", "Ban tổ chức Tỉnh ủy Cao Bằng")


def test_an_office_left_later_in_the_sentence_was_held():
    text = ("Kỳ họp HĐND tỉnh Bắc Kạn xem xét việc đồng chí Lục Văn Thái thôi làm nhiệm vụ đại biểu HĐND tỉnh và "
            "miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh để đảm nhiệm chức vụ Phó Bí thư Thường trực Tỉnh ủy.")
    got = people(text)["Lục Văn Thái"]
    assert ("Đại biểu", "Hội đồng nhân dân tỉnh Bắc Kạn", True) in got
    assert ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Bắc Kạn", True) in got
    assert ("Phó Bí thư Thường trực", "Tỉnh ủy Bắc Kạn") in got


def test_an_office_to_be_filled_is_nobodys():
    text = ("Ban Thường vụ Tỉnh ủy phân công đồng chí Lục Văn Thái phụ trách UBND tỉnh đến khi bầu bổ sung chức danh "
            "Chủ tịch UBND tỉnh Bắc Kạn.")
    assert people(text)["Lục Văn Thái"] == []


def test_a_text_printed_in_lower_case_reads_its_names_and_units():
    text = ("Trường Trung cấp Nghề số 3 kỷ niệm 40 năm thành lập\n\n"
            "sáng nay, tại hà nội trường trung cấp nghề số 3 đã tổ chức lễ kỷ niệm 40 năm thành lập trường. "
            "phó thủ tướng trần văn lợi, bộ trưởng bộ công thương hà minh khôi, thứ trưởng lạc thị hoa đã về "
            "dự.\nnhân dịp này, phó thủ tướng trần văn lợi trao huân chương lao động cho đồng chí phan kim "
            "thoa( nguyên bí thư đảng ủy- hiệu trưởng trường trung cấp nghề số 3).\n")
    got = people(text)
    assert got["Trần Văn Lợi"] == [("Phó Thủ tướng", "Chính phủ")]
    assert got["Hà Minh Khôi"] == [("Bộ trưởng", "Bộ Công Thương")]
    assert got["Lạc Thị Hoa"] == [("Thứ trưởng", "Bộ Công Thương")]
    assert got["Phan Kim Thoa"] == [("Bí thư", "Đảng ủy Trường Trung cấp Nghề số 3", True),
                                    ("Hiệu trưởng", "Trường Trung cấp Nghề số 3")]


def test_a_text_with_capitals_is_read_as_printed():
    from nlp.recase import recased
    text = "Sáng nay, ông Lê Văn Nam phát biểu.\nông bà con cháu đều dự lễ ở hà nội và các tỉnh phía bắc.\n"
    assert recased(text) == text


def test_offices_joined_by_a_dash_and_a_party_body_in_lower_case():
    got = people("Ông Vương Đình Lộc - Bí thư chi bộ - Hiệu trưởng Trường THCS Kim Liên cho biết.")
    assert got["Vương Đình Lộc"] == [("Bí thư", "Chi bộ Trường Trung học cơ sở Kim Liên"),
                                     ("Hiệu trưởng", "Trường Trung học cơ sở Kim Liên")]


def test_a_city_committee_in_a_province_text_is_the_citys():
    text = ("Tỉnh ủy tỉnh Hòa Bình công bố quyết định. Trong thời gian chờ kiện toàn chức vụ Bí thư Thành ủy Lạc "
            "Sơn, đồng chí Đinh Công Tráng, Phó Bí thư Thường trực Thành ủy, Chủ tịch HĐND thành phố được giao "
            "phụ trách Đảng bộ thành phố.")
    got = people(text)
    assert got["Đinh Công Tráng"] == [("Phó Bí thư Thường trực", "Thành ủy Lạc Sơn"),
                                      ("Chủ tịch", "Hội đồng nhân dân thành phố Lạc Sơn")]


def test_a_career_in_a_sentence_that_refers_to_the_person_by_a_pronoun():
    text = ("Bộ Tư pháp trao quyết định bổ nhiệm ông Tạ Văn Hùng giữ chức Cục trưởng Cục Con nuôi. Ông Tạ Văn Hùng "
            "sinh năm 1976. Trước khi được bổ nhiệm, ông từng giữ chức Trưởng phòng Phòng Hợp tác quốc tế thuộc Cục.")
    assert ("Trưởng phòng", "Phòng Hợp tác quốc tế", True) in people(text)["Tạ Văn Hùng"]


def test_a_plan_with_lower_case_list_items_is_read_as_printed():
    from nlp.recase import recased
    text = ("KẾ HOẠCH THỰC HIỆN NĂM 2026\n" + "\n".join(
        ["- các cơ quan, đơn vị tổ chức tuyên truyền sâu rộng trong cán bộ, công chức và nhân dân. Các xã thực hiện",
         "- ủy ban nhân dân các huyện chỉ đạo phòng văn hóa phối hợp với các đoàn thể triển khai kế hoạch",
         "- giám đốc sở tài chính bố trí kinh phí cho các hoạt động theo quy định hiện hành của nhà nước"]) + "\n")
    assert recased(text) == text


def test_a_deputy_title_with_an_abbreviated_office_and_list_items_keep_their_units():
    got = people("Tặng Bằng khen cho bà Võ Thị Lài, Phó GĐ Đài Phát thanh tỉnh; ông Lý Văn Tư, Phó GĐ Trung "
                 "Tâm Y tế Mỹ Phước; ông Hà Văn Sáu, Phó GĐ Sở Tài chính.")
    assert got["Võ Thị Lài"] == [("Phó Giám đốc", "Đài Phát thanh tỉnh")]
    assert got["Hà Văn Sáu"] == [("Phó Giám đốc", "Sở Tài chính")]
    assert all(unit != "Đài Phát thanh tỉnh" for _, unit in got["Lý Văn Tư"])


def test_a_list_of_holders_after_an_office_and_gom_cac_ong():
    got = people("Bộ Tài chính hiện có 3 Thứ trưởng gồm các ông: Đỗ Văn Ánh, Trần Văn Bảo và Lê Văn Cúc.")
    assert got == {n: [("Thứ trưởng", "Bộ Tài chính")] for n in ("Đỗ Văn Ánh", "Trần Văn Bảo", "Lê Văn Cúc")}


def test_a_pair_of_honorifics_opens_a_list_of_holders():
    got = people("Bộ Xây dựng có Bộ trưởng Lê Văn Mạnh và 3 Thứ trưởng gồm các ông, bà: Trần Văn Hải, Hồ Thị Lan, "
                 "Lý Văn Tâm.")
    for name in ("Trần Văn Hải", "Hồ Thị Lan", "Lý Văn Tâm"):
        assert got[name] == [("Thứ trưởng", "Bộ Xây dựng")]


def test_a_link_printed_twice_still_gives_the_office_to_its_holder():
    got = people("Ủy ban Thường vụ Quốc hội phê chuẩn kết quả bầu Chủ tịch HĐND tỉnh Cà Mau khóa X đối với đối với "
                 "ông Trần Văn Hải.")
    assert got["Trần Văn Hải"] == [("Chủ tịch", "Hội đồng nhân dân tỉnh Cà Mau")]


def test_the_national_assembly_abbreviated():
    got = people("Thay mặt lãnh đạo Đảng, Nhà nước, Chủ tịch QH Lê Văn Mạnh trao Huân chương cho 2 nguyên Phó chủ "
                 "tịch QH: Trần Văn Hải và Hồ Thị Lan.")
    assert got["Lê Văn Mạnh"] == [("Chủ tịch", "Quốc hội")]
    assert got["Hồ Thị Lan"] == [("Phó Chủ tịch", "Quốc hội", True)]


def test_one_title_held_in_two_units_names_the_second_with_its_unit():
    got = people("Ngày 5/3, UBND huyện Ea Kar tổng kết thi đua. Đồng chí Lê Văn Mạnh, Chủ tịch UBND huyện, Chủ tịch "
                 "Hội đồng thi đua khen thưởng huyện chủ trì; Phó Chủ tịch UBND huyện Hồ Thị Lan - Phó Chủ tịch Hội "
                 "đồng Thi đua - Khen thưởng (TĐKT) huyện báo cáo.")
    assert got["Lê Văn Mạnh"] == [("Chủ tịch", "Ủy ban nhân dân huyện Ea Kar"),
                                  ("Chủ tịch Hội đồng thi đua khen thưởng huyện",
                                   "Hội đồng Thi đua - Khen thưởng huyện Ea Kar")]
    assert [t for t, _ in got["Hồ Thị Lan"]] == ["Phó Chủ tịch", "Phó Chủ tịch Hội đồng Thi đua - Khen thưởng (TĐKT) huyện"]


def test_committees_of_the_national_assembly():
    got = people("Huân chương được trao cho nguyên Chủ nhiệm Ủy ban Văn hóa - Giáo dục của QH Lê Văn Mạnh, Hồ Thị Lan "
                 "- nguyên Phó chủ nhiệm Ủy ban về các vấn đề xã hội; và truy tặng cho Phó chủ nhiệm Ủy ban Kinh tế - "
                 "Ngân sách Tào Văn Hải.")
    assert got["Lê Văn Mạnh"] == [("Chủ nhiệm", "Ủy ban Văn hóa - Giáo dục của Quốc hội", True)]
    assert got["Hồ Thị Lan"] == [("Phó Chủ nhiệm", "Ủy ban về các vấn đề xã hội", True)]
    assert got["Tào Văn Hải"] == [("Phó Chủ nhiệm", "Ủy ban Kinh tế - Ngân sách")]


def test_the_head_of_a_subcommittee_named_in_lower_case():
    got = people("Đồng chí Lê Văn Mạnh, Trưởng Tiểu ban văn kiện Đại hội XV của Đảng phát biểu tại phiên họp của "
                 "Tiểu ban văn kiện ngày 3/4.")
    assert got["Lê Văn Mạnh"] == [("Trưởng Tiểu ban", "Tiểu ban văn kiện Đại hội XV")]


def test_the_term_after_an_office_does_not_end_the_chain():
    got = people("Phê chuẩn kết quả bầu ông Lê Văn Mạnh, Bí thư Tỉnh ủy, Chủ tịch Hội đồng nhân dân tỉnh khóa XVI, "
                 "nhiệm kỳ 2016-2021, đại biểu Hội đồng nhân dân tỉnh khóa XVII giữ chức Chủ tịch Hội đồng nhân dân "
                 "tỉnh Bắc Sơn.")
    assert [t for t, *_ in got["Lê Văn Mạnh"]] == ["Bí thư", "Chủ tịch", "Đại biểu"]


def test_a_text_about_several_provinces_places_each_bare_office_in_its_own_sentence_or_paragraph():
    text = ("HĐND các tỉnh bầu các chức danh chủ chốt.\n\n"
            "Tại kỳ họp thứ nhất HĐND tỉnh Bắc Ninh khóa XI, ông Lê Văn Mạnh, Phó Bí thư Thường trực Tỉnh ủy, được bầu "
            "làm chủ tịch HĐND tỉnh; ông Hồ Văn Long tái đắc cử chức chủ tịch UBND tỉnh.\n\n"
            "Tại kỳ họp thứ nhất HĐND tỉnh Cà Mau khóa VI, ông Trần Văn Hải được bầu làm chủ tịch HĐND tỉnh. Ông Lý "
            "Văn Tâm tái đắc cử chức chủ tịch UBND tỉnh.\n\n"
            "* Hà Giang: bầu bà Đỗ Thị Lan giữ chức Chủ tịch HĐND tỉnh.")
    got = people(text)
    assert got["Lê Văn Mạnh"] == [("Phó Bí thư Thường trực", "Tỉnh ủy Bắc Ninh"),
                                  ("Chủ tịch", "Hội đồng nhân dân tỉnh Bắc Ninh")]
    assert got["Hồ Văn Long"] == [("Chủ tịch", "Ủy ban nhân dân tỉnh Bắc Ninh")]
    assert got["Lý Văn Tâm"] == [("Chủ tịch", "Ủy ban nhân dân tỉnh Cà Mau")]
    assert got["Đỗ Thị Lan"] == [("Chủ tịch", "Hội đồng nhân dân tỉnh Hà Giang")]


def test_the_place_of_an_office_held_before_is_not_that_of_the_office_held_now():
    text = ("Tỉnh Kiên Giang và tỉnh An Giang hợp nhất. Đồng chí Lê Văn Mạnh, nguyên Phó Chủ tịch UBND tỉnh Kiên "
            "Giang, nay là Phó Chủ tịch UBND tỉnh phát biểu. Ông Hồ Văn Long, Chủ tịch UBND tỉnh An Giang dự.")
    got = people(text)
    assert got["Lê Văn Mạnh"][0] == ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Kiên Giang", True)
    assert got["Lê Văn Mạnh"][1][1] != "Ủy ban nhân dân tỉnh Kiên Giang"


def test_a_fronted_object_is_not_apposed_to_the_office_after_its_comma():
    got = people("Bí thư Tỉnh ủy Lê Văn Mạnh tặng hoa chúc mừng. Đối với đồng chí Hồ Văn Long, Bí thư Tỉnh ủy nhấn "
                 "mạnh đây là vinh dự. Hội đồng bầu bổ sung đối với ông Lý Văn Tâm, Giám đốc Sở Y tế.")
    assert got["Hồ Văn Long"] == []
    assert got["Lý Văn Tâm"] == [("Giám đốc", "Sở Y tế")]


def test_the_holders_of_an_office_listed_after_a_colon_behind_the_link():
    got = people("Hội đồng phê chuẩn kết quả bầu Phó Chủ tịch UBND tỉnh Yên Bái nhiệm kỳ 2021 - 2026 đối với: "
                 "ông Lò Văn Khải, ông Hà Minh Tuấn, bà Vi Thị Hoa.")
    for name in ("Lò Văn Khải", "Hà Minh Tuấn", "Vi Thị Hoa"):
        assert got[name] == [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Yên Bái")]


def test_the_holders_of_an_office_listed_in_brackets_after_it():
    got = people("Chủ tịch giao việc cho các Phó Chủ tịch UBND tỉnh Lai Châu (ông Lò Văn Khải, ông Hà Minh Tuấn "
                 "và bà Vi Thị Hoa) theo lĩnh vực.")
    for name in ("Lò Văn Khải", "Hà Minh Tuấn", "Vi Thị Hoa"):
        assert got[name] == [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Lai Châu")]


def test_an_alternate_member_of_a_committee_keeps_the_offices_after_it():
    got = people("Ông Hà Minh Tuấn, Ủy viên dự khuyết Trung ương Đảng, Phó Bí thư Tỉnh ủy Lai Châu phát biểu.")
    assert [t for t, _ in got["Hà Minh Tuấn"]] == ["Ủy viên dự khuyết", "Phó Bí thư"]
    assert got["Hà Minh Tuấn"][1] == ("Phó Bí thư", "Tỉnh ủy Lai Châu")


def test_an_organ_printed_without_its_level_is_the_one_an_earlier_item_of_the_sentence_named():
    got = people("Kỳ họp miễn nhiệm chức danh Chủ tịch UBND huyện Tân Lạc đối với ông Lò Văn Khải; miễn nhiệm "
                 "chức danh Phó Chủ tịch UBND đối với ông Hà Minh Tuấn do nghỉ hưu.")
    assert got["Hà Minh Tuấn"] == [("Phó Chủ tịch", "Ủy ban nhân dân huyện Tân Lạc", True)]


def test_a_deputy_office_taken_up_with_chuc_vu_is_shared_by_the_people_listed_before():
    got = people("Ông Lò Văn Khải, Trưởng phòng Nội vụ huyện Tân Lạc và bà Vi Thị Hoa, Chủ tịch Hội Nông dân huyện "
                 "Tân Lạc được bầu giữ chức vụ Phó Chủ tịch UBND huyện Tân Lạc.")
    assert ("Phó Chủ tịch", "Ủy ban nhân dân huyện Tân Lạc") in got["Lò Văn Khải"]
    assert ("Phó Chủ tịch", "Ủy ban nhân dân huyện Tân Lạc") in got["Vi Thị Hoa"]


def test_the_chief_of_staff_and_the_head_of_political_work_of_an_army_command():
    got = people("Thiếu tướng Hà Minh Tuấn, Phó Tư lệnh kiêm Tham mưu trưởng Quân khu 9 phát biểu. Đại tá Lò Văn "
                 "Khải, Phó Chủ nhiệm Chính trị Quân khu 9 dự.")
    assert got["Hà Minh Tuấn"] == [("Phó Tư lệnh", "Quân khu 9"), ("Tham mưu trưởng", "Quân khu 9")]
    assert got["Lò Văn Khải"] == [("Phó Chủ nhiệm Chính trị", "Quân khu 9")]


def test_the_city_abbreviated_with_a_space():
    got = people("Đại tá Hà Minh Tuấn, Tham mưu trưởng Bộ Tư lệnh TP HCM phát biểu.")
    assert got["Hà Minh Tuấn"] == [("Tham mưu trưởng", "Bộ Tư lệnh Thành phố Hồ Chí Minh")]


def test_the_members_council_of_a_state_company_and_its_abbreviation_in_brackets():
    got = people("Tập đoàn quyết định thôi giữ chức vụ Thành viên Hội đồng thành viên (HĐTV) Công ty TNHH một thành "
                 "viên Chè Mộc Châu đối với ông Hà Minh Tuấn. Ông Lò Văn Khải, Thành viên HĐTV kiêm Phó Tổng Giám đốc "
                 "Công ty TNHH một thành viên Chè Sơn La dự.")
    assert got["Hà Minh Tuấn"] == [("Thành viên Hội đồng thành viên", "Công ty TNHH một thành viên Chè Mộc Châu", True)]
    assert got["Lò Văn Khải"] == [("Thành viên HĐTV", "Công ty TNHH một thành viên Chè Sơn La"),
                                  ("Phó Tổng Giám đốc", "Công ty TNHH một thành viên Chè Sơn La")]


def test_a_bare_title_printed_again_is_the_office_taken_up_not_a_guess_from_the_document():
    got = people("Hội nghị có đại diện Tập đoàn Dệt may Việt Nam. Tập đoàn Dệt may Việt Nam bổ nhiệm ông Hà Minh "
                 "Tuấn giữ chức Tổng Giám đốc Công ty Cổ phần May Tây Bắc. Tổng Giám đốc Hà Minh Tuấn phát biểu.")
    assert got["Hà Minh Tuấn"] == [("Tổng Giám đốc", "Công ty Cổ phần May Tây Bắc")]


def test_offices_possessed_by_the_authority_joined_by_va_are_not_the_deputys():
    got = people("Thừa ủy quyền của Chủ tịch nước và Thủ tướng Chính phủ, Phó Chủ tịch UBND tỉnh Lai Châu Hà Minh "
                 "Tuấn trao Huân chương cho nhà trường.")
    assert got["Hà Minh Tuấn"] == [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Lai Châu")]


def test_the_place_after_the_next_person_of_a_list_is_not_the_place_of_a_bare_unit_before():
    got = people("Công an tỉnh Lai Châu tổ chức lễ. Bộ Công an tặng Bằng khen cho đại tá Hà Minh Tuấn, Phó Giám đốc "
                 "Công an tỉnh và thiếu tá Lò Văn Khải, Phó Trưởng phòng Tham mưu Công an TP.HCM.")
    assert got["Hà Minh Tuấn"] == [("Phó Giám đốc", "Công an tỉnh Lai Châu")]


def test_a_command_office_before_the_chair_of_a_council_is_the_commands():
    got = people("Dự có Đại tá Hà Văn Trường, Chỉ huy trưởng Bộ CHQS tỉnh. Đại tá Lò Văn Khải, Phó Bí thư Thường trực "
                 "Đảng ủy, Chính ủy, Chủ tịch Hội đồng Thi đua - Khen thưởng Bộ CHQS tỉnh chủ trì.")
    assert got["Lò Văn Khải"][:2] == [("Phó Bí thư Thường trực", "Đảng ủy Bộ Chỉ huy Quân sự tỉnh"),
                                      ("Chính ủy", "Bộ Chỉ huy Quân sự tỉnh")]


def test_a_counted_office_before_a_comma_is_not_the_office_of_the_name_after_it():
    got = people("Ủy ban Kiểm tra Huyện ủy Tân Lạc gồm 5 ủy viên, đồng chí Hà Minh Tuấn được bầu làm Chủ nhiệm Ủy ban "
                 "Kiểm tra Huyện ủy.")
    assert [t for t, _ in got["Hà Minh Tuấn"]] == ["Chủ nhiệm"]


def test_a_name_cut_short_in_a_caption_is_the_person_named_in_full():
    got = people("Ông Hà Minh trao Huân chương cho nhà trường.\nTại buổi lễ, Phó Chủ tịch UBND tỉnh Lai Châu Hà Minh "
                 "Tuấn đã trao Huân chương Lao động hạng Ba cho nhà trường.")
    assert "Hà Minh" not in got
    assert got["Hà Minh Tuấn"] == [("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Lai Châu")]


def test_an_aside_on_birth_or_age_between_name_and_office_is_passed_over():
    p = people("Sáu cán bộ gồm: Ông Trần Văn Bình (SN 1966), Giám đốc Sở Xây dựng. Bà Lê Thị Hoa (sinh năm 1971) "
               "Phó Giám đốc Sở Tài chính. Ông Đỗ Minh Khang (57 tuổi), Phó Chánh Văn phòng UBND tỉnh Quảng Trị.")
    assert ("Giám đốc", "Sở Xây dựng") in p["Trần Văn Bình"]
    assert ("Phó Giám đốc", "Sở Tài chính") in p["Lê Thị Hoa"]
    assert p["Đỗ Minh Khang"][0][0] == "Phó Chánh Văn phòng"


def test_a_member_of_the_standing_committee_printed_without_ban():
    p = people("Dự buổi lễ có ông Trần Văn Bình, Ủy viên Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh Quảng Trị.")
    assert p["Trần Văn Bình"] == [("Ủy viên", "Ban Thường vụ Tỉnh ủy Quảng Trị"),
                                  ("Phó Chủ tịch", "Ủy ban nhân dân tỉnh Quảng Trị")]


def test_phó_ban_before_a_department_is_its_deputy_head():
    p = people("Dự hội nghị có bà Trần Thị Lan, Phó Ban Tuyên giáo Tỉnh ủy Quảng Trị; ông Đỗ Văn Hải, Phó Ban Chỉ "
               "đạo Tây Nam Bộ, nguyên Tư lệnh Quân khu 9.")
    assert p["Trần Thị Lan"] == [("Phó Trưởng ban", "Ban Tuyên giáo Tỉnh ủy Quảng Trị")]
    assert p["Đỗ Văn Hải"][0] == ("Phó Trưởng ban", "Ban Chỉ đạo Tây Nam Bộ")


def test_the_deputy_chief_of_the_general_staff():
    p = people("Dự lễ có Trung tướng Nguyễn Văn Thức, Phó Tổng Tham mưu trưởng Quân đội nhân dân Việt Nam.")
    assert p["Nguyễn Văn Thức"] == [("Phó Tổng Tham mưu trưởng", "Quân đội nhân dân Việt Nam")]


def test_another_name_in_brackets_between_name_and_office_is_passed_over():
    p = people("Danh sách gồm Phan Văn Hoàn (Phan Kiệt), nguyên Tư lệnh Quân khu 5; Trần Văn Hùng, Phó Tư lệnh Quân khu 9.")
    assert p["Phan Văn Hoàn"] == [("Tư lệnh", "Quân khu 5", True)]


def test_re_elected_to_an_office_later_in_the_sentence():
    p = people("Tại kỳ họp thứ nhất, Bí thư Thành ủy Đà Nẵng Trần Văn Bá đã được bầu lại làm chủ tịch HĐND TP.")
    assert ("Chủ tịch", "Hội đồng nhân dân thành phố Đà Nẵng") in p["Trần Văn Bá"]


def test_the_person_an_aide_serves_does_not_take_the_aides_offices():
    p = people("Thủ tướng bổ nhiệm ông Đỗ Văn Toản, Vụ trưởng, Thư ký đồng chí Lê Văn Khải, Phó Thủ tướng Chính phủ "
               "giữ chức Trợ lý đồng chí Lê Văn Khải. Ông Dương Văn Huy, Trợ lý đồng chí Phạm Văn Chinh, Thủ tướng "
               "Chính phủ, dự họp.")
    assert p["Đỗ Văn Toản"] == [("Vụ trưởng", None), ("Thư ký", None)]
    assert p["Lê Văn Khải"] == [("Phó Thủ tướng", "Chính phủ")]
    assert p["Dương Văn Huy"] == [("Trợ lý", None)]
    assert p["Phạm Văn Chinh"] == [("Thủ tướng", "Chính phủ")]


def test_an_acting_office_keeps_quyen_in_its_title():
    p = people("Chuẩn y chức danh Phó Bí thư Huyện ủy Đại Từ đối với đồng chí Nguyễn Văn Tiến, quyền Chủ tịch UBND "
               "huyện Đại Từ. Thiếu tướng Đỗ Văn Phương thừa ủy quyền Chủ tịch nước trao Huân chương.")
    assert ("Quyền Chủ tịch", "Ủy ban nhân dân huyện Đại Từ") in p["Nguyễn Văn Tiến"]
    assert p["Đỗ Văn Phương"] == []


def test_the_office_an_official_signs_for_is_not_the_signers():
    p = people("Ngày 20/11/2018, thừa lệnh Chủ tịch UBND tỉnh Quảng Trị, Phó Chánh Văn phòng UBND tỉnh Quảng Trị "
               "Nguyễn Văn Thạnh đã ký văn bản. Thừa ủy quyền Chủ tịch nước, Thứ trưởng Bộ Nội vụ Lê Văn Cường trao "
               "Huân chương.")
    assert p["Nguyễn Văn Thạnh"] == [("Phó Chánh Văn phòng", "Văn phòng Ủy ban nhân dân tỉnh Quảng Trị")]
    assert p["Lê Văn Cường"] == [("Thứ trưởng", "Bộ Nội vụ")]


def test_a_ministry_printed_as_its_abbreviation_ends_before_the_verb():
    text = "Theo quyết định, ông Lê Văn Bình – Thứ trưởng Bộ GD-ĐT nghỉ hưu từ ngày 1/9/2018."
    assert people(text)["Lê Văn Bình"] == [("Thứ trưởng", "Bộ GD-ĐT")]


@pytest.mark.parametrize("link", ["đảm nhiệm chức danh", "được Ban Thường vụ Tỉnh ủy chỉ định vào chức danh"])
def test_an_office_given_later_after_chuc_danh(link):
    text = f"Ông Trần Văn Nam, Phó Bí thư Huyện ủy Hòa Lộc {link} Bí thư Huyện ủy Châu Đức."
    assert ("Bí thư", "Huyện ủy Châu Đức") in people(text)["Trần Văn Nam"]


@pytest.mark.parametrize("unit, expected", [("Bệnh viện Hữu Nghị", "Bệnh viện Hữu Nghị"),
                                            ("Bệnh viện", "Bệnh viện Hữu Nghị")])
def test_an_academic_degree_between_the_unit_and_the_name(unit, expected):
    text = ("Bệnh viện Hữu Nghị đón nhận Huân chương Lao động hạng Nhì. Huân chương Lao động hạng Nhất "
            f"được trao cho Giám đốc {unit} PGS.TS. Lê Văn Bình cùng các danh hiệu khác.")
    assert people(text)["Lê Văn Bình"] == [("Giám đốc", expected)]


def test_a_two_syllable_surname_run_after_a_head_without_an_office_is_the_units_name():
    text = "Sáng 26/2, Bệnh viện Bạch Yến tổ chức lễ kỷ niệm. Giám đốc Bệnh viện Lê Văn Bình phát biểu."
    x = extract(CleanDocument(source="t.txt", uri="t.txt", text=text, format="txt"))
    assert "Bệnh viện Bạch Yến" in [u.name for u in x.units]


def test_bv_abbreviates_benh_vien():
    text = "Phó Thủ tướng trao huân chương cho Giám đốc BV Nhi Trung ương Lê Văn Bình."
    assert people(text)["Lê Văn Bình"] == [("Giám đốc", "Bệnh viện Nhi Trung ương")]
