"""Award conferments (sentences written for the tests, invented units and people)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.admin_doc import parse_admin_document
from nlp.awards import find_awards
from nlp.context import DocContext
from nlp.dates import find_dates
from nlp.legal_refs import find_legal_refs
from nlp.lexicon import load_lexicon
from nlp.movements import find_movements
from nlp.normalize import normalize_text


def awards(text: str, kind: str = "news", doc_date: str | None = None):
    ctx = DocContext(norm=normalize_text(text), kind=kind, doc_date=doc_date)
    return [(a.award, a.award_class, a.grantor, a.recipient, a.year) for a in find_awards(ctx, [], [])]


def test_two_years_give_two_records():
    got = awards("Tập thể Trường THPT Nam Hà vinh dự 2 lần được tặng Cờ thi đua Chính phủ năm 2017 và năm 2021.")
    assert got == [("Cờ thi đua", None, "Chính phủ", "Trường THPT Nam Hà", 2017),
                   ("Cờ thi đua", None, "Chính phủ", "Trường THPT Nam Hà", 2021)]


def test_classes_expand():
    got = awards("Nhiều cá nhân được tặng Huân chương Lao động các hạng nhất, nhì, ba.")
    assert got == [("Huân chương Lao động", c, None, None, None) for c in (1, 2, 3)]


def test_grantor_after_the_name():
    got = awards("Chi cục Thủy lợi Đông Sơn 3 lần được tặng Cờ thi đua ngành Nông nghiệp; "
                 "được tặng Cờ thi đua UBND tỉnh, Bằng khen của Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc.")
    assert got == [("Cờ thi đua", None, "ngành Nông nghiệp", "Chi cục Thủy lợi Đông Sơn", None),
                   ("Cờ thi đua", None, "UBND tỉnh", "Chi cục Thủy lợi Đông Sơn", None),
                   ("Bằng khen", None, "Bộ trưởng, Chủ nhiệm Ủy ban Dân tộc", "Chi cục Thủy lợi Đông Sơn", None)]


def test_grantors_before_tang():
    got = awards("Chi bộ Phòng Tài chính được Huyện ủy Mỹ Sơn, Đảng ủy Khối cơ quan tỉnh tặng nhiều Giấy khen.")
    assert [(a, g, r) for a, _, g, r, _ in got] == [
        ("Giấy khen", "Huyện ủy Mỹ Sơn", "Chi bộ Phòng Tài chính"),
        ("Giấy khen", "Đảng ủy Khối cơ quan tỉnh", "Chi bộ Phòng Tài chính")]


def test_emulation_titles_and_the_party_title():
    text = ("Kết quả, Đảng bộ Sở Tư pháp nhiều năm liền đạt danh hiệu Tổ chức Đảng trong sạch vững mạnh tiêu biểu. "
            "Tập thể Phòng Hộ tịch 4 năm liên tục đạt tập thể lao động xuất sắc.")
    assert awards(text) == [
        ("Tổ chức Đảng trong sạch, vững mạnh tiêu biểu", None, None, "Đảng bộ Sở Tư pháp", None),
        ("Tập thể lao động xuất sắc", None, None, "Phòng Hộ tịch", None)]


def test_class_grantor_and_year_of_an_order():
    got = awards("Năm 2019, Bệnh viện Đa khoa huyện Tân Lạc được Chủ tịch nước tặng Huân chương Lao động hạng Ba.")
    assert got == [("Huân chương Lao động", 3, "Chủ tịch nước", "Bệnh viện Đa khoa huyện Tân Lạc", 2019)]


def test_active_grantor_and_recipient_after_cho():
    got = awards("Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho Công ty Cấp nước Hà Lâm và ông Lò Văn Sáng.")
    assert got == [("Bằng khen", None, "Chủ tịch UBND tỉnh", "Công ty Cấp nước Hà Lâm", None),
                   ("Bằng khen", None, "Chủ tịch UBND tỉnh", "Lò Văn Sáng", None)]


def test_a_list_of_recipients_after_a_colon():
    got = awards("Thừa ủy quyền của Thủ tướng Chính phủ, đồng chí Vi Thị Hạnh trao Cờ thi đua của Chính phủ "
                 "cho 2 tập thể: UBND xã Tân Phú; Trường Mầm non Hoa Sen.")
    assert got == [("Cờ thi đua", None, "Chính phủ", "UBND xã Tân Phú", None),
                   ("Cờ thi đua", None, "Chính phủ", "Trường Mầm non Hoa Sen", None)]


def test_honorary_title_to_a_person():
    got = awards("Năm 2022, bà Hà Thị Mai được phong tặng danh hiệu Nhà giáo ưu tú.")
    assert got == [("Nhà giáo ưu tú", None, None, "Hà Thị Mai", 2022)]


def test_a_vaguer_repeat_is_not_a_new_conferment():
    text = ("Sáng 3/4, Trường Cao đẳng Y tế Hà Lâm đón nhận Huân chương Lao động hạng Nhì của Chủ tịch nước.\n"
            "Thứ trưởng trao Huân chương Lao động cho Trường. Ảnh: Minh Khôi")
    assert awards(text, doc_date="2024-04-03") == [
        ("Huân chương Lao động", 2, "Chủ tịch nước", "Trường Cao đẳng Y tế Hà Lâm", 2024)]


@pytest.mark.parametrize("text", [
    "Xét tặng Bằng khen cho tập thể đạt danh hiệu Tập thể lao động xuất sắc 2 năm liên tục.",
    "Tiêu chuẩn Chiến sĩ thi đua cơ sở được quy định tại Điều 23.",
    "Sở Nội vụ đề nghị Thủ tướng Chính phủ tặng Bằng khen cho 3 tập thể.",
    "Cá nhân được đề nghị tặng Huân chương Lao động hạng Ba phải có sáng kiến.",
    "Có những hình thức động viên, khen thưởng kịp thời trong phong trào thi đua.",
    "Trường phấn đấu đạt Cờ thi đua của UBND tỉnh vào năm 2026.",
])
def test_criteria_and_rules_are_not_conferments(text):
    assert awards(text) == []


def test_a_plans_rule_is_not_a_conferment_but_a_decision_is():
    text = "Tặng Bằng khen của Chủ tịch UBND tỉnh cho 5 tập thể có thành tích xuất sắc."
    assert awards(text, kind="plan") == []
    assert awards(text, kind="decision") == [("Bằng khen", None, "Chủ tịch UBND tỉnh", None, None)]


def test_taxonomy_is_complete_and_well_formed():
    data = load_lexicon("awards.toml")
    names = {a["name"] for a in data["award"]}
    for must in ("Chiến sĩ thi đua toàn quốc", "Huân chương Sao vàng", "Huân chương Hồ Chí Minh",
                 "Huân chương Độc lập", "Huân chương Quân công", "Huân chương Lao động",
                 "Huân chương Bảo vệ Tổ quốc", "Huân chương Chiến công", "Huân chương Dũng cảm",
                 "Huân chương Đại đoàn kết dân tộc", "Huân chương Hữu nghị", "Anh hùng Lao động",
                 "Anh hùng Lực lượng vũ trang nhân dân", "Bà mẹ Việt Nam anh hùng", "Nhà giáo nhân dân",
                 "Thầy thuốc ưu tú", "Nghệ sĩ nhân dân", "Giải thưởng Hồ Chí Minh", "Giải thưởng Nhà nước",
                 "Kỷ niệm chương", "Bằng khen", "Giấy khen", "Cờ thi đua", "Lao động tiên tiến",
                 "Tập thể lao động xuất sắc", "Đơn vị quyết thắng", "Gia đình văn hóa"):
        assert must in names
    for a in data["award"]:
        assert a["category"] in ("title", "form") and a["recipient"] in ("person", "collective", "both")
        assert a["variants"]


def test_seed_article_awards():
    from tests.conftest import SEEDS
    path = SEEDS / "000_93682170d6c0f026.txt"
    if not path.exists():
        pytest.skip("shared seeds not present")
    got = awards(path.read_text(encoding="utf-8"))
    assert len(got) == 13
    assert ("Cờ thi đua", None, "Chính phủ", "Cục Kiểm soát thủ tục hành chính", 2019) in got


def test_seed_news_without_awards_and_the_plan_yield_none():
    from tests.conftest import SEEDS
    for name in ("001_c814d8d3e289fa57.txt", "002_2b361ad3327a0867.txt", "003_d16260f600cb5f08.txt",
                 "004_9a096204e18503d9.txt"):
        path = SEEDS / name
        if not path.exists():
            pytest.skip("shared seeds not present")
        assert awards(path.read_text(encoding="utf-8"), kind="plan" if name.startswith("004") else "news") == []


def test_a_decisions_numbered_list_of_recipients_in_the_signing_year():
    text = ("Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho 02 tập thể và 01 cá nhân "
            "đã có thành tích xuất sắc, gồm:\n\n1. Ủy ban nhân dân xã Hòa Lạc;\n\n2. Trạm Y tế phường Đông Thành;\n\n"
            "3. Ông Mai Văn Tư, Chủ tịch Hội Nông dân xã Hòa Lạc.\n\nĐiều 2. Quyết định có hiệu lực kể từ ngày ký.")
    got = awards(text, kind="decision", doc_date="2024-12-20")
    assert got == [("Bằng khen", None, "Chủ tịch Ủy ban nhân dân tỉnh", r, 2024)
                   for r in ("Ủy ban nhân dân xã Hòa Lạc", "Trạm Y tế phường Đông Thành", "Mai Văn Tư")]


def test_a_pronoun_subject_is_the_person_named_before():
    text = ("Ông Đèo Văn Khánh sinh năm 1970. Ông là tác giả của 9 sáng kiến; "
            "từng được Thủ tướng Chính phủ tặng danh hiệu Chiến sĩ thi đua toàn quốc năm 2016.")
    assert awards(text) == [("Chiến sĩ thi đua toàn quốc", None, "Thủ tướng Chính phủ", "Đèo Văn Khánh", 2016)]


def test_holder_after_cua_is_the_recipient_not_the_grantor():
    text = ("Ngày 2/12, Công ty Cổ phần Cấp nước Hà Lâm tổ chức Lễ đón nhận danh hiệu Anh hùng Lao động "
            "thời kỳ đổi mới của ông Vàng A Páo, Quản đốc Phân xưởng Bơm và Huân chương Lao động hạng Ba của Công ty.")
    got = awards(text, doc_date="2023-12-03")
    assert ("Anh hùng Lao động", None, None, "Vàng A Páo", 2023) in got
    assert all(g is None for _, _, g, _, _ in got)


def test_coordinated_verb_shares_the_first_subject():
    text = ("Sáng 9/5, Hội Nông dân tỉnh Hà Lâm tổ chức Lễ kỷ niệm 95 năm Ngày thành lập Hội Nông dân Việt Nam "
            "và đón nhận Huân chương Lao động hạng Nhì của Chủ tịch nước.")
    assert awards(text, doc_date="2025-05-09") == [
        ("Huân chương Lao động", 2, "Chủ tịch nước", "Hội Nông dân tỉnh Hà Lâm", 2025)]


def test_a_photo_caption_repeating_the_body_adds_nothing():
    text = ("Phó Chủ tịch UBND tỉnh trao Bằng khen cho các tập thể. Ảnh: Lan Anh\n\n"
            "Dịp này, Chủ tịch UBND tỉnh tặng Bằng khen cho 10 tập thể và 15 cá nhân.")
    assert awards(text) == [("Bằng khen", None, "Chủ tịch UBND tỉnh", None, None)]


def test_grantor_with_a_comma_free_name_joined_by_va():
    got = awards("Dịp này, Giám đốc Sở Khoa học và Công nghệ tặng Giấy khen cho 6 tập thể.")
    assert got == [("Giấy khen", None, "Giám đốc Sở Khoa học và Công nghệ", None, None)]


def test_years_in_parentheses():
    got = awards("Chị Lò Thị Xuân 3 năm liền đạt danh hiệu Chiến sĩ thi đua cơ sở (các năm 2021, 2022, 2023).")
    assert [y for *_, y in got] == [2021, 2022, 2023]


# --- robustness: all of this engineer's recognizers on odd text ---------------------------------

# fragments that steer the text towards the recognizers' patterns
_BITS = ["ngày ", "tháng ", "năm ", "2021", "16/7", "/", "-", " ", "\n", "Số:", "KẾ HOẠCH", "được tặng ",
         "Bằng khen", " của ", "Cờ thi đua", "hạng Nhất", "cho ", "Cục X", "“", "”", "phong trào thi đua ",
         "Nơi nhận:", "- ", "CHỦ TỊCH", "Nguyễn Văn An", ";", ".", ",", "giai đoạn ", "QĐ-UBND", "(", ")"]
_TEXT = st.lists(st.one_of(st.sampled_from(_BITS), st.text(max_size=6)), max_size=60).map("".join)


@settings(max_examples=150, deadline=None)
@given(_TEXT, st.sampled_from([None, "2024-05-01"]), st.sampled_from(["news", "plan", "decision"]))
def test_recognizers_return_spans_inside_the_text(text, doc_date, kind):
    ctx = DocContext(norm=normalize_text(text), doc_date=doc_date, kind=kind)
    n = len(ctx.text)
    records = find_dates(ctx) + find_legal_refs(ctx) + find_movements(ctx) + find_awards(ctx, [], [])
    for r in records:
        if r.span is not None:
            assert 0 <= r.span[0] <= r.span[1] <= n
    parse_admin_document(ctx.text)


# --- round 2: recipient resolution in ceremonies (sentences written for the tests) ---

def test_second_clause_recipient_after_an_abbreviated_degree():
    got = awards("Thừa ủy quyền của Chủ tịch nước, Phó Chủ tịch tỉnh Lê Văn Tâm trao Huân chương Lao động "
                 "hạng Ba cho Trường THCS Hòa Lạc; Huân chương Lao động hạng Ba cho TS. Nguyễn Văn Hùng, "
                 "Hiệu trưởng nhà trường.")
    assert got == [("Huân chương Lao động", 3, "Chủ tịch nước", "Trường THCS Hòa Lạc", None),
                   ("Huân chương Lao động", 3, "Chủ tịch nước", "Nguyễn Văn Hùng", None)]


def test_city_abbreviation_does_not_end_the_sentence_and_parent_is_cut():
    got = awards("Dịp này, Chủ tịch UBND TP. Cần Thơ tặng Bằng khen cho Trạm Y tế phường An Khánh "
                 "thuộc Trung tâm Y tế quận Ninh Kiều.")
    assert got == [("Bằng khen", None, "Chủ tịch UBND TP. Cần Thơ", "Trạm Y tế phường An Khánh", None)]


def test_quoted_name_after_the_award_and_passive_after_it():
    got = awards('Kỷ niệm chương "Vì sự nghiệp phát triển nông thôn" được trao cho bà Hà Thị Lan, '
                 'Chủ tịch Hội Phụ nữ xã.')
    assert got == [("Kỷ niệm chương", None, None, "Hà Thị Lan", None)]
    assert awards("Danh hiệu Nghệ nhân ưu tú được trao tặng cho ông Đinh Văn Khải.") == \
        [("Nghệ nhân ưu tú", None, None, "Đinh Văn Khải", None)]
    # a criterion is still not a conferment
    assert awards("Huân chương Lao động hạng Nhì được xét tặng cho tập thể có thành tích xuất sắc.") == []


def test_award_inside_quotes_keeps_its_year_and_elided_subject_keeps_the_giver():
    got = awards('Trung ương Hội Nông dân Việt Nam trao danh hiệu "Nông dân Việt Nam xuất sắc" năm 2023 '
                 'cho ông Lò Văn Thắng và bà Hà Thị Mến; tặng Bằng khen cho Hội Nông dân xã Nà Sản.')
    assert got == [("Nông dân Việt Nam xuất sắc", None, None, "Lò Văn Thắng", 2023),
                   ("Nông dân Việt Nam xuất sắc", None, None, "Hà Thị Mến", 2023),
                   ("Bằng khen", None, "Trung ương Hội Nông dân Việt Nam", "Hội Nông dân xã Nà Sản", None)]


def test_badge_is_its_own_award():
    got = awards('Đồng chí Vi Thị Nga, Bí thư Đoàn xã Mường Lát, được Trung ương Đoàn tặng Huy hiệu '
                 '"Tuổi trẻ sáng tạo" năm 2024.')
    assert got == [("Huy hiệu", None, "Trung ương Đoàn", "Vi Thị Nga", 2024)]


def test_holder_after_a_state_title():
    got = awards("Sáng 8/6, Công an huyện Tân Lập tổ chức lễ đón nhận danh hiệu Anh hùng Lực lượng vũ trang "
                 "nhân dân của Đội Cảnh sát giao thông huyện.", doc_date="2024-06-10")
    assert got == [("Anh hùng Lực lượng vũ trang nhân dân", None, None, "Đội Cảnh sát giao thông huyện", 2024)]


def test_inline_list_stops_at_the_sentence_end():
    got = awards("Bộ trưởng Bộ Y tế tặng Bằng khen cho 3 tập thể: Bệnh viện Đa khoa huyện Mỹ Đức; Trung tâm "
                 "Y tế huyện Phú Xuyên; Trạm Y tế xã Hồng Quang. Bà Nguyễn Thị Hòa, nguyên Giám đốc Sở Y tế, "
                 "được tặng Kỷ niệm chương.")
    assert [r[3] for r in got] == ["Bệnh viện Đa khoa huyện Mỹ Đức", "Trung tâm Y tế huyện Phú Xuyên",
                                   "Trạm Y tế xã Hồng Quang", "Nguyễn Thị Hòa"]
    assert [r[0] for r in got] == ["Bằng khen"] * 3 + ["Kỷ niệm chương"]


def test_name_with_commas_and_lower_case_parts():
    got = awards("Tặng Bằng khen cho Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an huyện "
                 "Yên Lạc và ông Bùi Văn Chiến.")
    assert [r[3] for r in got] == ["Đội Cảnh sát phòng cháy, chữa cháy và cứu nạn, cứu hộ Công an huyện Yên Lạc",
                                   "Bùi Văn Chiến"]


def test_quantifier_inside_a_name_is_not_a_generic_subject():
    got = awards("Công đoàn các Khu chế xuất thành phố vinh dự nhận Cờ thi đua của Tổng Liên đoàn "
                 "Lao động Việt Nam năm 2024.")
    assert got == [("Cờ thi đua", None, "Tổng Liên đoàn Lao động Việt Nam", "Công đoàn các Khu chế xuất thành phố", 2024)]
    for text in ("Các Sở, ngành được tặng Bằng khen của Chủ tịch UBND tỉnh.", "5 Chi bộ được tặng Giấy khen."):
        assert [r[3] for r in awards(text)] == [None]


def test_military_units_and_second_giver():
    got = awards("Tiểu đoàn 3 được Bộ Quốc phòng tặng Cờ thi đua; Tư lệnh Quân khu 7 tặng Bằng khen cho "
                 "Đại đội Trinh sát 15.")
    assert got == [("Cờ thi đua", None, "Bộ Quốc phòng", "Tiểu đoàn 3", None),
                   ("Bằng khen", None, "Tư lệnh Quân khu 7", "Đại đội Trinh sát 15", None)]


def test_one_conferment_told_twice_merges_year_and_grantor():
    got = awards("Sáng 12/5, Trung đoàn 88 đón nhận danh hiệu Anh hùng Lực lượng vũ trang nhân dân. "
                 "Thừa ủy quyền của Chủ tịch nước, Thượng tướng Phan Văn Giang trao danh hiệu Anh hùng Lực lượng "
                 "vũ trang nhân dân cho Trung đoàn 88.", doc_date="2024-05-13")
    assert got == [("Anh hùng Lực lượng vũ trang nhân dân", None, "Chủ tịch nước", "Trung đoàn 88", 2024)]


def test_recipient_ends_before_the_decision_that_conferred_it():
    got = awards("Năm 2023, Cờ thi đua của Chính phủ được trao cho Cục Thuế tỉnh Nam Định theo Quyết định số "
                 "112/QĐ-TTg ngày 05/02/2024 của Thủ tướng Chính phủ.", doc_date="2024-03-01")
    assert [(a[0], a[2], a[3]) for a in got] == [("Cờ thi đua", "Chính phủ", "Cục Thuế tỉnh Nam Định")]


def test_department_and_its_organisation_are_one_recipient():
    from nlp.pipeline import extract
    from extractors.types import CleanDocument
    x = extract(CleanDocument(source="t.txt", uri="t.txt", format="txt",
                              text="Bệnh viện Đa khoa tỉnh Hà Tĩnh tổng kết năm 2025. Chủ tịch UBND tỉnh tặng Cờ thi đua "
                                   "cho Khoa Nhi, Bệnh viện Đa khoa tỉnh Hà Tĩnh."))
    assert [(a.award, a.recipient) for a in x.awards] == [("Cờ thi đua", "Khoa Nhi")]


def test_a_decision_subject_line_confers_nothing_itself():
    text = ("QUYẾT ĐỊNH\nVề việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh năm 2025\n"
            "Điều 1. Tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh cho Trường THCS Hòa Bình.")
    got = awards(text, kind="decision", doc_date="2025-12-20")
    assert [g[3] for g in got] == ["Trường THCS Hòa Bình"]
