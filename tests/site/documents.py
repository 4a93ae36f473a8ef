"""PDF and DOCX versions of the test site's plan (content/ke-hoach.txt), built on first use."""
from __future__ import annotations

import functools
import io
import os

CONTENT = os.path.join(os.path.dirname(__file__), "content")
FONT_CANDIDATES = ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                   "/usr/share/fonts/dejavu/DejaVuSans.ttf", "/Library/Fonts/DejaVuSans.ttf")


def plan_text() -> str:
    with open(os.path.join(CONTENT, "ke-hoach.txt"), encoding="utf-8") as f:
        return f.read()


def _font_path() -> str:
    import reportlab
    for p in (*FONT_CANDIDATES, os.path.join(os.path.dirname(reportlab.__file__), "fonts", "DejaVuSans.ttf")):
        if os.path.exists(p):
            return p
    raise FileNotFoundError("DejaVuSans.ttf not found (apt install fonts-dejavu-core)")


def text_pdf(title: str, paragraphs: list[str], gap: int = 0) -> bytes:
    """A text-layer PDF of `paragraphs` in DejaVu Sans (Vietnamese glyphs), byte-stable across runs."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(TTFont("DejaVuSans", _font_path()))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1)
    c.setTitle(title)
    c.setAuthor("")
    c.setCreator("")
    c.setSubject("")
    width, height = A4
    y = height - 60
    for para in paragraphs:
        for part in simpleSplit(para, "DejaVuSans", 11, width - 120) or [""]:
            if y < 60:
                c.showPage()
                y = height - 60
            c.setFont("DejaVuSans", 11)
            c.drawString(60, y, part)
            y -= 16
        y -= gap
    c.save()
    return buf.getvalue()


def text_docx(title: str, paragraphs: list[str]) -> bytes:
    import docx
    d = docx.Document()
    d.core_properties.title = title
    for para in paragraphs:
        d.add_paragraph(para)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


@functools.cache
def plan_pdf() -> bytes:
    pdf = text_pdf("Kế hoạch 45/KH-UBND", plan_text().splitlines())
    # invariant=1 stamps 2000-01-01; give the plan its own signing date (same length, offsets hold)
    return pdf.replace(b"D:20000101000000+00'00'", b"D:20250220080000+07'00'")


@functools.cache
def plan_docx() -> bytes:
    return text_docx("Kế hoạch 45/KH-UBND", plan_text().splitlines())
