"""Word (.docx) files with python-docx: paragraphs and tables in document order, title from the
core properties. The zip container is checked for bombs before anything is decompressed."""
from __future__ import annotations

import io
import unicodedata
import zipfile

from extractors.types import CleanDocument, ExtractionError, RawItem

MAX_TOTAL_BYTES = 50 * 1024 * 1024     # declared uncompressed size of all members
MAX_MEMBER_BYTES = 30 * 1024 * 1024
MAX_RATIO = 100                         # uncompressed / compressed, for members over RATIO_FLOOR
RATIO_FLOOR = 1024 * 1024
MAX_MEMBERS = 5000


def check_zip(data: bytes) -> None:
    """Raise "docx_zip_bomb" / "docx_corrupt" from the zip directory alone (nothing is inflated)."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as e:
        raise ExtractionError("docx_corrupt", f"not a readable zip container ({e})") from None
    if len(infos) > MAX_MEMBERS:
        raise ExtractionError("docx_zip_bomb", f"{len(infos)} zip members (cap {MAX_MEMBERS})")
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_MEMBER_BYTES:
            raise ExtractionError("docx_zip_bomb", f"{info.filename} inflates to {info.file_size} bytes")
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(1, info.compress_size):
            raise ExtractionError("docx_zip_bomb", f"{info.filename} has compression ratio "
                                  f"{info.file_size // max(1, info.compress_size)}:1")
    if total > MAX_TOTAL_BYTES:
        raise ExtractionError("docx_zip_bomb", f"members inflate to {total} bytes (cap {MAX_TOTAL_BYTES})")
    if "word/document.xml" not in {i.filename for i in infos}:
        raise ExtractionError("docx_corrupt", "the zip has no word/document.xml (not a Word document)")


def _capped_copy(data: bytes) -> bytes:
    """The zip rebuilt (stored) from members read at most their declared size each: zipfile's
    read() inflates a member's whole stream at once, so a directory understating a size
    (declared sizes are attacker-written) would otherwise inflate gigabytes."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            with src.open(info) as f:
                dst.writestr(info.filename, f.read(info.file_size))
    return out.getvalue()


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if not cells or text != cells[-1]:          # merged cells repeat their text
                cells.append(text)
        if any(cells):
            rows.append("\t".join(cells))
    return rows


def read_docx(item: RawItem) -> CleanDocument:
    check_zip(item.data)
    try:
        import docx
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        document = docx.Document(io.BytesIO(_capped_copy(item.data)))
        blocks: list[str] = []
        for el in document.element.body.iterchildren():
            tag = el.tag.rsplit("}", 1)[-1]
            if tag == "p":
                text = Paragraph(el, document).text.strip()
                if text:
                    blocks.append(text)
            elif tag == "tbl":
                blocks.extend(_table_rows(Table(el, document)))
        title = (document.core_properties.title or "").strip() or None
    except ExtractionError:
        raise
    except Exception as e:
        raise ExtractionError("docx_corrupt", f"python-docx cannot read the file ({type(e).__name__}: {e})") from None
    text = unicodedata.normalize("NFC", "\n\n".join(blocks))
    return CleanDocument(source=item.uri, uri=item.uri, text=text, format="docx", title=title)
