"""The browser on the data of entity resolution (issue 14), through Datasette's ASGI client on
the archive built from samples/: older ids redirect to the entity's page with a notice, the
judgements about an entity are on its page, the person page's offices are occupancies, the
unit page lists office holders and the units it became or came from, and the occupancy tables
are faceted. Expected values are read from the DuckDB archive or written by hand from samples/."""
from __future__ import annotations

from datetime import datetime

import pytest

from tests.browse_support import browser_for, copy_archive, duck, text_of
from tests.conftest import VnCli

# samples/ has no real duplicate, so a reviewer's merges are played with people of different
# documents: each merge keeps the id founded by the earlier-published document (the id policy).
LATE, MIDDLE, EARLY = "Ngô Thị Lụa", "Nguyễn Văn Hùng", "Lê Văn Đạt"      # 2025-11-03, 2024-11-16, 2024-03-22
SPLIT_NAME, SPLIT_DOC = "Võ Thị Minh Thư", "8d4594adae079ea6"              # docs/resolution.md's split
UNIT_PRINTED, UNIT_KEPT = "Phân xưởng Khai thác 3", "Phân xưởng Khai thác"


def person_id(archive, name: str) -> str:
    rows = duck(archive, "SELECT person_id FROM people WHERE name = ?", [name])
    assert len(rows) == 1, (name, rows)
    return rows[0][0]


def unit_id(archive, name: str) -> str:
    return duck(archive, "SELECT unit_id FROM units WHERE name = ?", [name])[0][0]


@pytest.fixture(scope="module")
def judged(sample_archive, tmp_path_factory):
    """A copy of the sample archive after `vnarchive resolve merge` (people: LATE into MIDDLE, then
    MIDDLE into EARLY; the two units), and a split; the ids as they were before the judgements."""
    db = copy_archive(sample_archive, tmp_path_factory.mktemp("judged"))
    ids = {n: person_id(db, n) for n in (LATE, MIDDLE, EARLY, SPLIT_NAME)}
    ids |= {n: unit_id(db, n) for n in (UNIT_PRINTED, UNIT_KEPT)}
    vn = VnCli()
    judge = ("--db", str(db), "--who", "n.hoa")
    vn("resolve", "merge", ids[LATE], ids[MIDDLE], *judge, "--note", "the same official, name misprinted")
    vn("resolve", "merge", ids[MIDDLE], ids[EARLY], *judge, "--note", "moved to the province")
    vn("resolve", "merge", ids[UNIT_PRINTED], ids[UNIT_KEPT], *judge, "--note", "one workshop")
    vn("resolve", "split", ids[SPLIT_NAME], "--documents", SPLIT_DOC, *judge,
       "--note", "the decision names another Võ Thị Minh Thư")
    return db, ids


@pytest.fixture(scope="module")
def browser(judged, tmp_path_factory):
    b = browser_for(judged[0], tmp_path_factory.mktemp("browse-judged"))
    yield b
    b.close()


@pytest.fixture(scope="module")
def sample_browser(sample_archive, tmp_path_factory):
    b = browser_for(sample_archive, tmp_path_factory.mktemp("browse-sample"))
    yield b
    b.close()




def section(data: dict, name: str) -> list[dict]:
    return next(s for s in data["sections"] if s["name"] == name)["rows"]


# ---- older ids ----------------------------------------------------------------------------------

def test_the_ids_moved_as_the_id_policy_says(judged):
    db, ids = judged
    lookup = dict((i, (cur, hops)) for i, cur, hops in duck(db, "SELECT id, current_id, hops FROM id_lookup "
                                                                "WHERE status = 'redirected'"))
    assert lookup[ids[LATE]] == (ids[EARLY], 2) and lookup[ids[MIDDLE]] == (ids[EARLY], 1)
    assert lookup[ids[UNIT_PRINTED]] == (ids[UNIT_KEPT], 1)


def test_an_older_person_id_redirects_along_the_chain_and_the_page_says_why(browser, judged):
    db, ids = judged
    old, now = ids[LATE], ids[EARLY]
    r = browser.get(f"/person/{old}")
    assert r.status_code == 302 and r.headers["location"] == f"/person/{now}?from={old}"
    visible = text_of(browser.html(r.headers["location"]))
    assert f"You asked for person {old}" in visible and f"It is {now} now" in visible
    steps = duck(db, "SELECT old_id, new_id, change, reason FROM id_redirects WHERE kind = 'person' "
                     "AND old_id IN (?, ?) ORDER BY changed_at, old_id", [old, ids[MIDDLE]])
    assert [(o, n) for o, n, _, _ in steps] == [(old, ids[MIDDLE]), (ids[MIDDLE], now)]
    for o, n, change, reason in steps:                      # every hop, with its reason
        assert change == "merged" and f"{o} was merged into {n}" in visible and reason in visible
    assert visible.index(f"{old} was merged") < visible.index(f"{ids[MIDDLE]} was merged")
    r = browser.get(f"/person/{ids[MIDDLE]}")
    assert r.status_code == 302 and r.headers["location"] == f"/person/{now}?from={ids[MIDDLE]}"


def test_an_older_id_redirects_its_json_too(browser, judged):
    db, ids = judged
    old, now = ids[LATE], ids[EARLY]
    r = browser.get(f"/person/{old}.json")
    assert r.status_code == 302 and r.headers["location"] == f"/person/{now}.json?from={old}"
    data = browser.json(r.headers["location"])
    assert data["id"] == now and data["title"] == EARLY
    moved = data["redirected_from"]
    assert moved["id"] == old and moved["current_id"] == now
    assert [(s["old_id"], s["new_id"], s["change"]) for s in moved["steps"]] == [
        (old, ids[MIDDLE], "merged"), (ids[MIDDLE], now, "merged")]


def test_an_older_unit_id_redirects_to_the_unit_page(browser, judged):
    db, ids = judged
    old, now = ids[UNIT_PRINTED], ids[UNIT_KEPT]
    r = browser.get(f"/unit/{old}")
    assert r.status_code == 302 and r.headers["location"] == f"/unit/{now}?from={old}"
    visible = text_of(browser.html(r.headers["location"]))
    reason = duck(db, "SELECT reason FROM id_redirects WHERE old_id = ?", [old])[0][0]
    assert f"You asked for unit {old}" in visible and f"{old} was merged into {now}" in visible and reason in visible
    assert UNIT_PRINTED in visible                          # the form it was printed in, among the unit's names


@pytest.mark.parametrize("path", ["/person/P-000000000000", "/unit/U-000000000000", "/person/P-000000000000.json"])
def test_an_id_with_no_entity_and_no_redirect_is_still_a_404(browser, path):
    r = browser.get(path)
    assert r.status_code == 404 and "Traceback" not in r.text
    assert "No " in (r.json()["error"] if path.endswith(".json") else text_of(r.text))


def test_a_live_id_is_served_as_is_and_an_unrelated_from_is_ignored(browser, judged):
    db, ids = judged
    other = ids[SPLIT_NAME]
    r = browser.get(f"/person/{other}?from={ids[LATE]}")      # LATE does not lead here
    assert r.status_code == 200 and "You asked for" not in text_of(r.text)
    assert "redirected_from" not in browser.json(f"/person/{other}.json")
    r = browser.get(f"/person/{ids[EARLY]}?from=P-000000000000")
    assert r.status_code == 200 and "You asked for" not in text_of(r.text)


def test_tables_link_older_ids_to_their_pages(browser, judged):
    db, ids = judged
    page = browser.html("/vnarchive/id_redirects")
    assert f'href="/person/{ids[LATE]}"' in page and f'href="/person/{ids[EARLY]}"' in page
    assert f'href="/unit/{ids[UNIT_PRINTED]}"' in page
    assert f'href="/person/{ids[MIDDLE]}"' in browser.html("/vnarchive/judgements")


def test_a_retired_id_is_a_404_that_says_why(sample_archive, tmp_path):
    """An id whose mentions are all gone (here a redirect row written by hand into a copy, as a
    resolution run writes it when a person's only document is removed)."""
    import duckdb
    db = copy_archive(sample_archive, tmp_path)
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO id_redirects VALUES ('person', 'P-0123456789ab', NULL, 'retired', "
                "'no mention left (its documents were removed)', TIMESTAMP '2026-01-02 03:04:05')")
    con.close()
    b = browser_for(db, tmp_path / "mirror")
    try:
        r = b.get("/person/P-0123456789ab")
        assert r.status_code == 404 and "no mention left (its documents were removed)" in text_of(r.text)
        assert "retired" in text_of(r.text)
        r = b.get("/person/P-0123456789ab.json")
        assert r.status_code == 404 and "retired" in r.json()["error"]
    finally:
        b.close()


# ---- judgements ---------------------------------------------------------------------------------

JUDGED = ("decided_at", "who", "judgement", "left_id", "right_id", "note")


def _judgements(db, where: str, params: list) -> set[tuple]:
    rows = duck(db, f"SELECT {', '.join(JUDGED)} FROM judgements WHERE {where}", params)
    return {(at, *rest) for at, *rest in rows}


def _shown(rows: list[dict]) -> set[tuple]:
    return {(datetime.fromisoformat(r["decided_at"]), *(r[c] for c in JUDGED[1:])) for r in rows}


def test_judgements_about_a_person_are_on_the_page(browser, judged):
    db, ids = judged
    data = browser.json(f"/person/{ids[EARLY]}.json")
    want = _judgements(db, "origin = 'merge' AND kind = 'person'", [])      # both merges made this person
    assert len(want) == 2 and _shown(section(data, "judgements")) == want
    visible = text_of(browser.html(f"/person/{ids[EARLY]}"))
    assert "Judgements about this person" in visible
    assert "n.hoa" in visible and "the same official, name misprinted" in visible and "moved to the province" in visible


def test_a_split_judgement_is_on_both_sides_pages(browser, judged):
    """The split-off person has an id no judgement names: the judgement is found by the mentions
    its right side meant (the document's Võ Thị Minh Thư)."""
    db, ids = judged
    kept = ids[SPLIT_NAME]
    split_off = duck(db, "SELECT l.person_id FROM person_links l JOIN person_mentions m USING (mention_id) "
                         "WHERE m.document_id = ? AND m.name = ?", [SPLIT_DOC, SPLIT_NAME])[0][0]
    assert split_off != kept
    want = _judgements(db, "origin = 'split'", [])
    assert len(want) == 1
    for pid in (kept, split_off):
        assert _shown(section(browser.json(f"/person/{pid}.json"), "judgements")) == want, pid
    assert "the decision names another Võ Thị Minh Thư" in text_of(browser.html(f"/person/{split_off}"))


def test_judgements_about_a_unit_are_on_its_page(browser, judged):
    db, ids = judged
    data = browser.json(f"/unit/{ids[UNIT_KEPT]}.json")
    assert _shown(section(data, "judgements")) == _judgements(db, "kind = 'unit'", []) != set()


def test_a_page_without_judgements_has_no_judgement_section(browser, judged):
    db, _ = judged
    pid = person_id(db, "Rơ Mah Tuấn")
    assert section(browser.json(f"/person/{pid}.json"), "judgements") == []
    assert "Judgements about" not in text_of(browser.html(f"/person/{pid}"))


# ---- occupancies, office holders, lineage (the sample archive as `make run` builds it) -------------

def test_person_page_shows_occupancies_with_their_evidence(sample_browser, sample_archive):
    """samples/: Lưu Đình Khôi, Phó Cục trưởng until his appointment as Cục trưởng on 29/8/2025
    (written by hand, as in docs/resolution.md); his career ("từng giữ các chức vụ Trưởng phòng ...")
    adds a former office in a department of the Cục."""
    pid = person_id(sample_archive, "Lưu Đình Khôi")
    rows = section(sample_browser.json(f"/person/{pid}.json"), "offices")
    cuc = [r for r in rows if r["unit_name"] == "Cục Quản lý đê điều và Phòng, chống thiên tai"]
    assert {(r["title"], r["start_on"], r["end_on"], r["status"]) for r in cuc} == {
        ("Phó Cục trưởng", None, "2025-08-29", "former"), ("Cục trưởng", "2025-08-29", None, "current")}
    assert {(r["title"], r["unit_name"], r["status"]) for r in rows if r not in cuc} == {
        ("Trưởng phòng", "Phòng Quản lý đê điều", "former")}
    appointed = [r for r in rows if r["says"] == "start:appointed"]
    assert len(appointed) == 1 and "bổ nhiệm ông Lưu Đình Khôi" in appointed[0]["evidence"]


def test_person_page_every_occupancy_and_every_piece_of_evidence(sample_browser, sample_archive):
    pid, = duck(sample_archive, "SELECT person_id FROM occupancies GROUP BY person_id "
                                "ORDER BY count(*) DESC, person_id LIMIT 1")[0]
    want = duck(sample_archive, """
        SELECT o.tenure_id, o.title, o.unit_id, e->>'document_id', CAST(e->>'span_start' AS INT),
               CAST(e->>'span_end' AS INT), d.text
        FROM occupancies o, unnest(CAST(o.evidence AS JSON[])) AS x(e)
        JOIN documents_latest d ON d.document_id = (e->>'document_id') WHERE o.person_id = ?""", [pid])
    page = sample_browser.html(f"/person/{pid}")
    visible = text_of(page)
    for _, title, unit, doc, s, e, text in want:
        assert title in visible and f'href="/unit/{unit}"' in page
        assert f'href="/document/{doc}#s{s}-{e}"' in page and " ".join(text[s:e].split()) in visible
    occupancies = {t for t, *_ in want}
    assert len(occupancies) > 1
    # one occupancy, one row group: its title, unit, dates and status once, its evidence below
    assert page.count('class="vn-group-start"') == len(occupancies)
    rows = section(sample_browser.json(f"/person/{pid}.json"), "offices")
    assert len(rows) == len(want) and {r["tenure_id"] for r in rows} == occupancies


def test_unit_page_lists_office_holders_over_time(sample_browser, sample_archive):
    uid = unit_id(sample_archive, "Cục Quản lý đê điều và Phòng, chống thiên tai")
    rows = section(sample_browser.json(f"/unit/{uid}.json"), "offices")
    want = duck(sample_archive, "SELECT title, holder_order, person_name, start_on, end_on, status "
                                "FROM office_holders WHERE unit_id = ? ORDER BY title, holder_order", [uid])
    got = [(r["title"], r["holder_order"], r["person_name"], r["start_on"], r["end_on"], r["status"]) for r in rows]
    assert list(dict.fromkeys(got)) == [(t, n, p, s and s.isoformat(), e and e.isoformat(), st)
                                        for t, n, p, s, e, st in want]
    assert ("Cục trưởng", 1, "Nguyễn Văn Tường", None, "2025-08-29", "former") in got      # by hand
    assert ("Cục trưởng", 2, "Lưu Đình Khôi", "2025-08-29", None, "current") in got
    page = sample_browser.html(f"/unit/{uid}")
    assert "Office holders over time" in text_of(page)
    for (pid,) in duck(sample_archive, "SELECT DISTINCT person_id FROM office_holders WHERE unit_id = ?", [uid]):
        assert f'href="/person/{pid}"' in page
    assert "Units it became or came from" not in text_of(page)      # no lineage: no section


def test_unit_page_lists_the_units_it_became_or_came_from(sample_browser, sample_archive):
    """samples/: Bình Định joined Gia Lai on 2025-07-01 (the 2025 merger of provinces)."""
    gia_lai, binh_dinh = (unit_id(sample_archive, f"Sở Tài chính tỉnh {p}") for p in ("Gia Lai", "Bình Định"))
    for uid, other, relation in ((gia_lai, binh_dinh, "predecessor"), (binh_dinh, gia_lai, "successor")):
        rows = section(sample_browser.json(f"/unit/{uid}.json"), "lineage")
        assert [(r["unit_id"], r["relation"], r["effective_on"]) for r in rows] == [(other, relation, "2025-07-01")]
        page = sample_browser.html(f"/unit/{uid}")
        assert "Units it became or came from" in text_of(page) and f'href="/unit/{other}"' in page


@pytest.mark.parametrize("table", ["occupancies", "office_holders"])
def test_occupancies_and_office_holders_are_faceted_and_described(sample_browser, sample_archive, table):
    facets = sample_browser.json(f"/vnarchive/{table}.json")["facet_results"]
    assert set(facets) == {"title", "unit_name", "status"}
    for col in ("title", "status"):
        want = dict(duck(sample_archive, f"SELECT {col}, count(*) FROM {table} WHERE {col} IS NOT NULL GROUP BY ALL"))
        assert {r["value"]: r["count"] for r in facets[col]["results"]} == want, col
    from warehouse import schema
    view = next(v for v in schema.views() if v.name == table)
    meta = sample_browser.json("/-/metadata.json")["databases"]["vnarchive"]["tables"][table]
    assert meta["description"].startswith(view.doc) and meta["columns"]["unit_name"] == view.columns["unit_name"]
