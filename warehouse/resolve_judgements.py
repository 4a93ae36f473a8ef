"""The judgement log applied to a union-find, newest judgement first, and what became of each.

Precedence (as nomenklatura keeps it): a judgement decides pairs of members. `same` decides every
pair of its members (left and right are one entity); `not_same` decides each left member with
each right member. The newest judgement about a pair decides it; an older one gives
way on that pair (`overridden`). An older judgement that newer ones contradict through members they
join (a merge of A and B when a newer judgement keeps B apart from C, which another newer one joined
to A) cannot apply on that pair either (`blocked`). So the judgement just made always applies, and
each older one it overrides is reported, never dropped silently.

`unsure A B` decides no pair: it withdraws the older judgements on the pair of ids A, B
(warehouse.judgements.not_withdrawn drops them before this module sees the log), so the log applies
as if they had never been made: older judgements they overrode apply again, and where none does,
the rules decide. It still marks its pairs as reviewed for `vnarchive resolve candidates`.

Judgements are applied before any rule, and no rule joins what a judgement keeps apart."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from warehouse.overrides import Judged
from warehouse.unionfind import UnionFind

Signature = frozenset[tuple[int, str]]     # (newer judgement's index, side "L" / "R" / "S") of a member


@dataclass
class Outcome:
    """What a resolution run made of one judgement."""
    judgement: Judged
    found: bool = False       # both sides name something in the archive now
    pairs: int = 0            # pairs of members it decides (in the archive now)
    overridden: int = 0       # pairs a newer judgement decided
    blocked: int = 0          # pairs newer judgements contradict through members they join
    by: set[str] = field(default_factory=set)   # ids of those newer judgements

    @property
    def status(self) -> str:
        """applied | partly | overridden | no_mentions (a side names nothing in the archive now)."""
        if not self.found:
            return "no_mentions"
        lost = self.overridden + self.blocked
        return "applied" if not lost else "overridden" if lost >= self.pairs else "partly"


def apply_newest_first(uf: UnionFind, judged: Iterable[Judged],
                       members: Callable[[list], list[str]]) -> list[Outcome]:
    """Apply `judged` (newest first) to `uf`; `members` maps a side's recorded members to elements of
    `uf` now. Returns one outcome per judgement, in the same order."""
    state = _Applied(uf)
    return [state.apply(j, members(j.left), members(j.right)) for j in judged]


@dataclass
class _Class:
    """Members of one side of a judgement that the newer judgements all treat alike."""
    side: str
    signature: Signature
    members: list[str]


class _Applied:
    """The judgements applied so far (the newer ones). Pairs are never listed one by one: members
    with the same signature (which newer judgements name them, on which side) share every decision,
    so a merge of two people named in thousands of documents costs thousands of steps, not millions."""

    def __init__(self, uf: UnionFind):
        self.uf = uf
        self.done: list[Judged] = []
        self.sides_of: dict[str, set[tuple[int, str]]] = defaultdict(set)
        self.apart_by: list[tuple[list[str], list[str], str]] = []   # (left, right, judgement id) kept apart
        self.joined_by: dict[str, str] = {}                          # member -> newest judgement joining it

    def apply(self, j: Judged, left: list[str], right: list[str]) -> Outcome:
        out = Outcome(j, found=bool(left) and bool(right))
        if j.verdict == "unsure":     # decides no pair: what it withdrew is gone from the log already
            return out
        left = sorted(set(left))
        right = sorted(set(right) - set(left))     # a member on both sides counts on the left
        if j.verdict == "same":
            sides = {"S": left + right}
        else:
            sides = {"L": left, "R": right}
        classes = self._classes(sides)
        for a, b in self._class_pairs(classes, j.verdict == "same"):
            n = _pair_count(a, b)
            out.pairs += n
            newer = self._decided(a.signature, b.signature)
            if newer is not None:
                out.overridden += n
                out.by.add(self.done[newer].judgement_id)
                continue
            lost, by = self._decide(j, a, b)
            out.blocked += lost
            out.by |= by
        n = len(self.done)
        for tag, ms in sides.items():
            for m in ms:
                self.sides_of[m].add((n, tag))
        self.done.append(j)
        return out

    def _classes(self, sides: dict[str, list[str]]) -> list[_Class]:
        groups: dict[tuple[str, Signature], list[str]] = defaultdict(list)
        for tag, ms in sides.items():
            for m in ms:
                groups[(tag, frozenset(self.sides_of.get(m, ())))].append(m)
        return [_Class(tag, sig, ms) for (tag, sig), ms in sorted(groups.items(), key=lambda g: g[1][0])]

    @staticmethod
    def _class_pairs(classes: list[_Class], within: bool):
        for i, a in enumerate(classes):
            for b in classes[i:]:
                if within or (a.side, b.side) == ("L", "R"):
                    yield a, b
                elif (a.side, b.side) == ("R", "L"):
                    yield b, a

    @staticmethod
    def _decided(a: Signature, b: Signature) -> int | None:
        """The newest judgement (lowest index) that decided the pairs between members signed a and b."""
        hits = [i for i, tag in a for other in {"L": ("R",), "R": ("L",), "S": ("S",)}[tag] if (i, other) in b]
        return min(hits) if hits else None

    def _decide(self, j: Judged, a: _Class, b: _Class) -> tuple[int, set[str]]:
        """Apply the pairs of two classes (or within one); (pairs not applied, the newer judgements
        preventing them)."""
        uf = self.uf
        if j.verdict == "same":
            ms = a.members + ([] if a is b else b.members)
            for m in ms[1:]:
                uf.union(ms[0], m, "judgement")
            for m in ms:
                self.joined_by.setdefault(m, j.judgement_id)
            lost = _pairs_apart(uf, a, b)
            return lost, (self._apart_between(ms) if lost else set())
        lost, joined = 0, set()                       # not_same
        for x in a.members:
            for y in b.members:
                if uf.find(x) == uf.find(y):         # newer judgements joined them
                    lost += 1
                    joined |= {x, y}
                else:
                    uf.keep_apart(x, y)
        self.apart_by.append((a.members, b.members, j.judgement_id))
        return lost, {self.joined_by[m] for m in joined if m in self.joined_by}

    def _apart_between(self, ms: list[str]) -> set[str]:
        """The not-same judgements that keep some of `ms` apart from others of them."""
        roots = {self.uf.find(m) for m in ms}
        out = set()
        for left, right, jid in self.apart_by:
            lr, rr = {self.uf.find(x) for x in left} & roots, {self.uf.find(x) for x in right} & roots
            if lr and rr:
                out.add(jid)
        return out


def _pair_count(a: _Class, b: _Class) -> int:
    n = len(a.members)
    return n * (n - 1) // 2 if a is b else n * len(b.members)


def _pairs_apart(uf: UnionFind, a: _Class, b: _Class) -> int:
    """Pairs of a's and b's members (within a when a is b) in different components."""
    ra = Counter(uf.find(m) for m in a.members)
    if a is b:
        return _pair_count(a, b) - sum(n * (n - 1) // 2 for n in ra.values())
    rb = Counter(uf.find(m) for m in b.members)
    return _pair_count(a, b) - sum(n * rb[r] for r, n in ra.items())
