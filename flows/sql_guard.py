"""`vnarchive sql`: one statement that only reads, on an archive opened so that nothing can
reach the network or the file system.

The connection is hardened before the query is even parsed (DuckDB's parser runs some PRAGMAs
and installs extensions while it parses): extension auto-install and auto-load off, external
access off, configuration locked. The query is then screened on its tokens (DuckDB's tokenizer
runs nothing): one statement; a statement kind that reads; PRAGMA and CALL only for read-only
functions; no function that writes logs or checkpoints, runs SQL given as a string or scans
memory by address (one of them aborts the process: a C++ terminate). Last, the parsed statement
type is checked (EXPLAIN ANALYZE runs its statement)."""
from __future__ import annotations

import re

import duckdb

HARDENED = {"autoinstall_known_extensions": False, "autoload_known_extensions": False,
            "allow_community_extensions": False, "python_enable_replacements": False}
STARTS = {"select", "with", "from", "values", "table", "show", "describe", "desc", "summarize", "explain",
          "pragma", "call", "unpivot", "("}
# PRAGMA / CALL: functions that only report (CALL also takes their pragma_ table-function form)
READ_PRAGMAS = {"collations", "database_list", "database_size", "extension_versions", "functions", "metadata_info",
                "platform", "show", "show_databases", "show_tables", "show_tables_expanded", "storage_info",
                "table_info", "user_agent", "version"}
READ_CALLS = READ_PRAGMAS | {f"pragma_{p}" for p in READ_PRAGMAS} | {
    "duckdb_columns", "duckdb_constraints", "duckdb_databases", "duckdb_dependencies", "duckdb_functions",
    "duckdb_indexes", "duckdb_keywords", "duckdb_schemas", "duckdb_sequences", "duckdb_settings", "duckdb_tables",
    "duckdb_types", "duckdb_views", "range", "generate_series", "summary"}
REFUSED_FUNCTIONS = {"checkpoint", "force_checkpoint", "enable_logging", "disable_logging", "truncate_duckdb_logs",
                     "enable_profiling", "disable_profiling", "query", "query_table", "json_execute_serialized_sql",
                     "arrow_scan", "arrow_scan_dumb", "pandas_scan", "python_map_function"}
READ_TYPES = {"SELECT", "EXPLAIN", "PRAGMA", "CALL"}
_EXPLAIN = re.compile(r"^(?:\s|--[^\n]*\n|/\*.*?\*/)*EXPLAIN\s*(?:\([^)]*\)\s*)?(?:ANALY[SZ]E\b)?", re.I | re.S)
READS = ("`vnarchive sql` runs one statement that reads (SELECT, WITH, SHOW, DESCRIBE, SUMMARIZE, "
         "EXPLAIN, read-only PRAGMAs) on the archive, opened read-only")


def open_guarded(db: str) -> duckdb.DuckDBPyConnection:
    """The archive read-only, with the FTS extension (from its Python package) and then no way
    out: no extension install or load, no files, no network, settings locked."""
    from warehouse.search import load_fts
    con = duckdb.connect(db, read_only=True, config=HARDENED)
    try:
        load_fts(con)
        con.execute("SET enable_external_access = false")
        con.execute("SET lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


_WORD = re.compile(r'"(?:[^"]|"")*"|[^\s"(),;.=/*-]+')


def _tokens(query: str) -> list[tuple[str, str]]:
    """(type, lexeme) of each token (the tokenizer gives start offsets only; comments between
    tokens are not lexemes)."""
    toks = duckdb.tokenize(query)
    ends = [p for p, _ in toks[1:]] + [len(query)]
    out = []
    for (p, t), e in zip(toks, ends):
        text = query[p:e]
        if t.name in ("identifier", "keyword"):
            m = _WORD.match(text)
            text = m.group() if m else text.strip()
        elif t.name == "operator":
            text = text[:1]
        out.append((t.name, text))
    return out


def _statements(tokens: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    out: list[list[tuple[str, str]]] = [[]]
    for tok in tokens:
        if tok == ("operator", ";"):
            out.append([])
        else:
            out[-1].append(tok)
    return [s for s in out if s]


def _calls(stmt: list[tuple[str, str]]) -> list[str]:
    """Names written just before "(" (schema prefixes dropped, quotes removed), lower case."""
    return [name.strip('"').lower() for (kind, name), nxt in zip(stmt, stmt[1:] + [("", "")])
            if kind in ("identifier", "keyword") and nxt[1].startswith("(")]


def screen(query: str) -> str | None:
    """The one-line refusal of a query, from its tokens alone (nothing is parsed or run); None if
    it may go on to the parser."""
    try:
        stmts = _statements(_tokens(query))
    except Exception as e:  # noqa: BLE001 (the tokenizer's own error)
        return f"cannot read the query: {e}"
    if not stmts:
        return "empty query"
    if len(stmts) > 1:
        return f"refused: {len(stmts)} statements. {READS}: run them one at a time."
    stmt = stmts[0]
    first = stmt[0][1].lower()
    if first not in STARTS:
        return f"refused: {first.upper()} statement. {READS}."
    if first in ("pragma", "call"):
        name = stmt[1][1].strip('"').lower() if len(stmt) > 1 else ""
        if name not in (READ_PRAGMAS if first == "pragma" else READ_CALLS) or (len(stmt) > 2 and stmt[2][1] == "="):
            return f"refused: {first.upper()} {name or '?'} (only PRAGMA/CALL functions that report are allowed)."
    bad = sorted(set(_calls(stmt)) & REFUSED_FUNCTIONS)
    if bad:
        return f"refused: {bad[0]}() changes the database's state or runs SQL given as text. {READS}."
    return None


def refusal(con: duckdb.DuckDBPyConnection, query: str) -> str | None:
    """None when the query is one statement that only reads; else the one-line message."""
    msg = screen(query)
    if msg:
        return msg
    try:
        stmts = con.extract_statements(query)
    except duckdb.Error as e:
        return f"cannot parse the query: {_first_line(e)}"
    for s in stmts:
        kind = s.type.name if hasattr(s.type, "name") else str(s.type)
        if kind == "EXPLAIN":   # EXPLAIN ANALYZE runs its statement: check that one (COPY TO would write)
            inner = _EXPLAIN.sub("", s.query, count=1)
            if inner == s.query or (msg := refusal(con, inner)):
                return msg or "refused: an EXPLAIN whose statement cannot be checked"
        elif kind not in READ_TYPES:
            return f"refused: {kind} statement. {READS}."
    return None


def _first_line(e: Exception) -> str:
    lines = str(e).strip().splitlines()
    return lines[0] if lines else type(e).__name__
