"""The browser's pages through Datasette's ASGI client, on the archive built from samples/:
entity pages with their evidence, the faceted awards page, search with and without diacritics,
canned queries (the README's among them), the JSON behind pages, links and 404s. Expected
values are read from the DuckDB archive itself."""
from __future__ import annotations

import json
from html.parser import HTMLParser

import pytest

from tests.browse_support import browser_for, duck, text_of
from warehouse.keys import fold_ascii


@pytest.fixture(scope="module")
def browser(sample_archive, tmp_path_factory):
    b = browser_for(sample_archive, tmp_path_factory.mktemp("browse"))
    yield b
    b.close()




def clean(s: str) -> str:
    return " ".join(s.split())


# ---- person -----------------------------------------------------------------------------------

def test_person_page_shows_offices_awards_documents_each_with_its_sentence(browser, sample_archive):
    pid, name = duck(sample_archive, "SELECT person_id, person_name FROM person_timeline WHERE person_id IS NOT NULL "
                                     "GROUP BY ALL ORDER BY count(DISTINCT document_id) DESC, person_id LIMIT 1")[0]
    page = browser.html(f"/person/{pid}")
    visible = text_of(page)
    assert name in visible and "Offices over time" in visible and "Name forms" in visible
    for (form,) in duck(sample_archive, "SELECT DISTINCT pm.name FROM person_links pl JOIN person_mentions pm "
                                        "USING (mention_id) WHERE pl.person_id = ?", [pid]):
        assert form in visible
    offices = duck(sample_archive, "SELECT t.title, t.unit_id, t.unit_name, t.document_id, t.span_start, t.span_end, "
                                   "d.text FROM person_timeline t JOIN documents_latest d USING (document_id) "
                                   "WHERE t.person_id = ?", [pid])
    assert offices
    for title, unit_id, unit_name, doc, s, e, text in offices:
        assert title in visible and unit_name in visible
        assert f'href="/unit/{unit_id}"' in page
        assert f'href="/document/{doc}#s{s}-{e}"' in page          # the fact, at its span in its document
        assert clean(text[s:e]) in visible                          # inside its evidence sentence
    docs = duck(sample_archive, "SELECT DISTINCT d.title FROM person_links pl JOIN person_mentions pm USING "
                                "(mention_id) JOIN documents_latest d USING (document_id) WHERE pl.person_id = ?", [pid])
    for (title,) in docs:
        assert clean(title) in visible


def test_evidence_is_the_whole_sentence_and_only_it(browser, sample_archive):
    """samples/02: the sentence that shows Nguyễn Tuấn Thanh as Phó Chủ tịch (written by hand here)."""
    rows = duck(sample_archive, "SELECT DISTINCT person_id FROM person_timeline WHERE person_name = 'Nguyễn Tuấn Thanh'")
    assert len(rows) == 1
    data = browser.json(f"/person/{rows[0][0]}.json")
    offices = next(s for s in data["sections"] if s["name"] == "offices")["rows"]
    evidence = {r["evidence"] for r in offices if r["document_title"] == "Gia Lai: Bổ nhiệm Phó Giám đốc Sở Tài chính"}
    assert evidence == {"Phó Chủ tịch UBND tỉnh Gia Lai Nguyễn Tuấn Thanh đã trao Quyết định số 1180/QĐ-UBND "
                        "ngày 05/8/2025 của Chủ tịch UBND tỉnh về việc bổ nhiệm cán bộ."}


# ---- unit -------------------------------------------------------------------------------------

def test_unit_page_shows_parent_children_aliases_people_awards_documents(browser, sample_archive):
    uid, name, parent_id = duck(sample_archive, """
        SELECT u.unit_id, u.name, u.parent_unit_id FROM units u
        JOIN awards_by_year a ON a.recipient_entity = 'unit' AND a.recipient_id = u.unit_id
        WHERE u.parent_unit_id IS NOT NULL AND u.unit_id IN (SELECT unit_id FROM person_timeline)
        GROUP BY ALL ORDER BY count(*) DESC, u.unit_id LIMIT 1""")[0]
    page = browser.html(f"/unit/{uid}")
    visible = text_of(page)
    assert name in visible and f'href="/unit/{parent_id}"' in page
    for (alias,) in duck(sample_archive, "SELECT alias FROM unit_aliases WHERE unit_id = ?", [uid]):
        assert clean(alias) in visible
    for pid, title, doc, s, e in duck(sample_archive, "SELECT person_id, title, document_id, span_start, span_end "
                                                      "FROM person_timeline WHERE unit_id = ?", [uid]):
        assert f'href="/person/{pid}"' in page and title in visible and f"/document/{doc}#s{s}-{e}" in page
    for award, year, award_id in duck(sample_archive, "SELECT award, year, award_id FROM awards_by_year "
                                                      "WHERE recipient_entity = 'unit' AND recipient_id = ?", [uid]):
        assert award in visible and f'href="/award/{award_id}"' in page
    for (doc,) in duck(sample_archive, "SELECT DISTINCT document_id FROM unit_resolution WHERE unit_id = ?", [uid]):
        assert f"/document/{doc}" in page
    parent = browser.html(f"/unit/{parent_id}")
    assert f'href="/unit/{uid}"' in parent                          # listed among its parent's units


def test_award_page_links_recipient_and_the_sentence(browser, sample_archive):
    award_id, doc, s, e, rid = duck(sample_archive, "SELECT x.award_id, x.document_id, x.span_start, x.span_end, "
                                                    "a.recipient_id FROM awards x JOIN awards_by_year a USING "
                                                    "(award_id) WHERE a.recipient_id IS NOT NULL "
                                                    "ORDER BY x.award_id LIMIT 1")[0]
    page = browser.html(f"/award/{award_id}")
    assert f'/document/{doc}#s{s}-{e}' in page and (f'href="/unit/{rid}"' in page or f'href="/person/{rid}"' in page)


# ---- document ---------------------------------------------------------------------------------

class _TextMarks(HTMLParser):
    """The text of div.vn-text with every <mark>'s offsets and title, and the anchors' offsets."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.text: list[str] = []
        self.at = 0
        self.marks: list[tuple[int, int, str]] = []
        self.anchors: dict[str, int] = {}
        self._open: list[tuple[int, str]] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.depth:
            self.depth += tag != "br"
            if tag == "mark":
                self._open.append((self.at, a.get("title") or ""))
            if a.get("class") == "vn-anchor":
                self.anchors[a["id"]] = self.at
        elif tag == "div" and a.get("class") == "vn-text":
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1
            if tag == "mark":
                start, title = self._open.pop()
                self.marks.append((start, self.at, title))

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)
            self.at += len(data)


def _facts(archive, doc) -> list[tuple[str, int, int]]:
    """(kind, start, end) of every fact of a document, read from DuckDB."""
    out = []
    for kind, table in (("person", "person_mentions"), ("unit", "unit_mentions")):
        for spans, s, e in duck(archive, f"SELECT spans, span_start, span_end FROM {table} WHERE document_id = ?", [doc]):
            out += [(kind, a, b) for a, b in (json.loads(spans) if spans else [[s, e]])]
    for kind, table in (("office", "positions"), ("award", "awards"), ("date", "date_mentions"),
                        ("citation", "legal_refs"), ("movement", "movement_mentions")):
        out += [(kind, s, e) for s, e in duck(archive, f"SELECT span_start, span_end FROM {table} "
                                                       "WHERE document_id = ? AND span_start IS NOT NULL", [doc])]
    return out


def test_document_page_highlights_every_fact_at_its_span(browser, sample_archive):
    doc, title, text = duck(sample_archive, """
        SELECT d.document_id, d.title, d.text FROM documents_latest d JOIN awards a USING (document_id)
        GROUP BY ALL ORDER BY count(*) DESC, d.document_id LIMIT 1""")[0]
    page = browser.html(f"/document/{doc}")
    parsed = _TextMarks()
    parsed.feed(page)
    assert "".join(parsed.text) == text                      # the whole text, unchanged
    facts = _facts(sample_archive, doc)
    assert len(facts) > 10
    for kind, s, e in facts:
        for i in range(s, e):                                # every character of the fact is highlighted ...
            assert any(a <= i < b and f"{kind}: " in t for a, b, t in parsed.marks), (kind, s, e, text[s:e])
    for kind, s, e in facts:
        if kind in ("office", "award", "citation", "date", "movement"):
            assert parsed.anchors[f"s{s}-{e}"] == s          # ... and can be linked to
    award, recipient = duck(sample_archive, "SELECT award, recipient FROM awards WHERE document_id = ? "
                                            "ORDER BY ordinal LIMIT 1", [doc])[0]
    assert any(t.startswith("award: " + award) and (recipient or "") in t for _, _, t in parsed.marks)
    visible = text_of(page)
    assert title in visible and "Facts read from this document" in visible
    source = duck(sample_archive, "SELECT coalesce(canonical_url, uri) FROM documents_latest WHERE document_id = ?",
                  [doc])[0][0]
    assert source in visible


def test_document_json_has_metadata_text_and_facts(browser, sample_archive):
    doc, text = duck(sample_archive, "SELECT document_id, text FROM documents_latest ORDER BY document_id LIMIT 1")[0]
    data = browser.json(f"/document/{doc}.json")
    assert data["kind"] == "document" and data["id"] == doc and data["text"] == text
    facts = next(s for s in data["sections"] if s["name"] == "facts")["rows"]
    assert len(facts) == len(_facts(sample_archive, doc)) - sum(
        max(0, len(json.loads(sp)) - 1) for (sp,) in duck(
            sample_archive, "SELECT spans FROM person_mentions WHERE document_id = ? UNION ALL "
                            "SELECT spans FROM unit_mentions WHERE document_id = ?", [doc, doc]) if sp)


@pytest.mark.parametrize("path", ["/person/P-000000000000", "/unit/U-000000000000", "/document/0000000000000000",
                                  "/award/0000000000000000:a:0", "/person/P-000000000000.json"])
def test_unknown_ids_give_a_404_page(browser, path):
    r = browser.get(path)
    assert r.status_code == 404
    if path.endswith(".json"):
        assert r.json()["ok"] is False and "No person" in r.json()["error"]
    else:
        assert "No " in text_of(r.text) and "with id" in text_of(r.text) and "Traceback" not in r.text


# ---- tables: facets, labels, links, descriptions ----------------------------------------------

def test_awards_page_is_faceted_by_year_award_class_grantor_and_recipient_kind(browser, sample_archive):
    data = browser.json("/vnarchive/awards_by_year.json")
    facets = data["facet_results"]
    for col in ("year", "award", "award_class", "grantor", "recipient_kind"):
        want = {str(v): n for v, n in duck(sample_archive, f"SELECT {col}, count(*) FROM awards_by_year "
                                                           f"WHERE {col} IS NOT NULL GROUP BY ALL")}
        got = {str(r["value"]): r["count"] for r in facets[col]["results"]}
        assert got == want, col
    year = max(r["value"] for r in facets["year"]["results"])
    rows = browser.rows(f"/vnarchive/awards_by_year.json?year={year}&_size=max")
    assert len(rows) == duck(sample_archive, "SELECT count(*) FROM awards_by_year WHERE year = ?", [year])[0][0]
    page = browser.html("/vnarchive/awards_by_year")
    for col in ("year", "award", "award_class", "grantor", "recipient_kind"):
        assert f'data-column="{col}"' in page
    rid = duck(sample_archive, "SELECT recipient_id FROM awards_by_year WHERE recipient_entity = 'unit' LIMIT 1")[0][0]
    assert f'href="/unit/{rid}"' in page                     # a unit or person id links to its page


def test_documents_and_positions_are_faceted(browser, sample_archive):
    facets = browser.json("/vnarchive/documents_latest.json")["facet_results"]
    assert set(facets) == {"kind", "source_name", "year"}
    want = {str(y): n for y, n in duck(sample_archive, "SELECT year(published_on), count(*) FROM documents_latest "
                                                       "WHERE published_on IS NOT NULL GROUP BY ALL")}
    assert {str(r["value"]): r["count"] for r in facets["year"]["results"]} == want
    assert set(browser.json("/vnarchive/positions.json")["facet_results"]) == {"title", "unit_name"}


def test_ids_link_to_entity_pages_with_labels(browser, sample_archive):
    pid, name, uid, doc, s, e = duck(sample_archive, "SELECT person_id, person_name, unit_id, document_id, "
                                                     "span_start, span_end FROM person_timeline WHERE unit_id IS NOT "
                                                     "NULL AND person_id IS NOT NULL ORDER BY position_id LIMIT 1")[0]
    page = browser.html(f"/vnarchive/person_timeline?person_id={pid}")
    assert f'href="/person/{pid}"' in page and f'href="/unit/{uid}"' in page
    assert f'href="/document/{doc}#s{s}-{e}"' in page
    data = browser.json(f"/vnarchive/person_timeline.json?person_id={pid}&_labels=on&_shape=array")
    assert {r["person_id"]["label"] for r in data} == {name}
    people = browser.html("/vnarchive/person_links")
    assert f'<a href="/person/{pid}">{name}</a>' in people   # the foreign key, labelled


def test_tables_and_columns_are_described_from_the_schema(browser):
    from warehouse import schema
    meta = browser.json("/-/metadata.json")["databases"]["vnarchive"]["tables"]
    t = schema.table("awards")
    assert meta["awards"]["description"] == t.doc and meta["awards"]["columns"]["award_class"] == \
        next(c.doc for c in t.columns if c.name == "award_class")
    page = text_of(browser.html("/vnarchive/awards"))
    assert t.doc in page


def test_row_json_behind_an_entity(browser, sample_archive):
    pid, name = duck(sample_archive, "SELECT person_id, name FROM people ORDER BY person_id LIMIT 1")[0]
    data = browser.json(f"/vnarchive/people/{pid}.json?_shape=objects")
    assert data["rows"][0]["name"] == name
    entity = browser.json(f"/person/{pid}.json")
    assert entity["title"] == name and {s["name"] for s in entity["sections"]} >= {"names", "offices", "awards",
                                                                                   "documents"}


# ---- search -------------------------------------------------------------------------------------

@pytest.mark.parametrize("with_marks,without", [("thi đua", "thi dua"), ("Đại hội", "dai hoi"),
                                                ("Huân chương Lao động", "huan chuong lao dong")])
def test_search_with_and_without_diacritics_ranked_with_snippets(browser, sample_archive, with_marks, without):
    from warehouse.search import search
    a = browser.rows(f"/vnarchive/search_documents.json?q={with_marks}")
    b = browser.rows(f"/vnarchive/search_documents.json?q={without}")
    assert a and [r["document_id"] for r in a] == [r["document_id"] for r in b]
    import duckdb
    con = duckdb.connect(str(sample_archive), read_only=True)
    try:
        expected = {h["document_id"] for h in search(con, with_marks, limit=1000)}
    finally:
        con.close()
    assert {r["document_id"] for r in a} == expected          # the archive's own search agrees
    scores = [r["score"] for r in a]
    assert scores == sorted(scores, reverse=True)
    for r in a:                                              # the snippet shows where the words are
        assert any(w in fold_ascii(r["snippet"]).lower() for w in without.split())
    tables = browser.rows(f"/vnarchive/documents_latest.json?_search={without}&_col=title")
    assert {r["document_id"] for r in tables} == expected    # Datasette's own search box, too


def test_index_page_offers_search_and_starting_points(browser):
    page = browser.html("/")
    assert 'action="/vnarchive/search_documents"' in page and "/vnarchive/awards_by_year" in page


# ---- canned queries -----------------------------------------------------------------------------

def test_offices_of_a_person_typed_with_or_without_diacritics(browser, sample_archive):
    name = "Nguyễn Tuấn Thanh"
    a = browser.rows(f"/vnarchive/offices_of_a_person.json?name={name}")
    b = browser.rows("/vnarchive/offices_of_a_person.json?name=nguyen tuan thanh")
    assert a == b
    assert len(a) == duck(sample_archive, "SELECT count(*) FROM person_timeline WHERE person_name = ?", [name])[0][0] > 0


def test_documents_citing_a_number(browser, sample_archive):
    number, key = duck(sample_archive, "SELECT min(number), number_key FROM legal_refs GROUP BY number_key "
                                       "ORDER BY count(DISTINCT document_id) DESC, number_key LIMIT 1")[0]
    want = {d for (d,) in duck(sample_archive, "SELECT document_id FROM legal_refs WHERE number_key = ?", [key])}
    for typed in (number, fold_ascii(number), number.lower()):
        rows = browser.rows(f"/vnarchive/documents_citing.json?number={typed}")
        assert {r["document_id"] for r in rows} == want and all(r["evidence"] for r in rows)


def test_awards_of_a_unit_and_its_sub_units(browser, sample_archive):
    root, name = duck(sample_archive, """
        SELECT p.unit_id, p.name FROM units p JOIN units c ON c.parent_unit_id = p.unit_id
        JOIN awards_by_year a ON a.recipient_entity = 'unit' AND a.recipient_id = c.unit_id
        GROUP BY ALL ORDER BY count(*) DESC, p.unit_id LIMIT 1""")[0]
    want = {r[0] for r in duck(sample_archive, """
        WITH RECURSIVE t(unit_id) AS (SELECT ?::VARCHAR UNION SELECT u.unit_id FROM units u JOIN t ON u.parent_unit_id = t.unit_id)
        SELECT award_id FROM awards_by_year WHERE recipient_entity = 'unit' AND recipient_id IN (SELECT unit_id FROM t)
        """, [root])}
    for typed in (name, fold_ascii(name).lower(), root):
        rows = browser.rows(f"/vnarchive/awards_of_a_unit.json?unit={typed}")
        assert {r["award_id"] for r in rows} == want
    assert any(r["levels_below"] > 0 for r in rows)


HOLDER = ("holder_order", "person_name", "start_on", "start_basis", "end_on", "end_basis", "status")


@pytest.mark.parametrize("title,unit", [("Cục trưởng", "Cục Quản lý đê điều và Phòng, chống thiên tai"),
                                        ("cuc truong", "quan ly de dieu"), ("CỤC TRƯỞNG", "U-")])
def test_who_held_an_office_in_a_unit_over_time(browser, sample_archive, title, unit):
    """samples/: Decision 3412/QĐ-BNNMT of 29/8/2025 appoints Lưu Đình Khôi Cục trưởng; the article
    calls Nguyễn Văn Tường "nguyên Cục trưởng" (docs/resolution.md; written by hand)."""
    if unit == "U-":                                          # the unit's id, as a link would give it
        unit = duck(sample_archive, "SELECT unit_id FROM units WHERE name = 'Cục Quản lý đê điều và Phòng, "
                                    "chống thiên tai'")[0][0]
    rows = browser.rows(f"/vnarchive/who_held_an_office.json?title={title}&unit={unit}")
    assert [tuple(r[c] for c in HOLDER) for r in rows] == [
        (1, "Nguyễn Văn Tường", None, None, "2025-08-29", "successor", "former"),
        (2, "Lưu Đình Khôi", "2025-08-29", "text", None, None, "current")]
    assert {(r["title"], r["unit_relation"]) for r in rows} == {("Cục trưởng", "self")}
    assert rows[1]["previous_holder"] == "Nguyễn Văn Tường"


def test_who_held_an_office_follows_the_unit_across_a_merger(browser):
    """samples/: Trần Văn Lộc, "nguyên Giám đốc Sở Tài chính tỉnh Bình Định" (the province joined Gia
    Lai on 2025-07-01), and Rơ Mah Tuấn, Giám đốc Sở Tài chính tỉnh Gia Lai (written by hand)."""
    rows = browser.rows("/vnarchive/who_held_an_office.json?title=giam doc&unit=so tai chinh tinh gia lai")
    assert [(r["unit_name"], r["unit_relation"], r["person_name"], r["start_on"], r["end_on"], r["status"])
            for r in rows] == [
        ("Sở Tài chính tỉnh Gia Lai", "self", "Rơ Mah Tuấn", "2024-03-22", None, "current"),
        ("Sở Tài chính tỉnh Bình Định", "predecessor", "Trần Văn Lộc", None, "2025-08-07", "former")]


def test_canned_queries_do_not_hide_tables_or_views():
    from warehouse import schema
    from warehouse.browse.metadata import canned_queries
    relations = {t.name for t in schema.tables()} | {v.name for v in schema.views()}
    assert not set(canned_queries()) & relations


def test_readme_examples_give_the_readme_answers(browser, sample_archive):
    """Each README example (DuckDB SQL) has a canned query (SQLite) returning the same rows."""
    import sys
    from pathlib import Path

    from warehouse.browse.metadata import load
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "docs"))
    try:
        import readme_examples
    finally:
        sys.path.pop(0)
    canned = {q["title"]: q["name"] for q in load("queries.toml")["query"] if q.get("readme")}
    assert set(canned) == {title for title, _ in readme_examples.EXAMPLES}
    for title, sql in readme_examples.EXAMPLES:
        want = [[v if not isinstance(v, bool) else int(v) for v in r] for r in duck(sample_archive, sql)]
        want = [[v.isoformat() if hasattr(v, "isoformat") else v for v in r] for r in want]
        data = browser.json(f"/vnarchive/{canned[title]}.json?_shape=arrays")
        assert data["rows"] == want and want, title
