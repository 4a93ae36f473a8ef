"""Stable ids and judgements through the CLI, on archives built by `vnarchive ingest` from the
documents of bench/resolution_gold (written for this project): any ingest order and batch size
gives the same people, units and ids; a later ingest keeps every published id resolvable; a
judgement survives `vnarchive reprocess` and a fresh `vnarchive resolve`."""
from __future__ import annotations

import random
import shutil
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "bench" / "resolution_gold" / "docs"
# namesakes across provinces, officials changing offices, a decision and its report, a merger
CORPUS = ("g01 g02 g03 g04 g05 g06 g12 g13 g14 g15 g17 g18 g19 g35 g36 g37 g43 g48 g49 g50 g52").split()

ENTITY_QUERIES = {
    "people": "SELECT * FROM people ORDER BY ALL",
    "units": "SELECT * FROM units ORDER BY ALL",
    "unit_aliases": "SELECT * FROM unit_aliases ORDER BY ALL",
    "links": """SELECT m.document_id, m.name_key, l.person_id, l.rule FROM person_links l
                JOIN person_mentions m USING (mention_id) ORDER BY ALL""",
    "offices": "SELECT * FROM offices ORDER BY ALL",
    "tenures": "SELECT * EXCLUDE (evidence) FROM tenures ORDER BY ALL",
    "successions": "SELECT * FROM unit_successions ORDER BY ALL",
    "candidates": "SELECT * FROM person_candidates ORDER BY ALL",
}


def docs(tmp_path: Path, prefixes=CORPUS) -> list[str]:
    """Copy the documents into the test's working directory; their paths relative to it."""
    (tmp_path / "docs").mkdir(exist_ok=True)
    out = []
    for p in sorted(GOLD.iterdir()):
        if p.name.split("_")[0] in prefixes:
            shutil.copy(p, tmp_path / "docs" / p.name)
            out.append(f"docs/{p.name}")
    return out


def entities(vn, db) -> dict[str, list]:
    return {k: vn.query(db, sql) for k, sql in ENTITY_QUERIES.items()}


def test_any_order_and_batch_size_gives_the_same_entities_and_ids(vn, tmp_path):
    files = docs(tmp_path)
    shuffled = files[:]
    random.Random(14).shuffle(shuffled)
    vn.ingest(*files, "--db", "a.duckdb", "--batch-size", "250")
    vn.ingest(*reversed(files), "--db", "b.duckdb", "--batch-size", "3")
    third = len(shuffled) // 3            # three nightly runs, each resolving what it has so far
    for part in (shuffled[:third], shuffled[third:2 * third], shuffled[2 * third:]):
        vn.ingest(*part, "--db", "c.duckdb", "--batch-size", "2")
    a, b, c = (entities(vn, tmp_path / f"{n}.duckdb") for n in "abc")
    assert a["people"] and a["units"] and a["tenures"]
    assert a == b
    assert a == c
    # the runs of c published ids that later runs merged or re-founded: all still resolve
    moved = vn.query(tmp_path / "c.duckdb", "SELECT count(*), count(current_id) FROM id_lookup WHERE status <> 'live'")
    assert moved[0][0] == moved[0][1]


def test_a_nightly_ingest_keeps_every_published_id_resolvable(vn, tmp_path):
    files = docs(tmp_path)
    first = [f for f in files if not f.startswith(("docs/g01", "docs/g02", "docs/g04", "docs/g43", "docs/g36"))]
    vn.ingest(*first, "--db", "n.duckdb")
    published = vn.query(tmp_path / "n.duckdb", """
        SELECT 'person', person_id FROM people UNION ALL SELECT 'unit', unit_id FROM units
        UNION ALL SELECT 'office', office_id FROM offices""")
    members = vn.query(tmp_path / "n.duckdb", """SELECT l.person_id, m.document_id, m.name_key FROM person_links l
                                                 JOIN person_mentions m USING (mention_id)""")
    # the next night brings later documents and two older ones found late (they found some people anew)
    vn.ingest(*files, "--db", "n.duckdb")
    lookup = {(k, i): (cur, status) for k, i, cur, status in vn.query(
        tmp_path / "n.duckdb", "SELECT kind, id, current_id, status FROM id_lookup")}
    for kind, old in published:
        cur, status = lookup[(kind, old)]
        assert status in ("live", "redirected") and cur is not None, (kind, old, status)
    now = {(d, k): p for p, d, k in vn.query(tmp_path / "n.duckdb", """SELECT l.person_id, m.document_id, m.name_key
                                             FROM person_links l JOIN person_mentions m USING (mention_id)""")}
    for old, doc, key in members:                  # an old id still means the person of its mentions
        assert lookup[("person", old)][0] == now[(doc, key)]
    changes = {c for (c,) in vn.query(tmp_path / "n.duckdb", "SELECT DISTINCT change FROM id_redirects")}
    assert "superseded" in changes


def _person(vn, db, doc_prefix: str, name: str) -> str:
    rows = vn.query(db, """SELECT l.person_id FROM person_links l JOIN person_mentions m USING (mention_id)
                           JOIN documents d USING (document_id) WHERE d.doc_key LIKE ? AND m.name = ?""",
                    [f"docs/{doc_prefix}%", name])
    assert len(rows) == 1, rows
    return rows[0][0]


def test_judgements_through_the_cli_survive_reprocess_and_a_fresh_resolve(vn, tmp_path, sample_files):
    files = docs(tmp_path)
    db = tmp_path / "j.duckdb"
    vn.ingest(*files, *sample_files, "--db", str(db))

    # the review queue offers the Bắc Ninh farmer's two articles (no office, no shared unit)
    res = vn("resolve", "candidates", "--db", str(db), "--name", "Nguyễn Văn Thành", "--format", "csv")
    assert "Nguyễn Văn Thành" in res.stdout
    g48, g50, g49 = (_person(vn, db, p, "Nguyễn Văn Thành") for p in ("g48", "g50", "g49"))
    vn("resolve", "merge", g48, g50, "--db", str(db), "--who", "tester", "--note", "same village, same farm")
    vn("resolve", "not-same", _person(vn, db, "g48", "Nguyễn Văn Thành"), g49, "--db", str(db), "--who", "tester")
    # the rules make one Lê Minh Tuấn of Hà Tĩnh; a reviewer takes one document's mention apart
    tuan = _person(vn, db, "g14", "Lê Minh Tuấn")
    g14 = vn.query(db, "SELECT document_id FROM documents WHERE doc_key LIKE 'docs/g14%'")[0][0]
    vn("resolve", "split", tuan, "--documents", g14, "--db", str(db), "--who", "tester")

    def state():
        return (_person(vn, db, "g48", "Nguyễn Văn Thành") == _person(vn, db, "g50", "Nguyễn Văn Thành"),
                _person(vn, db, "g48", "Nguyễn Văn Thành") != _person(vn, db, "g49", "Nguyễn Văn Thành"),
                _person(vn, db, "g14", "Lê Minh Tuấn") != _person(vn, db, "g12", "Lê Minh Tuấn"),
                _person(vn, db, "g12", "Lê Minh Tuấn") == _person(vn, db, "g13", "Lê Minh Tuấn"))

    assert state() == (True, True, True, True)
    log = vn.query(db, "SELECT who, judgement, origin FROM judgements ORDER BY decided_at")
    assert log == [("tester", "same", "merge"), ("tester", "not_same", "not-same"), ("tester", "not_same", "split")]
    vn("reprocess", "--db", str(db))
    assert state() == (True, True, True, True)
    vn("resolve", "--db", str(db))
    assert state() == (True, True, True, True)
    assert vn.query(db, "SELECT count(*) FROM judgements")[0][0] == 3
    # the judged pair is no longer a candidate; an old id of a merged person still resolves
    res = vn("resolve", "show", g48 if g48 != _person(vn, db, "g48", "Nguyễn Văn Thành") else g50, "--db", str(db))
    assert "redirected" in res.stdout or "live" in res.stdout
    # exports carry the judgement log and the id history
    vn("export", "--out", str(tmp_path / "out"), "--format", "csv", "--db", str(db))
    assert (tmp_path / "out" / "judgements.csv").read_text(encoding="utf-8").count("tester") == 3
    assert (tmp_path / "out" / "id_redirects.csv").exists()


def _thu(vn, db, sample: str) -> str:
    """The person id of Võ Thị Minh Thư's mention in samples/SAMPLE*."""
    rows = vn.query(db, """SELECT DISTINCT l.person_id FROM person_links l JOIN person_mentions m USING (mention_id)
                           JOIN documents d USING (document_id) WHERE d.doc_key LIKE ? AND m.name = ?""",
                    [f"samples/{sample}%", "Võ Thị Minh Thư"])
    assert len(rows) == 1, rows
    return rows[0][0]


def _doc(vn, db, sample: str) -> str:
    return vn.query(db, "SELECT document_id FROM documents WHERE doc_key LIKE ?", [f"samples/{sample}%"])[0][0]


def test_the_newest_judgement_on_a_pair_of_mentions_holds_and_what_gives_way_is_said(vn, tmp_path, sample_archive):
    """Two splits take two documents' Võ Thị Minh Thư apart; a merge of the two ids they made then
    joins them: it is newer than the first split, which gives way on that one pair (and says so,
    with the way to withdraw it); its other pairs still hold, so the rest stays apart."""
    db = tmp_path / "s.duckdb"
    shutil.copy(sample_archive, db)
    thu = _thu(vn, db, "01")
    assert {_thu(vn, db, s) for s in ("02", "07")} == {thu}
    first = vn("resolve", "split", thu, "--documents", _doc(vn, db, "07"), "--db", str(db), "--who", "tester")
    vn("resolve", "split", thu, "--documents", _doc(vn, db, "02"), "--db", str(db), "--who", "tester")
    split_07 = first.stdout.split()[1].rstrip(":")
    a, b = _thu(vn, db, "07"), _thu(vn, db, "02")
    assert len({a, b, _thu(vn, db, "01")}) == 3
    res = vn("resolve", "merge", a, b, "--db", str(db), "--who", "tester")
    merge = res.stdout.split()[1].rstrip(":")
    assert _thu(vn, db, "07") == _thu(vn, db, "02") != _thu(vn, db, "01")
    given_way = [ln for ln in res.stdout.splitlines() if "not applied" in ln]
    assert len(given_way) == 1, res.stdout
    assert given_way[0].strip().startswith(f"not applied to 1 of its 3 pairs of mentions: {split_07} ")
    assert f"the newer {merge} decides" in given_way[0]
    assert f"`vnarchive resolve unsure {thu} documents:{_doc(vn, db, '07')}`" in given_way[0]
    # a later run says it again, and so does a run after reprocessing
    assert vn("resolve", "--db", str(db)).stdout.count("not applied") == 1
    vn("reprocess", "--db", str(db))
    assert _thu(vn, db, "07") == _thu(vn, db, "02") != _thu(vn, db, "01")
    # withdrawing the merge (its ids are one person now) brings the first split back in full
    res = vn("resolve", "unsure", a, b, "--db", str(db), "--who", "tester")
    assert len({_thu(vn, db, s) for s in ("01", "02", "07")}) == 3
    assert "not applied" not in vn("resolve", "--db", str(db)).stdout


def _person_in(vn, db, sample: str, name: str) -> str:
    return vn.query(db, """SELECT l.person_id FROM person_links l JOIN person_mentions m USING (mention_id)
                           WHERE m.document_id = ? AND m.name = ?""", [_doc(vn, db, sample), name])[0][0]


def test_a_not_same_made_after_a_merge_holds(vn, tmp_path, sample_archive):
    """Rơ Mah Tuấn (samples 01, 02, 09) merged with Trần Văn Lộc (02), then 01's mention split off:
    the split is newer, so it decides the 3 pairs of 01's mention with the others, and the merge
    still joins the rest (its other 3 pairs)."""
    db = tmp_path / "s.duckdb"
    shutil.copy(sample_archive, db)
    tuan, loc = (vn.query(db, "SELECT person_id FROM people WHERE name = ?", [n])[0][0]
                 for n in ("Rơ Mah Tuấn", "Trần Văn Lộc"))
    merged = vn("resolve", "merge", tuan, loc, "--db", str(db), "--who", "tester").stdout.split()[1].rstrip(":")
    assert "not applied" not in vn("resolve", "--db", str(db)).stdout
    now = vn.query(db, "SELECT current_id FROM id_lookup WHERE id = ?", [tuan])[0][0]
    assert vn.query(db, "SELECT current_id FROM id_lookup WHERE id = ?", [loc])[0][0] == now
    res = vn("resolve", "split", now, "--documents", _doc(vn, db, "01"), "--db", str(db), "--who", "tester")
    line, = [ln for ln in res.stdout.splitlines() if "not applied" in ln]
    assert line.strip().startswith(f"not applied to 3 of its 6 pairs of mentions: {merged} ")
    loc_02 = _person_in(vn, db, "02", "Trần Văn Lộc")
    assert _person_in(vn, db, "01", "Rơ Mah Tuấn") != loc_02
    assert _person_in(vn, db, "02", "Rơ Mah Tuấn") == _person_in(vn, db, "09", "Rơ Mah Tuấn") == loc_02
    # every id published on the way still leads to the mentions it named: Lộc's id, merged away by the
    # first judgement, follows his mention of 02 when the split moves it (not the id it was merged into)
    lookup = dict(vn.query(db, "SELECT id, current_id FROM id_lookup WHERE kind = 'person'"))
    assert lookup[loc] == loc_02
    assert lookup[tuan] == _person_in(vn, db, "01", "Rơ Mah Tuấn")
    assert vn.query(db, "SELECT change FROM id_redirects WHERE old_id = ? ORDER BY changed_at DESC, change LIMIT 1",
                    [loc])[0][0] in ("moved", "merged")


def test_judging_unknown_or_mismatched_ids_fails_with_one_line(vn, tmp_path):
    files = docs(tmp_path, ("g12", "g13"))
    db = tmp_path / "e.duckdb"
    vn.ingest(*files, "--db", str(db))
    res = vn("resolve", "merge", "P-000000000000", "P-000000000001", "--db", str(db), expect=2)
    assert "no such id" in res.stderr
    unit = vn.query(db, "SELECT min(unit_id) FROM units")[0][0]
    person = vn.query(db, "SELECT min(person_id) FROM people")[0][0]
    res = vn("resolve", "not-same", person, unit, "--db", str(db), expect=2)
    assert "not the same kind" in res.stderr
