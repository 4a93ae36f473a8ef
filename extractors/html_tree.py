"""HTML parsing and tree helpers shared by the page parser (lxml; every walk is iterative).

A page is parsed once with lxml; pages nested deeper than libxml2's limit (256) are first
flattened through BeautifulSoup so that no text below that depth is lost."""
from __future__ import annotations

import re
import warnings
from functools import lru_cache

import lxml.html
from lxml import etree
from lxml.cssselect import CSSSelector
from lxml.html import HtmlElement

from extractors.site_profiles import generic_settings

BLOCK_TAGS = frozenset(
    "address article aside blockquote body dd details dl dt div fieldset figcaption figure footer form h1 h2 h3 h4 "
    "h5 h6 header hr li main nav ol p pre section summary table tbody thead tfoot tr ul center caption".split())
# never text: dropped from the tree before anything reads it
DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "button", "select", "option",
             "input", "textarea", "object", "embed", "map", "audio", "video", "source", "head", "title")
_WS = re.compile(r"\s+")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_DEPTH_ERROR = "Excessive depth"
# characters an XML tree cannot hold (lxml refuses them when text is moved): C0 controls other
# than whitespace, lone surrogates, U+FFFE/U+FFFF; they print nothing, vertical tab and form feed a space
_NOT_XML = re.compile(r"[\x00-\x08\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_XML_SPACE = re.compile(r"[\x0b\x0c]")


def squash(text: str | None) -> str:
    return _WS.sub(" ", text or "").strip()


def parse_page(text: str) -> HtmlElement:
    """The page as an lxml tree (comments and processing instructions removed)."""
    text = _XML_SPACE.sub(" ", _NOT_XML.sub("", _XML_DECL.sub("", text, count=1)))
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        tree = lxml.html.document_fromstring(text, parser=parser)
    except (etree.ParserError, ValueError):
        tree = lxml.html.document_fromstring(f"<html><body>{text}</body></html>", parser=parser)
    if any(_DEPTH_ERROR in e.message for e in parser.error_log):
        tree = lxml.html.document_fromstring(_flattened(text), parser=parser)
    return tree


def _flattened(text: str) -> str:
    """The page re-serialised with every subtree deeper than the limit collapsed into its text."""
    from bs4 import BeautifulSoup, NavigableString, XMLParsedAsHTMLWarning

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(text, "lxml")
    max_depth = generic_settings().get("thresholds", "max_depth", 200)
    depth: dict[int, int] = {id(soup): 0}
    cut = []
    for tag in soup.find_all(True):
        parent_depth = depth.get(id(tag.parent))
        if parent_depth is None:
            continue
        if parent_depth + 1 == max_depth and tag.find(True) is not None:
            cut.append(tag)
            continue
        depth[id(tag)] = parent_depth + 1
    for tag in cut:
        flat = "\n".join(squash(s) for s in tag.stripped_strings)
        tag.clear()
        tag.append(NavigableString(flat))
    return str(soup)


def drop_non_text(tree: HtmlElement) -> None:
    """Remove scripts, styles, forms' controls and other elements that never hold article text."""
    for el in list(tree.iter(*DROP_TAGS)):
        remove(el)


def remove(el: HtmlElement) -> None:
    """Remove `el` but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


@lru_cache(maxsize=512)
def css(selector: str) -> CSSSelector | None:
    try:
        return CSSSelector(selector, translator="html")
    except Exception:            # a bad selector in a data file must not sink the page
        return None


# Simple selectors (tag, .class, #id, [attr], [attr=v], [attr*=v], [attr^=v], [attr~=v] and a tag
# followed by one of those) are matched in one pass over the tree; others go through cssselect.
_SIMPLE = re.compile(r"^(?P<tag>[a-z][a-z0-9]*)?(?:\.(?P<cls>[\w-]+)|#(?P<id>[\w-]+)|"
                     r"\[(?P<attr>[\w-]+)(?:(?P<op>[*^~]?=)[\"']?(?P<val>[^\"'\]]*)[\"']?)?\])?$")


def _parse_simple(selector: str) -> tuple | None:
    """(tag, attr, op, value) of a simple selector, or None when cssselect must read it."""
    m = _SIMPLE.match(selector.strip())
    if not m or not (m["tag"] or m["cls"] or m["id"] or m["attr"]):
        return None
    if m["cls"]:
        return m["tag"], "class", "~=", m["cls"]
    if m["id"]:
        return m["tag"], "id", "=", m["id"]
    if m["attr"]:
        return m["tag"], m["attr"].lower(), m["op"], m["val"]
    return m["tag"], None, None, None


class _Matcher:
    """Many simple selectors tested at once per element: substring tests joined into one regex
    per attribute, equality and token tests by set lookup."""

    def __init__(self, parsed: list[tuple]):
        self.tags: set[str] = set()
        self.qualified: list[tuple] = []           # tag plus a condition: tested one by one
        subs: dict[str, list[str]] = {}
        self.prefixes: dict[str, tuple[str, ...]] = {}
        self.equals: dict[str, set[str]] = {}
        self.tokens: dict[str, set[str]] = {}
        self.present: set[str] = set()
        for tag, attr, op, val in parsed:
            if attr is None:
                self.tags.add(tag)
            elif tag:
                self.qualified.append((tag, attr, op, val))
            elif op == "*=" and val:
                subs.setdefault(attr, []).append(re.escape(val))
            elif op == "^=" and val:
                self.prefixes[attr] = self.prefixes.get(attr, ()) + (val,)
            elif op == "=":
                self.equals.setdefault(attr, set()).add(val)
            elif op == "~=":
                self.tokens.setdefault(attr, set()).add(val)
            elif op is None:
                self.present.add(attr)
        self.substrings = {attr: re.compile("|".join(vals)) for attr, vals in subs.items()}

    def __call__(self, el: HtmlElement) -> bool:
        if el.tag in self.tags:
            return True
        attrib = el.attrib
        if not attrib:
            return False
        for attr, rx in self.substrings.items():
            if (v := attrib.get(attr)) and rx.search(v):
                return True
        for attr, vals in self.prefixes.items():
            if (v := attrib.get(attr)) and v.startswith(vals):
                return True
        for attr, vals in self.equals.items():
            if attrib.get(attr) in vals:
                return True
        for attr, vals in self.tokens.items():
            if (v := attrib.get(attr)) and not vals.isdisjoint(v.split()):
                return True
        if any(attr in attrib for attr in self.present):
            return True
        return any(el.tag == tag and _condition(attrib.get(attr), op, val) for tag, attr, op, val in self.qualified)


def _condition(value: str | None, op: str | None, val: str) -> bool:
    if value is None:
        return False
    if op is None:
        return True
    if op == "=":
        return value == val
    if op == "*=":
        return bool(val) and val in value
    if op == "^=":
        return bool(val) and value.startswith(val)
    return val in value.split()


@lru_cache(maxsize=128)
def _matcher(selectors: tuple[str, ...]) -> tuple[_Matcher | None, tuple[str, ...]]:
    """(one matcher for the simple selectors, the selectors cssselect must read)."""
    parsed = [(sel, _parse_simple(sel)) for sel in selectors]
    simple = [p for _, p in parsed if p is not None]
    return (_Matcher(simple) if simple else None), tuple(sel for sel, p in parsed if p is None)


def select(root: HtmlElement, selectors: list[str] | tuple[str, ...]) -> list[HtmlElement]:
    """Elements under `root` (itself included) matching any of the CSS selectors, in document
    order, no duplicates."""
    matcher, complex_ = _matcher(tuple(selectors))
    found: dict[HtmlElement, int] = {}
    if matcher is not None:
        for i, el in enumerate(root.iter()):
            if isinstance(el.tag, str) and matcher(el):
                found[el] = i
    if complex_:
        order = doc_order(root)
        for sel in complex_:
            if (compiled := css(sel)) is not None:
                for el in compiled(root):
                    found.setdefault(el, order.get(el, 0))
    return sorted(found, key=found.__getitem__)


def prune_selectors(root: HtmlElement, selectors: list[str] | tuple[str, ...]) -> None:
    """Remove every element under `root` matching one of the CSS selectors."""
    for el in select(root, selectors):
        if el is not root:
            remove(el)


def select_one(root: HtmlElement, selectors: list[str] | tuple[str, ...]) -> HtmlElement | None:
    """The first match of the first selector that matches (selector order wins, as in profiles)."""
    for sel in selectors:
        if (compiled := css(sel)) is not None and (hits := compiled(root)):
            return hits[0]
    return None


def names_of(el: HtmlElement) -> str:
    """class and id of an element, lower-cased, for hint matching."""
    return f"{el.get('class') or ''} {el.get('id') or ''}".lower()


def text_of(el: HtmlElement) -> str:
    """The element's text, whitespace squashed; a space where two elements' texts meet as a
    lower-case letter and a capital ("<span>Hà Nội</span>Sở ...": no Vietnamese word does that)."""
    pieces = list(el.itertext())
    if len(pieces) < 2:
        return squash(pieces[0] if pieces else "")
    return squash(_join_pieces(pieces))


def _join_pieces(pieces: list[str]) -> str:
    out = [pieces[0]]
    for piece in pieces[1:]:
        if piece and out[-1] and out[-1][-1].islower() and piece[0].isupper():
            out.append(" ")
        out.append(piece)
    return "".join(out)


def link_text_len(el: HtmlElement) -> int:
    return sum(len(squash(a.text_content())) for a in el.iter("a"))


def blocks(root: HtmlElement, skip: set[HtmlElement] | None = None) -> list[str]:
    """Text of `root` split at block boundaries (p, div, li, tr, br ...); table cells joined by tabs."""
    out: list[str] = []
    buf: list[str] = []
    skip = skip or set()

    def flush() -> None:
        text = _WS.sub(" ", _join_pieces(buf).replace("\t", "\x00") if buf else "").replace("\x00", "\t").strip(" \t")
        if text:
            out.append(text)
        buf.clear()

    walker = etree.iterwalk(root, events=("start", "end"))
    skipped: set[HtmlElement] = set()
    for event, el in walker:
        tag = el.tag if isinstance(el.tag, str) else None
        if event == "start":
            if tag is None or tag in DROP_TAGS or el in skip:
                walker.skip_subtree()
                skipped.add(el)
                continue
            if tag in BLOCK_TAGS or tag == "br":
                flush()
            elif tag in ("td", "th") and buf and el.getprevious() is not None:
                buf.append("\t")
            if el.text:
                buf.append(el.text)
            continue
        if tag in BLOCK_TAGS and el not in skipped:
            flush()
        if el is not root and el.tail:
            buf.append(el.tail)
    flush()
    return out


def doc_order(tree: HtmlElement) -> dict[HtmlElement, int]:
    """Position of every element in document order. Elements, not id()s, are the keys: lxml makes
    a new proxy object for a node whose proxy was freed, so an id() can name another node later."""
    return {el: i for i, el in enumerate(tree.iter())}
