"""Office titles and the words around names (nlp/lexicons/offices.toml, honorifics.toml): the title
lexicon with deputy forms and qualifiers, and `match_title`, which both recognizers use (a title
ends a unit name; a title starts a person's office)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from nlp.lexicon import load_lexicon, phrase_alternation
from nlp.segment import Token, tokenize


@dataclass(frozen=True)
class Office:
    title: str
    kinds: tuple[str, ...] = ()
    embeds: str | None = None
    unit: str | None = None
    unit_head: str | None = None
    member_of: str | None = None      # a membership printed without its body's head ("Ủy viên Thường vụ")
    serves: bool = False              # an aide's office, named after the person served ("Trợ lý đồng chí A")


@dataclass(frozen=True)
class TitleMatch:
    title: str                        # canonical, with "Phó" and qualifier, without "nguyên"
    office: Office
    start: int                        # token indices
    end: int
    former: bool = False


@dataclass
class _Lex:
    titles: dict[str, list[tuple[tuple[str, ...], str, Office]]]
    qualifiers: list[tuple[str, ...]]
    former: frozenset[str]
    honorifics: dict[str, list[tuple[str, ...]]]
    degrees: frozenset[str]
    links: list[tuple[str, ...]]
    joiners: frozenset[str]
    later_links: list[tuple[str, ...]] = field(default_factory=list)
    career_links: list[tuple[str, ...]] = field(default_factory=list)
    holder_links: list[tuple[str, ...]] = field(default_factory=list)
    term_words: list[tuple[str, ...]] = field(default_factory=list)
    list_openers: list[tuple[str, ...]] = field(default_factory=list)
    leave_words: list[tuple[str, ...]] = field(default_factory=list)
    leave_links: list[tuple[str, ...]] = field(default_factory=list)
    shared_prefixes: tuple[str, ...] = ()
    possessives: frozenset[str] = frozenset()
    pronouns: frozenset[str] = frozenset()
    person_markers: tuple[str, ...] = ()
    gender_middle: frozenset[str] = frozenset()
    own_links: frozenset[tuple[str, ...]] = frozenset()
    acting: frozenset[str] = frozenset()


def _toks(s: str) -> tuple[str, ...]:
    return tuple(t.text.lower() for t in tokenize(s))


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    of = load_lexicon("offices.toml")
    titles: dict[str, list] = {}
    for o in of["office"]:
        office = Office(o["title"], tuple(o.get("kinds", ())), o.get("embeds"), o.get("unit"), o.get("unit_head"),
                        o.get("member_of"), o.get("serves", False))
        forms = [o["title"]]
        if o.get("deputy", True):
            forms += [f"{p} {o['title']}" for p in of["deputy_prefixes"]]
        for f in forms:
            seq = _toks(f)
            titles.setdefault(seq[0], []).append((seq, f, office))
        for printed, f in o.get("short_forms", {}).items():     # "Phó Ban X" for "Phó Trưởng ban Ban X"
            seq = _toks(printed)
            titles.setdefault(seq[0], []).append((seq, f, office))
    _add_title_abbreviations(titles, of)
    for v in titles.values():
        v.sort(key=lambda e: -len(e[0]))
    hon = load_lexicon("honorifics.toml")
    honorifics: dict[str, list] = {}
    # a degree in words ("Cử nhân", "Phó Giáo sư") is skipped as a whole, like an honorific
    spelled = [d for d in hon["degrees"] if len(_toks(d)) > 1 and not d.split()[0].isupper()]
    for h in [*hon["honorifics"], *hon["ranks"], *spelled]:
        seq = _toks(h)
        honorifics.setdefault(seq[0], []).append(seq)
    for v in honorifics.values():
        v.sort(key=len, reverse=True)
    degrees = frozenset(_toks(d)[0] for d in hon["degrees"] if len(_toks(d)) == 1) | frozenset(
        w for d in hon["degrees"] if d not in spelled for w in _toks(d))
    links = sorted((_toks(x) for x in of.get("links", ())), key=len, reverse=True)
    return _Lex(titles, [_toks(q) for q in of["qualifiers"]], frozenset(of["former_prefixes"]), honorifics,
                degrees, links, frozenset(of["joiners"]), shared_prefixes=tuple(of.get("shared_prefixes", ())),
                possessives=frozenset(of.get("possessives", ())), pronouns=frozenset(hon.get("pronouns", ())),
                person_markers=tuple(hon.get("person_markers", ())),
                later_links=sorted((_toks(x) for x in of.get("later_links", ())), key=len, reverse=True),
                career_links=sorted((_toks(x) for x in of.get("career_links", ())), key=len, reverse=True),
                holder_links=sorted((_toks(x) for x in of.get("holder_links", ())), key=len, reverse=True),
                term_words=[_toks(x) for x in of.get("term_words", ())],
                list_openers=sorted((_toks(x) for x in of.get("list_openers", ())), key=len, reverse=True),
                leave_words=[_toks(x) for x in of.get("leave_words", ())],
                leave_links=sorted((_toks(x) for x in of.get("leave_links", ())), key=len, reverse=True),
                gender_middle=frozenset(hon.get("gender_middle", ())),
                own_links=frozenset(_toks(x) for x in of.get("own_links", ())),
                acting=frozenset(x.lower() for x in of.get("acting_prefixes", ())))


def _add_title_abbreviations(titles: dict, of: dict) -> None:
    """"TGĐ" reads as "Tổng Giám đốc", "PTGĐ" and "Phó TGĐ" as "Phó Tổng Giám đốc" (offices.toml
    [title_abbreviations])."""
    by_title = {form: office for entries in titles.values() for _, form, office in entries}
    deputy = of["deputy_prefixes"][0] if of["deputy_prefixes"] else None
    for abbr, title in of.get("title_abbreviations", {}).items():
        forms = [(abbr, title)] + ([("P" + abbr, f"{deputy} {title}"), (f"{deputy} {abbr}", f"{deputy} {title}")]
                                   if deputy else [])
        for printed, form in forms:
            office = by_title.get(form)
            if office is not None:
                seq = _toks(printed)
                titles.setdefault(seq[0], []).append((seq, form, office))


def match_words(tokens, i, seq) -> bool:
    return i + len(seq) <= len(tokens) and all(tokens[i + k].text.lower() == s for k, s in enumerate(seq))


def match_title(tokens: list[Token], i: int) -> TitleMatch | None:
    """The office title starting at tokens[i] (with "Phó", "nguyên" and a qualifier), or None."""
    lx = lexicon()
    if i >= len(tokens):
        return None
    start, former, acting = i, False, ""
    if tokens[i].text.lower() in lx.former:
        former, i = True, i + 1
        if i >= len(tokens):
            return None
    # "A, quyền Chủ tịch UBND huyện": acting in an office; not inside a phrase ("thừa ủy quyền Chủ tịch nước")
    if tokens[i].text.lower() in lx.acting and i + 1 < len(tokens) and (
            i == 0 or former or not tokens[i - 1].text[:1].isalpha() or tokens[i - 1].text[:1].isupper()):
        acting, i = tokens[i].text[:1].upper() + tokens[i].text[1:] + " ", i + 1
    for seq, form, office in lx.titles.get(tokens[i].text.lower(), ()):
        if match_words(tokens, i, seq):
            j = i + len(seq)
            title = acting + form
            for q in lx.qualifiers:
                if match_words(tokens, j, q) and not (q == ("chính",) and j + 1 < len(tokens)
                                                  and tokens[j + 1].text.lower() in ("phủ", "trị")):
                    title += " " + " ".join(t.text for t in tokens[j:j + len(q)])
                    j += len(q)
                    break
            return TitleMatch(title=title, office=office, start=start, end=j, former=former)
    return None



@lru_cache(maxsize=1)
def honorific_regex() -> str:
    """Regex source for the words printed before a personal name (honorifics.toml): an honorific in any
    case ("ông", "đồng chí"), or a chain of degrees and ranks as printed ("PGS.TS", "Thiếu tướng")."""
    hon = load_lexicon("honorifics.toml")
    marks = [d for d in hon["degrees"] if d[:1].isupper()] + list(hon["ranks"])
    return (rf"(?:(?i:{phrase_alternation(hon['honorifics'])})"
            rf"|(?:(?:{phrase_alternation(marks)})(?![^\W\d_])\.?\s*)+)")


@lru_cache(maxsize=1)
def title_regex() -> str:
    """Regex source for any office title of offices.toml, with its deputy forms ("Phó Giám đốc"), and the
    words before the head noun of a title that ends in one ("Chánh" of "Chánh Văn phòng", "Trưởng" of
    "Trưởng phòng"): before a unit they make the unit part of the office, not a subject of its own."""
    of = load_lexicon("offices.toml")
    forms = [form for entries in lexicon().titles.values() for _, form, _ in entries]
    for o in of["office"]:
        emb = o.get("embeds")
        if emb and o["title"].lower().endswith(" " + emb.lower()):
            forms.append(o["title"][:-len(emb) - 1])
    return rf"(?:{phrase_alternation(forms + list(of['deputy_prefixes']))})"


@lru_cache(maxsize=1)
def caps_title_regex() -> re.Pattern:
    """An office title printed in capitals, as signature blocks print it ("PHÓ GIÁM ĐỐC", "CHỦ TỊCH")."""
    forms = [form.upper() for entries in lexicon().titles.values() for _, form, _ in entries]
    return re.compile(rf"(?:{phrase_alternation(forms)})(?:\s|$)")
