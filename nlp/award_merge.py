"""One record per conferment: the same award told several times in a document (a headline, a lead,
a photo caption, a summary and then its recipients one by one) is counted once, each telling
lending what it knows (the grantor, the year) to the others."""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from nlp.award_lexicon import fold, lexicon, variant_key
from nlp.lexicon import load_lexicon
from nlp.records import Award, Unit
from nlp.unit_lexicon import unit_key


@dataclass
class Found:
    """An award record with what the merging rules need to know about where it was read."""
    award: Award
    sentence: int                     # start of its sentence
    caption: bool = False             # read in a photo caption
    weak_year: bool = False           # the year is the event's date, not printed with the award
    counts: frozenset[str] = frozenset()   # unnamed recipient: the kinds its counted phrase names
    number: int | None = None         # ... and how many ("5 trường học": 5)
    one_class: bool = True            # its telling names at most one class (not "hạng Nhất, Nhì, Ba cho 5 cá nhân")
    part: int | None = None           # one of the counted groups a total adds up to (each is a conferment)
    ordinal: str | None = None        # "lần thứ 2": the second conferment of the award, not the first
    decision: str | None = None       # the number of the decision cited before it in its clause


def _key(s: str | None) -> str | None:
    return None if s is None else fold(s).lower()


@lru_cache(maxsize=1)
def _office_units() -> dict[str, str]:
    """ "thủ tướng" -> "thủ tướng chính phủ": a bare office title and its implied unit are one grantor."""
    return {_key(o["title"]): _key(f"{o['title']} {o['unit']}")
            for o in load_lexicon("offices.toml")["office"] if o.get("unit")}


def _grantor_key(g: str | None) -> str | None:
    k = _key(g)
    return _office_units().get(k, k)


@lru_cache(maxsize=1)
def _general_grantors() -> frozenset[str]:
    """ "Đảng và Nhà nước": the State in general, vaguer than any office that grants."""
    return frozenset(_key(g) for g in load_lexicon("awards.toml")["grantors"]["general"])


def _fits(x, y) -> bool:
    return x is None or y is None or x == y


def merge(found: list[Found], units: list[Unit]) -> list[Award]:
    """The merging rules in order: exact repeats go; a summary lends its grantor and year to the
    conferments it sums up and goes; a yearless telling takes the year of a grantorless one; a
    vaguer repeat in another sentence goes; a caption stays only for an award the body lacks."""
    found = _dedupe(_split_total(found), units)
    _lend_from_summaries(found)
    found = _dedupe(_drop_summed_up(found), units)
    _merge_halves(found)
    forms = _unit_forms(units)
    found = _drop_vaguer_repeats(_drop_bare_family(found, forms), forms)
    body = {f.award.award for f in found if not f.caption}
    return [f.award for f in found if not f.caption or f.award.award not in body]


def _is_detail(summary: Award, detail: Award) -> bool:
    """`detail` tells a part of what `summary` (no named recipient) counts: a named recipient, or a
    counted group in one class of a summary without class ("Huân chương Độc lập cho 73 gia đình ...
    bốn gia đình nhận hạng Nhất, 10 gia đình nhận hạng Nhì")."""
    return summary.recipient is None and (
        detail.recipient is not None or summary.award_class is None and detail.award_class is not None)


def _sums_up(summary: Found, detail: Found) -> bool:
    """`summary` may sum up `detail`: same award, a fitting class, and no grantor or year that
    disagrees."""
    s, d = summary.award, detail.award
    return _is_detail(s, d) and s.award == d.award and _fits(summary.ordinal, detail.ordinal) \
        and (s.award_class is None or s.award_class == d.award_class) \
        and _fits(_grantor_key(s.grantor), _grantor_key(d.grantor)) and _fits(s.year, d.year)


# how many summaries of the same award printed before a conferment may lend it what they know
_NEAREST = 20


def _lend_from_summaries(found: list[Found]) -> None:
    """ "Chủ tịch nước tặng Huân chương Lao động các hạng cho 6 tập thể ... Cụ thể, tặng Huân
    chương Lao động hạng Nhất cho ông A": each listed conferment takes the grantor and the year of
    the nearest summary of it printed before it (one that tells neither, of a summary after it)."""
    summaries: dict[str, list[Found]] = {}
    for f in found:
        if f.award.recipient is None:
            summaries.setdefault(f.award.award, []).append(f)
    for group in summaries.values():
        group.sort(key=_at)
    positions = {name: [_at(s) for s in group] for name, group in summaries.items()}
    for d in found:
        group = summaries.get(d.award.award)
        if not group or not (d.award.recipient or d.award.award_class) or (d.award.grantor and d.award.year):
            continue
        i = bisect_right(positions[d.award.award], _at(d))
        near = [s for s in group[max(0, i - _NEAREST):i][::-1] if _sums_up(s, d)]
        if not near and d.award.grantor is None and d.award.year is None:
            # "Trường X được phong tặng A" (a headline, a lead) and then "Chủ tịch nước ký quyết định
            # phong tặng A cho 28 tập thể ...": the recipient told first is one of those summed up after
            near = [s for s in group[i:i + _NEAREST] if _sums_up(s, d) and d.award.recipient_kind in s.counts]
        if d.award.grantor is None and (g := next((s for s in near if s.award.grantor), None)) is not None:
            d.award.grantor = g.award.grantor
        if d.award.year is None and (y := next((s for s in near if s.award.year), None)) is not None:
            d.award.year, d.weak_year = y.award.year, y.weak_year


# how many records after a total are tried as its parts
_PARTS_AHEAD = 30


def _split_total(found: list[Found]) -> list[Found]:
    """A total ("phong tặng, truy tặng <award> cho 28 tập thể, 34 cá nhân") followed, in later sentences,
    by counted groups of the same award that add up to it exactly ("Quyết định số 803, truy tặng 19 cá
    nhân. Quyết định số 804, phong tặng 23 tập thể và 5 cá nhân ...": 19 + 28 + 8 + 7 = 62): the total
    goes, each group is a conferment of its own and takes the total's grantor and year."""
    dropped: set[int] = set()
    for i, t in enumerate(found):
        a = t.award
        if a.recipient is not None or t.number is None or t.part is not None:
            continue
        parts, total = [], 0
        for d in found[i + 1:i + 1 + _PARTS_AHEAD]:
            b = d.award
            if b.recipient is not None or d.number is None or d.sentence == t.sentence or b.award != a.award \
                    or not _fits(a.award_class, b.award_class) or not _fits(a.year, b.year) \
                    or not _fits(_grantor_key(a.grantor), _grantor_key(b.grantor)):
                continue
            parts.append(d)
            total += d.number
            if total >= t.number:
                break
        if total != t.number or len(parts) < 2:
            continue
        dropped.add(i)
        for k, d in enumerate(parts):
            d.part = k
            d.award.grantor = d.award.grantor or a.grantor
            if d.award.year is None:
                d.award.year, d.weak_year = a.year, t.weak_year
    return [f for i, f in enumerate(found) if i not in dropped]


def _at(f: Found) -> int:
    return f.award.span[0] if f.award.span else 0


def _drop_summed_up(found: list[Found]) -> list[Found]:
    """A summary goes when the conferments it sums up are listed: every kind it counts ("cho 6 tập
    thể và 3 cá nhân") has a listed recipient of that kind ("các tập thể, cá nhân" with only the
    collectives named keeps one record for the unnamed persons), and as many as it counts ("5
    trường học" with two schools named keeps one record for the other three). A summary without
    class is also summed up by counted groups in each class ("73 gia đình" = "bốn gia đình nhận hạng
    Nhất, 10 ... hạng Nhì và 59 ... hạng Ba")."""
    listed: dict[tuple, set] = {}
    for i, d in enumerate(found):
        a = d.award
        if a.recipient is not None:
            for cls in (a.award_class, "any"):
                listed.setdefault((a.award, cls), set()).add(
                    (_grantor_key(a.grantor), a.year, d.ordinal, a.recipient_kind, (_key(a.recipient), 1)))
        elif a.award_class is not None:
            for kind in d.counts:
                listed.setdefault((a.award, "any"), set()).add(
                    (_grantor_key(a.grantor), a.year, d.ordinal, kind, (i, d.number or 1)))
    out = []
    for s in found:
        a = s.award
        if a.recipient is not None:
            out.append(s)
            continue
        cls = "any" if a.award_class is None else a.award_class
        kinds = {k for g, y, o, k, _ in listed.get((a.award, cls), ())
                 if _fits(g, _grantor_key(a.grantor)) and _fits(y, a.year) and _fits(o, s.ordinal)}
        # a count of more than are named leaves the others unnamed; across the classes of a class list
        # ("hạng Nhất, Nhì, Ba cho 5 cá nhân") they belong to a class nobody is named in (above)
        named = {r for g, y, o, _, r in listed.get((a.award, "any"), ())
                 if _fits(g, _grantor_key(a.grantor)) and _fits(y, a.year) and _fits(o, s.ordinal)}
        more = s.one_class and s.number is not None and s.number > sum(n for _, n in named)
        if not kinds or not s.counts <= kinds or more:
            out.append(s)
    return out


def _family(name: str):
    kind = lexicon().kinds.get(variant_key(name))
    return (kind.group, kind.generic) if kind is not None else (None, False)


def _drop_bare_family(found: list[Found], forms: dict[str, str]) -> list[Found]:
    """A bare family word without a named recipient ("những gia đình được trao huân chương"), or for a
    recipient the text names with an award of that family ("Trường X đón nhận Huân chương" over "...
    Huân chương Lao động hạng Ba cho Trường X"), is a vaguer telling of the orders the text names: it goes."""
    named = {g for f in found for g, generic in [_family(f.award.award)] if g is not None and not generic}
    held = {(g, _key(forms.get(_key(f.award.recipient), f.award.recipient))) for f in found
            for g, generic in [_family(f.award.award)] if g is not None and not generic and f.award.recipient}
    return [f for f in found
            if not (fam := _family(f.award.award))[1] or fam[0] not in named
            or f.award.recipient is not None
            and (fam[0], _key(forms.get(_key(f.award.recipient), f.award.recipient))) not in held]


def _unit_forms(units: list[Unit]) -> dict[str, str]:
    """Every printed form of a unit ("Sở GD&ĐT Đắk Lắk") -> its name ("Sở Giáo dục và Đào tạo tỉnh Đắk Lắk")."""
    return {_key(f): u.name for u in units for f in (u.name, *u.aliases)}


def _dedupe(found: list[Found], units: list[Unit]) -> list[Found]:
    """One record per (award, class, grantor, recipient, year), and per decision where two tellings cite
    different decisions; a recipient printed as another
    form of the same unit ("Phân viện khu vực X" for "Phân viện Học viện ... khu vực X") counts once, under
    its longest printed name;
    the body's telling is kept over the caption's."""
    forms = _unit_forms(units)
    seen: dict[tuple, int] = {}
    out: list[Found] = []
    for f in found:
        a = f.award
        k = (a.award, a.award_class, _grantor_key(a.grantor), _recipient_key(a.recipient, forms), a.year, f.part)
        if k not in seen:
            seen[k] = len(out)
            out.append(f)
            continue
        kept = out[seen[k]]
        if kept.decision and f.decision and kept.decision != f.decision:
            out.append(f)             # "Quyết định số 12 về việc phong tặng A và Quyết định số 15 về việc truy tặng A": two
            continue
        if kept.caption and not f.caption:
            out[seen[k]], kept, f = f, f, kept
        if len(f.award.grantor or "") > len(kept.award.grantor or ""):
            kept.award.grantor = f.award.grantor       # "Thủ tướng Chính phủ" over "Thủ tướng"
        if len(f.award.recipient or "") > len(kept.award.recipient or ""):
            kept.award.recipient = f.award.recipient   # "Sở Y tế tỉnh X" over "Sở Y tế X"
    return out


def _recipient_key(name: str | None, forms: dict[str, str]) -> str | None:
    """One key for the forms of a unit: its other printed forms, abbreviations and a level word before a
    province ("Sở Y tế Lâm Đồng" = "Sở Y tế tỉnh Lâm Đồng", nlp.unit_lexicon.unit_key)."""
    return None if name is None else unit_key(forms.get(_key(name), name))


def _merge_halves(found: list[Found]) -> None:
    """One conferment told twice, once with its year and once with its grantor ("Sáng 19/12, X đón
    nhận A"; "thừa ủy quyền của Chủ tịch nước, ... trao A cho X"; or to the same counted group, "cho 5
    cá nhân"): the yearless record takes the year and the other one, now saying less, goes as a
    vaguer repeat."""
    for a in found:
        if a.award.grantor is not None or a.award.year is None:
            continue
        for b in found:
            if b is not a and b.award.year is None and b.award.grantor is not None \
                    and _key(b.award.recipient) == _key(a.award.recipient) \
                    and (a.award.recipient is not None or (a.counts, a.number) == (b.counts, b.number)) \
                    and b.award.award == a.award.award and b.award.award_class == a.award.award_class \
                    and _fits(a.ordinal, b.ordinal):
                b.award.year = a.award.year
                break


def _same_recipient(short: str | None, full: str | None) -> bool:
    """A head noun or a shortened name ("cho Trường", "Sở Nội vụ") stands for the fuller name, and
    so does the name without its head ("May 10" for "TCT May 10")."""
    if short is None or full is None:
        return short is None
    s, f = _key(short), _key(full)
    if s == f or (f.startswith(s + " ") and lexicon().heads.match(fold(short)) is not None):
        return True
    head = lexicon().heads.match(fold(full))
    return head is not None and f.endswith(" " + s) and len(f) - len(s) - 1 == head.end()


def _vaguer(a: Found, b: Found, forms: dict[str, str]) -> bool:
    """`a` says less than `b` about the same award in another sentence (a headline, a caption, a
    lead): every field `a` fills, `b` fills the same way."""
    x, y = a.award, b.award
    if x.award != y.award or a.sentence == b.sentence and not a.caption or not _fits(a.ordinal, b.ordinal):
        return False
    if x.recipient is None and y.recipient is not None:
        return False                  # a summary: see _drop_summed_up
    year_x = None if a.weak_year and not b.weak_year and y.year else x.year
    gx, gy = _grantor_key(x.grantor), _grantor_key(y.grantor)
    fields_x = (x.award_class, gx, year_x)
    fields_y = (y.award_class, gy, y.year)
    if gx is not None and gy is not None and (gy.startswith(gx + " ") or gx in _general_grantors()):
        gx = None                     # "UBND tỉnh" says less than "UBND tỉnh Thái Nguyên", "Nhà nước" than "Chủ tịch nước"
    if not all(p is None or p == q for p, q in zip((x.award_class, gx, year_x), fields_y)):
        return False
    rx, ry = forms.get(_key(x.recipient), x.recipient), forms.get(_key(y.recipient), y.recipient)
    if not _same_recipient(rx, ry):
        return False
    return (fields_x, _key(rx)) != (fields_y, _key(ry))


def _drop_vaguer_repeats(found: list[Found], forms: dict[str, str]) -> list[Found]:
    """A telling that says less than another of the same conferment goes; a unit printed in another
    of its forms ("Sở GD&ĐT Đắk Lắk" for "Sở Giáo dục và Đào tạo tỉnh Đắk Lắk") is the same recipient."""
    by_award: dict[str, list[Found]] = {}
    for f in found:
        by_award.setdefault(f.award.award, []).append(f)
    return [f for f in found if not any(_vaguer(f, g, forms) for g in by_award[f.award.award] if g is not f)]
