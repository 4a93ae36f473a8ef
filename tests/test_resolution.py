"""Entity resolution as researchers cite it: occupancies over time, unit successions, the judgement
log, id redirects, candidates. Documents: bench/resolution_gold/docs (written for this project),
read, extracted and stored with the real pipeline (no Prefect)."""
from __future__ import annotations

import json
from datetime import date
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.read import read_path, read_raw
from nlp.pipeline import extract
from warehouse import judgements
from warehouse.archive import Archive, document_id_for
from warehouse.load import LoadItem

GOLD = Path(__file__).resolve().parent.parent / "bench" / "resolution_gold" / "docs"


@lru_cache(maxsize=None)
def item(name: str) -> LoadItem:
    raw = read_path(str(GOLD / name))
    raw.uri = name
    doc = read_raw(raw)
    return LoadItem(raw=raw, doc=doc, extraction=extract(doc))


def items(prefixes: str) -> list[LoadItem]:
    """Items of the gold documents whose names start with one of the space-separated prefixes."""
    return [item(p.name) for p in sorted(GOLD.iterdir()) if p.name.startswith(tuple(prefixes.split()))]


@pytest.fixture
def arc(tmp_path):
    a = Archive.open(str(tmp_path / "a.duckdb"))
    yield a
    a.close()


def q(arc: Archive, sql: str, params: list | None = None) -> list[tuple]:
    return arc.con.execute(sql, params or []).fetchall()


def person_of(arc: Archive, doc_name: str, name: str) -> str:
    (pid,), = q(arc, "SELECT l.person_id FROM person_links l JOIN person_mentions m USING (mention_id) "
                     "WHERE m.document_id = ? AND m.name = ?", [document_id_for(doc_name), name])
    return pid


def test_who_held_an_office_when(arc):
    """Giám đốc Sở Nội vụ tỉnh Hà Tĩnh: a retirement and an appointment from 1/3/2020 stated in one
    document; in another (20/8/2023) the director's election as Phó Chủ tịch of the province's UBND
    (the Sở's parent) and a successor appointed from 21/8/2023."""
    arc.store_batch(items("g12 g13 g14 g15 g16"))
    arc.resolve_entities()
    rows = q(arc, """SELECT person_name, start_on, start_basis, end_on, end_basis, status FROM office_holders
                     WHERE title = 'Giám đốc' AND unit_name = 'Sở Nội vụ tỉnh Hà Tĩnh' ORDER BY holder_order""")
    assert rows == [("Võ Thị Hạnh", date(2018, 6, 10), "observed", date(2020, 3, 1), "text", "former"),
                    ("Lê Minh Tuấn", date(2020, 3, 1), "text", date(2023, 8, 20), "moved", "former"),
                    ("Nguyễn Thị Thu Trang", date(2023, 8, 21), "text", None, None, "current")]
    # promoted within the unit: the deputy office ends when the head office starts
    deputy = q(arc, """SELECT end_on, end_basis FROM occupancies WHERE person_name = 'Lê Minh Tuấn'
                       AND title = 'Phó Giám đốc'""")
    assert deputy == [(date(2020, 3, 1), "moved")]
    # every occupancy keeps the documents and spans that show it
    (evidence,), = q(arc, """SELECT evidence FROM occupancies WHERE person_name = 'Võ Thị Hạnh'""")
    kinds = [(e["document_id"], e["kind"]) for e in json.loads(evidence)]
    assert (document_id_for("g13_hatinh_bo_nhiem_giam_doc_snv.txt"), "end:retired") in kinds
    timeline = q(arc, """SELECT DISTINCT tenure_status FROM person_timeline WHERE person_name = 'Võ Thị Hạnh'""")
    assert timeline == [("former",)]


def test_a_retirement_in_a_document_naming_only_a_former_office_ends_it(arc):
    arc.store_batch(items("g20 g21 g22"))
    arc.resolve_entities()
    assert q(arc, """SELECT start_on, end_on, end_basis, status FROM occupancies
                     WHERE person_name = 'Trần Thị Hoa'""") == [(date(2017, 9, 5), date(2022, 8, 1), "text", "former")]


def test_units_follow_a_stated_merger_and_the_2025_merger_of_provinces(arc):
    arc.store_batch(items("g17 g19 g35 g36 g37"))
    arc.resolve_entities()
    names = dict(q(arc, "SELECT unit_id, name FROM units"))
    links = {(names[a], names[b], basis) for a, b, basis in
             q(arc, "SELECT predecessor_unit_id, successor_unit_id, basis FROM unit_successions")}
    assert ("Sở Nội vụ tỉnh Bình Phước", "Sở Nội vụ tỉnh Đồng Nai", "text") in links
    assert ("Hội Liên hiệp Phụ nữ tỉnh Quảng Nam", "Hội Liên hiệp Phụ nữ thành phố Đà Nẵng",
            "province_merger_2025") in links
    lineage = {names[r] for (r,) in q(arc, """SELECT related_unit_id FROM unit_lineage l JOIN units u
                                              ON u.unit_id = l.unit_id WHERE u.name = 'Sở Nội vụ tỉnh Bình Phước'""")}
    assert lineage == {"Sở Nội vụ tỉnh Bình Phước", "Sở Nội vụ tỉnh Đồng Nai"}


def test_namesakes_in_other_provinces_stay_apart_and_become_candidates(arc):
    """Two Lê Minh Tuấn, both Phó Giám đốc Sở Nội vụ, of Hà Tĩnh and of Đồng Nai; farmers named
    Nguyễn Văn Thành in Bắc Ninh and Cà Mau with no office at all."""
    arc.store_batch(items("g12 g17 g18 g48 g49 g50"))
    arc.resolve_entities()
    assert person_of(arc, "g12_hatinh_snv_so_ket.txt", "Lê Minh Tuấn") != \
        person_of(arc, "g17_dongnai_snv_hoi_nghi_cong_chuc.txt", "Lê Minh Tuấn")
    assert person_of(arc, "g17_dongnai_snv_hoi_nghi_cong_chuc.txt", "Lê Minh Tuấn") == \
        person_of(arc, "g18_dongnai_tuyen_dung_vien_chuc.txt", "Lê Minh Tuấn")
    thanh = {person_of(arc, d, "Nguyễn Văn Thành") for d in ("g48_bacninh_nong_dan_gioi.txt",
                                                             "g49_camau_hien_dat_lam_duong.txt",
                                                             "g50_bacninh_rau_an_toan.txt")}
    assert len(thanh) == 3                     # a name alone never merges documents
    pairs = q(arc, "SELECT left_person_id, right_person_id FROM person_candidates WHERE name = 'Nguyễn Văn Thành'")
    assert {frozenset(p) for p in pairs} == {frozenset(p) for p in [(a, b) for a in thanh for b in thanh if a < b]}


def test_a_bare_mention_joins_the_one_office_holder_whose_unit_its_document_names(arc):
    arc.store_batch(items("g12 g13 g52"))
    arc.resolve_entities()
    hanh = {person_of(arc, d, "Võ Thị Hạnh") for d in ("g12_hatinh_snv_so_ket.txt",
                                                        "g52_hatinh_snv_gap_mat_huu_tri.txt")}
    assert len(hanh) == 1
    (rule,), = q(arc, "SELECT l.rule FROM person_links l JOIN person_mentions m USING (mention_id) "
                      "WHERE m.document_id = ?", [document_id_for("g52_hatinh_snv_gap_mat_huu_tri.txt")])
    assert rule == "same_name_unit_in_document"


def _judge(arc: Archive, left: str, right: str, verdict: str, documents: list[str] | None = None) -> None:
    kind, lm, rm = judgements.sides(arc.con, left, right, verdict, documents)
    judgements.append(arc.con, [judgements.judgement_row(kind, left, right, verdict, lm, rm, "test", "cli")])


def test_judgements_bind_every_later_run_and_the_latest_on_a_pair_holds(arc):
    arc.store_batch(items("g48 g49 g50"))
    arc.resolve_entities()
    a = person_of(arc, "g48_bacninh_nong_dan_gioi.txt", "Nguyễn Văn Thành")
    b = person_of(arc, "g50_bacninh_rau_an_toan.txt", "Nguyễn Văn Thành")
    _judge(arc, a, b, "same")
    arc.resolve_entities()
    merged = person_of(arc, "g48_bacninh_nong_dan_gioi.txt", "Nguyễn Văn Thành")
    assert merged == person_of(arc, "g50_bacninh_rau_an_toan.txt", "Nguyễn Văn Thành")
    gone = a if merged == b else b
    assert q(arc, "SELECT current_id, status FROM id_lookup WHERE id = ?", [gone]) == [(merged, "redirected")]
    assert q(arc, "SELECT change FROM id_redirects WHERE old_id = ?", [gone]) == [("merged",)]
    _judge(arc, a, b, "unsure")               # withdraws it: the rules decide again
    arc.resolve_entities()
    assert person_of(arc, "g48_bacninh_nong_dan_gioi.txt", "Nguyễn Văn Thành") != \
        person_of(arc, "g50_bacninh_rau_an_toan.txt", "Nguyễn Văn Thành")
    assert q(arc, "SELECT status FROM id_lookup WHERE id = ?", [gone]) == [("live",)]
    assert q(arc, "SELECT count(*) FROM judgements")[0][0] == 2      # append-only


def test_a_split_keeps_the_rest_of_the_person_together(arc):
    arc.store_batch(items("g01 g02 g03 g04 g05 g06 g43"))
    arc.resolve_entities()
    hung = person_of(arc, "g03_nghean_hdnd_bau_pho_chu_tich.txt", "Nguyễn Văn Hùng")
    assert q(arc, "SELECT document_count FROM people WHERE person_id = ?", [hung]) == [(7,)]
    _judge(arc, hung, "documents:x", "not_same", [document_id_for("g05_nghean_qd3150_bang_khen.txt")])
    arc.resolve_entities()
    split_off = person_of(arc, "g05_nghean_qd3150_bang_khen.txt", "Nguyễn Văn Hùng")
    rest = {person_of(arc, d, "Nguyễn Văn Hùng") for d in ("g01_nghean_stc_tong_ket_2018.txt",
                                                           "g03_nghean_hdnd_bau_pho_chu_tich.txt",
                                                           "g06_nghean_khen_thuong_mam_non.txt",
                                                           "g43_nghean_hoi_nghi_xuc_tien_dau_tu.txt")}
    assert rest == {hung} and split_off != hung
    assert ("split", split_off) in q(arc, "SELECT change, new_id FROM id_redirects WHERE old_id = ?", [hung])


def test_ids_published_by_an_older_resolver_are_redirected(arc):
    arc.store_batch(items("g12 g13"))
    arc.resolve_entities()
    tuan = person_of(arc, "g12_hatinh_snv_so_ket.txt", "Lê Minh Tuấn")
    arc.con.execute("UPDATE person_links SET person_id = 'P-000000000old' WHERE person_id = ?", [tuan])
    arc.con.execute("UPDATE people SET person_id = 'P-000000000old' WHERE person_id = ?", [tuan])
    arc.resolve_entities()
    assert q(arc, "SELECT current_id, status FROM id_lookup WHERE id = 'P-000000000old'") == [(tuan, "redirected")]
    assert q(arc, "SELECT change FROM id_redirects WHERE old_id = 'P-000000000old'") == [("superseded",)]
    before = q(arc, "SELECT count(*) FROM id_redirects")
    arc.resolve_entities()                      # nothing changed: nothing to record
    assert q(arc, "SELECT count(*) FROM id_redirects") == before


def test_overrides_file_entries_are_logged_once(tmp_path):
    (tmp_path / "overrides.toml").write_text(
        '[[merge]]\nkind = "person"\nnames = ["Nguyễn Văn Thành", "Nguyễn Văn Thanh"]\n', encoding="utf-8")
    with Archive.open(str(tmp_path / "a.duckdb")) as a:
        a.store_batch(items("g48 g50"))
        a.resolve_entities()
        a.resolve_entities()
        assert q(a, "SELECT who, judgement, origin FROM judgements") == [
            (f"overrides file {tmp_path / 'overrides.toml'}", "same", "overrides")]
        assert person_of(a, "g48_bacninh_nong_dan_gioi.txt", "Nguyễn Văn Thành") == \
            person_of(a, "g50_bacninh_rau_an_toan.txt", "Nguyễn Văn Thành")


def test_a_not_same_judgement_keeps_two_unit_forms_apart(tmp_path):
    from test_warehouse_support import CUC_FULL, CUC_SHORT, news_item
    with Archive.open(str(tmp_path / "u.duckdb")) as a:
        a.store_batch([news_item("in/one.txt", unit=CUC_SHORT, alias=None),
                       news_item("in/two.txt", unit=CUC_FULL, alias=None, published="2021-08-25")])
        a.resolve_entities()
        ids = q(a, "SELECT DISTINCT unit_id FROM unit_aliases WHERE alias_key IN (?, ?)",
                [CUC_SHORT.lower(), CUC_FULL.lower()])
        assert len(ids) == 1                                     # one unit by abbreviation expansion
        (uid,), = ids
        short = [CUC_SHORT.lower()]
        judgements.append(a.con, [judgements.judgement_row(
            "unit", uid, "name:" + short[0], "not_same", [k for k in judgements.members(a.con, uid) if k not in short],
            short, "test", "cli")])
        a.resolve_entities()
        apart = q(a, "SELECT DISTINCT unit_id FROM unit_aliases WHERE alias_key IN (?, ?)",
                  [CUC_SHORT.lower(), CUC_FULL.lower()])
        assert len(apart) == 2


def _judged(jid: str, verdict: str, left_id: str, right_id: str, left: list, right: list):
    from warehouse.overrides import Judged
    return Judged(jid, "person", verdict, left_id, right_id, left, right)


def test_the_newest_judgement_on_a_pair_of_mentions_decides_and_unsure_withdraws_by_pair_of_ids():
    from warehouse.resolve_judgements import apply_newest_first
    from warehouse.unionfind import UnionFind
    split = _judged("J-1", "not_same", "P-x", "documents:d3", ["a", "b"], ["c"])
    merge = _judged("J-2", "same", "P-b", "P-c", ["b"], ["c"])
    withdraw = _judged("J-3", "unsure", "P-c", "P-b", ["c"], ["b"])     # either order names the pair
    again = _judged("J-4", "same", "P-b", "P-c", ["b"], ["c"])
    assert judgements.not_withdrawn([withdraw, merge, split]) == [withdraw, split]
    assert judgements.not_withdrawn([again, withdraw, merge, split]) == [again, withdraw, split]

    def run(judged):
        uf = UnionFind()
        for m in "abc":
            uf.add(m)
        return uf, apply_newest_first(uf, judged, lambda side: side)
    uf, (m, s) = run([merge, split])                 # the merge is newer: it decides b-c
    assert uf.find("b") == uf.find("c") != uf.find("a")
    assert (m.status, s.status, s.overridden, s.pairs, s.by) == ("applied", "partly", 1, 2, {"J-2"})
    uf, outcomes = run(judgements.not_withdrawn([withdraw, merge, split]))   # the split holds again
    assert len({uf.find(x) for x in "abc"}) == 3
    assert [o.status for o in outcomes] == ["applied", "applied"]
