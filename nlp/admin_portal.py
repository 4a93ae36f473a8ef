"""What a legal or government portal prints around the document it publishes, when the document's own
header is missing or incomplete:

- the metadata table ("Số hiệu: 12/KH-UBND  Loại văn bản: Kế hoạch" / "Nơi ban hành: Sở X  Người ký:
  Nguyễn Văn A"): the signer's name, and number, type, issuer and date of a document printed without
  its header;
- a record line naming the document under the page's title ("Thông báo số 12/TB-UBND ngày 8/5/2019
  của UBND huyện X V/v ..."): the page publishes that document, whose body follows."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.dates import parse_date
from nlp.lexicon import load_lexicon, phrase_alternation
from nlp.records import Signer
from nlp.segment import LOWER, UPPER

_PORTAL_HEAD = 12                     # the metadata table and record line come before the document
_NAME = rf"[{UPPER}][{LOWER}]*(?:\s+[{UPPER}][{LOWER}]*){{1,4}}"



@lru_cache(maxsize=1)
def _labels() -> tuple[re.Pattern, re.Pattern]:
    """(the signer label followed by a name, any label of the table)."""
    data = load_lexicon("doc_types.toml").get("portal", {})
    signer = re.compile(rf"(?<!\w)(?:{phrase_alternation(data.get('signer', []))})\s*:\s*({_NAME})")
    return signer, re.compile(rf"(?<!\w)(?:{phrase_alternation(data.get('labels', []))})\s*:")


def portal_signer(head: list[tuple[int, str]]) -> Signer | None:
    """The signer's name from the metadata table ("Người ký: Nguyễn Văn A"), without title."""
    signer, label = _labels()
    for off, line in head[:_PORTAL_HEAD]:
        if (m := signer.search(line)) is None:
            continue
        name = m.group(1)
        if (nxt := label.search(name)) is not None:   # "Người ký: Nguyễn Văn A Ngày ban hành: ..."
            name = name[:nxt.start()].rsplit(" ", 1)[0].strip()
        if len(name.split()) >= 2:
            return Signer(name=name, span=(off + m.start(1), off + m.start(1) + len(name)))
    return None


@lru_cache(maxsize=1)
def _field_labels() -> dict[str, tuple[str, ...]]:
    """Which labels of the metadata table give which field (doc_types.toml [portal])."""
    data = load_lexicon("doc_types.toml").get("portal", {})
    return {f: tuple(data.get(f, ())) for f in ("number", "type", "issuer", "date")}


def portal_fields(head: list[tuple[int, str]]) -> dict[str, tuple[str, tuple[int, int]]]:
    """The values of the metadata table ("Số hiệu: 16/HD-MT" / "Loại văn bản: Hướng dẫn" / "Cơ quan ban
    hành: ..." / "Ngày ban hành: 23/08/2016"): field -> (value, span); a value ends at the next label."""
    _, label = _labels()
    out: dict[str, tuple[str, tuple[int, int]]] = {}
    for off, line in head[:_PORTAL_HEAD]:
        for m in label.finditer(line):
            name = re.sub(r"\s+", " ", m.group(0).rstrip(":").strip())
            field = next((f for f, names in _field_labels().items() if name in names), None)
            if field is None or field in out:
                continue
            nxt = label.search(line, m.end())
            raw = line[m.end():nxt.start() if nxt else len(line)]
            value = raw.strip()
            if value:
                start = off + m.end() + (len(raw) - len(raw.lstrip()))
                out[field] = (value, (start, start + len(value)))
    return out


@dataclass(frozen=True)
class RecordLine:
    doc_type: str
    number: str
    date: str | None
    issuer: str
    abstract: str
    span: tuple[int, int]


_DATE = r"\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"


def record_line(head: list[tuple[int, str]], type_names: list[str]) -> RecordLine | None:
    """"TYPE số NUMBER ngày DATE của ISSUER V/v ABSTRACT" on a line of its own near the top, on a page
    whose first line starts with the same type (its title): the page publishes that document."""
    if not head:
        return None
    first = head[0][1].strip().lower()
    for off, line in head[:6]:
        for name in type_names:
            if not first.startswith(name.lower() + " "):
                continue
            m = re.match(rf"\s*(?i:{re.escape(name)})\s+(?:số\s+)?(\d[\w.]*[/-][\w./-]+)\s+ngày\s+({_DATE})\s+"
                         rf"(?:của|do)\s+(\S.{{2,80}}?)\s+(?:V/v|về\s+việc|về)\s*:?\s+(\S.{{9,400}}?)\s*$", line)
            if m is not None:
                return RecordLine(name, m.group(1), parse_date(m.group(2)), m.group(3).strip(),
                                  m.group(4).strip(), (off + m.start(), off + m.end()))
    return None
