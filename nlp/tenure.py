"""When offices begin and end, as the text says it (pure function of the text and the people and
offices already extracted).

Patterns (cue words in nlp/lexicons/tenure.toml):
  NAME, OFFICE được bổ nhiệm / được bầu / được điều động giữ chức OFFICE [kể từ ngày DATE]  -> start
  bổ nhiệm ông NAME, ..., giữ chức OFFICE                      -> start (the verb of the sentence)
  NAME thôi giữ chức / cho thôi giữ chức / miễn nhiệm OFFICE     -> end of that office
  NAME nghỉ hưu [theo chế độ] [từ ngày DATE]                   -> end of every office the person holds
  miễn nhiệm chức vụ OFFICE đối với ông NAME                     -> end
The office must be one the extractor gave that person; the date is the one after "(kể) từ ngày" in
the cue's clause, else the date of the decision the sentence cites ("Quyết định số ... ngày DATE"), else
none (the document's date then applies). "hiện giữ chức" (holds now) is not a start."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache, partial

from nlp.context import DocContext
from nlp.lexicon import load_lexicon, phrase_alternation
from nlp.normalize import fold_lower
from nlp.dates import parse_date
from nlp.records import Person, TenureEvent
from nlp.sentences import enclosing_sentence, sentence_starts
from nlp.registry import rule, stage

OFFICE_CUE = rule("tenure.office_cue", "tenure_event",
                  "bổ nhiệm / bầu / giữ chức / thôi giữ chức / miễn nhiệm OFFICE: the office printed after the cue")
PERSON_CUE = rule("tenure.person_cue", "tenure_event",
                  "NAME nghỉ hưu / bị miễn nhiệm: every office of the person named before it in the clause")


@dataclass(frozen=True)
class _Lex:
    cues: dict[str, tuple[str, str]]     # phrase -> (event, cue)
    cue_re: re.Pattern
    not_after: re.Pattern
    person_level: frozenset[str]
    effective_re: re.Pattern
    decision_re: re.Pattern
    fillers_re: re.Pattern
    person_after_re: re.Pattern


_alternation = partial(phrase_alternation, key=fold_lower)   # cues match the lower-cased text


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    lx = load_lexicon("tenure.toml")
    cues = {fold_lower(p): (event, cue) for event in ("start", "end") for cue, ps in lx[event].items() for p in ps}
    ctx = lx["context"]
    return _Lex(
        cues=cues,
        cue_re=re.compile(rf"(?<!\w)(?:{_alternation(cues)})(?!\w)"),
        not_after=re.compile(rf"(?<!\w)(?:{_alternation(ctx['not_after'])})\s*$"),
        person_level=frozenset(ctx["person_level"]),
        effective_re=re.compile(rf"(?<!\w)(?:{_alternation(ctx['effective'])})(?!\w)"),
        decision_re=re.compile(rf"(?<!\w)(?:{_alternation(ctx['decision'])})(?!\w)"),
        fillers_re=re.compile(rf"\s*(?:(?:{_alternation(ctx['fillers'])})\s+)?"),
        person_after_re=re.compile(rf"(?<!\w)(?:{_alternation(ctx['person_after'])})(?!\w)"),
    )


def find_tenure(text: str, people: list[Person]) -> list[TenureEvent]:
    """Start and end events of the people's offices (spans in `text`'s offsets)."""
    lx = lexicon()
    low = text.lower()
    bounds = sentence_starts(text)
    names = sorted((s, e, i) for i, p in enumerate(people) for s, e in (sp for sp in p.spans if sp))
    out: list[TenureEvent] = []
    seen: set[tuple] = set()
    for m in lx.cue_re.finditer(low):
        event, cue = lx.cues[re.sub(r"\s+", " ", m.group(0))]
        sent = enclosing_sentence(bounds, m.start())
        if event == "start" and lx.not_after.search(low, sent[0], m.start()):
            continue
        hit = _office_after(low, people, names, sent, m)
        if hit is not None:
            person, pos, rule_name = *hit, OFFICE_CUE
            if cue == "took_office":
                cue = _sentence_verb(low, sent, m.start()) or cue
        elif cue in lx.person_level:
            person, pos, rule_name = _person_near(low, names, _clause(low, sent, m.start()), m), None, PERSON_CUE
            if person is None:
                continue
        else:
            continue
        if (person, event, pos) in seen or pos is None and (person, event, sent) in seen:
            continue            # one end per person and sentence: "miễn nhiệm chức vụ X ... để nghỉ hưu"
        if pos is not None and (person, event, None, sent) in seen:
            out = [t for t in out if not (t.person == person and t.event == event and t.position is None
                                          and enclosing_sentence(bounds, t.span[0]) == sent)]
        seen.update({(person, event, pos), (person, event, sent), (person, event, pos, sent)})
        effective, basis = _date_of(text, low, sent, _clause(low, sent, m.start()), m.end())
        out.append(TenureEvent(person=person, event=event, cue=cue, position=pos, effective=effective,
                               date_basis=basis, span=(m.start(), m.end()), rule=rule_name))
    return out


def names_in(names, start: int, end: int):
    """The (start, end, person) name spans that start in [start, end) (names sorted by start)."""
    return names[bisect.bisect_left(names, (start,)):bisect.bisect_left(names, (end,))]


def _clause(low: str, sent: tuple[int, int], at: int) -> tuple[int, int]:
    """The part of the sentence between semicolons that holds `at`."""
    start = low.rfind(";", sent[0], at)
    end = low.find(";", at, min(sent[1], len(low)))
    return (start + 1 if start >= 0 else sent[0]), (end if end >= 0 else sent[1])


def _office_after(low: str, people: list[Person], names, sent, m) -> tuple[int, int] | None:
    """(person, position) whose title is printed right after the cue: of the people named in the
    sentence, the nearest before the cue (else the first after it) who holds that title."""
    at = lexicon().fillers_re.match(low, m.end()).end()
    before = [i for s, e, i in reversed(names_in(names, sent[0], m.start()))]
    after = [i for s, e, i in names_in(names, m.end(), sent[1])]
    for i in dict.fromkeys(before + after):
        best = None
        for j, q in enumerate(people[i].positions):
            t = fold_lower(q.title)
            if low.startswith(t, at) and not low[at + len(t):at + len(t) + 1].isalnum():
                if best is None or len(t) > len(fold_lower(people[i].positions[best].title)) or (
                        people[i].positions[best].former and not q.former):
                    best = j
        if best is not None:
            return i, best
    return None


def _person_near(low: str, names, clause, m) -> int | None:
    """The person a person-level cue is about: named last before it in its clause, else named after
    "đối với" following it."""
    before = [i for s, e, i in names_in(names, clause[0], m.start()) if e <= m.start()]
    if before:
        return before[-1]
    mark = lexicon().person_after_re.search(low, m.end(), clause[1])
    if mark:
        after = [i for s, e, i in names_in(names, mark.end(), clause[1])]
        return after[0] if after else None
    return None


def _sentence_verb(low: str, sent, at: int) -> str | None:
    """The start cue that governs a bare "giữ chức": the last other start cue before it in the sentence."""
    lx = lexicon()
    verb = None
    for m in lx.cue_re.finditer(low, sent[0], at):
        event, cue = lx.cues[re.sub(r"\s+", " ", m.group(0))]
        if event == "start" and cue != "took_office":
            verb = cue
    return verb


def effective_date(text: str, low: str, start: int, end: int) -> str | None:
    """The date printed right after "(kể) từ ngày" between `start` and `end`."""
    for m in lexicon().effective_re.finditer(low, start, end):
        value = parse_date(text[m.end():m.end() + 30])
        if value:
            return value
    return None


def _date_of(text: str, low: str, sent, clause, after: int) -> tuple[str | None, str]:
    """(date, basis): after "(kể) từ ngày" in the rest of the clause; else the date printed with the
    decision the sentence cites; else (None, "document")."""
    effective = effective_date(text, low, after, clause[1])
    if effective:
        return effective, "effective"
    for m in lexicon().decision_re.finditer(low, sent[0], sent[1]):
        value = parse_date(text[m.end():m.end() + 60])
        if value:
            return value, "decision"
    return None, "document"


@stage("tenure", writes="tenure")
def tenure_stage(ctx: DocContext) -> list[TenureEvent]:
    return find_tenure(ctx.text, ctx.people)
