"""The judgement log: an append-only table of human decisions about identity (these two are the
same, not the same, unsure), applied by every resolution run.

A judgement names entities by id (P-..., U-...), and also records what each side meant when it was
made: the (document id, name key) of every mention of a person, or the name keys of a unit. Runs
apply the judgement to those members, so it survives reprocessing (mention ids may change, a
document's name keys do not) and later merges or splits of the ids. The newest judgement about a
pair of members decides it (warehouse/resolve_judgements.py); `unsure A B` withdraws the earlier
judgements on the pair of ids A, B, so that the log applies as if they had never been made."""
from __future__ import annotations

import getpass
import json
from datetime import datetime, timezone

import duckdb

from warehouse import mapping
from warehouse.keys import short_hash
from warehouse.overrides import FileEntry, Judged, Overrides

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


def logged(con: duckdb.DuckDBPyConnection) -> list[Judged]:
    """Every judgement of the log, newest first."""
    rows = con.execute("SELECT judgement_id, kind, judgement, left_id, right_id, left_members, right_members, "
                       "decided_at, who FROM judgements ORDER BY decided_at DESC, judgement_id DESC").fetchall()
    return [Judged(jid, kind, verdict, lid, rid, json.loads(lm), json.loads(rm), at, who)
            for jid, kind, verdict, lid, rid, lm, rm, at, who in rows]


def in_force(con: duckdb.DuckDBPyConnection) -> Overrides:
    """The log as constraints for the resolvers: person and unit judgements newest first (the
    resolvers apply them in that order, warehouse/resolve_judgements.py), and the unit names whose
    latest judgement exempts them from the rules (a unit [[split]] of the overrides file)."""
    ov = Overrides()
    exempt: dict[str, str] = {}
    for j in not_withdrawn(logged(con)):
        if j.kind == "unit" and j.right == ["*"]:
            for k in j.left:
                exempt.setdefault(k, j.verdict)
        else:
            (ov.unit if j.kind == "unit" else ov.person).append(j)
    ov.unit_splits = {k for k, verdict in exempt.items() if verdict == "not_same"}
    return ov


def not_withdrawn(judged: list[Judged]) -> list[Judged]:
    """`judged` (newest first) without the judgements a newer `unsure` on the same pair of ids (as
    the log names them, in either order) withdrew: the log then applies as if they were never made."""
    withdrawn: set[tuple[str, frozenset[str]]] = set()
    out = []
    for j in judged:
        pair = (j.kind, frozenset((j.left_id, j.right_id)))
        if pair in withdrawn:
            continue
        if j.verdict == "unsure":
            withdrawn.add(pair)
        out.append(j)
    return out


def earlier(con: duckdb.DuckDBPyConnection, left_id: str, right_id: str) -> tuple[str, list, list] | None:
    """(kind, left members, right members) of the latest judgement on this pair of ids (either order)."""
    row = con.execute("SELECT kind, left_id, left_members, right_members FROM judgements "
                      "WHERE (left_id = ? AND right_id = ?) OR (left_id = ? AND right_id = ?) "
                      "ORDER BY decided_at DESC, judgement_id DESC LIMIT 1",
                      [left_id, right_id, right_id, left_id]).fetchone()
    if row is None:
        return None
    kind, lid, lm, rm = row[0], row[1], json.loads(row[2]), json.loads(row[3])
    return (kind, lm, rm) if lid == left_id else (kind, rm, lm)


class UnknownId(ValueError):
    """An id that was never published in this archive."""


class BadJudgement(ValueError):
    """A judgement that cannot be made as asked (one line saying why)."""


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


def members(con: duckdb.DuckDBPyConnection, entity_id: str) -> list:
    """What an id means now: [document id, name key] of each mention (people) or the unit's name keys."""
    cur = current_id(con, entity_id)
    if kind_of(entity_id) == "unit":
        return [k for (k,) in con.execute("SELECT alias_key FROM unit_aliases WHERE unit_id = ? ORDER BY 1",
                                          [cur]).fetchall()]
    rows = con.execute("SELECT DISTINCT m.document_id, m.name_key FROM person_links l JOIN person_mentions m "
                       "ON m.mention_id = l.mention_id WHERE l.person_id = ? ORDER BY 1, 2", [cur]).fetchall()
    return [[d, k] for d, k in rows]


def sides(con: duckdb.DuckDBPyConnection, left: str, right: str, verdict: str,
          documents: list[str] | None = None) -> tuple[str, list, list]:
    """(kind, left members, right members) of a judgement about ids `left` and `right` (a split: the
    mentions of `left` in `documents` apart from the rest). `unsure` withdraws the latest judgement on
    the same pair of ids (as the log names them: also name:... of an overrides-file entry) with the
    members it had, whatever the ids name by now. Raises UnknownId or BadJudgement."""
    before = earlier(con, left, right) if verdict == "unsure" else None
    if before is not None:
        return before
    kind = kind_of(left)
    if documents is not None:
        every, docs = members(con, left), set(documents)
        part = [m for m in every if kind == "unit" or m[0] in docs]    # a unit's names have no document
        rest = [m for m in every if kind != "unit" and m[0] not in docs]
        if not part:
            raise BadJudgement(f"{left} has no mention in {', '.join(documents)}")
        if not rest:
            raise BadJudgement(f"every mention of {left} is in those documents: nothing to split off")
        return kind, rest, part
    if right.startswith("documents:"):
        raise BadJudgement(f"no split of {left} from {right} to withdraw")
    if kind_of(right) != kind:
        raise BadJudgement(f"{left} and {right} are not the same kind of entity")
    if verdict != "same" and current_id(con, left) == current_id(con, right):
        raise BadJudgement(f"{left} and {right} are one {kind} now: use `split` to take mentions apart")
    return kind, members(con, left), members(con, right)
