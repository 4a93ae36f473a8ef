"""`vnarchive eval`: run the extractor on documents and score it against gold annotations
(the measures of shared/eval/score.py, implemented in nlp/evaluate.py). `--diff` prints each missed
and extra item per document, `--rules` how often each extraction rule's facts matched gold."""
from __future__ import annotations

import json
import sys

import typer

from flows.cli_app import app


@app.command("eval")
def eval_command(
        paths: list[str] = typer.Argument(None, help="documents (files or folders) to extract and score"),
        gold: str = typer.Option(..., "--gold", help="folder of gold JSON annotations"),
        pred: str = typer.Option(None, "--pred", help="score this JSON Lines file instead of extracting PATHs"),
        as_json: bool = typer.Option(False, "--json", help="print the report as JSON"),
        per_doc: bool = typer.Option(False, "--per-doc", help="also report each document"),
        diff: bool = typer.Option(False, "--diff", help="print, per document, each missed (-) and extra (+) item"),
        by_rule: bool = typer.Option(False, "--rules",
                                     help="count per extraction rule the facts that matched gold and those that did not")):
    """Precision, recall and F1 per line, and the macro F1 over the entity lines."""
    from nlp.evaluate import format_diff, format_report, format_rules, load_gold, load_predictions, score

    gold_docs = load_gold(gold)
    if pred:
        predictions = load_predictions(pred)
    elif paths:
        predictions = _extract_all(paths)
    else:
        raise typer.BadParameter("give documents to extract (PATH...) or --pred FILE")
    report = score(gold_docs, predictions)
    if diff:
        print(format_diff(report), end="")
    if by_rule:
        print(format_rules(report))
    if as_json:
        print(json.dumps(report.as_json(), ensure_ascii=False, indent=1))
    elif not (diff or by_rule) or per_doc:
        print(format_report(report, per_doc=per_doc))


def _extract_all(paths: list[str]) -> dict[str, dict]:
    from extractors.read import iter_input_files, read_path, read_raw
    from extractors.types import ExtractionError
    from nlp.contract import to_contract
    from nlp.evaluate import doc_key
    from nlp.pipeline import extract

    out = {}
    for path in iter_input_files(paths):
        try:
            d = to_contract(extract(read_raw(read_path(path))))
        except (ExtractionError, OSError) as e:
            print(f"vnarchive eval: {path}: {e}", file=sys.stderr)
            continue
        out[doc_key(d.get("source") or path)] = d
    return out
