"""read_raw never lets anything but ExtractionError escape, whatever the bytes."""
from __future__ import annotations

import gzip
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st

from extractors.read import read_raw
from extractors.types import ExtractionError, RawItem

PAGE = gzip.decompress((Path(__file__).parent / "fixtures/profiles/nhandan/2023-09-05.html.gz").read_bytes())
HEADS = [b"", b"%PDF-1.7\n", b"PK\x03\x04", b"<!DOCTYPE html><html><body>", b"\xef\xbb\xbf", b"\xff\xfe"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(head=st.sampled_from(HEADS), body=st.binary(max_size=3000),
       name=st.sampled_from(["a.txt", "a.html", "a.pdf", "a.docx", "https://nhandan.vn/a.html"]))
def test_arbitrary_bytes_give_a_document_or_a_reason(head, body, name):
    try:
        doc = read_raw(RawItem(uri=name, data=head + body))
    except ExtractionError as e:
        assert e.reason and e.message
        assert e.reason not in ("html_corrupt", "parse_error"), e.message   # those mean a parser bug
    else:
        assert doc.text.strip()


@settings(max_examples=60, deadline=None)
@given(cut=st.integers(min_value=1, max_value=len(PAGE) - 1), junk=st.binary(max_size=200))
def test_mangled_profile_page(cut, junk):
    try:
        read_raw(RawItem(uri="https://nhandan.vn/bai-viet.html", data=PAGE[:cut] + junk, status=200))
    except ExtractionError as e:
        assert e.reason in ("empty_body", "invalid_encoding"), e.message
