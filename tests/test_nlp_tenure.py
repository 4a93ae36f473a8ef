"""nlp.tenure and nlp.unit_changes: when offices begin and end, and units that merge or are renamed,
on sentences written for these tests (invented people) and on real published texts read from
../shared (never copied)."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.read import read_path, read_raw
from extractors.types import CleanDocument
from nlp.pipeline import extract

REAL = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "real"


def run(text: str):
    return extract(CleanDocument(source="t.txt", uri="t.txt", text=text, format="txt"))


def events(x) -> list[tuple]:
    out = []
    for t in x.tenure:
        p = x.people[t.person]
        office = p.positions[t.position].title if t.position is not None else None
        out.append((p.name, t.event, t.cue, office, t.effective, t.date_basis))
    return out


def test_appointment_with_its_effective_date_and_a_retirement_the_same_day():
    x = run("Theo Quyết định số 712/QĐ-UBND ngày 28/2/2020 của UBND tỉnh, bà Hoàng Thị Quyên, Giám đốc Sở Y tế "
            "nghỉ hưu theo chế độ từ ngày 01/3/2020. Ông Đinh Văn Lực, Phó Giám đốc Sở Y tế được bổ nhiệm giữ "
            "chức Giám đốc Sở Y tế tỉnh Quảng Bình kể từ ngày 01/3/2020.")
    assert events(x) == [("Hoàng Thị Quyên", "end", "retired", None, "2020-03-01", "effective"),
                         ("Đinh Văn Lực", "start", "appointed", "Giám đốc", "2020-03-01", "effective")]


def test_stepping_down_takes_the_date_of_the_decision():
    x = run("Tại Quyết định số 77-QĐ/TU ngày 12/6/2022, Ban Thường vụ Tỉnh ủy quyết định: đồng chí Lò Văn Sáng, "
            "Bí thư Huyện ủy Mường Tè thôi giữ chức Bí thư Huyện ủy Mường Tè.")
    assert events(x) == [("Lò Văn Sáng", "end", "stepped_down", "Bí thư", "2022-06-12", "decision")]


def test_election_without_a_date_takes_the_documents_date_later():
    x = run("Ông Vũ Đình Hải, Giám đốc Sở Xây dựng được bầu giữ chức Phó Chủ tịch UBND tỉnh Hòa Bình.")
    assert events(x) == [("Vũ Đình Hải", "start", "elected", "Phó Chủ tịch", None, "document")]


def test_a_bare_giu_chuc_takes_the_verb_of_its_sentence_and_holds_now_is_no_start():
    x = run("Thủ tướng bổ nhiệm ông Cao Minh Đức, nguyên Bí thư Tỉnh ủy Lai Châu, giữ chức Thứ trưởng Bộ Công "
            "Thương. Bà Mạc Thị Lụa hiện giữ chức Phó Chủ tịch Hội Nông dân tỉnh Lai Châu.")
    assert events(x) == [("Cao Minh Đức", "start", "appointed", "Thứ trưởng", None, "document")]


def test_dismissal_names_the_person_after_doi_voi():
    x = run("HĐND tỉnh đã miễn nhiệm chức vụ Phó Chủ tịch UBND tỉnh đối với ông Quàng Văn Pấng để nghỉ hưu.")
    # one end per person, of the office the sentence names
    assert events(x) == [("Quàng Văn Pấng", "end", "dismissed", "Phó Chủ tịch", None, "document")]


def test_unit_changes_merged_consolidated_renamed():
    x = run("Nhập tỉnh Bắc Kạn và tỉnh Thái Nguyên thành tỉnh mới có tên gọi là tỉnh Thái Nguyên. "
            "Sở Lao động - Thương binh và Xã hội tỉnh Sơn La sáp nhập vào Sở Nội vụ tỉnh Sơn La từ ngày 01/3/2025. "
            "Trường Cao đẳng Y tế Sơn La được đổi tên thành Trường Cao đẳng Y tế Tây Bắc.")
    got = [(c.change, c.predecessors, c.successor, c.effective) for c in x.unit_changes]
    assert got == [("consolidated", ["tỉnh Bắc Kạn"], "tỉnh Thái Nguyên", None),
                   ("merged_into", ["Sở Lao động - Thương binh và Xã hội tỉnh Sơn La"], "Sở Nội vụ tỉnh Sơn La",
                    "2025-03-01"),
                   ("renamed", ["Trường Cao đẳng Y tế Sơn La"], "Trường Cao đẳng Y tế Tây Bắc", None)]


def test_a_unit_founded_on_the_merger_of_two_others():
    x = run("Sở Khoa học và Công nghệ tỉnh Điện Biên được thành lập trên cơ sở hợp nhất Sở Khoa học và Công nghệ "
            "tỉnh Điện Biên và Sở Thông tin và Truyền thông tỉnh Điện Biên.")
    assert [(c.change, c.predecessors, c.successor) for c in x.unit_changes] == [
        ("consolidated", ["Sở Thông tin và Truyền thông tỉnh Điện Biên"], "Sở Khoa học và Công nghệ tỉnh Điện Biên")]


def test_a_sentence_about_units_without_a_change_states_none():
    x = run("Sở Nội vụ tỉnh Sơn La phối hợp với Sở Tài chính tỉnh Sơn La tổ chức hội nghị vào ngày 5/3/2024.")
    assert x.unit_changes == [] and x.tenure == []


def _real(name: str):
    path = REAL / name
    if not path.exists():
        pytest.skip(f"real corpus not present ({path})")
    return extract(read_raw(read_path(str(path))))


def test_real_decisions_moving_officials_end_their_offices_on_the_decision_date():
    """Three decisions of a provincial Party standing committee, each ending one office."""
    x = _real("r24_hungyen_btvtu_dieudong.txt")
    ends = [(n, e, c, d) for n, e, c, _, d, _ in events(x) if e == "end"]
    assert ends == [("Phạm Trường Tam", "end", "stepped_down", "2023-09-29"),
                    ("Bùi Huy Cường", "end", "stepped_down", "2023-09-29"),
                    ("Mai Xuân Giới", "end", "stepped_down", "2023-09-29")]


def test_real_appointments_of_three_deputy_ministers():
    x = _real("r23_nld_bonhiem_3thutruong.txt")
    starts = {(n, c, office) for n, e, c, office, *_ in events(x) if e == "start"}
    assert starts == {("Đỗ Văn Chiến", "appointed", "Phó Chủ nhiệm"), ("Huỳnh Văn Tí", "appointed", "Thứ trưởng"),
                      ("Phạm Hồng Hà", "appointed", "Thứ trưởng")}


def test_real_merger_of_two_boards_into_a_department():
    x = _real("r08_haiphong_sapnhap_snv.txt")
    assert [(c.change, c.successor) for c in x.unit_changes][:1] == [("merged_into", "Sở Nội vụ")]
    assert set(x.unit_changes[0].predecessors) >= {"Ban Tôn giáo"}
