"""Cited documents with a number and symbol ("Công văn số 2372/UBND-NC ngày 16/7/2021").

A citation is a number-and-symbol ("68/NQ-CP", "45-CT/TW", "30/2020/NĐ-CP", "06/2022/QH15"),
optionally preceded by a document type from nlp/lexicons/doc_types.toml and "số", optionally
followed by its date. The document's own number ("Số: 19/KH-T.Tr") is not a citation."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.context import DocContext
from nlp.dates import parse_date
from nlp.lexicon import load_lexicon, phrase_alternation
from nlp.normalize import fold_tones
from nlp.records import LegalRef
from nlp.registry import rule, stage

TYPED_NUMBER = rule("legal_refs.typed_number", "legal_ref",
                    "a document type (Quyết định, Công văn...) then [số] a number-and-symbol")
SO_NUMBER = rule("legal_refs.so_number", "legal_ref", "số then a number-and-symbol, no type printed")
BARE_NUMBER = rule("legal_refs.bare_number", "legal_ref",
                   "a document type then [số] a number without symbol (Chỉ thị số 17, Quyết định 2234 ngày ...)")
BARE_SYMBOL = rule("legal_refs.bare_symbol", "legal_ref",
                   "a number-and-symbol alone whose symbol names a document type (68/NQ-CP)")

# a symbol segment: letters (at least one capital), digits, dots ("T.Tr", "QH15", "BTGTW"); a text layer
# may print the Party's "TW" as "TƯ"
_SEG = r"[A-ZĐƯƠ][A-Za-zĐđƯƠ0-9.]*[A-Za-zĐđƯƠ0-9]|[A-ZĐ]"
# also "48 -CT/TW", and "105/TTr - CĐĐTĐL": the issuer's code after the type's, set off by spaces
_NUMBER = (rf"\d{{1,6}}[a-z]?(?:/\d{{4}})?(?:/|-| [/-](?=[A-ZĐ]))(?:{_SEG})(?: - (?=[A-ZĐ]{{2}})(?:{_SEG}))?"
           rf"(?:[-/](?:{_SEG}))*")
_DATE_AFTER = (r"(?:\s*,?\s*(?:(?:được\s+)?ban\s+hành\s+|(?:ký\s+)?)?ngày\s+"
               r"(?P<date>\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s*,?\s*năm\s+\d{4}))?")


@lru_cache(maxsize=1)
def doc_types() -> tuple[dict[str, str], dict[str, str]]:
    """(lower-cased type name -> name, symbol code -> type name)."""
    names, codes = {}, {}
    for t in load_lexicon("doc_types.toml")["type"]:
        names[fold_tones(t["name"].lower())] = t["name"]
        for c in t.get("codes", []):
            codes.setdefault(c, t["name"])
    return names, codes


@lru_cache(maxsize=1)
def _pattern() -> re.Pattern:
    names = sorted(doc_types()[0], key=len, reverse=True)
    types = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names)
    return re.compile(fold_tones(
        rf"(?:(?<![\w])(?P<type>(?i:{types}))\s+(?:(?i:số|số hiệu)\s*[:.]?\s*)?|(?<![\w])(?P<so>(?i:số))\s*(?P<colon>:)?\s*)?"
        rf"(?<![\w/.-])(?P<number>{_NUMBER})(?![\w/-]){_DATE_AFTER}"))


@lru_cache(maxsize=1)
def _bare_pattern() -> tuple[re.Pattern, frozenset[str]]:
    """TYPE [số] NUMBER, the number printed without its symbol; the words that make it a count."""
    cit = load_lexicon("doc_types.toml").get("citation", {})
    types = phrase_alternation(cit.get("bare_number_types", ()), fold_tones)
    pat = re.compile(rf"(?<![\w])(?P<type>(?i:{types}))\s+(?:(?i:số)\s*)?(?P<number>\d{{1,5}}[a-z]?)(?![\w/-]|[.,]\d)"
                     + _DATE_AFTER)
    return pat, frozenset(cit.get("count_words", ()))


_NEXT_WORDS = re.compile(r"\s*(\S+)(?:\s+(\S))?")


def _bare_numbers(ctx: DocContext, taken: set[tuple[int, int]]) -> list[tuple[re.Match, str]]:
    """"Chỉ thị số 17", "kế hoạch số 169 và kế hoạch số 173": (match, doc type) of a type printed before a
    bare number, not inside a number-and-symbol citation, not a count ("Kế hoạch 5 năm", "Quyết định 2
    lần"; a date after "ngày"/"năm" keeps it a number: "Quyết định 2234 ngày 9/9/2014")."""
    pat, counts = _bare_pattern()
    names = doc_types()[0]
    out = []
    for m in pat.finditer(ctx.text):
        if any(a <= m.start("number") < b for a, b in taken) or ctx.in_furniture(m.start(), m.end()):
            continue
        nxt = _NEXT_WORDS.match(ctx.text, m.end("number"))
        if nxt is not None and nxt.group(1).lower().rstrip(".,;:") in counts \
                and not (nxt.group(2) or "").isdigit():
            continue
        out.append((m, names.get(fold_tones(re.sub(r"\s+", " ", m.group("type").lower())))))
    return out


def _segments(number: str) -> list[str]:
    return [s for s in re.split(r"[-/]", number) if s]


def issuer_code(number: str) -> str | None:
    """The issuing body's code: the first symbol segment that is not a document-type code
    ("2372/UBND-NC" -> "UBND", "68/NQ-CP" -> "CP", "45-CT/TW" -> "TW")."""
    codes = doc_types()[1]
    segs = [s for s in _segments(number)[1:] if not s.isdigit()]
    rest = [s for s in segs if s not in codes and s.upper() not in codes]
    return rest[0] if rest else None


def type_from_code(number: str) -> str | None:
    codes = doc_types()[1]
    for s in _segments(number)[1:]:
        if s in codes:
            return codes[s]
    if re.fullmatch(r"\d+/\d{4}/QH\d+", number):
        return "Luật"
    return None


def _looks_like_symbol(number: str) -> bool:
    """Exclude ratios and codes that only look like symbols ("21/21", "ISO-9001")."""
    segs = _segments(number)
    return len(segs) >= 2 and any(re.search(r"[A-ZĐ]", s) for s in segs[1:])


def _identity(number: str) -> tuple[str, str, str | None]:
    """(number, symbol letters, year): how two printings of one number compare ("215/QĐUBND",
    "215/2019/QĐ-UBND" and "215/QĐ-UBND" are one document)."""
    segs = _segments(number.replace(" ", ""))
    year = next((s for s in segs[1:] if re.fullmatch(r"(?:19|20)\d\d", s)), None)
    letters = "".join(s for s in segs[1:] if s != year).upper().replace(".", "")
    return segs[0] if segs else "", letters, year


def same_document(number: str, own: str | None, own_year: int | None = None) -> bool:
    """Is `number` the document's own number, printed again (by a portal's title or metadata)? A year
    printed in only one of them must be the year the document was signed."""
    if not own:
        return False
    a, b = _identity(number), _identity(own)
    year = a[2] or b[2]
    return a[:2] == b[:2] and (a[2] == b[2] or a[2] is None and b[2] is None or year == str(own_year))


@stage("legal_refs", writes="legal_refs")
def find_legal_refs(ctx: DocContext) -> list[LegalRef]:
    text, src = ctx.text, ctx.norm.source
    names = doc_types()[0]
    own = ctx.fields.doc_number if ctx.fields is not None else None
    out: dict[str, LegalRef] = {}
    for m in _pattern().finditer(text):
        number = m.group("number").replace(" ", "")
        s, e = m.span()
        if not _looks_like_symbol(number) or ctx.in_furniture(s, e):
            continue
        if m.group("colon") and not m.group("type") or same_document(number, own, ctx.doc_year):
            continue  # "Số: 19/KH-T.Tr", or a portal's title and record line: the document's own number
        if not m.group("type") and not m.group("so") and not type_from_code(number) and "/" not in number:
            continue
        t = m.group("type")
        doc_type = names.get(fold_tones(re.sub(r"\s+", " ", t.lower()))) if t else None
        doc_type = doc_type or type_from_code(number)
        if doc_type is None and (m.group("so") or "/" in number):
            doc_type = "Công văn" if re.fullmatch(r"\d+/[A-ZĐ][\w.]*(?:-[\w.]+)+", number) else None
        date = parse_date(m.group("date")) if m.group("date") else None
        a, b = ctx.norm.to_source(s, e)
        key = number.replace(" ", "")
        if key in out:
            if out[key].date is None and date:
                out[key].date = date
            continue
        found_by = TYPED_NUMBER if m.group("type") else SO_NUMBER if m.group("so") else BARE_SYMBOL
        out[key] = LegalRef(number=number, doc_type=doc_type, issuer_code=issuer_code(number), date=date,
                            text=src[a:b].strip(), span=(s, e), rule=found_by)
    taken = [r.span for r in out.values()]
    printed_in_full = {(_segments(k)[0], r.doc_type) for k, r in out.items()}
    for m, doc_type in _bare_numbers(ctx, taken):
        key = m.group("number")
        if key not in out and (key, doc_type) not in printed_in_full:   # "Chỉ thị 34" after "Chỉ thị 34-CT/TW"
            a, b = ctx.norm.to_source(*m.span())
            date = parse_date(m.group("date")) if m.group("date") else None
            out[key] = LegalRef(number=key, doc_type=doc_type, issuer_code=None, date=date,
                                text=src[a:b].strip(), span=m.span(), rule=BARE_NUMBER)
    return list(out.values())
