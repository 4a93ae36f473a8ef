"""`vnarchive extract`: the contract JSON per document, without touching a database."""
from __future__ import annotations

import json
import sys

import typer

from flows.cli_app import app


@app.command()
def extract(paths: list[str] = typer.Argument(..., help="files, folders or http(s) URLs"),
            text: bool = typer.Option(False, "--text", help="also print the clean text the spans index into")):
    """Print one JSON line per document (shared/contract/EXTRACTION.md)."""
    from extractors.read import iter_input_files, read_path, read_raw
    from extractors.types import ExtractionError
    from nlp.contract import to_contract
    from nlp.pipeline import extract as run_extractor

    failures = 0
    for uri in _expand(paths):
        try:
            item = _fetch_one(uri) if uri.startswith(("http://", "https://")) else read_path(uri)
            doc = read_raw(item)
            out = to_contract(run_extractor(doc), include_text=text)
        except ExtractionError as e:
            failures += 1
            print(f"vnarchive extract: {uri}: {e.reason}: {e.message}", file=sys.stderr)
            continue
        except OSError as e:
            failures += 1
            print(f"vnarchive extract: {uri}: cannot read: {e.strerror or e}", file=sys.stderr)
            continue
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
    if failures:
        raise typer.Exit(1)


def _expand(paths: list[str]) -> list[str]:
    from extractors.read import iter_input_files
    urls = [p for p in paths if p.startswith(("http://", "https://"))]
    files = iter_input_files([p for p in paths if p not in urls])
    return files + urls


def _fetch_one(url: str):
    from flows.fetch import fetch_single_url  # written with the acquisition layer
    return fetch_single_url(url)
