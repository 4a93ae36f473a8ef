"""The archive schema, read from schema.toml and views.toml: DDL, column descriptions, views."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import duckdb

HERE = Path(__file__).parent
SCHEMA_VERSION = 5  # bump with a migration in warehouse/migrations/ when schema.toml changes


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    doc: str


@dataclass(frozen=True)
class Table:
    name: str
    group: str
    doc: str
    columns: tuple[Column, ...]
    key: tuple[str, ...] = ()
    export: bool = True
    export_exclude: tuple[str, ...] = ()

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def ddl(self) -> str:
        cols = [f"  {c.name} {c.type}" for c in self.columns]
        if self.key:
            cols.append(f"  PRIMARY KEY ({', '.join(self.key)})")
        return f"CREATE TABLE IF NOT EXISTS {self.name} (\n" + ",\n".join(cols) + "\n);"


@dataclass(frozen=True)
class View:
    name: str
    doc: str
    sql: str
    columns: dict = field(default_factory=dict)

    def ddl(self) -> str:
        return f"CREATE OR REPLACE VIEW {self.name} AS {self.sql.strip()};"


@lru_cache(maxsize=None)
def tables() -> tuple[Table, ...]:
    with open(HERE / "schema.toml", "rb") as f:
        raw = tomllib.load(f)["table"]
    return tuple(Table(name=t["name"], group=t["group"], doc=t["doc"],
                       columns=tuple(Column(*c) for c in t["columns"]), key=tuple(t.get("key", ())),
                       export=t.get("export", True), export_exclude=tuple(t.get("export_exclude", ())))
                 for t in raw)


@lru_cache(maxsize=None)
def views() -> tuple[View, ...]:
    with open(HERE / "views.toml", "rb") as f:
        raw = tomllib.load(f)["view"]
    return tuple(View(name=v["name"], doc=v["doc"], sql=v["sql"], columns=v.get("columns", {})) for v in raw)


def table(name: str) -> Table:
    return next(t for t in tables() if t.name == name)


def column_docs() -> dict[str, str]:
    """Description of every column name (first table that defines it wins)."""
    out: dict[str, str] = {}
    for t in tables():
        for c in t.columns:
            out.setdefault(c.name, c.doc)
    return out


def create_tables(con: duckdb.DuckDBPyConnection) -> None:
    for t in tables():
        con.execute(t.ddl())


def create_views(con: duckdb.DuckDBPyConnection) -> None:
    for v in views():
        con.execute(v.ddl())


def full_ddl() -> str:
    """The current schema as one SQL script (tables then views)."""
    return "\n\n".join([t.ddl() for t in tables()] + [v.ddl() for v in views()]) + "\n"
