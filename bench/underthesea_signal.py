"""Would underthesea's NER (or its proper-noun POS tag) add people or units the rules miss?

usage: python bench/underthesea_signal.py --gold DIR PATH... [--limit N]

For each document with a gold file: the rules' people and units (nlp.pipeline.extract), and the
spans underthesea `ner` tags PER, ORG (B-/I- runs) and Np (proper noun) sentence by sentence. Prints,
against the gold names (scorer normalisation): how many gold people/units each finds, how many it
finds that the rules miss (what it could add as a signal), how many of its spans match no gold item
(what it would add wrongly), and the time each takes. docs/quality.md quotes the figures."""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from extractors.read import iter_input_files, read_path, read_raw  # noqa: E402
from nlp.evaluate import acceptable, doc_key, load_gold, normalize  # noqa: E402
from nlp.pipeline import extract  # noqa: E402


def ner_spans(text: str) -> dict[str, set[str]]:
    """Normalized PER, ORG and Np spans underthesea finds, sentence by sentence."""
    from underthesea import ner, sent_tokenize
    out: dict[str, set[str]] = {"PER": set(), "ORG": set(), "Np": set()}
    for sent in sent_tokenize(text):
        if not sent.strip():
            continue
        run, label = [], None
        for word, pos, _chunk, tag in ner(sent):
            if pos == "Np":
                out["Np"].add(normalize(word))
            kind = tag[2:] if tag != "O" else None
            if tag.startswith("B-") or kind != label:
                if run and label in out:
                    out[label].add(normalize(" ".join(run)))
                run, label = ([word], kind) if kind else ([], None)
            elif kind:
                run.append(word)
        if run and label in out:
            out[label].add(normalize(" ".join(run)))
    return out


def gold_forms(items: list[dict], with_aliases: bool) -> list[set[str]]:
    out = []
    for it in items:
        forms = set(acceptable(it.get("name")))
        if with_aliases:
            for a in it.get("aliases") or []:
                forms |= acceptable(a)
        forms.discard(None)
        out.append(forms)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True)
    ap.add_argument("paths", nargs="+")
    ap.add_argument("--limit", type=int, default=0, help="only the first N documents")
    args = ap.parse_args()
    gold = load_gold(args.gold)
    files = [f for f in iter_input_files(args.paths) if doc_key(Path(f).name) in gold]
    files = files[:args.limit] if args.limit else files
    tally = {k: 0 for k in ("gold_people", "gold_units", "rules_people", "rules_units", "per_hit", "per_new",
                            "per_wrong", "np_hit", "np_new", "np_wrong", "org_hit", "org_new", "org_wrong")}
    t_rules = t_ner = 0.0
    for f in files:
        doc = read_raw(read_path(f))
        g = gold[doc_key(Path(f).name)]
        t = time.process_time()
        x = extract(doc)
        t_rules += time.process_time() - t
        t = time.process_time()
        spans = ner_spans(doc.text)
        t_ner += time.process_time() - t
        people = gold_forms(g.get("people") or [], False)
        units = gold_forms(g.get("units") or [], True)
        ours_p = {normalize(p.name) for p in x.people}
        ours_u = {normalize(f) for u in x.units for f in [u.name, *u.aliases]}
        tally["gold_people"] += len(people)
        tally["gold_units"] += len(units)
        tally["rules_people"] += sum(1 for forms in people if forms & ours_p)
        tally["rules_units"] += sum(1 for forms in units if forms & ours_u)
        for label, wanted, ours, key in (("PER", people, ours_p, "per"), ("Np", people, ours_p, "np"),
                                         ("ORG", units, ours_u, "org")):
            found = spans[label]
            tally[f"{key}_hit"] += sum(1 for forms in wanted if forms & found)
            tally[f"{key}_new"] += sum(1 for forms in wanted if forms & found and not forms & ours)
            tally[f"{key}_wrong"] += sum(1 for s in found if not any(s in forms for forms in wanted))
    n = len(files)
    print(f"{n} documents; process time: rules {t_rules:.2f} s, underthesea ner {t_ner:.2f} s "
          f"({t_ner / max(t_rules, 1e-9):.0f}x the rules)")
    print(f"gold people {tally['gold_people']}: rules find {tally['rules_people']}; "
          f"ner PER finds {tally['per_hit']} ({tally['per_new']} the rules miss), {tally['per_wrong']} PER spans match no gold person; "
          f"Np tokens find {tally['np_hit']} ({tally['np_new']} the rules miss), {tally['np_wrong']} Np tokens match no gold person")
    print(f"gold units {tally['gold_units']}: rules find {tally['rules_units']}; "
          f"ner ORG finds {tally['org_hit']} ({tally['org_new']} the rules miss), {tally['org_wrong']} ORG spans match no gold unit")


if __name__ == "__main__":
    main()
