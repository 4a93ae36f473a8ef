"""Merge precision and recall of person resolution on a pairwise gold.

usage: python bench/resolution_quality.py [--gold bench/resolution_gold] [--show-errors]

The gold (bench/resolution_gold/, README inside) is a set of documents written for this project
in the style of provincial and ministry news and decisions, and mentions.tsv giving each person
mention (document, name as printed) a gold person label. Every two mentions of the same name in
different documents form a gold pair: "same" when their labels agree, else "not the same"
(namesakes in other provinces, another office-holder of the same name).

The documents are read and extracted by the real pipeline, stored in a fresh archive and
resolved; a pair is predicted "same" when both mentions link to one canonical person. Merge
precision = correct same-person predictions / all same-person predictions; merge recall =
correct same-person predictions / gold same pairs. A gold mention the extractor did not find
is reported and its pairs left out (an extraction miss, not a resolution error)."""
from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extractors.read import read_path  # noqa: E402
from nlp.pipeline import extract  # noqa: E402
from warehouse.archive import Archive, document_id_for  # noqa: E402
from warehouse.keys import name_key  # noqa: E402
from warehouse.load import LoadItem  # noqa: E402


def read_gold(gold: Path) -> list[tuple[str, str, str]]:
    """(document file, name as printed, gold person) rows of mentions.tsv."""
    rows = []
    for line in (gold / "mentions.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            doc, name, person = line.split("\t")
            rows.append((doc, name, person))
    return rows


def gold_pairs(rows: list[tuple[str, str, str]]) -> list[tuple[tuple[str, str], tuple[str, str], bool]]:
    """Every two mentions of one name key in different documents: (mention, mention, same?)."""
    by_name: dict[str, list[tuple[str, str]]] = {}
    for doc, name, person in rows:
        by_name.setdefault(name_key(name), []).append((doc, person))
    out = []
    for key, ms in sorted(by_name.items()):
        for (d1, p1), (d2, p2) in itertools.combinations(sorted(ms), 2):
            if d1 != d2:
                out.append(((d1, key), (d2, key), p1 == p2))
    return out


def build_archive(docs: Path, db: str) -> dict[tuple[str, str], str]:
    """Ingest the documents (read, extract, store, resolve); (file, name key) -> person id."""
    items = []
    for path in sorted(docs.iterdir()):
        raw = read_path(str(path))
        raw.uri = path.name
        from extractors.read import read_raw
        doc = read_raw(raw)
        items.append(LoadItem(raw=raw, doc=doc, extraction=extract(doc)))
    with Archive.open(db) as arc:
        arc.store_batch(items)
        arc.resolve_entities()
        rows = arc.con.execute("SELECT m.document_id, m.name_key, l.person_id FROM person_mentions m "
                               "JOIN person_links l ON l.mention_id = m.mention_id").fetchall()
    file_of = {document_id_for(p.name): p.name for p in docs.iterdir()}
    return {(file_of[d], k): pid for d, k, pid in rows}


def score(pairs, linked: dict[tuple[str, str], str]) -> dict:
    tp = fp = fn = tn = 0
    errors, missing = [], set()
    for a, b, same in pairs:
        if a not in linked or b not in linked:
            missing |= {m for m in (a, b) if m not in linked}
            continue
        pred = linked[a] == linked[b]
        if pred and same:
            tp += 1
        elif pred:
            fp += 1
            errors.append(("false merge", a, b))
        elif same:
            fn += 1
            errors.append(("missed merge", a, b))
        else:
            tn += 1
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "errors": errors, "missing": sorted(missing),
            "precision": tp / (tp + fp) if tp + fp else 1.0, "recall": tp / (tp + fn) if tp + fn else 1.0}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(REPO / "bench" / "resolution_gold"))
    ap.add_argument("--show-errors", action="store_true", help="list every wrong pair")
    args = ap.parse_args()
    gold = Path(args.gold)
    rows = read_gold(gold)
    pairs = gold_pairs(rows)
    with tempfile.TemporaryDirectory() as tmp:
        linked = build_archive(gold / "docs", str(Path(tmp) / "gold.duckdb"))
    s = score(pairs, linked)
    n_same = sum(1 for *_, same in pairs if same)
    print(f"gold: {len(rows)} mentions, {len(pairs)} pairs ({n_same} same person, {len(pairs) - n_same} not)")
    if s["missing"]:
        print(f"mentions the extractor did not find (pairs left out): {len(s['missing'])}")
        for doc, key in s["missing"]:
            print(f"  {doc}: {key}")
    print(f"merges: {s['tp']} correct, {s['fp']} false, {s['fn']} missed, {s['tn']} correctly kept apart")
    print(f"merge precision {s['precision']:.3f}   merge recall {s['recall']:.3f}")
    if args.show_errors:
        for kind, a, b in s["errors"]:
            print(f"  {kind}: {a[1]}  {a[0]}  <->  {b[0]}")


if __name__ == "__main__":
    main()
