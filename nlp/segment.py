"""Tokens and word shapes for the rule-based recognizers.

Regex tokenization instead of underthesea: the recognizers only need words, punctuation and line
breaks with their offsets. Measured on the seeds: `underthesea.sent_tokenize` ~0.4 ms per article
(cheap, ~0.2 s to import, but no offsets); underthesea's NER run sentence by sentence ~0.5 s per
article, which the rule pipeline (~10-20 ms per 8 KB) replaces."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.lexicon import load_lexicon

# Regex character classes of Vietnamese lower- and upper-case letters (for "[...]"): "à-ỹ" is no class of
# lower-case letters, it also holds the capitals with diacritics ("Đ", "Ư", "Ấ" sit inside that range).
_LATIN = [chr(c) for r in ((0xC0, 0x250), (0x1E00, 0x1F00)) for c in range(*r) if chr(c).isalpha()]
LOWER = "a-z" + "".join(c for c in _LATIN if c.islower())
UPPER = "A-Z" + "".join(c for c in _LATIN if c.isupper())

# a word (letters/digits, with inner & . ' - as in "GD&ĐT", "T.Tr", "LĐ-TB&XH"), a line break, or one
# punctuation character
_TOKEN_RE = re.compile(r"\w+(?:[&.'’\-]\w+)*|\n|[^\w\s]")


class Token:
    """A word, a line break or a punctuation character, with its offsets (a plain slotted class:
    tokenizing is the hottest loop of the recognizers)."""
    __slots__ = ("text", "start", "end")

    def __init__(self, text: str, start: int, end: int):
        self.text, self.start, self.end = text, start, end

    def __repr__(self) -> str:
        return f"Token({self.text!r}, {self.start}, {self.end})"

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
            and not tokens[i + n].text.isdigit() and not glued_to_slash(tokens, i + n):
        n += 1
    return n


def glued_to_slash(tokens: list[Token], k: int) -> bool:
    """tokens[k] is printed against a slash ("V/v", "UBND/TU"): an abbreviation, never a name syllable."""
    return k + 1 < len(tokens) and tokens[k + 1].text == "/" and tokens[k + 1].start == tokens[k].end


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """Capitalised runs that are never a personal name: countries, world regions (honorifics.toml)."""
    return frozenset(load_lexicon("honorifics.toml").get("not_names", ()))


def starts_person_name(tokens: list[Token], i: int) -> bool:
    """tokens[i:] starts with a surname followed by 1-3 more capitalised syllables, and the run ends there;
    not a country or region ("Châu Mỹ")."""
    if i >= len(tokens) or tokens[i].text not in surnames():
        return False
    n = name_run(tokens, i)
    return 2 <= n <= 4 and not any(" ".join(t.text for t in tokens[i:i + k]) in not_names() for k in (2, 3))
