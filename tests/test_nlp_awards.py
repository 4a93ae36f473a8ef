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


# --- real-text patterns (issue 11): sentences written for the tests in the style of real pages ---

def test_a_summary_lends_its_grantor_to_each_listed_recipient_and_goes():
    text = ("Chủ tịch nước vừa ký quyết định tặng Huân chương Lao động các hạng cho 2 tập thể và 1 cá nhân "
            "của tỉnh Hà Lâm. Cụ thể, tặng Huân chương Lao động hạng Nhì cho Sở Công Thương tỉnh Hà Lâm; "
            "tặng Huân chương Lao động hạng Ba cho Trường THPT Sơn Hà và ông Trần Văn Khoa, Giám đốc Sở Tài chính.")
    assert awards(text) == [("Huân chương Lao động", 2, "Chủ tịch nước", "Sở Công Thương tỉnh Hà Lâm", None),
                            ("Huân chương Lao động", 3, "Chủ tịch nước", "Trường THPT Sơn Hà", None),
                            ("Huân chương Lao động", 3, "Chủ tịch nước", "Trần Văn Khoa", None)]


def test_a_summary_stays_for_the_kind_it_counts_but_never_names():
    text = ("Chủ tịch nước Đỗ Văn Minh trao tặng danh hiệu Anh hùng Lao động cho các tập thể, cá nhân. "
            "Các tập thể được trao danh hiệu gồm: Bệnh viện Đa khoa Sơn Hà (Bộ Y tế), Công ty Cổ phần Chè Tân Cương.")
    assert awards(text) == [("Anh hùng Lao động", None, "Chủ tịch nước", None, None),
                            ("Anh hùng Lao động", None, "Chủ tịch nước", "Bệnh viện Đa khoa Sơn Hà", None),
                            ("Anh hùng Lao động", None, "Chủ tịch nước", "Công ty Cổ phần Chè Tân Cương", None)]


def test_class_groups_give_each_recipient_its_class():
    text = ("Thừa ủy quyền của Chủ tịch nước, đồng chí Hà Văn Lâm trao tặng Huân chương Lao động hạng Nhì cho "
            "Hội Nông dân tỉnh và Hội Cựu chiến binh tỉnh; hạng Ba cho ông Lê Văn Tùng, Chủ tịch Hội Nông dân huyện.")
    assert awards(text) == [("Huân chương Lao động", 2, "Chủ tịch nước", "Hội Nông dân tỉnh", None),
                            ("Huân chương Lao động", 2, "Chủ tịch nước", "Hội Cựu chiến binh tỉnh", None),
                            ("Huân chương Lao động", 3, "Chủ tịch nước", "Lê Văn Tùng", None)]


def test_a_semicolon_list_keeps_the_commas_inside_its_items():
    got = awards("Thủ tướng Chính phủ tặng Bằng khen cho Nhân dân và cán bộ xã Tân Lập, huyện Đồng Hỷ; "
                 "Công ty Cổ phần Gạch Sơn Hà, Tổng công ty Xây dựng Hà Lâm.")
    assert [r[3] for r in got] == ["Nhân dân và cán bộ xã Tân Lập, huyện Đồng Hỷ", "Công ty Cổ phần Gạch Sơn Hà"]


def test_parent_units_and_workplaces_are_not_recipients():
    got = awards("Chủ tịch nước tặng Huân chương Chiến công hạng Ba cho Cục 12 thuộc Tổng cục Kỹ thuật, Bộ Quốc phòng "
                 "và Đại tá Lê Văn Hào, Phó Cục trưởng Cục Hậu cần, Quân khu 5.")
    assert [r[3] for r in got] == ["Cục 12", "Lê Văn Hào"]


def test_each_person_of_a_listed_subject():
    text = ("Theo đó, các đồng chí Lê Thị Hoa - Phó Chủ tịch UBND tỉnh; Trần Văn Bình - Giám đốc Sở Nội vụ và "
            "đồng chí Phạm Văn Cường - Chủ tịch UBND huyện Sơn Hà được trao tặng Huân chương Lao động hạng Ba.")
    assert [r[3] for r in awards(text)] == ["Lê Thị Hoa", "Trần Văn Bình", "Phạm Văn Cường"]


def test_the_subject_is_the_one_before_the_last_duoc():
    text = ("Đồng chí Lò Văn Hùng - Bí thư Tỉnh ủy tặng hoa chúc mừng các cá nhân vinh dự được Chủ tịch nước "
            "trao tặng Huân chương Lao động.")
    assert awards(text) == [("Huân chương Lao động", None, "Chủ tịch nước", None, None)]


@pytest.mark.parametrize("text, recipient", [
    ("Phó Chủ tịch nước đã trao tặng danh hiệu Anh hùng Lao động cho kỹ sư Phạm Quang Vinh.", "Phạm Quang Vinh"),
    ("Thủ tướng tặng Bằng khen cho Bộ trưởng Bộ Xây dựng Trịnh Văn Long.", "Trịnh Văn Long"),
    ("Chủ tịch UBND tỉnh trao tặng danh hiệu Anh hùng Lao động cho huyện Mường Lát.", "huyện Mường Lát"),
])
def test_a_recipient_is_a_full_name(text, recipient):
    assert [r[3] for r in awards(text)] == [recipient]


def test_a_flag_named_by_its_description_is_a_flag_of_emulation():
    got = awards('Công ty Điện lực Hà Lâm được UBND tỉnh tặng Cờ "Đơn vị dẫn đầu phong trào thi đua" năm 2023.')
    assert got == [("Cờ thi đua", None, "UBND tỉnh", "Công ty Điện lực Hà Lâm", 2023)]


def test_titles_outside_the_law_and_a_bare_order():
    assert awards("Dịp này, UBND thành phố trao danh hiệu Công dân ưu tú cho 8 cá nhân.") == [
        ("Công dân ưu tú", None, None, None, None)]
    assert [r[0] for r in awards("Bộ trưởng Lê Quang trao Huân chương cho ông Lò Văn Hải.")] == ["Huân chương"]
    # the beginning of a taxonomy name is no title of its own
    assert awards("Đảng và Nhà nước quyết định phong tặng danh hiệu Anh hùng cho 17 tập thể.") == []


def test_the_year_of_a_celebrated_period_is_not_the_conferment_year():
    got = awards("Lễ kỷ niệm 50 năm thành lập Sở Y tế (12/3/1975-12/3/2025) và đón nhận Huân chương Lao động hạng Nhất.")
    assert got == [("Huân chương Lao động", 1, None, "Sở Y tế", None)]


@pytest.mark.parametrize("text, grantor", [
    ("Thừa ủy quyền của Chủ tịch nước Thứ trưởng Bộ Nội vụ Hà Minh trao tặng Huân chương Lao động hạng Ba "
     "cho Hội Luật gia tỉnh.", "Chủ tịch nước"),
    ("Bà Lò Thị Mai vinh dự được nhận Huân chương Độc lập hạng Ba do Chủ tịch nước trao tặng.", "Chủ tịch nước"),
    ("Quyết định số 25/QĐ-UBND của Chủ tịch UBND tỉnh tặng Bằng khen cho 12 tập thể.", "Chủ tịch UBND tỉnh"),
    ("(Hà Lâm) - Chủ tịch nước đã ký quyết định truy tặng Huân chương Dũng cảm cho anh Lương Văn Tâm.", "Chủ tịch nước"),
    ("Ban Quản lý dự án Sông Đà đã được Đảng và Nhà nước trao tặng phần thưởng cao quý Huân chương Lao động "
     "hạng Ba.", "Đảng và Nhà nước"),
    ("Thay mặt lãnh đạo Đảng và Nhà nước, Chủ tịch nước Đỗ Văn Minh trao tặng danh hiệu Anh hùng Lực lượng vũ "
     "trang nhân dân cho Trung đoàn 12.", None),
    ("Sáng 5/9, tỉnh Hà Lâm tổ chức lễ trao tặng danh hiệu Bà mẹ Việt Nam anh hùng cho gia đình các mẹ.", None),
])
def test_who_grants(text, grantor):
    assert [r[2] for r in awards(text)] == [grantor]


def test_clauses_without_a_verb_share_the_giver_of_the_sentence():
    got = awards("Dịp này, Chủ tịch nước truy tặng danh hiệu Bà mẹ Việt Nam anh hùng cho 3 mẹ; danh hiệu Anh hùng "
                 "Lực lượng vũ trang nhân dân cho 2 liệt sĩ; 2 Huân chương Độc lập hạng Ba cho 2 gia đình.")
    assert [(r[0], r[2]) for r in got] == [("Bà mẹ Việt Nam anh hùng", "Chủ tịch nước"),
                                          ("Anh hùng Lực lượng vũ trang nhân dân", "Chủ tịch nước"),
                                          ("Huân chương Độc lập", "Chủ tịch nước")]


def test_units_listed_after_cho_receive_it_rather_than_the_subject():
    got = awards("Năm 2020, Bộ đội Biên phòng tỉnh được Chủ tịch nước tặng Huân chương Chiến công hạng Ba cho "
                 "2 đơn vị: Đồn Biên phòng Tà Lùng; Đồn Biên phòng Pò Peo.")
    assert [r[3] for r in got] == ["Đồn Biên phòng Tà Lùng", "Đồn Biên phòng Pò Peo"]


def test_an_office_and_its_implied_unit_are_one_grantor():
    text = ("Ngày 3/4, Thủ tướng tặng Bằng khen cho 50 vận động viên. Trong số 50 vận động viên nhận Bằng khen "
            "của Thủ tướng Chính phủ, có 12 người của tỉnh.")
    assert awards(text) == [("Bằng khen", None, "Thủ tướng Chính phủ", None, None)]


@pytest.mark.parametrize("text", [
    # a question
    "Một số công chức hỏi: Tập thể năm 2023 được tặng Cờ thi đua của Chính phủ thì năm sau có được đề nghị "
    "Huân chương không?",
    # the items of a list of criteria
    "Cá nhân được tặng Bằng khen phải đạt các tiêu chuẩn sau:\n- Có 2 năm liên tục được tặng danh hiệu Chiến sĩ "
    "thi đua cơ sở;\n- Đã được tặng Giấy khen.",
    # the law
    "Luật quy định Huân chương Lao động hạng Ba được tặng cho tập thể đạt các tiêu chuẩn.",
    # anyone who qualifies
    "Như vậy, tập thể năm 2022 được tặng Bằng khen của Thủ tướng Chính phủ.",
    # proposals
    "Thủ tướng Chính phủ đã gửi tờ trình đề nghị Chủ tịch nước tặng Huân chương Lao động hạng Ba cho đội tuyển.",
    "Đội tuyển bóng đá nữ được trình Chủ tịch nước tặng Huân chương Lao động hạng Nhì.",
])
def test_questions_criteria_laws_rules_and_proposals_are_not_conferments(text):
    assert awards(text) == []


def test_a_decision_lists_one_recipient_a_line_after_cho():
    text = ("Điều 1. Phong tặng danh hiệu Chiến sĩ thi đua toàn quốc cho\n\n1. Ông Lê Văn Hậu, Giám đốc Sở Nội vụ;\n\n"
            "2. Bà Đinh Thị Thu, Hiệu trưởng Trường THPT Sơn Hà,\n\nĐã có thành tích xuất sắc tiêu biểu.\n\n"
            "Điều 2. Quyết định có hiệu lực kể từ ngày ký.")
    assert [r[3] for r in awards(text, kind="decision")] == ["Lê Văn Hậu", "Đinh Thị Thu"]


def test_a_proper_name_alone_as_the_subject_and_its_headed_form_are_one_recipient():
    assert awards("Quảng Ninh vinh dự đón nhận Huân chương Sao vàng.") == [
        ("Huân chương Sao vàng", None, None, "Quảng Ninh", None)]
    text = ("May 20 được UBND tỉnh tặng Cờ thi đua năm 2024\n"
            "Năm 2024, TCT May 20 đã hoàn thành mọi chỉ tiêu, được UBND tỉnh tặng Cờ thi đua.")
    assert awards(text) == [("Cờ thi đua", None, "UBND tỉnh", "TCT May 20", 2024)]
    assert [r[3] for r in awards("Hôm nay đón nhận Huân chương Lao động.")] == [None]


@pytest.mark.parametrize("marker", ["1. ", "1.", "1) "])
def test_an_inline_numbered_list_of_recipients_after_a_colon(marker):
    second = marker.replace("1", "2")
    text = (f"Năm 2023, 2 tập thể được Thủ tướng Chính phủ tặng Bằng khen: {marker}Sở Nội vụ tỉnh Hà Nam; "
            f"{second}Công an huyện Mỹ Sơn.")
    assert [(a[3], a[4]) for a in awards(text)] == [("Sở Nội vụ tỉnh Hà Nam", 2023), ("Công an huyện Mỹ Sơn", 2023)]


@pytest.mark.parametrize("name", ["Đinh Văn Khoa", "Âu Thị Lan", "Phạm Văn Khoa"])
def test_a_recipient_after_a_lower_case_description_whatever_letter_starts_the_name(name):
    text = f"Phó Chủ tịch nước Lò Thị Hằng đã trao tặng danh hiệu Anh hùng Lao động cho thợ mỏ {name}."
    assert [a[3] for a in awards(text)] == [name]


def test_the_case_classes_hold_the_capitals_with_diacritics_on_the_right_side():
    from nlp.segment import LOWER, UPPER
    assert "Đ" in UPPER and "Ư" in UPPER and "Ấ" in UPPER and "đ" in LOWER and "ấ" in LOWER
    assert not set("ĐƯẤ") & set(LOWER) and not set("đưấ") & set(UPPER)


def test_a_headline_subject_ends_at_its_colon():
    text = ("Trường THCS Hoa Lư: Kỷ niệm 40 năm thành lập trường và đón nhận Huân chương Lao động hạng Ba\n"
            "Thừa ủy quyền của Chủ tịch nước, ông Lê Văn Tám trao Huân chương Lao động hạng Ba cho Trường THCS Hoa Lư |")
    assert awards(text) == [("Huân chương Lao động", 3, "Chủ tịch nước", "Trường THCS Hoa Lư", None)]


def test_the_unit_whose_founding_is_celebrated_receives_the_award():
    text = ("Phó Thủ tướng Đỗ Văn Hòa phát biểu tại lễ kỷ niệm 60 năm ngày thành lập Tổng công ty Xi măng Hòa Bình "
            "và đón nhận Huân chương Độc lập hạng Ba.")
    assert awards(text) == [("Huân chương Độc lập", 3, None, "Tổng công ty Xi măng Hòa Bình", None)]
    organised = ("Bộ Chỉ huy Quân sự tỉnh Bình An tổ chức lễ kỷ niệm 80 năm ngày thành lập Quân đội nhân dân Việt Nam "
                 "và đón nhận Huân chương Bảo vệ Tổ quốc hạng Nhì.")
    assert awards(organised) == [("Huân chương Bảo vệ Tổ quốc", 2, None, "Bộ Chỉ huy Quân sự tỉnh Bình An", None)]


def test_a_unit_name_ends_before_the_person_who_speaks():
    text = "Công ty Cổ phần Sông Lam Trần Văn Bảo phát biểu và đón nhận Huân chương Lao động hạng Nhì."
    assert awards(text) == [("Huân chương Lao động", 2, None, "Công ty Cổ phần Sông Lam", None)]


def test_awards_listed_after_one_share_its_subject_and_keep_their_own_years():
    text = ("Bệnh viện Đa khoa Tân Hưng đã được tặng Huân chương Lao động hạng Ba năm 2005, "
            "Cờ thi đua của Chính phủ năm 2012, Bằng khen của Bộ trưởng Bộ Y tế. "
            "Bệnh viện Đa khoa Tân Hưng đạt danh hiệu tập thể lao động xuất sắc, nhận Cờ thi đua của UBND tỉnh.")
    assert awards(text) == [
        ("Huân chương Lao động", 3, None, "Bệnh viện Đa khoa Tân Hưng", 2005),
        ("Cờ thi đua", None, "Chính phủ", "Bệnh viện Đa khoa Tân Hưng", 2012),
        ("Bằng khen", None, "Bộ trưởng Bộ Y tế", "Bệnh viện Đa khoa Tân Hưng", None),
        ("Tập thể lao động xuất sắc", None, None, "Bệnh viện Đa khoa Tân Hưng", None),
        ("Cờ thi đua", None, "UBND tỉnh", "Bệnh viện Đa khoa Tân Hưng", None)]


def pipeline_awards(text: str):
    """The awards of the whole extractor (the units stage finds the units an anaphor refers to)."""
    from extractors.types import CleanDocument
    from nlp.pipeline import extract
    x = extract(CleanDocument(source="t.txt", uri="t.txt", format="txt", text=text))
    return [(a.award, a.award_class, a.grantor, a.recipient, a.year) for a in x.awards]


def test_a_unit_named_again_by_its_common_noun_is_the_unit_named_before():
    text = ("Sáng 6/9/2024, Trường THPT Lê Quý Đôn tổ chức lễ khai giảng năm học mới.\n"
            "Tại buổi lễ, ông Phan Văn Lợi, Phó Chủ tịch UBND tỉnh, trao Bằng khen của Chủ tịch UBND tỉnh cho nhà trường.\n"
            "Những năm qua, nhà trường đã được tặng Cờ thi đua của Bộ Giáo dục và Đào tạo năm 2019.")
    assert pipeline_awards(text) == [
        ("Bằng khen", None, "Chủ tịch UBND tỉnh", "Trường THPT Lê Quý Đôn", None),
        ("Cờ thi đua", None, "Bộ Giáo dục và Đào tạo", "Trường THPT Lê Quý Đôn", 2019)]
    counted = "Bệnh viện Nhi Tân An tổng kết năm. 12 cá nhân của Bệnh viện được tặng Bằng khen của Bộ trưởng Bộ Y tế."
    assert [a[3] for a in pipeline_awards(counted)] == [None]


def test_a_summary_counting_more_than_are_named_stays_for_the_others():
    text = ("Sáng 5/9, 4 trường học của huyện Tân Phong vinh dự đón nhận Huân chương Lao động do Chủ tịch nước trao tặng. "
            "Tại Trường THCS Hòa An, Chủ tịch UBND huyện trao Huân chương Lao động hạng Ba của Chủ tịch nước "
            "cho Trường THCS Hòa An. Tại Trường THCS Tân Lập, ông Lê Văn Phú trao Huân chương Lao động hạng Ba "
            "của Chủ tịch nước cho Trường THCS Tân Lập.")
    got = awards(text, doc_date="2024-09-05")
    assert [(a[1], a[2], a[3]) for a in got] == [(None, "Chủ tịch nước", None),
                                                 (3, "Chủ tịch nước", "Trường THCS Hòa An"),
                                                 (3, "Chủ tịch nước", "Trường THCS Tân Lập")]
    all_named = text.replace("4 trường học", "2 trường học")
    assert [a[3] for a in awards(all_named, doc_date="2024-09-05")] == ["Trường THCS Hòa An", "Trường THCS Tân Lập"]


def test_an_article_that_names_no_grantor_is_granted_by_the_deciding_authority():
    text = ("QUYẾT ĐỊNH\nVề việc tặng danh hiệu Chiến sĩ thi đua cấp tỉnh\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BÌNH AN\n\n"
            "Căn cứ Luật Thi đua, khen thưởng ngày 15 tháng 6 năm 2022;\n\nQUYẾT ĐỊNH:\n\n"
            "Điều 1. Tặng danh hiệu Chiến sĩ thi đua cấp tỉnh cho\n\n1. Ông Hồ Văn Tâm, Giám đốc Sở Tài chính;\n\n"
            "Điều 2. Cá nhân có tên tại Điều 1 được tặng danh hiệu Chiến sĩ thi đua cấp tỉnh kèm theo tiền thưởng.\n\n"
            "Điều 3. Chủ tịch Ủy ban nhân dân tỉnh Bình An, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này.")
    assert awards(text, kind="decision") == [
        ("Chiến sĩ thi đua cấp tỉnh", None, "Chủ tịch Ủy ban nhân dân tỉnh Bình An", "Hồ Văn Tâm", None)]
    signed = ("QUYẾT ĐỊNH:\nĐiều 1. Phong tặng danh hiệu Chiến sĩ thi đua toàn quốc cho ông Lý Văn Hải, "
              "Giám đốc Sở Y tế.\nKT. THỦ TƯỚNG\nPhó Thủ tướng\n(Đã ký)")
    assert [a[2] for a in awards(signed, kind="decision")] == ["Thủ tướng"]
    assert [a[2] for a in awards(signed.replace("QUYẾT ĐỊNH:", "Thông báo:"))] == [None]


def test_names_in_a_text_printed_in_lower_case():
    text = ("trường trung cấp nghề hòa an đón nhận huân chương lao động\n"
            "sáng 3-4-2015, trường trung cấp nghề hòa an tổ chức lễ kỷ niệm 40 năm thành lập.\n"
            "tại buổi lễ, bộ trưởng trao huân chương lao động hạng ba cho đồng chí lương văn khải (nguyên hiệu trưởng).\n")
    assert [(a[0], a[1], a[3]) for a in awards(text)] == [("Huân chương Lao động", 3, "lương văn khải")]
    capitalised = text.replace("trường trung cấp nghề hòa an đón", "Trường Trung cấp nghề Hòa An đón")
    assert [a[3] for a in awards(capitalised)][-1] == "lương văn khải"
    ordinary = ("Sáng 3/4, Bộ trưởng trao Huân chương Lao động hạng Ba cho đồng chí lương văn khải.\n"
                "Trường Trung cấp nghề Hòa An tổ chức lễ kỷ niệm.\nĐây là phần thưởng cao quý.")
    assert [a[3] for a in awards(ordinary)] == [None]


def test_two_passive_agents_each_grant_their_own_award():
    text = "Công ty Than Hòa Lâm vinh dự được Chủ tịch nước tặng Huân chương Lao động hạng Ba và Bộ Công Thương tặng Cờ thi đua."
    assert awards(text) == [("Huân chương Lao động", 3, "Chủ tịch nước", "Công ty Than Hòa Lâm", None),
                            ("Cờ thi đua", None, "Bộ Công Thương", "Công ty Than Hòa Lâm", None)]


def test_an_adverb_after_the_giver_is_not_part_of_it():
    text = "Cũng tại quyết định này, Chủ tịch nước còn phong tặng danh hiệu Anh hùng Lao động cho Công ty Cơ khí Hà Lâm."
    assert [a[2] for a in awards(text)] == ["Chủ tịch nước"]


def test_a_bare_head_as_the_subject_is_the_unit_the_text_is_about():
    text = ("Bệnh viện Đa khoa tỉnh Hà Lâm có 900 giường. Sáng 3/5, Bệnh viện Đa khoa tỉnh Hà Lâm đón đoàn công tác. "
            "Năm nay Bệnh viện hỗ trợ chuyên môn cho Bệnh viện Đa khoa khu vực Sơn Tây.\n"
            "Trước đó, Bệnh viện đã được tặng Huân chương Lao động hạng Ba năm 2015.")
    assert [a[3] for a in pipeline_awards(text)] == ["Bệnh viện Đa khoa tỉnh Hà Lâm"]


def test_the_unit_a_board_receives_for_and_not_the_parent_in_brackets():
    caption = "Ban Giám hiệu Trường THCS Đồng Tâm đón nhận Huân chương Lao động hạng Ba."
    assert [a[3] for a in awards(caption)] == ["Trường THCS Đồng Tâm"]
    bracket = "Sáng 3/4/2019, Trường Cao đẳng Nghề số 9 (Bộ Quốc phòng) long trọng tổ chức lễ đón nhận Huân chương Lao động hạng Nhì."
    assert [a[3] for a in awards(bracket)] == ["Trường Cao đẳng Nghề số 9"]
    proper = "Là một trong 20 tập thể dẫn đầu, Hòa Phát rất vinh dự được nhận Cờ thi đua của UBND tỉnh."
    assert [a[3] for a in awards(proper)] == ["Hòa Phát"]


def test_bare_full_names_listed_after_a_colon_or_on_the_next_line():
    text = ("Chủ tịch nước trao Huân chương Độc lập hạng Ba cho 3 nguyên Phó Chủ tịch tỉnh: Lò Văn Tâm, Hà Thị Nga và "
            "Vi Văn Khoa; Huân chương Lao động hạng Nhất cho nguyên Chủ nhiệm Ủy ban Kinh tế - Ngân sách Đinh Văn Hùng; "
            "Huân chương Lao động hạng Nhì cho các ông:\n\nLý Văn Sơn - nguyên Giám đốc Sở Y tế, Mã Văn Bình - nguyên "
            "Giám đốc Sở Tư pháp; và truy tặng Huân chương Lao động hạng Ba cho ông Bế Văn Lộc.")
    assert [(a[1], a[3]) for a in awards(text)] == [
        (3, "Lò Văn Tâm"), (3, "Hà Thị Nga"), (3, "Vi Văn Khoa"), (1, "Đinh Văn Hùng"),
        (2, "Lý Văn Sơn"), (2, "Mã Văn Bình"), (3, "Bế Văn Lộc")]


def test_a_second_titled_person_numbers_in_words_and_an_award_told_as_the_nth():
    text = ("Bộ trưởng trao Huân chương Lao động hạng Ba cho Giám đốc BV Mắt Tây Sơn Đào Văn Kiên và nguyên Phó Giám đốc "
            "BV Hà Minh Tuấn cùng nhiều phần thưởng khác; bảy bác sĩ của BV được trao tặng danh hiệu Thầy thuốc ưu tú.")
    assert [(a[0], a[3]) for a in awards(text)] == [("Huân chương Lao động", "Đào Văn Kiên"),
                                                    ("Huân chương Lao động", "Hà Minh Tuấn"),
                                                    ("Thầy thuốc ưu tú", None)]
    nth = "Sáng 5/3/2019, Bệnh viện Sơn Tây đón nhận Huân chương Lao động hạng Nhì lần thứ hai của Chủ tịch nước."
    assert awards(nth) == [("Huân chương Lao động", 2, "Chủ tịch nước", "Bệnh viện Sơn Tây", 2019)]


def test_a_founding_year_is_not_the_year_of_the_conferment():
    text = "Thành lập từ năm 1993, Trường THCS Hòa Bình đã được tặng Cờ thi đua của Chính phủ."
    assert awards(text) == [("Cờ thi đua", None, "Chính phủ", "Trường THCS Hòa Bình", None)]


def test_words_after_an_award_in_a_capitalised_headline_are_a_grantor_only_after_cua():
    text = "CÔNG TY SÔNG HỒNG NHẬN CỜ THI ĐUA XUẤT SẮC NĂM 2021\nCông ty Sông Hồng nhận Cờ thi đua của UBND tỉnh."
    assert [a[2] for a in awards(text)] == ["UBND tỉnh"]


def test_a_date_before_the_subject_does_not_count_it():
    text = "date 2024-05-10 Trường THCS Hòa Lạc là tập thể được Thủ tướng Chính phủ tặng Bằng khen."
    assert awards(text) == [("Bằng khen", None, "Thủ tướng Chính phủ", "Trường THCS Hòa Lạc", None)]


def test_one_counted_conferment_told_with_its_year_and_again_with_its_grantor_is_one():
    text = ("Chiều 5/12/2023, tỉnh Hà Lâm trao tặng Huân chương Lao động hạng Ba cho 4 cá nhân.\n"
            "Thừa ủy quyền của Chủ tịch nước, ông Lê Văn Tú trao tặng Huân chương Lao động hạng Ba cho 4 cá nhân.")
    assert awards(text) == [("Huân chương Lao động", 3, "Chủ tịch nước", None, 2023)]


def test_a_subject_that_lists_units_and_persons():
    mixed = "Phòng Cảnh sát cơ động và Đại úy Lương Văn Tú - Phó Trưởng phòng được trao tặng Huân chương Chiến công hạng Ba."
    assert [a[3] for a in awards(mixed)] == ["Phòng Cảnh sát cơ động", "Lương Văn Tú"]
    units = "Năm 2025, Chi cục Thuế khu vực IV và Chi cục Thuế khu vực IX được tặng Cờ thi đua của Bộ trưởng Bộ Tài chính."
    assert [a[3] for a in pipeline_awards(units)] == ["Chi cục Thuế khu vực IV", "Chi cục Thuế khu vực IX"]
    ministry = "Năm 2024, Bộ Lao động - Thương binh và Xã hội được tặng Cờ thi đua của Chính phủ."
    assert [a[3] for a in pipeline_awards(ministry)] == ["Bộ Lao động - Thương binh và Xã hội"]
    named = ("Hai Phó Giám đốc Công an tỉnh là Đại tá Hồ Văn Nam và Thượng tá Lò Văn Bình cũng được trao tặng "
             "Huân chương Bảo vệ Tổ quốc hạng Ba.")
    assert [a[3] for a in awards(named)] == ["Hồ Văn Nam", "Lò Văn Bình"]


def test_the_grantor_after_do_and_the_period_after_the_recipient():
    text = ("Công an tỉnh Bình An đón nhận danh hiệu Anh hùng Lực lượng vũ trang nhân dân do Chủ tịch nước phong tặng "
            "cho Ban An ninh tỉnh Bình An thời kỳ kháng chiến chống Mỹ cứu nước.")
    assert [(a[2], a[3]) for a in awards(text)] == [("Chủ tịch nước", "Ban An ninh tỉnh Bình An")]


def test_the_author_of_the_decision_a_ceremony_announces_grants():
    text = ("Sáng 3/3, Công an tỉnh Bình An tổ chức lễ công bố quyết định của Chủ tịch nước về việc tặng thưởng "
            "Huân chương Chiến công hạng Nhất cho Công an tỉnh Bình An và hai cá nhân là Đại tá Lê Văn Tâm, "
            "Phó Giám đốc; Thượng tá Mai Văn Tú, Trưởng phòng.")
    assert [(a[2], a[3]) for a in awards(text)] == [("Chủ tịch nước", "Công an tỉnh Bình An"),
                                                    ("Chủ tịch nước", "Lê Văn Tâm"), ("Chủ tịch nước", "Mai Văn Tú")]


def test_a_tag_before_the_giver_and_recipients_after_la():
    text = ("Dân Việt Thủ tướng Chính phủ quyết định tặng Bằng khen cho 1 tập thể và 1 cá nhân.\n"
            "Tập thể được tặng Bằng khen là Phòng Cảnh sát giao thông thuộc Công an tỉnh Hà Lâm.\n"
            "Cá nhân được tặng Bằng khen là Trung tá Võ Văn Hải, Đội trưởng.")
    assert [(a[2], a[3]) for a in awards(text)] == [("Thủ tướng Chính phủ", "Phòng Cảnh sát giao thông"),
                                                    ("Thủ tướng Chính phủ", "Võ Văn Hải")]


def test_as_many_classes_as_named_recipients_go_respectively():
    text = ("Bí thư Tỉnh ủy trao Huân chương Bảo vệ Tổ quốc hạng Nhì, hạng Ba cho Đại tá Đinh Văn Hòa "
            "và Thượng tá Lục Văn Sơn; Huân chương Lao động hạng Nhì, hạng Ba cho 7 cá nhân.")
    assert [(a[0], a[1], a[3]) for a in awards(text)] == [
        ("Huân chương Bảo vệ Tổ quốc", 2, "Đinh Văn Hòa"), ("Huân chương Bảo vệ Tổ quốc", 3, "Lục Văn Sơn"),
        ("Huân chương Lao động", 2, None), ("Huân chương Lao động", 3, None)]


def test_recipients_listed_after_the_decision_that_conferred_it():
    text = ("Hai đơn vị được phong tặng danh hiệu Anh hùng Lao động theo Quyết định số 123/QĐ-CTN gồm "
            "Công ty Cơ khí Hà Lâm; Viện Nghiên cứu Chè Tân Cương.")
    assert [a[3] for a in awards(text)] == ["Công ty Cơ khí Hà Lâm", "Viện Nghiên cứu Chè Tân Cương"]


def test_a_unit_whose_common_noun_is_printed_in_lower_case():
    text = "Trong 5 năm liên tục, trường Tiểu học Hòa Lạc 2 đạt danh hiệu Tập thể lao động xuất sắc."
    assert [a[3] for a in awards(text)] == ["trường Tiểu học Hòa Lạc 2"]
    market = "Sản phẩm được thị trường Hà Lâm đón nhận, công ty được tặng Bằng khen."
    assert [a[3] for a in awards(market)] == [None]


def test_a_named_subject_with_a_counted_group_and_a_vaguer_grantor():
    text = ("Công ty Cổ phần Sơn Hà vinh dự nhận Cờ thi đua do UBND tỉnh Hà Lâm trao tặng.\n"
            "Tại lễ, Công ty Cổ phần Sơn Hà (doanh nghiệp duy nhất của khối) cùng với 3 đơn vị khác đã vinh dự được "
            "nhận Cờ thi đua do UBND tỉnh trao tặng.\nÔng Bùi Văn Khang và một số cá nhân được nhận Bằng khen.")
    assert [(a[0], a[2], a[3]) for a in awards(text)] == [
        ("Cờ thi đua", "UBND tỉnh Hà Lâm", "Công ty Cổ phần Sơn Hà"), ("Cờ thi đua", "UBND tỉnh", None),
        ("Bằng khen", None, "Bùi Văn Khang"), ("Bằng khen", None, None)]


def test_party_badges_and_the_subject_after_the_recipients_of_the_award_before():
    text = ("Sáng 3/2, Đảng ủy Khối cơ quan tỉnh tổ chức lễ trao Huy hiệu 55 năm tuổi Đảng tặng đồng chí Lâm Văn Hòa, "
            "nguyên Ủy viên Ban Thường vụ Tỉnh ủy và các đồng chí nhận Huy hiệu 40 năm, 30 năm tuổi Đảng.\n"
            "Được vinh dự nhận Huy hiệu 60 năm tuổi Đảng lần này là đồng chí Đặng Văn Lộc, Chủ tịch Hội Nông dân tỉnh.")
    assert [a[3] for a in awards(text)] == ["Lâm Văn Hòa", None, "Đặng Văn Lộc"]


@pytest.mark.parametrize("text", [
    "Hội đồng giao Sở Nội vụ tham mưu UBND tỉnh ban hành quyết định tặng Bằng khen cho các tập thể.",
    "Hội đồng thống nhất thông qua đề nghị khen thưởng Cờ thi đua của Chính phủ cho 5 đơn vị.",
    "Các thành viên xét duyệt Cờ thi đua của tỉnh cho 40 đơn vị; trình về Trung ương tặng Cờ thi đua của Chính phủ.",
])
def test_advice_reviews_and_submissions_are_not_conferments(text):
    assert awards(text) == []


@pytest.mark.parametrize("text", [
    "- Tặng Bằng khen của Chủ tịch UBND tỉnh cho tập thể đạt 2 năm liên tục danh hiệu Tập thể lao động xuất sắc.",
    "- Cờ thi đua của UBND tỉnh được tặng cho tập thể dẫn đầu khối thi đua.",
    "Giấy khen của Giám đốc Sở tặng cho cá nhân có sáng kiến được công nhận.",
])
def test_an_award_for_anyone_who_qualifies_is_a_rule(text):
    assert awards(text) == []


def test_a_counted_or_named_class_noun_after_cho_still_receives():
    assert [a[3] for a in awards("Chủ tịch UBND tỉnh tặng Bằng khen cho tập thể Sở Tư pháp.")] == ["Sở Tư pháp"]
    assert len(awards("Chủ tịch UBND tỉnh tặng Bằng khen cho các tập thể đạt thành tích xuất sắc.")) == 1


# --- round 4: counted groups by class, grantors, lists, flags (sentences written for the tests) ---

def test_counted_groups_in_each_class_replace_the_summary_and_take_its_grantor():
    text = ("Ngày 5-4, UBND tỉnh Hà Lâm tổ chức Lễ trao tặng Huân chương Độc lập của Chủ tịch nước phong tặng "
            "thân nhân của 40 gia đình liệt sĩ.\n"
            "Những gia đình được trao huân chương là những gia đình có nhiều liệt sĩ.\n"
            "Các gia đình được Chủ tịch nước truy tặng Huân chương Độc lập lần này, có hai gia đình nhận Huân chương "
            "Độc lập hạng Nhất, 8 gia đình nhận Huân chương Độc lập hạng Nhì và 30 gia đình nhận Huân chương Độc lập "
            "hạng Ba.")
    assert awards(text, doc_date="2016-04-06") == [
        ("Huân chương Độc lập", c, "Chủ tịch nước", None, 2016) for c in (1, 2, 3)]


def test_a_conferment_verb_ends_the_grantor_after_the_name():
    got = awards("Sở Nội vụ trao Huân chương Lao động hạng Ba của Chủ tịch nước phong tặng cho ông Lê Văn Đông.")
    assert got == [("Huân chương Lao động", 3, "Chủ tịch nước", "Lê Văn Đông", None)]


def test_decisions_that_confer_the_award_named_before_to_counted_groups():
    text = ("Ngày 2/9 vừa qua, Chủ tịch nước đã ký quyết định phong tặng, truy tặng danh hiệu Anh hùng Lực lượng "
            "vũ trang nhân dân cho 12 tập thể, 9 cá nhân.\n"
            "Theo đó, Quyết định số 101/QĐ-CTN, truy tặng 6 cá nhân có thành tích đặc biệt xuất sắc. "
            "Quyết định số 102/QĐ-CTN, phong tặng 12 tập thể và 3 cá nhân có thành tích đặc biệt xuất sắc.")
    got = awards(text)
    assert got == [("Anh hùng Lực lượng vũ trang nhân dân", None, "Chủ tịch nước", None, None)] * 2
    # groups that do not add up to the total are vaguer tellings of it
    assert awards(text.replace("truy tặng 6", "truy tặng 4")) == got[:1]


def test_a_unit_printed_in_its_abbreviated_form_is_the_same_recipient():
    text = ("Sáng 18/11, Sở Giáo dục và Đào tạo tỉnh Quảng Trị tổ chức Lễ kỷ niệm Ngày Nhà giáo Việt Nam và đón nhận "
            "Huân chương Lao động hạng Nhì.\n"
            "Nhân dịp này, thừa ủy quyền của Chủ tịch nước, lãnh đạo tỉnh đã trao tặng Huân chương Lao động hạng Nhì "
            "cho Sở GD&ĐT Quảng Trị.")
    got = pipeline_awards(text)
    assert len(got) == 1 and got[0][:3] == ("Huân chương Lao động", 2, "Chủ tịch nước")


def test_a_flag_named_by_an_unquoted_description_and_the_year_opening_the_sentence():
    text = ("Theo đó, năm 2023, Phòng Tư pháp huyện được tặng Bằng khen của Bộ trưởng Bộ Tư pháp; Công an xã Tân Lập "
            "được Bộ Công an tặng Cờ đơn vị dẫn đầu phong trào thi đua “Vì an ninh Tổ quốc”; Trường THCS Hòa An "
            "nhận Cờ dẫn đầu khối thi đua của tỉnh.")
    assert awards(text) == [("Bằng khen", None, "Bộ trưởng Bộ Tư pháp", "Phòng Tư pháp huyện", 2023),
                            ("Cờ thi đua", None, "Bộ Công an", "Công an xã Tân Lập", 2023),
                            ("Cờ thi đua", None, "tỉnh", "Trường THCS Hòa An", 2023)]
    assert awards("Đoàn viên gắn Huân chương lên Cờ truyền thống của đơn vị.") == []


def test_an_annex_lists_the_recipients_of_the_award_its_heading_names():
    text = ("QUYẾT ĐỊNH:\nĐiều 1. Tặng Bằng khen của Bộ trưởng cho 5 tập thể (có danh sách kèm theo).\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n"
            "DANH SÁCH\nCÁC TẬP THỂ ĐƯỢC TẶNG BẰNG KHEN CỦA BỘ TRƯỞNG\n(Kèm theo Quyết định số 12/QĐ-BXD ngày "
            "3/2/2021 của Bộ trưởng\nBộ Xây dựng)\n1. Sở Xây dựng tỉnh Hà Lâm;\n2. Trường Cao đẳng Xây dựng số 3;\n"
            "3. Ủy ban")
    got = awards(text, kind="decision", doc_date="2021-02-03")
    assert [a[3] for a in got] == [None, "Sở Xây dựng tỉnh Hà Lâm", "Trường Cao đẳng Xây dựng số 3"]
    assert {a[4] for a in got} == {2021}


def test_the_giver_of_a_second_award_is_not_the_first_conferment():
    got = awards("Trường THCS Hòa An được Thủ tướng Chính phủ tặng Bằng khen và tặng Cờ thi đua.")
    assert [a[2] for a in got] == ["Thủ tướng Chính phủ", "Thủ tướng Chính phủ"]


def test_a_name_ends_where_an_office_title_starts():
    got = awards("Chủ tịch UBND tỉnh tặng Bằng khen cho ông Lê Văn Hòa Giám đốc Sở Tư pháp.")
    assert got == [("Bằng khen", None, "Chủ tịch UBND tỉnh", "Lê Văn Hòa", None)]


def test_pupils_named_after_a_plural_honorific():
    text = ("3 học sinh nhận Huân chương Lao động hạng Ba là các em Lê Minh Anh và Trần Thu Hà, học sinh Trường "
            "THPT chuyên Hà Lâm. 2 học sinh nhận Bằng khen của Thủ tướng Chính phủ, gồm các em: Phạm Văn Nam và "
            "Đỗ Thị Lan (Trường THPT Tân An).")
    assert [(a[0], a[3]) for a in awards(text)] == [
        ("Huân chương Lao động", "Lê Minh Anh"), ("Huân chương Lao động", "Trần Thu Hà"),
        ("Bằng khen", "Phạm Văn Nam"), ("Bằng khen", "Đỗ Thị Lan")]


def test_a_later_sentence_lists_the_recipients_counted_before():
    text = ("Ngày 5/7/2022, Thủ tướng Chính phủ đã ký quyết định tặng Cờ thi đua của Chính phủ cho 3 tập thể "
            "thuộc tỉnh Hà Lâm. Trường THPT Tân An là một trong 3 đơn vị nhận Cờ thi đua đợt này.\n"
            "3 tập thể này gồm: Trường THPT Tân An; Nhân dân và cán bộ xã Hòa Bình (huyện Tân Lạc), "
            "Nhân dân và cán bộ phường Đông Sơn (thành phố Hà Lâm).")
    got = awards(text)
    assert [a[3] for a in got] == ["Trường THPT Tân An", "Nhân dân và cán bộ xã Hòa Bình",
                                   "Nhân dân và cán bộ phường Đông Sơn"]
    assert {(a[2], a[4]) for a in got} == {("Chính phủ", 2022)}


def test_units_after_a_person_and_a_comma_are_where_the_person_works():
    text = ("Theo Quyết định số 210/QĐ-CTN, Liệt sĩ, Trung úy Hà Văn Lực, nguyên Đội trưởng Đội Trinh sát, "
            "Tiểu đoàn 5, Bộ Chỉ huy Quân sự tỉnh Hà Lâm, được truy tặng danh hiệu Anh hùng Lực lượng vũ trang nhân dân.")
    assert [a[3] for a in awards(text)] == ["Hà Văn Lực"]
    # a unit and a person joined by "và" are both the subject
    got = awards("Theo Quyết định số 211/QĐ-CTN, Công ty Xây dựng Tân An và Đại tá Lê Văn Hùng, Giám đốc Công ty "
                 "Xây dựng Tân An, được phong tặng danh hiệu Anh hùng Lao động.")
    assert [a[3] for a in got] == ["Công ty Xây dựng Tân An", "Lê Văn Hùng"]


def test_the_unit_after_the_award_in_a_ceremonys_name_holds_it():
    got = awards("Sáng 18/11, UBND xã Tân An tổ chức Lễ đón nhận Huân chương Lao động hạng Ba Trường THCS Tân An "
                 "và kỷ niệm Ngày Nhà giáo Việt Nam.", doc_date="2025-11-18")
    assert got == [("Huân chương Lao động", 3, None, "Trường THCS Tân An", 2025)]


def test_one_subject_shared_by_awards_its_givers_give():
    text = ("Trường THCS Hòa An liên tục đạt danh hiệu Tập thể lao động xuất sắc, được Chủ tịch UBND tỉnh tặng "
            "Bằng khen; tặng Kỷ niệm chương Tân An; Thủ tướng Chính phủ tặng Cờ thi đua.")
    assert awards(text) == [("Tập thể lao động xuất sắc", None, None, "Trường THCS Hòa An", None),
                            ("Bằng khen", None, "Chủ tịch UBND tỉnh", "Trường THCS Hòa An", None),
                            ("Kỷ niệm chương", None, None, "Trường THCS Hòa An", None),
                            ("Cờ thi đua", None, "Thủ tướng Chính phủ", "Trường THCS Hòa An", None)]
    # a new subject after the semicolon is not the first one
    got = awards("Phòng Tư pháp được tặng Bằng khen; Công an xã được Bộ Công an tặng Cờ thi đua.")
    assert [a[3] for a in got] == ["Phòng Tư pháp", "Công an xã"]


def test_a_one_word_common_noun_after_an_introduction_is_the_unit_named_before():
    text = ("Trường Tiểu học Hòa An tỉnh Quảng Trị đón nhận Cờ thi đua của Chính phủ. Trước đó, trường đã được "
            "UBND tỉnh tặng Cờ thi đua năm 2020.")
    assert [a[3] for a in pipeline_awards(text)] == ["Trường Tiểu học Hòa An tỉnh Quảng Trị"] * 2
    # a compound that ends in the noun is not it
    assert [a[3] for a in pipeline_awards("Trường THCS Tân An tổ chức lễ. Thị trường được tặng Bằng khen.")] == [None]


def test_a_second_award_of_the_same_verb_shares_its_giver_and_recipients():
    got = awards('Ngoài ra, Bộ Công an còn tặng Cờ "Đơn vị dẫn đầu phong trào thi đua" và Bằng khen cho Phòng '
                 'Cảnh sát Cơ động.')
    assert got == [("Cờ thi đua", None, "Bộ Công an", "Phòng Cảnh sát Cơ động", None),
                   ("Bằng khen", None, "Bộ Công an", "Phòng Cảnh sát Cơ động", None)]


def test_the_author_of_the_decision_a_sentence_opens_with_grants():
    got = awards("- Theo quyết định của Chủ tịch nước Lê Văn An, 12 người có thành tích đặc biệt xuất sắc đã được "
                 "trao tặng danh hiệu Anh hùng Lực lượng vũ trang nhân dân.")
    assert got == [("Anh hùng Lực lượng vũ trang nhân dân", None, "Chủ tịch nước", None, None)]
    got = awards("Ngày 2/9/2020, Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam đã ký Quyết định số 15/QĐ-CTN về "
                 "việc phong tặng danh hiệu “Anh hùng Lao động” cho 8 tập thể.")
    assert got == [("Anh hùng Lao động", None, "Chủ tịch nước", None, 2020)]


def test_a_headline_in_title_case_names_no_agent():
    got = awards("Trường THPT Tân An Được Phong Tặng Danh Hiệu “Anh Hùng Lao Động”")
    assert got == [("Anh hùng Lao động", None, None, "Trường THPT Tân An", None)]


def test_one_counted_recipient_followed_by_its_name():
    got = awards("Chủ tịch nước tặng Huân chương Lao động hạng Nhì cho 01 tập thể Vụ Pháp chế và 01 cá nhân "
                 "ông Lê Văn Khang, Viện trưởng Viện Nghiên cứu Vùng.")
    assert [a[3] for a in got] == ["Vụ Pháp chế", "Lê Văn Khang"]


def test_recipients_in_the_cells_of_a_table_printed_with_bars():
    text = ("QUYẾT ĐỊNH:\nĐiều 1. Tặng Cờ thi đua của Chính phủ cho các tập thể: |\n| 1 | Ban Tổ chức Tỉnh ủy Hà Lâm; |\n"
            "| 2 | Sở Y tế tỉnh Hà Lâm; |\n| 3 | Công an huyện Tân An. |\nĐiều 2. Quyết định này có hiệu lực.")
    assert [a[3] for a in awards(text, kind="decision")] == [
        "Ban Tổ chức Tỉnh ủy Hà Lâm", "Sở Y tế tỉnh Hà Lâm", "Công an huyện Tân An"]


def test_don_right_before_an_awards_name_receives_it():
    assert awards("Bà Nguyễn Thị Lan đón Huân chương Lao động hạng Ba.") == [
        ("Huân chương Lao động", 3, None, "Nguyễn Thị Lan", None)]
    assert awards("Sở Y tế tỉnh Hà Lâm đón danh hiệu Anh hùng Lao động.")[0][3] == "Sở Y tế tỉnh Hà Lâm"


def test_a_list_mixing_commas_after_brackets_and_semicolons_and_a_list_of_persons_after_it():
    text = ("Chủ tịch nước trao danh hiệu Anh hùng Lao động cho 4 tập thể, cá nhân, gồm: Sư đoàn 3 (Quân khu 1), "
            "Lữ đoàn 5 (Quân khu 2); Bệnh viện Đa khoa Tân An (Bộ Y tế).\n"
            "Các cá nhân gồm: Ông Lê Văn Khải, Giám đốc Công ty Tân Phú.")
    assert [a[3] for a in awards(text)] == ["Sư đoàn 3", "Lữ đoàn 5", "Bệnh viện Đa khoa Tân An", "Lê Văn Khải"]


def test_a_titled_name_ending_the_sentence_is_a_recipient():
    got = awards("Chủ tịch Quốc hội trao Huân chương Lao động hạng Nhất tặng Chủ nhiệm Ủy ban Pháp luật Lê Văn Hòa "
                 "và Trưởng ban Ban Công tác đại biểu thuộc Ủy ban Thường vụ Quốc hội Trần Văn Tâm.")
    assert [a[3] for a in got] == ["Lê Văn Hòa", "Trần Văn Tâm"]


def test_a_record_line_by_year_lists_awards_received():
    text = ("Hội đồng lấy ý kiến nhân dân đối với tập thể Trường Trung cấp Kỹ thuật Hòa Vang, cụ thể:\n"
            "- Năm 2015: Huân chương Lao động hạng Ba, Cờ thi đua của UBND tỉnh\n"
            "- Năm 2017, 2019 và 2021: Bằng khen của Chủ tịch UBND tỉnh\n")
    assert awards(text) == [("Huân chương Lao động", 3, None, None, 2015),
                            ("Cờ thi đua", None, "UBND tỉnh", None, 2015),
                            ("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 2017),
                            ("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 2019),
                            ("Bằng khen", None, "Chủ tịch UBND tỉnh", None, 2021)]


def test_a_year_line_with_a_target_is_not_a_record():
    text = "Chỉ tiêu thi đua:\n- Năm 2026: phấn đấu đạt Cờ thi đua của UBND tỉnh\n"
    assert awards(text) == []


def test_the_and_of_a_people_and_officials_lead_does_not_split_the_item():
    got = awards("Chủ tịch UBND tỉnh tặng Bằng khen cho 02 tập thể, đó là: Nhân dân và cán bộ xã Lê Sơn; "
                 "Nhân dân và cán bộ xã Trần Phú (huyện Đông Minh).")
    assert [r for *_, r, _ in got] == ["Nhân dân và cán bộ xã Lê Sơn", "Nhân dân và cán bộ xã Trần Phú"]


def test_a_detailing_sentence_takes_the_year_of_the_decision_before():
    text = ("Đó là nội dung Quyết định số 88/QĐ-UBND ngày 14/4/2021 của UBND tỉnh về khen thưởng năm 2020. "
            "Cụ thể, Chủ tịch UBND tỉnh tặng Bằng khen cho Trường Tiểu học Đông Hà.")
    assert awards(text) == [("Bằng khen", None, "Chủ tịch UBND tỉnh", "Trường Tiểu học Đông Hà", 2021)]


def test_a_unit_head_printed_with_every_word_capitalised():
    got = awards("Bộ trưởng tặng Bằng khen cho 2 tập thể: Văn Phòng cơ quan Thanh tra tỉnh và Phòng Kế hoạch tổng hợp.")
    assert [r for *_, r, _ in got] == ["Văn Phòng cơ quan Thanh tra tỉnh", "Phòng Kế hoạch tổng hợp"]


def test_a_counted_group_with_where_its_members_work_is_the_subject():
    got = awards("Dịp này, 12 đồng chí đang công tác tại các cơ quan, đơn vị Bộ Chỉ huy Quân sự tỉnh Hà Lam "
                 "được nhận Huy chương Quân kỳ quyết thắng.")
    assert [(a, r) for a, _, _, r, _ in got] == [("Huy chương Quân kỳ quyết thắng", None)]


def test_tuyen_duong_confers_a_hero_title():
    got = awards("Có 15 cá nhân của huyện Tân Sơn được tuyên dương danh hiệu Anh hùng lực lượng vũ trang nhân dân.")
    assert [(a, r) for a, _, _, r, _ in got] == [("Anh hùng Lực lượng vũ trang nhân dân", None)]


def test_llvt_heads_a_recipient():
    got = awards("Năm 2015, Chủ tịch nước tặng thưởng Huân chương Bảo vệ Tổ quốc hạng Nhất cho LLVT tỉnh Hà Lam.")
    assert got == [("Huân chương Bảo vệ Tổ quốc", 1, "Chủ tịch nước", "LLVT tỉnh Hà Lam", 2015)]


def test_orders_of_any_kind_are_no_conferment_and_the_year_stays_with_its_award():
    got = awards("Sư đoàn 920 đã được Nhà nước tặng Huân chương Quân công hạng Nhì vào năm 1990, "
                 "5 Huân chương Chiến công và nhiều Huân chương các loại.")
    assert got == [("Huân chương Quân công", 2, "Nhà nước", "Sư đoàn 920", 1990),
                   ("Huân chương Chiến công", None, None, "Sư đoàn 920", None)]


def test_a_list_after_la_and_a_colon():
    got = awards("Theo đó, 2 tập thể nhận Cờ thi đua của Chính phủ là: Trường Tiểu học Hồng Lam, huyện Yên Hạ "
                 "và Trường THCS Bình Minh, huyện Đông Sơn.")
    assert [r for *_, r, _ in got] == ["Trường Tiểu học Hồng Lam", "Trường THCS Bình Minh"]


def test_a_recipient_ends_before_the_next_conferment_verb():
    text = ("Thừa ủy quyền, Phó Chủ tịch UBND tỉnh Lê Văn Tâm đã trao Huân chương Lao động hạng Ba cho "
            "Trường THPT Đông Lam và trao Bằng khen của Thủ tướng Chính phủ cho thầy giáo Trần Văn Phú.")
    assert [a[3] for a in pipeline_awards(text)] == ["Trường THPT Đông Lam", "Trần Văn Phú"]


def test_a_recipient_told_first_takes_grantor_and_year_of_the_summary_after_it():
    text = ("Trường THPT Lam Sơn Hạ được phong tặng danh hiệu Anh hùng Lao động\n"
            "Ngày 5/9/2021, Chủ tịch nước đã ký quyết định phong tặng danh hiệu Anh hùng Lao động "
            "cho 12 tập thể có thành tích đặc biệt xuất sắc.")
    assert awards(text) == [("Anh hùng Lao động", None, "Chủ tịch nước", "Trường THPT Lam Sơn Hạ", 2021),
                            ("Anh hùng Lao động", None, "Chủ tịch nước", None, 2021)]


def test_a_second_conferment_of_an_award_is_not_a_vaguer_telling_of_the_first():
    text = ("Sư đoàn 968 đón nhận Huân chương Quân công lần thứ 2\n"
            "Trong 50 năm qua, Sư đoàn 968 đã được Nhà nước tặng Huân chương Quân công lần thứ 1 vào năm 1990.")
    assert awards(text) == [("Huân chương Quân công", None, None, "Sư đoàn 968", None),
                            ("Huân chương Quân công", None, "Nhà nước", "Sư đoàn 968", 1990)]


@pytest.mark.parametrize("text", [
    "Chủ tịch UBND tỉnh tặng Bằng khen cho 2 tập thể là Trường THCS Hà Vân và Trạm Y tế xã Đông Lâm.",
    "Chủ tịch UBND tỉnh tặng Bằng khen cho 2 tập thể có thành tích xuất sắc là Trường THCS Hà Vân "
    "và Trạm Y tế xã Đông Lâm.",
])
def test_a_counted_group_named_after_la(text):
    assert [r for *_, r, _ in awards(text)] == ["Trường THCS Hà Vân", "Trạm Y tế xã Đông Lâm"]


def test_a_year_in_brackets_after_the_award_and_years_after_cac_nam():
    got = awards("Trường THCS Hà Lam được tặng Huân chương Lao động hạng Nhì (2010), Cờ thi đua của UBND tỉnh "
                 "các năm 2017, 2018.")
    assert got == [("Huân chương Lao động", 2, None, "Trường THCS Hà Lam", 2010),
                   ("Cờ thi đua", None, "UBND tỉnh", "Trường THCS Hà Lam", 2017),
                   ("Cờ thi đua", None, "UBND tỉnh", "Trường THCS Hà Lam", 2018)]


def test_a_detailing_sentence_does_not_take_the_year_of_a_legal_basis():
    text = ("Căn cứ Quyết định số 15/2018/QĐ-UBND ngày 1/2/2018 của UBND tỉnh ban hành Quy chế thi đua. "
            "Cụ thể, Chủ tịch UBND tỉnh tặng Bằng khen cho Trường Tiểu học Đông Hà.")
    assert awards(text) == [("Bằng khen", None, "Chủ tịch UBND tỉnh", "Trường Tiểu học Đông Hà", None)]


@pytest.mark.parametrize("text", [
    "Bệnh viện Đa khoa tỉnh Hà Lam được tặng Huân chương Lao động hạng Ba năm 2008, hạng Nhì năm 2014 "
    "và hạng Nhất năm 2020.",
    "Bệnh viện Đa khoa tỉnh Hà Lam được tặng Huân chương Lao động hạng Ba (2008), hạng Nhì (2014), hạng Nhất (2020).",
    "Bệnh viện Đa khoa tỉnh Hà Lam đã 3 lần được tặng Huân chương Lao động (hạng Ba năm 2008, hạng Nhì năm 2014, "
    "hạng Nhất năm 2020).",
])
def test_classes_listed_with_their_years(text):
    assert [(c, y) for _, c, _, _, y in awards(text)] == [(3, 2008), (2, 2014), (1, 2020)]


def test_the_year_of_a_record_line_holds_for_a_later_sentence_on_it():
    text = "Thành tích:\n- Năm 2013: Tập thể lao động xuất sắc. Được UBND tỉnh tặng Bằng khen.\n"
    assert awards(text) == [("Tập thể lao động xuất sắc", None, None, None, 2013),
                            ("Bằng khen", None, "UBND tỉnh", None, 2013)]


def test_unit_of_its_owner_is_the_subject():
    # "<unit> của ông A nhận ...": the person owns or leads the unit, the unit receives
    got = awards("Tập đoàn Hoa Sen của ông Trần Văn Khải nhận Huân chương Lao động hạng Nhất.")
    assert got == [("Huân chương Lao động", 1, None, "Tập đoàn Hoa Sen", None)]


def test_naval_rank_in_lower_case_opens_a_listed_person():
    # news prints the naval ranks in lower case ("Chuẩn đô đốc"): a person listed after a unit
    got = awards("Theo Quyết định số 15/QĐ-CTN, Tổng Công ty Xây dựng Hồng Hà và Chuẩn đô đốc Lê Văn Bình, "
                 "Tổng Giám đốc Tổng Công ty Cảng Nam Sơn, Quân chủng Hải quân, được phong tặng danh hiệu "
                 "Anh hùng Lao động.")
    assert [g[3] for g in got] == ["Tổng Công ty Xây dựng Hồng Hà", "Lê Văn Bình"]


def test_bracket_with_a_former_name_keeps_the_parents_after_it():
    # in a ";"-list, "A (trước đây là B), Bộ X;": the bracket renames A, "Bộ X" is A's parent, not an item
    got = awards("Chủ tịch nước phong tặng danh hiệu Anh hùng Lao động cho Công ty Cảng Hòa Phong (trước đây là "
                 "Xí nghiệp Cảng Hòa Phong), Bộ Giao thông Vận tải; Viện Cơ khí Tân Lập, Bộ Công Thương.")
    assert [g[3] for g in got] == ["Công ty Cảng Hòa Phong", "Viện Cơ khí Tân Lập"]


def test_counted_group_after_the_award_lists_its_members():
    # "<award> lần này có 3 Trung tướng gồm A, ...; B, ... và Thiếu tướng C": the members are the recipients
    got = awards("Trong đợt phong tặng danh hiệu Anh hùng lực lượng vũ trang nhân dân lần này có 3 Trung tướng "
                 "gồm Lê Văn Bình, hiện là Phó Tư lệnh Quân khu 4; Trần Văn Hòa, nguyên Tư lệnh Quân khu 2 và "
                 "Thiếu tướng Phạm Văn Cường, nguyên Phó Tư lệnh Quân khu 3.")
    assert [g[3] for g in got] == ["Lê Văn Bình", "Trần Văn Hòa", "Phạm Văn Cường"]


def test_two_word_name_with_an_alias_is_a_listed_person():
    # "Trần Hòa (Trần Kiên), nguyên ...": a name of two words followed by the person's other name
    got = awards("Chủ tịch nước truy tặng danh hiệu Anh hùng lực lượng vũ trang nhân dân cho Lê Văn Bình, "
                 "nguyên Tư lệnh Quân khu 4; Trần Hòa (Trần Kiên), nguyên Tư lệnh Quân khu 2.")
    assert [g[3] for g in got] == ["Lê Văn Bình", "Trần Hòa"]


def test_organisation_named_by_its_own_name_after_cho():
    # "trao <award> cho Sentel TP.HCM.": a proper name alone, no unit head word, is the receiving organisation
    got = awards("Tại buổi lễ, thiếu tướng Lê Văn Bình thừa ủy quyền Chủ tịch nước trao Huân chương Lao động "
                 "hạng Nhì cho Sentel TP.HCM.")
    assert got == [("Huân chương Lao động", 2, "Chủ tịch nước", "Sentel TP.HCM", None)]


def test_party_and_state_as_grantor_is_a_vaguer_repeat():
    # "được Đảng và Nhà nước trao tặng A" after "Chủ tịch nước tặng A cho X": one conferment told twice
    got = awards("Chủ tịch nước tặng Huân chương Lao động hạng Nhì cho Trường THPT Hồng Lam. Trường THPT Hồng Lam "
                 "vinh dự được Đảng và Nhà nước trao tặng Huân chương Lao động hạng Nhì.")
    assert got == [("Huân chương Lao động", 2, "Chủ tịch nước", "Trường THPT Hồng Lam", None)]


def test_proper_name_subject_after_viec_with_an_abbreviation():
    # "Việc X TP.HCM vinh dự được ...": "Việc" opens the clause, the abbreviation ends the name
    got = awards("Việc Sentel TP.HCM vinh dự được Đảng và Nhà nước trao tặng Huân chương Lao động hạng Nhì "
                 "là sự ghi nhận.")
    assert got == [("Huân chương Lao động", 2, "Đảng và Nhà nước", "Sentel TP.HCM", None)]


def test_proper_name_subject_in_a_later_sentence():
    # the subject region of a sentence after another one starts with the space after the full stop
    got = awards("Ông Lê Văn Bình dự lễ. Sentel Hà Nội vinh dự được Đảng và Nhà nước trao tặng Huân chương "
                 "Lao động hạng Nhì.")
    assert got == [("Huân chương Lao động", 2, "Đảng và Nhà nước", "Sentel Hà Nội", None)]


def test_a_public_consultation_on_an_award_confers_nothing():
    assert awards("Sở Nội vụ lấy ý kiến Nhân dân đối với việc tặng danh hiệu Anh hùng Lao động cho ông Đỗ Văn Tuân.") == []
    assert awards("Tài liệu kèm theo: Xin ý kiến tặng thưởng Huân chương Lao động hạng Ba.pdf") == []


def test_the_common_noun_that_opens_a_chain_of_predicates_is_the_subject_of_the_last():
    text = ("Sáng 12/5, Bệnh viện Đa khoa Tân An tổ chức hội nghị tổng kết.\n"
            "Trải qua 30 năm, bệnh viện đã phát triển mạnh về chuyên môn, được tặng Bằng khen của Bộ trưởng Bộ Y tế.")
    assert pipeline_awards(text) == [("Bằng khen", None, "Bộ trưởng Bộ Y tế", "Bệnh viện Đa khoa Tân An", None)]


def test_a_repeated_of_names_another_grantor_of_the_same_award():
    got = awards("Trường THCS Hòa Bình được tặng Cờ thi đua của Chính phủ, của Bộ Giáo dục và Đào tạo.")
    assert got == [("Cờ thi đua", None, "Chính phủ", "Trường THCS Hòa Bình", None),
                   ("Cờ thi đua", None, "Bộ Giáo dục và Đào tạo", "Trường THCS Hòa Bình", None)]
    got = awards("Công an huyện Tân Lạc được tặng Bằng khen của UBND tỉnh và của Bộ Công an năm 2019.")
    assert [g for _, _, g, _, _ in got] == ["UBND tỉnh", "Bộ Công an"]


def test_a_bare_family_word_for_a_recipient_named_with_an_order_of_that_family_goes():
    text = ("Trường Tiểu học Hòa Lạc đón nhận Huân chương, rộn ràng khai giảng\n"
            "Sáng 5-9-2023, Trường Tiểu học Hòa Lạc vinh dự đón nhận Huân chương Lao động hạng Ba do Chủ tịch nước trao tặng.")
    assert pipeline_awards(text) == [("Huân chương Lao động", 3, "Chủ tịch nước", "Trường Tiểu học Hòa Lạc", 2023)]
    other = ("Trường Tiểu học Hòa Lạc đón nhận Huân chương\n"
             "Sáng 5-9-2023, Trường Tiểu học Hòa Lạc khai giảng. Ông Lê Văn Hạnh được tặng Huân chương Lao động hạng Ba.")
    assert ("Huân chương", None, None, "Trường Tiểu học Hòa Lạc", None) in pipeline_awards(other)


def test_two_decisions_cited_for_the_same_award_are_two_conferments():
    text = ("Thực hiện Quyết định số 12/QĐ-CTN ngày 24/10/2014 của Chủ tịch nước về việc phong tặng danh hiệu "
            "“Bà mẹ Việt Nam Anh hùng” và Quyết định số 15/QĐ-CTN ngày 27/10/2014 của Chủ tịch nước về việc "
            "truy tặng danh hiệu “Bà mẹ Việt Nam Anh hùng”; Công văn số 5 của Tỉnh ủy;")
    assert [(a, y) for a, _, _, _, y in awards(text)] == [("Bà mẹ Việt Nam anh hùng", 2014)] * 2
    once = ("Quyết định số 12/QĐ-CTN ngày 24/10/2014 về việc phong tặng danh hiệu “Bà mẹ Việt Nam Anh hùng”. "
            "Quyết định số 12/QĐ-CTN ngày 24/10/2014 về việc phong tặng danh hiệu “Bà mẹ Việt Nam Anh hùng”.")
    assert len(awards(once)) == 1
