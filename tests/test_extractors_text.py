"""Plain-text files and charset detection."""
from __future__ import annotations

import codecs
import unicodedata

import pytest

from extractors.charset import decode_bytes, encode_cp1258, http_charset, meta_charset, plausible_cp1258
from extractors.read import iter_input_files, read_raw, sniff_format
from extractors.types import ExtractionError, RawItem

SAMPLE = ("Quyết định về việc tặng Bằng khen của Chủ tịch Ủy ban nhân dân tỉnh\n"
          "cho ông Nguyễn Hữu Đạt, Trưởng phòng Tổ chức cán bộ, Sở Nội vụ,\n"
          "đã có thành tích xuất sắc trong phong trào thi đua năm 2023.\n")


def _read(data: bytes, name: str = "van-ban.txt", **kw):
    return read_raw(RawItem(uri=f"/data/{name}", data=data, **kw))


@pytest.mark.parametrize("data", [
    SAMPLE.encode("utf-8"),
    codecs.BOM_UTF8 + SAMPLE.encode("utf-8"),
    SAMPLE.encode("utf-16"),                      # with BOM
    codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"),
], ids=["utf8", "utf8-bom", "utf16", "utf16be"])
def test_unicode_text_files(data):
    doc = _read(data)
    assert doc.text == SAMPLE and doc.format == "txt" and doc.source == "van-ban.txt"


def test_utf8_text_kept_as_written():
    nfd = unicodedata.normalize("NFD", SAMPLE)
    assert _read(nfd.encode("utf-8")).text == nfd      # spans index the text as written


def test_windows_1258_text_file():
    data = encode_cp1258(SAMPLE)
    doc = _read(data)
    assert doc.meta["charset"] == "cp1258"
    assert doc.text == SAMPLE


def test_crlf_normalised():
    assert _read(SAMPLE.replace("\n", "\r\n").encode()).text == SAMPLE


def test_binary_named_txt():
    junk = bytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D]) + bytes(range(256)) * 8
    with pytest.raises(ExtractionError) as e:
        _read(junk)
    assert e.value.reason == "binary_content"


def test_invalid_utf8_no_fallback():
    data = "Báo cáo tổng kết ".encode() + b"\xc3\x28\xa0\xa1\x80\x81\xfe\xff" * 10 + "năm 2023".encode()
    with pytest.raises(ExtractionError) as e:
        _read(data)
    assert e.value.reason == "invalid_encoding"


def test_one_stray_byte_is_tolerated():
    data = (SAMPLE * 20).encode() + b"\xff" + SAMPLE.encode()
    doc = _read(data)
    assert doc.text.count("\ufffd") == 1 and doc.text.endswith(SAMPLE)


def test_charset_labels():
    assert http_charset("text/html; charset=\"Windows-1258\"") == "Windows-1258"
    assert http_charset("text/html") is None
    assert meta_charset(b'<meta http-equiv="Content-Type" content="text/html; charset=windows-1258">') == "windows-1258"
    assert meta_charset(b"<meta charset='utf-8'>") == "utf-8"


def test_http_label_wins_over_meta_when_it_decodes():
    html = "<meta charset='windows-1258'><p>Thi đua khen thưởng</p>"
    got = decode_bytes(html.encode("utf-8"), declared="utf-8", html=True)
    assert (got.encoding, got.source) == ("utf-8", "http")


def test_latin1_label_on_cp1258_bytes():
    got = decode_bytes(encode_cp1258("<p>Đảng ủy Sở Nội vụ phát động thi đua</p>"), declared="iso-8859-1", html=True)
    assert got.encoding == "cp1258" and "Đảng ủy Sở Nội vụ" in got.text


def test_plausible_cp1258_rejects_junk():
    assert plausible_cp1258(encode_cp1258(SAMPLE).decode("cp1258"))
    assert not plausible_cp1258(bytes(range(0x80, 0x100)).decode("cp1258", "replace"))


def test_sniff_and_iter(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "b.HTML").write_text("<html></html>")
    (tmp_path / "c.bin").write_bytes(b"\0")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "d.txt").write_text("x")
    assert [p.rsplit("/", 1)[1] for p in iter_input_files([str(tmp_path)])] == ["a.txt", "b.HTML"]
    assert sniff_format(RawItem(uri="x.txt", data=codecs.BOM_UTF8 + b"<!DOCTYPE html><html>")) == "html"
    assert sniff_format(RawItem(uri="https://a.vn/x", data=b"%PDF-1.7")) == "pdf"
    assert sniff_format(RawItem(uri="https://a.vn/x", data=b"<p>hi</p>", status=200)) == "html"
