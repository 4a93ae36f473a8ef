"""Seeds and samples ingested together through the CLI: one real person and one real unit get
one id across documents, with their offices and parent (issue: research-grade archive)."""
from __future__ import annotations


def test_seeds_and_samples_resolve_across_documents(vn, tmp_path, seeds_dir, sample_files):
    db = tmp_path / "archive.duckdb"
    summary = vn.ingest(str(seeds_dir), *sample_files, "--db", str(db))
    assert summary["counts"]["quarantined"] == 0

    # Ngô Hải Phan: one person, with the offices of both seed articles that name him
    rows = vn.query(db, """SELECT DISTINCT person_id, title, unit_name, document_id FROM person_timeline
                           WHERE person_name = 'Ngô Hải Phan'""")
    assert len({r[0] for r in rows}) == 1 and rows[0][0] is not None
    assert len({r[3] for r in rows}) == 2
    titles = {r[1] for r in rows}
    assert {"Cục trưởng", "Bí thư"} <= titles
    assert {r[2] for r in rows if r[1] == "Cục trưởng"} == {"Cục Kiểm soát thủ tục hành chính"}

    # Cục Kiểm soát thủ tục hành chính = Cục Kiểm soát TTHC, one unit under Văn phòng Chính phủ (VPCP)
    ids = vn.query(db, """SELECT DISTINCT unit_id FROM unit_aliases
                          WHERE alias_key IN ('cục kiểm soát thủ tục hành chính', 'cục kiểm soát tthc')""")
    assert len(ids) == 1
    unit = vn.query(db, "SELECT name, parent_name FROM unit_tree WHERE unit_id = ?", [ids[0][0]])
    assert unit == [("Cục Kiểm soát thủ tục hành chính", "Văn phòng Chính phủ")]
    vpcp = vn.query(db, """SELECT DISTINCT u.unit_id FROM unit_aliases a JOIN units u USING (unit_id)
                           WHERE a.alias_key IN ('vpcp', 'văn phòng chính phủ')""")
    assert len(vpcp) == 1

    # the merges a researcher can inspect explain how the forms were joined
    assert vn.query(db, "SELECT count(*) FROM merges WHERE confidence > 0")[0][0] > 0

    # and a second ingest of the same inputs changes nothing
    before = vn.counts(db)
    vn.ingest(str(seeds_dir), *sample_files, "--db", str(db))
    assert vn.counts(db) == before
