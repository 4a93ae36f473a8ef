"""Load the data files in nlp/lexicons/ (TOML, JSON, or one entry per line in .txt),
once per process."""
from __future__ import annotations

import json
import tomllib
from functools import lru_cache
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"


@lru_cache(maxsize=None)
def load_lexicon(name: str):
    """`name` is a file name in nlp/lexicons/ (e.g. "offices.toml", "surnames.txt")."""
    path = LEXICON_DIR / name
    if name.endswith(".toml"):
        with open(path, "rb") as f:
            return tomllib.load(f)
    if name.endswith(".json"):
        return json.loads(path.read_text(encoding="utf-8"))
    lines = path.read_text(encoding="utf-8").splitlines()
    return tuple(s.strip() for s in lines if s.strip() and not s.lstrip().startswith("#"))
