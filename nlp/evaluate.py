"""Score extractions against gold annotations: the measures of shared/eval/score.py.

Strings are compared after NFC, lower-casing, one tone-mark placement, one dash, no quotes and folded
spaces; a gold string field may be a list of acceptable strings. Each line (people, positions,
positions+unit, units, awards, awards+recipient, dates, legal_refs, movements, document.*) counts
true positives, predictions and gold items with greedy one-to-one matching; the macro F1 is the mean F1
over the entity lines."""
from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ENTITY_LINES = ("people", "positions", "positions+unit", "units", "awards",
                "awards+recipient", "dates", "legal_refs", "movements")
DOCUMENT_FIELDS = ("title", "kind", "published", "doc_number", "doc_type", "issuer", "place")

# The scorer folds these pairs wherever they occur (unlike nlp.normalize, which only folds them at
# the end of a syllable): compare like the scorer does.
_SCORER_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
_TONE_RE = re.compile("|".join(_SCORER_TONES))
_DASH_RE = re.compile(r"[\u2010-\u2015\u2212]")
_QUOTE_RE = re.compile(r"[\"'“”‘’«»]")
_SPACED_DASH_RE = re.compile(r"\s*-\s*")
_SPACES_RE = re.compile(r"\s+")


def normalize(value) -> str | None:
    """The comparison form of a string (None stays None)."""
    if value is None:
        return None
    s = unicodedata.normalize("NFC", str(value)).lower()
    s = _TONE_RE.sub(lambda m: _SCORER_TONES[m.group(0)], s)
    s = _QUOTE_RE.sub("", _DASH_RE.sub("-", s))
    s = _SPACES_RE.sub(" ", _SPACED_DASH_RE.sub(" - ", s))
    return s.strip(" .,;:")


def acceptable(value) -> set:
    """Normalized acceptable forms of a gold field (a string, a list of strings, or None)."""
    if value is None:
        return {None}
    if isinstance(value, list):
        return {normalize(v) for v in value} or {None}
    return {normalize(value)}


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; an empty side scores 1.0 when the other is empty too."""
    p = tp / n_pred if n_pred else (0.0 if n_gold else 1.0)
    r = tp / n_gold if n_gold else (0.0 if n_pred else 1.0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def greedy_matches(gold: list, pred: Iterable, same: Callable) -> int:
    """Pairs found when each prediction, in order, takes the first unmatched gold item it fits."""
    taken: set[int] = set()
    for p in pred:
        for i, g in enumerate(gold):
            if i not in taken and same(g, p):
                taken.add(i)
                break
    return len(taken)


class GoldUnits:
    """The gold units of one document, each as the set of its acceptable names and aliases."""

    def __init__(self, units: list | None):
        self.forms: list[set] = []
        for u in units or []:
            forms = set(acceptable(u.get("name")))
            for a in u.get("aliases") or []:
                forms |= acceptable(a)
            forms.discard(None)
            self.forms.append(forms)

    def index_of(self, text) -> int | None:
        t = normalize(text)
        if t is None:
            return None
        return next((i for i, forms in enumerate(self.forms) if t in forms), None)

    def same_unit(self, gold_value, pred_value) -> bool:
        """A predicted unit string fits a gold position/recipient unit: equal, or the same gold unit."""
        if pred_value is None:
            return None in acceptable(gold_value)
        if gold_value is None:
            return False
        if normalize(pred_value) in acceptable(gold_value):
            return True
        gi = None
        for g in _listed(gold_value):
            gi = self.index_of(g) if g is not None else None
            if gi is not None:
                break
        return gi is not None and self.index_of(pred_value) == gi


def score_document(gold: dict, pred: dict) -> dict[str, list[int]]:
    """{line: [tp, predicted, gold]} for one document."""
    out: dict[str, list[int]] = {}
    units = GoldUnits(gold.get("units"))

    def add(line: str, tp: int, n_pred: int, n_gold: int) -> None:
        t = out.setdefault(line, [0, 0, 0])
        t[0] += tp
        t[1] += n_pred
        t[2] += n_gold

    g_people = gold.get("people") or []
    p_people = pred.get("people") or []
    g_names = [acceptable(p.get("name")) for p in g_people]
    p_names = list({normalize(p.get("name")) for p in p_people if p.get("name")})
    add("people", greedy_matches(g_names, p_names, lambda g, p: p in g), len(p_names), len(g_names))

    g_pos = [(acceptable(p.get("name")), acceptable(q.get("title")), q.get("unit"))
             for p in g_people for q in p.get("positions") or []]
    p_pos = [(normalize(p.get("name")), normalize(q.get("title")), q.get("unit"))
             for p in p_people for q in p.get("positions") or []]
    pairs = list({(n, t) for n, t, _ in p_pos})
    add("positions", greedy_matches(g_pos, pairs, lambda g, p: p[0] in g[0] and p[1] in g[1]),
        len(pairs), len(g_pos))
    add("positions+unit", greedy_matches(
        g_pos, p_pos, lambda g, p: p[0] in g[0] and p[1] in g[1] and units.same_unit(g[2], p[2])),
        len(p_pos), len(g_pos))

    p_units = pred.get("units") or []

    def unit_fits(gi: int, pu: dict) -> bool:
        forms = {normalize(pu.get("name"))} | {normalize(a) for a in pu.get("aliases") or []}
        return bool(forms & units.forms[gi])
    add("units", greedy_matches(list(range(len(units.forms))), p_units, unit_fits), len(p_units), len(units.forms))

    def award_fits(g: dict, p: dict) -> bool:
        return (normalize(p.get("award")) in acceptable(g.get("award"))
                and p.get("class") in _listed(g.get("class"))
                and p.get("year") in _listed(g.get("year"))
                and normalize(p.get("grantor")) in acceptable(g.get("grantor")))
    g_aw, p_aw = gold.get("awards") or [], pred.get("awards") or []
    add("awards", greedy_matches(g_aw, p_aw, award_fits), len(p_aw), len(g_aw))
    add("awards+recipient", greedy_matches(
        g_aw, p_aw, lambda g, p: award_fits(g, p) and (
            normalize(p.get("recipient")) in acceptable(g.get("recipient"))
            or units.same_unit(g.get("recipient"), p.get("recipient")))), len(p_aw), len(g_aw))

    for line, key in (("dates", "value"), ("legal_refs", "number"), ("movements", "name")):
        g_items = [acceptable(x.get(key)) for x in gold.get(line) or []]
        p_set = {normalize(x.get(key)) for x in pred.get(line) or [] if x.get(key)}
        if line == "legal_refs":      # numbers compare without spaces
            p_set = {s.replace(" ", "") for s in p_set}
            g_items = [{a.replace(" ", "") for a in g if a} for g in g_items]
        add(line, greedy_matches(g_items, list(p_set), lambda g, p: p in g), len(p_set), len(g_items))

    gd, pd = gold.get("document") or {}, pred.get("document") or {}
    for name in DOCUMENT_FIELDS:
        g, p = gd.get(name), pd.get(name)
        if name == "published" and isinstance(p, str):
            p = p[:10]
        if g is None and p is None:
            continue
        ok = g is not None and p is not None and normalize(p) in acceptable(g)
        add("document." + name, int(ok), int(p is not None), int(g is not None))
    g_sig, p_sig = gd.get("signer") or {}, pd.get("signer") or {}
    if g_sig or p_sig:
        ok = bool(g_sig and p_sig and normalize(p_sig.get("name")) in acceptable(g_sig.get("name")))
        add("document.signer", int(ok), int(bool(p_sig)), int(bool(g_sig)))
    g_auth = [acceptable(a) for a in gd.get("authors") or []]
    p_auth = list({normalize(a) for a in pd.get("authors") or []})
    add("document.authors", greedy_matches(g_auth, p_auth, lambda g, p: p in g), len(p_auth), len(g_auth))
    return out


@dataclass
class Report:
    lines: dict[str, dict]                     # line -> precision, recall, f1, tp, pred, gold
    macro_f1: float
    documents: int
    missing_predictions: list[str]
    per_doc: dict[str, dict[str, list[int]]] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"lines": self.lines, "macro_f1": self.macro_f1, "documents": self.documents,
                "missing_predictions": self.missing_predictions}


def doc_key(source) -> str:
    """Gold and predictions pair by the base name of `source`."""
    return str(source or "").replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def score(gold: dict[str, dict], pred: dict[str, dict]) -> Report:
    """Score every gold document (a missing prediction counts as an empty one)."""
    totals: dict[str, list[int]] = {}
    per_doc: dict[str, dict[str, list[int]]] = {}
    for key, g in gold.items():
        t = score_document(g, pred.get(key, {}))
        per_doc[key] = t
        for line, counts in t.items():
            agg = totals.setdefault(line, [0, 0, 0])
            for i in range(3):
                agg[i] += counts[i]
    lines = {}
    for line in sorted(totals):
        tp, n_pred, n_gold = totals[line]
        p, r, f = prf(tp, n_pred, n_gold)
        lines[line] = {"precision": p, "recall": r, "f1": f, "tp": tp, "pred": n_pred, "gold": n_gold}
    f1s = [lines[k]["f1"] for k in ENTITY_LINES if k in lines]
    return Report(lines=lines, macro_f1=sum(f1s) / len(f1s) if f1s else 0.0, documents=len(gold),
                  missing_predictions=[k for k in gold if k not in pred], per_doc=per_doc)


def format_report(report: Report, per_doc: bool = False) -> str:
    """The plain-text table (as score.py prints it)."""
    out = [f"{'line':22} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'pred':>5} {'gold':>5}"]
    for k, r in report.lines.items():
        out.append(f"{k:22} {r['precision']:6.3f} {r['recall']:6.3f} {r['f1']:6.3f} "
                   f"{r['tp']:5d} {r['pred']:5d} {r['gold']:5d}")
    if per_doc:
        for source, t in report.per_doc.items():
            cells = " ".join(f"{k}={prf(*v)[2]:.2f}" for k, v in sorted(t.items()) if k in ENTITY_LINES)
            out.append(f"  {source}: {cells}")
    missing = report.missing_predictions
    if missing:
        out.append(f"missing predictions: {len(missing)} of {report.documents} documents: {', '.join(missing)}")
    out.append(f"macro F1 over entity lines: {report.macro_f1:.3f} ({report.documents} documents)")
    return "\n".join(out)


def load_gold(directory: str | Path) -> dict[str, dict]:
    """Every *.json file of a directory, keyed by the base name of its `source`."""
    docs = {}
    for path in sorted(Path(directory).iterdir()):
        if path.suffix == ".json" and path.is_file():
            d = json.loads(path.read_text(encoding="utf-8"))
            docs[doc_key(d.get("source") or path.name)] = d
    return docs


def load_predictions(path: str | Path) -> dict[str, dict]:
    """A JSON Lines file of extractions, keyed by the base name of `source`."""
    docs = {}
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.strip()
            if not line:
                continue
            try:
                d = json.loads(line)
            except json.JSONDecodeError as e:
                raise ValueError(f"{path}:{n}: not JSON ({e})") from None
            docs[doc_key(d.get("source"))] = d
    return docs
