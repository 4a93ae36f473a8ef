"""Hostile input through read_raw and extract: only ExtractionError escapes read_raw, extract
never crashes, nothing hangs (a deadline per case), spans stay inside the source text.

Fuzzed (hypothesis, derandomized) and hand-made: random bytes, truncated and bit-flipped PDF,
DOCX and HTML, deep nesting, oversized pages, zip bombs (also one whose directory lies), XML
entity bombs and external entities, invalid UTF-8, mixed NFC/NFD text."""
from __future__ import annotations

import time
import tracemalloc
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from extractors.read import read_raw
from extractors.types import CleanDocument, ExtractionError, RawItem
from nlp.normalize import norm_key
from nlp.pipeline import extract
from tests.hostile import inputs as H
from tests.hostile.harness import count, deadline, hostile_summary  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("hostile_summary")

CASE_SECONDS = 15          # read + extract of one hostile input (the slowest legit case is ~1 s)
FUZZ = settings(max_examples=150, deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
# catch-all reasons read_raw gives when a parser raised something unexpected (a parser bug)
BUG_REASONS = {"html_corrupt", "parse_error", "txt_too_deep"}


def spans_of(x) -> list[tuple[str, tuple[int, int] | None]]:
    out = [(p.name, s) for p in x.people for s in p.spans]
    out += [(f"position {q.title}", q.span) for p in x.people for q in p.positions]
    out += [(u.name, s) for u in x.units for s in u.spans]
    for kind in (x.awards, x.dates, x.legal_refs, x.movements):
        out += [(type(r).__name__, r.span) for r in kind]
    if x.document.signer is not None:
        out.append(("signer", x.document.signer.span))
    return out


def check_extraction(doc: CleanDocument, x) -> None:
    """Every span indexes doc.text; every person span reads as the person's name."""
    n = len(doc.text)
    for what, span in spans_of(x):
        if span is None:
            continue
        a, b = span
        assert 0 <= a <= b <= n, f"{what}: span {span} outside the text ({n} chars)"
    for p in x.people:
        for a, b in p.spans:
            assert norm_key(doc.text[a:b]) == norm_key(p.name), (p.name, doc.text[a:b])


def run_case(item: RawItem, kind: str, seconds: float = CASE_SECONDS) -> CleanDocument | ExtractionError:
    """read_raw (+ extract when it gives a document) under a deadline; the outcome."""
    count(kind)
    with deadline(seconds, f"{kind} ({item.uri})"):
        try:
            doc = read_raw(item)
        except ExtractionError as e:
            assert e.reason and e.message
            return e
        assert doc.text.strip()
        x = extract(doc)
        check_extraction(doc, x)
        return doc


def reason(outcome) -> str:
    return outcome.reason if isinstance(outcome, ExtractionError) else "document"


# -- fuzzed --------------------------------------------------------------------------------------------
VALID = H.valid_documents()
NAMES = {"bai.txt": ["a.txt", "a.html", "noext"], "bai.html": ["a.html", "https://dong-lam.example.vn/a.htm", "a.txt"],
         "bai.pdf": ["a.pdf", "a.html", "noext"], "bai.docx": ["a.docx", "a.pdf", "noext"]}


@FUZZ
@given(fmt=st.sampled_from(sorted(VALID)), data=st.data(),
       flips=st.lists(st.tuples(st.integers(min_value=0, max_value=10**7), st.integers(0, 255)), max_size=12),
       cut=st.none() | st.integers(min_value=0, max_value=10**7), junk=st.binary(max_size=64))
def test_mangled_documents_give_a_document_or_a_reason(fmt, data, flips, cut, junk):
    name = data.draw(st.sampled_from(NAMES[fmt]), label="name")
    item = RawItem(uri=name, data=H.mutate(VALID[fmt], flips, cut, junk),
                   status=200 if name.startswith("http") else None)
    out = run_case(item, f"fuzz: mangled {fmt}")
    assert reason(out) not in BUG_REASONS, out


@FUZZ
@given(head=st.sampled_from([b"", b"%PDF-1.4\n", b"PK\x03\x04", b"<html><body><p>", b"\xef\xbb\xbf", b"\xfe\xff",
                             b"<?xml version='1.0'?>", b"\x1f\x8b"]),
       body=st.binary(max_size=4000),
       ctype=st.sampled_from([None, "text/html; charset=windows-1258", "application/pdf", "text/plain; charset=bogus",
                              "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                              "application/xml"]))
def test_random_bytes_give_a_document_or_a_reason(head, body, ctype):
    out = run_case(RawItem(uri="https://dong-lam.example.vn/x", data=head + body, content_type=ctype, status=200),
                   "fuzz: random bytes")
    assert reason(out) not in BUG_REASONS, out


# text made of the pieces recognizers look for, glued at random: titles, units, names, numbers,
# dates, quotes, brackets, punctuation runs, lone combining marks, control and zero-width chars
PIECES = ["Ông ", "Bà ", "đồng chí ", "Nguyễn Văn ", "Trần Thị ", "Hà ", "Lâm", "Giám đốc ", "Phó Chủ tịch ",
          "nguyên ", "Sở Nội vụ ", "UBND ", "tỉnh Đông Lâm", "huyện ", "Ban Thi đua - Khen thưởng ", "Huân chương ",
          "Lao động ", "hạng Nhì", "Bằng khen ", "Cờ thi đua ", "năm 2023", "ngày 5/2/2024", "tháng 13 năm 0000",
          "số 12/QĐ-UBND", "/KH-", "Kế hoạch ", "Quyết định số ", "phong trào thi đua “", "”", '"', "(", ")", "[",
          ", ", ". ", ": ", "; ", "\n", "\n\n", "-", "–", "...", "\u0301", "\u0323", "\u200b", "\u00ad", "\x0c",
          "KT. CHỦ TỊCH\n", "Nơi nhận:\n", "- Như trên;\n", "TM. ỦY BAN NHÂN DÂN\n", "2018-2022", "99999999999",
          "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n", "Độc lập - Tự do - Hạnh phúc\n", "V/v ", "Chiến sĩ thi đua ",
          "Anh hùng Lao động ", "Đảng ủy ", "Cục ", "Vụ trưởng ", "Bộ ", "xã ", "phường ", "Q.", "TL. ", "A", "\t"]


@FUZZ
@given(parts=st.lists(st.sampled_from(PIECES) | st.text(max_size=6), min_size=1, max_size=200),
       form=st.sampled_from(["NFC", "NFD", None]))
def test_extract_never_crashes_on_recognizer_soup(parts, form):
    text = "".join(parts)
    if form:
        text = unicodedata.normalize(form, text)
    count("fuzz: recognizer soup (extract)")
    doc = CleanDocument(source="soup.txt", uri="soup.txt", text=text, format="txt")
    with deadline(CASE_SECONDS, "extract on recognizer soup"):
        check_extraction(doc, extract(doc))


def _entities(x) -> tuple:
    nfc = lambda s: unicodedata.normalize("NFC", s) if s else s  # noqa: E731
    return (sorted(nfc(p.name) for p in x.people),
            sorted((nfc(p.name), nfc(q.title), nfc(q.unit)) for p in x.people for q in p.positions),
            sorted(nfc(u.name) for u in x.units), sorted((nfc(a.award), str(a.year)) for a in x.awards),
            sorted(d.value for d in x.dates), sorted(nfc(r.number) for r in x.legal_refs),
            sorted(nfc(m.name) for m in x.movements))


@pytest.fixture(scope="module")
def nfc_reference():
    doc = read_raw(RawItem(uri="bai.txt", data=H.sample_text().encode("utf-8")))
    x = extract(doc)
    assert x.people and x.units and x.awards and x.dates and x.legal_refs   # the sample exercises them all
    return doc, x


@settings(max_examples=60, deadline=None, derandomize=True, database=None)
@given(choices=st.lists(st.booleans(), min_size=1, max_size=40), as_file=st.booleans())
def test_mixed_nfc_nfd_finds_the_same_entities(nfc_reference, choices, as_file):
    ref_doc, ref = nfc_reference
    mixed = H.mixed_forms(H.sample_text(), choices)
    if as_file:    # through read_raw: a clean UTF-8 text file is kept as written (mixed forms and all)
        out = run_case(RawItem(uri="tron.txt", data=mixed.encode("utf-8")), "mixed NFC/NFD")
        assert isinstance(out, CleanDocument)
        doc = out
    else:
        count("mixed NFC/NFD")
        doc = CleanDocument(source="tron.txt", uri="tron.txt", text=mixed, format="txt")
    with deadline(CASE_SECONDS):
        x = extract(doc)
    check_extraction(doc, x)
    assert _entities(x) == _entities(ref)
    # each span reads, once NFC, as the same words the NFC document has at its span
    for (what, span), (_, ref_span) in zip(spans_of(x), spans_of(ref)):
        if span is not None:
            got = unicodedata.normalize("NFC", doc.text[span[0]:span[1]])
            assert got == ref_doc.text[ref_span[0]:ref_span[1]], what


# -- hand-made ------------------------------------------------------------------------------------------
def _case(name, item, expect, seconds=CASE_SECONDS):
    return pytest.param(item, expect, seconds, id=name)


def hand_cases():
    pdf, docx, page = H.pdf_bytes(), H.docx_bytes(), H.html_page()
    cases = [
        _case("empty", lambda: RawItem("rong.txt", b""), {"empty"}),
        _case("whitespace", lambda: RawItem("trang.html", b" \n\t \r\n"), {"empty"}),
        _case("nul-bytes-txt", lambda: RawItem("nul.txt", b"\0" * 5000), {"binary_content", "empty"}),
        _case("control-chars-txt", lambda: RawItem("ctl.txt", bytes(range(1, 32)) * 200), {"binary_content"}),
        _case("script-only-html", lambda: RawItem("s.html", b"<html><script>var a='" + b"x" * 5000 + b"';</script></html>"),
              {"empty_body"}),
        _case("bogus-charset", lambda: RawItem("c.html", page, content_type="text/html; charset=x-no-such"), {"document"}),
        _case("pdf-header-then-garbage", lambda: RawItem("g.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 50 + b"\n%%EOF"),
              {"pdf_corrupt", "pdf_no_text_layer"}),
        _case("pdf-no-eof", lambda: RawItem("t.pdf", pdf[:-200]), {"pdf_corrupt"}),
        _case("pdf-broken-xref", lambda: RawItem("x.pdf", pdf.replace(b"xref", b"xrex")), {"document", "pdf_corrupt"}),
        _case("pdf-named-html", lambda: RawItem("x.html", pdf), {"document"}),
        _case("docx-not-a-zip", lambda: RawItem("n.docx", b"PK\x03\x04" + b"\x00garbage" * 100), {"docx_corrupt"}),
        _case("docx-zip-without-document", lambda: RawItem("z.docx", _zip_of({"a.txt": b"x"})),
              {"docx_corrupt"}),
        _case("docx-broken-xml", lambda: RawItem("b.docx", H.docx_with(b"<w:document><w:body><w:p>")), {"docx_corrupt"}),
        _case("docx-billion-laughs", lambda: RawItem("bl.docx", H.docx_with(_w_document(H.billion_laughs("w:document")))),
              {"docx_corrupt", "empty_body"}),
        _case("docx-quadratic-blowup", lambda: RawItem("qb.docx", H.docx_with(_w_document(H.quadratic_blowup("w:document")))),
              {"docx_corrupt", "empty_body"}),
        _case("docx-external-entity", lambda: RawItem("xxe.docx", H.docx_with(_w_document(H.external_entity(root="w:document")))),
              {"docx_corrupt", "empty_body"}),
        _case("docx-zip-bomb", lambda: RawItem("bomb.docx", H.zip_bomb_docx()), {"docx_zip_bomb"}),
        _case("docx-6000-members", lambda: RawItem("m.docx", H.many_members_docx()), {"docx_zip_bomb"}),
        _case("html-20000-nested-div", lambda: RawItem("d.html", H.nested_html(20_000)), {"document"}),
        _case("html-20000-unclosed-div", lambda: RawItem("u.html", H.nested_html(20_000, closed=False)), {"document"}),
        _case("html-20000-nested-span", lambda: RawItem("s.html", H.nested_html(20_000, "span")), {"document"}),
        _case("html-5000-nested-table", lambda: RawItem("t.html", H.nested_html(5_000, "table")), {"document"}),
        _case("html-50MB", lambda: RawItem("lon.html", H.big_html(50 * 1024 * 1024)), {"too_large"}, 5),
        _case("html-billion-laughs", lambda: RawItem("bl.html", H.billion_laughs("html")), {"document", "empty_body"}),
        _case("xml-external-entity", lambda: RawItem("x.xml", H.external_entity(root="html"),
                                                     content_type="application/xml"), {"document", "empty_body"}),
        _case("html-truncated-mid-tag", lambda: RawItem("t.html", page[:page.index(b"<p>") + 2]), {"empty_body"}),
        _case("utf16-no-bom", lambda: RawItem("u16.txt", H.sample_text().encode("utf-16-le")), {"binary_content"}),
        _case("utf8-bom-then-invalid", lambda: RawItem("b.txt", b"\xef\xbb\xbf" + b"\xff\xfe" * 300), {"invalid_encoding"}),
        _case("one-stray-byte", lambda: RawItem("s.txt", H.with_invalid_utf8(H.sample_text(), b"\xff", 10_000)), {"document"}),
        _case("nfd-file", lambda: RawItem("nfd.txt", unicodedata.normalize("NFD", H.sample_text()).encode()), {"document"}),
        _case("many-dates", lambda: RawItem("d.txt", ("ngày 1/2/2020, số 12/QĐ-UBND; " * 40_000).encode()), {"document"}),
        _case("annex-of-5000-names", lambda: RawItem("ds.txt", H.name_list(5000).encode()), {"document"}, 10),
        _case("one-1MB-word", lambda: RawItem("w.txt", ("Nguyễn" * 170_000).encode()), {"document"}),
    ]
    for key, bad in H.INVALID_UTF8.items():
        cases.append(_case(f"invalid-utf8-{key}-txt", lambda bad=bad: RawItem("b.txt", H.with_invalid_utf8(H.sample_text(), bad, 4)),
                           {"invalid_encoding"}))
        cases.append(_case(f"invalid-utf8-{key}-html", lambda bad=bad: RawItem("b.html", H.with_invalid_utf8(page.decode(), bad, 4)),
                           {"invalid_encoding"}))
    for frac in (0.05, 0.5, 0.95):
        cases.append(_case(f"truncated-pdf-{frac}", lambda frac=frac: RawItem("t.pdf", H.truncated(pdf, frac)), {"pdf_corrupt"}))
        cases.append(_case(f"truncated-docx-{frac}", lambda frac=frac: RawItem("t.docx", H.truncated(docx, frac)), {"docx_corrupt"}))
    return cases


def _zip_of(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for k, v in members.items():
            z.writestr(k, v)
    return buf.getvalue()


def _w_document(xml: bytes) -> bytes:
    """Give an XML bomb's <w:document> root the WordprocessingML namespace python-docx needs."""
    ns = b' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    return xml.replace(b"<w:document version=\"2.0\">", b"<w:document" + ns + b"><w:body><w:p><w:r><w:t>", 1) \
              .replace(b"</w:document>", b"</w:t></w:r></w:p></w:body></w:document>")


@pytest.mark.parametrize("make, expect, seconds", hand_cases())
def test_hand_made_hostile_input(make, expect, seconds):
    out = run_case(make(), "hand-made", seconds)
    assert reason(out) in expect, out
    if isinstance(out, CleanDocument):
        assert "root:x:0" not in out.text      # no external entity was resolved


def test_lying_zip_directory_does_not_inflate_the_stream():
    """A 300 KB DOCX whose directory declares 1 KB for a member that inflates to 256 MB (with a
    matching CRC for the declared part) stays within a few MB of memory."""
    data = H.lying_zip_docx()
    tracemalloc.start()
    try:
        out = run_case(RawItem("noi-doi.docx", data), "hand-made")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert reason(out) in {"docx_corrupt", "docx_zip_bomb"}
    assert peak < 64 * 1024 * 1024, f"peak {peak / 1e6:.0f} MB"


def test_entity_bombs_in_docx_are_not_expanded():
    for make in (H.billion_laughs, H.quadratic_blowup):
        tracemalloc.start()
        try:
            started = time.monotonic()
            run_case(RawItem("bomb.docx", H.docx_with(_w_document(make("w:document")))), "hand-made")
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 64 * 1024 * 1024 and time.monotonic() - started < 5


@pytest.mark.slow
def test_page_just_under_the_caps_finishes():
    """A 7 MB page of ordinary paragraphs (under both caps) is read and extracted in bounded time."""
    out = run_case(RawItem("lon.html", H.big_html(7 * 1024 * 1024)), "hand-made", seconds=90)
    assert isinstance(out, CleanDocument)
