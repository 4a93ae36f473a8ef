"""DOCX extraction on documents made here with python-docx, and hostile zips."""
from __future__ import annotations

import io
import zipfile

import docx
import pytest

from extractors.read import read_raw
from extractors.types import ExtractionError, RawItem


def make_docx(title: str | None = "Kế hoạch thi đua năm 2024") -> bytes:
    d = docx.Document()
    if title:
        d.core_properties.title = title
    d.add_paragraph("ỦY BAN NHÂN DÂN HUYỆN SƠN KHÊ")
    d.add_paragraph("Số: 12/KH-UBND")
    d.add_paragraph("KẾ HOẠCH")
    d.add_paragraph("Tổ chức phong trào thi đua “Dân vận khéo” năm 2024")
    table = d.add_table(rows=2, cols=3)
    for i, text in enumerate(["STT", "Đơn vị", "Hình thức khen thưởng"]):
        table.cell(0, i).text = text
    for i, text in enumerate(["1", "Phòng Nội vụ", "Giấy khen"]):
        table.cell(1, i).text = text
    d.add_paragraph("Nơi nhận: Như trên; Lưu: VT.")
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _read(data: bytes):
    return read_raw(RawItem(uri="/data/ke-hoach.docx", data=data))


def test_docx_paragraphs_and_tables_in_order():
    doc = _read(make_docx())
    assert doc.format == "docx" and doc.title == "Kế hoạch thi đua năm 2024"
    assert doc.text.split("\n\n") == [
        "ỦY BAN NHÂN DÂN HUYỆN SƠN KHÊ", "Số: 12/KH-UBND", "KẾ HOẠCH",
        "Tổ chức phong trào thi đua “Dân vận khéo” năm 2024",
        "STT\tĐơn vị\tHình thức khen thưởng", "1\tPhòng Nội vụ\tGiấy khen", "Nơi nhận: Như trên; Lưu: VT."]


def test_corrupt_docx():
    data = make_docx()
    with pytest.raises(ExtractionError) as e:
        _read(data[: len(data) // 3])
    assert e.value.reason == "docx_corrupt"


def test_zip_without_word_document():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ExtractionError) as e:
        _read(buf.getvalue())
    assert e.value.reason == "docx_corrupt"


def test_docx_with_broken_xml():
    src = zipfile.ZipFile(io.BytesIO(make_docx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for info in src.infolist():
            data = src.read(info.filename)
            z.writestr(info, data[:200] if info.filename == "word/document.xml" else data)
    with pytest.raises(ExtractionError) as e:
        _read(buf.getvalue())
    assert e.value.reason == "docx_corrupt"


def test_zip_bomb_rejected_before_inflating():
    """60 MB of zeros deflates to ~60 KB: refused from the zip directory alone."""
    src = zipfile.ZipFile(io.BytesIO(make_docx()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            z.writestr(info.filename, src.read(info.filename))
        with z.open("word/media/padding.bin", "w", force_zip64=True) as f:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(60):
                f.write(chunk)
    data = buf.getvalue()
    assert len(data) < 1024 * 1024
    with pytest.raises(ExtractionError) as e:
        _read(data)
    assert e.value.reason == "docx_zip_bomb"


def test_high_ratio_member_rejected():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>")
        z.writestr("word/media/a.bin", b"\0" * (8 * 1024 * 1024))
    with pytest.raises(ExtractionError) as e:
        _read(buf.getvalue())
    assert e.value.reason == "docx_zip_bomb"
