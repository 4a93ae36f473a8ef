"""Organisations: fullest name, aliases, parent (stub: to be written)."""
from __future__ import annotations

from nlp.context import DocContext
from nlp.records import Unit


def find_units(ctx: DocContext) -> list[Unit]:
    return []
