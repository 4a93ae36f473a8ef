"""One scorer: nlp.evaluate gives exactly the report of ../shared/eval/score.py, also on predictions
that are wrong in every way the scorer has to judge (dropped, extra, renamed and duplicated items,
alternatives, null and aliased units, shuffled order), not only on perfect ones."""
from __future__ import annotations

import copy
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from nlp.evaluate import format_report, load_gold, load_predictions, maximum_matching, score

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
GOLD_DIRS = [SHARED / "gold", ROOT / "tests" / "gold" / "annotations"]

needs_shared = pytest.mark.skipif(not SCORER.exists(), reason="../shared/eval/score.py is absent")


def _pick(value, rnd: random.Random):
    """One acceptable form of a gold field (gold may list alternatives)."""
    if isinstance(value, list):
        return rnd.choice(value) if value else None
    return value


def _mangle(s, rnd: random.Random):
    if not isinstance(s, str) or not s:
        return s
    how = rnd.randrange(5)
    if how == 0:
        return s.upper()                                  # equal after normalisation
    if how == 1:
        return " " + s.replace(" ", "  ") + " ."          # equal after normalisation
    if how == 2:
        return s[:-1]                                     # a different string
    if how == 3:
        return s + " X"
    return s.replace("oà", "òa").replace("ủy", "uỷ")     # tone placement: equal


def _perturb_list(items: list, rnd: random.Random, make_extra) -> list:
    out = [x for x in items if rnd.random() > 0.25]                       # dropped
    out += [copy.deepcopy(rnd.choice(items)) for _ in range(rnd.randrange(2))] if items else []  # duplicated
    out += [make_extra(i) for i in range(rnd.randrange(3))]              # extra
    rnd.shuffle(out)
    return out


def _perturbed_prediction(gold: dict, rnd: random.Random) -> dict:
    g = copy.deepcopy(gold)
    units = g.get("units") or []
    unit_forms = [f for u in units for f in [u.get("name"), *(u.get("aliases") or [])] if isinstance(f, str)]

    def unit_value(value):
        r = rnd.random()
        if r < 0.2:
            return None                                   # null unit
        if r < 0.45 and unit_forms:
            return rnd.choice(unit_forms)                 # another form of some gold unit
        return _mangle(_pick(value, rnd), rnd) if r < 0.6 else _pick(value, rnd)

    people = []
    for p in g.get("people") or []:
        name = _pick(p.get("name"), rnd)
        positions = [{"title": _mangle(_pick(q.get("title"), rnd), rnd) if rnd.random() < 0.2 else _pick(q.get("title"), rnd),
                      "unit": unit_value(q.get("unit"))} for q in p.get("positions") or []]
        people.append({"name": _mangle(name, rnd) if rnd.random() < 0.2 else name,
                       "positions": _perturb_list(positions, rnd, lambda i: {"title": "Giám đốc", "unit": None})})
    pred_units = [{"name": _mangle(_pick(u.get("name"), rnd), rnd) if rnd.random() < 0.3 else _pick(u.get("name"), rnd),
                   "aliases": [a for a in (u.get("aliases") or []) if rnd.random() < 0.5]} for u in units]
    awards = []
    for a in g.get("awards") or []:
        awards.append({"award": _pick(a.get("award"), rnd),
                       "class": _pick(a.get("class"), rnd) if rnd.random() > 0.15 else rnd.choice([1, 2, 3, None]),
                       "grantor": _pick(a.get("grantor"), rnd) if rnd.random() > 0.15 else None,
                       "recipient": unit_value(a.get("recipient")),
                       "year": _pick(a.get("year"), rnd) if rnd.random() > 0.15 else None})
    doc = dict(g.get("document") or {})
    for name in ("title", "kind", "published", "doc_number", "doc_type", "issuer", "place"):
        r = rnd.random()
        doc[name] = None if r < 0.15 else _mangle(_pick(doc.get(name), rnd), rnd) if r < 0.3 else _pick(doc.get(name), rnd)
    if isinstance(doc.get("published"), str) and rnd.random() < 0.3:
        doc["published"] += "T08:00:00"                   # only the date part counts
    if rnd.random() < 0.3:
        doc["signer"] = None if rnd.random() < 0.5 else {"name": "Lê Văn Khác", "title": None}
    doc["authors"] = _perturb_list([_pick(a, rnd) for a in doc.get("authors") or []], rnd, lambda i: f"Tác Giả {i}")

    def values(key, field, extra):
        items = [{field: _pick(x.get(field), rnd)} for x in g.get(key) or []]
        if key == "legal_refs":
            items = [{field: x[field].replace("/", " / ", 1) if x[field] and rnd.random() < 0.3 else x[field]}
                     for x in items]
        return _perturb_list(items, rnd, lambda i: {field: extra(i)})
    return {
        "source": g.get("source"),
        "document": doc,
        "people": _perturb_list(people, rnd, lambda i: {"name": f"Nguyễn Văn Thêm {i}", "positions": []}),
        "units": _perturb_list(pred_units, rnd, lambda i: {"name": f"Sở Thêm {i}", "aliases": []}),
        "awards": _perturb_list(awards, rnd, lambda i: {"award": "Bằng khen", "class": None, "grantor": None,
                                                         "recipient": None, "year": 2020 + i}),
        "dates": values("dates", "value", lambda i: f"20{10 + i}"),
        "legal_refs": values("legal_refs", "number", lambda i: f"{i}/QĐ-UBND"),
        "movements": values("movements", "name", lambda i: f"Phong trào thêm {i}"),
    }


def _ambiguous_gold(gold: dict, rnd: random.Random) -> dict:
    """Gold whose items overlap: a name, unit or recipient also accepts another item's form, and a year
    may be absent. One prediction then fits several gold items, which is where a greedy pairing
    (each prediction takes the first gold item it fits) counts fewer pairs than the scorer."""
    g = copy.deepcopy(gold)

    def widen(items: list, key: str) -> None:
        forms = [x.get(key) for x in items if isinstance(x.get(key), str)]
        for x in items:
            if forms and isinstance(x.get(key), str) and rnd.random() < 0.4:
                x[key] = [x[key], rnd.choice(forms)]
    widen(g.get("people") or [], "name")
    widen(g.get("awards") or [], "recipient")
    units = g.get("units") or []
    names = [u["name"] for u in units if isinstance(u.get("name"), str)]
    for u in units:
        if names and rnd.random() < 0.3:
            u["aliases"] = [*(u.get("aliases") or []), rnd.choice(names)]
    for a in g.get("awards") or []:
        if isinstance(a.get("year"), int) and rnd.random() < 0.4:
            a["year"] = [a["year"], None]
    return g


def _merged_units(pred: dict, rnd: random.Random) -> None:
    """A predicted unit that took another unit's form as an alias, printed before that unit."""
    units = pred["units"]
    if len(units) >= 2 and rnd.random() < 0.5:
        a, b = rnd.sample(range(len(units)), 2)
        merged = {"name": units[a]["name"], "aliases": [*units[a]["aliases"], units[b]["name"]]}
        units.insert(0, merged)


def _perturbed_set(gold_dir: Path, seed: int, tmp_path: Path) -> tuple[Path, Path]:
    """A gold folder with overlapping items and predictions that are wrong in many ways, in tmp_path."""
    rnd = random.Random(seed)
    out_gold = tmp_path / "gold"
    out_gold.mkdir(parents=True)
    preds = []
    for name, d in load_gold(gold_dir).items():
        g = _ambiguous_gold(d, rnd) if seed % 2 else d
        (out_gold / f"{name}.json").write_text(json.dumps(g, ensure_ascii=False), encoding="utf-8")
        if rnd.random() > 0.1:                                # some documents have no prediction
            p = _perturbed_prediction(d, rnd)
            _merged_units(p, rnd)
            preds.append(p)
    pred_file = tmp_path / "pred.jsonl"
    pred_file.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in preds), encoding="utf-8")
    return out_gold, pred_file


def _score_py(gold_dir: Path, pred_file: Path, *args: str) -> str:
    res = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold_dir), "--pred", str(pred_file), *args],
                         capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr
    return res.stdout


@needs_shared
@pytest.mark.parametrize("gold_dir", GOLD_DIRS, ids=lambda p: p.parent.name + "/" + p.name)
@pytest.mark.parametrize("seed", range(8))
def test_same_report_as_score_py_on_perturbed_predictions(gold_dir, seed, tmp_path):
    gold_copy, pred_file = _perturbed_set(gold_dir, seed, tmp_path)
    ours = score(load_gold(gold_copy), load_predictions(pred_file))
    assert json.loads(json.dumps(ours.as_json())) == json.loads(_score_py(gold_copy, pred_file, "--json"))
    assert format_report(ours, per_doc=True) + "\n" == _score_py(gold_copy, pred_file, "--per-doc")
    assert ours.macro_f1 < 1.0                            # the perturbations did make mistakes


def _greedy(gold, pred, same) -> dict[int, int]:
    taken: dict[int, int] = {}
    for p, pv in enumerate(pred):
        g = next((g for g, gv in enumerate(gold) if g not in taken and same(gv, pv)), None)
        if g is not None:
            taken[g] = p
    return {p: g for g, p in taken.items()}


@needs_shared
def test_the_perturbed_sets_tell_a_maximum_matching_from_a_greedy_one(tmp_path, monkeypatch):
    """Guard for the test above: on its inputs a greedy pairing gives other counts, so a scorer
    that paired greedily would fail it."""
    import nlp.evaluate
    differs = 0
    for seed in range(1, 8, 2):
        gold_copy, pred_file = _perturbed_set(GOLD_DIRS[1], seed, tmp_path / str(seed))
        gold, pred = load_gold(gold_copy), load_predictions(pred_file)
        exact = score(gold, pred).lines
        with monkeypatch.context() as m:
            m.setattr(nlp.evaluate, "maximum_matching", _greedy)
            differs += score(gold, pred).lines != exact
    assert differs >= 2


def test_maximum_matching_is_not_greedy():
    # "a" fits both gold items, "b" only the first: a greedy pass in prediction order pairs "a" with the
    # first and leaves "b" out; the maximum matching pairs both
    fits = lambda g, p: p in g  # noqa: E731
    assert maximum_matching([{"a", "b"}, {"a"}], ["a", "b"], fits) == {0: 1, 1: 0}
    assert len(maximum_matching([{"a"}, {"a"}], ["a", "a", "a"], fits)) == 2
    assert maximum_matching([], ["a"], fits) == {} and maximum_matching([{"a"}], [], fits) == {}


def test_maximum_matching_follows_long_chains_without_recursion():
    # prediction i fits gold i and i+1; the last one fits only gold 0: every earlier prediction must move
    n = 1500
    pairs = maximum_matching(list(range(n)), list(range(n)),
                             lambda g, p: g == 0 if p == n - 1 else g in (p, p + 1))
    assert len(pairs) == n and pairs[n - 1] == 0
