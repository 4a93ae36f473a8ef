"""The judgement log: an append-only table of human decisions about identity (these two are the
same, not the same, unsure), applied by every resolution run.

A judgement names entities by id (P-..., U-...), and also records what each side meant when it was
made: the (document id, name key) of every mention of a person, or the name keys of a unit. Runs
apply the judgement to those members, so it survives reprocessing (mention ids may change, a
document's name keys do not) and later merges or splits of the ids. On each pair of ids the latest
judgement holds; `unsure` withdraws an earlier one."""
from __future__ import annotations

import getpass
import json
from datetime import datetime, timezone

import duckdb

from warehouse import mapping
from warehouse.keys import short_hash
from warehouse.overrides import FileEntry, Overrides

VERDICTS = ("same", "not_same", "unsure")


def now() -> datetime:
    """UTC now, to the microsecond: two judgements in one second still have an order."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def default_who() -> str:
    try:
        return getpass.getuser()
    except Exception:   # no login name (containers): still a judgement
        return "unknown"


def judgement_row(kind: str, left_id: str, right_id: str, verdict: str, left_members: list, right_members: list,
                  who: str, origin: str, note: str | None = None, at: datetime | None = None) -> dict:
    if verdict not in VERDICTS:
        raise ValueError(f"judgement must be one of {', '.join(VERDICTS)}, not {verdict!r}")
    at = at or now()
    jid = "J-" + short_hash(kind, left_id, right_id, verdict, who, at.isoformat(), note or "", origin, n=12)
    return {"judgement_id": jid, "kind": kind, "left_id": left_id, "right_id": right_id, "judgement": verdict,
            "who": who, "decided_at": at, "note": note, "origin": origin,
            "left_members": json.dumps(left_members, ensure_ascii=False),
            "right_members": json.dumps(right_members, ensure_ascii=False)}


def append(con: duckdb.DuckDBPyConnection, rows: list[dict]) -> int:
    """Add judgements (one statement); rows whose id is already logged are skipped."""
    if not rows:
        return 0
    new = mapping.to_arrow("judgements", rows)  # noqa: F841 (DuckDB reads it by name)
    before = con.execute("SELECT count(*) FROM judgements").fetchone()[0]
    con.execute("INSERT INTO judgements BY NAME SELECT * FROM new "
                "WHERE judgement_id NOT IN (SELECT judgement_id FROM judgements)")
    return con.execute("SELECT count(*) FROM judgements").fetchone()[0] - before


def import_file(con: duckdb.DuckDBPyConnection, entries: list[FileEntry], path: str) -> int:
    """Log the overrides file's entries not logged yet (their ids hash the content, not the time)."""
    rows = []
    for e in entries:
        row = judgement_row(e.kind, e.left_id, e.right_id, e.judgement, e.left_members, e.right_members,
                            who=f"overrides file {path}", origin="overrides")
        row["judgement_id"] = "J-" + short_hash("overrides", e.kind, e.left_id, e.right_id, e.judgement, n=12)
        rows.append(row)
    return append(con, rows)


def latest(con: duckdb.DuckDBPyConnection) -> list[tuple[str, str, list, list]]:
    """(kind, verdict, left members, right members) of the latest judgement on each pair of ids."""
    rows = con.execute("""
        SELECT kind, judgement, left_members, right_members FROM (
          SELECT *, row_number() OVER (PARTITION BY kind, least(left_id, right_id), greatest(left_id, right_id)
                                       ORDER BY decided_at DESC, judgement_id DESC) AS latest
          FROM judgements)
        WHERE latest = 1
        ORDER BY decided_at, judgement_id""").fetchall()
    return [(k, v, json.loads(lm), json.loads(rm)) for k, v, lm, rm in rows]


def in_force(con: duckdb.DuckDBPyConnection) -> Overrides:
    """The latest judgement on each pair of ids, as constraints for the resolvers."""
    ov = Overrides()
    for kind, verdict, lm, rm in latest(con):
        if verdict == "unsure":
            continue
        if kind == "unit":
            if verdict == "same":
                ov.unit_merges.append(sorted(set(lm) | set(rm)))
            elif rm == ["*"]:
                ov.unit_splits.update(lm)
            else:
                ov.unit_apart.append((lm, rm))
        else:
            sides = ([tuple(a) for a in lm], [tuple(a) for a in rm])
            (ov.person_same if verdict == "same" else ov.person_apart).append(sides)
    return ov


class UnknownId(ValueError):
    """An id that was never published in this archive."""


def kind_of(entity_id: str) -> str:
    if entity_id.startswith("P-"):
        return "person"
    if entity_id.startswith("U-"):
        return "unit"
    raise UnknownId(f"{entity_id}: not a person (P-...) or unit (U-...) id")


def current_id(con: duckdb.DuckDBPyConnection, entity_id: str) -> str:
    """The id naming the entity now (following redirects); UnknownId when never published or retired."""
    row = con.execute("SELECT current_id, status FROM id_lookup WHERE kind = ? AND id = ?",
                      [kind_of(entity_id), entity_id]).fetchone()
    if row is None:
        raise UnknownId(f"{entity_id}: no such id in this archive (run `vnarchive resolve` after an ingest?)")
    if row[0] is None:
        raise UnknownId(f"{entity_id}: retired (none of its mentions remain)")
    return row[0]


def members(con: duckdb.DuckDBPyConnection, entity_id: str, documents: list[str] | None = None) -> list:
    """What an id means now: [document id, name key] of each mention (people, optionally only in
    `documents`) or the unit's name keys."""
    cur = current_id(con, entity_id)
    if kind_of(entity_id) == "unit":
        return [k for (k,) in con.execute("SELECT alias_key FROM unit_aliases WHERE unit_id = ? ORDER BY 1",
                                          [cur]).fetchall()]
    rows = con.execute("SELECT DISTINCT m.document_id, m.name_key FROM person_links l JOIN person_mentions m "
                       "ON m.mention_id = l.mention_id WHERE l.person_id = ? ORDER BY 1, 2", [cur]).fetchall()
    return [[d, k] for d, k in rows if documents is None or d in documents]
