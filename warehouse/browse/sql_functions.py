"""SQL functions the browser adds to its SQLite connections (usable in the SQL editor too), and
the authorizer that keeps those connections read-only.

- vn_fold(s): s without diacritics, đ folded to d, lower case: compare names typed either way
- vn_fts(q): the words of q as an FTS5 query (every word required; no FTS syntax errors)
- vn_snippet(text, q): the window of text around the query words
- vn_sentence(text, start, end): the sentence holding the span [start, end)
- vn_number_key(s): a document number normalized like legal_refs.number_key"""
from __future__ import annotations

import re
import sqlite3

from warehouse.browse.spans import sentence_around
from warehouse.keys import fold_ascii, number_key
from warehouse.search import fold_query, snippet


def vn_fold(s: str | None) -> str | None:
    return None if s is None else fold_ascii(str(s)).lower()


def vn_fts(q: str | None) -> str:
    words = re.findall(r"\w+", (q or "").lower())
    return " ".join(f'"{w}"' for w in words) or '""'


def vn_snippet(text: str | None, q: str | None) -> str | None:
    if not text:
        return None
    return snippet(text, fold_query(q or "").split())


def vn_sentence(text: str | None, start: int | None, end: int | None) -> str | None:
    if not text or start is None or end is None:
        return None
    return sentence_around(text, int(start), int(end))


def vn_number_key(s: str | None) -> str | None:
    return number_key(s)


def register(conn: sqlite3.Connection) -> None:
    conn.create_function("vn_fold", 1, vn_fold, deterministic=True)
    conn.create_function("vn_fts", 1, vn_fts, deterministic=True)
    conn.create_function("vn_snippet", 2, vn_snippet, deterministic=True)
    conn.create_function("vn_sentence", 3, vn_sentence, deterministic=True)
    conn.create_function("vn_number_key", 1, vn_number_key, deterministic=True)


# ---- read-only guard ---------------------------------------------------------------------------
# Besides the immutable, read-only file and Datasette's SELECT-only check: an allow-list of what
# a statement may do. Refused: ATTACH (another file), writes of any kind, transactions, pragmas
# that set things, load_extension and functions that read or write files or leak pointers.
_READ_PRAGMAS = frozenset({"table_info", "table_xinfo", "index_list", "index_info", "index_xinfo",
                           "foreign_key_list", "schema_version", "data_version", "database_list",
                           "function_list", "page_count", "page_size", "freelist_count", "max_page_count",
                           "collation_list", "module_list", "pragma_list"})
_DENIED_FUNCTIONS = frozenset({"load_extension", "fts3_tokenizer", "readfile", "writefile", "edit",
                               "fts5_source_id", "sqlite_dbpage", "zipfile", "sqlar_compress",
                               "sqlar_uncompress"})
_ALLOWED = {sqlite3.SQLITE_SELECT, sqlite3.SQLITE_READ, sqlite3.SQLITE_RECURSIVE}


def read_only_authorizer(action: int, arg1: str | None, arg2: str | None, db: str | None,
                         source: str | None) -> int:
    if action in _ALLOWED:
        return sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_FUNCTION:
        return sqlite3.SQLITE_DENY if (arg2 or "").lower() in _DENIED_FUNCTIONS else sqlite3.SQLITE_OK
    if action == sqlite3.SQLITE_PRAGMA:
        name = (arg1 or "").lower()
        sets = name in ("page_size", "max_page_count") and arg2 is not None
        return sqlite3.SQLITE_OK if name in _READ_PRAGMAS and not sets else sqlite3.SQLITE_DENY
    if action == sqlite3.SQLITE_UPDATE and arg1 == "sqlite_master" and db == "main":
        return sqlite3.SQLITE_OK   # reported by SQLite itself while it reads a virtual table's schema
    return sqlite3.SQLITE_DENY
