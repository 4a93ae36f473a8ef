"""Article bodies from HTML: noise pruning, block text, a trafilatura → readability cascade,
and paragraph filters (related-article lists, share buttons, date stamps).

Every walk over the tree is iterative, so deeply nested pages cannot exhaust the stack."""
from __future__ import annotations

import re
from functools import lru_cache

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from extractors.html_meta import squash
from extractors.site_profiles import generic_settings
from nlp.dates import is_date_line

BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd details dl dt div fieldset figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr ul center".split())
SKIP_TAGS = frozenset("script style noscript template iframe svg canvas head title select option button".split())
_SKIP = -1
_WS = re.compile(r"[^\S\t]+")
_TABLE_RULE = re.compile(r"\|?(\s*:?-{3,}:?\s*\|)+\s*:?-*:?\s*")


def prune(root: Tag, selectors: list[str] | tuple[str, ...]) -> None:
    """Remove every element under `root` matching one of the CSS selectors (one pass over the tree)."""
    if not selectors:
        return
    try:
        found = root.select(", ".join(selectors))
    except Exception:                  # a bad selector in a data file must not sink the page
        found = []
        for sel in selectors:
            try:
                found.extend(root.select(sel))
            except Exception:
                continue
    for el in found:
        if el is not root:
            el.extract()


def limit_depth(soup: BeautifulSoup, max_depth: int) -> int:
    """Collapse every element at depth `max_depth` that has child elements into its plain text
    (block breaks kept as newlines), so no later step pays for pathological nesting.
    Returns how many subtrees were collapsed."""
    depth: dict[int, int] = {id(soup): 0}
    cut: list[Tag] = []
    for tag in soup.find_all(True):
        parent_depth = depth.get(id(tag.parent))
        if parent_depth is None:              # inside a subtree already marked for collapsing
            continue
        d = parent_depth + 1
        if d == max_depth and tag.find(True) is not None:
            cut.append(tag)
            continue
        depth[id(tag)] = d
    for tag in cut:
        text = "\n".join(blocks(tag))
        tag.clear()
        tag.append(NavigableString(text))
    return len(cut)


def blocks(root: Tag, skip: set[int] | None = None) -> list[str]:
    """Text of `root` split at block boundaries (p, div, li, tr, br ...); table cells joined by tabs."""
    owner: dict[int, int] = {id(root): id(root)}
    skip = skip or set()
    out: list[str] = []
    buf: list[str] = []
    cur = id(root)

    def flush() -> None:
        text = _WS.sub(" ", "".join(buf)).strip(" \t")
        if text:
            out.append(text)
        buf.clear()

    for node in root.descendants:
        parent_owner = owner.get(id(node.parent), id(root))
        if isinstance(node, Tag):
            if parent_owner == _SKIP or node.name in SKIP_TAGS or id(node) in skip:
                owner[id(node)] = _SKIP
            elif node.name in BLOCK_TAGS:
                owner[id(node)] = id(node)
            else:
                owner[id(node)] = parent_owner
            if node.name == "br" and parent_owner != _SKIP:
                flush()
            elif node.name in ("td", "th") and parent_owner != _SKIP and buf:
                buf.append("\t")
            continue
        if not isinstance(node, NavigableString) or isinstance(node, PreformattedString) or parent_owner == _SKIP:
            continue
        if parent_owner != cur:
            flush()
            cur = parent_owner
        buf.append(str(node))
    flush()
    return out


@lru_cache(maxsize=1)
def _text_rules() -> tuple[frozenset[str], re.Pattern, tuple[str, ...]]:
    cfg = generic_settings()
    stops = frozenset(s.lower() for s in cfg.get("text", "stop_headings", []))
    drops = re.compile("|".join(f"(?:{p})" for p in cfg.get("text", "drop_patterns", [])) or r"(?!)", re.I)
    teasers = tuple(s.lower() for s in cfg.get("text", "teaser_prefixes", []))
    return stops, drops, teasers


def filter_paragraphs(paras: list[str], title: str | None = None) -> list[str]:
    """Cut at a "Tin liên quan"-style heading; drop share/print lines, "Xem thêm:" teasers, bare date
    stamps and the headline."""
    stops, drops, teasers = _text_rules()
    out: list[str] = []
    for p in paras:
        key = p.strip().rstrip(":").strip().lower()
        if key in stops:
            if out:
                break
            continue
        if (len(p) < 60 and drops.fullmatch(p.strip())) or key.startswith(teasers):
            continue
        if is_date_line(p) or (title and p.strip() == title.strip()):
            continue
        if out and out[-1] == p:
            continue
        out.append(p)
    return out


def unwrap_layout_tables(soup: BeautifulSoup) -> None:
    """Old portals lay pages out with nested tables; turn those into divs so that they are not
    read as data tables. A table is layout when it holds another table or a long block of prose."""
    min_cell = generic_settings().get("thresholds", "layout_cell_chars", 300)
    for table in soup.find_all("table"):
        if table.find("table") is None and not any(
                len(squash(td.get_text(" "))) >= min_cell and td.find(["p", "div", "br"]) is not None
                for td in table.find_all(["td", "th"])):
            continue
        for el in [table, *table.find_all(["tbody", "thead", "tfoot", "tr", "td", "th"])]:
            if el.find_parent("table") in (None, table) or el is table:
                el.name = "div"


def clean_page(soup: BeautifulSoup) -> None:
    """Remove page furniture (noise and layout selectors) in place, for the generic extractors."""
    cfg = generic_settings()
    prune(soup, cfg.get("noise", "selectors", []))
    prune(soup, cfg.get("noise", "layout_selectors", []))
    unwrap_layout_tables(soup)


def _hint_score(tag: Tag, pos: list[str], neg: list[str], weight: int) -> int:
    names = " ".join([*(tag.get("class") or []), str(tag.get("id") or "")]).lower()
    if not names:
        return 0
    return weight * (any(h in names for h in pos) - any(h in names for h in neg))


def readability(soup: BeautifulSoup) -> list[str]:
    """Readability-style fallback: the container whose paragraphs hold the most non-link text."""
    cfg = generic_settings()
    min_len = cfg.get("thresholds", "min_paragraph_chars", 20)
    max_ld = cfg.get("thresholds", "max_link_density", 0.5)
    pos = cfg.get("readability", "positive_hints", [])
    neg = cfg.get("readability", "negative_hints", [])
    weight = cfg.get("readability", "hint_weight", 25)
    candidates = set(cfg.get("readability", "candidates", []))
    scores: dict[int, float] = {}
    tags: dict[int, Tag] = {}
    for p in soup.find_all(["p", "div", "td", "li", "blockquote"]):
        if p.name == "div" and any(getattr(c, "name", None) in ("p", "div", "table") for c in p.children):
            continue                       # only leaf-ish divs count as paragraphs
        text = squash(p.get_text(" "))
        if len(text) < min_len:
            continue
        links = sum(len(squash(a.get_text(" "))) for a in p.find_all("a"))
        if links / max(1, len(text)) > max_ld:
            continue
        value = 1 + text.count(",") + min(len(text) // 100, 3)
        for depth, anc in enumerate(p.parents):
            if depth > 2:
                break
            if anc.name not in candidates:
                continue
            if id(anc) not in tags:
                tags[id(anc)] = anc
                scores[id(anc)] = _hint_score(anc, pos, neg, weight)
            scores[id(anc)] += value / (1 + depth)
    if not scores:
        return []
    best = tags[max(scores, key=lambda k: scores[k])]
    return blocks(best)


def trafilatura_paragraphs(html: str, url: str | None) -> list[str]:
    """The main text by trafilatura (precision mode), one paragraph per line."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, url=url, favor_precision=True, include_comments=False,
                                          include_tables=True, with_metadata=False)
    except RecursionError:
        raise
    except Exception:                       # trafilatura failures fall through to readability
        return []
    text = getattr(doc, "text", None) if doc is not None else None
    if not text:
        return []
    out = []
    for line in text.split("\n"):
        if _TABLE_RULE.fullmatch(line.strip()):
            continue
        if line.strip().startswith("|") and line.strip().endswith("|"):   # a table row: cells by tabs
            line = "\t".join(squash(c) for c in line.strip().strip("|").split("|"))
        if line := _WS.sub(" ", line).strip(" \t"):
            out.append(line)
    return out


def page_lead(soup: BeautifulSoup, paras: list[str]) -> str | None:
    """The standfirst (sapo) of the page when the body extractor left it out."""
    min_chars = generic_settings().get("thresholds", "min_lead_chars", 40)
    for sel in generic_settings().get("lead", "selectors", []):
        try:
            el = soup.select_one(sel)
        except Exception:
            continue
        if el is None:
            continue
        lead = squash(el.get_text(" "))
        if len(lead) >= min_chars and not any(lead[:60] in p or p[:60] in lead for p in paras):
            return lead
        if len(lead) >= min_chars:
            return None
    return None


def generic_body(soup: BeautifulSoup, url: str | None, title: str | None) -> tuple[list[str], str]:
    """(paragraphs, method): trafilatura on the pruned page, readability when that yields too little."""
    min_chars = generic_settings().get("thresholds", "min_body_chars", 250)
    clean_page(soup)
    paras, method = filter_paragraphs(trafilatura_paragraphs(str(soup), url), title), "trafilatura"
    if sum(map(len, paras)) < min_chars:
        fallback = filter_paragraphs(readability(soup), title)
        if sum(map(len, fallback)) > sum(map(len, paras)):
            paras, method = fallback, "readability"
    if paras and (lead := page_lead(soup, paras)):
        paras = [lead] + paras
    return paras, method
