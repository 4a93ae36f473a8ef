"""Calendar expressions: rules on sentences written for the tests (invented units and people)."""
from __future__ import annotations

import pytest

from nlp.context import DocContext
from nlp.dates import LeadDay, find_dates, is_date_line, lead_day, parse_date, parse_page_date
from nlp.normalize import normalize_text


def dates(text: str, doc_date: str | None = "2023-09-14") -> list[tuple[str, str]]:
    ctx = DocContext(norm=normalize_text(text), doc_date=doc_date)
    return [(d.value, d.kind) for d in find_dates(ctx) if d.span is not None]


@pytest.mark.parametrize("text,value,kind", [
    ("Kế hoạch được ký ngày 3 tháng 11 năm 2022 tại trụ sở.", "2022-11-03", "date"),
    ("Hội nghị diễn ra ngày 09/01/2023 tại xã Tân Hòa.", "2023-01-09", "date"),
    ("Sáng 5/9, Sở Công Thương tỉnh Hà Lâm tổ chức hội nghị.", "2023-09-05", "date"),
    ("Tối 12/8, đoàn công tác đã đến huyện Mỹ Sơn.", "2023-08-12", "date"),
    ("8:15 AM, 02/03/2021", "2021-03-02", "datetime"),
    ("Thứ sáu, 14/07/2023 - 09:05'", "2023-07-14", "datetime"),
    ("11/04/2022 14:30", "2022-04-11", "datetime"),
    ("10:45 | 01/12/2024", "2024-12-01", "datetime"),
    ("Dự kiến hoàn thành trong tháng 10/2024.", "2024-10", "month"),
    ("Chương trình bắt đầu từ tháng 3 năm 2025.", "2025-03", "month"),
    ("Kết quả năm 2017 được đánh giá cao.", "2017", "year"),
    ("Đề án giai đoạn 2021-2026 đã được phê duyệt.", "2021/2026", "period"),
    ("Đại hội nhiệm kỳ 2025 - 2030 thành công tốt đẹp.", "2025/2030", "period"),
    ("Kế hoạch 5 năm 2021-2025 của huyện Đông Sơn.", "2021/2025", "period"),
    ("theo kế hoạch 2026-2030 của tỉnh", "2026/2030", "period"),
    ("Kỷ niệm 60 năm thành lập trường (1965-2025).", "1965/2025", "period"),
    ("Kỷ niệm ngày thành lập (2/9/1945 - 2/9/2025).", "1945-09-02/2025-09-02", "period"),
    ("Đợt thi đua từ ngày 10 đến ngày 20/6/2024.", "2024-06-10/2024-06-20", "period"),
    ("Ngày 14-2, Thủ tướng ký quyết định bổ nhiệm.", "2023-02-14", "date"),
    ("Hôm nay (19/8), Công an tỉnh tổ chức lễ kỷ niệm.", "2023-08-19", "date"),
    ("nhân Ngày Nhà giáo Việt Nam (20/11), trường tổ chức mít tinh", "2023-11-20", "date"),
    ("Trong hai ngày 20 và 21/8, Đảng bộ xã tổ chức đại hội.", "2023-08-20/2023-08-21", "period"),
    ("Trong hai ngày 12 và 13 thang 9 năm 2010 tại hội trường tỉnh", "2010-09-12/2010-09-13", "period"),
    ("Căn cứ Chỉ thị số 45-CT/TW ngày22 tháng 7 năm 2010 của Bộ Chính trị", "2010-07-22", "date"),
    (" date 2023-12 Theo dõi báo trên", "2023-12", "month"),
    ("date 2025-12-27 (TTXVN) -", "2025-12-27", "date"),
    ("Trường đạt danh hiệu tiên tiến 2 năm liền (2018 và 2019).", "2019", "year"),
    ("Ba lần đạt giải (2011, 2014 và 2016) của huyện Mỹ Sơn.", "2011", "year"),
])
def test_each_pattern_resolves(text, value, kind):
    assert (value, kind) in dates(text)


def test_period_years_are_not_reported_again():
    got = dates("Trong giai đoạn 2016-2020, xã Hòa Bình đạt nhiều thành tích.")
    assert got == [("2016/2020", "period")]


def test_two_years_after_one_award():
    got = dates("Trường Tiểu học Ea Kar 2 lần được tặng Cờ thi đua của UBND tỉnh năm 2015 và năm 2018.")
    assert [v for v, _ in got] == ["2015", "2018"]


def test_a_list_of_years():
    assert [v for v, _ in dates("Các năm 2019, 2020 và 2021 đơn vị đều hoàn thành nhiệm vụ.")] == \
        ["2019", "2020", "2021"]


@pytest.mark.parametrize("text", [
    "Áp dụng hệ thống quản lý chất lượng theo tiêu chuẩn ISO 9001: 2015.",
    "Hoàn thành 17/17 chỉ tiêu, xếp thứ 05/9 huyện, đứng thứ 64/190 quốc gia.",
    "Chỉ số đạt 81,25 điểm.",
    "Thực hiện Công văn số 1877/UBND-KT của UBND huyện.",
    "Đại hội Đảng bộ huyện lần thứ XXI.",
    "Trong 10 năm qua, huyện đã xây dựng 35 trường học.",
    "Nghị định 45/2021/NĐ-CP hướng dẫn thi hành.",
])
def test_numbers_that_are_not_dates(text):
    assert dates(text) == []


def test_implausible_periods_are_kept_as_printed_and_flagged():
    ctx = DocContext(norm=normalize_text("Chương trình giai đoạn 2021-2521 và kế hoạch 2026-2024."),
                     doc_date="2021-05-01")
    got = {d.value: d.implausible for d in find_dates(ctx)}
    assert got["2021/2521"] is True and got["2026/2024"] is True


def test_values_are_emitted_once_with_the_first_span():
    text = "Chiều 5/9, hội nghị khai mạc. Hội nghị ngày 5/9/2023 bàn về cải cách."
    found = [d for d in find_dates(DocContext(norm=normalize_text(text), doc_date="2023-09-05"))]
    assert [d.value for d in found] == ["2023-09-05"]
    assert found[0].span == (0, 9)


def test_day_month_without_document_year_takes_the_year_of_the_documents_date():
    # no document date and no full date in the text: a bare "chiều 5/9" cannot be resolved
    assert dates("Chiều 5/9, hội nghị khai mạc.", doc_date=None) == []


def test_without_a_document_date_a_day_takes_the_year_of_the_latest_full_date_stated():
    text = ("Ngày 03/5, UBND tỉnh ban hành kế hoạch kỷ niệm 70 năm Ngày truyền thống (11/6/1952-11/6/2022), "
            "thực hiện Quyết định ngày 14/3/2021.")
    assert ("2022-05-03", "date") in dates(text, doc_date=None)


def test_days_of_one_month_that_do_not_follow_each_other_are_two_dates():
    got = dates("Các buổi tập huấn diễn ra ngày 5 và 12/9 tại hội trường huyện.")
    assert ("2023-09-05", "date") in got and ("2023-09-12", "date") in got


@pytest.mark.parametrize("text", [
    "Tỷ lệ hoàn thành (3/4) chỉ tiêu đề ra.",
    "Ngày 5-10-2025, hội nghị khai mạc.",
    "năm học 2011-12 của trường",
])
def test_day_month_forms_that_are_something_else(text):
    assert all(kind != "date" or value == "2025-10-05" for value, kind in dates(text))


def test_page_clock_is_not_a_date():
    assert dates("Thứ tư, 13/09/2023, 10:12 [GMT+7]\n\nTiêu đề bài viết") == []


def test_parse_date():
    assert parse_date("Hà Lâm, ngày 05 tháng 3 năm 2024") == "2024-03-05"
    assert parse_date("ngày 31/2/2024") is None


def test_spans_index_the_source_text_after_normalization():
    # decomposed accents and a non-breaking space: the text field is the printed source
    source = "Ngày 1 tha\u0301ng 6 na\u0306m 2024\u00a0hội nghị"
    ctx = DocContext(norm=normalize_text(source))
    d = find_dates(ctx)[0]
    assert d.value == "2024-06-01" and d.text == source[:len(d.text)]


def test_quarter_is_a_period_of_months():
    assert ("2025-04/2025-06", "period") in dates("Tổ chức Đại hội trong quý II năm 2025.")
    assert ("2024-07/2024-09", "period") in dates("hoàn thành trước quý 3/2024")


def test_a_time_suffix_does_not_swallow_the_next_line():
    got = dates("Thứ năm, 01/09/2022 - 09:30'\nChiều 31/8, Học viện tổ chức hội nghị.", doc_date="2022-09-01")
    assert [v for v, _ in got] == ["2022-09-01", "2022-08-31"]


def test_two_days_of_one_month():
    assert ("2025-10-14/2025-10-15", "period") in dates("Đại hội diễn ra trong các ngày 14-15/10/2025.")


@pytest.mark.parametrize("text,value", [
    ("Từ tháng 3 đến tháng 5/2024, đoàn kiểm tra làm việc tại 12 xã.", "2024-03/2024-05"),
    ("Đợt cao điểm kéo dài tháng 10 - tháng 12 năm 2022.", "2022-10/2022-12"),
    ("Chương trình chạy từ tháng 11/2022 đến tháng 2/2023.", "2022-11/2023-02"),
    ("Năm học kéo dài từ tháng 9 đến tháng 5/2023.", "2022-09/2023-05"),
])
def test_month_periods(text, value):
    assert dates(text)[0] == (value, "period")


def test_day_and_month_joined_by_a_dot_after_a_word_of_the_day():
    assert dates("Tối 2.9, lễ hội pháo hoa diễn ra tại bờ sông.") == [("2023-09-02", "date")]
    assert dates("Doanh thu tăng 26.9% so với cùng kỳ.") == []


def test_day_month_comma_year():
    assert dates("Cập nhật: 7 tháng 4, 2022") == [("2022-04-07", "date")]


# --- page date stamps: the one parser extractors/ reads page dates with ---------------------

@pytest.mark.parametrize("text,expected", [
    ("16/06/2020 18:33", ("2020-06-16", "2020-06-16T18:33")),
    ("6:33 PM, 16/06/2020", ("2020-06-16", "2020-06-16T18:33")),
    ("Thứ hai, 20/05/2024 - 13:50'", ("2024-05-20", "2024-05-20T13:50")),
    ("Thứ Bảy, 07/03/2026 08:01 (GMT+7)", ("2026-03-07", "2026-03-07T08:01")),
    ("07-03-2026 - 00:01 AM", ("2026-03-07", "2026-03-07T00:01")),       # 12-hour clock, 00 after midnight
    ("07-03-2026 - 09:40 PM", ("2026-03-07", "2026-03-07T21:40")),
    ("Nguyên Minh - 07/03/2026 08:47", ("2026-03-07", "2026-03-07T08:47")),
    ("Cập nhật lúc 08:05 ngày 07/03/2026", ("2026-03-07", "2026-03-07T08:05")),   # the nearest clock time
    ("Thứ Bảy, 07/03/2026 (GMT+07:00)", ("2026-03-07", None)),           # an offset is not a clock time
    ("Thứ Bảy, ngày 07 tháng 03 năm 2026 | 06/03/2026 10:20", ("2026-03-06", "2026-03-06T10:20")),
    ("Ngày đăng:05/09/2023", ("2023-09-05", None)),
    ("2024-05-20T13:50:00+07:00", ("2024-05-20", "2024-05-20T13:50")),
    ("2026-03-07T08:52:11.000 +07:00", ("2026-03-07", "2026-03-07T08:52")),   # space before the offset
    ("2026-03-06T17:05:00Z", ("2026-03-07", "2026-03-07T00:05")),             # UTC to Vietnam time
    ("2021-11-02T01:15:00Z", ("2021-11-02", "2021-11-02T08:15")),
    ("2020-06-16T08:00:00-05:00", ("2020-06-16", "2020-06-16T20:00")),
    ("2026-03-07T00:01:00", ("2026-03-07", "2026-03-07T00:01")),              # no offset: the page's time
    ("Hà Nội, ngày 28 tháng 7 năm 2021", ("2021-07-28", None)),
    ("Đăng ngày: 14 tháng 10, 2025", ("2025-10-14", None)),
    ("Cập nhật: 05-09-2023", ("2023-09-05", None)),
    ("Thời sự - Ngày đăng : 07:45, 03/02/2022", ("2022-02-03", "2022-02-03T07:45")),
    ("19:02:40 , 11/05/2016", ("2016-05-11", "2016-05-11T19:02")),
    ("8:15 SA, 02/04/2019", ("2019-04-02", "2019-04-02T08:15")),
    ("3:20 p.m., 02/04/2019", ("2019-04-02", "2019-04-02T15:20")),
    ("31/02/2020", None),
    ("Kỷ niệm 74 năm", None),
    ("12/10/1890", None),
])
def test_parse_page_date(text, expected):
    assert parse_page_date(text) == expected


@pytest.mark.parametrize("line,ok", [
    ("Thứ năm, 03/02/2022 - 07:45'", True), ("Thời sự - Ngày đăng : 07:45, 03/02/2022", True),
    ("11-5-2016 |", True), ("19:02:40 , 11/05/2016", True), ("14/03/2023 - 10:02 | Lượt xem: 318", True),
    ("Ngày 11/5/2016, Sở Nội vụ tổ chức hội nghị", False), ("Kỷ niệm ngày 20/11 tại trường", False),
    # a stamp beside a few words: a label, a byline, brackets
    ("Posted on 2013-05-10", True), ("(07/03/2026)", True), ("Trần Văn Bình - 12/3/2012 11:02", True),
    ("Hội nghị tổng kết ngày 12/3/2024", False),
])
def test_page_date_lines(line, ok):
    assert is_date_line(line) is ok


@pytest.mark.parametrize("lead,expected", [
    ("(TTXVN) - Chiều 5/12, tại kỳ họp thứ 9, HĐND tỉnh ...", LeadDay(5, 12, False)),
    ("Sáng nay 14/3, Sở Nội vụ tổ chức hội nghị", LeadDay(14, 3, True)),
    ("Hôm nay (20-11), nhà trường kỷ niệm", None),
    ("Ngày 8-3, Hội Liên hiệp Phụ nữ huyện tổ chức", LeadDay(8, 3, False)),
    ("Ngày 23/12/2016, Hội đồng họp", None),
    ("Năm 2019, toàn tỉnh có 71 tập thể", None),
])
def test_lead_day(lead, expected):
    assert lead_day(lead) == expected


def test_a_day_without_year_in_an_undated_text_takes_the_first_year_of_the_term_it_names():
    got = dates("Sáng 14/9, tại kỳ họp thứ 5 HĐND tỉnh khóa XVI, nhiệm kỳ 2021-2026, tỉnh trao Bằng khen.", None)
    assert [v for v, _ in got] == ["2021-09-14", "2021/2026"]
    got = dates("Sáng 14/9, tỉnh triển khai kế hoạch giai đoạn 2026-2030.", None)
    assert [v for v, _ in got] == ["2026/2030"]       # a target period does not date the text


def test_a_day_without_year_is_not_before_the_document_the_text_cites():
    text = ("Ngày 3/5, Ban Thường vụ Huyện ủy ban hành Chỉ thị. Thực hiện Kết luận số 21-KL/HU ngày 20/7/2019 của "
            "Ban Thường vụ, các cấp ủy đã triển khai.")
    assert ("2020-05-03", "date") in dates(text, doc_date=None)


def test_a_day_without_year_after_a_deadline_keeps_its_year():
    text = "Ngày 3/5, huyện tổ chức hội nghị; các xã hoàn thành trước ngày 20/7/2019."
    assert ("2019-05-03", "date") in dates(text, doc_date=None)


def test_a_page_stamp_of_year_and_month_dates_the_days_up_to_it():
    assert ("2022-11-28", "date") in dates("date 2022-11 Ngày 28-11, tỉnh tổ chức hội nghị.", doc_date=None)
    assert ("2021-12-30", "date") in dates("date 2022-01 Ngày 30-12, tỉnh tổ chức hội nghị.", doc_date=None)


def test_until_the_end_of_a_day_and_a_lunar_new_year():
    got = dates("treo cờ từ ngày 01/02/2016 đến hết ngày 04/02/2016 chào mừng Tết Nguyên đán Bính Thân 2016.")
    assert ("2016-02-01/2016-02-04", "period") in got and ("2016", "year") in got


def test_day_month_slash_year_and_a_list_of_months():
    got = dates("Ngày 28 tháng 11/2021 Ban Thường vụ Huyện ủy ban hành chỉ thị. Trong tháng 3 và tháng 4-2022 các "
                "xã tổ chức đại hội.")
    assert ("2021-11-28", "date") in got
    assert ("2022-03", "month") in got and ("2022-04", "month") in got


def test_a_day_without_year_takes_the_year_of_full_dates_found_after_a_list_of_days():
    text = ("date 2021-03\nÔng A được điều động từ ngày 1-4-2021 và bổ nhiệm từ ngày 1-6-2021. Vì sao không bổ "
            "nhiệm từ ngày 1-4? Hai ngày 10 và 11/3 huyện họp.")
    got = dates(text, doc_date=None)
    assert ("2021-04-01", "date") in got and ("2020-04-01", "date") not in got


def test_a_period_of_school_years_is_one_period():
    got = dates("Từ năm học 2016-2017 đến hết năm học 2020-2021, tỷ lệ học sinh giỏi của trường tăng đều.")
    assert got == [("2016/2021", "period")]


def test_two_months_sharing_one_year_without_the_second_month_word():
    assert dates("Sơ kết đợt thi đua tháng 5 và 6/2019 của Sở Xây dựng.") == [("2019-05", "month"), ("2019-06", "month")]
    assert dates("Kết quả giải ngân tháng 8, 9/2021 đạt kế hoạch.") == [("2021-08", "month"), ("2021-09", "month")]


def test_the_first_and_second_half_of_a_year():
    assert dates("Báo cáo kết quả 6 tháng đầu năm 2022 của huyện.") == [("2022-01/2022-06", "period")]
    assert dates("Nhiệm vụ 6 tháng cuối năm 2022 được thống nhất.") == [("2022-07/2022-12", "period")]


def test_one_year_in_brackets_after_a_law():
    assert dates("Căn cứ Luật Báo chí (2016) và Luật Tiếp cận thông tin (2018, 2019);") == \
        [("2016", "year"), ("2018", "year"), ("2019", "year")]


def test_a_short_period_whose_end_is_written_in_words():
    assert dates("Đại hội diễn ra từ ngày 21 đến ngày 23 tháng 9 năm 2020 tại hội trường tỉnh.") == \
        [("2020-09-21/2020-09-23", "period")]


def test_a_short_period_with_both_ends_in_words_up_to_the_end_of_a_day():
    assert dates("Từ ngày 3 tháng 02 đến hết ngày 9 tháng 02 năm 2019, Phó Chủ tịch điều hành công việc.") == \
        [("2019-02-03/2019-02-09", "period")]


def test_a_day_without_its_year_in_a_history_counted_from_a_founding_date():
    text = ("Ngày 8-11, Bộ Chỉ huy Quân sự tỉnh Lai Châu tổ chức lễ kỷ niệm. Bộ Chỉ huy được thành lập ngày "
            "10-10-1947. Trong 70 năm qua, đơn vị đã lập nhiều thành tích.")
    assert ("2017-11-08", "date") in dates(text, doc_date=None)
    assert ("1947-11-08", "date") not in dates(text, doc_date=None)


def test_sn_before_a_year_is_a_year_of_birth():
    got = dates("Ông Trần Văn Bình (SN 1966), Giám đốc Sở Xây dựng; bà Lê Thị Hoa (SN: 1971), hồ sơ SNV 2020.")
    assert [v for v, _ in got] == ["1966", "1971"]
