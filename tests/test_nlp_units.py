"""nlp.units: named organisations, merged across variants, on sentences written for these tests."""
import pytest

from extractors.types import CleanDocument
from nlp.pipeline import extract


def units(text: str) -> dict[str, tuple[list[str], str | None]]:
    x = extract(CleanDocument(source="t.txt", uri="t.txt", text=text, format="txt"))
    return {u.name: (u.aliases, u.parent) for u in x.units}


def test_full_name_abbreviation_alias_and_parent_from_parentheses():
    text = ("Cục Quản lý đấu thầu (BKHĐT) tổ chức hội nghị. Tổng cục Thống kê và Văn phòng Chính phủ (VPCP) cùng dự. "
            "Lãnh đạo VPCP đánh giá cao Cục Quản lý đấu thầu.")
    got = units(text)
    assert got["Văn phòng Chính phủ"] == (["VPCP"], "Chính phủ")
    assert "Cục Quản lý đấu thầu" in got
    assert "Tổng cục Thống kê" in got


def test_case_and_abbreviation_variants_merge_fullest_name_wins():
    text = ("Cục Kiểm định hải quan tổ chức tập huấn về TTHC. Cục Kiểm định Hải quan đã rà soát. "
            "Phòng Kiểm soát TTHC phối hợp với Phòng Kiểm soát thủ tục hành chính của Sở Tư pháp.")
    got = units(text)
    cuc = [n for n in got if n.lower() == "cục kiểm định hải quan"]
    assert len(cuc) == 1
    assert "Phòng Kiểm soát thủ tục hành chính" in got
    assert got["Phòng Kiểm soát thủ tục hành chính"][0] == ["Phòng Kiểm soát TTHC"]


def test_owner_bodies_take_the_unit_after_them():
    text = "Đảng ủy Bộ Tư pháp và Công đoàn Bộ Tư pháp phát động thi đua; Đoàn Thanh niên Bộ Tư pháp hưởng ứng."
    got = units(text)
    assert got["Đảng ủy Bộ Tư pháp"][1] == "Bộ Tư pháp"
    assert got["Công đoàn Bộ Tư pháp"][1] == "Bộ Tư pháp"
    assert got["Đoàn Thanh niên Bộ Tư pháp"][1] == "Bộ Tư pháp"
    assert got["Bộ Tư pháp"][1] == "Chính phủ"


def test_bare_party_body_and_bare_head_resolve_to_the_article_unit():
    text = ("Cục Hàng không Việt Nam tổng kết năm. Đảng bộ Cục được công nhận trong sạch, vững mạnh. "
            "Năm qua, Cục đã hoàn thành nhiệm vụ.")
    got = units(text)
    assert got["Đảng bộ Cục Hàng không Việt Nam"] == (["Đảng bộ Cục"], "Cục Hàng không Việt Nam")
    assert "Cục" in got["Cục Hàng không Việt Nam"][0]


def test_level_words_resolve_with_the_document_province_and_district():
    text = ("Huyện Tam Đường, tỉnh Lai Châu tổ chức hội nghị. Thực hiện chỉ đạo của UBND tỉnh Lai Châu, "
            "Huyện ủy, UBND huyện Tam Đường đã ban hành kế hoạch; Sở Nội vụ hướng dẫn.")
    got = units(text)
    assert got["Ủy ban nhân dân tỉnh Lai Châu"][0] == ["UBND tỉnh Lai Châu"]
    assert "Huyện ủy Tam Đường" in got
    assert "Ủy ban nhân dân huyện Tam Đường" in got
    assert got["Sở Nội vụ"][1] == "Ủy ban nhân dân tỉnh Lai Châu"


def test_sector_names_with_và_and_commas():
    text = ("Sở Văn hóa, Thể thao và Du lịch và Sở Giáo dục và đào tạo phối hợp với Bộ Lao động - Thương binh "
            "và Xã hội.")
    got = units(text)
    assert "Sở Văn hóa, Thể thao và Du lịch" in got
    assert "Sở Giáo dục và Đào tạo" in got
    assert "Bộ Lao động - Thương binh và Xã hội" in got


def test_name_ends_before_a_person_and_a_verb():
    text = "Giám đốc Trung tâm Phục vụ hành chính công tỉnh Ninh Bình Đinh Thị Yến cho biết, Trung tâm đã tiếp nhận hồ sơ."
    got = units(text)
    assert "Trung tâm Phục vụ hành chính công tỉnh Ninh Bình" in got


def test_known_national_and_international_bodies():
    text = ("Việt Nam là thành viên Hội đồng Bảo an Liên Hợp Quốc và Chủ tịch ASEAN; thực hiện chủ trương "
            "của Đảng, chính sách của Nhà nước, Chính phủ điện tử phát triển.")
    got = units(text)
    assert got["Hội đồng Bảo an Liên hợp quốc"][1] == "Liên hợp quốc"
    assert "Đảng Cộng sản Việt Nam" in got and got["Đảng Cộng sản Việt Nam"][0] == ["Đảng"]
    assert any("ASEAN" in [n, *a] for n, (a, _) in got.items())
    assert "Chính phủ" not in got       # "Chính phủ điện tử" is not the Government


@pytest.mark.parametrize("text", [
    "Các Bộ, cơ quan ngang Bộ và các Sở, ngành phối hợp thực hiện.",
    "Cục đã chủ trì xây dựng đề án.",
    "Hội nghị diễn ra trong hai ngày tại hội trường.",
    "Mỗi Công đoàn cơ sở cần tuyên truyền đến đoàn viên.",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
])
def test_generic_words_are_not_units(text):
    assert units(text) == {}


def test_head_noun_inside_a_title_is_not_a_unit():
    got = units("Chánh Văn phòng Bộ Xây dựng Hà Văn Tú chủ trì. Thủ tướng Chính phủ biểu dương.")
    assert set(got) == {"Bộ Xây dựng", "Chính phủ"}     # no "Văn phòng ..."; "Chính phủ" is printed


def test_front_committee_of_the_province_and_list_ending_before_a_person():
    got = units("Ủy ban MTTQ Việt Nam tỉnh; Công đoàn Công ty TNHH May Hòa Thọ và chị Nguyễn Thị Hạnh được khen thưởng.")
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh" in got
    assert "Ủy ban Mặt trận Tổ quốc Việt Nam" not in got
    assert "Công ty TNHH May Hòa Thọ" in got
    assert not any(n.endswith(" và chị") for n in got)


def test_agency_of_the_closing_byline_is_not_a_unit_of_the_article():
    got = units("Hội Nông dân huyện Tân Hồng tổng kết năm 2024.\n\nHội nghị biểu dương 30 hộ giỏi.\n\n"
                "Nội dung khác của bài.\n\nMinh Hải (Trung tâm Văn hóa huyện)\n")
    assert "Hội Nông dân huyện Tân Hồng" in got
    assert not any(n.startswith("Trung tâm Văn hóa") for n in got)


def test_office_of_the_peoples_committee_is_a_unit_an_office_inside_a_department_is_not():
    got = units("Chánh Văn phòng Ủy ban nhân dân tỉnh, Giám đốc Sở Tài chính chịu trách nhiệm thi hành. "
                "Chánh Văn phòng Cục Quản lý giá báo cáo.")
    assert got["Văn phòng Ủy ban nhân dân tỉnh"][1] == "Ủy ban nhân dân tỉnh"
    assert "Cục Quản lý giá" in got
    assert "Văn phòng Cục Quản lý giá" not in got


def test_central_level_of_an_association_is_the_association():
    got = units("Ông Cao Văn Lực, Phó Chủ tịch Trung ương Hội Nông dân Việt Nam dự hội nghị. Hội Nông dân Việt Nam "
                "phát động thi đua; Trung ương Hội đề nghị các tỉnh hưởng ứng.")
    assert set(got["Hội Nông dân Việt Nam"][0]) == {"Trung ương Hội Nông dân Việt Nam", "Trung ương Hội"}
    assert not any(n.startswith("Trung ương Hội") for n in got)


def test_capitalised_city_level_and_abbreviated_joint_stock_company_merge():
    got = units("Sáng 5/3, Ủy ban nhân dân thành phố Cần Thơ tổ chức hội nghị. Ủy ban nhân dân Thành phố giao "
                "Công ty CP Cấp nước Trà Nóc chủ trì; Công ty cổ phần Cấp nước Trà Nóc đã hoàn thành.")
    assert "Ủy ban nhân dân Thành phố" not in got
    assert any(n.lower() == "ủy ban nhân dân thành phố cần thơ" for n in got)
    assert len([n for n in got if "Trà Nóc" in n]) == 1


def test_stop_syllable_inside_a_compound_does_not_cut_the_name():
    # "điều" ends a name where it starts a verb ("điều hành"), not as the end of the noun "đê điều"
    got = units("Phó Cục trưởng Cục Quản lý đê điều và Phòng, chống thiên tai dự họp; "
                "Cục Kiểm tra văn bản điều hành hội nghị.")
    assert "Cục Quản lý đê điều và Phòng, chống thiên tai" in got
    assert "Cục Kiểm tra văn bản" in got


def test_comma_phrase_inside_a_name():
    got = units("Ban Chỉ đạo phòng, chống tham nhũng tỉnh họp phiên thường kỳ; Tổng cục Phòng, chống thiên tai dự.")
    assert "Tổng cục Phòng, chống thiên tai" in got


def test_schools_and_hospitals_named_after_people():
    got = units("Trường THCS Trần Hưng Đạo và Bệnh viện Đa khoa Nguyễn Đình Chiểu nhận Bằng khen; "
                "Trường Trung học phổ thông chuyên Lê Hồng Phong được tặng Cờ thi đua.")
    assert "Trường Trung học cơ sở Trần Hưng Đạo" in got
    assert "Bệnh viện Đa khoa Nguyễn Đình Chiểu" in got
    assert "Trường Trung học phổ thông chuyên Lê Hồng Phong" in got


def test_generic_level_class_is_not_a_unit():
    got = units("Chỉ số cải cách hành chính của các sở, ban, ngành và UBND xã, phường năm 2025 được công bố; "
                "UBND xã Tân Lập đứng đầu khối xã.")
    assert "Ủy ban nhân dân xã" not in got
    assert "Ủy ban nhân dân xã Tân Lập" in got


def test_bare_level_word_ends_a_name_before_lower_case_words():
    got = units("Trung tâm Dịch vụ việc làm tỉnh đứng đầu khối đơn vị sự nghiệp của Sở Nội vụ tỉnh Yên Bái.")
    assert any(n.startswith("Trung tâm Dịch vụ việc làm tỉnh") and "đứng" not in n for n in got)



def test_group_abbreviation_after_a_dash_is_the_same_unit():
    got = units("Công ty Cổ phần Than Hà Lầm - TKV đón nhận Huân chương Lao động hạng Ba. "
                "Công ty Cổ phần Than Hà Lầm đã khai thác 2,5 triệu tấn than.")
    assert "Công ty Cổ phần Than Hà Lầm - TKV" in got
    assert "Công ty Cổ phần Than Hà Lầm" in got["Công ty Cổ phần Than Hà Lầm - TKV"][0]


def test_fire_police_team_name_with_comma_phrases():
    got = units("Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ khu vực Tây Sơn được tặng Bằng khen.")
    assert "Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ khu vực Tây Sơn" in got


def test_counted_units_without_a_name_are_a_class():
    got = units("Tỉnh đã sắp xếp 12 Trung tâm Y tế khu vực theo mô hình mới; Trung tâm Y tế khu vực Đông Triều "
                "được tặng Bằng khen.")
    assert "Trung tâm Y tế khu vực" not in got
    assert "Trung tâm Y tế khu vực Đông Triều" in got


def test_descriptive_lower_case_names_opened_by_các():
    got = units("Tỉnh Hà Tĩnh tổng kết năm. Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh đã phối hợp với "
                "Sở Nội vụ; Công đoàn các Khu công nghiệp tỉnh được tặng Bằng khen.")
    assert "Ban Chỉ đạo các chương trình mục tiêu quốc gia tỉnh" in got
    assert any(n.startswith("Công đoàn các Khu công nghiệp tỉnh") for n in got)


def test_names_going_on_through_noun_words_and_comma_phrases():
    got = units("Khoa Hồi sức tích cực - Chống độc và Phòng Cảnh sát giao thông được khen. "
                "Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh và Hội đồng Khoa học, sáng kiến Thành phố họp.")
    assert "Khoa Hồi sức tích cực - Chống độc" in got
    assert "Phòng Cảnh sát giao thông" in got
    assert any(n.startswith("Ban Bảo vệ, chăm sóc sức khỏe cán bộ tỉnh") for n in got)
    assert "Hội đồng Khoa học, sáng kiến Thành phố" in got


def test_department_followed_by_its_organisation_after_a_comma():
    got = units("Bệnh viện Đa khoa tỉnh Hà Tĩnh tổ chức hội nghị. Khoa Nhi, Bệnh viện Đa khoa tỉnh Hà Tĩnh và "
                "Phòng Cảnh sát giao thông, Công an tỉnh được khen; Phòng Tổng hợp, Ban Tuyên giáo Tỉnh ủy dự.")
    assert got["Khoa Nhi"][1] == "Bệnh viện Đa khoa tỉnh Hà Tĩnh"
    assert got["Phòng Cảnh sát giao thông"][1] == "Công an tỉnh Hà Tĩnh"
    assert got["Phòng Tổng hợp"][1].startswith("Ban Tuyên giáo Tỉnh ủy")
    assert not (got[got["Phòng Tổng hợp"][1]][1] or "").startswith("Phòng")


def test_a_rank_after_và_starts_a_person_not_a_name_part():
    got = units("Thủ tướng Chính phủ tặng Bằng khen cho Đồn Biên phòng Pa Tần và Đại tá Lò Văn Hạnh.")
    assert "Đồn Biên phòng Pa Tần" in got
    assert not any("Đại tá" in n for n in got)


def test_title_ending_in_ban_before_a_steering_committee():
    got = units("UBND thành phố Huế tổ chức hội nghị. Bà Hồ Thị Vân, Phó Chủ tịch UBND thành phố, Trưởng Ban Chỉ đạo "
                "cải cách hành chính thành phố chủ trì hội nghị.")
    assert any(n.startswith("Ban Chỉ đạo cải cách hành chính thành phố") for n in got)


def test_company_with_and_without_its_legal_form_is_one_unit():
    got = units("Tổng công ty Điện lực miền Trung - Công ty cổ phần tổ chức hội nghị. "
                "Tổng công ty Điện lực miền Trung đã hoàn thành kế hoạch năm.")
    assert [n for n in got if n.startswith("Tổng công ty")] == ["Tổng công ty Điện lực miền Trung - Công ty cổ phần"]


def test_executive_committee_of_the_provincial_youth_union_is_the_tinh_doan():
    got = units("Ban Chấp hành Đoàn tỉnh Nghệ An tổ chức hội nghị; Tỉnh đoàn Nghệ An phát động phong trào.")
    assert len([n for n in got if "đoàn" in n.lower()]) == 1


def test_department_parents_follow_the_unit_hierarchy():
    got = units("Sở Nội vụ tỉnh Nghệ An tổng kết năm. Phòng Tổ chức cán bộ, Ban Tổ chức Tỉnh ủy dự; "
                "Đội Quản lý thị trường số 3 và Agribank Chi nhánh tỉnh Nghệ An được khen.")
    assert got["Ban Tổ chức Tỉnh ủy Nghệ An"][1] == "Tỉnh ủy Nghệ An"
    assert got["Phòng Tổ chức cán bộ"][1] == "Ban Tổ chức Tỉnh ủy Nghệ An"
    assert "Đội Quản lý thị trường số 3" in got
    assert "Agribank Chi nhánh tỉnh Nghệ An" in got


def test_school_type_abbreviation_is_not_a_unit_inside_the_school():
    got = units("Bà Phan Thị Hoa là giáo viên Trường THPT Nghi Lộc.")
    assert list(got) == ["Trường Trung học phổ thông Nghi Lộc"]


def test_prime_minister_title_prints_the_government_as_a_unit():
    got = units("Nhân dịp này, Thủ tướng Chính phủ tặng Bằng khen cho Hội Nông dân tỉnh Bạc Liêu.")
    assert "Chính phủ" in got
    assert "Hội Nông dân tỉnh Bạc Liêu" in got


def test_border_guard_command_abbreviated_in_passing_is_one_unit():
    got = units("Sáng 18/8, Bộ Chỉ huy Bộ đội Biên phòng (BĐBP) tỉnh Hà Tĩnh tổ chức hội nghị. Thượng tá Phan Văn Hùng "
                "- Chính ủy BĐBP tỉnh cho biết 5 năm qua BĐBP tỉnh đã phối hợp tốt.")
    assert list(got) == ["Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Tĩnh"]
    assert "BĐBP tỉnh" in got["Bộ Chỉ huy Bộ đội Biên phòng tỉnh Hà Tĩnh"][0]


def test_a_national_office_holds_its_departments_whatever_its_head_noun():
    got = units("Chiều 5/3, Cục Quản trị - Tài vụ Văn phòng Quốc hội tổ chức hội nghị; Công đoàn Văn phòng "
                "Quốc hội tặng hoa chúc mừng.")
    assert got["Cục Quản trị - Tài vụ"][1] == "Văn phòng Quốc hội"
    assert got["Công đoàn Văn phòng Quốc hội"][1] == "Văn phòng Quốc hội"
    got = units("Sáng 2/4, Văn phòng Chính phủ tổ chức hội nghị; Vụ Pháp luật trình bày báo cáo.")
    assert got["Vụ Pháp luật"][1] == "Văn phòng Chính phủ"


def test_the_local_front_committee_with_its_abbreviated_head_and_its_standing_board():
    text = ("Theo đề nghị của Ban Thường trực Ủy ban MTTQ Việt Nam huyện tại Công văn số 12/MTTQ-BTT, Đại hội "
            "đại biểu MTTQ Việt Nam huyện Mỹ Sơn lần thứ X khai mạc; Ủy ban MTTQ tỉnh Hà Nam cử đại diện dự.")
    got = units(text)
    assert got["Ủy ban Mặt trận Tổ quốc Việt Nam huyện Mỹ Sơn"][0] == ["Ủy ban MTTQ Việt Nam huyện",
                                                                       "MTTQ Việt Nam huyện Mỹ Sơn"]
    assert got["Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam huyện Mỹ Sơn"][1] == \
        "Ủy ban Mặt trận Tổ quốc Việt Nam huyện Mỹ Sơn"
    assert "Ủy ban Mặt trận Tổ quốc tỉnh Hà Nam" in got
    assert not [n for n in got if n.startswith("Mặt trận")]


def test_the_front_committee_abbreviated_whole_in_a_recipients_list():
    got = units("Nơi nhận:\n- TT. HĐND, UBND tỉnh;\n- UBMTTQVN tỉnh Hà Nam;\n- Lưu: VT.")
    assert got["Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Hà Nam"][0] == ["UBMTTQVN tỉnh Hà Nam"]


def test_recipients_list_abbreviations_with_a_dot_shared_level_and_a_filing_note():
    text = ("Ủy ban nhân dân tỉnh Hà Nam ban hành kế hoạch.\nNơi nhận:\n- TT. HĐND, UBND tỉnh;\n- VP. Tỉnh ủy;\n"
            "- BHXH tỉnh Hà Nam;\n- Lưu: VT, VP.")
    got = units(text)
    assert "Hội đồng nhân dân tỉnh Hà Nam" in got
    assert got["Văn phòng Tỉnh ủy Hà Nam"] == (["VP. Tỉnh ủy"], "Tỉnh ủy Hà Nam")
    assert "Bảo hiểm xã hội tỉnh Hà Nam" in got
    assert not [n for n in got if n.startswith("Văn phòng Ủy ban")]


def test_heads_listed_before_one_level_phrase_share_it():
    got = units("Lãnh đạo Thường trực HĐND, UBND xã Tân Lập dự hội nghị.")
    assert {"Hội đồng nhân dân xã Tân Lập", "Ủy ban nhân dân xã Tân Lập"} <= set(got)


def test_a_lower_case_head_after_and_starts_another_unit():
    got = units("Ban Tuyên giáo Tỉnh ủy và ban tuyên giáo các huyện ủy đã tham mưu tốt.")
    assert "Ban Tuyên giáo Tỉnh ủy" in got
    assert not [n for n in got if "và ban" in n]


def test_a_committee_of_the_national_assembly_carries_it_in_its_name():
    text = "Chủ nhiệm Ủy ban Pháp luật của Quốc hội Lê Văn Hào; đại diện Ủy ban Tài chính, Ngân sách của Quốc hội."
    got = units(text)
    assert {"Ủy ban Pháp luật của Quốc hội", "Ủy ban Tài chính, Ngân sách của Quốc hội", "Quốc hội"} <= set(got)
    assert got["Ủy ban Pháp luật của Quốc hội"][1] == "Quốc hội"


def test_company_names_in_lower_case_after_the_legal_form_and_through_a_compound_word():
    got = units("Tặng Bằng khen cho Công ty Cổ phần vận tải Sông Hồng; Công ty Thiết bị y tế Hà Nam đã hoàn thành.")
    assert {"Công ty Cổ phần vận tải Sông Hồng", "Công ty Thiết bị y tế Hà Nam"} <= set(got)


def test_a_letter_glued_to_a_slash_is_no_part_of_a_place_or_name():
    got = units("Thông báo số 12/TB-UBND ngày 3/5/2024 của UBND huyện Mỹ Sơn V/v tổ chức hội nghị.")
    assert "Ủy ban nhân dân huyện Mỹ Sơn" in got
    assert not [n for n in got if n.endswith(" V")]


def test_the_issuer_of_an_administrative_document_printed_in_capitals_is_a_unit():
    text = ("ỦY BAN NHÂN DÂN\nHUYỆN MỸ SƠN\nSố: 15/QĐ-UBND\nMỹ Sơn, ngày 2 tháng 3 năm 2024\nQUYẾT ĐỊNH\n"
            "Về việc khen thưởng\nCHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MỸ SƠN\nCăn cứ Luật Thi đua, khen thưởng;\n")
    assert "Ủy ban nhân dân huyện Mỹ Sơn" in units(text)


def test_an_office_as_issuer_is_not_a_unit():
    text = ("QUYẾT ĐỊNH\nVề việc tặng Bằng khen\nTHỦ TƯỚNG CHÍNH PHỦ\nCăn cứ Luật Thi đua, khen thưởng;\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Tặng Bằng khen cho Sở Nội vụ tỉnh Hà Nam.\n")
    assert not [n for n in units(text) if n.startswith("Thủ tướng")]


def test_a_steering_committee_named_by_two_tasks_joined_by_and_up_to_its_level():
    text = "Phó Trưởng Ban Chỉ đạo chuyển đổi số và phát triển kinh tế số tỉnh Hà Nam Lò Văn Tâm chủ trì."
    got = units(text)
    assert "Ban Chỉ đạo chuyển đổi số và phát triển kinh tế số tỉnh Hà Nam" in got


def test_the_organising_committee_of_a_patriotic_emulation_congress():
    got = units("Ban Tổ chức Đại hội Thi đua yêu nước tỉnh Hà Nam lần thứ VI đã họp.")
    assert "Ban Tổ chức Đại hội Thi đua yêu nước tỉnh Hà Nam" in got


def test_the_departments_of_a_unit_after_a_quantifier_are_a_class_but_the_unit_stays():
    got = units("Dự họp có lãnh đạo các Ban HĐND tỉnh Hà Nam.")
    assert list(got) == ["Hội đồng nhân dân tỉnh Hà Nam"]


def test_a_single_member_limited_company_keeps_its_legal_form_in_its_name():
    got = units("Tặng Bằng khen cho Công ty TNHH một thành viên Cà phê Phước An và Công ty TNHH MTV Xổ số Hà Nam.")
    assert {"Công ty TNHH một thành viên Cà phê Phước An", "Công ty TNHH MTV Xổ số Hà Nam"} <= set(got)


def test_a_district_committee_takes_its_two_syllable_district_even_one_that_starts_with_a_surname():
    got = units("Hội nghị có đồng chí Hà Quang Vinh, Bí thư Huyện ủy Lý Nhân. Bí thư Huyện ủy Mai Sơn Lò Văn Tâm "
                "phát biểu.")
    assert {"Huyện ủy Lý Nhân", "Huyện ủy Mai Sơn"} <= set(got)


def test_the_party_organisation_inside_its_committees_name_is_no_unit_of_its_own():
    got = units("Hội nghị Ban Chấp hành Đảng bộ tỉnh Phú Yên lần thứ 12 đã khai mạc. Hội nghị Ban Chấp hành Đảng bộ "
                "lần này bàn nhiều nội dung.")
    assert "Ban Chấp hành Đảng bộ tỉnh Phú Yên" in got
    assert not any(name.startswith("Đảng bộ") for name in got)
    assert len([n for n in got if n.startswith("Ban Chấp hành")]) == 1


def test_a_peoples_committee_in_lower_case_before_its_place():
    got = units("Phát biểu tại hội nghị, ông Ngô Văn Sáu, chủ tịch ủy ban nhân dân tỉnh Bạc Liêu yêu cầu các sở.")
    assert "Ủy ban nhân dân tỉnh Bạc Liêu" in got


def test_a_unit_name_ends_before_the_office_taken_after_and():
    got = units("Đồng chí A tham gia Ban Chấp hành, Ban Thường vụ Huyện ủy Mường Tè và giữ chức Phó Bí thư Huyện ủy.")
    assert "Ban Thường vụ Huyện ủy Mường Tè" in got


def test_a_number_closes_a_company_name_before_a_person():
    got = units("Tổng Công ty Sông Hồng 7 Lê Văn Bảy phát biểu tại lễ kỷ niệm.")
    assert "Tổng Công ty Sông Hồng 7" in got and "Tổng Công ty Sông Hồng" not in got


def test_the_standing_office_of_a_body_is_named_as_the_body():
    got = units("Thường trực Tỉnh ủy Bến Tre thống nhất kiện toàn nhân sự. Dự họp có Thường trực HĐND tỉnh.")
    assert "Thường trực Tỉnh ủy Bến Tre" in got["Tỉnh ủy Bến Tre"][0]
    assert not any(name.startswith("Thường trực") for name in got)


def test_a_level_word_printed_as_an_abbreviation():
    got = units("Dự có ông Lâm Văn Bé, Phó Chủ tịch UBND TX. Hòa Thành và đại diện UBND TP. Vĩnh An.")
    assert {"Ủy ban nhân dân thị xã Hòa Thành", "Ủy ban nhân dân thành phố Vĩnh An"} <= set(got)


def test_a_unit_name_ends_at_a_stop_word_before_another_unit():
    got = units("Tập thể được khen là Phòng Cảnh sát giao thông thuộc Công an tỉnh Phú Yên.")
    assert "Phòng Cảnh sát giao thông" in got


def test_other_spellings_of_a_sector_read_as_the_sector():
    got = units("UBND huyện Phước Hòa tổng kết thi đua. Ông Lê Văn Mạnh, Chủ tịch Hội đồng thi đua khen thưởng huyện, "
                "chủ trì; Giám đốc Sở Lao động, Thương binh và Xã hội Hồ Thị Lan dự.")
    assert "Hội đồng Thi đua - Khen thưởng huyện Phước Hòa" in got
    assert "Sở Lao động - Thương binh và Xã hội" in got


def test_a_party_committee_closes_the_name_of_its_department_or_board():
    got = units("Ngày 2/3, Tỉnh ủy Sóc Trăng tổ chức lễ. Ông Lê Văn Mạnh, Trưởng Ban Tổ chức Tỉnh ủy Sóc Trăng, công "
                "bố quyết định nghỉ hưu đối với cán bộ "
                "thuộc diện Ban Thường vụ Tỉnh ủy quản lý.")
    assert "Ban Tổ chức Tỉnh ủy Sóc Trăng" in got
    assert "Ban Thường vụ Tỉnh ủy Sóc Trăng" in got
    assert not any("quản lý" in name for name in got)


def test_the_office_of_a_local_department_named_in_a_title_is_a_unit():
    got = units("Sở Y tế tỉnh Hà Giang tổ chức lễ. Huân chương Lao động hạng Ba được trao cho bà Lê Thị Mai, Chánh "
                "Văn phòng Sở Y tế.")
    assert any(name.startswith("Văn phòng Sở Y tế") for name in got)


def test_a_school_named_after_its_place_keeps_its_number():
    got = units("Trường Tiểu học thị trấn Tân Hiệp 2 đón nhận Huân chương Lao động. Trường Mầm non xã Phú Lộc 2 năm "
                "liền đạt danh hiệu.")
    assert "Trường Tiểu học thị trấn Tân Hiệp 2" in got
    assert "Trường Mầm non xã Phú Lộc" in got


def test_a_variant_spelling_of_the_province_is_the_same_unit():
    got = units("Ngày 12-3, UBND tỉnh Thừa Thiên - Huế tổ chức lễ trao tặng. UBND tỉnh còn trao Bằng khen.")
    assert len([n for n in got if n.startswith("Ủy ban nhân dân tỉnh")]) == 1


def test_classes_of_party_organs_are_no_unit():
    got = units("Dự hội nghị có đại biểu Ban Đảng Trung ương; lãnh đạo các huyện ủy, thành ủy, đảng ủy trực thuộc "
                "Tỉnh ủy Hà Giang.")
    assert not any(n.startswith("Ban Đảng") or n == "Thành ủy" for n in got)
    assert "Tỉnh ủy Hà Giang" in got


def test_emulation_blocs_named_by_a_number():
    got = units("Khối thi đua số 3 do Sở Y tế làm Khối trưởng tổ chức hội nghị tổng kết của Khối Thi đua 3. Các cơ "
                "quan Đảng tỉnh cùng dự.")
    assert got["Khối thi đua số 3"][0] == ["Khối Thi đua 3"]
    assert "Đảng tỉnh" not in got


def test_a_name_cut_short_by_a_stop_word_is_the_one_longer_name_it_starts():
    got = units("Ông Lê Văn Mạnh, Trưởng Tiểu ban văn kiện Đại hội XV của Đảng phát biểu tại phiên họp của Tiểu ban "
                "văn kiện ngày 3/4.")
    assert got["Tiểu ban văn kiện Đại hội XV"][0] == ["Tiểu ban văn kiện"]


def test_the_front_named_alone_among_the_political_bodies():
    got = units("Kế hoạch nâng cao trách nhiệm của các cấp ủy, chính quyền, MTTQ, các đoàn thể của tỉnh Hà Giang; "
                "Ủy ban MTTQ tỉnh phối hợp thực hiện.")
    assert "Mặt trận Tổ quốc Việt Nam" in got


def test_an_abbreviated_level_word_before_an_honorific_takes_no_place():
    got = units("Ông Lê Văn Mạnh tái đắc cử chức chủ tịch UBND TP. Ông Hồ Văn Long được bầu làm chủ tịch HĐND TP.")
    assert not any("Ông" in name for name in got)


def test_a_bare_party_body_listed_before_another_shares_its_committee():
    got = units("Bộ Chính trị điều động đồng chí Lê Văn Mạnh thôi tham gia Ban Chấp hành, Ban Thường vụ Tỉnh ủy Hà "
                "Giang để giữ chức Bí thư Đảng đoàn Liên minh Hợp tác xã Việt Nam. Ông Hồ Văn Long được điều động thay.")
    assert "Ban Chấp hành Tỉnh ủy Hà Giang" in got
    assert "Liên minh Hợp tác xã Việt Nam" in got
    assert not any(n.endswith(" thay") for n in got)


def test_the_front_committee_in_lower_case_is_not_the_front_itself():
    got = units("Dự hội nghị có lãnh đạo HĐND, UBND tỉnh; lãnh đạo ủy ban MTTQ và các tổ chức chính trị - xã hội.")
    assert "Mặt trận Tổ quốc Việt Nam" not in got


def test_an_association_of_a_city_printed_with_the_abbreviated_level_and_a_dot():
    got = units("Hội Nông học TP. Cần Thơ tổ chức hội nghị; Tổng hội Nông học Việt Nam gửi thư chúc mừng.")
    assert "Hội Nông học Thành phố Cần Thơ" in got or "Hội Nông học thành phố Cần Thơ" in got
    assert "Tổng hội Nông học Việt Nam" in got


def test_a_department_numbered_after_a_lower_case_word():
    got = units("Phòng Nghiệp vụ 2, Ban Thi đua - Khen thưởng tỉnh Lai Châu chủ trì hội nghị.")
    assert "Phòng Nghiệp vụ 2" in got


def test_the_command_of_a_numbered_military_region_keeps_its_number():
    got = units("Bộ Tư lệnh Quân khu 9 tổ chức lễ kỷ niệm; Bộ Tư lệnh Quân đoàn 4 gửi điện chúc mừng.")
    assert "Bộ Tư lệnh Quân khu 9" in got
    assert "Bộ Tư lệnh Quân đoàn 4" in got


def test_the_cooperative_alliance_is_one_organisation():
    got = units("Liên minh Hợp tác xã tỉnh Lai Châu tổ chức hội nghị; Liên minh HTX Việt Nam gửi thư chúc mừng.")
    assert "Liên minh Hợp tác xã tỉnh Lai Châu" in got
    assert "Liên minh Hợp tác xã Việt Nam" in got


def test_the_front_s_central_committee_with_the_front_abbreviated_in_one_word():
    got = units("Căn cứ Quyết định của Ban Thường trực Ủy ban Trung ương MTTQVN về quy chế thi đua.")
    assert "Ban Thường trực Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam" in got


def test_the_investigating_bodies_of_the_police_keep_the_word_for_investigation():
    got = units("Cục An ninh điều tra phối hợp với Văn phòng Cơ quan Cảnh sát điều tra Công an tỉnh Lai Châu.")
    assert "Cục An ninh điều tra" in got
    assert "Văn phòng Cơ quan Cảnh sát điều tra" in got


def test_a_title_case_headline_ends_the_unit_name_at_the_verb():
    got = units("Trường THCS Tân Hòa Được Tặng Bằng Khen Của Bộ Giáo Dục\n\nNgày 5/9, Trường THCS Tân Hòa tổ chức lễ.")
    assert not any("Được" in name for name in got)


def test_the_board_of_directors_of_an_organisation():
    got = units("Ban Giám đốc Bệnh viện Đa khoa tỉnh Lai Châu tổ chức hội nghị cán bộ.")
    assert got["Ban Giám đốc Bệnh viện Đa khoa tỉnh Lai Châu"][1] == "Bệnh viện Đa khoa tỉnh Lai Châu"


def test_descriptive_names_go_on_through_common_compounds():
    got = units("Ban Chỉ đạo xây dựng nông thôn mới tỉnh Lai Châu họp; Phòng Tư vấn và chính sách phát triển "
                "thành viên thuộc Liên minh Hợp tác xã tỉnh Lai Châu báo cáo.")
    assert "Ban Chỉ đạo xây dựng nông thôn mới tỉnh Lai Châu" in got
    assert "Phòng Tư vấn và chính sách phát triển thành viên" in got


def test_the_standing_committee_of_a_party_committee_printed_in_lower_case():
    got = units("Thực hiện Kế hoạch của Ban Thường vụ huyện ủy về công tác thi đua năm 2024.")
    assert any(name.lower().startswith("ban thường vụ huyện ủy") for name in got)
    assert not any(name.startswith("Ban Thường vụ huyện") and "ủy" not in name for name in got)


def test_a_school_in_running_text_with_trường_in_lower_case_is_the_school():
    got = units("Trường THCS Tân Hòa tổ chức lễ khai giảng. Tập thể giáo viên trường THCS Tân Hòa sẽ tiếp tục nỗ lực.")
    assert list(got) == ["Trường Trung học cơ sở Tân Hòa"]


def test_the_board_of_a_company_is_a_unit_of_its_company():
    got = units("HĐTV Công ty TNHH một thành viên Chè Sơn La công bố quyết định; Hội đồng quản trị Công ty Cổ phần "
                "May Tây Bắc dự.")
    assert got["Hội đồng thành viên Công ty TNHH một thành viên Chè Sơn La"][1] == \
        "Công ty TNHH một thành viên Chè Sơn La"
    assert got["Hội đồng quản trị Công ty Cổ phần May Tây Bắc"][1] == "Công ty Cổ phần May Tây Bắc"


def test_a_numbered_formation_named_by_its_arm_keeps_its_number():
    got = units("Danh hiệu được trao cho Trung đoàn Pháo binh 164, Sư đoàn Phòng không 375 và Lữ đoàn Công binh 25.")
    assert {"Trung đoàn Pháo binh 164", "Sư đoàn Phòng không 375", "Lữ đoàn Công binh 25"} <= set(got)


def test_the_air_defence_service_is_named_whole_across_its_dash():
    got = units("Tư lệnh Quân chủng Phòng không - Không quân dự lễ; đơn vị trực thuộc Quân chủng PK-KQ được khen.")
    assert got["Quân chủng Phòng không - Không quân"] == (["Quân chủng PK-KQ"], "Bộ Quốc phòng")


def test_a_department_named_by_its_number():
    got = units("Chủ tịch nước phong tặng danh hiệu Anh hùng cho Cục 12 thuộc Tổng cục II, Bộ Quốc phòng.")
    assert "Cục 12" in got


def test_the_central_emulation_board_printed_without_its_dash():
    got = units("Hôm nay, tại thành phố Hòa Bình, Ban Thi đua Khen thưởng Trung ương tổ chức hội nghị sơ kết.")
    assert "Ban Thi đua - Khen thưởng Trung ương" in got


def test_a_central_hospital_named_with_its_city():
    got = units("Giám đốc Bệnh viện Mắt Trung ương Hải Phòng phát biểu tại buổi lễ.")
    assert list(got) == ["Bệnh viện Mắt Trung ương Hải Phòng"]
