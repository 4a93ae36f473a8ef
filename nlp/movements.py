"""Named emulation movements and campaigns.

A movement is quoted after "phong trào (thi đua) (yêu nước)", "cuộc vận động", "cuộc thi đua" or
"chiến dịch" (phong trào thi đua “Lao động giỏi, lao động sáng tạo”, also lists: “A”; “B” và “C”,
where an unquoted item between quoted ones counts too), quoted after "chủ đề thi đua", named without
quotes after "phát động (đợt) thi đua" when the name opens like one ("lập thành tích chào mừng ..."),
or one of the well-known names in nlp/lexicons/movements.toml, capitalised or right after a cue
(the first movements of 1945-1950, "phong trào Nam tiến", only right after a cue).
A phrase like "phong trào thi đua giai đoạn 2020-2025" has no name and is not a movement, nor is an
activity in lower case ("đẩy mạnh việc học tập và làm theo ...")."""
from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache

from nlp.context import DocContext
from nlp.lexicon import load_lexicon, phrase_alternation
from nlp.normalize import fold_tones, norm_key
from nlp.records import Movement
from nlp.registry import rule, stage
from nlp.segment import LOWER

QUOTED_AFTER_CUE = rule("movements.quoted_after_cue", "movement",
                        "a quoted name after phong trào (thi đua), cuộc vận động, chiến dịch, and the list after it")
QUOTED_THEME = rule("movements.quoted_theme", "movement", "a quoted theme (chủ đề, khẩu hiệu) of a movement")
LAUNCHED = rule("movements.launched", "movement",
                "phát động (đợt) thi đua lập thành tích chào mừng ...: an unquoted name after the launch of a campaign")
KNOWN_NAME = rule("movements.known_name", "movement", "a well-known movement name from the lexicon")

_OPEN, _CLOSE = "“\"«‘'", "”\"»’'"
_QUOTED = rf"[{_OPEN}]([^{_OPEN}{_CLOSE}\n]{{3,300}}?)[{_CLOSE}]"
_CUE_WORDS = (r"(?i:phong\s+trào(?:\s+thi\s+đua)?(?:\s+yêu\s+nước)?|cuộc\s+vận\s+động|cuộc\s+thi\s+đua|"
              r"đợt\s+thi\s+đua|chương\s+trình|chiến\s+dịch)")
_CUE = re.compile(fold_tones(rf"{_CUE_WORDS}(?:[^.;:“”\"\n]{{0,60}}?\s(?:như|gồm))?\s*(?::\s*)?{_QUOTED}"))
# an emulation named by the occasion it greets: phong trào thi đua lập thành tích chào mừng “Kỷ niệm 80 năm ...”
_EMULATION_WORDS = r"(?i:phong\s+trào\s+thi\s+đua|đợt\s+thi\s+đua|cuộc\s+thi\s+đua)"
# a movement launched under a theme: phong trào thi đua năm học 2022-2023 (and what it greets) với chủ đề “...”; the
# theme of the year's emulation: chủ đề thi đua năm 2018 “...”
_THEME = re.compile(fold_tones(
    rf"(?:(?i:phong\s+trào|thi\s+đua)[^.;“”\"\n]{{0,160}}?(?i:chủ\s+đề|khẩu\s+hiệu)|(?i:chủ\s+đề\s+thi\s+đua)"
    rf"[^.;“”\"\n]{{0,40}}?)\s*(?::\s*)?{_QUOTED}"))
# the next item of a list of names (a stray closing quote before the separator is skipped)
_MORE = re.compile(rf"[{_CLOSE}]*\s*(?:,|và|;)\s*{_QUOTED}")
# an unquoted item between quoted ones: “A”; Chuyển đổi số; “B”
_BARE_ITEM = re.compile(rf"[{_CLOSE}]*\s*[;,]\s*([A-ZĐ][^;,{_OPEN}{_CLOSE}\n]{{2,60}}?)(?=\s*[;,]\s*[{_OPEN}])")
# "phát động đợt thi đua lập thành tích chào mừng Đại hội ...; ..." (the name up to the clause end)
_LAUNCH = re.compile(fold_tones(r"(?i:phát\s+động\s+(?:đợt\s+|phong\s+trào\s+)?thi\s+đua)\s+"))
_NAME_TO_CLAUSE_END = re.compile(r"[^.;,\n“”\"]{5,200}")


@lru_cache(maxsize=1)
def _openers() -> re.Pattern:
    words = load_lexicon("movements.toml")["unquoted_openers"]
    alts = phrase_alternation(words, fold_tones)
    return re.compile(rf"(?:{alts})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _greeting() -> re.Pattern:
    """ "phong trào thi đua (đặc biệt) lập thành tích chào mừng “<occasion>”": the quoted occasion names
    the emulation (an opener of movements.toml, then at most eight lower-case words)."""
    return re.compile(fold_tones(rf"{_EMULATION_WORDS}(?:\s+đặc\s+biệt)?\s+(?={_openers().pattern})"
                                 rf"(?:[{LOWER}]+\s+){{1,8}}?{_QUOTED}"))


@lru_cache(maxsize=2)
def _known(key: str = "names") -> re.Pattern:
    names = sorted(load_lexicon("movements.toml")[key], key=len, reverse=True)
    alts = "|".join(re.escape(fold_tones(n)).replace(r"\ ", r"\s+").replace(",", ",?") for n in names)
    return re.compile(rf"(?<!\w)(?:{alts})(?!\w)", re.IGNORECASE)


# right after a cue, also after the verb of a movement's name and an opening quote (phong trào thực hành “...”)
_AFTER_CUE = re.compile(fold_tones(rf"{_CUE_WORDS}(?:\s+(?i:thực\s+hành))?\s*:?\s*[{_OPEN}]?$"))


def _list_after(text: str, pos: int) -> list[tuple[int, int, str]]:
    """The other names of a list that starts with a quoted one: “A”, “B” và “C”; “D”; E; “F”."""
    out = []
    while True:
        if (more := _MORE.match(text, pos)) is not None:
            out.append((more.start(1), more.end(1), QUOTED_AFTER_CUE))
            pos = more.end()
        elif (bare := _BARE_ITEM.match(text, pos)) is not None:
            out.append((bare.start(1), bare.end(1), QUOTED_AFTER_CUE))
            pos = bare.end()
        else:
            return out


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sorted spans with the overlapping ones joined."""
    out: list[tuple[int, int]] = []
    for a, b in spans:
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


@stage("movements", writes="movements")
def find_movements(ctx: DocContext) -> list[Movement]:
    text = ctx.text
    found: list[tuple[int, int, str]] = []
    for m in _CUE.finditer(text):
        found.append((m.start(1), m.end(1), QUOTED_AFTER_CUE))
        found += _list_after(text, m.end())
    for m in _greeting().finditer(text):
        found.append((m.start(1), m.end(1), QUOTED_AFTER_CUE))
    for m in _THEME.finditer(text):
        found.append((m.start(1), m.end(1), QUOTED_THEME))
    for m in _LAUNCH.finditer(text):
        if _openers().match(text, m.end()) and (name := _NAME_TO_CLAUSE_END.match(text, m.end())):
            found.append((name.start(), name.start() + len(name.group(0).rstrip()), LAUNCHED))
    quoted = _merged(sorted((a, b) for a, b, _ in found))
    starts = [a for a, _ in quoted]
    after_cue = [(m, False) for m in _known("names_after_cue").finditer(text)]
    for m, capitalised_is_named in [(m, True) for m in _known().finditer(text)] + after_cue:
        i = bisect_right(starts, m.start()) - 1
        named = capitalised_is_named and text[m.start()].isupper() \
            or _AFTER_CUE.search(text, max(0, m.start() - 40), m.start())
        if named and (i < 0 or quoted[i][1] < m.end()):     # not inside a quoted name
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
