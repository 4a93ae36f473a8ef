"""Speed of the full extractor against underthesea's `ner` on the same documents, and how extraction
time grows with the length of one text.

usage: python bench/extract_speed.py [PATH ...] [--repeat N] [--no-lengths]

Documents: the paths given, else samples/ + tests/gold/docs/ (one set) and ../shared/corpus/real/
(another), else ../shared/corpus/seeds/. Each document is read once (extractors.read); then, in this
one process, `nlp.pipeline.extract` runs on every document and `underthesea.ner` runs sentence by
sentence over the same clean texts (what a user would try first). Prints, per set, documents/s and
MB/s for each, their ratio (target >= 10x), and the peak Python heap (tracemalloc) and process RSS.

Then one text of 64 KB, 256 KB and 1 MB (the documents repeated), with and without sentence
punctuation: extraction time (process time) and time per MB at each length. Linear time means the
same time per MB at every length (target: within 20% from 256 KB to 1 MB)."""
from __future__ import annotations

import argparse
import gc
import re
import sys
import time
import tracemalloc
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extractors.read import iter_input_files, read_path, read_raw  # noqa: E402
from extractors.types import CleanDocument, ExtractionError  # noqa: E402
from nlp.pipeline import extract  # noqa: E402


def default_sets() -> list[tuple[str, list[str]]]:
    """(label, paths) of the document sets measured when no path is given."""
    own = [str(p) for p in (REPO / "samples", REPO / "tests" / "gold" / "docs") if p.is_dir()]
    real = REPO.parent / "shared" / "corpus" / "real"
    seeds = REPO.parent / "shared" / "corpus" / "seeds"
    sets = [("samples + tests/gold", own)] if own else []
    if real.is_dir():
        sets.append(("../shared/corpus/real", [str(real)]))
    if not sets and seeds.is_dir():
        sets.append(("../shared/corpus/seeds", [str(seeds)]))
    return sets


def load(paths: list[str]) -> list[CleanDocument]:
    docs = []
    for f in iter_input_files(paths):
        try:
            docs.append(read_raw(read_path(f)))
        except (ExtractionError, OSError) as e:
            print(f"skip {f}: {e}", file=sys.stderr)
    return docs


def timed(label: str, fn, docs: list[CleanDocument], repeat: int) -> tuple[float, float, float]:
    """(documents per second, peak traced MiB, RSS MiB after) for `fn` over all documents.
    Timing runs without tracemalloc (it slows Python code several times); one more pass
    measures the peak heap."""
    fn(docs[0])                                     # warm-up: lexicons, compiled patterns, models
    gc.collect()
    t = time.perf_counter()
    for _ in range(repeat):
        for d in docs:
            fn(d)
    elapsed = time.perf_counter() - t
    tracemalloc.start()
    for d in docs:
        fn(d)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    rss = psutil.Process().memory_info().rss / 2**20
    rate = repeat * len(docs) / elapsed
    print(f"{label:28} {rate:10.1f} docs/s   {1000 / rate:8.2f} ms/doc   peak heap {peak:7.1f} MiB   "
          f"RSS {rss:7.1f} MiB")
    return rate, peak, rss


def compare(label: str, docs: list[CleanDocument], repeat: int) -> None:
    from underthesea import ner, sent_tokenize

    def run_ner(d: CleanDocument) -> None:
        for s in sent_tokenize(d.text):
            if s.strip():
                ner(s)

    sentences = sum(len(sent_tokenize(d.text)) for d in docs)
    mb = sum(len(d.text.encode("utf-8")) for d in docs) / 1e6
    print(f"== {label}: {len(docs)} documents, {sentences} sentences, {mb:.2f} MB of text, {repeat} passes")
    ours, _, _ = timed("vnarchive extract (full)", extract, docs, repeat)
    print(f"{'':28} {ours * mb / len(docs):10.2f} MB/s")
    theirs, _, _ = timed("underthesea ner (sentences)", run_ner, docs, repeat)
    print(f"{'':28} {theirs * mb / len(docs):10.2f} MB/s")
    print(f"ratio: full extractor is {ours / theirs:.1f}x the speed of underthesea ner alone (target >= 10x)")


LENGTHS = (64_000, 256_000, 1_000_000)


def lengths(docs: list[CleanDocument]) -> None:
    """Extraction time of one long text at each length, with and without sentence punctuation."""
    base = "\n\n".join(d.text for d in docs)
    print("== one text, repeated documents: extraction time (process time)")
    for label, src in (("with punctuation", base), ("without punctuation", re.sub(r"[.,;:!?()\"“”\n]", " ", base))):
        per_mb = []
        for size in LENGTHS:
            text = (src * (size // max(1, len(src)) + 1))[:size]
            doc = CleanDocument(source="long.txt", uri="long.txt", text=text, format="txt")
            t = time.process_time()
            extract(doc)
            took = time.process_time() - t
            per_mb.append(took / (len(text.encode("utf-8")) / 1e6))
            print(f"  {label:20} {size // 1000:5d} K chars {took:8.2f} s   {per_mb[-1]:7.2f} s/MB")
        spread = per_mb[-1] / per_mb[-2] - 1
        print(f"  {label:20} time per MB, 1 MB vs 256 K: {spread:+.0%} (linear within 20%: "
              f"{'yes' if abs(spread) <= 0.2 else 'NO'})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the documents (default 3)")
    ap.add_argument("--no-lengths", action="store_true", help="skip the text-length measurement")
    args = ap.parse_args()
    sets = [("given documents", args.paths)] if args.paths else default_sets()
    loaded = [(label, load(paths)) for label, paths in sets]
    loaded = [(label, docs) for label, docs in loaded if docs]
    if not loaded:
        sys.exit("no documents found")
    for label, docs in loaded:
        compare(label, docs, args.repeat)
    if not args.no_lengths:
        lengths([d for _, docs in loaded for d in docs])


if __name__ == "__main__":
    main()
