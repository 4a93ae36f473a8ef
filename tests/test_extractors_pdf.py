"""PDF extraction on PDFs made here with reportlab (DejaVu Sans for Vietnamese glyphs)."""
from __future__ import annotations

import io
import unicodedata

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from extractors.pdf import repair_text
from extractors.read import read_raw
from extractors.types import ExtractionError, RawItem

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
PAGE1 = ["ỦY BAN NHÂN DÂN TỈNH HÀ MẪU", "Số: 245/QĐ-UBND", "Hà Mẫu, ngày 15 tháng 3 năm 2024",
         "QUYẾT ĐỊNH", "Về việc tặng Cờ thi đua của Ủy ban nhân dân tỉnh"]
PAGE2 = ["Điều 1. Tặng Cờ thi đua cho Sở Nội vụ tỉnh Hà Mẫu đã hoàn thành xuất sắc", "nhiệm vụ năm 2023.",
         "Điều 2. Quyết định có hiệu lực kể từ ngày ký.", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Lê Minh Quân"]


def _scan_image():
    """A grey "scanned page" bitmap with dark bars where the text lines were."""
    from PIL import Image, ImageDraw
    from reportlab.lib.utils import ImageReader

    img = Image.new("L", (600, 800), 235)
    draw = ImageDraw.Draw(img)
    for y in range(60, 740, 28):
        draw.rectangle((50, y, 540, y + 10), fill=40)
    return ImageReader(img)


def make_pdf(pages: list[list[str]], title: str | None = None, image_only: bool = False) -> bytes:
    pdfmetrics.registerFont(TTFont("DejaVuSans", FONT))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    if title:
        c.setTitle(title)
    for lines in pages:
        if image_only:                                         # a scan: one bitmap, no text layer
            c.drawImage(_scan_image(), 0, 0, width=A4[0], height=A4[1])
        else:
            c.setFont("DejaVuSans", 12)
            y = 780
            for line in lines:
                c.drawString(60, y, line)
                y -= 20
        c.showPage()
    c.save()
    return buf.getvalue()


def _read(data: bytes):
    return read_raw(RawItem(uri="/data/quyet-dinh.pdf", data=data))


def test_vietnamese_pdf_text_and_metadata():
    doc = _read(make_pdf([PAGE1, PAGE2], title="Quyết định tặng Cờ thi đua"))
    assert doc.format == "pdf" and doc.meta["pages"] == 2
    assert doc.title == "Quyết định tặng Cờ thi đua"
    assert doc.published == "2000-01-01"          # CreationDate (reportlab invariant mode fixes it)
    assert unicodedata.is_normalized("NFC", doc.text)
    for line in PAGE1 + ["Lê Minh Quân", "Điều 2. Quyết định có hiệu lực kể từ ngày ký."]:
        assert line in doc.text, line
    # a line continuing in lower case is joined to the one before it
    assert "hoàn thành xuất sắc nhiệm vụ năm 2023." in doc.text
    assert doc.text.index("QUYẾT ĐỊNH") < doc.text.index("Điều 1.")


def test_scanned_pdf_has_no_text_layer():
    with pytest.raises(ExtractionError) as e:
        _read(make_pdf([PAGE1, PAGE2], image_only=True))
    assert e.value.reason == "pdf_no_text_layer"


def test_blank_pdf_has_no_text_layer():
    with pytest.raises(ExtractionError) as e:
        _read(make_pdf([[]]))
    assert e.value.reason == "pdf_no_text_layer"


def test_truncated_pdf():
    data = make_pdf([PAGE1, PAGE2])
    with pytest.raises(ExtractionError) as e:
        _read(data[: len(data) // 2])
    assert e.value.reason == "pdf_corrupt"


def test_garbage_after_pdf_header():
    with pytest.raises(ExtractionError) as e:
        _read(b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n")
    assert e.value.reason == "pdf_corrupt"


def test_repair_text():
    raw = ("Đoàn công tác tỉnh Bà Rịa-\nVũng Tàu và Dự án e-Govern-\nment của ngành\ngiáo dục\n\n\n\n"
           "Điều 1.   Nội dung\u00ad")
    assert repair_text(raw) == ("Đoàn công tác tỉnh Bà Rịa-Vũng Tàu và Dự án e-Government của ngành giáo dục"
                                "\n\nĐiều 1. Nội dung")
