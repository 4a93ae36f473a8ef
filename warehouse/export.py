"""Export every table and view to one file each (parquet, csv or jsonl), with a Frictionless
datapackage.json and a README. The same archive always gives byte-identical files: rows are
ordered by every column, metadata is fixed, and nothing records the time of the export."""
from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import duckdb

from warehouse import schema

FORMATS = {"parquet": ("parquet", "application/vnd.apache.parquet", "(FORMAT parquet, COMPRESSION zstd)"),
           "csv": ("csv", "text/csv", "(FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', "
                                      "TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S', DATEFORMAT '%Y-%m-%d')"),
           "jsonl": ("jsonl", "application/jsonl", "(FORMAT json, TIMESTAMPFORMAT '%Y-%m-%dT%H:%M:%S', "
                                                   "DATEFORMAT '%Y-%m-%d')")}

_TYPES = [(r"^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UBIGINT|UINTEGER)$", "integer"),
          (r"^(DOUBLE|FLOAT|REAL|DECIMAL.*)$", "number"), (r"^BOOLEAN$", "boolean"), (r"^DATE$", "date"),
          (r"^TIMESTAMP.*$", "datetime")]


def frictionless_type(duck_type: str) -> str:
    for pat, t in _TYPES:
        if re.match(pat, duck_type):
            return t
    return "string"


def safe_name(name: str) -> str:
    """A file name from a table name: lower-case letters, digits and underscores only."""
    s = re.sub(r"[^a-z0-9_]+", "_", name.lower()).strip("_")
    if not s:
        raise ValueError(f"cannot make a file name from {name!r}")
    return s


def _sources() -> list[tuple[str, str, str, list[str] | None]]:
    """(name, kind, description, columns or None for all) for each exported relation."""
    out = []
    for t in schema.tables():
        if t.export:
            cols = [c for c in t.column_names if c not in t.export_exclude]
            out.append((t.name, "table", t.doc, cols))
    for v in schema.views():
        out.append((v.name, "view", v.doc, None))
    return out


def export_archive(con: duckdb.DuckDBPyConnection, out_dir: str, fmt: str = "parquet") -> dict:
    """Write the files, datapackage.json and README.md into out_dir; returns the package descriptor."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}")
    ext, mediatype, options = FORMATS[fmt]
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    plan = [(name, kind, doc, cols, _target(out, f"{safe_name(name)}.{ext}")) for name, kind, doc, cols in _sources()]
    meta = [_target(out, "datapackage.json"), _target(out, "README.md")]   # every target checked before writing
    written: list[Path] = []
    con.execute("SET threads = 1")  # one writer thread: row groups in a fixed order
    try:
        resources = [_export_one(con, name, kind, doc, cols, path, ext, mediatype, options, fmt, written)
                     for name, kind, doc, cols, path in plan]
        package = _package(resources)
        meta[0].write_text(json.dumps(package, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        written.append(meta[0])
        meta[1].write_text(_readme(package, fmt), encoding="utf-8")
    except BaseException:
        for p in written:     # no half export: what this run wrote goes
            p.unlink(missing_ok=True)
        raise
    return package


def _target(out: Path, fname: str) -> Path:
    path = (out / fname).resolve()
    if path.parent != out:
        raise ValueError(f"refusing to write outside {out}: {fname}")
    return path


def _export_one(con, name: str, kind: str, doc: str, cols: list[str] | None, path: Path, ext: str, mediatype: str,
                options: str, fmt: str, written: list[Path]) -> dict:
    docs = schema.column_docs()
    if cols is None:
        cols = [r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {name}").fetchall()]
    col_sql = ", ".join(f'"{c}"' for c in cols)
    select = f"SELECT {col_sql} FROM {name} ORDER BY ALL"
    types = dict((r[0], r[1]) for r in con.execute(f"DESCRIBE {select}").fetchall())
    rows = con.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
    tmp = path.with_suffix(path.suffix + ".tmp")
    written.append(tmp)
    con.execute(f"COPY ({select}) TO '{_sql_str(str(tmp))}' {options}")
    tmp.replace(path)
    written.append(path)
    data = path.read_bytes()
    view_docs = next((v.columns for v in schema.views() if v.name == name), {})
    fields = [{"name": c, "type": frictionless_type(types[c]),
               "description": view_docs.get(c) or docs.get(c, "")} for c in cols]
    res = {"name": safe_name(name), "path": path.name, "profile": "tabular-data-resource", "format": ext,
           "mediatype": mediatype, "encoding": "utf-8", "description": doc, "hash": "sha256:" + hashlib.sha256(
               data).hexdigest(), "bytes": len(data), "rows": rows, "schema": {"fields": fields},
           "vnarchive": {"kind": kind, "duckdb_types": {c: types[c] for c in cols}}}
    if fmt == "csv":
        res["dialect"] = {"delimiter": ",", "quoteChar": '"', "header": True}
    return res


def _package(resources: list[dict]) -> dict:
    return {"name": "vnarchive", "title": "vnarchive: Vietnamese government documents archive",
            "description": "Documents, their extracted facts (people, offices, units, awards, dates, citations, "
                           "movements) and canonical entities, exported from a vnarchive DuckDB archive.",
            "profile": "tabular-data-package", "version": f"schema-{schema.SCHEMA_VERSION}",
            "licenses": [{"name": "other-at", "title": "Facts extracted from public documents; the documents "
                                                       "keep their publishers' terms"}],
            "resources": resources}


def _sql_str(s: str) -> str:
    return s.replace("'", "''")


def _readme(package: dict, fmt: str) -> str:
    lines = ["# vnarchive dataset", "",
             package["description"], "",
             f"Format: {fmt}, one file per table and view; `datapackage.json` describes every field "
             "(Frictionless Data Package) with row counts and SHA-256 of each file. Character spans "
             "(`span_start`, `span_end`) index the `text` of the document's latest version "
             "(`documents_latest.text`). Canonical ids (`U-...`, `P-...`, `O-...`) hash their founding evidence "
             "and keep their meaning across exports: `id_redirects` (and the view `id_lookup`) map an id of an "
             "earlier export to the id naming that entity now; `judgements` is the log of human decisions "
             "(same / not the same) the resolution obeys; `merges` lists how the entities were formed. Raw "
             "bytes are not exported (only their hashes).", "",
             "| file | rows | description |", "|---|---:|---|"]
    for r in package["resources"]:
        lines.append(f"| {r['path']} | {r['rows']} | {r['description']} |")
    return "\n".join(lines) + "\n"
