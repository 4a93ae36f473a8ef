"""Decree 30/2020 parts of administrative documents written for the tests."""
from __future__ import annotations

import pytest

from nlp.admin_doc import join_broken_header, parse_admin_document
from nlp.admin_layout import sentence_case, title_case_place
from nlp.normalize import normalize_text

DECISION = """ỦY BAN NHÂN DÂN
HUYỆN MỸ SƠN

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Số: 215/QĐ-UBND

Mỹ sơn, ngày 04 tháng 12 năm 2023

QUYẾT ĐỊNH

Về việc tặng Giấy khen cho các tập thể, cá nhân

CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MỸ SƠN

Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15;

QUYẾT ĐỊNH:

Điều 1. Tặng Giấy khen của Chủ tịch UBND huyện cho 4 tập thể và 9 cá nhân.

Nơi nhận:
- Như Điều 1;
- Phòng Nội vụ;
- Lưu: VT.

TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH

(Đã ký)

Đinh Công Lực
"""

# the header columns side by side, no motto, "Noi nhận" misspelt, no authority mark
LETTER = """SỞ TÀI CHÍNH TỈNH HÀ LÂM\t\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
PHÒNG QUẢN LÝ NGÂN SÁCH\t\tĐộc lập - Tự do - Hạnh phúc
Số:88/QLNS-TC\t\tHà lâm, ngày 9 tháng 1 năm 2024
V/v góp ý dự thảo quy chế chi tiêu nội bộ

Kính gửi: Các đơn vị dự toán cấp huyện.

Phòng đề nghị các đơn vị gửi ý kiến trước ngày 20/01/2024./.

Noi nhận:
- Như trên;
- Lưu: VT.

TRƯỞNG PHÒNG

Hoàng Thị Nga
"""

# converted text that lost its organ lines: the issuer is read from the opening sentence
HEADLESS = """

Số:31/KH-VP

Tân an, ngày 2 tháng 3 năm 2022

KẾ HOẠCH

Tổ chức hội thi cải cách hành chính năm 2022

Văn phòng Sở xây dựng Kế hoạch tổ chức hội thi như sau:

I. Mục đích

Noi nhận:

- Ban Giám đốc;
- Lưu: VT.

CHÁNH VĂN PHÒNG



Lương Minh Tâm
"""


def parse(text: str):
    return parse_admin_document(normalize_text(text).text)


def test_decision_parts():
    p = parse(DECISION)
    assert (p.kind, p.doc_type, p.doc_number) == ("decision", "Quyết định", "215/QĐ-UBND")
    assert p.issuer == "Ủy ban nhân dân huyện Mỹ Sơn"
    assert (p.place, p.date) == ("Mỹ Sơn", "2023-12-04")
    assert p.abstract == "Về việc tặng Giấy khen cho các tập thể, cá nhân"
    assert p.title == "Quyết định Về việc tặng Giấy khen cho các tập thể, cá nhân"
    assert p.recipients == ["Như Điều 1", "Phòng Nội vụ"]
    assert (p.signer.name, p.signer.title, p.signer.authority) == ("Đinh Công Lực", "Phó Chủ tịch", "KT.")


def test_official_letter_by_its_abstract_and_side_by_side_columns():
    p = parse(LETTER)
    assert (p.kind, p.doc_type, p.doc_number) == ("official_letter", "Công văn", "88/QLNS-TC")
    assert p.issuer == "Phòng Quản lý ngân sách"
    assert p.parent_issuer == "SỞ TÀI CHÍNH TỈNH HÀ LÂM"
    assert (p.place, p.date) == ("Hà Lâm", "2024-01-09")
    assert p.abstract == "góp ý dự thảo quy chế chi tiêu nội bộ"
    assert p.recipients == ["Như trên"]
    assert (p.signer.name, p.signer.title, p.signer.authority) == ("Hoàng Thị Nga", "Trưởng phòng", None)


def test_headless_plan():
    p = parse(HEADLESS)
    assert (p.kind, p.doc_number, p.place, p.date) == ("plan", "31/KH-VP", "Tân An", "2022-03-02")
    assert p.issuer == "Văn phòng Sở"
    assert p.title == "Kế hoạch Tổ chức hội thi cải cách hành chính năm 2022"
    assert (p.signer.name, p.signer.title) == ("Lương Minh Tâm", "Chánh Văn phòng")


def test_signer_span_points_at_the_name():
    text = normalize_text(DECISION).text
    p = parse_admin_document(text)
    a, b = p.signer.span
    assert text[a:b] == "Đinh Công Lực"


def test_news_is_not_an_administrative_document():
    news = ("Sở Nội vụ tỉnh Hà Lâm tổng kết công tác năm 2023\n\n10:20 | 05/01/2024\n\n"
            "Sáng 5/1, Sở Nội vụ tổ chức hội nghị tổng kết. Giám đốc Sở Trần Văn An phát biểu.\n\nMinh Hà")
    assert parse(news) is None


@pytest.mark.parametrize("caps,expected", [
    ("UBND TỈNH BÌNH ĐỊNH", "UBND tỉnh Bình Định"),
    ("THANH TRA TỈNH", "Thanh tra tỉnh"),
    ("PHÓ CHÁNH THANH TRA", "Phó Chánh Thanh tra"),
    ("SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
    ("CHỦ TỊCH", "Chủ tịch"),
    ("ĐOÀN TNCS HỒ CHÍ MINH", "Đoàn TNCS Hồ Chí Minh"),
    ("BAN THI ĐUA - KHEN THƯỞNG TRUNG ƯƠNG", "Ban Thi đua - Khen thưởng Trung ương"),
    ("SỞ NỘI VỤ TP. HỒ CHÍ MINH", "Sở Nội vụ TP. Hồ Chí Minh"),
    ("BỘ KHOA HỌC VÀ CÔNG NGHỆ", "Bộ Khoa học và Công nghệ"),
    ("TỈNH ỦY THANH HÓA", "Tỉnh ủy Thanh Hóa"),
    ("BCH ĐOÀN TỈNH AN GIANG", "BCH Đoàn tỉnh An Giang"),
    ("BỘ TRƯỞNG", "Bộ trưởng"),
    ("KT. GIÁM ĐỐC", "KT. Giám đốc"),
])
def test_sentence_case(caps, expected):
    assert sentence_case(caps) == expected


def test_title_case_place():
    assert title_case_place("Bình phước") == "Bình Phước"
    assert title_case_place("TP. Hồ chí minh") == "TP. Hồ Chí Minh"


def test_seed_plan():
    from tests.conftest import SEEDS
    path = SEEDS / "004_9a096204e18503d9.txt"
    if not path.exists():
        pytest.skip("shared seeds not present")
    p = parse(path.read_text(encoding="utf-8"))
    assert (p.kind, p.doc_type, p.doc_number, p.place, p.date) == \
        ("plan", "Kế hoạch", "19/KH-T.Tr", "Bình Phước", "2021-07-28")
    assert p.issuer == "Thanh tra tỉnh"
    assert (p.signer.name, p.signer.title) == ("Phạm Văn Thuần", "Chánh Thanh tra")


# --- round 2: layouts (documents written for the tests, invented units and people) ---

def test_docx_table_cells_joined_on_one_line():
    # extractors/docx.py puts a table row on one line, cells tab-separated (tabs normalize to spaces)
    text = ("UBND TỈNH HÀ LÂM SỞ TÀI CHÍNH\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n\n"
            "Số: 41/KH-STC\tHà Lâm, ngày 12 tháng 3 năm 2024\n\nKẾ HOẠCH\n\nTổ chức hội nghị tổng kết\n\n"
            "Sở Tài chính xây dựng kế hoạch như sau.\n\n"
            "Nơi nhận: - UBND tỉnh; - Lưu: VT, VP.\tKT. GIÁM ĐỐC PHÓ GIÁM ĐỐC (Đã ký) Lê Thị Hạnh\n")
    p = parse(text)
    assert (p.kind, p.doc_number, p.place, p.date) == ("plan", "41/KH-STC", "Hà Lâm", "2024-03-12")
    assert (p.issuer, p.parent_issuer) == ("Sở Tài chính", "UBND TỈNH HÀ LÂM")
    assert (p.signer.name, p.signer.title, p.signer.authority) == ("Lê Thị Hạnh", "Phó Giám đốc", "KT.")
    a, b = p.spans["dateline"]
    assert normalize_text(text).text[a:b].startswith("Hà Lâm, ngày 12")


def test_youth_union_header_title_is_not_the_issuer():
    beside = ("BCH ĐOÀN TỈNH HÀ LÂM\n***\n\nĐOÀN TNCS HỒ CHÍ MINH\n\nSố: 12-BC/TĐTN\n\n"
              "Hà Lâm, ngày 3 tháng 4 năm 2024\n\nBÁO CÁO\nKết quả chiến dịch tình nguyện hè\n")
    assert parse(beside).issuer == "BCH Đoàn tỉnh Hà Lâm"
    above = ("ĐOÀN TNCS HỒ CHÍ MINH\nBAN CHẤP HÀNH TỈNH HÀ LÂM\n\nSố: 12-BC/TĐTN\n\n"
             "Hà Lâm, ngày 3 tháng 4 năm 2024\n\nBÁO CÁO\nKết quả chiến dịch tình nguyện hè\n")
    assert parse(above).issuer == "Ban Chấp hành Đoàn tỉnh Hà Lâm"


def test_party_committee_under_its_party_organisation():
    text = ("ĐẢNG BỘ TỈNH HÀ LÂM\nTỈNH ỦY\n*\nĐẢNG CỘNG SẢN VIỆT NAM\nSố: 12-CT/TU\n"
            "Hà Lâm, ngày 3 tháng 4 năm 2024\nCHỈ THỊ\nvề tăng cường công tác thi đua\n")
    p = parse(text)
    assert (p.kind, p.issuer) == ("directive", "Tỉnh ủy Hà Lâm")


def test_two_line_central_issuer():
    text = ("BAN THI ĐUA - KHEN THƯỞNG\nTRUNG ƯƠNG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "Độc lập - Tự do - Hạnh phúc\nSố: 55/BTĐKT-VP\nHà Nội, ngày 3 tháng 4 năm 2024\n"
            "V/v hướng dẫn hồ sơ khen thưởng\n")
    p = parse(text)
    assert (p.kind, p.issuer, p.place) == ("official_letter", "Ban Thi đua - Khen thưởng Trung ương", "Hà Nội")


def test_sample_docx_end_to_end():
    from pathlib import Path

    from extractors.read import read_path, read_raw
    from nlp.contract import to_contract
    from nlp.pipeline import extract
    path = Path(__file__).resolve().parent.parent / "samples" / "13_hue_snv_ke_hoach_hoi_nghi.docx"
    if not path.exists():
        pytest.skip("sample not built")
    doc = to_contract(extract(read_raw(read_path(str(path)))))["document"]
    assert (doc["doc_number"], doc["place"], doc["published"]) == ("63/KH-SNV", "Huế", "2025-05-05")
    assert doc["issuer"] == "Sở Nội vụ" and doc["signer"]["name"] == "Tôn Nữ Thanh Tâm"


def test_abstract_of_an_official_letter_over_two_lines():
    text = ("UBND TỈNH HÀ LÂM\nSỞ NỘI VỤ\n\nSố: 88/SNV-TĐKT\nV/v hướng dẫn xét tặng danh hiệu\n"
            "thi đua và hình thức khen thưởng năm 2025\n\nHà Lâm, ngày 5 tháng 1 năm 2025\n\n"
            "Kính gửi: Các sở, ban, ngành tỉnh.\n")
    p = parse(text)
    assert p.title == "Công văn hướng dẫn xét tặng danh hiệu thi đua và hình thức khen thưởng năm 2025"
    assert (p.issuer, p.place) == ("Sở Nội vụ", "Hà Lâm")


# --- round 3: header blocks broken by page layout (texts invented for the tests) --------------

BROKEN_HEADER = """ỦY
BAN NHÂN DÂN
TỈNH HÀ LÂM
-------
|
CỘNG HÒA XÃ HỘI
CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
---------------
|
Số:
27/2023/QĐ-UBND
|
Hà
Lâm, ngày 9 tháng 5
năm 2023
|
QUYẾT ĐỊNH
BAN HÀNH QUY CHẾ PHỐI HỢP QUẢN LÝ CÔNG CHỨC, VIÊN CHỨC
THUỘC ỦY BAN NHÂN DÂN TỈNH HÀ LÂM
ỦY BAN NHÂN DÂN TỈNH HÀ LÂM
Căn cứ Luật Tổ chức chính
quyền địa phương năm 2015;
QUYẾT ĐỊNH:
Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp.
"""


def test_header_lines_broken_by_the_page_layout():
    p = parse(BROKEN_HEADER)
    assert (p.kind, p.doc_type, p.doc_number) == ("decision", "Quyết định", "27/2023/QĐ-UBND")
    assert (p.issuer, p.place, p.date) == ("Ủy ban nhân dân tỉnh Hà Lâm", "Hà Lâm", "2023-05-09")
    assert p.title == ("Quyết định BAN HÀNH QUY CHẾ PHỐI HỢP QUẢN LÝ CÔNG CHỨC, VIÊN CHỨC "
                       "THUỘC ỦY BAN NHÂN DÂN TỈNH HÀ LÂM")


def test_joining_keeps_every_offset():
    joined = join_broken_header(BROKEN_HEADER)
    assert len(joined) == len(BROKEN_HEADER)
    assert "Số: 27/2023/QĐ-UBND" in joined and "Hà Lâm, ngày 9 tháng 5 năm 2023" in joined
    assert "Căn cứ Luật Tổ chức chính\nquyền" in joined        # the preamble is left as it is


def test_caps_abstract_that_starts_like_a_preamble_and_the_authority_title_line():
    text = ("BỘ NỘI VỤ\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nSố: 88/KH-BNV\n\n"
            "Hà Nội, ngày 2 tháng 2 năm 2024\n\nKẾ HOẠCH\n\nTHỰC HIỆN PHONG TRÀO THI ĐUA CẢI CÁCH HÀNH CHÍNH NĂM 2024\n\n"
            "Thực hiện Chỉ thị số 5/CT-TTg của Thủ tướng Chính phủ, Bộ Nội vụ ban hành Kế hoạch như sau:\n")
    p = parse(text)
    assert p.title == "Kế hoạch THỰC HIỆN PHONG TRÀO THI ĐUA CẢI CÁCH HÀNH CHÍNH NĂM 2024"
    decision = ("BỘ NỘI VỤ\n\nSố: 12/QĐ-BNV\n\nHà Nội, ngày 5 tháng 1 năm 2024\n\nQUYẾT ĐỊNH\n\n"
                "VỀ VIỆC KHEN THƯỞNG CÁC TẬP THỂ\n\nBỘ TRƯỞNG BỘ NỘI VỤ\n\nCăn cứ Luật Thi đua, khen thưởng;\n")
    assert parse(decision).title == "Quyết định VỀ VIỆC KHEN THƯỞNG CÁC TẬP THỂ"


def test_no_type_line_type_from_the_number_and_abstract_from_the_opening_sentence():
    text = ("ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 415/KH-UBND |\n"
            "Hà Lâm, ngày 14 tháng 3 năm 2023 |\n"
            "Căn cứ Quyết định số 12/QĐ-TTg của Thủ tướng Chính phủ ban hành Kế hoạch tổ chức phong trào;\n"
            "Ủy ban nhân dân tỉnh ban hành Kế hoạch tổ chức phong trào thi đua “Dân vận khéo” năm 2023 "
            "(viết tắt là Phong trào), như sau:\n1. Mục đích:\n")
    p = parse(text)
    assert (p.kind, p.doc_type, p.doc_number, p.issuer) == ("plan", "Kế hoạch", "415/KH-UBND", "Ủy ban nhân dân")
    assert p.title == "Kế hoạch tổ chức phong trào thi đua “Dân vận khéo” năm 2023"
    assert (p.place, p.date) == ("Hà Lâm", "2023-03-14")


def test_abstract_from_a_legal_portals_page_title_when_the_document_lost_its_own():
    text = ("Quyết định 305/QĐ-UBND năm 2022 về công bố danh mục thủ tục hành chính lĩnh vực thi đua\n"
            "ỦY BAN NHÂN DÂN |\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 305/QĐ-UBND |\n"
            "Hà Lâm, ngày 05 tháng 3 năm 2022 |\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n")
    p = parse(text)
    assert (p.kind, p.doc_number, p.issuer, p.date) == ("decision", "305/QĐ-UBND", "Ủy ban nhân dân", "2022-03-05")
    assert p.title == "Quyết định về công bố danh mục thủ tục hành chính lĩnh vực thi đua"


# a decision printed by a portal without its header block: type line, abstract, authority line
HEADERLESS = """Đăng nhập

QUYẾT ĐỊNH

Về việc tặng Bằng khen của Bộ trưởng

______________________

BỘ TRƯỞNG BỘ NỘI VỤ

Căn cứ Luật Thi đua, Khen thưởng ngày 15 tháng 6 năm 2022;

QUYẾT ĐỊNH:

Điều 1. Tặng Bằng khen của Bộ trưởng Bộ Nội vụ cho Sở Nội vụ tỉnh Hà Lâm.

KT. BỘ TRƯỞNG

Thứ trưởng

(Đã ký)

Hoàng Minh Quang
"""


def test_a_decision_without_its_header_takes_its_issuer_from_the_authority_line():
    p = parse_admin_document(HEADERLESS)
    assert (p.kind, p.doc_type, p.doc_number, p.date) == ("decision", "Quyết định", None, None)
    assert p.issuer == "Bộ trưởng Bộ Nội vụ"
    assert p.title == "Quyết định Về việc tặng Bằng khen của Bộ trưởng"
    assert (p.signer.name, p.signer.title, p.signer.authority) == ("Hoàng Minh Quang", "Thứ trưởng", "KT.")


def test_a_type_line_far_below_the_top_without_a_header_is_not_a_document():
    text = "\n".join(["Tin tức sự kiện trong tỉnh hôm nay."] * 8) + "\n" + HEADERLESS
    assert parse_admin_document(text) is None


# a Party document: number without colon, a type line whose text layer split a word and lost a mark,
# an abstract in capitals that runs on into lower-case lines
PARTY_CONCLUSION = """HUYỆN ỦY MỸ SƠN
ĐẢNG CỘNG SẢN VIỆT NAM
*
Số 112-KL/HU
Mỹ Sơn, ngày 20 tháng 3 năm 2023
K ẾT LUẬN
CỦA BAN THƯỜNG VỤ HUYỆN ỦY
về công tác chuyển đổi số trên địa bàn huyện
đến năm 2025
Ban Thường vụ Huyện ủy họp ngày 15/3/2023 và kết luận:
"""


def test_a_party_conclusion_with_a_broken_type_line_and_a_number_without_colon():
    p = parse_admin_document(PARTY_CONCLUSION)
    assert (p.doc_type, p.kind, p.doc_number, p.date) == ("Kết luận", "other", "112-KL/HU", "2023-03-20")
    assert p.issuer == "Huyện ủy Mỹ Sơn"
    assert p.title == ("Kết luận CỦA BAN THƯỜNG VỤ HUYỆN ỦY về công tác chuyển đổi số trên địa bàn huyện "
                       "đến năm 2025")


def test_a_capitals_abstract_ending_with_its_place_is_not_cut_at_the_place_line():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ LÂM\nSố: 15/QĐ-UBND\nHà Lâm, ngày 2 tháng 3 năm 2024\nQUYẾT ĐỊNH\n"
            "BAN HÀNH QUY CHẾ LÀM VIỆC CỦA TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG\nTỈNH HÀ LÂM\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ LÂM\nCăn cứ Luật Tổ chức chính quyền địa phương;\n")
    p = parse_admin_document(text)
    assert p.title == "Quyết định BAN HÀNH QUY CHẾ LÀM VIỆC CỦA TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG TỈNH HÀ LÂM"


# a legal portal's copy: the first word of a cell on its own line, the motto broken inside "CHỦ NGHĨA", a
# space before the number's slash, a date line broken after its day, no type line but "VỀ VIỆC ..."
PORTAL_DECISION = """UỶ
BAN NHÂN DÂN
TỈNH HÀ LÂM
*****
|
CỘNG HÒA XÃ HỘI CHỦ
NGHĨA VIỆT NAM
Độc lập – Tự do – Hạnh phúc
*******
|
Số: 77 /2019/QĐ-UBND
|
Hà Lâm, ngày 05
tháng 03 năm 2019
|
VỀ
VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC CỦA TỔ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH,
GIAI ĐOẠN 2019 - 2021
UỶ BAN NHÂN DÂN TỈNH HÀ LÂM
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
QUYẾT ĐỊNH:
"""


def test_a_portal_copy_with_a_broken_motto_spaced_number_broken_date_and_no_type_line():
    p = parse_admin_document(normalize_text(PORTAL_DECISION).text)
    assert (p.kind, p.doc_type, p.doc_number, p.date, p.place) == \
        ("decision", "Quyết định", "77/2019/QĐ-UBND", "2019-03-05", "Hà Lâm")
    assert p.issuer == "Ủy ban nhân dân tỉnh Hà Lâm"
    assert p.abstract == ("VỀ VIỆC BAN HÀNH QUY CHẾ LÀM VIỆC CỦA TỔ CÔNG TÁC CẢI CÁCH HÀNH CHÍNH, "
                          "GIAI ĐOẠN 2019 - 2021")


def test_header_cells_joined_on_two_lines_and_an_abstract_with_blank_lines():
    text = ("UBND TỈNH HÀ LÂM Số: 38/2021/QĐ-UBND\n"
            "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc Hà Lâm, ngày 9 tháng 3 năm 2021\n\n"
            "QUYẾT ĐỊNH\n\nVề việc kiện toàn Hội đồng Thi đua - Khen thưởng\n\ncủa tỉnh Hà Lâm\n\n"
            "------------------\n\nỦY BAN NHÂN DÂN TỈNH HÀ LÂM\n\nCăn cứ Luật Thi đua, khen thưởng;\n")
    p = parse_admin_document(text)
    assert (p.issuer, p.place, p.doc_number) == ("UBND tỉnh Hà Lâm", "Hà Lâm", "38/2021/QĐ-UBND")
    assert p.title == "Quyết định Về việc kiện toàn Hội đồng Thi đua - Khen thưởng của tỉnh Hà Lâm"


def test_an_organ_line_without_its_place_is_named_by_the_authority_line_and_the_formula_is_no_type_line():
    text = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n"
            "Số: 612/QĐ-UBND | Hà Lâm, ngày 2 tháng 6 năm 2020 |\n"
            "ỦY BAN NHÂN DÂN TỈNH HÀ LÂM\nCăn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy định khen thưởng.\n")
    p = parse_admin_document(text)
    assert (p.issuer, p.doc_type, p.kind) == ("Ủy ban nhân dân tỉnh Hà Lâm", "Quyết định", "decision")


def test_a_plan_printed_without_header_opens_with_its_type_and_abstract_in_capitals():
    text = ("KẾ HOẠCH TỔ CHỨC HỘI THAO CÔNG CHỨC NĂM 2026\n\n"
            "Căn cứ Kế hoạch số 4/KH-UBND ngày 2/1/2026 của UBND tỉnh;\n\n"
            "Sở Nội vụ tỉnh Hà Lâm xây dựng Kế hoạch tổ chức hội thao như sau:\n\n1. Mục đích")
    p = parse(text)
    assert (p.kind, p.doc_type, p.issuer) == ("plan", "Kế hoạch", "Sở Nội vụ tỉnh Hà Lâm")
    assert p.title == "Kế hoạch TỔ CHỨC HỘI THAO CÔNG CHỨC NĂM 2026"


def test_a_headline_opening_with_a_type_word_is_no_document():
    assert parse("KẾ HOẠCH MỚI CỦA THÀNH PHỐ VỀ GIAO THÔNG\n\nSáng 4/3, thành phố công bố kế hoạch.\n") is None


def test_the_motto_damaged_by_a_text_layer_is_no_issuer():
    text = ("BỘ NỘI VỤ\n-------\nCỘNG HỊA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/QĐ-BNV\nHà Nội, ngày 3 tháng 2 năm 2026\nQUYẾT ĐỊNH\nVề việc thành lập tổ công tác\n"
            "BỘ TRƯỞNG BỘ NỘI VỤ\nCăn cứ Nghị định số 63/2022/NĐ-CP;\n")
    assert parse(text).issuer == "Bộ Nội vụ"


RESOLUTION_WITHOUT_HEADER = """HỘI ĐỒNG NHÂN DÂN TỈNH BẮC SƠN
Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét Tờ trình số 12/TTr-UBND của Ủy ban nhân dân tỉnh,
QUYẾT NGHỊ:
Điều 1. Thông qua danh mục dự án năm 2024.
Điều 2. Ủy ban nhân dân tỉnh tổ chức thực hiện Nghị quyết này.
TM. HỘI ĐỒNG NHÂN DÂN
CHỦ TỊCH
Lê Văn Mạnh
"""


def test_a_document_without_number_and_type_line_is_typed_by_its_operative_formula():
    parts = parse_admin_document(RESOLUTION_WITHOUT_HEADER)
    assert (parts.kind, parts.doc_type, parts.title) == ("resolution", "Nghị quyết", None)
    assert parts.issuer.lower() == "hội đồng nhân dân tỉnh bắc sơn"
    assert parts.signer.name == "Lê Văn Mạnh"


def test_a_news_page_opening_with_an_organ_line_is_no_document():
    text = "ỦY BAN NHÂN DÂN TỈNH BẮC SƠN\nCăn cứ kết quả năm 2023, tỉnh quyết định khen thưởng 20 tập thể.\n" \
           "Quyết định này có hiệu lực từ ngày ký."
    assert parse_admin_document(text) is None


def test_an_organ_line_that_lost_its_place_takes_it_from_the_signing_authority_line():
    text = ("ỦY BAN NHÂN DÂN | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\nSố: 1201/QĐ-UBND | Cà Mau, ngày 3 tháng 5 năm 2016 |\n"
            "VỀ VIỆC BAN HÀNH QUY CHẾ THI ĐUA\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nCăn cứ Luật Thi đua, khen thưởng;\n"
            "QUYẾT ĐỊNH:\nĐiều 1. Ban hành Quy chế.")
    assert parse_admin_document(text).issuer == "Ủy ban nhân dân tỉnh Cà Mau"


def test_units_ending_in_a_level_word_keep_it():
    from nlp.pipeline import extract
    from extractors.types import CleanDocument
    x = extract(CleanDocument(source="t.txt", uri="t.txt", format="txt", text=(
        "Hội đồng Thi đua - Khen thưởng tỉnh tổ chức hội nghị; đề nghị Hội đồng Thi đua - Khen thưởng các cấp "
        "xét duyệt.")))
    assert [u.name for u in x.units] == ["Hội đồng Thi đua - Khen thưởng tỉnh"]


GUIDANCE_WITH_ADDRESS = """HỘI NÔNG HỌC TỈNH HÀ LÂM

Số: 12 Lê Lợi, phường Tân An

SỐ :   27/ 2019 / HNH- HD     CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM

Độc lập – Tự do – Hạnh phúc

      Hà Lâm, ngày 05   tháng 3   năm 2019

HƯỚNG DẪN

Về việc xét khen thưởng năm 2019

Căn cứ Điều lệ Hội Nông học tỉnh Hà Lâm,
"""


def test_an_address_is_no_number_and_a_spaced_label_number_and_date_line_are_read_whole():
    p = parse(GUIDANCE_WITH_ADDRESS)
    assert p.doc_number == "27/2019/HNH-HD"
    assert (p.place, p.date) == ("Hà Lâm", "2019-03-05")
    assert p.doc_type == "Hướng dẫn"


PORTAL_TABLE_BELOW_PREAMBLE = """Căn cứ Điều lệ Hội Nông học tỉnh Hà Lâm; Kế hoạch số 4/KH-HNH ngày 02/01/2021 của Hội,
Số hiệu: 9/HD-HNH
Loại văn bản: Hướng dẫn
Lĩnh vực văn bản:
Cơ quan ban hành: Hội Nông học tỉnh Hà Lâm
Ngày ban hành: 14/03/2021
Ngày cập nhật: 15/03/2021
"""


def test_a_portal_metadata_table_gives_the_fields_of_a_document_printed_without_its_header():
    p = parse(PORTAL_TABLE_BELOW_PREAMBLE)
    assert (p.kind, p.doc_type, p.doc_number) == ("other", "Hướng dẫn", "9/HD-HNH")
    assert (p.issuer, p.date) == ("Hội Nông học tỉnh Hà Lâm", "2021-03-14")


_SPACED_HEADER = """B  Ộ   T  À I   C H  Í N H

Số: 118/QĐ-BTC

CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc

Hà Nội, ngày  14  tháng  03  năm 2012

QUYẾT ĐỊNH
Về việc tặng Bằng khen của Bộ trưởng Bộ Tài chính

BỘ TRƯỞNG BỘ TÀI CHÍNH

Căn cứ Luật Thi đua, Khen thưởng ngày 26 tháng 11 năm 2003;
"""


def test_an_organ_line_printed_letter_by_letter_is_closed_up():
    parts = parse_admin_document(_SPACED_HEADER)
    assert parts.issuer == "Bộ Tài chính"
    assert len(join_broken_header(_SPACED_HEADER)) == len(_SPACED_HEADER)


def test_a_date_line_with_day_and_month_typed_into_blanks():
    parts = parse_admin_document(_SPACED_HEADER)
    assert (parts.place, parts.date) == ("Hà Nội", "2012-03-14")


def test_a_type_line_printed_in_sentence_case_over_its_abstract():
    parts = parse_admin_document(_SPACED_HEADER.replace("QUYẾT ĐỊNH\n", "Quyết định\n"))
    assert parts.doc_type == "Quyết định"
    assert parts.title == "Quyết định Về việc tặng Bằng khen của Bộ trưởng Bộ Tài chính"


def test_a_number_ending_with_a_department_in_roman_numerals():
    text = ("BAN THI ĐUA - KHEN THƯỞNG TRUNG ƯƠNG\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
            "Số: 712/BTĐKT-Vụ III\nV/v hướng dẫn hồ sơ khen thưởng\n\nHà Nội, ngày 5 tháng 4 năm 2010\n\nKính gửi: Các Bộ, ngành.\n")
    assert parse_admin_document(text).doc_number == "712/BTĐKT-Vụ III"
