"""Ingest speed benchmark: generate N documents from bench/templates.toml, ingest them with the
real flow, print documents/second, peak RSS and the share of wall time per stage.

    .venv/bin/python bench/ingest_speed.py [-n 10000] [--runner local|dask] [--batch-size 250]
    .venv/bin/python bench/ingest_speed.py --corpus ../shared/corpus/real --repeat 53   # ~2,500 real docs

--corpus DIR copies the supported files of DIR `--repeat` times (each copy gets one distinct trailing
line, so every copy is a distinct document, not an alias of the first) instead of generating text.

Stages: read (bytes → clean text), extract (nlp), both in the extraction worker processes (their
busy time summed), load (DuckDB: store, resolve, search index),
fetch (none here), orchestration = flow wall time − the stages (Prefect task runs, result
persistence for the cache, with --runner dask task shipping), startup = time before and after
the flow body (the temporary Prefect API server, the flow run, a Dask cluster)."""
from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

HERE = Path(__file__).resolve().parent


def load_templates(path: Path = HERE / "templates.toml") -> dict:
    with open(path, "rb") as f:
        return tomllib.load(f)


def render(t: dict, rng: random.Random) -> tuple[str, str]:
    """(template name, text) with every slot filled from the template lists."""
    tpl = rng.choice(t["template"])
    people = rng.sample(t["people"], 2)
    year = rng.randint(2015, 2025)
    province = rng.choice(t["provinces"])
    slots = {"person": people[0], "person2": people[1], "title": rng.choice(t["titles"]),
             "title2": rng.choice(t["titles"]), "unit": rng.choice(t["units"]), "unit2": rng.choice(t["units"]),
             "province": province, "province_upper": province.upper(), "award": rng.choice(t["awards"]),
             "day": rng.randint(1, 28), "month": rng.randint(1, 12), "year": year, "year2": year - 5,
             "number": rng.randint(10, 3999), "number2": rng.randint(10, 3999), "movement": rng.choice(t["movements"])}
    return tpl["name"], tpl["text"].format(**slots)


def generate(n: int, folder: str | Path, seed: int = 1) -> list[str]:
    """Write n distinct .txt documents under folder (100 per subfolder); returns their paths."""
    t = load_templates()
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name, text = render(t, rng)
        sub = Path(folder) / f"{i // 100:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        p = sub / f"{name}-{i:06d}.txt"
        p.write_text(f"{text}\n(Tin số {i})\n", encoding="utf-8")
        out.append(str(p))
    return out


def replicate(src: str | Path, repeat: int, folder: str | Path) -> list[str]:
    """Copy the supported files under `src` `repeat` times into folder/NNNN/ (one subfolder per
    copy); each copy ends with a line naming its copy number, so no two copies share bytes."""
    sys.path.insert(0, str(HERE.parent))
    from extractors.read import SUPPORTED_SUFFIXES
    files = sorted(p for p in Path(src).rglob("*") if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
    out = []
    for r in range(repeat):
        sub = Path(folder) / f"{r:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        for f in files:
            data = f.read_bytes()
            if f.suffix.lower() in (".txt", ".html", ".htm"):
                data = data.rstrip() + f"\n\n(Bản sao {r})\n".encode()
            elif r:                                  # binary formats: identical bytes would be aliases
                continue
            dest = sub / f.name
            dest.write_bytes(data)
            out.append(str(dest))
    return out


class PeakRSS:
    """Peak resident memory of this process and its children (sampled every 50 ms)."""

    def __init__(self):
        import psutil
        self.proc = psutil.Process()
        self.peak = 0
        self._stop = threading.Event()
        self._t = threading.Thread(target=self._run, daemon=True)

    def _sample(self) -> None:
        import psutil
        total = self.proc.memory_info().rss
        for c in self.proc.children(recursive=True):
            try:
                total += c.memory_info().rss
            except psutil.Error:
                pass
        self.peak = max(self.peak, total)

    def _run(self) -> None:
        while not self._stop.wait(0.05):
            self._sample()

    def __enter__(self) -> "PeakRSS":
        self._t.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._t.join()
        self._sample()


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000, help="documents to generate")
    ap.add_argument("--corpus", default=None, help="ingest copies of the files of this folder instead")
    ap.add_argument("--repeat", type=int, default=1, help="with --corpus: how many copies of each file")
    ap.add_argument("--runner", default="local", choices=("local", "dask"))
    ap.add_argument("--batch-size", type=int, default=250)
    ap.add_argument("--running-server", action="store_true",
                    help="start the Prefect API server before timing, as scheduled deployments run "
                         "against a running server (default: the CLI's cold start is timed too)")
    ap.add_argument("--workdir", default=None, help="folder for the corpus and archive (default: a temp dir)")
    ap.add_argument("--rerun", action="store_true", help="then ingest the same files again and time that run")
    args = ap.parse_args(argv)

    sys.path.insert(0, str(HERE.parent))
    from flows.runtime import configure_env
    configure_env()
    work = Path(args.workdir or tempfile.mkdtemp(prefix="vnarchive-bench-"))
    corpus, db = work / "corpus", work / "bench.duckdb"
    t0 = time.perf_counter()
    if args.corpus:
        n = len(replicate(args.corpus, args.repeat, corpus))
        print(f"copied {n} documents ({args.corpus} x {args.repeat}) in {time.perf_counter() - t0:.1f} s under {corpus}")
    else:
        generate(args.n, corpus)
        print(f"generated {args.n} documents in {time.perf_counter() - t0:.1f} s under {corpus}")
    for suffix in ("", ".wal"):
        if os.path.exists(str(db) + suffix):
            os.remove(str(db) + suffix)

    from flows.ingest import ingest_flow
    from flows.runners import run_flow
    os.chdir(work)
    import contextlib
    from flows.runtime import shared_api_server
    params = dict(runner=args.runner, inputs=[str(corpus)], db=str(db), batch_size=args.batch_size,
                  sources_file=None, allow_private=False, take_lock=True)
    running = shared_api_server() if args.running_server else contextlib.nullcontext()
    with running, PeakRSS() as mem:
        t0 = time.perf_counter()
        with contextlib.nullcontext() if args.running_server else shared_api_server():   # as the CLI starts it
            result = run_flow(ingest_flow, **params)
        wall = time.perf_counter() - t0
        again = run_flow(ingest_flow, **params) if args.rerun else None
    s = result["seconds"]
    flow_wall = result["wall_seconds"]            # inside the flow body
    from flows.extract_pool import default_size
    workers = 2 if args.runner == "dask" else default_size()    # extraction worker processes
    stages = {k: s.get(k, 0.0) for k in ("read", "extract", "load", "fetch")}
    busy = stages["load"] + stages["fetch"] + (stages["read"] + stages["extract"]) / workers
    stages["orchestration"] = max(0.0, flow_wall - busy)          # task runs, result persistence
    stages["startup"] = max(0.0, wall - flow_wall)                # API server, flow run, cluster
    stored = result["counts"]["stored"]
    print(f"runner={args.runner} batch_size={args.batch_size} cores={os.cpu_count()}")
    print(f"documents: {stored} stored, {result['counts']['quarantined']} quarantined in {wall:.1f} s "
          f"→ {stored / wall:.1f} docs/s ({stored / flow_wall:.1f} docs/s inside the flow)")
    print(f"peak RSS (process + children, incl. the Prefect server): {mem.peak / 2**20:.0f} MiB")
    for k, v in stages.items():
        print(f"  {k:<14} {v:8.1f} s  {100 * v / wall:5.1f} % of wall")
    print(f"  (read/extract are busy time summed over the {workers} extraction workers; divided by that count "
          "to estimate orchestration)")
    orch = stages["orchestration"] + stages["startup"]
    print(f"orchestration incl. startup: {100 * orch / wall:.1f} % of wall "
          f"({'server already running' if args.running_server else 'cold start of the local Prefect API server included'})")
    if again is not None:
        c = again["counts"]
        print(f"re-run, nothing changed: {again['wall_seconds']:.1f} s inside the flow ({c['unchanged']} unchanged, "
              f"{c['stored']} stored)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
