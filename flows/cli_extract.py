"""`vnarchive extract`: the contract JSON per document, without touching a database."""
from __future__ import annotations

import json
import sys

import typer

from flows.cli_app import app

CHUNK = 64          # documents read, then extracted, at a time


@app.command()
def extract(paths: list[str] = typer.Argument(..., help="files, folders or http(s) URLs"),
            text: bool = typer.Option(False, "--text", help="also print the clean text the spans index into"),
            follow_symlinks: bool = typer.Option(False, "--follow-symlinks",
                                                 help="read links in folders that lead outside them")):
    """Print one JSON line per document (shared/contract/EXTRACTION.md). Each document is
    extracted in a worker process under the same time and memory budget as `ingest`."""
    from extractors.read import read_path, scan_inputs
    from extractors.types import ExtractionError
    from flows.extract_pool import extract_many
    from nlp.contract import to_contract

    urls = [p for p in paths if p.startswith(("http://", "https://"))]
    scan = scan_inputs([p for p in paths if p not in urls], follow_symlinks)
    failures = [(r.path, r.reason, r.message) for r in scan.refused]
    todo = scan.files + urls
    for start in range(0, len(todo), CHUNK):
        raws = []
        for uri in todo[start:start + CHUNK]:
            try:
                raws.append(_fetch_one(uri) if uri in urls else read_path(uri))
            except ExtractionError as e:
                failures.append((uri, e.reason, e.message))
            except OSError as e:
                failures.append((uri, "read_error", f"cannot read: {e.strerror or e}"))
        for raw, entry in zip(raws, extract_many(raws)):
            if "error" in entry:
                failures.append((raw.uri, *entry["error"]))
            else:
                sys.stdout.write(json.dumps(to_contract(entry["extraction"], include_text=text), ensure_ascii=False)
                                 + "\n")
    _report(failures)


def _report(failures: list[tuple[str, str, str]]) -> None:
    from extractors.read import display_path
    from flows.display import visible
    for uri, reason, message in failures:
        print(f"vnarchive extract: {visible(display_path(uri))}: {reason}: {visible(message)}", file=sys.stderr)
    if failures:
        raise typer.Exit(1)


def _fetch_one(url: str):
    from flows.fetch import fetch_single_url  # written with the acquisition layer
    return fetch_single_url(url)
