"""Checks of our own gold set (tests/gold): annotation shape and consistency with the documents.

These tests validate the annotations, not the extractor: every annotation file follows the
extraction contract, points at an existing document, and names things the document really
contains; and the shared scorer rates gold against itself as perfect.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "gold"
DOCS = GOLD / "docs"
ANNOTATIONS = GOLD / "annotations"
SCORER = ROOT.parent / "shared" / "eval" / "score.py"

DOC_FIELDS = ("title", "kind", "published", "doc_number", "doc_type", "issuer", "place", "signer", "authors")
KINDS = {"news", "plan", "decision", "directive", "official_letter", "report", "notice", "resolution", "other"}
DATE_VALUE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?(/\d{4}(-\d{2}(-\d{2})?)?)?$")
ANNOTATION_FILES = sorted(ANNOTATIONS.glob("*.json"))


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _options(value) -> list:
    """The acceptable alternatives of a gold field (a value or a list of values)."""
    return value if isinstance(value, list) else [value]


def _first(value):
    return value[0] if isinstance(value, list) else value


def _fold(text: str) -> str:
    """Loose form for "does the document contain this string" checks."""
    s = unicodedata.normalize("NFC", text).lower()
    s = re.sub(r"[\u2010-\u2015\u2212]", "-", s)
    s = re.sub(r"[\"'“”‘’«»]", "", s)
    s = re.sub(r"&nbsp;|\s+", " ", s)
    return s.replace("ỏa", "oả").replace("òa", "oà").replace("ủy", "uỷ").replace("ùy", "uỳ").replace("úy", "uý")


def _is_str_or_alts(value, allow_none: bool = False) -> bool:
    if value is None:
        return allow_none
    if isinstance(value, str):
        return bool(value.strip())
    if isinstance(value, list) and value:
        return all((v is None and allow_none) or (isinstance(v, str) and v.strip()) for v in value)
    return False


def _doc_text(source: str) -> str:
    return (DOCS / source).read_text(encoding="utf-8")


def test_gold_set_size_and_pairing():
    docs = sorted(p.name for p in DOCS.iterdir() if p.suffix in {".txt", ".html"})
    sources = sorted(_load(p)["source"] for p in ANNOTATION_FILES)
    assert len(docs) >= 14
    assert docs == sources, "every document has exactly one annotation and vice versa"
    for p in ANNOTATION_FILES:
        assert Path(_load(p)["source"]).stem == p.stem


@pytest.mark.parametrize("path", ANNOTATION_FILES, ids=lambda p: p.stem)
def test_annotation_shape(path: Path):
    gold = _load(path)
    assert set(gold) >= {"source", "document", "people", "units", "awards", "dates", "legal_refs", "movements"}
    doc = gold["document"]
    assert set(doc) >= set(DOC_FIELDS)
    assert _is_str_or_alts(doc["title"])
    assert doc["kind"] in KINDS
    assert doc["published"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", doc["published"])
    for field in ("doc_number", "doc_type", "issuer", "place"):
        assert _is_str_or_alts(doc[field], allow_none=True), field
    if doc["kind"] == "news":
        assert doc["doc_number"] is None and doc["signer"] is None
    else:
        assert doc["doc_number"] and doc["doc_type"] and doc["issuer"] and doc["signer"]
    if doc["signer"] is not None:
        assert _is_str_or_alts(doc["signer"]["name"]) and _is_str_or_alts(doc["signer"]["title"], True)
    assert isinstance(doc["authors"], list) and all(_is_str_or_alts(a) for a in doc["authors"])

    for person in gold["people"]:
        assert _is_str_or_alts(person["name"])
        for pos in person["positions"]:
            assert _is_str_or_alts(pos["title"])
            assert _is_str_or_alts(pos["unit"], allow_none=True)
            assert pos.get("former", False) in (True, False)
    for unit in gold["units"]:
        assert _is_str_or_alts(unit["name"])
        assert isinstance(unit["aliases"], list) and all(_is_str_or_alts(a) for a in unit["aliases"])
        assert _is_str_or_alts(unit["parent"], allow_none=True)
    for award in gold["awards"]:
        assert _is_str_or_alts(award["award"])
        assert _is_str_or_alts(award["grantor"], allow_none=True)
        assert _is_str_or_alts(award["recipient"], allow_none=True)
        assert all(c in (1, 2, 3, None) for c in _options(award["class"]))
        assert all(y is None or (isinstance(y, int) and 1940 <= y <= 2030) for y in _options(award["year"]))
    for date in gold["dates"]:
        assert isinstance(date["text"], str) and date["text"]
        assert all(DATE_VALUE.match(v) for v in _options(date["value"])), date
    for ref in gold["legal_refs"]:
        assert _is_str_or_alts(ref["number"]) and "số" not in _first(ref["number"]).lower()
        assert _is_str_or_alts(ref["doc_type"], allow_none=True)
        assert ref["date"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", ref["date"])
    for movement in gold["movements"]:
        assert _is_str_or_alts(movement["name"])


@pytest.mark.parametrize("path", ANNOTATION_FILES, ids=lambda p: p.stem)
def test_annotation_names_occur_in_document(path: Path):
    """People, units, refs, movements and bylines that gold names are really printed in the document."""
    gold = _load(path)
    text = _fold(_doc_text(gold["source"]))

    def printed(value) -> bool:
        return any(v is not None and _fold(v) in text for v in _options(value))

    for person in gold["people"]:
        assert printed(person["name"]), person["name"]
    for unit in gold["units"]:
        forms = _options(unit["name"]) + [f for a in unit["aliases"] for f in _options(a)]
        assert printed(forms), unit["name"]
    for ref in gold["legal_refs"]:
        assert printed(ref["number"]), ref["number"]
    for movement in gold["movements"]:
        assert printed(movement["name"]), movement["name"]
    for author in gold["document"]["authors"]:
        assert printed(author), author
    if gold["document"]["signer"]:
        assert printed(gold["document"]["signer"]["name"])


@pytest.mark.parametrize("path", ANNOTATION_FILES, ids=lambda p: p.stem)
def test_annotation_has_no_duplicates(path: Path):
    """Scored lines are sets: duplicate values would make gold disagree with itself."""
    gold = _load(path)
    for key, field in (("people", "name"), ("dates", "value"), ("legal_refs", "number"), ("movements", "name")):
        values = [_fold(str(_first(x[field]))) for x in gold[key]]
        assert len(values) == len(set(values)), key
    for person in gold["people"]:
        titles = [_fold(_first(p["title"])) for p in person["positions"]]
        assert len(titles) == len(set(titles)), person["name"]
    forms = [_fold(f) for u in gold["units"] for f in _options(u["name"]) + [x for a in u["aliases"] for x in _options(a)]]
    assert len(forms) == len(set(forms)), "a unit form belongs to two units"


def _as_prediction(gold: dict) -> dict:
    """Gold turned into an extractor-style record: each field takes its first alternative."""
    doc = dict(gold["document"])
    for field in ("title", "doc_number", "doc_type", "issuer", "place"):
        doc[field] = _first(doc[field])
    if doc["signer"]:
        doc["signer"] = {k: _first(v) for k, v in doc["signer"].items()}
    doc["authors"] = [_first(a) for a in doc["authors"]]
    return {
        "source": gold["source"],
        "document": doc,
        "people": [{"name": _first(p["name"]),
                    "positions": [{**pos, "title": _first(pos["title"]), "unit": _first(pos["unit"])}
                                  for pos in p["positions"]]} for p in gold["people"]],
        "units": [{"name": _first(u["name"]), "aliases": [_first(a) for a in u["aliases"]],
                   "parent": _first(u["parent"])} for u in gold["units"]],
        "awards": [{k: _first(v) for k, v in a.items()} for a in gold["awards"]],
        "dates": [{"text": d["text"], "value": _first(d["value"])} for d in gold["dates"]],
        "legal_refs": [{**r, "number": _first(r["number"])} for r in gold["legal_refs"]],
        "movements": [{"name": _first(m["name"])} for m in gold["movements"]],
    }


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is absent")
def test_gold_scores_perfectly_against_itself(tmp_path: Path):
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        for path in ANNOTATION_FILES:
            f.write(json.dumps(_as_prediction(_load(path)), ensure_ascii=False) + "\n")
    out = subprocess.run([sys.executable, str(SCORER), "--gold", str(ANNOTATIONS), "--pred", str(pred), "--json"],
                         capture_output=True, text=True, check=True, encoding="utf-8")
    report = json.loads(out.stdout)
    assert report["documents"] == len(ANNOTATION_FILES)
    assert report["missing_predictions"] == []
    imperfect = {k: round(v["f1"], 3) for k, v in report["lines"].items() if v["f1"] != 1.0}
    assert imperfect == {}
    assert report["macro_f1"] == 1.0


# ---------------------------------------------------------------- bundled samples (samples/)

SAMPLES = ROOT / "samples"
SAMPLE_SUFFIXES = {".txt", ".html", ".docx", ".pdf"}


def test_samples_are_listed_and_distinct_from_gold():
    """samples/README.md lists every sample; no sample text is reused in the gold set."""
    samples = sorted(p for p in SAMPLES.iterdir() if p.suffix in SAMPLE_SUFFIXES)
    assert len(samples) >= 10
    assert {p.suffix for p in samples} == SAMPLE_SUFFIXES
    readme = (SAMPLES / "README.md").read_text(encoding="utf-8")
    assert [p.name for p in samples if p.name not in readme] == []
    gold_text = "\n".join(_fold(p.read_text(encoding="utf-8")) for p in DOCS.iterdir())
    for p in samples:
        if p.suffix in {".txt", ".html"}:
            lines = [ln for ln in _fold(p.read_text(encoding="utf-8")).splitlines() if len(ln) > 80]
            assert [ln for ln in lines if ln in gold_text] == [], p.name


def test_binary_samples_are_reproducible(tmp_path: Path):
    """make_binary_samples.py rebuilds the committed .docx/.pdf byte for byte, text intact."""
    import docx
    from pypdf import PdfReader

    subprocess.run([sys.executable, str(SAMPLES / "make_binary_samples.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True)
    built = sorted(p.name for p in tmp_path.iterdir())
    assert built == ["13_hue_snv_ke_hoach_hoi_nghi.docx", "14_tayninh_qd_tang_co_thi_dua.pdf"]
    dejavu = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf").exists()
    for name in built:
        if name.endswith(".docx") or dejavu:  # the PDF embeds whichever font the machine has
            assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), name

    d = docx.Document(str(SAMPLES / built[0]))
    header = [c.text for c in d.tables[0]._cells]
    assert "Số: 63/KH-SNV" in header and "Huế, ngày 05 tháng 5 năm 2025" in header
    assert any("Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở" in p.text for p in d.paragraphs)

    pdf_text = unicodedata.normalize("NFC", PdfReader(str(SAMPLES / built[1])).pages[0].extract_text())
    if dejavu:
        assert "Tây Ninh, ngày 24 tháng 01 năm 2026" in pdf_text
        assert "Trường Trung học phổ thông chuyên Hoàng Lê Kha" in pdf_text
        assert "Huỳnh Thị Mỹ Dung" in pdf_text
