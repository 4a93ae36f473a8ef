"""Provinces named in unit names, and the 2025 merger of provinces, from nlp/lexicons/provinces.toml
(pure functions over name keys)."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.lexicon import load_lexicon
from warehouse.keys import name_key

_LEVEL = r"(?:tỉnh|thành phố|tp\.?)"


@lru_cache(maxsize=1)
def _lexicon() -> tuple[dict[str, str], dict[str, str], re.Pattern]:
    """(spelling key -> province key, pre-2025 province key -> the province it joined in 2025, pattern)."""
    lex = load_lexicon("provinces.toml")
    canon: dict[str, str] = {}
    joined: dict[str, str] = {}
    for new, spec in lex["new"].items():
        nk = name_key(new)
        canon[nk] = nk
        for old in spec.get("merged", []):
            canon[name_key(old)] = name_key(old)
            joined[name_key(old)] = nk
    for variant, name in lex.get("variants", {}).items():
        canon.setdefault(name_key(variant), name_key(name))
    names = sorted(canon, key=len, reverse=True)
    pattern = re.compile(rf"(?:^| ){_LEVEL} ({'|'.join(map(re.escape, names))})(?= |$)")
    return canon, joined, pattern


def province_of(unit_key: str | None) -> str | None:
    """The province (its key, as named then) a unit's name places it in: "sở nội vụ tỉnh hà tĩnh" ->
    "hà tĩnh"; the last one named wins ("ủy ban nhân dân huyện x tỉnh y" -> "y"). None when none."""
    if not unit_key:
        return None
    canon, _, pattern = _lexicon()
    hits = pattern.findall(unit_key)
    return canon[hits[-1]] if hits else None


def merged_province(province: str) -> str:
    """The province a pre-2025 province joined in the 2025 merger (itself when it kept its name)."""
    return _lexicon()[1].get(province, province)


def province_forms(unit_key: str, province: str) -> list[str]:
    """The name keys a bare unit form takes in a province: "sở tài chính" -> "sở tài chính tỉnh nghệ an"
    and "... thành phố nghệ an"; "ủy ban nhân dân tỉnh" -> "ủy ban nhân dân tỉnh nghệ an"."""
    last = unit_key.rsplit(" ", 1)[-1]
    if last in ("tỉnh", "phố"):
        return [f"{unit_key} {province}"]
    return [f"{unit_key} tỉnh {province}", f"{unit_key} thành phố {province}"]


def relocated_keys(unit_key: str, old: str, new: str) -> list[str]:
    """The unit's name keys with its province `old` replaced by `new`, in both level forms
    ("sở nội vụ tỉnh bình phước" -> "sở nội vụ tỉnh đồng nai", "sở nội vụ thành phố đồng nai")."""
    hits = list(re.finditer(rf"(?:^| )((?:tỉnh|thành phố|tp\.?) {re.escape(old)})(?= |$)", unit_key))
    if not hits or old == new:
        return []
    s, e = hits[-1].span(1)
    return [unit_key[:s] + f"{level} {new}" + unit_key[e:] for level in ("tỉnh", "thành phố")]


def successor_keys(unit_key: str) -> list[str]:
    """The same unit's name keys in the province its province joined in 2025, when that changed the
    name; else []."""
    prov = province_of(unit_key)
    return relocated_keys(unit_key, prov, merged_province(prov)) if prov else []
