#!/usr/bin/env python3
"""Write the binary demo documents of samples/ (.docx, .pdf) from the texts in samples/src/.

The sources are named *.txt.in so that ingesting samples/ does not read them as documents.

Each source is an administrative document in the Decree 30/2020 layout, as plain text:
issuer block, national motto block, "Số: ...", date line, type line, abstract, body,
"Nơi nhận:" list and signer block. The output mimics how such documents are typeset
(two-column header and footer tables) and is byte-identical across runs: fixed metadata,
fixed zip timestamps, reportlab's invariant mode.

usage: python samples/make_binary_samples.py [--out DIR]
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import re
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE / "src"
FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
AUTHOR = "vnarchive samples"
# Which source becomes which format.
DOCX_SOURCES = ("13_hue_snv_ke_hoach_hoi_nghi.txt.in",)
PDF_SOURCES = ("14_tayninh_qd_tang_co_thi_dua.txt.in",)
FONT_CANDIDATES = (
    ("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
     "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf"),
    ("/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf"),
    ("/Library/Fonts/Arial Unicode.ttf", "/Library/Fonts/Arial Unicode.ttf"),
    ("C:/Windows/Fonts/arial.ttf", "C:/Windows/Fonts/arialbd.ttf"),
)


@dataclass
class AdminDoc:
    """The parts of an administrative document as laid out on paper."""

    issuer: list[str]
    motto: list[str]
    number: str
    subject: str | None  # "V/v ..." of an official letter
    date_line: str
    doc_type: str
    abstract: list[str]
    body: list[str]
    recipients: list[str]
    signer: list[str]


def _blocks(text: str) -> list[list[str]]:
    blocks, cur = [], []
    for line in text.splitlines():
        if line.strip():
            cur.append(line.strip())
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def parse_source(text: str) -> AdminDoc:
    """Split a source text into layout parts (the format of samples/src/*.txt.in)."""
    blocks = _blocks(text)
    issuer = [x for x in blocks[0] if not set(x) <= {"-"}]
    motto = [x for x in blocks[1] if not set(x) <= {"-"}]
    i = 2
    number_block = blocks[i]
    number = number_block[0]
    subject = number_block[1] if len(number_block) > 1 else None
    date_line = blocks[i + 1][0]
    doc_type = blocks[i + 2][0]
    abstract = blocks[i + 3]
    rest = blocks[i + 4:]
    recv_at = next(k for k, b in enumerate(rest) if b[0].startswith("Nơi nhận"))
    body = [line for b in rest[:recv_at] for line in (b if len(b) == 1 else [" ".join(b)])]
    recipients = rest[recv_at]
    signer = [line for b in rest[recv_at + 1:] for line in b]
    return AdminDoc(issuer, motto, number, subject, date_line, doc_type, abstract, body, recipients, signer)


# ---------------------------------------------------------------- docx

def _fixed_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so equal content gives equal bytes."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            zout.writestr(fixed, zin.read(info.filename))
    return out.getvalue()


def write_docx(doc: AdminDoc, path: Path) -> None:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    d = Document()
    style = d.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)

    def cell_lines(cell, lines, bold=False, italic=False):
        cell.paragraphs[0].text = ""
        for k, line in enumerate(lines):
            p = cell.paragraphs[0] if k == 0 else cell.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(line)
            run.bold, run.italic = bold, italic

    header = d.add_table(rows=2, cols=2)
    cell_lines(header.cell(0, 0), doc.issuer, bold=True)
    cell_lines(header.cell(0, 1), doc.motto, bold=True)
    cell_lines(header.cell(1, 0), [doc.number] + ([doc.subject] if doc.subject else []))
    cell_lines(header.cell(1, 1), [doc.date_line], italic=True)

    for text, bold in ((doc.doc_type, True), (" ".join(doc.abstract), True)):
        p = d.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.add_run(text).bold = bold
    for line in doc.body:
        p = d.add_paragraph(line)
        p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    footer = d.add_table(rows=1, cols=2)
    left = footer.cell(0, 0)
    left.paragraphs[0].add_run(doc.recipients[0]).bold = True
    for line in doc.recipients[1:]:
        left.add_paragraph(line)
    cell_lines(footer.cell(0, 1), doc.signer, bold=True)

    props = d.core_properties
    props.author = props.last_modified_by = AUTHOR
    props.title = f"{doc.doc_type.capitalize()} {' '.join(doc.abstract)}"
    props.created = props.modified = props.last_printed = signing_date(doc) or FIXED_TIME
    props.revision = 1
    buf = io.BytesIO()
    d.save(buf)
    path.write_bytes(_fixed_zip(buf.getvalue()))


# ---------------------------------------------------------------- pdf

def _register_font() -> tuple[str, str]:
    """A TTF with Vietnamese glyphs if the machine has one, else Helvetica (with a warning)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for regular, bold in FONT_CANDIDATES:
        if Path(regular).exists() and Path(bold).exists():
            pdfmetrics.registerFont(TTFont("VNSans", regular))
            pdfmetrics.registerFont(TTFont("VNSans-Bold", bold))
            return "VNSans", "VNSans-Bold"
    print("make_binary_samples: no TTF font with Vietnamese glyphs found; "
          "the PDF uses Helvetica and will lose diacritics", file=sys.stderr)
    return "Helvetica", "Helvetica-Bold"


def signing_date(doc: AdminDoc) -> dt.datetime | None:
    """The date of the date line ("Huế, ngày 05 tháng 5 năm 2025")."""
    m = re.search(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", doc.date_line)
    return dt.datetime(int(m[3]), int(m[2]), int(m[1])) if m else None


def write_pdf(doc: AdminDoc, path: Path) -> None:
    from reportlab import rl_config
    from reportlab.pdfgen.canvas import Canvas
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    rl_config.invariant = 1  # fixed creation date and document id
    regular, bold = _register_font()
    base = ParagraphStyle("base", fontName=regular, fontSize=11.5, leading=15, alignment=TA_JUSTIFY,
                          spaceAfter=5, firstLineIndent=8 * mm)
    center = ParagraphStyle("center", parent=base, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=0)
    center_b = ParagraphStyle("center_b", parent=center, fontName=bold)
    small = ParagraphStyle("small", parent=base, fontSize=10, leading=12, firstLineIndent=0, spaceAfter=0)

    def lines(items, style):
        return [Paragraph(x, style) for x in items]

    header = Table([[lines(doc.issuer, center_b), lines(doc.motto, center_b)],
                    [lines([doc.number] + ([doc.subject] if doc.subject else []), center),
                     lines([doc.date_line], center)]],
                   colWidths=[70 * mm, 100 * mm])
    header.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    footer = Table([[lines(doc.recipients, small), lines(doc.signer, center_b)]], colWidths=[85 * mm, 85 * mm])
    footer.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))

    story = [header, Spacer(1, 8 * mm), Paragraph(doc.doc_type, center_b)]
    story += lines(doc.abstract, center_b)
    story.append(Spacer(1, 5 * mm))
    story += lines(doc.body, base)
    story += [Spacer(1, 6 * mm), footer]

    signed = signing_date(doc) or FIXED_TIME
    stamp = signed.strftime("D:%Y%m%d%H%M%S+07'00'")

    class DatedCanvas(Canvas):
        """Metadata dates are the signing date, not reportlab's invariant 2000-01-01."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self._doc.setDateFormatter(lambda *_: stamp)

    title = f"{doc.doc_type.capitalize()} {' '.join(doc.abstract)}"
    SimpleDocTemplate(str(path), pagesize=A4, leftMargin=25 * mm, rightMargin=18 * mm,
                      topMargin=18 * mm, bottomMargin=18 * mm, title=title, author=AUTHOR,
                      creator=AUTHOR, producer=AUTHOR, subject=doc.number).build(story, canvasmaker=DatedCanvas)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: samples/)")
    args = ap.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for name in DOCX_SOURCES:
        target = args.out / (name.split(".")[0] + ".docx")
        write_docx(parse_source((SRC / name).read_text(encoding="utf-8")), target)
        print(target)
    for name in PDF_SOURCES:
        target = args.out / (name.split(".")[0] + ".pdf")
        write_pdf(parse_source((SRC / name).read_text(encoding="utf-8")), target)
        print(target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
