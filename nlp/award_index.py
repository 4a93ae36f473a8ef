"""What the award rules look up around a position, computed once per document: sentence and clause
ends, lists of criteria, and the spans of the units and people found by the earlier stages.

Every backward or forward look is bounded by SCAN_WINDOW, so reading a document stays linear in its
length with or without sentence punctuation."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from functools import lru_cache

from nlp.award_lexicon import lexicon, rx, variant_key
from nlp.records import Person, Unit
from nlp.segment import LOWER
from nlp.sentences import SCAN_WINDOW, sentence_ends
from nlp.unit_lexicon import unit_key

_CLAUSE_END = re.compile(r"[;:]")
_COLON_LINE = re.compile(r"(?m)^[^\n]*:[ \t]*$")
# the label of a lettered item ("a)", "b)", "đ)"): the letters a list counts with, not a case class
ITEM_LETTER = r"[a-zđ]\)"
_LIST_LINE = re.compile(r"[ \t]*(?:[\"“”'‘’]\s*)?(?:\d+[.)]|\[\d+\]|[-+•*–]|" + ITEM_LETTER + ")")

Span = tuple[int, int]
_TITLE_GAP = rx(rf"(?:\s+[{LOWER}]+)?\s+")


@lru_cache(maxsize=1)
def _titles() -> re.Pattern:
    return rx(lexicon().office_title)


def criteria_lists(text: str) -> list[Span]:
    """Ranges of the list items after a line that ends with a colon and states criteria, rules or
    proposals ("... đạt một trong các tiêu chuẩn sau:", "đề nghị khen thưởng như sau:"): an award
    named in such an item is a condition, not a conferment."""
    not_cue = lexicon().not_cue
    out = []
    for head in _COLON_LINE.finditer(text):
        if not not_cue.search(text, max(head.start(), head.end() - SCAN_WINDOW), head.end()):
            continue
        pos = end = head.end() + 1
        limit = min(len(text), pos + 2 * SCAN_WINDOW)
        while pos < limit:
            nl = text.find("\n", pos, limit)
            line_end = limit if nl < 0 else nl
            if text[pos:line_end].strip() and not _LIST_LINE.match(text, pos):
                break
            end = pos = line_end + 1
        if end > head.end() + 1:
            out.append((head.end(), end))
    return out


def _units_by_head(text: str, units: list[Unit]) -> dict[str, list[tuple[int, int, str]]]:
    heads = lexicon().heads
    out: dict[str, list[tuple[int, int, str]]] = {}
    for a, b, name in sorted((a, b, u.name) for u in units for a, b in u.spans):
        if (h := heads.match(text, a, b)) is not None:   # a bare head ("Bệnh viện") counts for its unit
            out.setdefault(variant_key(h.group(0)), []).append((a, b, name))
    return out


def _heads_only(text: str, a: int, b: int) -> bool:
    return lexicon().heads.fullmatch(text, a, b) is not None


# how many earlier mentions of units with the same head a referent is chosen from
_REFERENT_CHOICES = 30


# a decision (Decree 30/2020): the authority's line in capitals before the preamble ("CHỦ TỊCH ỦY BAN
# NHÂN DÂN TỈNH X" + "Căn cứ ..."), or its signature ("KT. THỦ TƯỚNG"); the articles after "QUYẾT ĐỊNH:"
_OPERATIVE = re.compile(r"(?m)^[ \t]*QUYẾT ĐỊNH[ \t]*:[ \t]*$")
_PREAMBLE = re.compile(r"(?m)^[ \t]*(?:Căn cứ|Xét đề nghị)\s")
_SIGNATURE = re.compile(r"(?m)^[ \t]*(?:KT|TM|Q|TUQ)\.?[ \t]+([^\W\d_][^\n]{2,80}?)[ \t]*$")
_CAPS_LINE = re.compile(r"(?m)^[ \t]*([^\n]*?)[ \t]*\n")


@lru_cache(maxsize=1)
def _caps_title() -> re.Pattern:
    return re.compile(lexicon().titles.pattern, re.IGNORECASE)


def _decision_parts(text: str) -> dict:
    """{articles_from, authority}: where a decision's articles start and who decides (None, None
    in a text that is not a decision)."""
    op = _OPERATIVE.search(text)
    if op is None:
        return {"articles_from": None, "authority": None, "authority_printed": None}
    authority = None
    pre = _PREAMBLE.search(text, max(0, op.start() - 3 * SCAN_WINDOW), op.start())
    if pre is not None:
        lines = [m for m in _CAPS_LINE.finditer(text, max(0, pre.start() - 400), pre.start())
                 if m.group(1).strip(" _-")]
        last = lines[-1] if lines else None
        if last is not None and last.group(1).isupper() and _caps_title().match(last.group(1)):
            authority = last.span(1)
    if authority is None and (sg := _SIGNATURE.search(text, op.end(), op.end() + 4 * SCAN_WINDOW)) is not None:
        if sg.group(1).isupper() and _caps_title().match(sg.group(1)):
            authority = sg.span(1)
    printed = None
    if authority is not None:
        words = text[authority[0]:authority[1]].split()
        same = re.compile(r"(?<!\w)" + r"\s+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
        printed = next((m.span() for m in same.finditer(text, authority[1]) if not m.group(0).isupper()), None)
    return {"articles_from": op.end(), "authority": authority, "authority_printed": printed}


# an annex that lists the recipients of a decision: "DANH SÁCH" and a heading in capitals that names the
# award ("ĐƯỢC TẶNG THƯỞNG CỜ THI ĐUA CỦA CHÍNH PHỦ"), maybe a bracketed line ("(Ban hành kèm theo
# Quyết định số ...)"), then numbered lines
_ANNEX_TITLE = re.compile(r"DANH\s+SÁCH\b")
_ANNEX_NOTE = re.compile(r"\n[ \t]*\([^()]{0,300}\)[ \t|]*(?=\n)")
_ANNEX_ITEM = re.compile(r"\n[ \t]*(?:\d{1,3}[.)]|[-+•])[ \t]*\S")


def annex_list_start(text: str, pos: int) -> int | None:
    """Where the numbered lines of an annex list start (the line break before the first), when the
    award name ending at `pos` is in the annex's heading printed in capitals; else None."""
    start, end = line_start(text, pos), line_end(text, pos)
    head = text[max(0, start - 60):end]
    if not text[start:end].isupper() or _ANNEX_TITLE.search(head) is None:
        return None
    while (nxt := line_end(text, end + 1)) > end + 1 and text[end + 1:nxt].isupper() \
            and nxt - end < 120 and not _ANNEX_ITEM.match(text, end):
        end = nxt                     # the heading goes on: "CỦA CHÍNH PHỦ"
    if (note := _ANNEX_NOTE.match(text, end)) is not None:
        end = note.end()
    while text.startswith("\n\n", end):
        end += 1
    return end if _ANNEX_ITEM.match(text, end) else None


_LINE_START = re.compile(r"(?m)^[^\w\n]*([^\W\d_])")


def printed_in_lower_case(text: str) -> bool:
    """Most lines start with a lower-case letter: the page prints everything in lower case."""
    firsts = [m.group(1) for m in _LINE_START.finditer(text)]
    return sum(c.islower() for c in firsts) > len(firsts) / 2


def line_start(text: str, pos: int) -> int:
    return text.rfind("\n", max(0, pos - SCAN_WINDOW), pos) + 1 or max(0, pos - SCAN_WINDOW)


def line_end(text: str, pos: int) -> int:
    n = text.find("\n", pos, pos + SCAN_WINDOW)
    return min(len(text), pos + SCAN_WINDOW) if n < 0 else n


@dataclass
class TextIndex:
    text: str
    sentence_ends: list[int]                  # sorted offsets just after a sentence end
    clause_ends: list[int]                    # sorted offsets just after ";" or ":"
    criteria: list[Span]                      # sorted ranges of criteria lists
    unit_ends: dict[int, list[int]]           # unit span start -> its ends
    unit_spans: list[Span]                    # sorted
    person_spans: list[Span]                  # sorted
    person_names: set[str]
    unit_by_key: dict[str, Unit]              # unit_key of every form -> unit
    title_ends: list[int]                     # sorted ends of office titles ("Phó Chủ tịch")
    units_by_head: dict[str, list[tuple[int, int, str]]]  # variant_key of a head word -> (start, end, unit), sorted
    articles_from: int | None                 # a decision's operative part starts here ("QUYẾT ĐỊNH:")
    authority: Span | None                    # the authority that decides ("THỦ TƯỚNG CHÍNH PHỦ")
    authority_printed: Span | None            # the same words in ordinary case, where the text prints them
    lower_case: bool                          # the text is printed in lower case (names too)

    @classmethod
    def build(cls, text: str, units: list[Unit], people: list[Person], layout: str | None = None) -> "TextIndex":
        """`layout`: the text with its line breaks as printed (the reading text joins wrapped lines, and
        with them the line starts that tell a page printed in lower case)."""
        unit_ends: dict[int, list[int]] = {}
        for u in units:
            for a, b in u.spans:
                unit_ends.setdefault(a, []).append(b)
        return cls(text=text,
                   sentence_ends=sentence_ends(text),
                   clause_ends=[m.end() for m in _CLAUSE_END.finditer(text)],
                   criteria=criteria_lists(text),
                   unit_ends=unit_ends,
                   unit_spans=sorted(sp for u in units for sp in u.spans),
                   person_spans=sorted(sp for p in people for sp in p.spans),
                   person_names={p.name for p in people},
                   unit_by_key={unit_key(f): u for u in units for f in (u.name, *u.aliases)},
                   title_ends=[m.end() for m in _titles().finditer(text)],
                   units_by_head=_units_by_head(text, units),
                   lower_case=printed_in_lower_case(text if layout is None else layout),
                   **_decision_parts(text))

    def bounds(self, pos: int) -> tuple[int, int]:
        """(sentence start, clause start) of the position, at most SCAN_WINDOW before it."""
        i = bisect_right(self.sentence_ends, pos)
        sent = max(self.sentence_ends[i - 1] if i else 0, pos - SCAN_WINDOW, 0)
        j = bisect_right(self.clause_ends, pos)
        clause = self.clause_ends[j - 1] if j and self.clause_ends[j - 1] > sent else sent
        return sent, clause

    def sentence_end(self, pos: int) -> int:
        """The end of the sentence holding `pos`, at most SCAN_WINDOW after it."""
        i = bisect_right(self.sentence_ends, pos)
        end = self.sentence_ends[i] if i < len(self.sentence_ends) else len(self.text)
        return min(end, pos + SCAN_WINDOW, len(self.text))

    def is_question(self, pos: int) -> bool:
        k = self.sentence_end(pos) - 1
        while k > pos and self.text[k].isspace():
            k -= 1
        return self.text[k] == "?"

    def in_criteria_list(self, pos: int) -> bool:
        i = bisect_right(self.criteria, (pos, len(self.text))) - 1
        return i >= 0 and self.criteria[i][0] <= pos < self.criteria[i][1]

    def units_starting_in(self, a: int, b: int) -> list[Span]:
        return self.unit_spans[bisect_left(self.unit_spans, (a, -1)):bisect_left(self.unit_spans, (b, -1))]

    def people_within(self, a: int, b: int) -> list[Span]:
        spans = self.person_spans[bisect_left(self.person_spans, (a, -1)):bisect_left(self.person_spans, (b, -1))]
        return [sp for sp in spans if sp[1] <= b]

    def last_person_before(self, pos: int) -> Span | None:
        """The person span ending last before `pos` (within SCAN_WINDOW)."""
        spans = self.people_within(max(0, pos - SCAN_WINDOW), pos)
        return max(spans, key=lambda x: x[1]) if spans else None

    def title_before(self, pos: int) -> bool:
        """An office title ends right before `pos`, at most one lower-case word apart ("Phó Chủ tịch
        UBND", "Giám đốc điều hành Công ty"): what follows is the office's unit, not a subject."""
        i = bisect_right(self.title_ends, pos) - 1
        while i >= 0 and self.title_ends[i] >= pos - 40:
            if _TITLE_GAP.fullmatch(self.text, self.title_ends[i], pos):
                return True
            i -= 1
        return False

    def unit_ends_at(self, a: int) -> list[int]:
        return self.unit_ends.get(a, [])

    def unit_headed(self, head: str, pos: int) -> Span | None:
        """The unit with this head word ("Trường") that a common noun at `pos` ("nhà trường") refers
        to: of those named before it, the one named most often, the nearest of equals (a section
        "Tại Trường X, ..." turns to the next school; another hospital named once in passing is not
        "Bệnh viện")."""
        spans = self.units_by_head.get(variant_key(head), [])
        i = bisect_left(spans, (pos, -1, ""))
        before = [sp for sp in spans[max(0, i - _REFERENT_CHOICES):i] if sp[1] <= pos]
        if not before:
            return None
        times: dict[str, int] = {}
        for _, _, name in before:
            times[name] = times.get(name, 0) + 1
        best = max(times.values())
        named = [sp for sp in before if times[sp[2]] == best and not _heads_only(self.text, sp[0], sp[1])]
        return (named[-1][0], named[-1][1]) if named else None
