"""Text printed in lower case read with its capitals back.

Some pages print their whole body in lower case ("phó chủ tịch nước nguyễn thị doan, bộ trưởng bộ xây
dựng nguyễn hồng quân ..."): names, units and places lose the capitals every recogniser keys on. When
most long lines of a text have no capital at all, the recognisers read a copy in which

- the unit names the text prints with capitals elsewhere (a headline, a caption) are written so again;
- the national bodies (known_units.toml), multi-word unit heads and province names are written as the
  lexicons write them, and a one-word head when a sector follows it ("bộ xây dựng" -> "Bộ Xây dựng");
- a surname with the syllables after it, printed after an honorific or an office (and its unit), is
  written as a name: up to the next punctuation when that is at most four syllables on, else three
  syllables when the second is a middle name ("thị", "văn"), else two.

The copy has the same length: every span stays valid. Text with ordinary capitals is returned as is."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.lexicon import load_lexicon, phrase_alternation
from nlp.offices import lexicon as office_lexicon, match_title, match_words
from nlp.segment import Token, surnames, tokenize
from nlp.unit_lexicon import lexicon as unit_lexicon
from nlp.unit_mentions import parse_at

_LONG_LINE = 8                        # words: a line long enough to show the text's case
_LOWER_SHARE = 0.6                    # of the long lines, printed without a capital
_NAME_MAX = 4                         # syllables of a personal name
_WORD = re.compile(r"\w+")


_SENTENCE_START = re.compile(r"[.!?]\s+(\w)")
_ITEM = re.compile(r"^\s*(?:[-+•*–]|\w{1,2}[.)])\s")      # a list item: its lower case says nothing


def is_lower_case_text(text: str) -> bool:
    """Most lines of eight words or more (list items aside) have no capital letter, and sentences after a
    full stop start in lower case: the text was printed in lower case."""
    long = lower = 0
    for line in text.split("\n"):
        words = _WORD.findall(line)
        if len(words) >= _LONG_LINE and not _ITEM.match(line):
            long += 1
            lower += not any(w[0].isupper() for w in words)
    if lower < 2 or lower < _LOWER_SHARE * long:
        return False
    starts = [m.group(1) for m in _SENTENCE_START.finditer(text) if m.group(1).isalpha()]
    return len(starts) < 2 or sum(c.islower() for c in starts) >= _LOWER_SHARE * len(starts)


def recased(text: str) -> str:
    """`text` with the capitals of names, units and places restored when it is printed in lower case."""
    if not is_lower_case_text(text):
        return text
    chars = list(text)
    lower_spans = _lower_lines(text)
    pattern, forms = _phrase_pattern(text, lower_spans)
    for a, b in lower_spans:
        for m in pattern.finditer(text, a, b):
            _write(chars, m.start(), forms[_key(m.group(0))])
    _names_after_markers("".join(chars), chars, lower_spans)
    return "".join(chars)


def _lower_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line printed without a capital."""
    out, at = [], 0
    for line in text.split("\n"):
        if not any(c.isupper() for c in line):
            out.append((at, at + len(line)))
        at += len(line) + 1
    return out


def _write(chars: list[str], start: int, form: str) -> None:
    """Write `form`'s case over the characters at `start` (a letter whose case change is one letter)."""
    for k, c in enumerate(form):
        old = chars[start + k]
        if old.lower() == c.lower() and len(c) == 1:
            chars[start + k] = c


def _key(phrase: str) -> str:
    return " ".join(phrase.lower().split())


def _phrase_pattern(text: str, lower_spans) -> tuple[re.Pattern, dict[str, str]]:
    """One case-blind pattern of the units printed with capitals in the text's other lines and of the
    lexicons' bodies, heads and provinces (longest first), and each one's form to write."""
    forms = {_key(f): f for f in sorted({*_lexicon_forms(), *_capitalised_units(text, lower_spans)}, key=len)}
    alts = phrase_alternation(forms)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE), forms


def _capitalised_units(text: str, lower_spans) -> list[str]:
    """Unit names of two words or more printed in the lines that keep their capitals (a headline)."""
    out = []
    lower = {a for a, _ in lower_spans}
    at = 0
    for line in text.split("\n"):
        if at not in lower:
            toks = tokenize(line)
            for i, t in enumerate(toks):
                m = parse_at(line, toks, i) if t.text[0].isupper() else None
                if m is not None and not m.bare and " " in m.printed:
                    out.append(m.printed)
        at += len(line) + 1
    return out


@lru_cache(maxsize=1)
def _lexicon_forms() -> tuple[str, ...]:
    """Forms of several words the lexicons write with capitals: national bodies, unit heads, a one-word
    head before a sector ("Bộ Xây dựng", "Sở Y tế"), provinces."""
    forms = set()
    for u in load_lexicon("known_units.toml").get("unit", []):
        forms.update(f for f in (u["name"], *u.get("aliases", ())) if not f.isupper())
    ul = unit_lexicon()
    heads = [h.text for v in ul.heads.values() for _, h in v if not h.abbr]
    forms.update(h for h in heads if " " in h)
    sectors = [s for v in ul.sectors.values() for _, s in v]
    for h in heads:
        if h in ("Bộ", "Sở"):
            forms.update(f"{h} {s}" for s in sectors)
    forms.update(p for p in ul.places if " " in p)
    return tuple(forms)


def _names_after_markers(text: str, chars: list[str], lower_spans) -> None:
    """A surname and the syllables after it, printed after an honorific or an office and its unit."""
    toks = tokenize(text)
    line_of = _in_spans(toks, lower_spans)
    for i in range(len(toks)):
        if not line_of[i]:
            continue
        k = _after_marker(text, toks, i)
        if k is None or k >= len(toks) or not line_of[k]:
            continue
        n = _name_length(toks, k)
        for t in toks[k:k + n]:
            _write(chars, t.start, t.text.capitalize())


def _in_spans(toks: list[Token], spans: list[tuple[int, int]]) -> list[bool]:
    """For each token: is it inside one of `spans` (in text order)?"""
    out, li = [], 0
    for t in toks:
        while li < len(spans) and spans[li][1] < t.start:
            li += 1
        out.append(li < len(spans) and spans[li][0] <= t.start < spans[li][1])
    return out


def _after_marker(text: str, toks: list[Token], i: int) -> int | None:
    """Index of the word after an honorific, or after an office with its unit, starting at toks[i]."""
    lx = office_lexicon()
    hon = next((s for s in lx.honorifics.get(toks[i].text.lower(), ()) if match_words(toks, i, s)), None)
    if hon is not None:
        return i + len(hon)
    tm = match_title(toks, i)
    if tm is None:
        return None
    k = tm.end
    m = parse_at(text, toks, k) if k < len(toks) and toks[k].text[0].isupper() else None
    if m is not None:
        k = m.tok_end
    while k < len(toks) and toks[k].text in ("-", "–", ","):
        k += 1
    return k


def _name_length(toks: list[Token], k: int) -> int:
    """Syllables of the lower-case name at toks[k] (0 when no surname starts there)."""
    if toks[k].text.capitalize() not in surnames() or not toks[k].text.islower():
        return 0
    n = 0
    while k + n < len(toks) and n <= _NAME_MAX and toks[k + n].text.isalpha() and toks[k + n].text.islower():
        n += 1
    if 2 <= n <= _NAME_MAX and (k + n >= len(toks) or not toks[k + n].text.isalpha()):
        return n        # the name runs to punctuation
    if n < 2:
        return 0
    return 3 if n >= 3 and toks[k + 1].text.capitalize() in _middle_names() else 2


@lru_cache(maxsize=1)
def _middle_names() -> frozenset[str]:
    return frozenset(load_lexicon("middle_names.txt")) | office_lexicon().gender_middle
