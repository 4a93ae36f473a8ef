"""Bulk-load speed of the warehouse: N generated documents (synthetic Extraction records with
people, offices, units, awards, dates, citations, movements) stored with Archive.store_batch,
then entity resolution and the search index.

usage: python bench/load_speed.py [--docs 10000] [--batch 500] [--db PATH]

Prints documents and rows per second for the load, the time of each later stage, archive size
and peak RSS. Names come from nlp/lexicons (surnames, provinces); the documents are invented."""
from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extractors.types import CleanDocument, RawItem  # noqa: E402
from nlp.records import (Award, DateMention, DocumentFields, Extraction, LegalRef, Movement, Person,  # noqa: E402
                         Position, Unit)
from warehouse.archive import Archive  # noqa: E402
from warehouse.load import LoadItem  # noqa: E402

LEX = REPO / "nlp" / "lexicons"
MIDDLE = ("Văn", "Thị", "Minh", "Quốc", "Thu", "Hữu", "Đức", "Ngọc")
GIVEN = ("An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Nam", "Phương", "Quân", "Sơn", "Tâm", "Yến")
OFFICES = (("Giám đốc", "Sở Nội vụ"), ("Phó Giám đốc", "Sở Tư pháp"), ("Chánh Thanh tra", "Thanh tra"),
           ("Chủ tịch", "UBND"), ("Phó Chủ tịch", "Ủy ban nhân dân"), ("Trưởng ban", "Ban Thi đua - Khen thưởng"))
AWARDS = (("Bằng khen", None, "Thủ tướng Chính phủ"), ("Cờ thi đua", None, "Chính phủ"),
          ("Huân chương Lao động", 3, None), ("Giấy khen", None, "Giám đốc Sở"), ("Tập thể lao động xuất sắc",
                                                                                 None, None))


def _lexicon():
    surnames = [s.strip() for s in (LEX / "surnames.txt").read_text(encoding="utf-8").splitlines()
                if s.strip() and not s.startswith("#")]
    with open(LEX / "provinces.toml", "rb") as f:
        new = tomllib.load(f).get("new", {})
    provinces = sorted({old for spec in new.values() for old in spec.get("merged", [])}) or ["Hà Giang", "Lào Cai"]
    return surnames[:40], provinces


def make_item(i: int, rng: random.Random, surnames: list[str], provinces: list[str]) -> LoadItem:
    prov = rng.choice(provinces)
    year = rng.randint(2015, 2025)
    people, units, awards, parts = [], [], [], []
    for j in range(rng.randint(1, 4)):
        title, head = rng.choice(OFFICES)
        unit = f"{head} tỉnh {prov}"
        name = f"{rng.choice(surnames)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        sentence = f"Ông {name}, {title} {unit}, phát biểu tại hội nghị. "
        start = sum(map(len, parts))
        parts.append(sentence)
        people.append(Person(name, [Position(title, unit, former=rng.random() < 0.1,
                                             span=(start + 4 + len(name) + 2, start + len(sentence) - 24))],
                             [(start + 4, start + 4 + len(name))]))
        units.append(Unit(unit, [], parent=f"Ủy ban nhân dân tỉnh {prov}", spans=[(start, start + 1)]))
    for _ in range(rng.randint(1, 3)):
        award, cls, grantor = rng.choice(AWARDS)
        rec = rng.choice(units).name
        start = sum(map(len, parts))
        parts.append(f"{rec} được tặng {award} năm {year}. ")
        awards.append(Award(award, cls, grantor, rec, year, recipient_kind="collective",
                            span=(start + len(rec) + 10, start + len(rec) + 10 + len(award))))
    start = sum(map(len, parts))
    parts.append(f"Ngày 12/3/{year}, tỉnh phát động phong trào thi đua \"Đổi mới sáng tạo {i % 50}\" "
                 f"theo Kế hoạch số {i % 700}/KH-UBND. ")
    text = "".join(parts)
    x = Extraction(source=f"gen-{i}.txt", text=text,
                   document=DocumentFields(title=f"Tin thi đua số {i}", published=f"{year}-03-{1 + i % 28:02d}",
                                           doc_number=f"{i}/KH-UBND" if i % 10 == 0 else None),
                   people=people, units=units, awards=awards,
                   dates=[DateMention(f"12/3/{year}", f"{year}-03-12", span=(start + 5, start + 14))],
                   legal_refs=[LegalRef(f"{i % 700}/KH-UBND", "Kế hoạch", span=(start, start + 5))],
                   movements=[Movement(f"Đổi mới sáng tạo {i % 50}", (start, start + 5))])
    raw = RawItem(uri=f"https://bench.example.gov.vn/tin/{i}", data=text.encode("utf-8"),
                  content_type="text/html; charset=utf-8", fetched_at="2026-01-01T00:00:00Z",
                  canonical_url=f"https://bench.example.gov.vn/tin/{i}", source_name="bench")
    return LoadItem(raw=raw, doc=CleanDocument(source=x.source, uri=raw.uri, text=text, format="html"), extraction=x)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--batch", type=int, default=500)
    ap.add_argument("--db", default=None, help="archive file (default: a temporary one)")
    args = ap.parse_args()
    surnames, provinces = _lexicon()
    rng = random.Random(20260101)
    t0 = time.perf_counter()
    items = [make_item(i, rng, surnames, provinces) for i in range(args.docs)]
    gen = time.perf_counter() - t0
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or os.path.join(tmp, "bench.duckdb")
        with Archive.open(db) as a:
            rows = 0
            t0 = time.perf_counter()
            for k in range(0, len(items), args.batch):
                rows += sum(a.store_batch(items[k:k + args.batch], run_id="bench").values())
            load = time.perf_counter() - t0
            t0 = time.perf_counter()
            again = sum(a.store_batch(items[:args.batch]).values())
            idem = time.perf_counter() - t0
            t0 = time.perf_counter()
            resolved = a.resolve_entities()
            res_t = time.perf_counter() - t0
            t0 = time.perf_counter()
            a.refresh_search()
            fts_t = time.perf_counter() - t0
            t0 = time.perf_counter()
            hits = a.search("doi moi sang tao", 10)
            q_t = time.perf_counter() - t0
        size = os.path.getsize(db) / 1e6
    print(f"generated {args.docs} documents in {gen:.1f} s")
    print(f"load: {args.docs / load:,.0f} documents/s, {rows / load:,.0f} rows/s "
          f"({rows:,} rows in {load:.1f} s, batches of {args.batch})")
    print(f"re-store of one batch (idempotent): {again} new rows in {idem:.2f} s")
    print(f"entity resolution: {res_t:.1f} s ({resolved['units']} units, {resolved['people']} people, "
          f"{resolved['merges']} merges)")
    print(f"search index: {fts_t:.1f} s; one query: {q_t * 1000:.0f} ms ({len(hits)} hits)")
    print(f"archive size: {size:.1f} MB; peak RSS: {peak_rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
