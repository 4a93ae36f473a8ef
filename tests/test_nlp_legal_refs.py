"""Cited documents with a number and symbol (sentences written for the tests)."""
from __future__ import annotations

import pytest

from nlp.context import DocContext
from nlp.legal_refs import find_legal_refs, issuer_code
from nlp.normalize import normalize_text


def refs(text: str):
    return find_legal_refs(DocContext(norm=normalize_text(text)))


@pytest.mark.parametrize("text,number,doc_type,issuer,date", [
    ("Thực hiện Nghị quyết số 12/NQ-CP của Chính phủ", "12/NQ-CP", "Nghị quyết", "CP", None),
    ("Căn cứ Công văn số 1877/UBND-KT ngày 3/8/2022 của UBND huyện", "1877/UBND-KT", "Công văn", "UBND", "2022-08-03"),
    ("theo Chỉ thị số 05-CT/TW của Bộ Chính trị", "05-CT/TW", "Chỉ thị", "TW", None),
    ("trên cơ sở Chỉ thị số 21 -CT/TU, ngày 09/12/2020 của Tỉnh ủy", "21-CT/TU", "Chỉ thị", "TU", "2020-12-09"),
    ("Quyết định 2104/QĐ-TTg phê duyệt đề án", "2104/QĐ-TTg", "Quyết định", "TTg", None),
    ("Nghị định 98/2023/NĐ-CP quy định chi tiết", "98/2023/NĐ-CP", "Nghị định", "CP", None),
    ("Luật số 06/2022/QH15 có hiệu lực", "06/2022/QH15", "Luật", "QH15", None),
    ("Thông tư 05/2021/TT-BNV hướng dẫn", "05/2021/TT-BNV", "Thông tư", "BNV", None),
    ("Kế hoạch số 77/KH-UBND ngày 15 tháng 3 năm 2024", "77/KH-UBND", "Kế hoạch", "UBND", "2024-03-15"),
    ("Hướng dẫn số 12-HD/BTGTW về tuyên truyền", "12-HD/BTGTW", "Hướng dẫn", "BTGTW", None),
    ("văn bản số 402/SNV-TĐKT của Sở Nội vụ", "402/SNV-TĐKT", "Văn bản", "SNV", None),
])
def test_citation_patterns(text, number, doc_type, issuer, date):
    (r,) = refs(text)
    assert (r.number, r.doc_type, r.issuer_code, r.date) == (number, doc_type, issuer, date)


def test_type_from_the_symbol_when_no_type_word():
    (r,) = refs("thực hiện số 315/QĐ-UBND ngày 02/02/2023 của UBND tỉnh")
    assert r.doc_type == "Quyết định" and r.date == "2023-02-02"


@pytest.mark.parametrize("text", [
    "Số: 19/KH-SNV\n\nHà Lâm, ngày 2 tháng 3 năm 2024",
    "Số:7/TB-VP",
    "Hoàn thành 21/21 dự án, xếp thứ 08/8 huyện",
    "theo tiêu chuẩn ISO 9001: 2015",
    "đạt 72,10 điểm; tăng 15 bậc",
])
def test_not_citations(text):
    assert refs(text) == []


def test_each_number_once_and_the_date_from_any_mention():
    text = "Theo Kế hoạch số 9/KH-UBND, ... Kế hoạch số 9/KH-UBND ngày 1/2/2024 nêu rõ."
    (r,) = refs(text)
    assert r.date == "2024-02-01"
    assert r.text == "Kế hoạch số 9/KH-UBND"


def test_issuer_code():
    assert issuer_code("68/NQ-CP") == "CP"
    assert issuer_code("2372/UBND-NC") == "UBND"
    assert issuer_code("45-CT/TW") == "TW"
    assert issuer_code("30/2020/NĐ-CP") == "CP"


def test_seed_plan_cites_two_letters_but_not_its_own_number():
    from tests.conftest import SEEDS
    path = SEEDS / "004_9a096204e18503d9.txt"
    if not path.exists():
        pytest.skip("shared seeds not present")
    got = {r.number: (r.doc_type, r.date) for r in refs(path.read_text(encoding="utf-8"))}
    assert got == {"2372/UBND-NC": ("Công văn", "2021-07-16"), "1146/SKHCN-QLKHCN": ("Công văn", "2021-07-22")}


def test_the_documents_own_number_printed_again_by_a_portal_is_not_cited():
    from extractors.types import CleanDocument
    from nlp.pipeline import extract
    text = ("Quyết định số 215/2023/QĐ-UBND tỉnh Hà Lâm\n\nỦY BAN NHÂN DÂN\nTỈNH HÀ LÂM\nSố: 215/QĐUBND\n"
            "Hà Lâm, ngày 4 tháng 12 năm 2023\nQUYẾT ĐỊNH\nVề việc ban hành quy chế làm việc\n"
            "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH HÀ LÂM\nCăn cứ Nghị định số 30/2020/NĐ-CP ngày 5/3/2020 của Chính phủ;\n"
            "Căn cứ Quyết định số 215/2019/QĐ-UBND ngày 1/2/2019 của UBND tỉnh;\n")
    x = extract(CleanDocument(source="t.txt", uri="t.txt", text=text, format="txt"))
    assert x.document.doc_number == "215/QĐUBND"
    assert sorted(r.number for r in x.legal_refs) == ["215/2019/QĐ-UBND", "30/2020/NĐ-CP"]


def test_a_party_symbol_printed_with_the_letter_u_horn():
    assert [(r.number, r.doc_type) for r in refs("Sau 10 năm thực hiện Nghị quyết 09-NQ/TƯ của Tỉnh ủy.")] == \
        [("09-NQ/TƯ", "Nghị quyết")]


@pytest.mark.parametrize("text,numbers", [
    ("Ban Thường vụ Huyện ủy vừa ban hành Chỉ thị số 8 về việc phòng cháy", [("8", "Chỉ thị")]),
    ("Ủy ban nhân dân tỉnh ban hành kế hoạch số 214 và kế hoạch số 215 để triển khai",
     [("214", "Kế hoạch"), ("215", "Kế hoạch")]),
    ("Chủ tịch nước đã ký Quyết định số 1450 ngày 3/4/2016 tặng thưởng", [("1450", "Quyết định")]),
    ("thực hiện Nghị định 77 của Chính phủ", [("77", "Nghị định")]),
])
def test_a_type_then_a_bare_number_is_cited(text, numbers):
    assert [(r.number, r.doc_type) for r in refs(text)] == numbers


@pytest.mark.parametrize("text", [
    "thực hiện Kế hoạch 5 năm (2026 - 2030) của tỉnh",
    "Quyết định 3 lần trong năm",
    "Chương trình 135 về hỗ trợ xã khó khăn",
])
def test_a_count_or_a_programme_is_no_citation(text):
    assert refs(text) == []


def test_a_bare_number_printed_in_full_elsewhere_counts_once():
    (r,) = refs("Quán triệt Chỉ thị số 41-CT/TW của Ban Bí thư. Chỉ thị 41 yêu cầu các cấp ủy")
    assert r.number == "41-CT/TW"


def test_the_issuer_code_set_off_by_spaces_after_the_type_code():
    got = refs("Hội đồng nhận được Tờ trình số 58/TTr - BVĐK ngày 4-2-2024 của Bệnh viện về việc đề nghị khen thưởng.")
    assert [(r.number.replace(" ", ""), r.date) for r in got] == [("58/TTr-BVĐK", "2024-02-04")]
