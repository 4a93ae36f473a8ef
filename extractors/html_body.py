"""Article bodies: the article container (where the prose is densest), page furniture pruned around
and inside it, trafilatura's main text, paragraph filters, the lead and the closing byline."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml.html import HtmlElement

from extractors.html_tree import blocks, link_text_len, names_of, remove, select, squash, text_of
from extractors.site_profiles import generic_settings
from nlp.dates import is_date_line

_TABLE_RULE = re.compile(r"\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*")
_WS = re.compile(r"[^\S\t]+")
_SENTENCE_END = re.compile(r"[.!?…:;\"”»)\]]\s*$")
_PROSE_TAGS = ("p", "div", "td", "li", "blockquote", "pre", "span", "font")
_CONTAINERS = ("p", "div", "td", "li", "span", "font")


def setting(section: str, key: str, default):
    """A setting of profiles/_generic.toml."""
    return generic_settings().get(section, key, default)


# ---------------------------------------------------------------- the article container

def _is_leaf_block(el: HtmlElement) -> bool:
    return not any(isinstance(c.tag, str) and c.tag in ("p", "div", "table", "ul", "ol", "section", "article")
                   for c in el)


@dataclass(frozen=True)
class ArticleContainer:
    """The densest prose element and the sibling blocks that continue it, in page order."""

    element: HtmlElement
    parts: list[HtmlElement]


def article_container(tree: HtmlElement) -> ArticleContainer | None:
    """The element whose paragraphs hold the most prose (readability-style scoring: commas and
    length of low-link paragraphs, credited to their parent and grandparent, class hints)."""
    min_len = setting("thresholds", "min_paragraph_chars", 25)
    max_ld = setting("thresholds", "max_link_density", 0.5)
    pos = setting("readability", "positive_hints", [])
    neg = setting("readability", "negative_hints", [])
    weight = setting("readability", "hint_weight", 25)
    candidates = set(setting("readability", "candidates", []))
    scores: dict[HtmlElement, float] = {}      # elements as keys: lxml proxies stay alive, so identity holds
    for p in tree.iter(*_PROSE_TAGS):
        if p.tag != "p" and not _is_leaf_block(p):
            continue
        if p.tag in ("span", "font") and (p.getparent() is None or p.getparent().tag in _PROSE_TAGS[:1]):
            continue
        text = text_of(p)
        if len(text) < min_len or link_text_len(p) / len(text) > max_ld:
            continue
        value = 1 + text.count(",") + min(len(text) // 100, 3)
        for depth, anc in enumerate(p.iterancestors()):
            if depth > 2:
                break
            if anc.tag not in candidates:
                continue
            if anc not in scores:
                names = names_of(anc)
                scores[anc] = weight * (any(h in names for h in pos) - any(h in names for h in neg))
            scores[anc] += value / (1 + depth)
    if not scores:
        return None
    best = max(scores, key=lambda k: scores[k])
    return ArticleContainer(best, _sibling_parts(best, scores))


def _sibling_parts(best: HtmlElement, scores: dict[HtmlElement, float]) -> list[HtmlElement]:
    """`best` and the siblings that continue the article (an article split in two blocks around an
    ad or a related box): siblings scoring a fifth of `best`'s prose with almost no links."""
    parent = best.getparent()
    if parent is None:
        return [best]
    share = setting("thresholds", "sibling_share", 0.2)
    parts = []
    for sib in parent:
        if sib is best or (scores.get(sib, 0) >= max(3.0, share * scores[best])
                           and link_text_len(sib) < 0.2 * max(1, len(text_of(sib)))):
            parts.append(sib)
    return parts


# ---------------------------------------------------------------- furniture

def prune_furniture(root: HtmlElement, selectors: list[str], keep: HtmlElement | None = None) -> None:
    """Remove elements matching the furniture selectors, except those that hold the article:
    an ancestor of (or equal to) `keep`, or one that holds a large share of `keep`'s prose."""
    protected = {*keep.iterancestors(), keep} if keep is not None else set()
    keep_len = len(text_of(keep)) if keep is not None else 0
    share = setting("thresholds", "protect_share", 0.4)
    for el in select(root, selectors):
        if el in protected or el is root:
            continue
        if keep is not None and keep_len and _in(el, keep) and len(text_of(el)) > share * keep_len \
                and link_text_len(el) < 0.3 * len(text_of(el)):
            continue
        remove(el)


def _in(el: HtmlElement, root: HtmlElement) -> bool:
    return any(a is root for a in el.iterancestors())


def unwrap_layout_tables(tree: HtmlElement) -> None:
    """Old portals lay pages out with nested tables; turn those into divs so that they are not
    read as data tables. A table is layout when it holds another table or a long block of prose."""
    min_cell = setting("thresholds", "layout_cell_chars", 300)
    layout = []
    for table in tree.iter("table"):
        if table.find(".//table") is not None or any(
                (td.find(".//p") is not None or td.find(".//br") is not None) and len(text_of(td)) >= min_cell
                for td in table.iter("td", "th")):
            layout.append(table)
    cells = [el for table in layout for el in table.iter("tbody", "thead", "tfoot", "tr", "td", "th")
             if next(el.iterancestors("table"), None) is table]
    for el in layout + cells:
        el.tag = "div"


# ---------------------------------------------------------------- paragraphs

@lru_cache(maxsize=1)
def _text_rules() -> tuple[frozenset[str], re.Pattern, tuple[str, ...], re.Pattern]:
    stops = frozenset(s.lower() for s in setting("text", "stop_headings", []))
    drops = re.compile("|".join(f"(?:{p})" for p in setting("text", "drop_patterns", [])) or r"(?!)", re.I)
    teasers = tuple(s.lower() for s in setting("text", "teaser_prefixes", []))
    credits = re.compile("|".join(f"(?:{p})" for p in setting("text", "credit_patterns", [])) or r"(?!)", re.I)
    return stops, drops, teasers, credits


def not_article_texts(tree: HtmlElement) -> frozenset[str]:
    """Texts that are never a paragraph of the article: the page's longer links (a paragraph that
    is only one of them is a teaser for another article) and, unless captions are kept, photo
    captions."""
    min_chars = setting("thresholds", "min_teaser_chars", 20)
    texts = {t for a in tree.iter("a") if len(t := text_of(a)) >= min_chars}
    if not setting("text", "include_captions", True):
        texts |= {t for el in select(tree, setting("text", "caption_selectors", [])) if len(t := text_of(el)) >= 10}
    return frozenset(texts)


_BULLET = re.compile(r"^\s*(?:[-–•*·+>»]+|\d{1,2}[.)])\s+")


def _unbulleted(p: str) -> str:
    """A list item's text without its bullet ("- Tin A" as trafilatura prints list items)."""
    return _BULLET.sub("", p, count=1)


def filter_paragraphs(paras: list[str], title: str | None = None,
                      not_text: frozenset[str] = frozenset()) -> list[str]:
    """Cut at a "Tin liên quan"-style heading; drop share/print lines, "Xem thêm:" teasers, photo
    credits, bare date stamps, teaser links and captions (`not_text`), repeats and the headline."""
    stops, drops, teasers, credits = _text_rules()
    title_key = squash(title).lower() if title else None
    out: list[str] = []
    skip_to = -1
    for i, p in enumerate(paras):
        if i < skip_to or _unbulleted(p) in not_text:
            continue
        key = p.strip().rstrip(":").strip().lower()
        if key in stops:
            if not out:
                continue
            if (resume := _article_resumes(paras, i + 1, not_text)) is None:
                break
            skip_to = resume
            continue
        if (len(p) < 60 and (drops.fullmatch(p.strip()) or credits.fullmatch(p.strip()))) or key.startswith(teasers):
            continue
        if is_date_line(p) or (title_key and squash(p).lower() == title_key):
            continue
        if out and out[-1] == p:
            continue
        out.append(p)
    return out


def _article_resumes(paras: list[str], start: int, not_text: frozenset[str]) -> int | None:
    """Where the article goes on after an inline "Tin liên quan" box: the index of the first of two
    consecutive prose paragraphs that are not links (a box alternates teaser links and short
    summaries; an end-of-article box is followed by no such run). None when it does not."""
    min_prose = setting("thresholds", "resume_prose_chars", 80)
    prose = [i for i in range(start, len(paras)) if len(paras[i]) >= min_prose and _unbulleted(paras[i]) not in not_text
             and _SENTENCE_END.search(paras[i])]
    for a, b in zip(prose, prose[1:]):
        if b == a + 1:
            return a
    return None


def trafilatura_paragraphs(tree: HtmlElement, url: str | None) -> list[str]:
    """The main text by trafilatura (given a parsed tree, which it copies), one paragraph per line."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(tree, url=url, favor_precision=False, include_comments=False,
                                          include_tables=True, with_metadata=False)
    except RecursionError:
        raise
    except Exception:                       # trafilatura failures fall through to the other parts
        return []
    text = getattr(doc, "text", None) if doc is not None else None
    out = []
    for line in (text or "").split("\n"):
        stripped = line.strip()
        if _TABLE_RULE.fullmatch(stripped):
            continue
        if stripped.startswith("|") and stripped.endswith("|"):     # a table row: cells by tabs
            line = "\t".join(squash(c) for c in stripped.strip("|").split("|"))
        if line := _WS.sub(" ", line).strip(" \t"):
            out.append(line)
    return out


def container_paragraphs(container: ArticleContainer, title: str | None, not_text: frozenset[str]) -> list[str]:
    return filter_paragraphs([b for part in container.parts for b in blocks(part)], title, not_text)


def extend_tail(body: list[str], container: list[str], not_text: frozenset[str]) -> list[str]:
    """The container's paragraphs after the body's last one, when two or more of them are prose
    (the body part stopped early, e.g. at an inline box), up to the last one ending a sentence."""
    min_prose = setting("thresholds", "resume_prose_chars", 80)
    if not body or not container:
        return body
    last = squash(body[-1])[:40]
    idx = next((i for i, p in enumerate(container) if squash(p)[:40] == last), None)
    if idx is None:
        return body
    rest = [p for p in container[idx + 1:] if p not in body]
    prose = [i for i, p in enumerate(rest) if len(p) >= min_prose and p not in not_text and _SENTENCE_END.search(p)]
    if len(prose) < 2:
        return body
    ends = [i for i, p in enumerate(rest) if p not in not_text and _SENTENCE_END.search(p) and len(p) >= 25]
    return body + rest[:ends[-1] + 1]


# ---------------------------------------------------------------- lead and closing lines

def find_lead(tree: HtmlElement, headline: HtmlElement | None, selectors: list[str], order: dict[HtmlElement, int],
              description: str | None, container: HtmlElement | None = None) -> str | None:
    """The standfirst (sapo): an element with a lead-like class between the headline and the first
    paragraph of the article, else the element there that prints the page's meta description."""
    min_chars = setting("thresholds", "min_lead_chars", 40)
    start = order.get(headline, -1) if headline is not None else -1
    end = _first_prose_position(container, order)

    def placed(el: HtmlElement) -> bool:
        return start < order.get(el, 0) <= end

    for el in select(tree, selectors):
        text = text_of(el)
        if placed(el) and min_chars <= len(text) <= 1200 and link_text_len(el) < 0.5 * len(text):
            return text
    if description and len(description) >= min_chars:
        key = squash(description)[:50].lower()
        for el in tree.iter("p", "h2", "div", "strong", "b", "span"):
            if placed(el) and text_of(el)[:50].lower() == key and len(text_of(el)) <= 1200:
                return text_of(el)
    return None


def _first_prose_position(container: HtmlElement | None, order: dict[HtmlElement, int]) -> float:
    """Document position of the container's first paragraph of prose (a lead comes before or at it)."""
    if container is None:
        return float("inf")
    for el in container.iter("p", "div"):
        if _is_leaf_block(el) and len(text_of(el)) >= 80:
            return order.get(el, float("inf"))
    return float("inf")


def with_lead(paras: list[str], lead: str | None) -> list[str]:
    """The lead first, unless the body already has it (or it is one of its paragraphs)."""
    if not lead:
        return paras
    lead_key = _spaceless(lead)
    for p in paras[:4]:
        key = _spaceless(p)
        if key[:50] == lead_key[:50] or lead_key[:50] in key or (len(key) >= 35 and key[:50] in lead_key):
            return paras
    return [lead] + paras


def _spaceless(text: str) -> str:
    return "".join(text.split()).lower()


def byline_styled(container: HtmlElement | None) -> set[str]:
    """Texts of short right-aligned or all-bold paragraphs (how closing bylines are printed)."""
    if container is None:
        return set()
    out = set()
    for el in container.iter("p", "div"):
        text = text_of(el)
        if not text or len(text) > 80 or not _is_leaf_block(el):
            continue
        style = (el.get("style") or "").replace(" ", "").lower()
        bold = "".join(text_of(b) for b in el.iter("strong", "b"))
        if "text-align:right" in style or el.get("align", "").lower() == "right" or len(bold) >= 0.6 * len(text):
            out.add(text)
    return out


def _is_source_line(line: str, prefixes: tuple[str, ...]) -> bool:
    """"Theo TTXVN", "Theo Nhịp sống thị trường", "Nguồn: Bộ Tài chính": a name after the prefix,
    not a sentence ("Theo kế hoạch, dự án ...")."""
    rest = line[next(len(p) for p in prefixes if line.lower().startswith(p)):].strip(" :(")
    words = rest.split()
    return (bool(words) and len(words) <= 8 and "," not in rest and words[0][0].isupper()
            and not rest.rstrip(")").endswith((".", "!", "?", ":")))


def split_closing_lines(paras: list[str], styled: set[str], read_names) -> tuple[list[str], list[str]]:
    """(body, bylines): trailing byline and source lines taken off the body ("Hà Thu (tổng hợp)",
    "Theo TTXVN", "Nguồn: Bộ Tài chính"). `read_names(line)` gives the names a byline line holds."""
    prefixes = tuple(setting("text", "source_prefixes", []))
    max_chars = setting("thresholds", "max_byline_chars", 70)
    roles = frozenset(setting("author", "reject", []))
    body = list(paras)
    names: list[str] = []
    while len(body) > 1:
        last = squash(body[-1])
        if len(last) > max_chars:
            break
        lowered = last.lower()
        if lowered.startswith(prefixes) and _is_source_line(last, prefixes):
            got = read_names(last)
            names = names or got
            body.pop()
            continue
        if lowered.strip(" .()") in roles:           # "PV", "Nhóm PV": a byline naming no one
            body.pop()
            continue
        got = read_names(last)
        if got and (last in styled or _SENTENCE_END.search(body[-2])) and not last.endswith((".", "!", "?", ":")) \
                or got and last in styled:
            names = names or got
            body.pop()
            continue
        break
    return body, names
