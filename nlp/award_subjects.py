"""The recipient as the subject before the conferment verb: "Trường X được tặng ...", "X vinh dự đón
nhận ...", a list of persons ("Các đồng chí A - <title>; B - <title> được trao tặng ..."), a proper
name alone ("Quảng Ninh đón nhận ..."), the person named before a pronoun ("Ông ... từng được tặng").
A bare class noun as the subject ("tập thể năm 2013 được tặng ...") is anyone who qualifies: a rule."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.award_index import Span, TextIndex
from nlp.award_lexicon import I, alts, lexicon, rx
from nlp.award_recipients import (BAD_EXTENSION, COUNT_NAMED, COUNTED, TRAILING_JOIN, Recipient, counted,
                                  full_name, one_recipient, patterns, person_in, referent, split_items)
from nlp.segment import LOWER, UPPER

_QUANTIFIED = rx(r"(?i:(?<!\w)(?<![/.-])(?:\d+|nhiều|các|những|một số|hàng trăm|hàng chục|hàng nghìn|mỗi|tất cả))\s+$")
# the longest unit name or title a rule reads around a head word (characters)
_NAME_MAX = 200
# a guest, not the subject of what follows: "Thủ tướng X đến dự lễ kỷ niệm ..."
_ATTENDS = rx(r"\s*(?:,[^,]{0,80},\s*)?(?:đã\s+)?(?:đến dự|tới dự|về dự|dự|tham dự|chủ trì)(?!\w)")
# a proper name alone as the subject, right before the verb ("Quảng Ninh vinh dự đón nhận", "May 10
# được ... tặng", "Việc Sentel TP.HCM được ..."): two to five capitalised words (or abbreviations with
# dots), or one with a number
_BARE_NAME_SUBJECT = re.compile(rf"\s*(?:[^,]*,\s*)?(?:Việc\s+)?((?!Việc\s)(?:[{UPPER}][^\W\d_]*(?:\.[{UPPER}]+)*\s+){{1,4}}"
                                rf"[{UPPER}][^\W\d_]*(?:\.[{UPPER}]+)*"
                                rf"|[{UPPER}][^\W\d_]*\s+\d+)"
                                r"(?:\s+(?:đã|rất|vinh dự|long trọng|tổ chức lễ|cũng|vừa))*\s*")
_SUBJ_END = rx(r"(?<!\w)(?:được|đã|đạt|vinh dự|nhận|đón nhận|tặng|trao|là|luôn|liên tục|nhiều năm|cũng|đều|"
               r"từng|vừa|sẽ|tổ chức|có|tiếp tục|long trọng|\d+\s+(?:năm|lần))(?!\w)")
# a name ends at a comma, at a headline's or caption's separator ("Trường X: Kỷ niệm ...", "... |"),
# at a bracket that is not an abbreviation (keep "(CDC)" inside a name, cut at "(cũ)")
_NAME_END = re.compile(rf",|;|:|\||\((?![{UPPER}0-9&-]+\))")
# a founding anniversary: "(lễ) kỷ niệm 80 năm (ngày) thành lập Y"; who organises it: "X tổ chức lễ ..."
_FOUNDING = rx(r"(?i:kỷ niệm\s+\d+\s+năm\s+(?:ngày\s+)?thành lập)\s+")
_ORGANISES = rx(r"(?i:tổ chức)(?!\w)")
# what may open a sentence before a listed subject: "Theo đó, ", "Năm 2025, ", "Sáng 19/5, ", "Theo Quyết
# định số 12/QĐ-CTN, "
_LIST_LEAD = rx(r"(?i:theo đó|trong đó|cụ thể|(?:trong\s+)?năm\s+\d{4}|(?:sáng|chiều|tối|ngày)\s+[\d/.-]+|"
                r"(?:theo|tại)\s+quyết định(?:\s+số)?\s+[\w/.-]*\d[\w/.-]*)\s*,?\s*")
# what joins a named subject to a counted group: "A (X) và", "A, cùng với"
_WITH_OTHERS = rx(r"\s*(?:\([^()\n]{0,120}\)\s*)?,?\s*(?:và|cùng với|cùng)\s+")
# adverbs between a subject and its verb ("A và B cũng được ...")
_ADVERBS_AT_END = rx(r"(?:\s+(?:đã|rất|vinh dự|long trọng|cũng|vừa|đều))+\s*$", I)
# "X là một trong (số) 4 đơn vị (được) nhận ...", "X là 1 trong 28 tập thể được ...": X is one of them
_ONE_OF = rx(r"\s+(?:cũng\s+|vinh dự\s+)*là\s+(?:một|1)\s+trong\s+(?:số\s+)?[^,;:]{0,80}$", I)
PASSIVE = rx(r"(?<!\w)được(?!\w)", I)
# a counted group and where its members work or come from ("17 đồng chí đang công tác tại các cơ quan, đơn vị
# Bộ CHQS tỉnh được nhận ...", "24 tập thể thuộc lực lượng X được tặng ..."): the units are not the subject
_MEMBERS_OF = rx(r"(?<!\w)(?:tại|thuộc|trực thuộc|của|nguyên là)(?!\w)", I)
# between a unit and the person who owns or leads it: "Tập đoàn X của ông A"
_OWNER_CUT = rx(r"\s+của\s*$", I)
INTRO = rx(r"^(?:[^,]*,\s*)+")


def subject_region(ix: TextIndex, start: int, end: int) -> str:
    """text[start:end] up to the conferment verb: the last "được" ("các cá nhân vinh dự được Chủ
    tịch nước trao tặng"), else the last conferment verb ("X vinh dự đón nhận")."""
    region = ix.text[start:end]
    passives = list(PASSIVE.finditer(region))
    if passives:
        return region[:passives[-1].start()]
    cues = list(lexicon().cue.finditer(region)) or list(lexicon().cue_before_award.finditer(region))
    return region[:cues[-1].start()] if cues else region


def generic_subject(ix: TextIndex, start: int, end: int) -> bool:
    """The subject is a bare class noun ("tập thể", "cá nhân, tập thể"), alone or after an
    introduction ("Như vậy, tập thể ..."); not a counted one ("15 tập thể, cá nhân") nor an
    apposition to a name ("Trung tâm X, đơn vị đã được ...")."""
    lex, region = lexicon(), subject_region(ix, start, end)
    m = lex.generic_subject.search(region)
    if m is None:
        return False
    before = region[:m.start()]
    if not before.strip() or re.search(r"(?i)(?<!\w)(?:cho|đối với)\s*$", before):
        return True                   # "... cho tập thể đạt 2 năm liên tục danh hiệu X": a rule
    return before.rstrip().endswith(",") and not lex.heads.search(before) and not patterns().person.search(before) \
        and not ix.people_within(start, start + len(before))


@lru_cache(maxsize=1)
def _anaphor_end() -> re.Pattern:
    """The subject's last words: "(tập thể) nhà trường (đã|vinh dự ...)"."""
    return re.compile(rf"(?<!\w)(?:tập thể\s+)?({lexicon().anaphor.pattern})"
                      r"(?:\s+(?:đã|rất|vinh dự|cũng|đều|luôn|liên tục|từng|vừa))*\s*$", re.IGNORECASE)


@lru_cache(maxsize=1)
def _chain_subject() -> re.Pattern:
    """A subject that opens a chain of predicates the conferment ends after a comma ("..., nhà trường
    đã đạt nhiều thành tích, được tặng ..."): the noun that starts a clause and is followed by its verb,
    in a region that ends at a comma."""
    return re.compile(rf"(?:^|,)\s*(?:tập thể\s+)?({lexicon().anaphor.pattern})\s+(?=[^,]{{3,}},)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _anyone_who() -> re.Pattern:
    """A class noun and a criterion: "tập thể đạt", "cá nhân có", "tập thể dẫn đầu"."""
    return re.compile(rf"\s*(?:{lexicon().class_nouns.pattern})\s+(?:đạt|có|dẫn đầu|hoàn thành|lập|được|"
                      r"liên tục|tiêu biểu|xuất sắc|đủ|thuộc diện)(?!\w)", re.IGNORECASE)


def rule_for_anyone(ix: TextIndex, pos: int) -> bool:
    """The recipients after "cho" at `pos` are anyone who qualifies: a bare class noun and what it
    must do or be ("cho tập thể đạt ...", "cho cá nhân có ...", "cho tập thể dẫn đầu khối thi đua"),
    not a counted group ("cho các tập thể", "cho 5 cá nhân") nor one named ("cho tập thể Sở X")."""
    return _anyone_who().match(ix.text, pos) is not None


def subject_list(ix: TextIndex, start: int, end: int) -> list[Recipient]:
    """Persons and units listed as the subject: "Các đồng chí A - Title; B - Title và đồng chí C -
    Title được trao tặng ...", "Phòng X và Đại tá B - Title được ...", "Hai Phó Giám đốc là Đại tá A
    và Thượng tá B cũng được ...". Every item must be a person with at most an apposition after the
    name, or a unit with at most a bracket after it."""
    text = ix.text
    region = subject_region(ix, start, end)
    region_end = start + len(_ADVERBS_AT_END.sub("", region))
    a = start
    while a < region_end and text[a] in " \t;,":
        a += 1
    if (lead := _LIST_LEAD.match(text, a, region_end)) is not None:
        a = lead.end()
    if (named := COUNT_NAMED.match(text, a, region_end)) is not None:
        a = named.end()               # "Hai Phó Giám đốc là A và B"
    if (det := re.compile(r"(?i)các\s+(?=\S)").match(text, a, region_end)) is not None:
        a = det.end()
    out = []
    for x, y in split_items(ix, a, region_end):
        r = one_recipient(ix, x, y)
        if r is None or r.span is None or not _whole_item(ix, r, y):
            return []
        out.append(r)
    return out if len(out) >= 2 else []


def _whole_item(ix: TextIndex, r: Recipient, y: int) -> bool:
    rest = ix.text[r.span[1]:y]
    if r.kind == "person":
        return not _SUBJ_END.search(rest) and re.match(r"\s*(?:$|-\s|,)", rest + " ") is not None
    return re.fullmatch(r"\s*(?:\([^()]*\))?\s*", rest) is not None


def subject(ix: TextIndex, start: int, end: int) -> tuple[Span | None, bool]:
    """(span of the recipient, found) from the subject before the conferment verb in
    text[start:end]: the unit or person nearest the verb ("Tập thể Cục X 5 năm liên tục đạt"
    -> "Cục X"); "nhiều cá nhân được" -> (None, True); no subject -> (None, False)."""
    text = ix.text
    region = subject_region(ix, start, end)
    if (one_of := _ONE_OF.search(region)) is not None:
        region = region[:one_of.start()]   # "Sở Y tế X là một trong 4 đơn vị nhận ...": Sở Y tế X
    if not region.strip(" ,"):
        return None, False
    person, pronoun = patterns().person, patterns().pronoun
    cands = _unit_candidates(ix, start, region)
    persons = ix.people_within(start, start + len(region))
    for pm in person.finditer(region):
        if (ps := person_in(pm)) is not None:
            persons.append((start + ps[0], start + ps[1]))
    cands += persons
    if not cands and pronoun.match(region):
        return _person_named_before(ix, start)
    if not cands and (ref := _anaphor_subject(ix, start, region)) is not None:
        return ref, True              # "Nhiều năm liền nhà trường đạt ...": the school named before
    if not cands and (bare := _BARE_NAME_SUBJECT.fullmatch(region)) is not None:
        return (start + bare.start(1), start + bare.end(1)), True    # "Quảng Ninh đón nhận ..."
    g = None
    for g in COUNTED.finditer(region):
        pass
    # a name inside another candidate ("Bạch Vân" in "Sở Nội vụ tỉnh Bạch Vân") is part of it
    cands = [c for c in cands if not any(o != c and o[0] <= c[0] and c[1] <= o[1] for o in cands)]
    # "X tổ chức Lễ ... và đón nhận": the coordinated verb shares the first subject
    coordinated = re.search(r"(?<!\w)và\s*$", region) is not None
    if coordinated and (founded := _celebrated_unit(region, start, cands)) is not None:
        return founded, True
    if coordinated:                   # "Thủ tướng X đến dự lễ kỷ niệm ... Tổng công ty Y và đón nhận": Y
        cands = [c for c in cands if not _ATTENDS.match(text, c[1])] or cands
    best = (min if coordinated else max)(cands, key=lambda x: x[0]) if cands else None
    if best is not None and best not in persons:
        best = _person_working_at(text, persons, best) or best
    elif best is not None:
        best = _unit_owned_by(text, cands, best) or best
    if best is not None and _QUANTIFIED.search(text, max(start, best[0] - 20), best[0]):
        return None, True             # "Các Sở, ngành được", "5 Chi bộ được": no one recipient
    lead = _group_before(text, start, region, best)
    if lead is not None and _MEMBERS_OF.search(text, lead, best[0]):
        return None, True             # "17 đồng chí đang công tác tại các đơn vị Bộ CHQS tỉnh được": the group
    if g is not None and (best is None or start + g.start() >= best[1]) \
            and (best is None or companions(ix, best[1], start + len(region)) is None):
        return None, True             # "... và 5 cá nhân được" (but not "Công đoàn các Khu X được")
    if best is not None and (ref := referent(ix, *best)) is not None:
        best = ref                    # "Trường cũng đã được tặng ...": the school named before
    return best, best is not None


def _group_before(text: str, start: int, region: str, best: Span | None) -> int | None:
    """The end of the first counted group before the candidate `best` in its list item."""
    if best is None:
        return None
    for m in COUNTED.finditer(region):
        if start + m.end() <= best[0] and not re.search(r"[;.]|(?<!\w)(?:và|cùng)(?!\w)",
                                                        text[start + m.end():best[0]]):
            return start + m.end()
    return None


def _person_working_at(text: str, persons: list[Span], unit: Span) -> Span | None:
    """ "Đại úy A, nguyên Chỉ huy trưởng X, Quân chủng Y, được truy tặng": the units after a person and a
    comma, up to the verb, are where the person works; the person is the subject."""
    before = [p for p in persons if p[1] <= unit[0]]
    if not before:
        return None
    p = max(before)
    gap = text[p[1]:unit[0]]
    return p if gap.lstrip().startswith(",") and not re.search(r";|(?<!\w)(?:và|cùng)(?!\w)", gap) else None


@lru_cache(maxsize=1)
def _owner_gap() -> re.Pattern:
    """Between a unit and the person who owns or leads it: " của ông "."""
    return re.compile(rf"\s+của\s+(?:(?:{lexicon().honorific})\s+)*", re.IGNORECASE)


def _unit_owned_by(text: str, cands: list[Span], person: Span) -> Span | None:
    """ "Tập đoàn X của ông A nhận ...", "Công ty Y của bà B được tặng ...": the person after the unit and
    "của" owns or leads it; the unit is the subject."""
    units = [c for c in cands if c[1] <= person[0]]
    if not units:
        return None
    unit = max(units)
    gap = text[unit[1]:person[0]]
    return unit if _owner_gap().fullmatch(gap) is not None else None


def companions(ix: TextIndex, pos: int, end: int) -> Recipient | None:
    """ "Ông A (Công ty X) và một số tập thể, cá nhân được ...", "Công ty Y cùng với 3 đơn vị khác
    được ...": the counted group named with the subject right after it (up to `end`, the verb)."""
    m = _WITH_OTHERS.match(ix.text, pos, end)
    if m is None or not COUNTED.match(ix.text, m.end(), end):
        return None
    return counted(ix.text[m.end():end])


@lru_cache(maxsize=1)
def _lower_head() -> re.Pattern:
    """A unit's common noun printed in lower case before its capitalised name ("trường Tiểu học X")."""
    return re.compile(rf"(?<!\w)(?<!thị )(?:{alts(lexicon().anaphors)})(?=\s+[{UPPER}])")


def _head_matches(region: str) -> list[re.Match]:
    """The head words of the units in a region: capitalised ("Trường"), or in lower case before a
    capitalised name."""
    heads = list(lexicon().heads.finditer(region))
    starts = {h.start() for h in heads}
    heads += [h for h in _lower_head().finditer(region) if h.start() not in starts]
    return sorted(heads, key=lambda h: h.start())


@lru_cache(maxsize=1)
def _next_unit_pattern() -> re.Pattern:
    return re.compile(rf"\s+và\s+(?={lexicon().heads.pattern})")


def _without_speaker(text: str, a: int, rest: str) -> str:
    """ "Tổng công ty Y Trần Văn A phát biểu tại ...": a unit name followed by a full personal name
    and what a person does (speaks, greets) is a person's office whose title was left out; the unit
    name ends before the name."""
    act = lexicon().person_acts.search(rest)
    if act is None:
        return rest
    name = full_name(text, a, a + len(rest[:act.start()].rstrip()), at_end=True)
    return rest[:name[0] - a] if name is not None and name[0] > a else rest[:act.start()]


def _anaphor_subject(ix: TextIndex, start: int, region: str) -> Span | None:
    """A subject that names a unit again by its common noun ("nhà trường", "bệnh viện"; of two words
    or more, or one word alone after an introduction: "Trước đó, trường đã được"; not counted and not the
    unit of someone: "các bệnh viện", "cá nhân của Học viện"): the unit of that head named last before it."""
    m = _anaphor_end().search(region)
    if m is None and region.rstrip().endswith(","):
        m = _chain_subject().search(region)
    if m is None or _QUANTIFIED.search(region, 0, m.start(1)) \
            or " " not in m.group(1).strip() and not re.fullmatch(r"(?:[^,]*,\s*)*", region[:m.start(1)]) \
            or re.search(r"(?i)(?:của|thuộc|tại)\s+$", region[:m.start(1)]):
        return None                   # "các bệnh viện", "12 cá nhân của Học viện": not the unit itself
    return referent(ix, start + m.start(1), start + m.end(1))


def _celebrated_unit(region: str, start: int, cands: list[Span]) -> Span | None:
    """ "Thủ tướng X dự/phát biểu tại lễ kỷ niệm 80 năm ngày thành lập Tổng công ty Y và đón nhận
    <award>", "Lễ kỷ niệm 70 năm ngày thành lập Bộ Y, ... và đón nhận": the unit whose founding is
    celebrated receives the award, unless the subject organises the ceremony ("X tổ chức lễ kỷ
    niệm ngày thành lập Quân đội ... và đón nhận": X)."""
    founding = None
    for founding in _FOUNDING.finditer(region):
        pass
    if founding is None or _ORGANISES.search(region, 0, founding.start()):
        return None
    at = start + founding.end()
    return next((c for c in cands if c[0] == at), None)


def _person_named_before(ix: TextIndex, start: int) -> tuple[Span | None, bool]:
    """ "Ông là tác giả ...; từng được tặng": the person last named before."""
    if (prev := ix.last_person_before(start)) is not None:
        return prev, True
    found = [x for x in (person_in(pm) for pm in patterns().person.finditer(ix.text, max(0, start - 800), start)) if x]
    return (found[-1], True) if found else (None, False)


def _name_words(ix: TextIndex, a: int, rest: str, head_len: int) -> str:
    """The words of a unit's name in a subject region from its head word at `a`: up to the verb, a
    person who speaks or is named after it ("Phòng X và Đại tá Trần Văn A được ..."), "cùng ...",
    "và" + another unit the units stage read ("Chi cục X và Chi cục Y được ..."), a comma (a
    lower-case part after it goes on: "Phòng Thanh tra, giám sát ngân hàng")."""
    c = _SUBJ_END.search(rest, head_len)
    rest = rest[:c.start()] if c else rest
    rest = _without_speaker(ix.text, a, rest)
    if (pm := patterns().person.search(rest, head_len)) is not None:
        rest = _OWNER_CUT.sub("", rest[:pm.start()])   # "Tập đoàn X của ông A": the unit ends before "của"
    if (joined := re.search(r"\s+cùng(?:\s+với)?\s+", rest)) is not None:
        rest = rest[:joined.start()]
    if (nxt := _next_unit_pattern().search(rest, head_len)) is not None \
            and ix.unit_ends_at(a + nxt.end()) and all(ub <= a + nxt.start() for ub in ix.unit_ends_at(a)):
        rest = rest[:nxt.start()]
    parts = _NAME_END.split(rest)
    rest = parts[0]
    if len(parts) > 1 and re.fullmatch(r"\s*(?!(?:đơn vị|cơ quan|nơi|người|là|một|nhiều|các|những)\s)"
                                       rf"(?:[{LOWER}]+\s*){{1,5}}", parts[1]):
        rest = f"{rest},{parts[1]}"
    return TRAILING_JOIN.sub("", rest.rstrip())


def _unit_candidates(ix: TextIndex, start: int, region: str) -> list[Span]:
    """The units named in a subject region, each as long as its name goes."""
    text, lex = ix.text, lexicon()
    cands: list[Span] = []
    awards = [m.span() for m in lex.mention.finditer(region)]
    blocked = 0                       # end of the last name seen, taken or skipped
    for h in _head_matches(region):
        a = start + h.start()
        if a < blocked or any(x <= h.start() < y for x, y in awards):
            continue                  # inside the previous name ("Trung tâm Hội nghị") or an award's
        if region.rfind("(", 0, h.start()) > region.rfind(")", 0, h.start()):
            continue                  # "Trường X (Bộ Xây dựng) đón nhận": the parent in brackets
        if (rep := lex.representatives.match(region, h.start())) is not None and lex.heads.match(region, rep.end()):
            continue                  # "Ban Giám hiệu Trường X đón nhận": the school receives
        b = blocked = a + len(_name_words(ix, a, region[h.start():h.start() + _NAME_MAX], len(h.group(0))))
        before = region[max(0, h.start() - _NAME_MAX):h.start()]
        if re.search(r"(?i)(?:của|thuộc|tại)\s+$", before):
            continue                  # "12 cá nhân của Sở": the unit is not the subject
        if ix.title_before(a) or patterns().title_start.match(region, h.start()):
            continue                  # "Ông X, Phó Chủ tịch UBND huyện", "Bộ trưởng Bộ Y": a position
        for ub in ix.unit_ends_at(a):
            if b < ub <= start + len(region) and not BAD_EXTENSION.search(text, b, ub):
                b = ub
        # "Agribank Chi nhánh tỉnh X": the head word is inside a unit printed before it
        for ua, ub in ix.units_starting_in(max(start, a - _NAME_MAX), a):
            if b <= ub and not ix.title_before(ua):
                a = ua
        # "Phó Chủ tịch Hội X Trần Văn A được ...": a person the people stage found ends the name
        b = next((pa for pa, pb in ix.people_within(a, b) if pb == b and pa > a), b)
        cands.append((a, b))
    return cands
