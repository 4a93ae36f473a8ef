"""Full-text search over document bodies with the DuckDB FTS extension (BM25).

Bodies are folded to ASCII (diacritics dropped, đ -> d) character by character before indexing,
and queries the same way, so "thi đua" and "thi dua" find the same documents; offsets in the
snippet is cut from the document text through the folded-to-source offset map."""
from __future__ import annotations

import re
from pathlib import Path

import duckdb

from warehouse.keys import fold_ascii, fold_ascii_map

_IGNORE = r"(\\.|[^a-z0-9])+"


def fts_extension_path() -> str:
    import duckdb_extension_fts
    base = Path(duckdb_extension_fts.__file__).parent / "extensions"
    exact = base / f"v{duckdb.__version__}" / "fts.duckdb_extension"
    if exact.exists():
        return str(exact)
    found = sorted(base.glob("*/fts.duckdb_extension"))
    if not found:
        raise RuntimeError("the DuckDB FTS extension is not installed (pip package duckdb-extension-fts)")
    return str(found[-1])


def load_fts(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"LOAD '{fts_extension_path()}'")


def has_index(con: duckdb.DuckDBPyConnection) -> bool:
    return con.execute("SELECT count(*) FROM information_schema.schemata "
                       "WHERE schema_name = 'fts_main_search_docs'").fetchone()[0] > 0


def is_stale(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT value FROM archive_meta WHERE key = 'search_stale'").fetchone()
    return not has_index(con) or (row is not None and row[0] == "1")


def refresh_index(con: duckdb.DuckDBPyConnection, force: bool = False) -> bool:
    """(Re)build the index when documents changed since the last build; True if rebuilt."""
    if not force and not is_stale(con):
        return False
    load_fts(con)
    con.execute("PRAGMA create_fts_index('search_docs', 'document_id', 'title_folded', 'body_folded', "
                f"stemmer='none', stopwords='none', ignore='{_IGNORE}', strip_accents=0, lower=1, overwrite=1)")
    con.execute("INSERT INTO archive_meta VALUES ('search_stale', '0') ON CONFLICT (key) DO UPDATE SET value = '0'")
    return True


def fold_query(q: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", fold_ascii(q).lower()))


def search(con: duckdb.DuckDBPyConnection, query: str, limit: int = 10, snippet_chars: int = 160) -> list[dict]:
    """Documents holding every query word, ranked by BM25: document_id, title, published_on,
    score, snippet. Needs a built index."""
    q = fold_query(query)
    if not q:
        return []
    load_fts(con)
    rows = con.execute("""
        SELECT s.document_id, d.title, d.published_on, d.doc_key, d.text, s.score
        FROM (SELECT document_id, fts_main_search_docs.match_bm25(document_id, ?, conjunctive := 1) AS score
              FROM search_docs) s
        JOIN documents_latest d ON d.document_id = s.document_id
        WHERE s.score IS NOT NULL
        ORDER BY s.score DESC, s.document_id
        LIMIT ?""", [q, limit]).fetchall()
    return [{"document_id": did, "title": title, "published_on": pub, "doc_key": key, "score": round(score, 4),
             "snippet": snippet(text or "", q.split(), snippet_chars)}
            for did, title, pub, key, text, score in rows]


def snippet(text: str, terms: list[str], width: int = 160) -> str:
    """The window of `text` around the first place the query phrase (else a term) occurs."""
    folded, offs = fold_ascii_map(text)
    low = folded.lower()
    pos = _find_word(low, " ".join(terms))
    if pos < 0:
        hits = [p for p in (_find_word(low, t) for t in terms) if p >= 0]
        pos = min(hits) if hits else 0
    at = offs[pos] if pos < len(offs) else 0
    start = max(0, at - width // 3)
    while start > 0 and not text[start - 1].isspace() and at - start < width // 2:
        start -= 1
    end = min(len(text), start + width)
    s = " ".join(text[start:end].split())
    return ("…" if start > 0 else "") + s + ("…" if end < len(text) else "")


def _find_word(hay: str, needle: str) -> int:
    m = re.search(r"(?<![a-z0-9])" + re.escape(needle).replace(r"\ ", r"[^a-z0-9]+") + r"(?![a-z0-9])", hay)
    return m.start() if m else -1
