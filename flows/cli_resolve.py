"""`vnarchive resolve`: rebuild canonical entities, and the judgement commands (merge, not-same,
unsure, split), the review queue (candidates), the log (judgements) and id lookup (show)."""
from __future__ import annotations

import sys
from pathlib import Path

import typer

from flows.cli_app import DEFAULT_DB, app

resolve_app = typer.Typer(help="Entity resolution: rebuild people and units; record judgements about identity.",
                          invoke_without_command=True)
app.add_typer(resolve_app, name="resolve")

DB = typer.Option(DEFAULT_DB, "--db", help="archive file")
NOTE = typer.Option(None, "--note", help="why (kept in the judgement log)")
WHO = typer.Option(None, "--who", help="who decides (default: your login name)")
NO_RUN = typer.Option(False, "--no-resolve", help="only log the judgement; apply it at the next resolve")
FORMAT = typer.Option("table", "--format", help="table | csv | json")


def _fail(msg: str, code: int = 2):
    print(f"vnarchive resolve: {msg}", file=sys.stderr)
    raise typer.Exit(code)


def _open(db: str, overrides: str | None = None):
    from warehouse.archive import Archive
    if not Path(db).exists():
        _fail(f"no archive at {db}")
    try:
        return Archive.open(db, overrides=overrides)
    except Exception as e:  # locked by a running ingest, not a DuckDB file
        _fail(f"cannot open {db}: {e}")


def _run(archive):
    """One resolution run (warehouse.resolve.Resolution), then the search index."""
    from warehouse.resolve import run_resolution
    try:
        done = run_resolution(archive.con, archive.overrides)
    except ValueError as e:  # a malformed overrides file
        archive.close()
        _fail(str(e), 1)
    archive.refresh_search()
    return done


def _not_applied(outcomes) -> None:
    """One line per judgement the run did not apply in full: which newer judgement decides instead
    (the newest judgement on a pair of mentions holds), and how to withdraw it."""
    for o in outcomes:
        j = o.judgement
        what = (f"{j.judgement_id} ({j.left_id} {j.verdict.replace('_', '-')} {j.right_id}; "
                f"{j.who}, {j.decided_at:%Y-%m-%d %H:%M})")
        withdraw = f"withdraw it: `vnarchive resolve unsure {j.left_id} {j.right_id}`"
        if o.status == "no_mentions":
            print(f"  not applied: {what} names no mention in the archive now; {withdraw}")
            continue
        share = "any of its" if o.status == "overridden" else f"{o.overridden + o.blocked} of its"
        print(f"  not applied to {share} {o.pairs} pairs of mentions: {what}; the newer "
              f"{', '.join(sorted(o.by))} decides otherwise (the newest judgement on a pair holds); {withdraw}")


@resolve_app.callback()
def resolve(ctx: typer.Context, db: str = DB,
            overrides: str = typer.Option(None, "--overrides",
                                          help="overrides TOML (default: overrides.toml next to the archive)")):
    """Rebuild canonical units, people, offices and occupancies under the judgement log (importing the
    overrides file into it), and the search index. Subcommands record judgements."""
    if ctx.invoked_subcommand is not None:
        return
    if overrides and not Path(overrides).exists():
        _fail(f"no overrides file at {overrides}")
    with _open(db, overrides) as a:
        done = _run(a)
        print(", ".join(f"{n} {t}" for t, n in done.counts.items()))
        _not_applied(done.not_applied())


def _judge(db: str, left: str, right: str, verdict: str, origin: str, note: str | None, who: str | None,
           no_run: bool, documents: list[str] | None = None) -> None:
    from warehouse import judgements as J
    with _open(db) as a:
        try:
            kind, lm, rm = J.sides(a.con, left, right, verdict, documents)
        except (J.UnknownId, J.BadJudgement) as e:
            _fail(str(e))
        row = J.judgement_row(kind, left, right, verdict, lm, rm, who or J.default_who(), origin, note)
        J.append(a.con, [row])
        print(f"logged {row['judgement_id']}: {left} {verdict.replace('_', '-')} {right}"
              + (f" ({note})" if note else ""))
        if no_run:
            return
        done = _run(a)
        _report(a.con, [i for i in (left, right) if i.startswith(("P-", "U-"))])
        _not_applied([o for o in done.not_applied()
                             if o.judgement.judgement_id == row["judgement_id"] or row["judgement_id"] in o.by])


def _report(con, ids: list[str]) -> None:
    from warehouse.judgements import UnknownId, current_id
    for i in ids:
        try:
            cur = current_id(con, i)
        except UnknownId as e:
            print(f"  {e}")
            continue
        row = con.execute("SELECT name, mention_count, document_count FROM people WHERE person_id = ? "
                          "UNION ALL SELECT name, mention_count, document_count FROM units WHERE unit_id = ?",
                          [cur, cur]).fetchone()
        where = "" if cur == i else f" -> {cur}"
        print(f"  {i}{where}: {row[0]} ({row[1]} mentions in {row[2]} documents)")


@resolve_app.command()
def merge(a: str = typer.Argument(..., help="person (P-...) or unit (U-...) id"),
          b: str = typer.Argument(..., help="id of the same kind"),
          db: str = DB, note: str = NOTE, who: str = WHO, no_resolve: bool = NO_RUN):
    """Judge A and B the same entity (logged, then applied by every resolution run)."""
    _judge(db, a, b, "same", "merge", note, who, no_resolve)


@resolve_app.command("not-same")
def not_same(a: str = typer.Argument(..., help="person (P-...) or unit (U-...) id"),
             b: str = typer.Argument(..., help="id of the same kind"),
             db: str = DB, note: str = NOTE, who: str = WHO, no_resolve: bool = NO_RUN):
    """Judge A and B different entities: no rule will merge them again."""
    _judge(db, a, b, "not_same", "not-same", note, who, no_resolve)


@resolve_app.command()
def unsure(a: str = typer.Argument(..., help="person (P-...) or unit (U-...) id"),
           b: str = typer.Argument(..., help="id of the same kind, or documents:ID,... to withdraw a split"),
           db: str = DB, note: str = NOTE, who: str = WHO, no_resolve: bool = NO_RUN):
    """Withdraw an earlier judgement on A and B (the rules decide again); marks the candidate reviewed."""
    _judge(db, a, b, "unsure", "unsure", note, who, no_resolve)


@resolve_app.command()
def split(person: str = typer.Argument(..., help="person id (P-...)"),
          documents: str = typer.Option(..., "--documents", help="comma-separated document ids whose mentions "
                                                                 "are another person"),
          db: str = DB, note: str = NOTE, who: str = WHO, no_resolve: bool = NO_RUN):
    """Take the person's mentions in these documents apart from the rest: they are someone else."""
    if not person.startswith("P-"):
        _fail("split takes a person id (P-...)")
    docs = sorted({d.strip() for d in documents.split(",") if d.strip()})
    _judge(db, person, "documents:" + ",".join(docs), "not_same", "split", note, who, no_resolve, docs)


@resolve_app.command()
def candidates(db: str = DB, name: str = typer.Option(None, "--name", help="only people with this name"),
               limit: int = typer.Option(30, "--limit", min=1), fmt: str = FORMAT):
    """Pairs of people the rules could not decide, best first, with the evidence for and against."""
    from flows.cli_warehouse import _open_ro, _print_rows
    from warehouse.keys import name_key
    archive = _open_ro(db)
    try:
        cur = archive.con.execute("""
            WITH offices_of AS (
              SELECT person_id, string_agg(DISTINCT title || coalesce(' ' || unit_name, ''), '; ') AS offices,
                     count(DISTINCT document_id) AS docs
              FROM person_timeline GROUP BY person_id)
            SELECT row_number() OVER (ORDER BY c.score DESC, c.name, c.left_person_id, c.right_person_id) AS rank,
                   c.score, c.name, c.left_person_id,
                   coalesce(l.offices, 'no office') || ' [' || pl.document_count || ' doc]' AS left_is,
                   c.right_person_id,
                   coalesce(r.offices, 'no office') || ' [' || pr.document_count || ' doc]' AS right_is,
                   c.evidence_for, c.evidence_against, c.status
            FROM person_candidates c
            JOIN people pl ON pl.person_id = c.left_person_id JOIN people pr ON pr.person_id = c.right_person_id
            LEFT JOIN offices_of l ON l.person_id = c.left_person_id
            LEFT JOIN offices_of r ON r.person_id = c.right_person_id
            WHERE ? IS NULL OR pl.name_key = ?
            ORDER BY rank LIMIT ?""", [name_key(name), name_key(name), limit])
        cols = [d[0] for d in cur.description]
        rows = cur.fetchall()
    finally:
        archive.close()
    if not rows and fmt == "table":
        print("no candidates: the rules decided every pair of namesakes (or none share a name)")
        return
    _print_rows(cols, rows, fmt, title="resolve candidates (judge with merge / not-same / unsure)")


@resolve_app.command("judgements")
def list_judgements(db: str = DB, fmt: str = FORMAT):
    """The judgement log, oldest first."""
    from flows.cli_warehouse import _open_ro, _print_rows
    archive = _open_ro(db)
    try:
        cur = archive.con.execute("SELECT judgement_id, decided_at, who, kind, left_id, judgement, right_id, origin, "
                                  "note FROM judgements ORDER BY decided_at, judgement_id")
        cols = [d[0] for d in cur.description]
        rows = cur.fetchall()
    finally:
        archive.close()
    _print_rows(cols, rows, fmt, title="judgements")


@resolve_app.command()
def show(entity: str = typer.Argument(..., help="a person, unit or office id, current or older"),
         db: str = DB, fmt: str = FORMAT):
    """Look an id up (following redirects) and print what it names now, with its history."""
    from flows.cli_warehouse import _open_ro, _print_rows
    archive = _open_ro(db)
    try:
        con = archive.con
        found = con.execute("SELECT kind, current_id, status, hops FROM id_lookup WHERE id = ?", [entity]).fetchone()
        if found is None:
            _fail(f"{entity}: no such id in this archive")
        kind, cur, status, hops = found
        print(f"{entity}: {status}" + (f" -> {cur} ({hops} redirect{'s' if hops > 1 else ''})" if cur != entity else ""))
        history = con.execute("SELECT changed_at, change, old_id, new_id, reason FROM id_redirects "
                              "WHERE old_id = ? OR new_id = ? ORDER BY changed_at, old_id", [entity, entity])
        hist_cols, hist = [d[0] for d in history.description], history.fetchall()
        if cur and kind == "person":
            q = con.execute("SELECT title, unit_name, start_on, start_basis, end_on, end_basis, status "
                            "FROM occupancies WHERE person_id = ? ORDER BY start_on NULLS LAST, title", [cur])
        elif cur and kind == "unit":
            q = con.execute("SELECT title, person_name, start_on, end_on, status FROM office_holders "
                            "WHERE unit_id = ? ORDER BY title, holder_order", [cur])
        elif cur:
            q = con.execute("SELECT person_name, start_on, end_on, status FROM office_holders WHERE office_id = ? "
                            "ORDER BY holder_order", [cur])
        if cur:
            _print_rows([d[0] for d in q.description], q.fetchall(), fmt, title=cur)
        if hist:
            _print_rows(hist_cols, hist, fmt, title="id history")
    finally:
        archive.close()
