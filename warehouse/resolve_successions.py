"""Successor links between canonical units: mergers, consolidations and renamings stated in a
document (unit_change_mentions, each name resolved in its document first), and province mergers (a
unit of a province that joined another -> the same unit of that province, when the archive knows
both): the ones a document states, and the 2025 merger from nlp/lexicons/provinces.toml."""
from __future__ import annotations

import json
from datetime import date

import duckdb

from warehouse.places import province_of, relocated_keys, successor_keys
from warehouse.unionfind import setting


def successions(con: duckdb.DuckDBPyConnection) -> list[dict]:
    glob = dict(con.execute("SELECT alias_key, unit_id FROM unit_aliases").fetchall())
    local = {(d, k): u for d, k, u in con.execute(
        "SELECT document_id, name_key, unit_id FROM unit_resolution WHERE document_id IN "
        "(SELECT document_id FROM unit_change_mentions)").fetchall()}
    units = con.execute("SELECT unit_id, name_key FROM units ORDER BY unit_id").fetchall()
    out: dict[tuple[str, str], dict] = {}

    def link(frm, to, change, effective, basis, doc=None, s=None, e=None):
        if frm and to and frm != to:
            out.setdefault((frm, to), {"predecessor_unit_id": frm, "successor_unit_id": to, "change": change,
                                       "effective_on": effective, "basis": basis, "document_id": doc,
                                       "span_start": s, "span_end": e})

    for doc, change, preds, succ, eff, s, e in con.execute(
            "SELECT document_id, change, predecessor_keys, successor_key, effective, span_start, span_end "
            "FROM unit_change_mentions ORDER BY document_id, ordinal").fetchall():
        to = local.get((doc, succ)) or glob.get(succ)
        for pk in json.loads(preds or "[]"):
            link(local.get((doc, pk)) or glob.get(pk), to, change, _date(eff), "text", doc, s, e)
            old, new = province_of(pk), province_of(succ)
            if old and new and pk.split()[0] in ("tỉnh", "thành") and succ.split()[0] in ("tỉnh", "thành"):
                for uid, key in units:   # a province joined another: so did each of its bodies
                    target = next((glob[k] for k in relocated_keys(key, old, new) if k in glob), None)
                    link(uid, target, "province_merger", _date(eff), "text", doc, s, e)
    effective = date.fromisoformat(setting("province_merger_2025_effective"))
    for uid, key in units:
        to = next((glob[k] for k in successor_keys(key) if k in glob), None)
        link(uid, to, "province_merger", effective, "province_merger_2025")
    return [out[k] for k in sorted(out)]


def _date(value: str | None) -> date | None:
    if not value:
        return None
    parts = value.split("-") + ["01", "01"]
    try:
        return date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        return None
