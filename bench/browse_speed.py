"""Speed of `vnarchive browse` on the 10,000-document archive of bench/load_speed.py: the time
and size of the SQLite mirror build, then the median (and slowest) of 20 requests to a running
`vnarchive browse` of the person page, the document page and the faceted awards page, each the
heaviest of its kind in the archive (most offices, most facts), and of the heaviest unit page.

usage: python bench/browse_speed.py [--docs 10000] [--requests 20] [--db PATH] [--keep]

With --db PATH the archive is built there once and reused by later runs (--keep keeps it)."""
from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import httpx

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import load_speed  # noqa: E402  (its document generator)

from warehouse.archive import Archive  # noqa: E402
from warehouse.sqlite_mirror import build_mirror  # noqa: E402


def build_archive(db: str, n: int, batch: int = 500) -> float:
    surnames, provinces = load_speed._lexicon()
    rng = random.Random(20260101)
    items = [load_speed.make_item(i, rng, surnames, provinces) for i in range(n)]
    t0 = time.perf_counter()
    with Archive.open(db) as a:
        for k in range(0, len(items), batch):
            a.store_batch(items[k:k + batch], run_id="bench")
        a.resolve_entities()
        a.refresh_search()
    return time.perf_counter() - t0


def heaviest(db: str) -> dict[str, str]:
    con = duckdb.connect(db, read_only=True)
    try:
        q = {"person": "SELECT person_id FROM person_timeline WHERE person_id IS NOT NULL GROUP BY 1 "
                       "ORDER BY count(*) DESC, 1 LIMIT 1",
             "document": "SELECT document_id FROM (SELECT document_id FROM person_mentions UNION ALL SELECT "
                         "document_id FROM awards UNION ALL SELECT document_id FROM unit_mentions) GROUP BY 1 "
                         "ORDER BY count(*) DESC, 1 LIMIT 1",
             "unit": "SELECT unit_id FROM person_timeline WHERE unit_id IS NOT NULL GROUP BY 1 "
                     "ORDER BY count(*) DESC, 1 LIMIT 1"}
        return {k: con.execute(sql).fetchone()[0] for k, sql in q.items()}
    finally:
        con.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(client: httpx.Client, url: str, n: int) -> list[float]:
    r = client.get(url)                  # warm-up (connections, caches), not counted
    r.raise_for_status()
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        client.get(url).raise_for_status()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--requests", type=int, default=20)
    ap.add_argument("--db", default=None, help="archive file to build (or reuse, if it exists)")
    args = ap.parse_args()
    tmp = tempfile.TemporaryDirectory(prefix="browse-bench-")
    db = args.db or os.path.join(tmp.name, "bench.duckdb")
    if not os.path.exists(db):
        t = build_archive(db, args.docs)
        print(f"archive: {args.docs:,} generated documents loaded and resolved in {t:.1f} s")
    mirror = str(Path(db).with_suffix(".sqlite"))
    info = build_mirror(db, mirror)
    print(f"mirror build: {info.seconds:.1f} s ({info.rows:,} rows, {info.relations} tables and views); "
          f"size {os.path.getsize(mirror) / 1e6:.1f} MB (archive {os.path.getsize(db) / 1e6:.1f} MB)")
    ids = heaviest(db)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "flows.cli", "browse", "--db", db, "--mirror", mirror,
                               "--port", str(port)], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=60) as client:
            for _ in range(300):
                try:
                    client.get("/-/versions.json")
                    break
                except httpx.ConnectError:
                    time.sleep(0.1)
            pages = [("person page", f"/person/{ids['person']}"), ("document page", f"/document/{ids['document']}"),
                     ("awards page, faceted", "/vnarchive/awards_by_year"), ("unit page", f"/unit/{ids['unit']}")]
            for name, path in pages:
                ms = timed(client, path, args.requests)
                print(f"{name:22s} median {statistics.median(ms):6.0f} ms, slowest {max(ms):6.0f} ms "
                      f"({args.requests} requests, {path})")
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.db:
            tmp.cleanup()


if __name__ == "__main__":
    main()
