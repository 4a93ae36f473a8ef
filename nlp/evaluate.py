"""Score extractions against gold annotations: the measures of shared/eval/score.py, item by item.

Strings are compared after NFC, lower-casing, one tone-mark placement, one dash, no quotes and folded
spaces; a gold string field may be a list of acceptable strings. Each line (people, positions,
positions+unit, units, awards, awards+recipient, dates, legal_refs, movements, document.*) pairs gold
and predicted items one to one with a maximum matching (augmenting paths, so the count does not depend
on the order of either side); the macro F1 is the mean F1 over the entity lines.

Beyond the counts, every line keeps which gold items were missed and which predictions were extra
(`vnarchive eval --diff`), and the rule of each prediction with whether it matched
(`vnarchive eval --rules`)."""
from __future__ import annotations

import json
import os
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ENTITY_LINES = ("people", "positions", "positions+unit", "units", "awards",
                "awards+recipient", "dates", "legal_refs", "movements")
DOCUMENT_FIELDS = ("title", "kind", "published", "doc_number", "doc_type", "issuer", "place")
# the line that judges each kind of fact for `--rules` (the strictest line it takes part in)
RULE_LINES = {"people": "people", "positions+unit": "positions", "units": "units",
              "awards+recipient": "awards", "dates": "dates", "legal_refs": "legal_refs",
              "movements": "movements"}

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


def maximum_matching(gold: Sequence, pred: Sequence, same: Callable) -> dict[int, int]:
    """A largest set of one-to-one (prediction index -> gold index) pairs with `same(gold, pred)`.

    Each prediction in turn looks for an augmenting path: a free gold item, reached directly or by
    moving earlier predictions to other gold items they also fit. The search keeps its own stack
    (no recursion limit on long documents)."""
    fits = [[g for g, gv in enumerate(gold) if same(gv, pv)] for pv in pred]
    gold_to_pred: dict[int, int] = {}
    pred_to_gold: dict[int, int] = {}
    for start, options in enumerate(fits):
        if not options:
            continue
        reached_from: dict[int, int] = {}          # gold index -> the prediction that reached it
        stack = [(start, iter(options))]
        free = None
        while stack and free is None:
            p, pending = stack[-1]
            for g in pending:
                if g in reached_from:
                    continue
                reached_from[g] = p
                if g in gold_to_pred:
                    holder = gold_to_pred[g]
                    stack.append((holder, iter(fits[holder])))
                else:
                    free = g
                break
            else:
                stack.pop()
        g = free
        while g is not None:                       # shift every prediction along the path
            p = reached_from[g]
            previous = pred_to_gold.get(p)
            gold_to_pred[g], pred_to_gold[p] = p, g
            g = previous
    return pred_to_gold


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


@dataclass
class LineResult:
    """One line of one document: counts, the unmatched items as text, each prediction's rule."""
    tp: int = 0
    pred: int = 0
    gold: int = 0
    missed: list[str] = field(default_factory=list)
    extra: list[str] = field(default_factory=list)
    rules: list[tuple[str | None, bool]] = field(default_factory=list)   # (rule, matched) per prediction

    @property
    def counts(self) -> list[int]:
        return [self.tp, self.pred, self.gold]


def _label(value) -> str:
    """A gold or predicted value as one readable cell ("A / B" for alternatives)."""
    if isinstance(value, list):
        return " / ".join(_label(v) for v in value) or "-"
    return "-" if value is None else str(value)


@dataclass
class _Side:
    """The items of one side of a line, with how to print each and (predictions) its rule."""
    items: list
    labels: list[str]
    rules: list[str | None] = field(default_factory=list)


class _DocScorer:
    def __init__(self, gold: dict, pred: dict):
        self.gold, self.pred = gold, pred
        self.units = GoldUnits(gold.get("units"))
        self.lines: dict[str, LineResult] = {}

    def line(self, name: str, gold: _Side, pred: _Side, same: Callable) -> None:
        pairs = maximum_matching(gold.items, pred.items, same)
        res = self.lines.setdefault(name, LineResult())
        res.tp += len(pairs)
        res.pred += len(pred.items)
        res.gold += len(gold.items)
        matched_gold = set(pairs.values())
        res.missed += [lab for i, lab in enumerate(gold.labels) if i not in matched_gold]
        rules = pred.rules or [None] * len(pred.items)
        res.extra += [lab + (f"  [{rules[i]}]" if rules[i] else "")
                      for i, lab in enumerate(pred.labels) if i not in pairs]
        res.rules += [(r, i in pairs) for i, r in enumerate(rules)]

    def field(self, name: str, tp: int, n_pred: int, n_gold: int, gold_value, pred_value) -> None:
        res = self.lines.setdefault(name, LineResult())
        res.tp += tp
        res.pred += n_pred
        res.gold += n_gold
        if n_gold and not tp:
            res.missed.append(_label(gold_value))
        if n_pred and not tp:
            res.extra.append(_label(pred_value))


def _unique_by_key(items: list, key: Callable, label: Callable, rule: Callable) -> _Side:
    """Predictions that count once per distinct key (a name printed twice is one person): the first
    item of each key gives the label and the rule."""
    firsts: dict = {}
    for x in items:
        firsts.setdefault(key(x), x)
    return _Side(list(firsts), [label(x) for x in firsts.values()], [rule(x) for x in firsts.values()])


def _score_people(s: _DocScorer) -> None:
    g_people, p_people = s.gold.get("people") or [], s.pred.get("people") or []
    gold = _Side([acceptable(p.get("name")) for p in g_people], [_label(p.get("name")) for p in g_people])
    pred = _unique_by_key([p for p in p_people if p.get("name")], lambda p: normalize(p.get("name")),
                          lambda p: _label(p.get("name")), lambda p: p.get("rule"))
    s.line("people", gold, pred, lambda g, p: p in g)

    g_pos = [(p, q) for p in g_people for q in p.get("positions") or []]
    p_pos = [(p, q) for p in p_people for q in p.get("positions") or []]
    gold_items = [(acceptable(p.get("name")), acceptable(q.get("title")), q.get("unit")) for p, q in g_pos]
    pred_items = [(normalize(p.get("name")), normalize(q.get("title")), q.get("unit")) for p, q in p_pos]

    def who(p, q, unit=False) -> str:
        out = f"{_label(p.get('name'))} | {_label(q.get('title'))}"
        return out + f" | {_label(q.get('unit'))}" if unit else out
    pairs = _unique_by_key(list(zip(pred_items, p_pos)), lambda x: x[0][:2], lambda x: who(*x[1]),
                           lambda x: x[1][1].get("rule"))
    s.line("positions", _Side(gold_items, [who(*x) for x in g_pos]), pairs,
           lambda g, p: p[0] in g[0] and p[1] in g[1])
    s.line("positions+unit", _Side(gold_items, [who(*x, unit=True) for x in g_pos]),
           _Side(pred_items, [who(*x, unit=True) for x in p_pos], [q.get("rule") for _, q in p_pos]),
           lambda g, p: p[0] in g[0] and p[1] in g[1] and s.units.same_unit(g[2], p[2]))


def _score_units(s: _DocScorer) -> None:
    g_units, p_units = s.gold.get("units") or [], s.pred.get("units") or []

    def fits(gi: int, pu: dict) -> bool:
        forms = {normalize(pu.get("name"))} | {normalize(a) for a in pu.get("aliases") or []}
        return bool(forms & s.units.forms[gi])
    s.line("units", _Side(list(range(len(s.units.forms))), [_label(u.get("name")) for u in g_units]),
           _Side(p_units, [_label(u.get("name")) for u in p_units], [u.get("rule") for u in p_units]), fits)


def _award_label(a: dict, recipient: bool) -> str:
    cells = [_label(a.get("award")), f"class={_label(a.get('class'))}", f"year={_label(a.get('year'))}",
             f"grantor={_label(a.get('grantor'))}"]
    return " | ".join(cells + ([f"recipient={_label(a.get('recipient'))}"] if recipient else []))


def _score_awards(s: _DocScorer) -> None:
    g_aw, p_aw = s.gold.get("awards") or [], s.pred.get("awards") or []

    def same_award(g: dict, p: dict) -> bool:
        return (normalize(p.get("award")) in acceptable(g.get("award"))
                and p.get("class") in _listed(g.get("class"))
                and p.get("year") in _listed(g.get("year"))
                and normalize(p.get("grantor")) in acceptable(g.get("grantor")))

    def same_conferment(g: dict, p: dict) -> bool:
        return same_award(g, p) and (normalize(p.get("recipient")) in acceptable(g.get("recipient"))
                                     or s.units.same_unit(g.get("recipient"), p.get("recipient")))
    rules = [a.get("rule") for a in p_aw]
    s.line("awards", _Side(g_aw, [_award_label(a, False) for a in g_aw]),
           _Side(p_aw, [_award_label(a, False) for a in p_aw], rules), same_award)
    s.line("awards+recipient", _Side(g_aw, [_award_label(a, True) for a in g_aw]),
           _Side(p_aw, [_award_label(a, True) for a in p_aw], rules), same_conferment)


def _score_values(s: _DocScorer) -> None:
    """Dates, legal references, movements: sets of normalized values (numbers without spaces)."""
    for line, key in (("dates", "value"), ("legal_refs", "number"), ("movements", "name")):
        g_items = s.gold.get(line) or []
        gold = [acceptable(x.get(key)) for x in g_items]
        squeeze = (lambda v: v.replace(" ", "")) if line == "legal_refs" else (lambda v: v)
        if line == "legal_refs":
            gold = [{squeeze(a) for a in g if a} for g in gold]
        pred = _unique_by_key([x for x in s.pred.get(line) or [] if x.get(key)],
                              lambda x: squeeze(normalize(x.get(key))), lambda x: _label(x.get(key)),
                              lambda x: x.get("rule"))
        s.line(line, _Side(gold, [_label(x.get(key)) for x in g_items]), pred, lambda g, p: p in g)


def _score_document_fields(s: _DocScorer) -> None:
    gd, pd = s.gold.get("document") or {}, s.pred.get("document") or {}
    for name in DOCUMENT_FIELDS:
        g, p = gd.get(name), pd.get(name)
        if name == "published" and isinstance(p, str):
            p = p[:10]
        if g is None and p is None:
            continue
        ok = g is not None and p is not None and normalize(p) in acceptable(g)
        s.field("document." + name, int(ok), int(p is not None), int(g is not None), g, p)
    g_sig, p_sig = gd.get("signer") or {}, pd.get("signer") or {}
    if g_sig or p_sig:
        ok = bool(g_sig and p_sig and normalize(p_sig.get("name")) in acceptable(g_sig.get("name")))
        s.field("document.signer", int(ok), int(bool(p_sig)), int(bool(g_sig)),
                g_sig.get("name") if g_sig else None, p_sig.get("name") if p_sig else None)
    g_auth = gd.get("authors") or []
    pred = _unique_by_key(list(pd.get("authors") or []), normalize, _label, lambda a: None)
    s.line("document.authors", _Side([acceptable(a) for a in g_auth], [_label(a) for a in g_auth]), pred,
           lambda g, p: p in g)


def score_document_lines(gold: dict, pred: dict) -> dict[str, LineResult]:
    """Every line of one document, with its unmatched items and the rule of each prediction."""
    s = _DocScorer(gold, pred)
    for part in (_score_people, _score_units, _score_awards, _score_values, _score_document_fields):
        part(s)
    return s.lines


def score_document(gold: dict, pred: dict) -> dict[str, list[int]]:
    """{line: [tp, predicted, gold]} for one document."""
    return {k: v.counts for k, v in score_document_lines(gold, pred).items()}


@dataclass
class Report:
    lines: dict[str, dict]                     # line -> precision, recall, f1, tp, pred, gold
    macro_f1: float
    documents: int
    missing_predictions: list[str]
    per_doc: dict[str, dict[str, list[int]]] = field(default_factory=dict)
    details: dict[str, dict[str, LineResult]] = field(default_factory=dict)

    def as_json(self) -> dict:
        return {"lines": self.lines, "macro_f1": self.macro_f1, "documents": self.documents,
                "missing_predictions": self.missing_predictions}


def doc_key(source) -> str:
    """Gold and predictions pair by the base name of `source` (as score.py takes it)."""
    return os.path.basename(str(source or ""))


def score(gold: dict[str, dict], pred: dict[str, dict]) -> Report:
    """Score every gold document (a missing prediction counts as an empty one)."""
    totals: dict[str, list[int]] = {}
    per_doc: dict[str, dict[str, list[int]]] = {}
    details: dict[str, dict[str, LineResult]] = {}
    for key, g in gold.items():
        details[key] = score_document_lines(g, pred.get(key, {}))
        per_doc[key] = {k: v.counts for k, v in details[key].items()}
        for line, counts in per_doc[key].items():
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
                  missing_predictions=[k for k in gold if k not in pred], per_doc=per_doc, details=details)


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


def _line_order(name: str) -> tuple[int, str]:
    return (ENTITY_LINES.index(name), "") if name in ENTITY_LINES else (len(ENTITY_LINES), name)


def format_diff(report: Report) -> str:
    """Per document, each missed gold item ("-") and each extra prediction ("+"), one per line."""
    out = []
    for source, lines in report.details.items():
        rows = []
        for name in sorted(lines, key=_line_order):
            res = lines[name]
            rows += [f"  - {name:18} {item}" for item in res.missed]
            rows += [f"  + {name:18} {item}" for item in res.extra]
        if rows:
            out.append(f"== {source}")
            out += rows
    return "\n".join(out) + ("\n" if out else "")


def rule_counts(report: Report) -> dict[str, tuple[str, int, int]]:
    """rule -> (fact line, predictions that matched gold, predictions that did not)."""
    out: dict[str, list] = {}
    for lines in report.details.values():
        for line, fact in RULE_LINES.items():
            res = lines.get(line)
            for rule, matched in res.rules if res else ():
                row = out.setdefault(rule or "(no rule)", [fact, 0, 0])
                row[1 if matched else 2] += 1
    return {k: tuple(v) for k, v in sorted(out.items())}


def format_rules(report: Report) -> str:
    out = [f"{'rule':40} {'fact':10} {'match':>6} {'wrong':>6} {'precision':>9}"]
    for rule, (fact, ok, wrong) in rule_counts(report).items():
        out.append(f"{rule:40} {fact:10} {ok:6d} {wrong:6d} {ok / (ok + wrong):9.2f}")
    return "\n".join(out)


def load_gold(directory: str | Path) -> dict[str, dict]:
    """Every *.json file of a directory (sorted by name), keyed by the base name of its `source`."""
    docs = {}
    for name in sorted(os.listdir(directory)):
        path = Path(directory) / name
        if name.endswith(".json") and path.is_file():
            d = json.loads(path.read_text(encoding="utf-8"))
            docs[doc_key(d.get("source") or name)] = d
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
