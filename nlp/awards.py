"""Conferments of awards per the Law on Emulation and Commendation (stub: to be written)."""
from __future__ import annotations

from nlp.context import DocContext
from nlp.records import Award, Person, Unit


def find_awards(ctx: DocContext, units: list[Unit], people: list[Person]) -> list[Award]:
    return []
