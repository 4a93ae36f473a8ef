"""People with their offices (stub: to be written)."""
from __future__ import annotations

from nlp.context import DocContext
from nlp.records import Person, Unit


def find_people(ctx: DocContext, units: list[Unit]) -> list[Person]:
    return []
