"""Named emulation movements and campaigns (stub: to be written)."""
from __future__ import annotations

from nlp.context import DocContext
from nlp.records import Movement


def find_movements(ctx: DocContext) -> list[Movement]:
    return []
