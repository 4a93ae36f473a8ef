"""Loads flows/crawl_rules.toml once (tracking params, pagination words, link patterns)."""
from __future__ import annotations

import functools
import os
import re
import tomllib
from dataclasses import dataclass

_PATH = os.path.join(os.path.dirname(__file__), "crawl_rules.toml")


@dataclass(frozen=True)
class CrawlRules:
    tracking_params: frozenset[str]
    tracking_prefixes: tuple[str, ...]
    next_texts: frozenset[str]
    page_params: tuple[str, ...]
    page_path_patterns: tuple[re.Pattern, ...]
    article_path_patterns: tuple[re.Pattern, ...]
    document_suffixes: tuple[str, ...]


@functools.cache
def rules() -> CrawlRules:
    with open(_PATH, "rb") as f:
        d = tomllib.load(f)
    return CrawlRules(
        tracking_params=frozenset(p.lower() for p in d["canonical"]["tracking_params"]),
        tracking_prefixes=tuple(d["canonical"]["tracking_prefixes"]),
        next_texts=frozenset(d["listing"]["next_texts"]),
        page_params=tuple(d["listing"]["page_params"]),
        page_path_patterns=tuple(re.compile(p, re.I) for p in d["listing"]["page_path_patterns"]),
        article_path_patterns=tuple(re.compile(p, re.I) for p in d["listing"]["article_path_patterns"]),
        document_suffixes=tuple(d["documents"]["suffixes"]),
    )
