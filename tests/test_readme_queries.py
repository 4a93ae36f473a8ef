"""Every ```sql block in the README runs against the archive `make run` builds from samples/
and returns rows, so the examples researchers copy keep working."""
from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parent.parent / "README.md"
SQL_BLOCK = re.compile(r"```sql\n(.*?)```", re.S)


def test_readme_queries_run_on_the_sample_archive(vn, tmp_path, sample_files):
    queries = SQL_BLOCK.findall(README.read_text(encoding="utf-8"))
    assert len(queries) >= 3
    db = tmp_path / "archive.duckdb"
    vn.ingest(*sample_files, "--db", str(db))
    for sql in queries:
        res = vn("sql", "--db", str(db), "--format", "json", sql.strip())
        assert res.stdout.strip() not in ("", "[]"), sql
