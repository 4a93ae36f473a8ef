"""The rule registry: every stage runs in its declared order, and every fact names the registered
rule that produced it, in the records, the contract JSON and the archive."""
from __future__ import annotations

from pathlib import Path

import pytest

import nlp.pipeline  # noqa: F401  (registers every stage)
from extractors.read import read_path, read_raw
from nlp.contract import to_contract
from nlp.pipeline import extract
from nlp.registry import FACT_KINDS, STAGE_ORDER, RegistryError, rule, rules, stages

ROOT = Path(__file__).resolve().parent.parent
OWN_DOCS = sorted((ROOT / "tests" / "gold" / "docs").iterdir())

_FACT_OF = {"people": "person", "units": "unit", "awards": "award", "dates": "date",
            "legal_refs": "legal_ref", "movements": "movement"}


def test_stages_run_in_the_declared_order():
    assert [s.name for s in stages()] == list(STAGE_ORDER)


def test_a_rule_name_is_registered_once():
    name = rule("test.only_once", "date", "a pattern")
    assert rule("test.only_once", "date", "a pattern") == name     # a module imported twice
    with pytest.raises(RegistryError):
        rule("test.only_once", "unit", "another pattern")
    with pytest.raises(RegistryError):
        rule("test.unknown_fact", "weather", "a pattern")


def test_every_fact_names_a_registered_rule_of_its_kind():
    registered = rules()
    assert all(r.pattern and r.fact in FACT_KINDS for r in registered.values())
    seen: set[str] = set()
    for path in OWN_DOCS:
        d = to_contract(extract(read_raw(read_path(str(path)))))
        for key, fact in _FACT_OF.items():
            for item in d[key]:
                assert registered[item["rule"]].fact == fact, (path.name, key, item)
                seen.add(item["rule"])
                for q in item.get("positions", []):
                    assert registered[q["rule"]].fact == "position", (path.name, q)
                    seen.add(q["rule"])
    # the annotated documents exercise most rules of every kind
    for fact in ("person", "position", "unit", "award", "date", "legal_ref", "movement"):
        assert any(registered[r].fact == fact for r in seen), fact


def test_the_archive_keeps_the_rule_of_every_fact(tmp_path):
    from warehouse.archive import Archive
    from warehouse.load import LoadItem
    from warehouse.mapping import FACT_TABLES

    raw = read_path(str(OWN_DOCS[0]))
    doc = read_raw(raw)
    x = extract(doc)
    with Archive.open(str(tmp_path / "a.duckdb")) as arc:
        arc.store_batch([LoadItem(raw=raw, doc=doc, extraction=x)], run_id="r1")
        for table in FACT_TABLES:
            missing, total = arc.con.execute(
                f"SELECT count(*) FILTER (WHERE rule IS NULL), count(*) FROM {table}").fetchone()
            assert missing == 0, table
        stored = {r for (r,) in arc.con.execute("SELECT rule FROM positions").fetchall()}
    assert stored == {q.rule for p in x.people for q in p.positions} and stored
