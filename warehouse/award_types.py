"""Award name -> taxonomy type ("order", "flag", "certificate", ...). Reads the full taxonomy
in nlp/lexicons/awards.toml when present, else the prefix table in warehouse/data/award_types.toml."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

from nlp.lexicon import LEXICON_DIR
from warehouse.keys import name_key

_NLP_AWARDS = LEXICON_DIR / "awards.toml"
_PREFIXES = Path(__file__).parent / "data" / "award_types.toml"


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], list[tuple[str, str]]]:
    exact: dict[str, str] = {}
    if _NLP_AWARDS.exists():
        with open(_NLP_AWARDS, "rb") as f:
            for a in tomllib.load(f).get("award", []):
                for v in [a["name"], *a.get("variants", [])]:
                    exact.setdefault(name_key(v), a.get("group", "other"))
    with open(_PREFIXES, "rb") as f:
        prefixes = [(name_key(k), v) for k, v in tomllib.load(f)["prefix"].items()]
    prefixes.sort(key=lambda kv: -len(kv[0]))
    return exact, prefixes


@lru_cache(maxsize=4096)
def award_type(award: str | None) -> str | None:
    if not award:
        return None
    k = name_key(award)
    exact, prefixes = _tables()
    if k in exact:
        return exact[k]
    for p, t in prefixes:
        if k.startswith(p):
            return t
    return "other"
