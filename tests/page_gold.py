"""Checking a parsed page against gold written like ../shared/html-real's (README there): the
conventions of ../shared/eval/score_html.py, field by field, for tests that want to say which
field failed. Furniture strings are matched case-sensitively, as the gold README describes how
they were chosen (the scorer lower-cases them, which also matches a section name such as
"Phân tích" inside an ordinary sentence of the body)."""
from __future__ import annotations

import re
import unicodedata

from extractors.read import read_path, read_raw
from nlp.contract import to_contract
from nlp.pipeline import extract


def norm(s: str | None, lower: bool = True) -> str:
    s = unicodedata.normalize("NFC", s or "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s.lower() if lower else s).strip()


def _alts(*values) -> list[str]:
    return [x for v in values for x in (v if isinstance(v, list) else [v] if v else [])]


def parse_like_extract_text(path: str) -> dict:
    """The fields `vnarchive extract --text` prints for a page, flattened as the gold README says."""
    out = to_contract(extract(read_raw(read_path(path))), include_text=True)
    doc = out["document"]
    return {"title": doc["title"], "published": doc["published"], "author": " - ".join(doc["authors"]),
            "body": out["text"]}


def misses(got: dict, gold: dict) -> dict[str, object]:
    """{field: what was found} for every gold field the parse gets wrong; {} when all are right."""
    body = norm(got["body"])
    raw_body = norm(got["body"], lower=False)
    out: dict[str, object] = {}
    if norm(got["title"]) not in {norm(t) for t in _alts(gold["title"], gold.get("title_alt"))}:
        out["title"] = got["title"]
    if (got["published"] or "")[:10] != (gold["published"] or "")[:10]:
        out["date"] = got["published"]
    authors = {norm(a) for a in _alts(gold["author"], gold.get("author_alt"))}
    if (norm(got["author"]) not in authors) if gold["author"] else bool(got["author"]):
        out["author"] = got["author"]
    if not (norm(gold["body_first"]) in body or gold.get("body_first_after_lead")
            and norm(gold["body_first_after_lead"]) in body):
        out["body_first"] = got["body"][:120]
    if norm(gold["body_last"]) not in body:
        out["body_last"] = got["body"][-120:]
    found = [f for f in gold["furniture"] if norm(f, lower=False) in raw_body]
    if not body or found:
        out["no_furniture"] = found
    return out
