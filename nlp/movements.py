"""Named emulation movements and campaigns.

A movement is either quoted after "phong trào (thi đua)", "cuộc vận động", "cuộc thi đua" or "chiến dịch"
(phong trào thi đua “Lao động giỏi, lao động sáng tạo”, also lists: “A” và “B”), or one of
the well-known names in nlp/lexicons/movements.toml, printed with or without quotes.
A phrase like "phong trào thi đua giai đoạn 2020-2025" has no name and is not a movement."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.context import DocContext
from nlp.lexicon import load_lexicon
from nlp.normalize import fold_tones, norm_key
from nlp.records import Movement
from nlp.registry import rule, stage

QUOTED_AFTER_CUE = rule("movements.quoted_after_cue", "movement",
                        "a quoted name after phong trào (thi đua), cuộc vận động, chiến dịch, and the list after it")
QUOTED_THEME = rule("movements.quoted_theme", "movement", "a quoted theme (chủ đề, khẩu hiệu) of a movement")
KNOWN_NAME = rule("movements.known_name", "movement", "a well-known movement name from the lexicon")

_OPEN, _CLOSE = "“\"«‘'", "”\"»’'"
_QUOTED = rf"[{_OPEN}]([^{_OPEN}{_CLOSE}\n]{{3,200}}?)[{_CLOSE}]"
_CUE = re.compile(fold_tones(
    rf"(?i:phong\s+trào(?:\s+thi\s+đua)?|cuộc\s+vận\s+động|cuộc\s+thi\s+đua|đợt\s+thi\s+đua|chương\s+trình|chiến\s+dịch)"
    rf"\s*(?::\s*)?{_QUOTED}"))
# a movement launched under a theme: phong trào thi đua năm học 2022-2023 với chủ đề “...”
_THEME = re.compile(fold_tones(
    rf"(?i:phong\s+trào|thi\s+đua)[^.;“”\"\n]{{0,80}}?(?i:chủ\s+đề|khẩu\s+hiệu)\s*(?::\s*)?{_QUOTED}"))
_MORE = re.compile(rf"\s*(?:,|và|;)\s*{_QUOTED}")


@lru_cache(maxsize=1)
def _known() -> re.Pattern:
    names = sorted(load_lexicon("movements.toml")["names"], key=len, reverse=True)
    alts = "|".join(re.escape(fold_tones(n)).replace(r"\ ", r"\s+").replace(",", ",?") for n in names)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


@stage("movements", writes="movements")
def find_movements(ctx: DocContext) -> list[Movement]:
    text = ctx.text
    found: list[tuple[int, int, str]] = []
    for m in _CUE.finditer(text):
        found.append((m.start(1), m.end(1), QUOTED_AFTER_CUE))
        pos = m.end()
        while (more := _MORE.match(text, pos)) is not None:
            found.append((more.start(1), more.end(1), QUOTED_AFTER_CUE))
            pos = more.end()
    for m in _THEME.finditer(text):
        found.append((m.start(1), m.end(1), QUOTED_THEME))
    quoted = list(found)
    for m in _known().finditer(text):
        if not any(a <= m.start() and m.end() <= b for a, b, _ in quoted):
            found.append((m.start(), m.end(), KNOWN_NAME))
    found.sort(key=lambda f: (f[0], f[1]))
    out: list[Movement] = []
    seen: set[str] = set()
    src = ctx.norm.source
    for s, e, found_by in found:
        if ctx.in_furniture(s, e):
            continue
        a, b = ctx.norm.to_source(s, e)
        name = re.sub(r"\s+", " ", src[a:b]).strip(" .,;:")
        key = norm_key(name)
        if key and key not in seen:
            seen.add(key)
            out.append(Movement(name=name, span=(s, e), rule=found_by))
    return out
