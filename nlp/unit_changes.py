"""Units the text says were merged, consolidated or renamed (pure function of the text and the
units already extracted).

Patterns (words in nlp/lexicons/unit_changes.toml):
  sáp nhập A [và B] vào C           A [và B] sáp nhập vào C           -> merged_into
  hợp nhất / nhập A và B thành C     A và B hợp nhất thành C           -> consolidated
  C được thành lập trên cơ sở hợp nhất A và B                         -> consolidated
  đổi tên A thành B                  A được đổi tên thành B            -> renamed
"thành tỉnh mới có tên gọi là tỉnh C": the successor is the name after "có tên gọi là". A name is
a unit the extractor found there, else a place with its level word ("tỉnh Hà Giang")."""
from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache, partial

from nlp.context import DocContext
from nlp.lexicon import load_lexicon, phrase_alternation
from nlp.normalize import fold_lower
from nlp.records import Unit, UnitChange
from nlp.registry import rule, stage
from nlp.sentences import enclosing_sentence, sentence_starts
from nlp.tenure import effective_date, names_in

CHANGE_STATED = rule("unit_changes.stated", "unit_change",
                     "sáp nhập A vào B / hợp nhất A và B thành C / đổi tên A thành B: the units on each side")

Name = tuple[int, int, str]          # (start, end, name)


@dataclass(frozen=True)
class _Lex:
    verbs: dict[str, tuple[str, ...]]     # verb -> changes it can state
    verb_re: re.Pattern
    links: dict[str, re.Pattern]          # change -> link word pattern
    successor_before: re.Pattern
    named_as: re.Pattern
    separator: re.Pattern
    place_re: re.Pattern
    trailing: re.Pattern


_alt = partial(phrase_alternation, key=fold_lower)   # cues match the lower-cased text


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    lx = load_lexicon("unit_changes.toml")
    verbs: dict[str, tuple[str, ...]] = {}
    for change, words in lx["verbs"].items():
        for w in words:
            verbs[fold_lower(w)] = verbs.get(fold_lower(w), ()) + (change,)
    links = {c: re.compile(rf"(?<!\w)(?:{_alt(ws)})(?!\w)") for c, ws in lx["links"].items()
             if c in lx["verbs"]}
    upper = r"[^\W\d_a-zđ][\w-]*"           # a capitalised word (case-sensitive part of a name)
    return _Lex(
        verbs=verbs, verb_re=re.compile(rf"(?<!\w)(?:{_alt(verbs)})(?!\w)"), links=links,
        successor_before=re.compile(rf"(?<!\w)(?:{_alt(lx['links']['successor_before'])})\s*$"),
        named_as=re.compile(rf"(?<!\w)(?:{_alt(lx['links']['named_as'])})(?!\w)\s*"),
        separator=re.compile(rf"^(?:\s|(?:{_alt(lx['links']['list_separators'])})(?!\w)|{_alt(lx['names']['trailing'])})*$"),
        place_re=re.compile(rf"(?i:{_alt(lx['names']['levels'])})\s+{upper}(?:\s+{upper})*"),
        trailing=re.compile(rf"^(?:\s*(?:{_alt(lx['names']['trailing'])}))*"),
    )


def find_unit_changes(text: str, units: list[Unit]) -> list[UnitChange]:
    lx = lexicon()
    low = text.lower()
    names = _names(text, units)
    bounds = sentence_starts(text)
    out: list[UnitChange] = []
    for m in lx.verb_re.finditer(low):
        sent = enclosing_sentence(bounds, m.start(), len(text))
        found = _forward(low, names, sent, m) or _successor_first(low, names, sent, m)
        if not found:
            continue
        change, preds, succ = found
        if _is_place(succ[2]):      # a province or district joins places, not the bodies named before them
            preds = [p for p in preds if _is_place(p[2])]
        preds = [p for p in preds if p[2] != succ[2]]   # the province that keeps its name
        if not preds:
            continue
        effective = effective_date(text, low, sent[0], sent[1])
        out.append(UnitChange(change=change, predecessors=[p[2] for p in preds], successor=succ[2],
                              effective=effective, span=(min(m.start(), preds[0][0], succ[0]),
                                                         max(succ[1], preds[-1][1])), rule=CHANGE_STATED))
    return _dedupe(out)


def _is_place(name: str) -> bool:
    return bool(lexicon().place_re.fullmatch(name))


def _names(text: str, units: list[Unit]) -> list[Name]:
    """Unit names the extractor found (each mention), then places with a level word elsewhere."""
    mentions = sorted((s, e, u.name) for u in units for s, e in (sp for sp in u.spans if sp))
    starts = [s for s, _, _ in mentions]
    reach = list(itertools.accumulate((e for _, e, _ in mentions), max))   # furthest end so far
    places = []
    for m in lexicon().place_re.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or reach[i] <= m.start():          # no unit mention covers the place's start
            places.append((m.start(), m.end(), m.group(0)))
    return sorted(mentions + places)


def _forward(low: str, names: list[Name], sent, m) -> tuple[str, list[Name], Name] | None:
    """VERB A [và B] LINK C, or A [và B] VERB LINK C."""
    lx = lexicon()
    for change in lx.verbs[re.sub(r"\s+", " ", m.group(0))]:
        link = lx.links[change].search(low, m.end(), sent[1])
        if not link:
            continue
        preds = _list_between(low, names, m.end(), link.start())
        if not preds and not low[m.end():link.start()].strip():
            preds = _list_before(low, names, sent[0], m.start())
        succ = _name_after(low, names, link.end(), sent[1])
        if preds and succ:
            return change, preds, succ
    return None


def _successor_first(low: str, names: list[Name], sent, m) -> tuple[str, list[Name], Name] | None:
    """C được thành lập trên cơ sở hợp nhất A và B."""
    lx = lexicon()
    if "consolidated" not in lx.verbs[re.sub(r"\s+", " ", m.group(0))]:
        return None
    cue = lx.successor_before.search(low, sent[0], m.start())
    if not cue:
        return None
    before = [n for n in names_in(names, sent[0], cue.start()) if n[1] <= cue.start()]
    preds = _list_between(low, names, m.end(), sent[1], greedy=True)
    return ("consolidated", preds, before[-1]) if before and preds else None


def _list_between(low: str, names: list[Name], start: int, end: int, greedy: bool = False) -> list[Name]:
    """The names filling [start, end) with only separators between them (greedy: a leading run)."""
    inside = [n for n in names_in(names, start, end) if n[1] <= end]
    out: list[Name] = []
    pos = start
    for n in inside:
        if n[0] < pos:
            continue
        if not lexicon().separator.match(low[pos:n[0]]):
            break
        out.append(n)
        pos = n[1]
    if not greedy and (not out or not lexicon().separator.match(low[pos:end])):
        return []
    return out


def _list_before(low: str, names: list[Name], start: int, end: int) -> list[Name]:
    """The run of names (joined by separators) that ends right before `end`."""
    inside = [n for n in names_in(names, start, end) if n[1] <= end]
    out: list[Name] = []
    pos = end
    for n in reversed(inside):
        if n[1] > pos or not lexicon().separator.match(low[n[1]:pos]):
            break
        if out and _is_place(out[0][2]) and not _is_place(n[2]):
            break
        out.insert(0, n)
        pos = n[0]
    return out


def _name_after(low: str, names: list[Name], start: int, end: int) -> Name | None:
    """The first name after a link word, or after "có tên gọi là" when the phrase holds it."""
    lx = lexicon()
    named = lx.named_as.search(low, start, min(end, start + 60))
    if named:
        start = named.end()
    for n in names_in(names, start, end):
        if not low[start:n[0]].strip():
            return n
    return None


def _dedupe(changes: list[UnitChange]) -> list[UnitChange]:
    seen, out = set(), []
    for c in changes:
        key = (c.change, tuple(c.predecessors), c.successor)
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


@stage("unit_changes", writes="unit_changes")
def unit_changes_stage(ctx: DocContext) -> list[UnitChange]:
    return find_unit_changes(ctx.text, ctx.units)
