"""Helpers for the crash, concurrency and output tests: run `vnarchive` as a real subprocess
(own process group, so SIGKILL takes its children too), watch an archive between batches,
and check an archive's integrity or compare it with another one."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

REPO = Path(__file__).resolve().parents[2]
LOG_TABLES = {"runs", "fetch_log"}      # grow with every run by design
FACT_TABLES = ("person_mentions", "positions", "unit_mentions", "awards", "date_mentions", "legal_refs",
               "movement_mentions")
# tables whose rows must be unique by these columns (besides declared primary keys)
UNIQUE = {"document_versions": ("document_id", "version"), "person_mentions": ("mention_id",),
          "positions": ("position_id",), "unit_mentions": ("mention_id",), "awards": ("award_id",),
          "date_mentions": ("document_id", "ordinal"), "legal_refs": ("document_id", "ordinal"),
          "movement_mentions": ("document_id", "ordinal")}


def generate_corpus(folder: Path, n: int, seed: int = 11) -> list[str]:
    """n small distinct Vietnamese news .txt files (bench/templates.toml)."""
    sys.path.insert(0, str(REPO / "bench"))
    try:
        import ingest_speed
    finally:
        sys.path.pop(0)
    return ingest_speed.generate(n, folder, seed=seed)


@dataclass
class Proc:
    popen: subprocess.Popen
    out: Path
    err: Path

    def wait(self, timeout: float = 300) -> int:
        return self.popen.wait(timeout=timeout)

    def kill(self) -> None:
        """SIGKILL the whole process group (the CLI and anything it started)."""
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.popen.wait(timeout=30)

    @property
    def stdout(self) -> str:
        return self.out.read_text(encoding="utf-8", errors="replace")

    @property
    def stderr(self) -> str:
        return self.err.read_text(encoding="utf-8", errors="replace")


def clean_archive(root: Path, api_url: str | None, n_docs: int, batch: int) -> dict:
    """Generate `n_docs` documents under root/in and ingest them uninterrupted into
    root/clean.duckdb: the reference a crashed or contended run must end up equal to."""
    generate_corpus(root / "in", n_docs)
    clean = run(["ingest", "in", "--db", "clean.duckdb", "--batch-size", str(batch)], root, api_url, "clean")
    assert clean.popen.returncode == 0, clean.stderr
    snap = snapshot(root / "clean.duckdb")
    assert snap["counts"]["documents"] == n_docs
    return snap


@pytest.fixture(scope="module")
def api_url(prefect_api) -> str:
    """The session's Prefect test server, shared by the subprocesses (no server start per run)."""
    from prefect.settings import PREFECT_API_URL
    return PREFECT_API_URL.value()


def cli_env(api_url: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VNARCHIVE_")}
    env.update(PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_LOGGING_LEVEL="WARNING", PYTHONUNBUFFERED="1")
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def spawn(args: list[str], cwd: Path, api_url: str | None, tag: str, preexec_fn=None) -> Proc:
    """`vnarchive ARGS` in `cwd` as its own process group; output to files (tag.out / tag.err)."""
    out, err = cwd / f"{tag}.out", cwd / f"{tag}.err"
    with open(out, "wb") as o, open(err, "wb") as e:
        p = subprocess.Popen([sys.executable, "-m", "flows.cli", *args], cwd=cwd, env=cli_env(api_url),
                             stdout=o, stderr=e, start_new_session=True, preexec_fn=preexec_fn)
    return Proc(p, out, err)


def run(args: list[str], cwd: Path, api_url: str | None, tag: str, timeout: float = 300, preexec_fn=None) -> Proc:
    p = spawn(args, cwd, api_url, tag, preexec_fn)
    try:
        p.wait(timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        raise
    return p


def try_count(db: Path, sql: str = "SELECT count(*) FROM documents") -> int | None:
    """A read-only query between the writer's batches; None while the writer holds the file."""
    if not db.exists():
        return None
    try:
        con = duckdb.connect(str(db), read_only=True)
    except duckdb.Error:
        return None
    try:
        return con.execute(sql).fetchone()[0]
    except duckdb.Error:       # schema not created yet
        return None
    finally:
        con.close()


def wait_until(db: Path, proc: Proc, at_least: int, timeout: float = 120) -> int:
    """Poll (read-only, between batches) until `documents` holds at least `at_least` rows."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        n = try_count(db)
        if n is not None and n >= at_least:
            return n
        if proc.popen.poll() is not None:
            raise AssertionError(f"the ingest ended (exit {proc.popen.returncode}) before {at_least} documents "
                                 f"were committed\n{proc.stderr[-2000:]}")
        time.sleep(0.02)
    raise AssertionError(f"fewer than {at_least} documents after {timeout} s")


def wait_for_writer(db: Path, proc: Proc, timeout: float = 60) -> None:
    """Return the moment the writer holds the archive open (inside a batch's write)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            duckdb.connect(str(db), read_only=True).close()
        except duckdb.IOException as e:
            if "lock" in str(e).lower():
                return
        if proc.popen.poll() is not None:
            raise AssertionError(f"the ingest ended (exit {proc.popen.returncode}) before it was caught writing")
        time.sleep(0.003)
    raise AssertionError(f"never caught the writer holding {db} within {timeout} s")


def query(db: Path, sql: str, params: list | None = None) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def snapshot(db: Path) -> dict:
    """What must be equal between two archives of the same inputs: row counts of the data tables,
    document ids with their latest version, and per document the number of rows of each fact table."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        from warehouse.schema import tables
        names = [t.name for t in tables() if t.name not in LOG_TABLES]
        counts = {n: con.execute(f"SELECT count(*) FROM {n}").fetchone()[0] for n in names}
        docs = dict(con.execute("SELECT document_id, latest_version FROM documents").fetchall())
        facts = {t: dict(con.execute(f"SELECT document_id, count(*) FROM {t} GROUP BY 1").fetchall())
                 for t in FACT_TABLES}
        open_q = sorted(con.execute("SELECT doc_key, reason FROM quarantine WHERE resolved_at IS NULL").fetchall())
    finally:
        con.close()
    return {"counts": counts, "documents": docs, "facts": facts, "quarantine": open_q}


def integrity_problems(db: Path) -> list[str]:
    """Duplicates, facts without their document, documents without versions/raw bytes/search row."""
    con = duckdb.connect(str(db), read_only=True)
    problems: list[str] = []

    def check(label: str, sql: str) -> None:
        n = con.execute(sql).fetchone()[0]
        if n:
            problems.append(f"{label}: {n}")
    try:
        from warehouse.schema import tables
        for t in tables():
            cols = t.key or UNIQUE.get(t.name)
            if cols:
                c = ", ".join(cols)
                check(f"duplicate {t.name} ({c})", f"SELECT count(*) - count(DISTINCT ({c})) FROM {t.name}")
        for t in FACT_TABLES + ("document_versions", "document_urls", "search_docs"):
            check(f"{t} rows without their document",
                  f"SELECT count(*) FROM {t} WHERE document_id NOT IN (SELECT document_id FROM documents)")
        check("documents without their latest version",
              "SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM document_versions v "
              "WHERE v.document_id = d.document_id AND v.version = d.latest_version)")
        check("versions without raw bytes",
              "SELECT count(*) FROM document_versions WHERE version NOT IN (SELECT sha256 FROM raw_objects)")
        check("documents without a search row",
              "SELECT count(*) FROM documents WHERE document_id NOT IN (SELECT document_id FROM search_docs)")
        check("positions without their person mention",
              "SELECT count(*) FROM positions WHERE mention_id NOT IN (SELECT mention_id FROM person_mentions)")
    finally:
        con.close()
    return problems


# -- time, memory and processes of a command ------------------------------------------------------
@dataclass
class Measured:
    proc: Proc
    seconds: float
    peak_by_pid: dict[int, int]         # pid → peak resident bytes (the CLI and every child it started)
    peak_total: int                     # peak of the sum over the tree

    @property
    def peak_process(self) -> int:
        return max(self.peak_by_pid.values(), default=0)


def tree(pid: int) -> list:
    """psutil.Process of `pid` and all its descendants (those still alive)."""
    import psutil
    try:
        root = psutil.Process(pid)
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []


def run_measured(args: list[str], cwd: Path, api_url: str | None, tag: str, timeout: float = 120,
                 preexec_fn=None) -> Measured:
    """`vnarchive ARGS`, its wall time and the resident memory of its process tree (sampled every 50 ms)."""
    import psutil
    started = time.monotonic()
    p = spawn(args, cwd, api_url, tag, preexec_fn)
    peaks: dict[int, int] = {}
    total = 0
    while p.popen.poll() is None:
        if time.monotonic() - started > timeout:
            p.kill()
            raise AssertionError(f"{args} still running after {timeout} s")
        now = 0
        for proc in tree(p.popen.pid):
            try:
                rss = proc.memory_info().rss
            except psutil.Error:
                continue
            peaks[proc.pid] = max(peaks.get(proc.pid, 0), rss)
            now += rss
        total = max(total, now)
        time.sleep(0.05)
    return Measured(p, time.monotonic() - started, peaks, total)


def without_dac_override() -> None:
    """preexec_fn: drop CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH (bounding and current sets), so
    file permissions apply to a test run as root too (children keep them dropped)."""
    import ctypes
    libc = ctypes.CDLL(None, use_errno=True)
    caps = (1, 2)

    class Header(ctypes.Structure):
        _fields_ = [("version", ctypes.c_uint32), ("pid", ctypes.c_int)]

    class Data(ctypes.Structure):
        _fields_ = [("effective", ctypes.c_uint32), ("permitted", ctypes.c_uint32), ("inheritable", ctypes.c_uint32)]

    for c in caps:
        libc.prctl(24, c, 0, 0, 0)                       # PR_CAPBSET_DROP
    header, data = Header(0x20080522, 0), (Data * 2)()   # _LINUX_CAPABILITY_VERSION_3
    libc.capget(ctypes.byref(header), data)
    keep = ~sum(1 << c for c in caps) & 0xFFFFFFFF
    data[0].effective &= keep
    data[0].permitted &= keep
    data[0].inheritable &= keep
    libc.capset(ctypes.byref(header), data)
