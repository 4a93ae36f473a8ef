"""The award taxonomy and the words around award mentions, compiled once from
nlp/lexicons/awards.toml (the Law on Emulation and Commendation 06/2022/QH15)."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from nlp.lexicon import load_lexicon, phrase_alternation
from nlp.normalize import fold_tones
from nlp.offices import honorific_regex, title_regex

I = re.IGNORECASE


def rx(pattern: str, flags: int = 0) -> re.Pattern:
    """A pattern written with any tone placement, compiled for normalized text."""
    return re.compile(fold_tones(pattern), flags)


def alts(words) -> str:
    """An alternation of words, longest first, spaces loose, tones placed as the text has them."""
    return phrase_alternation(words, fold_tones)


def fold(s: str) -> str:
    return fold_tones(unicodedata.normalize("NFC", s))


def variant_key(s: str) -> str:
    return re.sub(r"[\s,]+", " ", fold_tones(s).lower()).strip()


@dataclass(frozen=True)
class AwardKind:
    name: str                         # as the Law names it, without grantor and class
    category: str                     # "title" | "form"
    group: str                        # order | medal | honour | flag | certificate | ...
    recipient: str                    # "person" | "collective" | "both"
    classes: bool                     # has hạng Nhất / Nhì / Ba
    grantor: bool                     # the text may name a grantor right after it
    generic: bool                     # a bare family word ("Huân chương") that a list may resolve


@dataclass(frozen=True)
class AwardLexicon:
    mention: re.Pattern               # any award variant, longest first
    kinds: dict[str, AwardKind]       # variant_key(variant) -> kind
    cue: re.Pattern                   # a conferment verb: "được tặng", "đón nhận", "đạt"...
    cue_before_award: re.Pattern      # ... only right before the award's name: "đón" (at the end of a prefix)
    not_cue: re.Pattern               # a criterion, proposal or rule: "xét tặng", "đề nghị"...
    details_before: re.Pattern        # a sentence opener that details the sentence before: "Cụ thể,"
    legal_basis: re.Pattern           # a sentence opener that cites the rules it rests on: "Căn cứ"
    titles: re.Pattern                # office titles that head a grantor
    grantor_titles: tuple[str, ...]   # the same titles as printed, longest first
    heads: re.Pattern                 # words that start a collective recipient
    generic_subject: re.Pattern       # a subject made of class nouns only: "Tập thể năm 2013"
    class_nouns: re.Pattern           # any of those class nouns: "tập thể", "đơn vị", "cá nhân"
    place_levels: re.Pattern          # "huyện Yên Định": a level word printed before a place name
    collective_leads: re.Pattern      # "Nhân dân và cán bộ" + a place
    joint_offices: re.Pattern         # "Văn phòng X và Y": one office serving two bodies ...
    joint_partners: re.Pattern        # ... when Y is one of these
    flag_words: re.Pattern            # "Cờ" + a quoted descriptive name is a Cờ thi đua
    flag_descriptions: re.Pattern     # ... and "Cờ" + a description that opens with these words
    not_titles: re.Pattern            # names after "danh hiệu" that are ratings, not awards
    vague_after: re.Pattern           # after a bare family word: awards of any kind ("Huân chương các loại")
    honorific: str                    # pattern: honorifics, degrees and ranks before a name (nlp.offices)
    office_title: str                 # pattern: an office title, with its deputy form (nlp.offices)
    person_nouns: re.Pattern          # words of a counted phrase that mean persons ("cá nhân", "đồng chí")
    person_acts: re.Pattern           # what only a person does: "phát biểu", "chia sẻ" (a subject's end)
    anaphors: dict[str, str]          # variant_key("nhà trường") -> "Trường": a unit named again by its noun
    anaphor: re.Pattern               # any of those nouns (case-insensitive)
    representatives: re.Pattern       # who receives for a unit: "Ban Giám hiệu " + the unit
    renamed_asides: re.Pattern        # a bracket that renames the unit before it: "(trước đây là X)"


@lru_cache(maxsize=1)
def lexicon() -> AwardLexicon:
    data = load_lexicon("awards.toml")
    kinds: dict[str, AwardKind] = {}
    for a in data["award"]:
        kind = AwardKind(a["name"], a["category"], a.get("group", "other"), a["recipient"],
                         a.get("classes", False), a.get("grantor", False), a.get("generic", False))
        for v in a["variants"]:
            kinds[variant_key(v)] = kind
    variants = sorted(kinds, key=len, reverse=True)
    mention = "|".join(re.escape(v).replace(r"\ ", r",?\s*") for v in variants)
    cues, recipients = data["cues"], data["recipients"]
    anaphors = {variant_key(w): head for head, words in recipients["anaphors"].items() for w in words}
    heads = sorted({*recipients["unit_heads"], *load_lexicon("unit_heads.toml")["heads"]})
    noun = rf"(?:{alts(recipients['generic'])})"
    return AwardLexicon(
        mention=re.compile(rf"(?<!\w)(?:{mention})(?!\w)", I),
        kinds=kinds,
        # "nhận" but not "ghi nhận", "tiếp nhận", "nhận thấy"...
        # ("danh hiệu vinh dự nhà nước": a kind of title, not "vinh dự" the verb)
        cue=re.compile(rf"(?<!\w)(?<!ghi )(?<!tiếp )(?<!xác )(?<!thừa )(?<!nhìn )(?<!danh hiệu )"
                       rf"(?:{alts(cues['conferment'])})(?!\w)(?!\s+(?:thấy|định|xét|thức|diện|biết|lời))", I),
        cue_before_award=re.compile(rf"(?<!\w)(?:{alts(cues['before_award'])})\s+(?:danh hiệu\s+)?$", I),
        not_cue=re.compile(rf"(?<!\w)(?:{alts(cues['not_conferment'])})(?!\w)", I),
        details_before=re.compile(rf"\s*(?:{alts(cues['details_before'])})\s*,", I),
        legal_basis=re.compile(rf"\s*(?:{alts(cues['legal_basis'])})(?!\w)", I),
        titles=re.compile(rf"(?:{alts(cues['grantor_titles'])})(?!\w)"),
        grantor_titles=tuple(sorted(cues["grantor_titles"], key=len, reverse=True)),
        heads=re.compile(rf"(?<!\w)(?:{alts(heads)})(?!\w)"),
        generic_subject=re.compile(
            rf"(?<!\w)(?:mỗi\s+)?{noun}(?:\s*(?:,|và|hoặc)\s*{noun})*(?:\s+(?:năm\s+)?\d{{4}})?"
            rf"(?:\s+(?:đã|đều|sẽ|cũng|vinh dự))*\s*$", I),
        class_nouns=re.compile(rf"(?<!\w){noun}(?!\w)", I),
        place_levels=re.compile(rf"(?:{alts(load_lexicon('unit_heads.toml')['levels'])})\s+(?=[^\W\d_])", I),
        collective_leads=re.compile(rf"(?:{alts(recipients['collective_leads'])})(?!\w)", I),
        joint_offices=re.compile(rf"(?:{alts(recipients['joint_offices'])})(?!\w)"),
        joint_partners=re.compile(rf"(?:{alts(recipients['joint_partners'])})(?!\w)"),
        flag_words=re.compile(rf"(?<!\w)(?:{alts(data['flag']['words'])})(?!\w)", I),
        flag_descriptions=re.compile(rf"\s+(?:{alts(data['flag']['descriptions'])})(?!\w)", I),
        not_titles=re.compile(rf"(?:{alts(data['titles']['not_titles'])})(?!\w)", I),
        vague_after=re.compile(rf"\s+(?:{alts(data['titles']['vague_after'])})(?!\w)", I),
        honorific=honorific_regex(),
        office_title=rf"(?<!\w){title_regex()}(?!\w)",
        person_nouns=re.compile(rf"(?<!\w)(?:{alts(recipients['person_nouns'])})(?!\w)", I),
        person_acts=re.compile(rf"(?<!\w)(?:{alts(recipients['person_acts'])})(?!\w)", I),
        anaphors=anaphors,
        anaphor=re.compile(rf"(?:{alts(anaphors)})(?!\w)", I),
        representatives=re.compile(rf"(?:{alts(recipients['representatives'])})\s+", I),
        renamed_asides=re.compile(rf"\(\s*(?:{alts(recipients['renamed_asides'])})(?!\w)", I),
    )

