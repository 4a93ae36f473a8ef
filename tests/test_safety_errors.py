"""F13: a bad configuration or --db is refused before anything is opened or created, with one
line on stderr naming the file and the problem, a non-zero exit and no traceback."""
from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.archive import run
from tests.hostile.harness import count, hostile_summary  # noqa: F401 (fixture)

pytestmark = pytest.mark.usefixtures("hostile_summary")
READERS = [["status"], ["quarantine", "list"], ["reprocess"], ["sql", "SELECT 1"], ["search", "tin"],
           ["export", "--out", "ra"]]


def one_line_error(res, *must_name: str) -> str:
    err = res.stderr.strip()
    assert res.popen.returncode != 0, res.stdout
    assert "Traceback" not in err and len(err.splitlines()) == 1, err
    assert err.startswith("vnarchive: ") and all(n in err for n in must_name), err
    return err


@pytest.fixture
def work(tmp_path: Path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Ngày 2/3/2024, Sở Nội vụ tỉnh Đông Lâm họp giao ban.\n", encoding="utf-8")
    (tmp_path / "thu-muc.duckdb").mkdir()
    (tmp_path / "chu.duckdb").write_text("không phải một kho DuckDB\n", encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize("toml, problem", [
    (b'[[source]]\nname = "x"\nkind = "rss2"\nurl = "https://x.vn/rss"\n', "'kind'"),
    (b'[[source]]\nname = "x"\nkind = "rss"\nurl = "https://x.vn/rss"\nmax_new_per_run = -1\n', "max_new_per_run"),
    (b'[[source\n', "not valid TOML"),
    ('[[source]]\nname = "Sở Nội vụ"\n'.encode("cp1252", errors="replace") + b"\xff\xfe", "UTF-8"),
])
@pytest.mark.parametrize("how", ["--sources", "input"])
def test_a_bad_sources_file_stops_before_the_archive_exists(work, toml, problem, how):
    (work / "nguon.toml").write_bytes(toml)
    args = ["--sources", "nguon.toml"] if how == "--sources" else ["nguon.toml"]
    count("errors: bad configuration")
    res = run(["ingest", "in", *args, "--db", "moi.duckdb"], work, None, "bad-toml", timeout=120)
    one_line_error(res, "nguon.toml", problem)
    assert not (work / "moi.duckdb").exists() and not (work / "moi.duckdb.lock").exists()


@pytest.mark.parametrize("db, problem", [("thu-muc.duckdb", "is a folder"), ("chu.duckdb", "not a vnarchive archive"),
                                         ("khong-co.duckdb", "no archive")])
@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0] + (f"-{c[1]}" if c[0] == "quarantine" else ""))
def test_a_bad_db_is_one_line_for_every_command(work, db, problem, command):
    count("errors: bad --db")
    res = run([*command, "--db", db], work, None, "bad-db", timeout=120)
    one_line_error(res, db, problem)
    assert (work / "chu.duckdb").read_text(encoding="utf-8") == "không phải một kho DuckDB\n"
    assert not (work / "khong-co.duckdb").exists() and not (work / "ra").exists()


@pytest.mark.parametrize("db, problem", [("thu-muc.duckdb", "is a folder"), ("chu.duckdb", "not a vnarchive archive"),
                                         ("/proc/khong-the/a.duckdb", "cannot create")])
def test_ingest_refuses_a_bad_db_before_reading_anything(work, db, problem):
    count("errors: bad --db")
    res = run(["ingest", "in", "--db", db], work, None, "bad-db-ingest", timeout=120)
    one_line_error(res, db, problem)
    assert not list(work.glob("*.lock"))
