"""Named emulation movements (sentences written for the tests)."""
from __future__ import annotations

from nlp.context import DocContext
from nlp.movements import find_movements
from nlp.normalize import normalize_text


def names(text: str) -> list[str]:
    return [m.name for m in find_movements(DocContext(norm=normalize_text(text)))]


def test_quoted_after_phong_trao_thi_dua():
    assert names("Huyện Mỹ Sơn đẩy mạnh phong trào thi đua “Dân vận khéo” trong năm 2024.") == ["Dân vận khéo"]


def test_quoted_after_cuoc_van_dong_with_straight_quotes():
    assert names('Cuộc vận động "Ngày vì người nghèo" được hưởng ứng.') == ["Ngày vì người nghèo"]


def test_a_list_of_quoted_names():
    got = names("các phong trào “Xây dựng xã hội học tập”, “Tuổi trẻ xung kích” và “Chung sức bảo vệ rừng”")
    assert got == ["Xây dựng xã hội học tập", "Tuổi trẻ xung kích", "Chung sức bảo vệ rừng"]


def test_dedupe_case_insensitively():
    text = ("phong trào thi đua “Lao động giỏi, lao động sáng tạo” ... "
            "phong trào thi đua “Lao động giỏi, Lao động sáng tạo” ...")
    assert names(text) == ["Lao động giỏi, lao động sáng tạo"]


def test_well_known_name_without_quotes():
    got = names("Đơn vị gắn thi đua với thực hiện Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.")
    assert got == ["Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh"]


def test_a_known_name_inside_a_longer_quoted_name_is_one_movement():
    got = names('cuộc vận động "Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư"')
    assert got == ["Toàn dân đoàn kết xây dựng đời sống văn hóa ở khu dân cư"]


def test_unnamed_phrases_are_not_movements():
    assert names("Sở phát động phong trào thi đua giai đoạn 2025-2030 và các phong trào thi đua chung.") == []
    assert names("Cán bộ phải thực hiện “nói đi đôi với làm” trong công tác.") == []


def test_a_named_programme_and_a_movements_theme():
    assert names("và chương trình “Áo ấm cho em” được duy trì") == ["Áo ấm cho em"]
    got = names("Giám đốc phát động phong trào thi đua năm học 2024-2025 với chủ đề “Kỷ cương, sáng tạo, hội nhập”.")
    assert got == ["Kỷ cương, sáng tạo, hội nhập"]
    assert names("Hội nghị có chủ đề “Chuyển đổi số”.") == []


def test_quoted_campaign():
    assert names('Chiến dịch “Mùa hè xanh” và phong trào "Tiếp sức đến trường" thu hút 3.000 đoàn viên.') == \
        ["Mùa hè xanh", "Tiếp sức đến trường"]


# --- real-text patterns (issue 11), in invented sentences ---

def test_a_list_after_patriotic_emulation_with_a_stray_quote_and_an_unquoted_item():
    got = names("các phong trào thi đua yêu nước “Nông dân sản xuất giỏi”; “Xây dựng nếp sống văn minh''; "
                "Chuyển đổi số; “Chung tay vì biển đảo quê hương”.")
    assert got == ["Nông dân sản xuất giỏi", "Xây dựng nếp sống văn minh", "Chuyển đổi số",
                   "Chung tay vì biển đảo quê hương"]


def test_the_theme_of_the_years_emulation():
    got = names("Thực hiện tốt chủ đề thi đua năm 2024 “Kỷ cương hành chính, đổi mới sáng tạo, phục vụ nhân dân”.")
    assert got == ["Kỷ cương hành chính, đổi mới sáng tạo, phục vụ nhân dân"]


def test_an_unquoted_campaign_after_its_launch():
    got = names("Chủ tịch UBND tỉnh phát động đợt thi đua lập thành tích chào mừng Đại hội Đảng bộ tỉnh lần thứ XX; "
                "đẩy mạnh cải cách hành chính.")
    assert got == ["lập thành tích chào mừng Đại hội Đảng bộ tỉnh lần thứ XX"]
    # no name after the launch
    assert names("Sở phát động thi đua giai đoạn 2026-2030.") == []


def test_a_known_name_in_lower_case_is_an_activity_not_the_movement():
    assert names("Đơn vị gắn với đẩy mạnh việc học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh.") == []


def test_the_occasion_an_emulation_greets_and_a_list_after_nhu():
    got = names("Sở triển khai phong trào thi đua lập thành tích chào mừng “Kỷ niệm 50 năm Ngày thành lập tỉnh” "
                "trong toàn ngành.")
    assert got == ["Kỷ niệm 50 năm Ngày thành lập tỉnh"]
    got = names('Huyện chỉ đạo các phong trào thi đua như: "Nông thôn mới kiểu mẫu"; phong trào "Xanh - sạch - đẹp".')
    assert got == ["Nông thôn mới kiểu mẫu", "Xanh - sạch - đẹp"]
    # a quoted phrase after other words is no name
    assert names("phong trào thi đua đã được các đơn vị hưởng ứng, thực hiện “ba không”.") == []


def test_examples_after_nhu_and_a_theme_after_a_long_launch():
    got = names("triển khai các phong trào thi đua trọng tâm của Liên đoàn như: “Lao động giỏi, lao động sáng tạo”, "
                "“Tham mưu giỏi, phục vụ tốt” và các phong trào khác.")
    assert got == ["Lao động giỏi, lao động sáng tạo", "Tham mưu giỏi, phục vụ tốt"]
    got = names("Liên đoàn ban hành kế hoạch phát động phong trào thi đua yêu nước năm 2025 và chào mừng kỷ niệm "
                "60 năm Ngày thành lập Công đoàn tỉnh (1/5/1965 - 1/5/2025) với chủ đề “Đoàn kết, đổi mới, phát triển”.")
    assert got == ["Đoàn kết, đổi mới, phát triển"]


def test_the_first_movements_are_named_right_after_a_cue_only():
    text = ("Năm 1947, Trung ương phát động phong trào thực hành “Đời sống mới” trong toàn quốc; "
            "thanh niên hăng hái tham gia phong trào Nam tiến.")
    assert names(text) == ["Đời sống mới", "Nam tiến"]
    assert names("Đoàn quân Nam tiến lên đường. Đời sống mới của nhân dân được nâng lên.") == []
