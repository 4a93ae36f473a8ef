"""Researcher overrides for entity resolution, read from a TOML file (default: overrides.toml
next to the archive). Example:

    [[merge]]                # these names are one unit
    kind = "unit"
    names = ["Cục KSTTHC", "Cục Kiểm soát thủ tục hành chính"]

    [[merge]]                # every mention of these spellings is one person
    kind = "person"
    names = ["Nguyễn Thị Thuý Hằng", "Nguyễn Thị Thúy Hằng Nga"]

    [[split]]                # never merge these unit forms with others by rule
    kind = "unit"
    names = ["Văn phòng"]

    [[split]]                # mentions of this name in these documents are another person
    kind = "person"
    name = "Nguyễn Văn An"
    documents = ["3ee465c1bc903245"]
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from warehouse.keys import name_key


@dataclass
class Overrides:
    unit_merges: list[list[str]] = field(default_factory=list)    # groups of name keys
    person_merges: list[list[str]] = field(default_factory=list)  # groups of name keys
    unit_splits: set[str] = field(default_factory=set)            # name keys kept apart
    person_splits: list[tuple[str, frozenset[str]]] = field(default_factory=list)  # (name key, document ids)


def load_overrides(path: str | None) -> Overrides:
    """Read the overrides file; a missing file means no overrides. Unknown kinds are an error."""
    out = Overrides()
    if not path or not Path(path).exists():
        return out
    with open(path, "rb") as f:
        data = tomllib.load(f)
    for m in data.get("merge", []):
        keys = sorted({name_key(n) for n in m.get("names", []) if name_key(n)})
        if len(keys) < 2:
            continue
        _target(out, m, "merge").append(keys)
    for s in data.get("split", []):
        kind = s.get("kind")
        if kind == "unit":
            out.unit_splits.update(name_key(n) for n in s.get("names", []) if name_key(n))
        elif kind == "person":
            out.person_splits.append((name_key(s["name"]), frozenset(s.get("documents", []))))
        else:
            raise ValueError(f"{path}: split kind must be 'unit' or 'person', not {kind!r}")
    return out


def _target(out: Overrides, entry: dict, what: str) -> list:
    kind = entry.get("kind")
    if kind == "unit":
        return out.unit_merges
    if kind == "person":
        return out.person_merges
    raise ValueError(f"{what} kind must be 'unit' or 'person', not {kind!r}")
