"""Who grants an award when the text names the giver before it: the agent of a passive ("được UBND
tỉnh tặng"), the subject of an active "tặng" ("Chủ tịch UBND tỉnh tặng"), or the authority an
official acts for ("Thừa ủy quyền của Chủ tịch nước, đồng chí X trao ..."). Who only hands an award
over ("trao", or acting for someone else) does not grant it; a person's name after the office is
not part of the grantor ("Chủ tịch nước Lương Cường" -> "Chủ tịch nước")."""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from nlp.award_index import TextIndex
from nlp.award_lexicon import I, lexicon, rx
from nlp.award_phrases import split_grantors
from nlp.award_recipients import surnames
from nlp.award_subjects import INTRO, PASSIVE
from nlp.segment import UPPER
from nlp.unit_lexicon import unit_key

ACTIVE_VERB = rx(r"(?<!\w)(?:trao tặng|tặng thưởng|khen tặng|truy tặng|phong tặng|tặng|trao|tôn vinh)(?!\w)", I)
# a verb coordinated with the cue: "Chủ tịch nước đã ký quyết định phong tặng, truy tặng danh hiệu ..."
_COORDINATED = rx(r"(?:(?<!\w)(?:trao tặng|tặng thưởng|truy tặng|phong tặng|tặng)\s*(?:,|và|hoặc)\s*)+$", I)
_GIVE = rx(r"(?i:trao tặng|tặng thưởng|khen tặng|truy tặng|phong tặng|tặng)(?!\w)")
# "thừa ủy quyền (của) X," names the grantor; "thay mặt X," does when X is an office or a body
_AUTHORISED = rx(rf"(?i:thừa\s+ủy\s+quyền)(?:\s+(?:của\s+)?([{UPPER}][\w]*(?:\s+[\w]+){{0,6}}?)(?=\s*,))?")
_AUTHORISED_BARE = rx(rf"(?i:thừa\s+ủy\s+quyền)\s+(?:của\s+)?(?=[{UPPER}])")
_ON_BEHALF = rx(r"(?i:thay\s+mặt)\s+(?:của\s+)?([^,;.\n]{1,60}?)(?=\s*,)")
# the giver's words end before what it did first or an adverb: "Chủ tịch nước vừa ký Quyết định ... tặng",
# "Chủ tịch nước còn phong tặng", "Thủ tướng Chính phủ tặng Bằng khen và tặng Cờ thi đua"
_GIVER_END = rx(r"\s(?:vừa|đã|còn|cũng|sẽ|đều|ký|quyết định|ban hành|chủ trì|tổ chức|trao tặng|tặng thưởng|"
                r"truy tặng|phong tặng|tặng|trao)(?!\w)")
# what may stand between an active verb and the award it gives: "tặng 71 Cờ thi đua", "trao tặng danh hiệu"
_BETWEEN = re.compile(r"(?:\s*(?:[\"“]|\d[\d.]*|nhiều|các|thưởng|danh hiệu|phần thưởng|cao quý|vinh dự|nhà nước|"
                      r"Bằng))*\s*$", re.IGNORECASE)
# the state's full name after an office: "Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam"
_COUNTRY = rx(r"\s+(?i:(?:cộng hòa xã hội chủ nghĩa|chxhcn)\s+việt nam)(?!\w)")
# a ceremony of giving: "X tổ chức lễ trao tặng ...", "X tổ chức lễ công bố quyết định ... tặng": X
# organises it, neither gives nor receives
_CEREMONY = rx(r"(?i:lễ)\s+$|(?i:tổ chức\s+(?:buổi\s+)?lễ)(?!\w)")
# the author of the decision that confers: "quyết định của Chủ tịch nước về việc tặng thưởng ..."
_DECIDED_BY = rx(r"(?i:quyết định)(?:\s+(?:khen thưởng|số\s+\S+))?\s+của\s+"
                 rf"([{UPPER}][^,;.:\n]{{1,60}}?)\s+"
                 r"(?i:về việc|v/v|về)?\s*$")
# "Quyết định số 1034/QĐ-UBND của Chủ tịch UBND tỉnh tặng ...": the decision's author gives
_DECISION_OF = rx(r"(?i:quyết định)(?:\s+(?:khen thưởng|số))?(?:\s+[\w/.-]*\d[\w/.-]*)?(?:\s+ngày\s+[\d/.-]+)?"
                  r"(?:\s+(của)\s+)?")
# a sentence that opens with the decision that confers: "Theo quyết định của Chủ tịch nước X, ...",
# "Tại Quyết định số 12/QĐ-TTg ngày 5/2/2024 của Thủ tướng Chính phủ, ..."
_DECISION_INTRO = rx(r"[\s\-–•*+]*(?i:theo|tại|căn cứ)\s+(?:các\s+)?(?i:quyết định)(?:\s+(?:khen thưởng|số\s+)?[\w/.-]*\d[\w/.-]*)?"
                     r"(?:\s+ngày\s+[\d/.-]+)?\s+của\s+([^,;.:\n]{2,80}?)\s*,")
# a news agency's tag before the first sentence: "(Tổ Quốc) - ", "BDK.VN – ", "TTXVN - "
_DATELINE = re.compile(rf"\s*(?:\([^()\n]{{1,40}}\)\s*-?|[{UPPER}][{UPPER}.]{{1,14}}\s*-)\s*")

Src = Callable[[int, int], str]


@dataclass
class Givers:
    """The grantors read before an award, and whether its clause is active ("X tặng A cho Y")."""
    grantors: list[str]
    active: bool


def givers_before(ix: TextIndex, sent: int, clause: int, s: int, cue: re.Match | None, src: Src,
                  last_giver: list[str]) -> Givers:
    """`cue` is the conferment verb in the award's clause (None when it is earlier in the
    sentence); `last_giver` the grantors of the sentence's previous active clause ("X trao A cho
    Y; tặng B cho Z": the same X)."""
    text = ix.text
    prefix = text[clause:s]
    active = cue is not None and ACTIVE_VERB.match(prefix, cue.start()) is not None \
        and _BETWEEN.match(prefix, cue.end()) is not None
    acting_for = _acting_for(ix, sent, s, src)
    if cue is None and acting_for is None and _BETWEEN.fullmatch(prefix.strip(" ,;")):
        return Givers(list(last_giver), False)   # "X tặng A cho Y; B cho Z": X gives B too
    if not active:
        return Givers(acting_for or [], False)
    before = _COORDINATED.sub("", prefix[:cue.start()])   # "phong tặng, truy tặng <award>": the first verb's subject
    if passives := list(PASSIVE.finditer(before)):
        first = agent_from = clause + passives[-1].end()
        for award in lexicon().mention.finditer(text, agent_from, clause + len(before)):
            agent_from = award.end()  # "được X phong tặng A và Y tặng B": the agent of B is Y
        agent = re.sub(r"^\s*(?:(?:hạng\s+\w+|,|và)\s*)*", "", src(agent_from, clause + len(before)))
        if re.fullmatch(r"(?i:phong|truy|trao|khen)", agent):
            agent = ""                # "Được Phong Tặng" in a headline printed in title case: no agent
        if not agent and agent_from > first:      # "được X tặng A và tặng B": X again
            verb = ACTIVE_VERB.search(text, first, clause + len(before))
            agent = src(first, verb.start()) if verb is not None else ""
        return Givers(_without_person(ix, split_grantors(agent)) if agent[:1].isupper() else [], False)
    if acting_for is not None:
        return Givers(acting_for, True)
    if (by := _DECIDED_BY.search(before)) is not None:       # "quyết định của Chủ tịch nước về việc tặng"
        return Givers(_without_person(ix, split_grantors(src(clause + by.start(1), clause + by.end(1)))), True)
    if _CEREMONY.search(before):
        return Givers([], True)
    subject = _active_subject(ix, clause, before, src, last_giver)
    if not subject and not before.strip(" ,"):
        subject = list(last_giver)
    last_giver[:] = subject
    # who "tặng" grants; who "trao" may only hand over
    return Givers(subject if _GIVE.match(prefix, cue.start()) else [], True)


def _acting_for(ix: TextIndex, sent: int, s: int, src: Src) -> list[str] | None:
    """The authority an official acts for, or None when the sentence names none. "Thừa ủy quyền
    của Chủ tịch nước" -> ["Chủ tịch nước"]; "thay mặt lãnh đạo Đảng và Nhà nước" -> [] (a
    representation, no one grantor)."""
    text = ix.text
    if (au := _AUTHORISED.search(text, sent, s)) is not None:
        if au.group(1):
            return [src(*au.span(1))]
        # no comma after the authority: "Thừa ủy quyền của Chủ tịch nước Thứ trưởng X trao": its office title
        bare = _AUTHORISED_BARE.match(text, au.start())
        title = _office_title().match(text, bare.end()) if bare else None
        return [src(*title.span())] if title else []
    if (ob := _ON_BEHALF.search(text, sent, s)) is not None:
        who = ob.group(1)
        lex = lexicon()
        return [src(*ob.span(1))] if who[:1].isupper() and (lex.titles.match(who) or lex.heads.match(who)) else []
    return None


def _active_subject(ix: TextIndex, clause: int, before: str, src: Src, last_giver: list[str]) -> list[str]:
    """The subject of an active "X tặng ...", when it reads as a grantor ("Dịp này, Chủ tịch UBND
    tỉnh tặng"): a short phrase headed by an office title or a unit. A decision is its author's
    ("Quyết định số 1034/QĐ-UBND của Chủ tịch UBND tỉnh tặng"; "...; Quyết định số 690/QĐ-CTN
    phong tặng": the author of the sentence's decision before)."""
    text, lex = ix.text, lexicon()
    intro = INTRO.match(before) or _DATELINE.match(before)
    a0 = clause + (intro.end() if intro else 0)
    while a0 < clause + len(before) and text[a0] in " -+•*,;":
        a0 += 1
    b0 = clause + len(before)
    if (d := _DECISION_OF.match(text, a0, b0)) is not None and d.end() > a0:
        if not d.group(1):
            return list(last_giver) if not text[d.end():b0].strip() else []
        a0 = d.end()
    if (stop := _GIVER_END.search(text, a0, b0)) is not None:
        b0 = stop.start()
    if (country := _COUNTRY.search(text, a0, b0)) is not None:
        b0 = country.start()          # "Chủ tịch nước Cộng hòa xã hội chủ nghĩa Việt Nam": Chủ tịch nước
    subj = text[a0:b0].strip(" ,")
    if subj[:1].isupper() and len(subj.split()) <= 8 and (lex.titles.match(subj) or lex.heads.match(subj)):
        return _without_person(ix, split_grantors(src(a0, b0)))
    # a few words before the office: a site's tag or a time ("Dân trí Thủ tướng Chính phủ X quyết định tặng")
    t = lex.titles.search(text, a0, b0)
    if t is not None and len(text[a0:t.start()].split()) <= 3 and len(text[t.start():b0].split()) <= 8 \
            and not re.search(r"[,;:.()]", text[a0:t.start()]):
        return _without_person(ix, split_grantors(src(t.start(), b0)))
    return []


@lru_cache(maxsize=1)
def _office_title() -> re.Pattern:
    return rx(lexicon().office_title)


def _without_person(ix: TextIndex, grantors: list[str]) -> list[str]:
    """ "Chủ tịch nước Lương Cường" -> "Chủ tịch nước": the office grants, not its holder's name (a
    person the document names, or capitalised words after the office that start with a surname)."""
    out = []
    for g in grantors:
        words = g.split()
        for n in range(min(5, len(words) - 1), 1, -1):
            if " ".join(words[-n:]) in ix.person_names:
                g = " ".join(words[:-n])
                break
        else:
            title = _office_title().match(g)
            rest = g[title.end():].split() if title else []
            if 2 <= len(rest) <= 5 and all(w[:1].isupper() for w in rest) and rest[0].lower() in surnames():
                g = g[:title.end()]
        out.append(g)
    return out


def deciding_authority(ix: TextIndex, pos: int, src: Src) -> str | None:
    """The grantor of an award a decision's article confers without naming one ("Điều 1. Phong tặng
    danh hiệu Chiến sĩ thi đua toàn quốc cho ..."): the authority that decides, as the text prints
    it in ordinary case where it does ("Chủ tịch Ủy ban nhân dân tỉnh X"), else its office title and
    the unit the document names ("THỦ TƯỚNG CHÍNH PHỦ" -> "Thủ tướng Chính phủ")."""
    if ix.authority is None or ix.articles_from is None or pos < ix.articles_from:
        return None
    if ix.authority_printed is not None:
        return src(*ix.authority_printed)
    caps = " ".join(ix.text[ix.authority[0]:ix.authority[1]].split())
    title = next((t for t in lexicon().grantor_titles if caps.startswith(t.upper())), None)
    if title is None:
        return None
    rest = caps[len(title):].strip()
    unit = ix.unit_by_key.get(unit_key(rest)) if rest else None
    return f"{title} {unit.name if unit else rest.capitalize()}".strip()

def decision_intro(ix: TextIndex, sent: int, src: Src) -> list[str]:
    """The author of the decision a sentence opens with ("Theo quyết định của Chủ tịch nước Trương Tấn
    Sang, 28 người ... đã được trao tặng ..."): the grantor of what the sentence confers."""
    m = _DECISION_INTRO.match(ix.text, sent)
    if m is None or not lexicon().titles.match(m.group(1)) and not lexicon().heads.match(m.group(1)):
        return []
    return _without_person(ix, split_grantors(src(*m.span(1))))
