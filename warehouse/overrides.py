"""The overrides file (default: overrides.toml next to the archive), read as judgements: every
resolution run imports its entries into the judgement log (warehouse/judgements.py) once, and the
log is what the rules obey. Example:

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

Editing the file later adds judgements; removing an entry does not withdraw one already imported:
use `vnarchive resolve unsure A B` (or a contrary judgement) for that."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from warehouse.keys import name_key

Anchor = tuple[str | None, str]   # (document id or None for every document, name key)


@dataclass(frozen=True)
class Judged:
    """A logged judgement as the resolvers apply it: each side is the members it meant when made
    ((document id, name key) pairs of person mentions, a null document for every document; or unit
    name keys)."""
    judgement_id: str
    kind: str
    verdict: str
    left_id: str
    right_id: str
    left: list
    right: list
    decided_at: datetime | None = None
    who: str = ""


@dataclass
class Overrides:
    """The judgements in force, as the resolvers use them (warehouse/resolve_judgements.py applies
    them newest first)."""
    person: list[Judged] = field(default_factory=list)     # newest first
    unit: list[Judged] = field(default_factory=list)       # newest first
    unit_splits: set[str] = field(default_factory=set)     # unit name keys exempt from rules


@dataclass(frozen=True)
class FileEntry:
    """One entry of the overrides file as a judgement: sides are lists of members."""
    kind: str
    judgement: str
    left_id: str
    right_id: str
    left_members: list
    right_members: list


def read_overrides_file(path: str | None) -> list[FileEntry]:
    """The entries of the overrides file; a missing file means none. Unknown kinds are an error."""
    if not path or not Path(path).exists():
        return []
    with open(path, "rb") as f:
        data = tomllib.load(f)
    out: list[FileEntry] = []
    for m in data.get("merge", []):
        kind = _kind(m, "merge")
        keys = sorted({k for k in map(name_key, m.get("names", [])) if k})
        for k in keys[1:]:
            out.append(_entry(kind, "same", keys[0], k))
    for s in data.get("split", []):
        kind = _kind(s, "split")
        if kind == "unit":
            out += [_entry("unit", "not_same", k, "*") for k in sorted({k for k in map(name_key, s.get("names", [])) if k})]
            continue
        key = name_key(s.get("name"))
        docs = sorted(set(s.get("documents", [])))
        if not key or not docs:
            raise ValueError(f"{path}: a person [[split]] needs a name and documents")
        part = [[d, key] for d in docs]
        out.append(FileEntry("person", "not_same", f"documents:{','.join(docs)}|name:{key}", f"name:{key}",
                             part, [[None, key]]))
        if len(docs) > 1:
            out.append(FileEntry("person", "same", f"document:{docs[0]}|name:{key}",
                                 f"documents:{','.join(docs[1:])}|name:{key}", part[:1], part[1:]))
    return out


def _entry(kind: str, judgement: str, left: str, right: str) -> FileEntry:
    if kind == "unit":
        return FileEntry(kind, judgement, f"name:{left}", "*" if right == "*" else f"name:{right}", [left],
                         ["*"] if right == "*" else [right])
    return FileEntry(kind, judgement, f"name:{left}", f"name:{right}", [[None, left]], [[None, right]])


def _kind(entry: dict, what: str) -> str:
    kind = entry.get("kind")
    if kind not in ("unit", "person"):
        raise ValueError(f"{what} kind must be 'unit' or 'person', not {kind!r}")
    return kind
