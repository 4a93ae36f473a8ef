"""Conferments of awards per the Law on Emulation and Commendation 06/2022/QH15 (taxonomy in
nlp/lexicons/awards.toml), read as named rules; docs/awards.md describes them.

An award mention (nlp.award_mentions) is a conferment when its clause has a conferment cue ("được
tặng", "đạt", "đón nhận", a grantor that "tặng") and no criterion cue ("xét tặng", "đề nghị", "tiêu
chuẩn"), when it is not asked about ("... được không?") and not an item of a list of criteria. Its
classes, grantor, years and recipients are read after the name ("hạng Nhì của Chủ tịch nước năm
2020 cho Trường X"; nlp.award_phrases) and before it (the grantor "được UBND tỉnh tặng",
nlp.award_givers; the recipient as the subject "Trường X được tặng", nlp.award_recipients). One
record is emitted per class x grantor x recipient x year; nlp.award_merge then counts each
conferment once."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from nlp.award_givers import ACTIVE_VERB, deciding_authority, decision_intro, givers_before
from nlp.award_index import TextIndex, annex_list_start, line_end, line_start
from nlp.award_lexicon import lexicon
from nlp.award_mentions import ELIDED, LISTED_BACK, Mention, find_mentions, implied_mentions
from nlp.award_merge import Found, merge
from nlp.award_phrases import (BY_DECISION, CLASSES, DECISION_DATE, TOPIC_YEAR, After, prefix_year, read_after,
                               read_classes, class_years, year_line)
from nlp.award_recipients import NEXT_CONFERMENT, Recipient, counted, given_to, looks_like_person
from nlp.award_subjects import (PASSIVE, companions, generic_subject, rule_for_anyone, subject, subject_list,
                                subject_region)
from nlp.context import DocContext
from nlp.records import Award, Person, Unit
from nlp.normalize import norm_key
from nlp.people import name_spans
from nlp.registry import rule, stage
from nlp.segment import UPPER, is_syllable_cap, surnames

HOLDER = rule("awards.holder", "award", "<award> của <unit or person>: the holder named after the award")
GIVEN_TO = rule("awards.given_to", "award",
                "X tặng/trao <award> cho A, B; hạng Ba cho C / cho 7 tập thể gồm: A, B / cho:<lines>: "
                "the recipients after cho")
SUBJECT = rule("awards.subject", "award", "Y được tặng/đạt/đón nhận <award>: the subject of the conferment")
SUBJECT_LIST = rule("awards.subject_list", "award",
                    "Các đồng chí A - <title>; B - <title> và C được trao tặng <award>: each person of the subject")
UNNAMED = rule("awards.unnamed", "award",
               "<award> cho 5 tập thể / nhiều cá nhân được tặng <award>: recipients counted, not named")

_CAPTION = re.compile(r"[.(]\s*(?:Ảnh|Ảnh minh họa|Nguồn ảnh)\s*:")
_SUBJECT_LINE = re.compile(r"[ \t]*(?:Về việc|V/v|V/V)[ \t:]", re.IGNORECASE)
_DONE = re.compile(r"(?i)(?<!\w)(?:được|đã|đạt)(?!\w)")
_RECEIVES = re.compile(r"(?<!\w)(?:được|nhận|đón nhận|đạt)(?!\w)", re.IGNORECASE)
# two awards joined as one object of the same verb: "tặng cờ A và cờ B", "trao Huân chương X, Huân chương Y"
_AND_AWARD = re.compile(r"[\s\"”]*(?:,|và)\s*", re.IGNORECASE)
_CLASS_GROUP = re.compile(r"[;,]\s*(?:và\s+)?(?=hạng\s)", re.IGNORECASE)
_GROUP_FOR = re.compile(r"\s*(?:cho\s+|:\s*)", re.IGNORECASE)
_ACRONYM = re.compile(rf"\s*\([{UPPER}0-9&-]+\)")
# "Huân chương Sao Vàng lần thứ 2": which conferment of the award it is
_ORDINAL = re.compile(r"(?i)(?<!\w)lần thứ\s+(\d+|[^\W\d_]+)")
# a decision cited by its number: "Quyết định số 2726/QĐ-CTN"
_DECISION_NUMBER = re.compile(r"(?i:quyết định)\s+(?:số\s+)?([\w/.-]*\d[\w/.-]*)")


@dataclass
class _Sentence:
    """What the reading of one sentence carries from one award to the next."""
    start: int = -1
    last_giver: list[str] = field(default_factory=list)   # "X trao A cho Y; tặng B cho Z": the same X
    read_to: int = 0                                       # end of the previous award read in it
    subject: _Groups | None = None                         # recipients of the previous award, read as its subject
    given: _Groups | None = None                           # ... or given to them ("X tặng A cho Y")
    grantors: list[str] = field(default_factory=list)      # the grantors of the previous award
    award_start: int = 0                                   # where the previous award's name started
    award_end: int = 0                                     # where the words after its name ended
    list_start: int = 0                                    # where the list of awards of that subject began


@dataclass
class _Groups:
    """Recipients by class: "hạng Nhì cho A, B; hạng Ba cho C" is two groups."""
    groups: list[tuple[list[int], list[Recipient]]]
    rule: str
    end: int


def find_awards(ctx: DocContext, units: list[Unit], people: list[Person]) -> list[Award]:
    ix = TextIndex.build(ctx.text, units, people, layout=ctx.layout)
    mentions = implied_mentions(ix, find_mentions(ctx.text))
    found: list[Found] = []
    sentence = _Sentence()
    for i, m in enumerate(mentions):
        found += _conferments(ctx, ix, m, mentions[i + 1] if i + 1 < len(mentions) else None, sentence)
    return merge(found, units)


RECIPIENT_PERSON = rule("people.award_recipient", "person",
                        "a person named only as an award's recipient, after a description (cho thợ lò Phạm Văn A)")


@stage("awards", writes="awards")
def awards_stage(ctx: DocContext) -> list[Award]:
    awards = find_awards(ctx, ctx.units, ctx.people)
    _add_recipient_people(ctx, awards)
    return awards


def _add_recipient_people(ctx: DocContext, awards: list[Award]) -> None:
    """A person the award rules read as a recipient (a surname-led full name) is a person of the text,
    also when no office or honorific marks the name ("cho thợ lò Phạm Văn A"): added to ctx.people."""
    known = {norm_key(p.name) for p in ctx.people}
    for a in awards:
        name = a.recipient
        if a.recipient_kind != "person" or not name or norm_key(name) in known or not _full_name(name):
            continue
        known.add(norm_key(name))
        ctx.people.append(Person(name=name, spans=name_spans(ctx, name), rule=RECIPIENT_PERSON))


def _full_name(name: str) -> bool:
    words = name.split()
    return 2 <= len(words) <= 5 and words[0] in surnames() and all(is_syllable_cap(w) for w in words)


def conferment_cue(ctx: DocContext, ix: TextIndex, sent: int, clause: int, s: int) -> tuple[bool, re.Match | None]:
    """(is a conferment, the cue in the award's own clause, relative to the clause start; None when
    the cue is earlier in the sentence: "trao A cho X; B cho Y")."""
    lex, text = lexicon(), ix.text
    prefix = text[clause:s]
    if lex.not_cue.search(prefix):
        return False, None
    if ctx.kind == "plan" and not _DONE.search(prefix):
        return False, None            # a plan's "Tặng Bằng khen ... cho" is a rule, not a conferment
    cues = list(lex.cue.finditer(prefix)) or list(lex.cue_before_award.finditer(prefix))
    if cues:
        return True, cues[-1]
    ok = lex.cue.search(text, sent, clause) is not None and not lex.not_cue.search(text, sent, clause)
    return ok, None


def _conferments(ctx: DocContext, ix: TextIndex, m: Mention, nxt: Mention | None, sentence: _Sentence) -> list[Found]:
    text, s, e = ix.text, m.start, m.end
    next_start = nxt.start if nxt is not None else len(text)
    record_years = year_line(text, s) if ctx.kind != "plan" else []
    if ctx.in_furniture(s, e) or ix.is_question(s) or ix.in_criteria_list(s) and not record_years:
        return []                     # page furniture, "... được tặng Bằng khen được không?", criteria
    sent, clause = ix.bounds(s)
    if sentence.start != sent:
        sentence.start, sentence.last_giver, sentence.read_to, sentence.subject = sent, [], sent, None
        sentence.given, sentence.grantors = None, []
    if m.rule == ELIDED:
        s, e = e, s                   # the verb is the cue; what it confers is read after it
    ok, cue = conferment_cue(ctx, ix, sent, clause, s) if m.rule != LISTED_BACK else (ctx.kind != "plan", None)
    if record_years:
        ok, cue = True, None          # "- Năm 2016: <award>, <award>": a record of awards received
    shared = sentence.subject if sentence.subject and _list_gap().fullmatch(text, sentence.read_to, s) else None
    if shared is None and sentence.given and _AND_AWARD.fullmatch(text, sentence.award_end, s):
        shared = sentence.given       # "X tặng cờ A và cờ B (cho Y)": B as A
    after = read_after(ix, e, m.kind, m.start)
    if after.given_to is None and (annex := annex_list_start(text, after.end)) is not None:
        after.given_to, after.listed = annex, True    # "DANH SÁCH ĐƯỢC TẶNG <award>" + numbered lines
    if after.given_to is None and nxt is not None and nxt.rule is None \
            and _AND_AWARD.fullmatch(text, after.end, nxt.start):
        after.given_to = read_after(ix, nxt.end, nxt.kind, nxt.start).given_to   # "tặng A và B cho X": X
        next_start = ix.sentence_end(nxt.end)
    region_start = max(sentence.read_to, sent)
    sentence.read_to = max(sentence.read_to, after.end)
    if after.passive and after.given_to is not None and not lexicon().not_cue.search(text, clause, s):
        ok, cue = True, None          # "<award> được trao cho X"
    if not ok:
        return []

    def src(a: int, b: int) -> str:
        """The source text of a normalized span (output keeps the printed spelling)."""
        x, y = ctx.norm.to_source(a, b)
        return re.sub(r"\s+", " ", ctx.norm.source[x:y]).strip(" ,")

    givers = givers_before(ix, sent, clause, s, cue, src, sentence.last_giver)
    grantors = [src(*g) for g in (after.grantor, *after.more_grantors)] if after.grantor else givers.grantors
    if not grantors and shared is not None and shared is sentence.given:
        grantors = list(sentence.grantors)
    if not grantors and givers.active and (authority := deciding_authority(ix, s, src)) is not None:
        grantors = [authority]        # "Điều 1. Phong tặng <award> cho ...": the authority that decides
    if not grantors:
        grantors = decision_intro(ix, sent, src)      # "Theo quyết định của Chủ tịch nước, ..."
    given = givers.active or cue is None or after.listed or (
        after.given_to is not None and not PASSIVE.search(text, clause, s))
    groups = _recipients(ctx, ix, after, given, sent, clause, s, region_start, next_start, shared)
    if groups is None:
        return []                     # "Tập thể năm 2013 được tặng ...": anyone who qualifies, a rule
    _remember(sentence, groups, s, shared is not None)
    before = (sentence.award_start, sentence.award_end) if sentence.award_start >= sent else (s, s)
    sentence.grantors, sentence.award_start, sentence.award_end = grantors, s, after.end
    list_clause = clause if sentence.list_start >= clause else ix.bounds(sentence.list_start)[1]
    years, weak = (record_years, False) if record_years and not after.years else \
        _years(ctx, ix, after, list_clause, sentence.list_start, groups.end, before)
    found = _records(ctx, ix, m, groups, grantors, years, src)
    if m.kind.classes and (pairs := class_years(text, after.end))[0]:
        found = _more_classes(found, pairs[0])
        sentence.read_to = max(sentence.read_to, pairs[1])
    if all(f.award.recipient is None for f in found) and _SUBJECT_LINE.match(text, line_start(text, s)):
        return []                     # "Về việc tặng Bằng khen ...": the decision's subject; its articles confer
    caption = _CAPTION.search(text, e, line_end(text, e)) is not None
    ordinal = _ORDINAL.search(text, e, max(e, after.end))
    decision = _decision_cited(ix, clause, s)
    for f in found:
        f.sentence, f.caption, f.weak_year, f.decision = sent, caption, weak, decision
        f.ordinal = ordinal.group(1).lower() if ordinal else None
    return found


def _remember(sentence: _Sentence, groups: _Groups, s: int, in_list: bool) -> None:
    """What the next award of the sentence may share: how far the reading went, and the subject
    with where its list of awards began ("X được tặng A năm 1998, B năm 2010")."""
    sentence.read_to = max(sentence.read_to, groups.end)
    if not in_list:
        sentence.list_start = s
    sentence.subject = groups if groups.rule in (SUBJECT, SUBJECT_LIST) else None
    sentence.given = groups if groups.rule in (GIVEN_TO, UNNAMED) else None


def _recipients(ctx: DocContext, ix: TextIndex, after: After, given: bool, sent: int, clause: int, s: int,
                region_start: int, next_start: int, shared: _Groups | None) -> _Groups | None:
    """The recipients: the holder after the name; those after "cho" when the clause gives ("X tặng
    A cho Y") or the award is given after its name; the subject of the award listed before it
    (`shared`); else the subject. None: the subject is anyone who qualifies (a rule)."""
    if after.holder is not None:
        return _Groups([(after.classes, [after.holder])], HOLDER, after.end)
    if shared is not None and after.given_to is None:
        return _Groups([(after.classes, [r for _, rs in shared.groups for r in rs])], shared.rule, after.end)
    if after.given_to is not None and rule_for_anyone(ix, after.given_to):
        return None                   # "Tặng Bằng khen cho tập thể đạt ...": a rule, not a conferment
    if given:
        if after.given_to is None:
            return _Groups([(after.classes, [])], UNNAMED, after.end)
        return _given_groups(ix, after, next_start)
    if after.given_to is not None:
        # "X được Chủ tịch nước phong tặng <award> cho 3 đơn vị: A; B; C": the units named after
        # "cho" (not "Ông Y được tặng Bằng khen cho thành tích ...": no one named there)
        groups = _given_groups(ix, after, next_start)
        if any(r.span is not None for _, rs in groups.groups for r in rs):
            return groups
    if generic_subject(ix, clause, s):
        return None
    listed = subject_list(ix, region_start, s)
    if listed:
        return _Groups([(after.classes, listed)], SUBJECT_LIST, after.end)
    return _subject_groups(ix, after, sent, clause, s, region_start)


def _subject_groups(ix: TextIndex, after: After, sent: int, clause: int, s: int, region_start: int) -> _Groups:
    """The subject: first after the recipients of the award before it when a verb of receiving follows
    them ("tặng A cho X và các đồng chí nhận B"; not "được Y tặng A và Z tặng B": Z gives), then in the
    clause, then in the sentence; with the counted group named with it ("Ông A và một số cá nhân")."""
    after_before = region_start > clause and _RECEIVES.search(ix.text, region_start, s) is not None
    span, found = subject(ix, region_start, s) if after_before else (None, False)
    if not found:
        span, found = subject(ix, clause, s)
    if not found and clause > sent:
        span, found = subject(ix, sent, s)
    verb_at = clause + len(subject_region(ix, clause, s))
    if span is not None:
        others = companions(ix, span[1], verb_at)
        return _Groups([(after.classes, [Recipient(span, None)] + ([others] if others else []))], SUBJECT,
                       after.end)
    group = counted(ix.text[clause:verb_at]) if found else Recipient(None, None)
    return _Groups([(after.classes, [group])], UNNAMED, after.end)


@lru_cache(maxsize=1)
def _list_gap() -> re.Pattern:
    """What separates two awards of one subject: "X được tặng A năm 1998, B năm 2010", "X đạt A,
    nhận B và C", "X đạt A, được UBND tỉnh tặng B; Thủ tướng Chính phủ tặng C"."""
    lex = lexicon()
    verb = rf"\s+(?:{ACTIVE_VERB.pattern})\s+"
    giver = rf"được\s+[{UPPER}][^;:.\n]{{0,80}}?{verb}|(?:{lex.titles.pattern})(?:(?!được)[^;:.\n]){{0,60}}?{verb}"
    return re.compile(rf"\s*[,;]?\s*(?:(?:và|cùng)\s+)?(?:(?:được\s+)?(?:{lex.cue.pattern})\s+|{giver})?"
                      rf"(?:\d{{1,3}}\s+)?(?:danh hiệu\s+)?", re.IGNORECASE)   # (a count: "12 Huân chương X")


def _given_groups(ix: TextIndex, after: After, next_start: int) -> _Groups:
    """ "cho A, B; hạng Ba cho C": the recipients after "cho", by class group; as many classes as
    named recipients go respectively ("hạng Nhất, hạng Nhì cho ông A và ông B")."""
    text = ix.text
    groups, classes, pos = [], after.classes, after.given_to
    while True:
        limit = _list_limit(ix, pos, next_start)
        recipients, end = given_to(ix, pos, limit)
        if 2 <= len(classes) == len(recipients) and all(r.span is not None for r in recipients):
            groups += [([c], [r]) for c, r in zip(classes, recipients)]   # respectively
        else:
            groups.append((classes, recipients))
        g = _CLASS_GROUP.match(text, max(end, limit))
        c = CLASSES.match(text, g.end()) if g else None
        f = _GROUP_FOR.match(text, c.end()) if c else None
        if f is None:
            return _Groups(groups, GIVEN_TO, max(end, pos))
        classes, pos = read_classes(c), f.end()


def _list_limit(ix: TextIndex, pos: int, next_start: int) -> int:
    """Where the recipients read from `pos` must end: the sentence end, the next award, or a new
    conferment in the same sentence."""
    end = min(ix.sentence_end(pos), max(next_start, pos))
    m = NEXT_CONFERMENT.search(ix.text, pos, end)
    return m.start() if m else end


def _years(ctx: DocContext, ix: TextIndex, after: After, clause: int, s: int, list_end: int,
           before: tuple[int, int]) -> tuple[list[int], bool]:
    """(years of the conferment, weak: the year is the event's date, not printed with the award).
    Printed after the name ("năm 2016 và năm 2019"), a decision's date after the recipients ("theo
    Quyết định số ... ngày 5/2/2024"), a date before it in the clause ("Sáng 19/11, ...": before
    the list of awards it is in, not the year of the award before it), a paragraph or sentence opening
    "Năm 2019, ..."; a decision confers in the year it is signed."""
    if after.years:
        return after.years, False
    text = ix.text
    if (d := BY_DECISION.search(text, after.end, max(after.end, list_end) + 80)) is not None:
        return [int(d.group(2))], False
    a, b = before                     # the award read before in the sentence: its own year is not this one's
    py = prefix_year(text, clause, s, ctx.doc_year) if not clause <= a < s else \
        prefix_year(text, clause, a, ctx.doc_year) or prefix_year(text, b, s, ctx.doc_year)
    if py is None and (ty := TOPIC_YEAR.match(text, line_start(text, s)) or TOPIC_YEAR.match(text, ix.bounds(s)[0])):
        py = int(ty.group(1))         # "Năm 2021, A được tặng X; B nhận Y": the year of every clause
    if py is None and (ly := year_line(text, s, listed=False)):
        return ly, False              # "- Năm 2003: Tập thể Lao động xuất sắc. Được UBND tỉnh tặng Bằng khen."
    if py is None and ctx.kind == "decision" and ctx.doc_year:
        # the year of the achievement a decision cites ("dẫn đầu phong trào thi đua năm 2025") is not
        # the year of the conferment
        py = ctx.doc_year
    if py is None and (dy := _year_of_decision_before(ix, s)) is not None:
        return [dy], False
    return ([py] if py else []), True


def _decision_cited(ix: TextIndex, clause: int, s: int) -> str | None:
    """ "Quyết định số 12/QĐ-CTN ngày ... về việc phong tặng <award>": the number of the last decision
    cited before the award in its clause, with no other award between them."""
    last = None
    for last in _DECISION_NUMBER.finditer(ix.text, clause, s):
        pass
    if last is None or lexicon().mention.search(ix.text, last.end(), s):
        return None
    return last.group(1)


def _year_of_decision_before(ix: TextIndex, s: int) -> int | None:
    """ "... tại Quyết định số 12/QĐ-UBND ngày 3/5/2020 của UBND tỉnh. Cụ thể, Chủ tịch UBND tỉnh tặng
    <award> ...": the year of the decision of the sentence that the award's sentence details."""
    sent = ix.bounds(s)[0]
    if sent == 0 or not lexicon().details_before.match(ix.text, sent):
        return None
    end = len(ix.text[max(0, sent - 20):sent].rstrip()) + max(0, sent - 20)   # the previous sentence's end
    prev = ix.bounds(max(0, end - 1))[0]
    if lexicon().legal_basis.match(ix.text, prev):
        return None                   # "Căn cứ Quyết định số ...": a rule it rests on, not the conferring decision
    d = DECISION_DATE.search(ix.text, prev, sent)
    return int(d.group(2)) if d is not None else None


def _more_classes(found: list[Found], pairs: list[tuple[int, int]]) -> list[Found]:
    """ "<award> hạng Ba năm 2010, hạng Nhì năm 2016": the records read for the first class, and as
    many again for each class listed after it with its year; records that tell neither class nor year
    ("<award> (hạng Ba năm 2005, hạng Nhì năm 2015)") are replaced by them."""
    first = found[0].award
    told = first.award_class is not None or first.year is not None
    templates = [f for f in found if (f.award.award_class, f.award.year) == (first.award_class, first.year)]
    out = list(found) if told else []
    for cls, year in pairs:
        out += [Found(replace(f.award, award_class=cls, year=year), 0, counts=f.counts, number=f.number)
                for f in templates]
    return out


def _records(ctx: DocContext, ix: TextIndex, m: Mention, groups: _Groups, grantors: list[str], years: list[int],
             src) -> list[Found]:
    out = []
    for classes, recipients in groups.groups:
        for r in recipients or [Recipient(None)]:
            name = _recipient_name(src, r)
            kind = m.kind.recipient if m.kind.recipient != "both" else r.kind
            if kind is None and name:
                kind = "person" if looks_like_person(name, ix) else "collective"
            rule_name = m.rule or (groups.rule if name else UNNAMED)
            for cls in classes or [None]:
                for g in grantors or [None]:
                    for y in years or [None]:
                        award = Award(award=m.kind.name, award_class=cls, grantor=g, recipient=name, year=y,
                                      category=m.kind.category, recipient_kind=kind, span=(m.start, m.end),
                                      rule=rule_name)
                        out.append(Found(award, 0, counts=r.counts, number=r.number,
                                         one_class=len(classes) <= 1))
    return out


def _recipient_name(src, r: Recipient) -> str | None:
    if r.span is None:
        return None
    name = _ACRONYM.sub("", src(*r.span))
    if name.lower().startswith("tập thể "):
        name = name[8:]
    return name or None
