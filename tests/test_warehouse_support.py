"""Builders of invented Vietnamese documents for the warehouse tests (imported by the other
test_warehouse_* files), and tests of the pure key/abbreviation functions."""
from __future__ import annotations

from extractors.types import CleanDocument, RawItem
from nlp.records import (Award, DateMention, DocumentFields, Extraction, LegalRef, Movement, Person, Position,
                         Unit)
from warehouse.abbrev import acronym_parts, expand, matches_acronym
from warehouse.keys import date_part, fold_ascii, fold_ascii_map, name_key, number_key
from warehouse.load import LoadItem

CUC_FULL = "Cục Kiểm soát thủ tục hành chính"
CUC_SHORT = "Cục Kiểm soát TTHC"
VPCP = "Văn phòng Chính phủ"


def span_of(text: str, phrase: str) -> tuple[int, int]:
    i = text.index(phrase)
    return (i, i + len(phrase))


def news_item(uri: str, *, person: str = "Trần Minh Khôi", title: str = "Cục trưởng", unit: str = CUC_FULL,
              alias: str | None = CUC_SHORT, parent: str | None = VPCP, published: str = "2022-05-12",
              extra: str = "", canonical_url: str | None = None, award_year: int = 2021,
              doc_number: str | None = None, cites: str | None = None) -> LoadItem:
    """An invented news article: one person holding an office in a unit that received a Cờ thi đua."""
    unit_in_text = alias or unit
    text = (f"Ngày 12/5/2022, {unit} tổ chức hội nghị phát động phong trào thi đua \"Đổi mới sáng tạo\". "
            f"Ông {person}, {title} {unit_in_text}, cho biết năm {award_year} {unit_in_text} được tặng "
            f"Cờ thi đua của Chính phủ. {extra}")
    if cites:
        text += f" Thực hiện Kế hoạch số {cites} của Ủy ban nhân dân tỉnh."
    x = Extraction(
        source=uri, text=text,
        document=DocumentFields(title=f"Hội nghị thi đua tại {unit_in_text}", published=published,
                                doc_number=doc_number, kind="plan" if doc_number else "news",
                                doc_type="Kế hoạch" if doc_number else None),
        people=[Person(person, [Position(title, unit_in_text, span=span_of(text, f"{title} {unit_in_text}"))],
                       [span_of(text, person)])],
        units=[Unit(unit, [alias] if alias else [], parent=parent, kind=unit.split()[0],
                    spans=[span_of(text, unit)])],
        awards=[Award("Cờ thi đua", grantor="Chính phủ", recipient=unit_in_text, year=award_year,
                      category="title", recipient_kind="collective", span=span_of(text, "Cờ thi đua"))],
        dates=[DateMention("12/5/2022", "2022-05-12", span=span_of(text, "12/5/2022"))],
        legal_refs=[LegalRef(cites, "Kế hoạch", span=span_of(text, cites))] if cites else [],
        movements=[Movement("Đổi mới sáng tạo", span_of(text, "Đổi mới sáng tạo"))],
    )
    raw = RawItem(uri=uri, data=text.encode("utf-8"), content_type="text/plain; charset=utf-8",
                  fetched_at="2026-01-02T03:04:05Z", canonical_url=canonical_url)
    doc = CleanDocument(source=uri.rsplit("/", 1)[-1], uri=uri, text=text, format="txt", sha256=raw.sha256)
    return LoadItem(raw=raw, doc=doc, extraction=x)


def broken_item(uri: str, data: bytes = b"%PDF-1.4 broken", reason: str = "pdf_corrupt") -> LoadItem:
    return LoadItem(raw=RawItem(uri=uri, data=data), error_reason=reason,
                    error_message="the PDF cannot be parsed", stage="extract")


# ---- pure functions -------------------------------------------------------------------------

def test_name_key_folds_case_tone_placement_and_unicode_form():
    import unicodedata
    assert name_key("Ủy ban nhân dân") == name_key("UỶ BAN NHÂN DÂN") == name_key(unicodedata.normalize(
        "NFD", "Uỷ ban nhân dân"))
    assert name_key("Hoà Bình") == name_key("Hòa Bình")
    assert name_key("kiểm soát") == "kiểm soát"      # "oá" inside a syllable is left alone
    assert name_key("  Sở  Nội vụ. ") == "sở nội vụ"


def test_fold_ascii_drops_marks_and_folds_d_with_stroke():
    assert fold_ascii("Đẩy mạnh thi đua") == "Day manh thi dua"
    folded, offs = fold_ascii_map("Thi đua")
    assert folded == "Thi dua" and offs == list(range(7))


def test_number_key_and_date_part():
    assert number_key("19/KH-UBND") == number_key(" 19/kh-ubnd ") == "19/KH-UBND"
    assert number_key("1146/SKHCN-QLKHCN") == "1146/SKHCN-QLKHCN"
    assert date_part("2021-07-28T08:00:00+07:00") == "2021-07-28" and date_part("28/7/2021") is None


def test_abbreviations_expand_inside_names():
    assert expand(name_key(CUC_SHORT)) == name_key(CUC_FULL)
    assert expand(name_key("VPCP")) == name_key(VPCP)
    assert expand(name_key("UBND tỉnh Hà Giang")) == "ủy ban nhân dân tỉnh hà giang"


def test_acronym_spells_initials():
    parts = acronym_parts("Cục KSTTHC")
    assert parts == ("cục", "KSTTHC", "")
    assert matches_acronym(name_key(CUC_FULL), *parts)
    assert not matches_acronym(name_key("Cục Quản lý thị trường"), *parts)
