"""The one-entry-a-line word lists: each entry once (a second copy hides an edit made to the first)."""
from __future__ import annotations

from collections import Counter

import pytest

from nlp.lexicon import LEXICON_DIR, load_lexicon

WORD_LISTS = sorted(p.name for p in LEXICON_DIR.glob("*.txt"))


def test_there_are_word_lists():
    assert {"surnames.txt", "middle_names.txt", "stopwords.txt"} <= set(WORD_LISTS)


@pytest.mark.parametrize("name", WORD_LISTS)
def test_each_entry_is_listed_once(name):
    repeated = [w for w, n in Counter(load_lexicon(name)).items() if n > 1]
    assert repeated == [], f"{name} lists these more than once: {repeated}"
