"""Where a text names an award: the names of the taxonomy (nlp/lexicons/awards.toml), a flag named
by its description, a title outside the Law named after "danh hiệu", and a bare word ("danh hiệu",
"Huân chương") that opens a list of recipients of the award named just before."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache

from nlp.award_index import TextIndex
from nlp.sentences import SCAN_WINDOW
from nlp.award_lexicon import AwardKind, lexicon, rx, variant_key
from nlp.award_recipients import COUNTED, NUMBER_WORD, counted_number
from nlp.registry import rule
from nlp.segment import LOWER, UPPER

FLAG_NAMED = rule("awards.flag_named", "award",
                  'Cờ "<descriptive name>": a flag named by its description is a Cờ thi đua')
NAMED_TITLE = rule("awards.named_title", "award",
                   'danh hiệu "<Name>" / danh hiệu <Name> cho ...: a title outside the Law, by its printed name')
ELIDED = rule("awards.elided", "award",
              "<award> cho 28 tập thể ... Quyết định số N, truy tặng 19 cá nhân: a sentence that confers to a "
              "counted group without naming the award confers the award named before")
LISTED_BACK = rule("awards.listed_back", "award",
                   "<award> cho 4 tập thể ... 4 tập thể này gồm: A; B; C; D: the recipients of the award named before")
LISTED_AFTER = rule("awards.listed_after", "award",
                    "được trao danh hiệu gồm: A, B / được tặng Huân chương gồm: the award named just before")

# a conferment verb followed by a number of recipients: "truy tặng 19 cá nhân", "phong tặng 5 tập thể"
_VERB_COUNT = rx(r"(?i:(?<!\w)(?:phong tặng|truy tặng|tặng thưởng|trao tặng)\s+)(?=\d|(?:" + NUMBER_WORD + r")\s)")
_QUOTED_NAME = re.compile(r'\s*:?\s*["“]([^"”\n]{3,150})["”]')
_TITLE_WORD = re.compile(r"(?i)(?<!\w)danh hiệu(?!\w)")
_LIST_AFTER = re.compile(r"\s*(?:gồm|:)", re.IGNORECASE)
# "danh hiệu Công dân tiêu biểu cho 10 cá nhân": a capitalised name of at most six words
_CAPITALISED_TITLE = re.compile(rf"\s+([{UPPER}]\w*(?:[ \t]+\w+){{0,5}}?)(?=[ \t]+(?:cho|năm|của|và|vì|được|tại)\s|[,.;:\n(]|$)")


@dataclass(frozen=True)
class Mention:
    kind: AwardKind
    start: int
    end: int                          # reading after the award starts here
    rule: str | None                  # how it was named, when not by the taxonomy's name


def find_mentions(text: str) -> list[Mention]:
    """Every award mention, in reading order."""
    lex = lexicon()
    out = [Mention(kind, m.start(), m.end(), None) for m in lex.mention.finditer(text)
           if not (kind := lex.kinds[variant_key(m.group(0))]).generic or not lex.vague_after.match(text, m.end())]
    starts = sorted(m.start for m in out)
    flag = lex.kinds[variant_key("Cờ thi đua")]
    for f in lex.flag_words.finditer(text):
        if _named_at(starts, f.start(), f.start() + 1):
            continue                  # "Cờ thi đua": the taxonomy's name
        if (q := _QUOTED_NAME.match(text, f.end())) is not None:
            out.append(Mention(flag, f.start(), q.end(), FLAG_NAMED))
        elif (d := lex.flag_descriptions.match(text, f.end())) is not None:
            out.append(Mention(flag, f.start(), _description_end(text, d.end()), FLAG_NAMED))
    out.sort(key=lambda m: m.start)
    out += _titles(text, out)
    out.sort(key=lambda m: m.start)
    starts = [m.start for m in out]
    return [_resolve_generic(text, m, out, starts) for m in out]


# the rest of a flag's description: lower-case words and a quoted name ("phong trào thi đua “Vì an ninh
# Tổ quốc” cấp cơ sở"), up to what follows a name (its grantor, year, recipients) or a punctuation mark
_DESCRIPTION_WORD = re.compile(rf"[ \t]+(?!(?:của|do|cho|năm|và|được|tại|tặng|trao|vì|theo|đã|nhằm)(?!\w))"
                               rf"(?:[{LOWER}][\w]*|[\"“][^\"”\n]{{1,150}}[\"”])")


def _description_end(text: str, pos: int) -> int:
    while (w := _DESCRIPTION_WORD.match(text, pos)) is not None:
        pos = w.end()
    return pos


def _named_at(starts: list[int], a: int, b: int) -> bool:
    i = bisect_left(starts, a)
    return i < len(starts) and starts[i] < b


def _titles(text: str, known: list[Mention]) -> list[Mention]:
    """ 'danh hiệu "Công dân tiêu biểu"', 'danh hiệu Công dân tiêu biểu cho 10 cá nhân': a title by
    its printed name (not a beginning of a taxonomy name: "danh hiệu Anh hùng"); a bare "danh hiệu"
    before "gồm" or ":" stands for the award named just before it."""
    lex = lexicon()
    starts = [m.start for m in known]
    names = list(lex.kinds)
    out = []
    for t in _TITLE_WORD.finditer(text):
        if _named_at(starts, t.end(), t.end() + 4):
            continue                          # "danh hiệu Chiến sĩ thi đua cơ sở": the taxonomy's name
        name = _QUOTED_NAME.match(text, t.end()) or _CAPITALISED_TITLE.match(text, t.end())
        if name is not None:
            key = variant_key(name.group(1))
            if not any(n.startswith(key) for n in names) and not lex.not_titles.match(name.group(1)):
                kind = AwardKind(name.group(1).strip(), "title", "title", "both", False, False, False)
                out.append(Mention(kind, name.start(1), name.end(), NAMED_TITLE))
        elif _LIST_AFTER.match(text, t.end()) and (prev := _named_before(known, starts, t.start(), None)):
            out.append(Mention(prev.kind, t.start(), t.end(), LISTED_AFTER))
    return out


def _named_before(ordered: list[Mention], starts: list[int], pos: int, group: str | None) -> Mention | None:
    """The last award named by its own name within SCAN_WINDOW before `pos` (of `group`, if given)."""
    i = bisect_left(starts, pos) - 1
    while i >= 0 and ordered[i].start >= pos - SCAN_WINDOW:
        m = ordered[i]
        if not m.kind.generic and (group is None or m.kind.group == group):
            return m
        i -= 1
    return None


def _resolve_generic(text: str, m: Mention, ordered: list[Mention], starts: list[int]) -> Mention:
    """A bare "Huân chương" before a list ("được tặng Huân chương gồm:") is the order named just
    before it; elsewhere it stays "Huân chương"."""
    if not m.kind.generic or not _LIST_AFTER.match(text, m.end):
        return m
    prev = _named_before(ordered, starts, m.start, m.kind.group)
    return Mention(prev.kind, m.start, m.end, LISTED_AFTER) if prev is not None else m


def implied_mentions(ix: TextIndex, mentions: list[Mention]) -> list[Mention]:
    """The award of a sentence that names none, in an earlier sentence: it confers to a counted group
    ("Theo đó, Quyết định số 803, truy tặng 19 cá nhân ...": the mention spans the verb, and what it
    confers is read after the verb), or it lists the recipients counted before ("4 tập thể này gồm: A;
    B; C; D": the mention ends before "gồm")."""
    text, starts = ix.text, [m.start for m in mentions]
    found = [(v.start(), v.end(), ELIDED) for v in _VERB_COUNT.finditer(text)
             if (c := COUNTED.match(text, v.end())) is not None and counted_number(c.group(0)) is not None]
    found += [(b.start(), b.start(1) if b.group(1) else b.start(2), LISTED_BACK) for b in _back_list().finditer(text)]
    out = []
    for a, b, how in found:
        sent = ix.bounds(a)[0]
        if _named_at(starts, sent, ix.sentence_end(a)) or how == LISTED_BACK and text[sent:a].strip():
            continue                  # the sentence names its award; a list that does not open it
        prev = _named_before(mentions, starts, sent, None)
        if prev is not None:
            out.append(Mention(prev.kind, a, b, how))
    return sorted(mentions + out, key=lambda m: m.start)


@lru_cache(maxsize=1)
def _back_list() -> re.Pattern:
    """ "Các đơn vị này gồm:", "4 tập thể nói trên gồm", "Các cá nhân gồm:": a sentence that lists the
    recipients counted before."""
    lex = lexicon()
    nouns = f"(?:{lex.class_nouns.pattern}|{lex.person_nouns.pattern})"
    return re.compile(rf"(?:(?i:các|những)|\d+)\s+{nouns}\s+(?:(?:này|nói trên|trên|đó)\s+(gồm(?:\s+có)?\s*:?)"
                      rf"|(gồm(?:\s+có)?\s*:))", re.IGNORECASE)
