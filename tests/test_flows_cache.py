"""No result cache outside the archive (F8): a re-run skips the files whose bytes the archive
already holds (by sha256, not by path, size and mtime), so a file whose content changed while
its size and mtime did not (cp -p, rsync -a, tar x) is stored with its NEW bytes, in the same
archive and in a new one; nothing is written to Prefect's result storage."""
from __future__ import annotations

import os
from pathlib import Path


def _stored_files(root: Path) -> set[str]:
    return {str(p) for p in root.rglob("*") if p.is_file()} if root.exists() else set()


def _write_same_size_and_mtime(path: Path, text: str) -> None:
    """New content of the same length, with the old mtime put back (as cp -p or rsync -a do)."""
    st = path.stat()
    data = text.encode("utf-8")
    assert len(data) == st.st_size
    path.write_bytes(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))


def test_changed_content_with_the_same_size_and_mtime_is_stored(vn, tmp_path):
    from prefect.settings import PREFECT_LOCAL_STORAGE_PATH, temporary_settings
    storage = tmp_path / "prefect-storage"
    with temporary_settings({PREFECT_LOCAL_STORAGE_PATH: storage}):
        _same_size_and_mtime(vn, tmp_path)
    assert _stored_files(storage) == set()     # no copy of any document outside the archive


def _same_size_and_mtime(vn, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(6):
        (folder / f"tin-{i}.txt").write_text(f"Ngày {i + 1}/5/2024, Sở Y tế tỉnh Bạch Vân họp giao ban lần {i}.\n",
                                             encoding="utf-8")
    first = vn.ingest("in", "--db", "c.duckdb", "--batch-size", "3")
    assert first["counts"]["stored"] == 6
    counts = vn.counts("c.duckdb")

    # same length, same mtime, different words (the day and the province)
    _write_same_size_and_mtime(folder / "tin-5.txt", "Ngày 9/5/2024, Sở Y tế tỉnh Đông Lâm họp giao ban lần 5.\n")
    second = vn.ingest("in", "--db", "c.duckdb", "--batch-size", "3")
    latest = vn.query("c.duckdb", "SELECT text FROM documents_latest WHERE doc_key = 'in/tin-5.txt'")
    assert "Đông Lâm" in latest[0][0]
    after = vn.counts("c.duckdb")
    assert after["documents"] == counts["documents"]
    assert after["document_versions"] == counts["document_versions"] + 1
    assert (second["counts"]["stored"], second["counts"]["unchanged"]) == (1, 5)

    # a new archive of the same files holds today's bytes and facts, not a cached copy
    fresh = vn.ingest("in", "--db", "moi.duckdb", "--batch-size", "3")
    assert fresh["counts"]["stored"] == 6
    dates = {v for (v,) in vn.query("moi.duckdb", "SELECT m.value FROM date_mentions m JOIN documents d "
                                                  "USING (document_id) WHERE d.doc_key = 'in/tin-5.txt'")}
    assert dates == {"2024-05-09"}, dates
    text = vn.query("moi.duckdb", "SELECT text FROM documents_latest WHERE doc_key = 'in/tin-5.txt'")[0][0]
    assert "Đông Lâm" in text and "Bạch Vân" not in text


def test_a_rerun_extracts_nothing_and_says_so(vn, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(4):
        (folder / f"b-{i}.txt").write_text(f"Ngày {i + 1}/6/2024, UBND huyện Tân Khê họp phiên thứ {i}.\n",
                                           encoding="utf-8")
    vn.ingest("in", "--db", "r.duckdb")
    again = vn("ingest", "in", "--db", "r.duckdb")
    assert "4 inputs, 0 stored, 4 unchanged, 0 quarantined" in again.stdout, again.stdout
