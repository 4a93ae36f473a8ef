"""Union-find that logs the edges that joined two components, and the rule table."""
from __future__ import annotations

import tomllib
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

_RULES = Path(__file__).parent / "data" / "resolution_rules.toml"


@lru_cache(maxsize=1)
def rules() -> dict[str, dict[str, dict]]:
    """{"unit": {rule: {"confidence", "doc"}}, "person": {...}}"""
    with open(_RULES, "rb") as f:
        return tomllib.load(f)


def confidence(kind: str, rule: str) -> float:
    return float(rules()[kind][rule]["confidence"])


class UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}
        self.log: list[tuple[str, str, str]] = []   # (kept, joined, rule)

    def add(self, x: str) -> None:
        self.parent.setdefault(x, x)

    def find(self, x: str) -> str:
        self.add(x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str, rule: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if rb < ra:
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.log.append((a, b, rule))

    def groups(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for x in sorted(self.parent):
            out[self.find(x)].append(x)
        return out
