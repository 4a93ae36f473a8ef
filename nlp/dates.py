"""Calendar expressions resolved to ISO values, and the dates a page prints for itself.

Named rules (registered in nlp.registry as dates.<name>), tried in order; a later rule never
reports text an earlier one took: machine stamps, periods of full dates, lists of days, periods of
months and years, datetimes, full dates, day-month with the document's year, quarters, months,
years ("năm 2019", "năm 2016 và năm 2019", "các năm 2016, 2017"). Only years introduced by "năm"
(or continuing such a list) count: a bare number, a duration ("5 năm qua") or an ordinal is no
date. A day without a year takes the document's year; when the document's own date is unknown,
the year of the latest full date the text states."""
from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache

from nlp.context import DocContext
from nlp.lexicon import load_lexicon
from nlp.normalize import fold_tones
from nlp.records import DateMention
from nlp.registry import rule, stage
from nlp.segment import UPPER

_Y = r"(\d{4})"
_D = r"(\d{1,2})"
_M = r"(\d{1,2})"
_NB = r"(?:(?<![\w/.,:-])|(?<=ngày))"   # not glued to a number, a symbol or a word ("ngày22 tháng 7": lost space)
_NA = r"(?![\w/]|[.,:]\d)"             # nor followed by one
_SEP = r"\s*-\s*"
_NUMDATE = rf"{_D}\s*[/.-]\s*{_M}\s*[/.-]\s*{_Y}"
_THANG = r"th[aá]ng"                    # "thang": the tone mark lost in converted text
_WORDDATE = rf"{_D}\s+{_THANG}\s+{_M}\s*(?:(?:,\s*)?năm\s+|[,/-]\s*(?=\d{{4}}(?!\d))){_Y}"   # also "29 tháng 12/2020"
_TIME = r"\d{1,2}\s*[:hg]\s*\d{2}(?:\s*[:']\s*\d{2})?'?(?:[ \t]*(?:AM|PM|SA|CH)(?!\w))?"
_WEEKDAY = r"(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s+nhật|CN|T[2-7])"
_PART = r"(?:ngày|sáng|chiều|tối|trưa|đêm|rạng\s+sáng|hôm|sáng\s+sớm|từ|đến|tới|trước|sau)"
_PERIOD_CUE = (r"(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ|kế\s+hoạch|chiến\s+lược|chương\s+trình|năm\s+học|"
               r"niên\s+khóa|niên\s+độ|khóa|\d+\s+năm|các\s+năm|từ\s+năm|trong\s+năm|năm)")
_YEAR_IN = re.compile(r"\d{4}")
# a page's clock ("Thứ ba, 25/06/2024, 22:23 [GMT+7]") is not a date the document states
_CLOCK = re.compile(r"\s*[\[(]GMT\s*[+-]\s*\d+[\])]")
_FUTURE = 30      # years past the document's (or today's) year that still read as plausible

_I = re.IGNORECASE


def _rx(pattern: str, flags: int = _I) -> re.Pattern:
    """Compile against normalized text (which folds tone placement: "đoạn" reads "đọan")."""
    return re.compile(fold_tones(pattern), flags)


@dataclass
class _Scope:
    """What resolving one document's dates needs besides the match."""
    ctx: DocContext
    year: int | None                  # the year a day without one takes
    after: str | None = None          # a day without a year is not before this date (a document it cites)
    before: str | None = None         # nor after this month (YYYY-MM: the page's stamp)

    @property
    def now(self) -> int:
        return self.ctx.doc_year or date.today().year


Value = tuple[str, str, bool, tuple[int, int]]     # (value, kind, implausible, span)


@dataclass(frozen=True)
class DateRule:
    name: str
    pattern: re.Pattern
    resolve: Callable[[re.Match, _Scope, tuple[int, int]], list[Value]]
    describes: str                    # the pattern it reads, in one line (nlp.registry)
    lead: re.Pattern | None = None    # words printed before it, looked for backwards from the digits
    lead_required: bool = False
    lead_window: int = 30             # characters looked at before the match


def _iso(y: int | None, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat() if y else None
    except ValueError:
        return None


def _groups(m: re.Match) -> list[int]:
    return [int(g) for g in m.groups() if g is not None and g.isdigit()]


def _stamp_value(m, scope, span):
    g = _groups(m)
    if not 1 <= g[1] <= 12:
        return []
    if len(g) == 3:
        v = _iso(g[0], g[1], g[2])
        return [(v, "date", False, span)] if v else []
    return [(f"{g[0]:04d}-{g[1]:02d}", "month", False, span)]


def _date_period(m, scope, span):
    g = _groups(m)
    a, b = _iso(g[2], g[1], g[0]), _iso(g[5], g[4], g[3])
    if not a or not b:
        return []
    return [(f"{a}/{b}", "period", b < a or g[5] > scope.now + _FUTURE, span)]


def _short_period(m, scope, span):
    g = _groups(m)
    d1, m1 = g[0], (g[1] if len(g) == 5 else g[-2])
    a, b = _iso(g[-1], m1, d1), _iso(g[-1], g[-2], g[-3])
    if not a or not b:
        return []
    return [(f"{a}/{b}", "period", b < a, span)]


def _day_list(m, scope, span):
    """"hai ngày 20 và 21/8": consecutive days are one period, other days one date each."""
    d1, d2, mo = int(m.group("d1")), int(m.group("d2")), int(m.group("m"))
    y = int(m.group("y") or m.group("y2") or 0) or scope.year
    a, b = _iso(y, mo, d1), _iso(y, mo, d2)
    if not a or not b or b <= a:
        return []
    if d2 == d1 + 1 or re.search(r"(?i)(?:hai|ba|2|3)\s+ngày", m.group(0)):
        return [(f"{a}/{b}", "period", False, span)]
    return [(a, "date", False, span), (b, "date", False, span)]


def _month_period(m, scope, span):
    g = _groups(m)
    m1, y1, m2, y = g if len(g) == 4 else (g[0], g[2] - (g[0] > g[1]), g[1], g[2])  # "tháng 9 đến tháng 5/2025"
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y1, m1) >= (y, m2):
        return []
    return [(f"{y1:04d}-{m1:02d}/{y:04d}-{m2:02d}", "period", False, span)]


def _year_period(m, scope, span):
    g = _groups(m)
    a, b = g[-2], g[-1]
    if m.re is _BRACKET_PERIOD and b < a:
        return []
    bad = b < a or b > scope.now + _FUTURE or a < 1000
    if m.group(0).lower().startswith("giai") and b - a > 30:
        bad = True
    return [(f"{a:04d}/{b:04d}", "period", bad, span)]


def _full_date(kind):
    def resolve(m, scope, span):
        v = _date_value(m.group(0))
        return [(v, kind, False, span)] if v else []
    return resolve


def _day_month(m, scope, span):
    g = _groups(m)
    v = _iso(scope.year, g[1], g[0])
    if v and scope.after and v < scope.after:
        v = _iso(scope.year + 1, g[1], g[0])    # the text cites a document of that year: it is later
    elif v and scope.before and v[:7] > scope.before:
        v = _iso(scope.year - 1, g[1], g[0])    # a page stamped in a month reports days up to it
    return [(v, "date", False, span)] if v else []


def _month_list(m, scope, span):
    """"tháng 5 và tháng 6-2020": months of one year, one value each."""
    m1, m2, y = _groups(m)
    if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or m2 <= m1:
        return []
    return [(f"{y:04d}-{m1:02d}", "month", False, span), (f"{y:04d}-{m2:02d}", "month", False, span)]


def _half_year(m, scope, span):
    y, first = int(m.group(2)), m.group(1).lower() == "đầu"
    return [(f"{y:04d}-01/{y:04d}-06" if first else f"{y:04d}-07/{y:04d}-12", "period", False, span)]


def _quarter(m, scope, span):
    q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group(1).lower()) or int(m.group(1))
    y = int(m.group(2))
    return [(f"{y:04d}-{3 * q - 2:02d}/{y:04d}-{3 * q:02d}", "period", False, span)]


def _month(m, scope, span):
    g = _groups(m)
    if not 1 <= g[0] <= 12:
        return []
    return [(f"{g[1]:04d}-{g[0]:02d}", "month", False, span)]


def _years(m, scope, span):
    out = []
    for y in _YEAR_IN.finditer(m.group(0)):
        yv = int(y.group(0))
        if 1000 <= yv:
            out.append((f"{yv:04d}", "year", yv > scope.now + _FUTURE, (span[0] + y.start(), span[0] + y.end())))
    if out:  # the first span covers "năm YYYY"
        out[0] = (out[0][0], "year", out[0][2], (span[0], out[0][3][1]))
    return out


# spans of a year named by their two years ("năm học 2014-2015", "niên khóa 2019-2020")
_SPAN_CUE = r"(?:năm\s+học|niên\s+khóa|niên\s+độ)"


def _span_period(m, scope, span):
    """"từ năm học 2010-2011 đến năm học 2014-2015" -> 2010/2015."""
    a, _, _, b = _groups(m)
    return [(f"{a:04d}/{b:04d}", "period", b < a or b > scope.now + _FUTURE, span)]


_BRACKET_PERIOD = _rx(rf"{_NB}((?:19|20)\d\d){_SEP}((?:19|20)\d\d){_NA}", 0)
_DAY_LEAD = rf"(?:(?:(?:{_WEEKDAY})\s*,\s*)?{_PART}(?:\s+ngày)?|{_WEEKDAY}\s*,?)\s+$"

RULES: tuple[DateRule, ...] = (
    DateRule("stamp", _rx(r"(?m)^[ \t]*(?:date\s*:?\s*)?(\d{4})-(\d{2})(?:-(\d{2}))?(?![\d-])"), _stamp_value,
             "a machine date stamp opening a line ('date 2023-12', '2025-12-27')"),
    DateRule("dperiod", _rx(rf"{_NB}(?:từ\s+(?:ngày\s+)?)?{_NUMDATE}(?:{_SEP}|\s+(?:đến|tới)\s+(?:hết\s+)?(?:ngày\s+)?)"
                            rf"{_NUMDATE}{_NA}"), _date_period,
             "two full dates joined by a dash or từ ... đến ('11/6/1948 - 11/6/2023')"),
    DateRule("speriod", _rx(rf"(?:từ\s+)?ngày\s+{_D}(?:\s*/\s*{_M}|\s+{_THANG}\s+{_M})?\s*(?:-|đến|tới)\s*(?:hết\s+)?"
                            rf"(?:ngày\s+)?(?<!\d)"
                            rf"(?:{_NUMDATE}|{_WORDDATE}){_NA}"), _short_period,
             "từ ngày D(/M) đến ngày D/M/Y (or D tháng M năm Y): the start shares the end's month and year"),
    DateRule("dlist", _rx(rf"(?:(?:hai|ba|2|3)\s+)?ngày\s+(?P<d1>\d{{1,2}})\s+và\s+(?P<d2>\d{{1,2}})\s*"
                          rf"(?:[/.]\s*|\s+{_THANG}\s+)(?P<m>\d{{1,2}})(?:\s*[/.-]\s*(?P<y>\d{{4}})|\s*,?\s*năm\s+"
                          rf"(?P<y2>\d{{4}}))?{_NA}(?!\s*[/.]\s*\d)"), _day_list,
             "ngày D và D/M(/Y): two days of one month, consecutive ones a period"),
    DateRule("mperiod", _rx(rf"(?<!\w)(?:từ\s+)?tháng\s+{_M}(?:\s*(?:[/.-]\s*|,?\s*năm\s+){_Y})?\s*(?:-|đến|tới)"
                            rf"\s*tháng\s+{_M}\s*(?:[/.-]\s*|,?\s*năm\s+){_Y}{_NA}"), _month_period,
             "từ tháng M đến tháng M/Y: a period of months"),
    DateRule("speriod_years", _rx(rf"(?<!\w)(?:từ\s+)?{_SPAN_CUE}\s+{_Y}{_SEP}{_Y}\s+(?:đến|tới)\s+(?:hết\s+)?"
                                  rf"{_SPAN_CUE}\s+{_Y}{_SEP}{_Y}{_NA}"), _span_period,
             "từ năm học Y-Y đến năm học Y-Y: one period from the first span's start to the last one's end"),
    DateRule("yperiod", _rx(rf"{_NB}{_Y}(?:{_SEP}|\s+(?:đến|tới)\s+(?:năm\s+)?){_Y}{_NA}"), _year_period,
             "a period of years after giai đoạn, nhiệm kỳ, từ năm ...",
             lead=_rx(rf"(?<!\w){_PERIOD_CUE}\s+$"), lead_required=True),
    DateRule("bperiod", _BRACKET_PERIOD, _year_period, "two plausible years joined by a dash, in brackets"),
    DateRule("datetime", _rx(rf"(?:{_TIME}\s*[,|]?\s*{_NB}{_NUMDATE}{_NA}|(?:{_WEEKDAY}\s*,\s*)?{_NB}{_NUMDATE}"
                             rf"(?:\s*[,|-]\s*|\s+(?:lúc\s+)?){_TIME})"), _full_date("datetime"),
             "a full date with a clock time (a page's date line)"),
    DateRule("date", _rx(rf"{_NB}(?:{_WORDDATE}|{_NUMDATE}){_NA}"), _full_date("date"),
             "a full date, in numbers or ngày D tháng M năm Y",
             lead=_rx(rf"(?:(?:{_WEEKDAY})\s*,\s*)?(?:{_PART}\s+)?(?:ngày\s+)?$")),
    # "Chiều 16/6", "Ngày 14-2", "ngày 28 tháng 7", "Tối 26.9": day and month after a word of the day
    DateRule("daymonth", _rx(rf"{_NB}(?:{_D}\s*[/.-]\s*{_M}|{_D}\s+{_THANG}\s+{_M}){_NA}"
                             r"(?!\s*(?:(?:năm|/|-)\s*\d|\.\d|%))"), _day_month,
             "a day and month after ngày/sáng/chiều: the year is the document's",
             lead=_rx(_DAY_LEAD), lead_required=True),
    DateRule("pdaymonth", _rx(r"(?<=\()\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*\)"), _day_month,
             "a day and month in brackets after today/yesterday or a named day ('Hôm nay (19/8)', "
             "'Ngày Nhà giáo Việt Nam (20/11)')",
             lead=_rx(r"(?<!\w)(?:(?:(?:hôm|sáng|chiều|tối|trưa|đêm|ngày)\s+)?(?:nay|qua|mai)|ngày\s+[^()\n.;]{2,80}?)"
                      r"\s*\(\s*$"), lead_required=True, lead_window=90),
    DateRule("quarter", _rx(rf"quý\s+(I{{1,3}}|IV|[1-4])\s*(?:[/.-]\s*|,?\s*năm\s+){_Y}{_NA}"), _quarter,
             "quý I-IV of a year: its months"),
    DateRule("mlist", _rx(rf"(?<!\w){_THANG}\s+{_M}\s*(?:và|,)\s*(?:{_THANG}\s+)?{_M}\s*(?:[/.-]\s*|,?\s*năm\s+){_Y}{_NA}"),
             _month_list, "tháng M và (tháng) M/Y, tháng M, M/Y: two months of one year"),
    DateRule("half", _rx(rf"(?<!\w)6\s+{_THANG}\s+(đầu|cuối)\s+năm\s+{_Y}{_NA}"), _half_year,
             "6 tháng đầu/cuối năm Y: the first or second half of the year"),
    DateRule("month", _rx(rf"{_THANG}\s+{_M}\s*(?:[/.-]\s*|,?\s*năm\s+){_Y}{_NA}"), _month,
             "tháng M/Y, tháng M năm Y"),
    # "Tết Nguyên đán Ất Mùi 2015", "Xuân Giáp Thìn 2024": the lunar year's name, then its solar year
    DateRule("lunar_year", _rx(rf"(?<!\w)(?:Tết(?:\s+Nguyên\s+[Đđ]án)?|Xuân)\s+[{UPPER}]\w*\s+[{UPPER}]\w*\s+{_Y}{_NA}", 0),
             _years, "the name of a lunar new year then its year (Tết Nguyên đán Ất Mùi 2015)"),
    DateRule("years", _rx(rf"(?<![\w])năm\s+{_Y}{_NA}((?:\s*(?:,|và|hoặc)\s*(?:năm\s+)?\d{{4}}{_NA})*)"), _years,
             "năm Y, and lists of years after it"),
    # "Ông A (SN 1965)": SN abbreviates "sinh năm", the year of birth
    DateRule("birth_year", _rx(rf"(?<![\w])SN\s*:?\s*{_Y}{_NA}", 0), _years, "SN Y: a year of birth"),
    DateRule("byears", _rx(rf"(?<=\()\s*(?:(?:19|20)\d\d\s*(?:,|và)\s*)*(?:19|20)\d\d\s*(?=\))", 0), _years,
             "a year or a list of years in brackets ('Luật Thi đua, Khen thưởng (2003)', '2 năm liền (2018 và 2019)')"),
)
_RULE_NAMES = {r.name: rule(f"dates.{r.name}", "date", r.describes) for r in RULES}
_DOCUMENT_DATE = rule("dates.document_date", "date", "the document's own date kept in page metadata")
_DAY_WITHOUT_YEAR = ("dlist", "daymonth", "pdaymonth")


_DMY = _rx(rf"{_NB}{_NUMDATE}|{_WORDDATE}")


def _date_value(s: str) -> str | None:
    d = _DMY.search(s)
    if not d:
        return None
    g = [int(x) for x in d.groups() if x is not None]
    return _iso(g[2], g[1], g[0])


def parse_date(s: str) -> str | None:
    """YYYY-MM-DD of the first full date in `s` ("ngày 28 tháng 7 năm 2021", "16/7/2021")."""
    return _date_value(s)


def _overlaps(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    """Does [s, e) overlap one of the sorted, disjoint spans in `taken`? (O(log n): a page
    with many thousands of dates must not take quadratic time.)"""
    i = bisect.bisect_left(taken, (e,))
    return i > 0 and taken[i - 1][1] > s


_TERM = re.compile(r"(?i)nhiệm\s+kỳ\s*")


_CITED = re.compile(r"\d[/-][A-ZĐ]|(?i:số)\s+\d")
_CITE_WINDOW = 40                     # characters between a document's number and its date


# a founding date ("được thành lập ngày 16-10-1945") and the years since ("Trong 66 năm qua", "sau 40 năm
# xây dựng"): a history, not the date of the text
_FOUNDED = _rx(r"thành\s+lập\s+(?:vào\s+)?(?:ngày\s+)?$")
_YEARS_SINCE = _rx(r"(?<!\w)(\d{1,3})\s+năm\s+(?:qua|xây\s+dựng|thành\s+lập|hình\s+thành)")


def _stated_year(found: list[DateMention], text: str) -> tuple[int | None, str | None, str | None]:
    """The year a day without one takes when the document's own date is unknown, and the date it cannot
    precede (or pass): the year of the latest full date the text states (a date, or the end of a period of dates),
    and that date when it is a cited document's ("Kết luận số 11-KL/TU ngày 14/8/2017": the text is
    later); else the year of a page's stamp of year and month ("date 2023-10": a day after that month is
    of the year before); else the first year of the latest term of office it names ("nhiệm kỳ 2021-2026":
    the text is written during that term)."""
    full = [d for d in found if d.kind in ("date", "datetime", "period") and len(d.value) >= 10
            and d.value[-6] == "-"]
    founded = [d for d in full if d.span is not None
               and _FOUNDED.search(text, max(0, d.span[0] - _CITE_WINDOW), d.span[0])]
    if founded and (years := _YEARS_SINCE.search(text, founded[-1].span[1], founded[-1].span[1] + _CITE_WINDOW * 4)):
        # "được thành lập ngày 16-10-1945. Trong 66 năm qua, ...": the text is written that many years later
        return int(founded[-1].value[:4]) + int(years.group(1)), None, None
    full = [d for d in full if d not in founded]      # a founding date dates the history, not the text
    if full:
        last = max(full, key=lambda d: d.value[-10:])
        cited = last.span is not None and _CITED.search(text, max(0, last.span[0] - _CITE_WINDOW), last.span[0])
        return int(last.value[-10:-6]), (last.value[-10:] if cited else None), None
    stamps = [d.value for d in found if d.rule == _RULE_NAMES["stamp"] and len(d.value) == 7]
    if stamps:
        return int(stamps[0][:4]), None, stamps[0]
    terms = [int(d.value[:4]) for d in found if d.kind == "period" and re.fullmatch(r"\d{4}/\d{4}", d.value)
             and d.span is not None and _TERM.search(text, max(0, d.span[0] - 16), d.span[0] + 10)]
    return (max(terms) if terms else None), None, None


def _start(rule_: DateRule, text: str, m: re.Match) -> int | None:
    """Where the match starts with its lead words; None when a required lead is missing."""
    s = m.start()
    if rule_.lead is None:
        return s
    before = rule_.lead.search(text, max(0, s - rule_.lead_window), s)
    if before is None or before.start() == s:
        return None if rule_.lead_required else s
    return before.start()


@stage("dates", writes="dates")
def find_dates(ctx: DocContext) -> list[DateMention]:
    text = ctx.text
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    scope = _Scope(ctx, ctx.doc_year)
    for rule_ in RULES:
        if rule_.name in _DAY_WITHOUT_YEAR and ctx.doc_year is None:
            # read again before each such rule: the full dates found since ("ngày 1-5-2020" after "hai ngày 20 và
            # 21/8") may state a later year
            scope.year, scope.after, scope.before = _stated_year(found, text)
        for m in rule_.pattern.finditer(text):
            s, e = _start(rule_, text, m), m.end()
            if s is None or _overlaps(taken, s, e) or ctx.in_furniture(s, e):
                continue
            bisect.insort(taken, (s, e))
            if _CLOCK.match(text, e):
                continue
            for value, kind, bad, span in rule_.resolve(m, scope, (s, e)):
                a, b = ctx.norm.to_source(*span)
                found.append(DateMention(text=ctx.norm.source[a:b].strip(), value=value, kind=kind,
                                         implausible=bad, span=span, rule=_RULE_NAMES[rule_.name]))
    found.sort(key=lambda d: d.span[0])
    if ctx.doc_date and len(ctx.doc_date) >= 10:
        # the document's own date, when the clean text lost its dateline (kept in page metadata)
        found.append(DateMention(text=ctx.doc_date[:10], value=ctx.doc_date[:10], kind="date",
                                 rule=_DOCUMENT_DATE))
    seen: set[str] = set()
    out = []
    for d in found:
        if d.value not in seen:
            seen.add(d.value)
            out.append(d)
    return out


# --- Page date stamps -------------------------------------------------------------------------
# The date a page prints for itself (a date line under the headline, a meta tag, a machine
# stamp), with its clock time when given. extractors/ reads page dates through these functions:
# the project has one date parser.

PageDate = tuple[str, "str | None"]  # (YYYY-MM-DD, YYYY-MM-DDTHH:MM in Vietnam time, or None)

_STAMP_TIME = (r"(?P<h>\d{1,2})\s*[:hg]\s*(?P<mi>\d{2})(?:\s*[:']\s*\d{2})?'?"
               r"(?:\s*(?P<ampm>[AaPp]\.?[Mm]\.?|SA|CH)(?!\w))?")
_STAMP_DMY = r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})\s*[/.-]\s*(?P<y>\d{4})"
_STAMP_RULES = (
    # "2024-05-20T13:50:00+07:00", "2026-03-07T08:52:11.000 +07:00", "2024-05-20 13:50"
    re.compile(r"(?<!\d)(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ](?P<h>\d{1,2}):(?P<mi>\d{2})"
               r"(?::\d{2}(?:\.\d+)?)?(?:\s?(?P<tz>Z|[+-]\d{2}:?\d{2}))?)?(?!\d)"),
    # "16/06/2020 18:33", "20/05/2024 - 13:50'", "16/7/2021 lúc 9h30", "07-03-2026 - 00:01 AM"
    _rx(rf"(?<!\d){_STAMP_DMY}(?!\d)\s*(?:[,|-]\s*)?(?:lúc\s+)?{_STAMP_TIME}", _I),
    # "6:33 PM, 16/06/2020", "15:20 | 28/11/2025", "09:04, Thứ năm, 10/12/2020"
    _rx(rf"{_STAMP_TIME}\s*[,|-]?\s*(?:{_WEEKDAY}\s*,?\s*)?(?<!\d){_STAMP_DMY}(?!\d)", _I),
    # a date without a clock time beside it: the nearest clock time in the stamp is its time
    _rx(rf"(?<!\d){_STAMP_DMY}(?!\d)"),
    # "ngày 28 tháng 7 năm 2021", "14 tháng 10, 2025"
    _rx(r"(?<!\d)(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})\s*(?:,\s*|,?\s*năm\s+)(?P<y>\d{4})(?!\d)", _I),
)
_BARE_DATES = 3                      # rules from here on read the date alone
_CLOCK_TIME = _rx(rf"(?<![\d+-]){_STAMP_TIME}", _I)   # not an offset ("GMT+07:00")
_FIRST_PAGE_YEAR = 1945              # older "page dates" are misread numbers, not page stamps
_VIETNAM = timezone(timedelta(hours=7))


def _nearest_time(s: str, day: re.Match) -> re.Match | None:
    """The clock time printed nearest to the date `day` in the stamp `s`, on either side."""
    times = [t for t in _CLOCK_TIME.finditer(s) if t.end() <= day.start() or t.start() >= day.end()]
    return min(times, key=lambda t: max(day.start() - t.end(), t.start() - day.end()), default=None)


def _vietnam_time(stamp: datetime, tz: str) -> datetime:
    """`stamp`, read at the UTC offset `tz` ("Z", "+07:00", "-0500"), as Vietnam time (GMT+7)."""
    digits = "0000" if tz == "Z" else tz[1:].replace(":", "")
    offset = timedelta(hours=int(digits[:2]), minutes=int(digits[2:])) * (-1 if tz[0] == "-" else 1)
    return stamp.replace(tzinfo=timezone(offset)).astimezone(_VIETNAM).replace(tzinfo=None)


def _page_stamp(day_m: re.Match, time_m: re.Match | None = None) -> PageDate | None:
    g = day_m.groupdict()
    day = _iso(int(g["y"]), int(g["m"]), int(g["d"]))
    if day is None or not _FIRST_PAGE_YEAR <= int(g["y"]) <= date.today().year + 1:
        return None
    t = (time_m or day_m).groupdict()
    if t.get("h") is None:
        return day, None
    hour, minute = int(t["h"]), int(t["mi"])
    if t.get("ampm"):
        hour = hour % 12 + (12 if t["ampm"][0] in "PpCc" else 0)
    if hour > 23 or minute > 59:
        return day, None
    stamp = datetime.fromisoformat(day).replace(hour=hour, minute=minute)
    if g.get("tz"):
        stamp = _vietnam_time(stamp, g["tz"])
    return stamp.date().isoformat(), stamp.isoformat(timespec="minutes")


def parse_page_date(text: str | None) -> PageDate | None:
    """(YYYY-MM-DD, YYYY-MM-DDTHH:MM or None) of the date a page stamp gives, in Vietnam time
    (GMT+7; a stamp with a UTC offset is converted, so the day is the day the page shows): ISO 8601
    (also "2026-03-07T08:52:11.000 +07:00"), "Thứ Bảy, 07/03/2026 08:01 (GMT+7)", "6:33 PM,
    16/06/2020", "07-03-2026 - 00:01 AM", "Nguyên Minh - 07/03/2026 08:47", "8:15 SA, 02/04/2019",
    "Đăng ngày: 14 tháng 10, 2025". A machine stamp at the start wins, then a date with its clock
    time beside it, then the first date alone (with the nearest clock time in the stamp)."""
    if not text:
        return None
    s = fold_tones(unicodedata.normalize("NFC", text)).strip()
    for i, rx in enumerate(_STAMP_RULES):
        for m in rx.finditer(s):
            if i == 0 and m.start() > 4:
                break                 # a machine stamp counts at the start; elsewhere it is read last
            if (got := _page_stamp(m, _nearest_time(s, m) if i >= _BARE_DATES else None)) is not None:
                return got
    m = _STAMP_RULES[0].search(s)
    return _page_stamp(m) if m else None


_LINE_TIME = r"\d{1,2}\s*[:hg]\s*\d{2}(?:\s*[:']\s*\d{2})?'?\s*(?:[AaPp]\.?[Mm]\.?|SA|CH)?"
_LINE_DATE = (rf"(?:{_NUMDATE}|\d{{1,2}}\s+tháng\s+\d{{1,2}}\s*(?:,|,?\s*năm)\s*\d{{4}}"
              r"|\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?)")
_LINE_SEP = r"\s*[,|-]?\s*"
_DATE_LINE = _rx(
    rf"(?:{_WEEKDAY}{_LINE_SEP})?(?:ngày\s+)?(?:{_LINE_TIME}{_LINE_SEP})?(?:{_WEEKDAY}{_LINE_SEP})?"
    rf"{_LINE_DATE}(?:{_LINE_SEP}(?:lúc\s+)?{_LINE_TIME})?\s*(?:\(?\[?\s*GMT\s*[+-]\s*\d+\s*\]?\)?)?", _I)


@lru_cache(maxsize=1)
def _line_labels() -> tuple[re.Pattern, re.Pattern]:
    """(a label before a page's date, a counter or keyword label) from furniture.toml."""
    lx = load_lexicon("furniture.toml")

    def alt(xs):
        return "|".join(re.escape(fold_tones(x)) for x in sorted(xs, key=len, reverse=True))
    # "Cập nhật: ...", also after a short section name: "Chính trị - Ngày đăng : 09:04, 10/12/2020"
    date_label = re.compile(rf"^(?:[^\d|:]{{1,40}}?\s+[-|]\s+)?(?:{alt(lx['date_labels'])})\s*:\s*", re.I)
    label_line = re.compile(rf"^\s*(?:{alt(lx['label_lines'])})\s*(?::|\||$)", re.I)
    return date_label, label_line


# a document's date line names its place first: "Hải Phòng, ngày 27 tháng 02 năm 2020"
_PLACE_BEFORE_DATE = re.compile(rf"[{UPPER}]\w*(?:[\s-]+[{UPPER}]\w*){{0,3}}\s*,\s*(.+)")
_STAMP_WORDS = re.compile(r"[^\W\d_]+")
_STAMP_MAX_WORDS = 4                 # a label or a place beside the date; more is a sentence


def is_date_line(line: str) -> bool:
    """A line that is only a page's date stamp: "25/08/2020 17:20", "Thứ hai, 20/05/2024 - 13:50'",
    "Cập nhật: 15:20 | 28/11/2025", "Đăng ngày: 14 tháng 10, 2025", also with a view counter
    after a bar ("22/08/2025 - 17:05 | Lượt xem: 1.254") or a bare table-cell bar ("26-2-2021 |");
    or any short stamp the page-date parser reads beside at most a few words ("Posted on
    2013-05-10", "(07/03/2026)", "Nguyên Minh - 07/03/2026 08:47")."""
    date_label, label_line = _line_labels()
    parts = fold_tones(unicodedata.normalize("NFC", line)).split("|")
    while len(parts) > 1 and (not parts[-1].strip() or label_line.match(parts[-1])):
        parts.pop()
    s = date_label.sub("", "|".join(parts).strip(), count=1).strip()
    if place := _PLACE_BEFORE_DATE.fullmatch(s):
        s = place.group(1)
    if len(s) <= 60 and _DATE_LINE.fullmatch(s) and parse_page_date(s) is not None:
        return True
    return (len(line) <= 60 and len(_STAMP_WORDS.findall(line)) <= _STAMP_MAX_WORDS
            and parse_page_date(line) is not None)


@dataclass(frozen=True)
class LeadDay:
    """The day and month a news lead dates its event with ("Chiều 5/12, ...", "Sáng nay 7/6, ...")."""
    day: int
    month: int
    today: bool                       # "sáng nay", "hôm nay": the day the article was written


_LEAD_DAY = _rx(r"(?<!\w)(?:(?:ngày|hôm|sáng|chiều|tối|trưa|đêm|rạng\s+sáng)(?P<nay>\s+nay)?|hôm\s+nay)\s*,?\s*"
                r"(?:ngày\s+)?(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?![\d/.-]|\.\d)", _I)


def lead_day(text: str) -> LeadDay | None:
    """The first "<part of the day> D/M" in `text` (a lead paragraph) with a valid day and month."""
    for m in _LEAD_DAY.finditer(text):
        d, mo = int(m.group("d")), int(m.group("m"))
        if 1 <= mo <= 12 and 1 <= d <= 31:
            return LeadDay(d, mo, bool(m.group("nay")) or m.group(0).lower().startswith("hôm nay"))
    return None
