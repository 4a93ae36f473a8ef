"""Entity resolution across documents: units, people, overrides, determinism."""
from __future__ import annotations

import pytest

from test_warehouse_support import CUC_FULL, CUC_SHORT, VPCP, news_item
from warehouse.archive import Archive
from warehouse.overrides import Overrides
from warehouse.resolve_units import UnitForm, UnitMention, resolve_units


@pytest.fixture
def arc(tmp_path):
    a = Archive.open(str(tmp_path / "a.duckdb"))
    yield a
    a.close()


def two_documents():
    """The same office-holder in two documents naming his unit differently."""
    return [news_item("in/one.txt", unit=CUC_SHORT, alias=None, published="2020-06-16"),
            news_item("in/two.txt", unit=CUC_FULL, alias="Cục Kiểm soát Thủ tục hành chính",
                      published="2021-08-25", extra="Hội nghị có nhiều ý kiến.")]


def test_units_merge_across_documents_with_parent(arc):
    arc.store_batch(two_documents())
    arc.resolve_entities()
    units = arc.con.execute("SELECT unit_id, name, parent_unit_id FROM units").fetchall()
    cuc = [u for u in units if u[1].startswith("Cục")]
    assert len(cuc) == 1, units
    uid, name, parent = cuc[0]
    assert name == CUC_FULL
    assert arc.con.execute("SELECT name FROM units WHERE unit_id = ?", [parent]).fetchone()[0] == VPCP
    forms = {a for (a,) in arc.con.execute("SELECT alias FROM unit_aliases WHERE unit_id = ?", [uid]).fetchall()}
    assert {CUC_SHORT, CUC_FULL} <= forms or {CUC_SHORT, "Cục Kiểm soát Thủ tục hành chính"} <= forms
    rules = {r for (r,) in arc.con.execute("SELECT rule FROM merges WHERE canonical_id = ?", [uid]).fetchall()}
    assert "abbreviation_expansion" in rules
    tree = arc.con.execute("SELECT name, parent_name, depth FROM unit_tree WHERE unit_id = ?", [uid]).fetchone()
    assert tree[0] == CUC_FULL and tree[1] == VPCP and tree[2] >= 1


def test_one_person_across_two_documents(arc):
    arc.store_batch(two_documents())
    arc.resolve_entities()
    assert arc.con.execute("SELECT count(*) FROM people").fetchone()[0] == 1
    rows = arc.con.execute("SELECT person_id, person_name, title, unit_name, observed_on::VARCHAR "
                           "FROM person_timeline ORDER BY observed_on").fetchall()
    assert len(rows) == 2 and rows[0][0] == rows[1][0]
    assert [(r[1], r[2], r[3], r[4]) for r in rows] == [
        ("Trần Minh Khôi", "Cục trưởng", CUC_FULL, "2020-06-16"),
        ("Trần Minh Khôi", "Cục trưởng", CUC_FULL, "2021-08-25")]
    (rule, conf), = arc.con.execute("SELECT rule, confidence FROM merges WHERE kind = 'person'").fetchall()
    assert rule == "same_name_same_unit" and conf == 0.95
    awards = arc.con.execute("SELECT DISTINCT recipient_entity, recipient_name FROM awards_by_year").fetchall()
    assert awards == [("unit", CUC_FULL)]


def test_namesakes_in_different_units_stay_apart(arc):
    arc.store_batch([news_item("in/a.txt", unit="Sở Nội vụ tỉnh Hà Giang", alias=None, parent=None),
                     news_item("in/b.txt", unit="Sở Tư pháp tỉnh Cao Bằng", alias=None, parent=None,
                               title="Giám đốc")])
    arc.resolve_entities()
    assert arc.con.execute("SELECT count(*) FROM people").fetchone()[0] == 2


def test_short_forms_stay_inside_their_document():
    """"Đảng ủy" abbreviates a different Party committee in each document: never one unit."""
    mentions = [UnitMention("d1", "Đảng ủy Cục Kiểm soát thủ tục hành chính", ["Đảng ủy"]),
                UnitMention("d2", "Đảng ủy Văn phòng Chính phủ", ["Đảng ủy", "Đảng ủy VPCP"])]
    res = resolve_units(mentions, [], Overrides())
    assert len(res.units) == 2
    local = {(r["document_id"], r["name_key"]): r["unit_id"] for r in res.resolution}
    assert local[("d1", "đảng ủy")] != local[("d2", "đảng ủy")]
    assert "đảng ủy" not in {a["alias_key"] for a in res.aliases}
    assert local[("d2", "đảng ủy vpcp")] == local[("d2", "đảng ủy")]


def test_acronym_and_case_variants_merge():
    mentions = [UnitMention("d1", "Cục KSTTHC"), UnitMention("d2", CUC_FULL),
                UnitMention("d3", "CỤC KIỂM SOÁT THỦ TỤC HÀNH CHÍNH")]
    res = resolve_units(mentions, [], Overrides())
    assert len(res.units) == 1 and res.units[0]["name"] == CUC_FULL
    assert {m["rule"] for m in res.merges} == {"acronym", "normalized_name"}


def test_overrides_force_merge_and_split(tmp_path):
    db = tmp_path / "a.duckdb"
    (tmp_path / "overrides.toml").write_text(
        '[[merge]]\nkind = "unit"\nnames = ["Ban Thi đua - Khen thưởng", "Ban TĐKT"]\n\n'
        '[[split]]\nkind = "person"\nname = "Trần Minh Khôi"\ndocuments = ["%s"]\n' % "PLACEHOLDER",
        encoding="utf-8")
    from warehouse.archive import document_id_for
    path = tmp_path / "overrides.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("PLACEHOLDER", document_id_for("in/two.txt")),
                    encoding="utf-8")
    with Archive.open(str(db)) as a:   # default overrides path: next to the archive
        a.store_batch(two_documents() + [
            news_item("in/ban1.txt", unit="Ban Thi đua - Khen thưởng", alias=None, parent=None, person="Đỗ Văn Bình"),
            news_item("in/ban2.txt", unit="Ban TĐKT", alias=None, parent=None, person="Ngô Thị Mai")])
        a.resolve_entities()
        ban = a.con.execute("SELECT count(DISTINCT unit_id) FROM unit_aliases WHERE alias_key IN "
                            "('ban thi đua - khen thưởng', 'ban tđkt')").fetchone()[0]
        assert ban == 1
        assert a.con.execute("SELECT count(*) FROM merges WHERE source = 'judgement' AND kind = 'unit'").fetchone()[0] == 1
        khoi = a.con.execute("SELECT count(DISTINCT person_id) FROM person_timeline "
                             "WHERE person_name = 'Trần Minh Khôi'").fetchone()[0]
        assert khoi == 2   # split by the override although the rules would merge them


def test_ids_do_not_depend_on_batch_order(tmp_path):
    items = two_documents() + [news_item("in/c.txt", person="Lê Thu Hà", unit="Vụ Pháp chế", alias=None)]

    def build(name, batches):
        with Archive.open(str(tmp_path / name)) as a:
            for b in batches:
                a.store_batch(b)
            a.resolve_entities()
            a.resolve_entities()   # idempotent
            return {t: a.con.execute(f"SELECT * EXCLUDE (first_seen_at) FROM {t} ORDER BY ALL").fetchall()
                    if t == "documents" else a.con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall()
                    for t in ("units", "unit_aliases", "unit_resolution", "people", "person_links", "merges",
                              "documents")}
    one = build("one.duckdb", [items])
    two = build("two.duckdb", [[items[2]], [items[1]], [items[0]]])
    assert one == two


def test_a_shortened_name_means_the_documents_own_unit():
    """"Sở Y tế" in a document about Tây Ninh is that province's Sở Y tế, not Cà Mau's."""
    mentions = [UnitMention("d1", "Sở Y tế tỉnh Tây Ninh"), UnitMention("d1", "Sở Y tế"),
                UnitMention("d2", "Sở Y tế tỉnh Cà Mau")]
    forms = [UnitForm("d2", "Sở Y tế"), UnitForm("d3", "Sở Y tế")]
    res = resolve_units(mentions, forms, Overrides())
    where = {(r["document_id"], r["name_key"]): r["unit_id"] for r in res.resolution}
    names = {u["unit_id"]: u["name"] for u in res.units}
    assert names[where[("d1", "sở y tế")]] == "Sở Y tế tỉnh Tây Ninh"
    assert names[where[("d2", "sở y tế")]] == "Sở Y tế tỉnh Cà Mau"
    assert names[where[("d3", "sở y tế")]] == "Sở Y tế"      # no fuller name in d3: the generic unit
    assert sorted(names.values()) == ["Sở Y tế", "Sở Y tế tỉnh Cà Mau", "Sở Y tế tỉnh Tây Ninh"]
