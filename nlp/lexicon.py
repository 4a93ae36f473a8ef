"""Load the data files in nlp/lexicons/ (TOML, JSON, or one entry per line in .txt),
once per process."""
from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path

# VNARCHIVE_LEXICON_DIR points at another folder with the same files (a researcher's edited copy).
LEXICON_DIR = Path(os.environ.get("VNARCHIVE_LEXICON_DIR") or Path(__file__).parent / "lexicons")


class LexiconError(RuntimeError):
    """A lexicon file is missing or does not parse. This is a broken installation, not bad
    input: a run must stop with this message instead of quarantining every document."""


@lru_cache(maxsize=None)
def load_lexicon(name: str):
    """`name` is a file name in nlp/lexicons/ (e.g. "offices.toml", "surnames.txt")."""
    path = LEXICON_DIR / name
    try:
        if name.endswith(".toml"):
            with open(path, "rb") as f:
                return tomllib.load(f)
        if name.endswith(".json"):
            return json.loads(path.read_text(encoding="utf-8"))
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, ValueError) as e:   # TOMLDecodeError and JSONDecodeError are ValueErrors
        raise LexiconError(f"lexicon {path} cannot be loaded: {e}") from e
    return tuple(s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#"))


def phrase_alternation(phrases: Iterable[str], key: Callable[[str], str] | None = None) -> str:
    """A regex alternation of lexicon phrases (each through `key` first): longest first, so a phrase wins
    over its own beginning, and any run of spaces between words."""
    forms = {key(p) if key else p for p in phrases}
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in sorted(forms, key=lambda f: (-len(f), f)))
