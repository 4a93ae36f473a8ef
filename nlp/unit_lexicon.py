"""The lexicons behind the unit recognizer (nlp/lexicons/unit_heads.toml, known_units.toml,
abbreviations.toml, provinces.toml, stopwords.txt), compiled once, and the comparison key of a unit
name (abbreviations expanded, case and spacing folded)."""
from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from nlp.lexicon import load_lexicon
from nlp.normalize import norm_key
from nlp.segment import tokenize


@dataclass(frozen=True)
class Head:
    text: str                         # as in the lexicon ("Ủy ban nhân dân")
    kind: str
    level: str
    bare: str | None = None           # "main" | "level" | "self"
    owner: bool = False
    parent: str | None = None
    scope: str | None = None          # "province" | "district" for Tỉnh ủy / Huyện ủy
    abbr: bool = False                # printed as an abbreviation ("UBND")
    numbered: bool = False            # named by a number ("Quân khu 4", "Sư đoàn 324")
    level_only: bool = False          # a unit only before a level word ("Đoàn xã Tân Lập")
    eponym: bool = False              # after its type words takes a proper name, often a person's
                                      # ("Trường THCS Chu Văn An", "Bệnh viện Đa khoa Nguyễn Trãi")
    lower_name: bool = False          # the name may go on in lower case ("Đội Cảnh sát phòng cháy, ...")
    lower_lead: bool = False          # lower-case words may lead the proper name ("Công ty cổ phần vận tải X")
    alone: str | None = None          # the body the head names printed alone ("MTTQ" -> Mặt trận Tổ quốc Việt Nam)


@dataclass(frozen=True)
class Known:
    name: str
    parent: str | None
    kind: str | None
    not_before: tuple[tuple[str, ...], ...]


@dataclass
class _Lex:
    heads: dict[str, list[tuple[tuple[str, ...], Head]]]
    known: dict[str, list[tuple[tuple[str, ...], Known]]]
    sectors: dict[str, list[tuple[tuple[str, ...], str]]]
    levels: dict[str, list[tuple[tuple[str, ...], str]]]
    stop: frozenset[str]
    expand: dict[str, str]            # abbreviation -> expansion (all kinds)
    expand_re: re.Pattern
    places: frozenset[str]
    provinces: dict[str, list[tuple[tuple[str, ...], str]]]
    no_continue: frozenset[str]
    stop2: frozenset[tuple[str, str]] = frozenset()
    name_bigrams: frozenset[tuple[str, str]] = frozenset()
    name_phrases: tuple[tuple[str, ...], ...] = ()
    verb_stops: frozenset[str] = frozenset()
    not_after_and: frozenset[str] = frozenset()
    eponym_types: dict[str, list[tuple[tuple[str, ...], str]]] | None = None
    comma_phrases: frozenset[tuple[str, ...]] = frozenset()
    always_stop: frozenset[str] = frozenset()
    descriptive_leads: frozenset[str] = frozenset()
    party_departments: tuple[tuple[str, ...], ...] = ()
    central_cities: frozenset[str] = frozenset()     # provinces.toml: the centrally-run cities
    city_heads: frozenset[str] = frozenset()
    standing_heads: frozenset[str] = frozenset()
    level_abbreviations: dict[str, str] = field(default_factory=dict)   # "TX" -> "thị xã"
    city_levels: frozenset[str] = frozenset()
    sub_rank: dict[str, int] | None = None
    legal_forms: tuple[str, ...] = ()
    kinds: dict[str, frozenset[str]] = field(default_factory=dict)   # the *_kinds lists of unit_heads.toml
    ending_levels: tuple[str, ...] = ()
    quantifiers: frozenset[str] = frozenset()
    measure_words: frozenset[str] = frozenset()
    top_bodies: tuple[tuple[str, ...], ...] = ()
    party_siblings: dict[str, str] = field(default_factory=dict)
    committee_of: dict[str, str] = field(default_factory=dict)       # "Ban Chấp hành" -> "Đảng bộ"
    self_scoped: dict[str, str] = field(default_factory=dict)        # "Tỉnh ủy" -> "province"
    level_scope: dict[str, str] = field(default_factory=dict)        # "huyện" -> "district"


def kinds(name: str) -> frozenset[str]:
    """A list of head kinds from unit_heads.toml ("sector_kinds", "department_kinds", ...)."""
    return lexicon().kinds.get(name, frozenset())


def key_tokens(s: str) -> tuple[str, ...]:
    return tuple(t.text.lower() for t in tokenize(s))


def _index(entries):
    out: dict[str, list] = {}
    for toks, val in entries:
        out.setdefault(toks[0], []).append((toks, val))
    for v in out.values():
        v.sort(key=lambda e: -len(e[0]))
    return out


@lru_cache(maxsize=1)
def lexicon() -> _Lex:
    hd = load_lexicon("unit_heads.toml")
    ab = load_lexicon("abbreviations.toml")
    heads = _heads(hd, ab)
    places, provinces = _places()
    stop = load_lexicon("stopwords.txt")
    expand = {**ab["terms"], **ab["heads"], **ab["units"]}
    expand_re = re.compile(r"(?<![\w&.])(" + "|".join(re.escape(k) for k in sorted(expand, key=len, reverse=True))
                           + r")(?![\w&]|\.\w)")
    return _Lex(_index(heads), _index(_known_units(heads, ab)),
                _index([(key_tokens(s), s) for s in hd.get("sectors", [])]
                       + [(key_tokens(v), s) for v, s in hd.get("sector_spellings", {}).items()]),
                _index([(key_tokens(w), lvl) for w, lvl in hd["levels"].items()]),
                frozenset(stop), expand, expand_re, frozenset(places), _index(provinces),
                frozenset(hd.get("no_continue", ())),
                stop2=frozenset(tuple(x.split()) for x in stop if " " in x),
                name_bigrams=frozenset(tuple(x.split()) for x in hd.get("name_bigrams", ())),
                name_phrases=tuple(tuple(x.lower().split()) for x in hd.get("name_phrases", ())),
                verb_stops=frozenset(hd.get("verb_stops", ())),
                not_after_and=frozenset(hd.get("not_after_and", ())),
                eponym_types=_index([(key_tokens(t), t) for t in hd.get("eponym_types", ())]),
                comma_phrases=frozenset(key_tokens(x) for x in hd.get("comma_phrases", ())),
                always_stop=frozenset(hd.get("always_stop", ())),
                descriptive_leads=frozenset(hd.get("descriptive_leads", ())),
                central_cities=_central_cities(),
                city_heads=frozenset(hd.get("city_heads", ())), standing_heads=frozenset(hd.get("standing_heads", ())),
                level_abbreviations=dict(hd.get("level_abbreviations", {})), city_levels=frozenset(hd.get("city_levels", ())),
                party_departments=tuple(sorted((key_tokens(x) for x in hd.get("party_departments", ())),
                                               key=len, reverse=True)),
                sub_rank=dict(hd.get("sub_rank", {})), legal_forms=tuple(hd.get("legal_forms", ())),
                kinds={k: frozenset(v) for k, v in hd.items() if k.endswith("_kinds")},
                ending_levels=tuple(hd.get("ending_levels", ())), quantifiers=frozenset(hd.get("quantifiers", ())),
                measure_words=frozenset(hd.get("measure_words", ())),
                top_bodies=tuple(sorted((key_tokens(b) for b in hd.get("top_bodies", ())), key=len, reverse=True)),
                party_siblings=dict(hd.get("party_siblings", {})),
                committee_of=dict(hd.get("committee_of", {})),
                self_scoped={h.text: h.scope for _, h in heads if h.bare == "self" and h.scope},
                level_scope=dict(hd["levels"]))


def _heads(hd: dict, ab: dict) -> list[tuple[tuple[str, ...], Head]]:
    """The head nouns of unit_heads.toml, then their abbreviations (abbreviations.toml [heads])."""
    heads = []
    for text, info in hd["heads"].items():
        heads.append((key_tokens(text), Head(text, info.get("kind", text), info.get("level", "other"),
                                             info.get("bare"), info.get("owner", False), info.get("parent"),
                                             info.get("scope"), numbered=info.get("numbered", False),
                                             level_only=info.get("level_only", False),
                                             eponym=info.get("eponym", False),
                                             lower_name=info.get("lower_name", False),
                                             lower_lead=info.get("lower_lead", False),
                                             alone=info.get("alone"))))
    short = _contractions(ab)
    for text, h in [(h.text, h) for _, h in heads]:
        for form in _abbreviated(text, short)[1:]:       # "Ủy ban MTTQ": a head with a part abbreviated
            if not form.isupper():
                heads.append((key_tokens(form), h))
    by_text = {h.text: h for _, h in heads}
    for abbr, exp in ab["heads"].items():
        h = by_text.get(exp) or Head(exp, exp, "other")
        heads.append((key_tokens(abbr), replace(h, text=exp, abbr=True)))
    return heads


def _known_units(heads: list, ab: dict) -> list[tuple[tuple[str, ...], Known]]:
    """The bodies of known_units.toml by each printed form, then the unit abbreviations of
    abbreviations.toml [units] (a body of their own when the expansion is not a known one)."""
    head_idx = _index(heads)

    def head_kind(name: str) -> str | None:
        toks = key_tokens(name)
        for seq, h in head_idx.get(toks[0], ()):
            if toks[:len(seq)] == seq and len(seq) < len(toks):
                return h.kind
        return None

    known = []
    short = _contractions(ab)
    for u in load_lexicon("known_units.toml")["unit"]:
        k = Known(u["name"], u.get("parent"), u.get("kind") or head_kind(u["name"]),
                  tuple(key_tokens(w) for w in u.get("not_before", [])))
        for form in [u["name"], *u.get("aliases", [])]:
            for variant in _abbreviated(form, short):
                known.append((key_tokens(variant), k))
    names = {k.name for _, k in known}
    for abbr, exp in ab["units"].items():
        match = next((k for t, k in known if t == key_tokens(exp)), None)
        made = Known(exp, None, head_kind(exp), ())
        known.append((key_tokens(abbr), match or made))
        if match is None and exp not in names:
            known.append((key_tokens(exp), made))
    return known


def _contractions(ab: dict) -> list[tuple[re.Pattern, str]]:
    """(a multi-word expansion as a whole-word pattern, its abbreviation) for the head and term
    abbreviations ("Mặt trận Tổ quốc" -> "MTTQ", "Ban Chấp hành" -> "BCH", "Trung ương" -> "TW")."""
    out = []
    for abbr, exp in {**ab["heads"], **ab["terms"]}.items():
        if " " in exp and abbr.replace("&", "").isupper():
            out.append((re.compile(r"(?<!\w)" + re.escape(exp) + r"(?!\w)", re.IGNORECASE), abbr))
    return out


def _abbreviated(form: str, short: list[tuple[re.Pattern, str]]) -> list[str]:
    """A known body's name and the forms the press prints with its parts abbreviated ("Ủy ban Trung ương
    MTTQ Việt Nam", "BCH TW Đảng"): every combination of the abbreviations that apply."""
    forms = [form]
    for pattern, abbr in short:
        forms += [pattern.sub(abbr, f) for f in forms if pattern.search(f)]
    return list(dict.fromkeys(forms))


def _central_cities() -> frozenset[str]:
    """The centrally-run cities, now and before the 2025 merger (provinces.toml)."""
    prov = load_lexicon("provinces.toml")
    return frozenset(n for n, v in prov["new"].items() if v.get("city")) | frozenset(prov["old"].get("cities", ()))


def _places() -> tuple[set[str], list[tuple[tuple[str, ...], str]]]:
    """Province names (current, merged and variant spellings) and each as tokens -> its canonical name."""
    prov = load_lexicon("provinces.toml")
    places = set(prov["new"])
    for v in prov["new"].values():
        places.update(v["merged"])
    places.update(prov.get("variants", {}))
    return places, [(key_tokens(p), prov.get("variants", {}).get(p, p)) for p in places]


@lru_cache(maxsize=1)
def _compounds() -> frozenset[tuple[str, str]]:
    """Two-syllable dictionary words whose second syllable is a stop word ("đê điều", "dân chủ"), from the
    word list underthesea ships (empty when it is missing)."""
    spec = importlib.util.find_spec("underthesea")
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    path = Path(list(spec.submodule_search_locations)[0]) / "corpus" / "data" / "Viet74K.txt"
    if not path.exists():
        return frozenset()
    stop = lexicon().stop - lexicon().always_stop
    out = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        w = line.strip().lower().split()
        if len(w) == 2 and w[1] in stop:
            out.add((w[0], w[1]))
    return frozenset(out)


def compound_tail(prev: str, word: str) -> bool:
    """`word` ends a two-syllable word begun by `prev` ("đê điều", "dân chủ"): inside a name it is no stop
    word, even when it is one as the first syllable of a verb ("điều hành", "chủ trì")."""
    return (prev.lower(), word.lower()) in _compounds()


def expand_abbreviations(s: str) -> str:
    lx = lexicon()
    return lx.expand_re.sub(lambda m: lx.expand[m.group(1)], s)


_NUMBER_WORD = re.compile(r"(?<!\w)số (?=\d)")


@lru_cache(maxsize=16384)
def unit_key(s: str) -> str:
    """Comparison key of a unit name: abbreviations expanded, then norm_key; "tỉnh"/"thành phố" before
    a province name dropped ("UBND tỉnh Lai Châu" = "UBND Lai Châu")."""
    key = norm_key(expand_abbreviations(s)) or ""
    key = _NUMBER_WORD.sub("", key)            # "Khối thi đua số 4" = "Khối thi đua 4"
    syn = _key_synonyms()
    if syn[0] is not None:
        key = syn[0].sub(lambda m: syn[1][m.group(0)], key)
    return _level_before_province().sub("", key)


@lru_cache(maxsize=1)
def _key_synonyms() -> tuple[re.Pattern | None, dict[str, str]]:
    """unit_heads.toml `key_synonyms` and the variant spellings of provinces ("Thừa Thiên - Huế") in key form, and
    one pattern matching any of them as whole words."""
    pairs = {norm_key(a): norm_key(b) for a, b in load_lexicon("unit_heads.toml").get("key_synonyms", {}).items()}
    pairs.update((norm_key(a), norm_key(b)) for a, b in load_lexicon("provinces.toml").get("variants", {}).items()
                 if norm_key(a) != norm_key(b))
    if not pairs:
        return None, {}
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in sorted(pairs, key=len, reverse=True))
                      + r")(?!\w)"), pairs


@lru_cache(maxsize=1)
def _level_before_province() -> re.Pattern:
    names = sorted({norm_key(p) for p in lexicon().places}, key=len, reverse=True)
    return re.compile(r"\b(?:tỉnh|thành phố) (?=(?:" + "|".join(re.escape(n) for n in names) + r")\b)")
