"""Tokens, lines and word shapes for the rule-based recognizers.

Regex tokenization instead of underthesea: `underthesea.sent_tokenize` costs more per article
than the whole rule pipeline (see bench/), and the recognizers only need words, punctuation
and line breaks with their offsets."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.lexicon import load_lexicon

# a word (letters/digits, with inner & . ' - as in "GD&ĐT", "T.Tr", "LĐ-TB&XH"), a line break, or one
# punctuation character
_TOKEN_RE = re.compile(r"\w+(?:[&.'’\-]\w+)*|\n|[^\w\s]")
_SENT_END_RE = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“(]?[A-ZÀ-Ỹ0-9])|\n+")


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        """Capitalised word ("Ngô", "Kiểm", "VPCP")."""
        return self.text[0].isupper()

    @property
    def is_lower(self) -> bool:
        return self.text[0].islower()


def tokenize(text: str) -> list[Token]:
    return [Token(m.group(0), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence ranges by punctuation and line breaks (fast; good enough for windows)."""
    out, start = [], 0
    for m in _SENT_END_RE.finditer(text):
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line, without the line break."""
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


def is_syllable_cap(word: str) -> bool:
    """A name syllable: capitalised, the rest lower case ("Hải", "Thị"); not "VPCP"."""
    word = word.replace("'", "").replace("’", "")   # "H'Nga"
    if not word or not word[0].isupper() or not word.isalpha():
        return False
    return len(word) == 1 or word[1:].islower() or len(word) > 2 and word[0] == "H" and word[1].isupper() \
        and word[2:].islower()


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
    return frozenset(load_lexicon("surnames.txt"))


def name_run(tokens: list[Token], i: int, max_len: int = 4) -> int:
    """Number of name-shaped syllables starting at tokens[i] (0 when tokens[i] is not one).
    The run stops at the first token that is not a capitalised syllable."""
    n = 0
    while i + n < len(tokens) and n <= max_len and tokens[i + n].is_word and is_syllable_cap(tokens[i + n].text) \
            and not tokens[i + n].text.isdigit():
        n += 1
    return n


def starts_person_name(tokens: list[Token], i: int) -> bool:
    """tokens[i:] starts with a surname followed by 1-3 more capitalised syllables, and the run ends there."""
    if i >= len(tokens) or tokens[i].text not in surnames():
        return False
    n = name_run(tokens, i)
    return 2 <= n <= 4
