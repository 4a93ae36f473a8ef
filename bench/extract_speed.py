"""Speed of the full extractor against underthesea's `ner` on the same documents.

usage: python bench/extract_speed.py [PATH ...] [--repeat N]

Documents: the paths given, else samples/ and tests/gold/docs/, else ../shared/corpus/seeds/.
Each document is read once (extractors.read); then, in this one process, `nlp.pipeline.extract`
runs on every document and `underthesea.ner` runs sentence by sentence over the same clean texts
(what a user would try first). Prints documents per second for each, their ratio, and the peak
Python heap (tracemalloc) and process RSS of each phase."""
from __future__ import annotations

import argparse
import gc
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


def default_paths() -> list[str]:
    own = [p for p in (REPO / "samples", REPO / "tests" / "gold" / "docs") if p.is_dir()]
    if own:
        return [str(p) for p in own]
    seeds = REPO.parent / "shared" / "corpus" / "seeds"
    return [str(seeds)] if seeds.is_dir() else []


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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=3, help="passes over the documents (default 3)")
    args = ap.parse_args()
    docs = load(args.paths or default_paths())
    if not docs:
        sys.exit("no documents found")
    from underthesea import ner, sent_tokenize

    def run_ner(d: CleanDocument) -> None:
        for s in sent_tokenize(d.text):
            if s.strip():
                ner(s)

    sentences = sum(len(sent_tokenize(d.text)) for d in docs)
    chars = sum(len(d.text) for d in docs)
    print(f"{len(docs)} documents, {sentences} sentences, {chars} characters, {args.repeat} passes")
    ours, _, _ = timed("vnarchive extract (full)", extract, docs, args.repeat)
    theirs, _, _ = timed("underthesea ner (sentences)", run_ner, docs, args.repeat)
    print(f"ratio: full extractor is {ours / theirs:.1f}x the speed of underthesea ner alone "
          f"(target >= 10x)")


if __name__ == "__main__":
    main()
