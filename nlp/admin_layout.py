"""The page layout of an administrative document as text: lines with their offsets, table cells,
FULL-CAPS header lines and their sentence case ("UBND TỈNH BÌNH PHƯỚC" -> "UBND tỉnh Bình Phước")."""
from __future__ import annotations

import re
from functools import lru_cache

from nlp.lexicon import load_lexicon
from nlp.normalize import fold_tones

CELL_SPLIT = re.compile(r"\t+|\s{2,}|\s*\|\s*")   # table cells: tabs, runs of spaces, bars
_SYLLABLE = re.compile(
    r"(?i)^(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnpqrstvx])?"
    r"[aăâeêioôơuưyáàảãạắằẳẵặấầẩẫậéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]{1,3}"
    r"(?:ch|ng|nh|[cmnpt])?$")
LEVELS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn")



@lru_cache(maxsize=1)
def _case() -> tuple[frozenset[str], dict[tuple[str, ...], str], int]:
    """(words after which a name starts, UPPER folded word tuple -> proper name as printed,
    longest proper name in words), from doc_types.toml and provinces.toml."""
    data = load_lexicon("doc_types.toml").get("case", {})
    names = list(data.get("proper_names", []))
    try:
        prov = load_lexicon("provinces.toml")
        for key, val in prov.get("new", {}).items():
            names += [key, *(val.get("merged", []) if isinstance(val, dict) else [])]
        names += prov.get("old", {}).get("cities", [])
    except (OSError, ValueError):
        pass
    proper = {tuple(fold_tones(n).upper().split()): n for n in names}
    return frozenset(data.get("name_heads", [])), proper, max((len(k) for k in proper), default=1)


def text_lines(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, line))
        pos += len(line) + 1
    return out


def cells(offset: int, line: str) -> list[tuple[int, str]]:
    """Cells of a line (header columns side by side), with their offsets."""
    out, pos = [], 0
    for part in CELL_SPLIT.split(line):
        i = line.find(part, pos)
        if part.strip():
            lead = len(part) - len(part.lstrip())
            out.append((offset + i + lead, part.strip()))
        pos = i + len(part)
    return out


def is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def abbrev(word: str) -> bool:
    w = word.strip(".,;:()")
    return w.isupper() and len(w) > 1 and not _SYLLABLE.match(fold_tones(w.lower()))


def sentence_case(s: str) -> str:
    """A FULL-CAPS organ or title line in sentence case, keeping abbreviations and proper
    names capitalised: "UBND TỈNH BÌNH PHƯỚC" -> "UBND tỉnh Bình Phước",
    "PHÓ CHÁNH THANH TRA" -> "Phó Chánh Thanh tra"."""
    words = s.split()
    heads, names, longest = _case()
    keys = [fold_tones(w).upper() for w in words]
    out: list[str] = []
    proper = False                    # after a level word: a place name
    cap_next = True
    in_name = False                   # inside the specific name of a unit ("Khoa học và Công nghệ")
    i = 0
    while i < len(words):
        w = words[i]
        low = w.lower()
        hit = next((n for k in range(min(longest, len(words) - i), 0, -1)
                    if (n := names.get(tuple(keys[i:i + k]))) is not None), None)
        if hit is not None and not (i == 0 and low in LEVELS):
            out.append(hit)           # "HỒ CHÍ MINH" -> "Hồ Chí Minh", "TRUNG ƯƠNG" -> "Trung ương"
            i += len(hit.split())
            cap_next, in_name = False, True
            continue
        if abbrev(w):
            out.append(w)
            cap_next = True           # "BCH ĐOÀN" -> "BCH Đoàn", "KT. CHỦ TỊCH" -> "KT. Chủ tịch"
            i += 1
            continue
        nxt = words[i + 1].lower() if i + 1 < len(words) else ""
        committee = i == 0 and nxt in ("ủy", "uỷ")   # "TỈNH ỦY X": a Party committee, not a level
        if proper or committee or (cap_next and low not in LEVELS and low != "thành" and (low != "trưởng" or i == 0)):
            out.append(low[:1].upper() + low[1:])
            in_name = in_name or (i > 0 and not committee)
        else:
            out.append(low)
        prev2 = " ".join(x.lower() for x in words[max(0, i - 1):i + 1])
        cap_next = (low in heads or prev2 in heads or low == "-" or (low == "và" and in_name)) \
            and prev2 != "ủy ban" and not committee
        if (low in LEVELS or prev2 in LEVELS) and not committee or (i == 1 and low in ("ủy", "uỷ") and words[0].lower() in LEVELS):
            proper = True             # a place name follows ("TỈNH ỦY X" too)
        i += 1
    return " ".join(out)


def title_case_place(s: str) -> str:
    """"Bình phước" -> "Bình Phước"; "TP. Hồ Chí Minh" keeps its abbreviation."""
    return " ".join(w if abbrev(w) or w.endswith(".") else w[:1].upper() + w[1:].lower() for w in s.split())


