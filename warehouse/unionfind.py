"""Union-find that logs the edges that joined two components and refuses a union that would put
two elements judged "not the same" in one component; and the rule table."""
from __future__ import annotations

import tomllib
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

_RULES = Path(__file__).parent / "data" / "resolution_rules.toml"


@lru_cache(maxsize=1)
def rules() -> dict[str, dict]:
    """{"unit": {rule: {"confidence", "doc"}}, "person": {...}, "settings": {...}}"""
    with open(_RULES, "rb") as f:
        return tomllib.load(f)


def confidence(kind: str, rule: str) -> float:
    return float(rules()[kind][rule]["confidence"])


def setting(name: str):
    return rules()["settings"][name]


class UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}
        self.log: list[tuple[str, str, str]] = []     # (kept, joined, rule)
        self.apart: dict[str, set[str]] = {}          # root -> elements its component must not join
        self.refused: list[tuple[str, str, str]] = []  # unions refused by a not-same constraint

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def keep_apart(self, a: str, b: str) -> None:
        """a and b (and their future components) never join."""
        self.add(a)
        self.add(b)
        self.apart.setdefault(self.find(a), set()).add(b)
        self.apart.setdefault(self.find(b), set()).add(a)

    def find(self, x: str) -> str:
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def blocked(self, a: str, b: str) -> bool:
        ra, rb = self.find(a), self.find(b)
        return ra != rb and any(self.find(x) == rb for x in self.apart.get(ra, ()))

    def union(self, a: str, b: str, rule: str) -> bool:
        """Join the components of a and b; False when they were joined already or must stay apart."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if self.blocked(a, b):
            self.refused.append((a, b, rule))
            return False
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        if rb in self.apart:
            self.apart.setdefault(ra, set()).update(self.apart.pop(rb))
        self.log.append((a, b, rule))
        return True

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in sorted(self.parent):
            out[self.find(x)].append(x)
        return out
