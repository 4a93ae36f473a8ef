"""Abbreviation expansion and acronym matching for unit names (pure functions).

The table is nlp/lexicons/abbreviations.toml (sections [units], [heads], [terms]) over the
fallback warehouse/data/abbreviations.toml."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path

from nlp.lexicon import LEXICON_DIR
from warehouse.keys import fold_ascii, name_key

_NLP = LEXICON_DIR / "abbreviations.toml"
_OWN = Path(__file__).parent / "data" / "abbreviations.toml"


def _read(path: Path) -> dict[str, str]:
    if not path.exists():
        return {}
    with open(path, "rb") as f:
        data = tomllib.load(f)
    out: dict[str, str] = {}
    for section in data.values():
        if isinstance(section, dict):
            out.update({k: v for k, v in section.items() if isinstance(v, str)})
    return out


@lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """name_key(abbreviation) -> name_key(expansion)."""
    merged = {**_read(_OWN), **_read(_NLP)}
    return {name_key(k): name_key(v) for k, v in merged.items() if name_key(k) and name_key(v)}


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    keys = sorted(table(), key=len, reverse=True)
    return re.compile(r"(?<![\w&])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w&])")


@lru_cache(maxsize=65536)
def expand(key: str) -> str:
    """Expand every known abbreviation in a name key ("cục kiểm soát tthc" ->
    "cục kiểm soát thủ tục hành chính")."""
    if not table():
        return key
    return re.sub(r"\s+", " ", _pattern().sub(lambda m: table()[m.group(1)], key)).strip()


_ACRONYM = re.compile(r"^[A-ZĐ]{2,}$")


def acronym_parts(surface: str) -> tuple[str, str, str] | None:
    """Split a printed name with one unknown upper-case acronym into (prefix key, acronym, suffix key):
    "Cục KSTTHC" -> ("cục", "KSTTHC", "")."""
    words = surface.split()
    hits = [i for i, w in enumerate(words) if _ACRONYM.match(fold_ascii(w).upper()) and w.isupper()
            and name_key(w) not in table()]
    if len(hits) != 1 or hits[0] == 0 and len(words) == 1:
        return None
    i = hits[0]
    return (name_key(" ".join(words[:i])) or "", fold_ascii(words[i]).upper(),
            name_key(" ".join(words[i + 1:])) or "")


def matches_acronym(full_key: str, prefix: str, acronym: str, suffix: str) -> bool:
    """Does the expanded key read `prefix` + words whose initials spell `acronym` + `suffix`?"""
    if prefix and not full_key.startswith(prefix + " "):
        return False
    rest = full_key[len(prefix):].strip()
    if suffix:
        if not rest.endswith(" " + suffix):
            return False
        rest = rest[: -len(suffix)].strip()
    words = rest.split()
    return len(words) == len(acronym) and "".join(fold_ascii(w[0]).upper() for w in words) == acronym
