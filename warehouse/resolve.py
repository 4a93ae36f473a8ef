"""Entity resolution over the whole archive: rebuilds units, unit_aliases, unit_resolution,
people, person_links and merges in one transaction (idempotent: same archive, same rows).

Canonical ids hash the canonical key (units) or the name key and its anchoring office (people),
so they do not depend on the order documents arrived in. Overrides (force-merge / force-split)
come from a TOML file, see warehouse/overrides.py."""
from __future__ import annotations

import json

import duckdb

from warehouse import mapping
from warehouse.keys import name_key
from warehouse.overrides import load_overrides
from warehouse.resolve_people import PersonMention, resolve_people
from warehouse.resolve_units import UnitForm, UnitMention, resolve_units


def resolve_archive(con: duckdb.DuckDBPyConnection, overrides_path: str | None) -> dict[str, int]:
    ov = load_overrides(overrides_path)
    q = con.execute
    mentions = [UnitMention(doc, name, json.loads(aliases) if aliases else [], parent, kind, level)
                for doc, name, aliases, parent, kind, level in
                q("SELECT document_id, name, aliases, parent_name, kind, level FROM unit_mentions "
                  "ORDER BY document_id, ordinal").fetchall()]
    forms = [UnitForm(doc, name) for doc, name in
             q("SELECT document_id, unit_name FROM positions WHERE unit_name IS NOT NULL "
               "ORDER BY position_id").fetchall()]
    forms += [UnitForm(doc, rec, new_node=(kind == "collective")) for doc, rec, kind in
              q("SELECT document_id, recipient, recipient_kind FROM awards WHERE recipient IS NOT NULL "
                "AND coalesce(recipient_kind, '') <> 'person' ORDER BY award_id").fetchall()]
    ur = resolve_units(mentions, forms, ov)
    where = {(r["document_id"], r["name_key"]): r["unit_id"] for r in ur.resolution}
    glob = {a["alias_key"]: a["unit_id"] for a in ur.aliases}
    people: dict[str, PersonMention] = {}
    for mid, doc, name in q("SELECT mention_id, document_id, name FROM person_mentions").fetchall():
        people[mid] = PersonMention(mid, doc, name)
    for mid, doc, title, unit_name in q("SELECT mention_id, document_id, title, unit_name FROM positions "
                                        "ORDER BY position_id").fetchall():
        if mid in people:
            uk = name_key(unit_name)
            people[mid].contexts.append((name_key(title), where.get((doc, uk)) or glob.get(uk)))
    persons, links, pmerges = resolve_people(list(people.values()), ov)
    out = {"units": ur.units, "unit_aliases": ur.aliases, "unit_resolution": ur.resolution, "people": persons,
           "person_links": links, "merges": ur.merges + pmerges}
    con.execute("BEGIN TRANSACTION")
    try:
        for t, rows in out.items():
            con.execute(f"DELETE FROM {t}")
            if rows:
                arrow = mapping.to_arrow(t, rows)  # noqa: F841 (DuckDB reads it by name)
                con.execute(f"INSERT INTO {t} BY NAME SELECT * FROM arrow")
        con.execute("INSERT INTO archive_meta VALUES ('entities_stale', '0') "
                    "ON CONFLICT (key) DO UPDATE SET value = '0'")
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return {t: len(rows) for t, rows in out.items()}
