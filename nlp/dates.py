"""Calendar expressions resolved to ISO values (stub: to be written)."""
from __future__ import annotations

from nlp.context import DocContext
from nlp.records import DateMention


def find_dates(ctx: DocContext) -> list[DateMention]:
    return []
