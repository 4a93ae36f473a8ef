"""Speed of the page parser against trafilatura alone, on the same real pages, in one run.

usage: python bench/parse_speed.py [PATH ...] [--repeat N]

Pages: the .html files given (files or folders), else ../shared/html-real/. Each page's bytes are
read once; then, in this one process and interleaved page by page (so machine load hits both
alike), the full parser (`extractors.read.read_raw`: decoding, metadata, the cascade) and
`trafilatura.bare_extraction` with metadata on (the peer's full article parse, from the same
bytes) run N times over every page. Prints pages per second for each and the time ratio
(goal: the full parser within 2x of trafilatura's time)."""
from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extractors.read import read_raw  # noqa: E402
from extractors.types import RawItem  # noqa: E402


def pages(paths: list[str]) -> list[tuple[str, bytes]]:
    files: list[Path] = []
    for p in map(Path, paths or [str(REPO.parent / "shared" / "html-real")]):
        files += sorted(p.glob("*.htm*")) if p.is_dir() else [p]
    return [(f.name, f.read_bytes()) for f in files]


def ours(name: str, data: bytes) -> None:
    read_raw(RawItem(uri=name, data=data, content_type="text/html"))


def trafilatura_alone(name: str, data: bytes) -> None:
    import trafilatura
    trafilatura.bare_extraction(data, with_metadata=True, include_tables=True, include_comments=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    docs = pages(args.paths)
    if not docs:
        sys.exit("no pages: give .html files or folders (../shared/html-real is absent)")
    for fn in (ours, trafilatura_alone):          # warm-up: imports, settings, compiled patterns
        fn(*docs[0])
    spent = {ours: 0.0, trafilatura_alone: 0.0}
    gc.collect()
    for _ in range(args.repeat):
        for name, data in docs:
            for fn in spent:
                t = time.perf_counter()
                fn(name, data)
                spent[fn] += time.perf_counter() - t
    n = len(docs) * args.repeat
    print(f"{len(docs)} pages x {args.repeat} ({sum(len(d) for _, d in docs) / 1e6:.1f} MB each round)")
    for fn, label in ((ours, "vnarchive page parser"), (trafilatura_alone, "trafilatura 2.3.1 alone")):
        print(f"{label:26s} {n / spent[fn]:7.1f} pages/s  ({1000 * spent[fn] / n:6.1f} ms/page)")
    print(f"time ratio (parser / trafilatura): {spent[ours] / spent[trafilatura_alone]:.2f}x  (goal <= 2x)")


if __name__ == "__main__":
    main()
