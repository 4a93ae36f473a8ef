"""Page furniture inside text taken from web pages (stub: to be written)."""
from __future__ import annotations


def furniture_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of `text` (comment boxes, "Các tin tức khác", teaser lists, share and
    print buttons, photo captions' credits) that must yield no entities."""
    return []
