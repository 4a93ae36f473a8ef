"""Calendar expressions resolved to ISO values.

Rules, tried in order; a later rule never reports text an earlier one took:
periods of full dates, periods of years, datetimes, full dates, day-month with the
document's year, months, years ("năm 2019", "năm 2016 và năm 2019", "các năm 2016, 2017").
Only years introduced by "năm" (or continuing such a list) count: a bare number is not a date."""
from __future__ import annotations

import bisect
import re
from datetime import date, datetime, timedelta, timezone

from nlp.context import DocContext
from nlp.normalize import fold_tones
from nlp.records import DateMention

_Y = r"(\d{4})"
_D = r"(\d{1,2})"
_M = r"(\d{1,2})"
_NB = r"(?<![\w/.,:-])"           # not glued to a number, a symbol or a word
_NA = r"(?![\w/]|[.,:]\d)"        # nor followed by one
_SEP = r"\s*-\s*"
_NUMDATE = rf"{_D}\s*[/.-]\s*{_M}\s*[/.-]\s*{_Y}"
_WORDDATE = rf"{_D}\s+tháng\s+{_M}\s*(?:(?:,\s*)?năm\s+|,\s*(?=\d{{4}}(?!\d))){_Y}"
_TIME = r"\d{1,2}\s*[:hg]\s*\d{2}(?:\s*[:']\s*\d{2})?'?(?:[ \t]*(?:AM|PM|SA|CH)(?!\w))?"
_WEEKDAY = r"(?:Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|Chủ\s+nhật|CN|T[2-7])"
_PART = r"(?:ngày|sáng|chiều|tối|trưa|đêm|rạng\s+sáng|hôm|sáng\s+sớm|từ|đến|tới|trước|sau)"
_PERIOD_CUE = (r"(?:giai\s+đoạn|nhiệm\s+kỳ|thời\s+kỳ|kế\s+hoạch|chiến\s+lược|chương\s+trình|năm\s+học|"
               r"niên\s+khóa|niên\s+độ|khóa|\d+\s+năm|các\s+năm|từ\s+năm|trong\s+năm|năm)")

_I = re.IGNORECASE


def _rx(pattern: str, flags: int = 0) -> re.Pattern:
    """Compile against normalized text (which folds tone placement: "đoạn" reads "đọan")."""
    return re.compile(fold_tones(pattern), flags)


_RULES: list[tuple[str, re.Pattern]] = [
    # "11/6/1948 - 11/6/2023", "từ ngày 1/1/2021 đến ngày 31/12/2021"
    ("dperiod", _rx(rf"{_NB}(?:từ\s+(?:ngày\s+)?)?{_NUMDATE}(?:{_SEP}|\s+(?:đến|tới)\s+(?:ngày\s+)?){_NUMDATE}{_NA}", _I)),
    # "từ ngày 14 đến ngày 16/10/2025", "từ ngày 30/9 đến ngày 2/10/2025": the start shares the end's year
    ("speriod", _rx(rf"(?:từ\s+)?ngày\s+{_D}(?:\s*/\s*{_M})?\s*(?:-|đến|tới)\s*(?:ngày\s+)?(?<!\d){_NUMDATE}{_NA}", _I)),
    # "từ tháng 6 đến tháng 8/2025", "tháng 7 - tháng 9 năm 2025" (the start shares the end's year),
    # "từ tháng 11/2024 đến tháng 2/2025"
    ("mperiod", _rx(rf"(?<!\w)(?:từ\s+)?tháng\s+{_M}(?:\s*(?:[/.-]\s*|,?\s*năm\s+){_Y})?\s*(?:-|đến|tới)\s*tháng\s+{_M}"
                    rf"\s*(?:[/.-]\s*|,?\s*năm\s+){_Y}{_NA}", _I)),
    # "giai đoạn 2020-2025", "5 năm 2016-2020", "từ năm 2016 đến năm 2020"
    ("yperiod", _rx(rf"{_NB}{_Y}(?:{_SEP}|\s+(?:đến|tới)\s+(?:năm\s+)?){_Y}{_NA}", _I)),
    # "(2020 - 2025)": two plausible years joined by a dash
    ("bperiod", _rx(rf"{_NB}((?:19|20)\d\d){_SEP}((?:19|20)\d\d){_NA}")),
    # "6:33 PM, 16/06/2020", "25/08/2020 17:20", "Thứ hai, 20/05/2024 - 13:50'"
    ("datetime", _rx(rf"(?:{_TIME}\s*[,|]?\s*{_NB}{_NUMDATE}{_NA}|(?:{_WEEKDAY}\s*,\s*)?{_NB}{_NUMDATE}"
                            rf"(?:\s*[,|-]\s*|\s+(?:lúc\s+)?){_TIME})", _I)),
    # "ngày 28 tháng 7 năm 2021", "Thứ hai, 20/05/2024", "16/7/2021"
    ("date", _rx(rf"{_NB}(?:{_WORDDATE}|{_NUMDATE}){_NA}", _I)),
    # "Chiều 16/6", "ngày 28 tháng 7": day and month, year from the document
    # ("Tối 26.9": a dot joins day and month too, after a word of the day)
    ("daymonth", _rx(rf"{_NB}(?:{_D}\s*[/.]\s*{_M}|{_D}\s+tháng\s+{_M}){_NA}(?!\s*(?:(?:năm|/)\s*\d|\.\d|%))", _I)),
    # "quý II năm 2025", "quý 3/2024": the quarter's months
    ("quarter", _rx(rf"quý\s+(I{{1,3}}|IV|[1-4])\s*(?:[/.-]\s*|,?\s*năm\s+){_Y}{_NA}", _I)),
    # "tháng 7/2021", "tháng 7 năm 2021", "tháng 07-2021"
    ("month", _rx(rf"tháng\s+{_M}\s*(?:[/.-]\s*|,?\s*năm\s+){_Y}{_NA}", _I)),
    # "năm 2019", "năm 2016 và năm 2019", "các năm 2016, 2017 và 2018"
    ("years", _rx(rf"(?<![\w])năm\s+{_Y}{_NA}((?:\s*(?:,|và|hoặc)\s*(?:năm\s+)?\d{{4}}{_NA})*)", _I)),
]
# words printed before a date ("Thứ hai, ", "Chiều ", "ngày "): found by looking back from the
# digits, which is much faster than patterns that may start anywhere; (pattern, required)
_LEADS = {
    "yperiod": (_rx(rf"(?<!\w){_PERIOD_CUE}\s+$", _I), True),
    "date": (_rx(rf"(?:(?:{_WEEKDAY})\s*,\s*)?(?:{_PART}\s+)?(?:ngày\s+)?$", _I), False),
    "daymonth": (_rx(rf"(?:(?:(?:{_WEEKDAY})\s*,\s*)?{_PART}(?:\s+ngày)?|{_WEEKDAY}\s*,?)\s+$", _I), True),
}
_YEAR_IN = re.compile(r"\d{4}")
# a page's clock ("Thứ ba, 25/06/2024, 22:23 [GMT+7]") is not a date the document states
_CLOCK = re.compile(r"\s*[\[(]GMT\s*[+-]\s*\d+[\])]")
_FUTURE = 30      # years past the document's (or today's) year that still read as plausible


def _iso(y: int, m: int, d: int) -> str | None:
    try:
        return date(y, m, d).isoformat()
    except ValueError:
        return None


def _groups(m: re.Match) -> list[int]:
    return [int(g) for g in m.groups() if g is not None and g.isdigit()]


def _now_year(ctx: DocContext) -> int:
    return ctx.doc_year or date.today().year


def _resolve(rule: str, m: re.Match, ctx: DocContext, span: tuple[int, int]
             ) -> list[tuple[str, str, bool, tuple[int, int]]]:
    """(value, kind, implausible, span) for one match; [] when it is not a date."""
    g = _groups(m)
    if rule == "dperiod":
        a, b = _iso(g[2], g[1], g[0]), _iso(g[5], g[4], g[3])
        if not a or not b:
            return []
        return [(f"{a}/{b}", "period", b < a or g[5] > _now_year(ctx) + _FUTURE, span)]
    if rule == "speriod":
        d1, m1 = g[0], (g[1] if len(g) == 5 else g[-2])
        a, b = _iso(g[-1], m1, d1), _iso(g[-1], g[-2], g[-3])
        if not a or not b:
            return []
        return [(f"{a}/{b}", "period", b < a, span)]
    if rule in ("yperiod", "bperiod"):
        a, b = g[-2], g[-1]
        cue = m.group(0).lower()
        if rule == "bperiod" and b < a:
            return []
        bad = b < a or b > _now_year(ctx) + _FUTURE or a < 1000
        if cue.startswith("giai") and b - a > 30:
            bad = True
        return [(f"{a:04d}/{b:04d}", "period", bad, span)]
    if rule in ("datetime", "date"):
        v = _date_value(m.group(0))
        return [(v, rule, False, span)] if v else []
    if rule == "daymonth":
        y = ctx.doc_year
        v = _iso(y, g[1], g[0]) if y else None
        return [(v, "date", False, span)] if v else []
    if rule == "mperiod":
        m1, y1, m2, y = g if len(g) == 4 else (g[0], g[2] - (g[0] > g[1]), g[1], g[2])  # "tháng 9 đến tháng 5/2025"
        if not (1 <= m1 <= 12 and 1 <= m2 <= 12) or (y1, m1) >= (y, m2):
            return []
        return [(f"{y1:04d}-{m1:02d}/{y:04d}-{m2:02d}", "period", False, span)]
    if rule == "quarter":
        q = {"i": 1, "ii": 2, "iii": 3, "iv": 4}.get(m.group(1).lower()) or int(m.group(1))
        y = int(m.group(2))
        return [(f"{y:04d}-{3 * q - 2:02d}/{y:04d}-{3 * q:02d}", "period", False, span)]
    if rule == "month":
        if not 1 <= g[0] <= 12:
            return []
        return [(f"{g[1]:04d}-{g[0]:02d}", "month", False, span)]
    if rule == "years":
        out = []
        for y in _YEAR_IN.finditer(m.group(0)):
            yv = int(y.group(0))
            if 1000 <= yv:
                out.append((f"{yv:04d}", "year", yv > _now_year(ctx) + _FUTURE,
                            (span[0] + y.start(), span[0] + y.end())))
        if out:  # the first span covers "năm YYYY"
            out[0] = (out[0][0], "year", out[0][2], (span[0], out[0][3][1]))
        return out
    return []


_DMY = _rx(rf"{_NB}{_NUMDATE}|{_WORDDATE}", _I)


def _date_value(s: str) -> str | None:
    d = _DMY.search(s)
    if not d:
        return None
    g = [int(x) for x in d.groups() if x is not None]
    return _iso(g[2], g[1], g[0])


def parse_date(s: str) -> str | None:
    """YYYY-MM-DD of the first full date in `s` ("ngày 28 tháng 7 năm 2021", "16/7/2021")."""
    return _date_value(s)


# Page date stamps (a web page's own publication date): the calendar date is read by `_DMY` above;
# these only add ISO 8601 and the clock time printed beside the date.
_ISO_STAMP = re.compile(r"((?:19|20)\d\d)-(\d\d?)-(\d\d?)(?:[T ](\d\d?):(\d\d)(?::\d\d(?:\.\d+)?)?"
                        r"\s*(Z|[+-]\d\d:?\d\d)?)?(?!\d)")
_CLOCK_TIME = re.compile(r"(?<!\d)(\d{1,2})\s*[:hg]\s*(\d{2})(?:\s*:\s*\d{2})?(?:\s*(AM|PM|SA|CH)(?!\w))?", re.I)
_GLUED = re.compile(r"([:|,])(?=\d{1,2}\s*[/.-]\s*\d)")     # "Ngày đăng:07/03/2026"
_VN_OFFSET = 7


def page_datetime(s: str | None) -> tuple[str, str | None] | None:
    """(YYYY-MM-DD, YYYY-MM-DDTHH:MM or None) of a page's date stamp: ISO 8601 (also
    "2026-03-07T08:52:11.000 +07:00"; an offset is converted to Vietnam time, GMT+7),
    "Thứ Bảy, 07/03/2026 08:01 (GMT+7)", "07-03-2026 - 00:01 AM", "10:15 AM, 12/3/2012",
    "Cập nhật: ngày 5 tháng 3 năm 2024"."""
    if not s:
        return None
    s = _GLUED.sub(r"\1 ", fold_tones(s.strip()))
    if (m := _ISO_STAMP.search(s)) and m.start() < 5:
        return _iso_stamp(m)
    d = _DMY.search(s)
    if not d or not (day := _date_value(d.group(0))):
        return _iso_stamp(m) if (m := _ISO_STAMP.search(s)) else None
    times = [t for t in _CLOCK_TIME.finditer(s) if t.end() <= d.start() or t.start() >= d.end()]
    t = min(times, key=lambda t: min(abs(t.start() - d.end()), abs(d.start() - t.end())), default=None)
    if t is None:
        return day, None
    hour, minute = int(t.group(1)), int(t.group(2))
    if t.group(3):
        hour = hour % 12 + (12 if t.group(3).upper() in ("PM", "CH") else 0)
    return (day, f"{day}T{hour:02d}:{minute:02d}") if hour < 24 and minute < 60 else (day, None)


def _iso_stamp(m: re.Match) -> tuple[str, str | None] | None:
    y, mo, d, h, mi, tz = m.groups()
    day = _iso(int(y), int(mo), int(d))
    if day is None or h is None or int(h) > 23 or int(mi) > 59:
        return (day, None) if day else None
    stamp = datetime(int(y), int(mo), int(d), int(h), int(mi))
    if tz:
        sign, digits = (1, "0000") if tz == "Z" else (1 if tz[0] == "+" else -1, tz[1:].replace(":", ""))
        offset = sign * (int(digits[:2]) * 60 + int(digits[2:]))
        stamp = stamp.replace(tzinfo=timezone(timedelta(minutes=offset))).astimezone(
            timezone(timedelta(hours=_VN_OFFSET))).replace(tzinfo=None)
    return stamp.date().isoformat(), stamp.isoformat(timespec="minutes")


def _overlaps(taken: list[tuple[int, int]], s: int, e: int) -> bool:
    """Does [s, e) overlap one of the sorted, disjoint spans in `taken`? (O(log n): a page
    with many thousands of dates must not take quadratic time.)"""
    i = bisect.bisect_left(taken, (e,))
    return i > 0 and taken[i - 1][1] > s


def find_dates(ctx: DocContext) -> list[DateMention]:
    text = ctx.text
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for rule, rx in _RULES:
        lead = _LEADS.get(rule)
        for m in rx.finditer(text):
            s, e = m.span()
            if lead is not None:
                before = lead[0].search(text, max(0, s - 30), s)
                if before is None or before.start() == s:
                    if lead[1]:
                        continue
                else:
                    s = before.start()
            if _overlaps(taken, s, e) or ctx.in_furniture(s, e):
                continue
            if _CLOCK.match(text, e):
                bisect.insort(taken, (s, e))
                continue
            bisect.insort(taken, (s, e))
            for value, kind, bad, span in _resolve(rule, m, ctx, (s, e)):
                a, b = ctx.norm.to_source(*span)
                found.append(DateMention(text=ctx.norm.source[a:b].strip(), value=value, kind=kind,
                                         implausible=bad, span=span))
    found.sort(key=lambda d: d.span[0])
    if ctx.doc_date and len(ctx.doc_date) >= 10:
        # the document's own date, when the clean text lost its dateline (kept in page metadata)
        found.append(DateMention(text=ctx.doc_date[:10], value=ctx.doc_date[:10], kind="date"))
    seen: set[str] = set()
    out = []
    for d in found:
        if d.value not in seen:
            seen.add(d.value)
            out.append(d)
    return out
