"""The real seed documents (read from ../shared at run time) through the extractor into the
archive: spans index the stored text, re-storing adds nothing, resolution and search work,
and `vnarchive resolve` applies an overrides file."""
from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from flows.cli import app
from warehouse.archive import Archive
from warehouse.load import LoadItem

SEEDS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus" / "seeds"


def seed_items() -> list[LoadItem]:
    from extractors.read import read_path, read_raw
    from nlp.pipeline import extract
    if not SEEDS.is_dir() or not any(SEEDS.iterdir()):
        pytest.skip("shared seeds not present")
    items = []
    for p in sorted(SEEDS.iterdir()):
        raw = read_path(str(p))
        doc = read_raw(raw)
        items.append(LoadItem(raw=raw, doc=doc, extraction=extract(doc)))
    return items


def test_seeds_load_with_valid_spans(tmp_path):
    items = seed_items()
    db = str(tmp_path / "seeds.duckdb")
    with Archive.open(db) as a:
        assert a.store_batch(items)["documents"] == len(items)
        assert not any(a.store_batch(seed_items()).values())
        bad = a.con.execute("""
            SELECT t.tbl, count(*) FROM (
              SELECT 'person_mentions' tbl, document_id, span_start, span_end FROM person_mentions UNION ALL
              SELECT 'positions', document_id, span_start, span_end FROM positions UNION ALL
              SELECT 'unit_mentions', document_id, span_start, span_end FROM unit_mentions UNION ALL
              SELECT 'awards', document_id, span_start, span_end FROM awards UNION ALL
              SELECT 'date_mentions', document_id, span_start, span_end FROM date_mentions UNION ALL
              SELECT 'legal_refs', document_id, span_start, span_end FROM legal_refs UNION ALL
              SELECT 'movement_mentions', document_id, span_start, span_end FROM movement_mentions) t
            JOIN documents_latest d USING (document_id)
            WHERE t.span_start IS NOT NULL AND NOT (0 <= t.span_start AND t.span_start <= t.span_end
                                                    AND t.span_end <= d.text_length)
            GROUP BY 1""").fetchall()
        assert bad == []
        # a person's stored span covers the name in the stored text
        for name, s, e, text in a.con.execute(
                "SELECT p.name, p.span_start, p.span_end, d.text FROM person_mentions p "
                "JOIN documents_latest d USING (document_id) WHERE p.span_start IS NOT NULL").fetchall():
            assert text[s:e].split()[-1] == name.split()[-1], (name, text[s:e])
        counts = a.resolve_entities()
        assert counts["units"] > 0 and counts["people"] > 0
        assert a.con.execute("SELECT count(*) FROM person_timeline WHERE person_id IS NULL").fetchone()[0] == 0
        assert a.search("thi dua")


def test_resolve_command_applies_overrides(tmp_path):
    db = str(tmp_path / "seeds.duckdb")
    with Archive.open(db) as a:
        a.store_batch(seed_items())
    over = tmp_path / "my-overrides.toml"
    over.write_text('[[merge]]\nkind = "unit"\nnames = ["Văn phòng Chính phủ", "Thanh tra tỉnh Bình Phước"]\n',
                    encoding="utf-8")
    r = CliRunner().invoke(app, ["resolve", "--db", db, "--overrides", str(over)])
    assert r.exit_code == 0, r.output
    with Archive.open(db, read_only=True) as a:
        ids = a.con.execute("SELECT DISTINCT unit_id FROM unit_aliases WHERE alias_key IN "
                            "('văn phòng chính phủ', 'thanh tra tỉnh bình phước')").fetchall()
        assert len(ids) == 1
    over.write_text('[[split]]\nkind = "team"\n', encoding="utf-8")
    r = CliRunner().invoke(app, ["resolve", "--db", db, "--overrides", str(over)])
    assert r.exit_code == 1 and "split kind" in r.stderr
