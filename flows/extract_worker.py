"""The extraction worker process (started by flows.extract_pool): reads RawItems from its
parent, answers one result per item, in order. It never decides budgets: its parent watches
its time and memory and kills it when a document overruns them.

    python -m flows.extract_worker IN_FD OUT_FD PARENT_PID"""
from __future__ import annotations

import signal
import sys
import time
from multiprocessing.connection import Connection

from extractors.types import ExtractionError, RawItem


def extract_entry(raw: RawItem) -> dict:
    """{"doc", "extraction"} or {"error": (reason, message), "stage"}, with "seconds" per stage.
    A LexiconError (a broken installation, not a bad document) propagates."""
    from extractors.read import read_raw
    from nlp.lexicon import LexiconError
    from nlp.pipeline import extract
    t0 = time.perf_counter()
    try:
        doc = read_raw(raw)
    except ExtractionError as e:
        return {"error": (e.reason, e.message), "stage": "read", "seconds": {"read": time.perf_counter() - t0}}
    t1 = time.perf_counter()
    seconds = {"read": t1 - t0}
    try:
        x = extract(doc)
    except LexiconError:
        raise
    except Exception as e:  # an extractor bug must not stop the batch: quarantine the document
        out = {"error": ("extract_failed", f"{type(e).__name__}: {e}"), "stage": "extract"}
    else:
        out = {"doc": doc, "extraction": x}
    seconds["extract"] = time.perf_counter() - t1
    return {**out, "seconds": seconds}


def serve(inbox: Connection, outbox: Connection) -> None:
    """("items", [(index, RawItem), ...]) → (index, entry) each; ("stop",) or EOF ends it."""
    from nlp.lexicon import LexiconError
    while True:
        try:
            msg = inbox.recv()
        except (EOFError, OSError):
            return
        if msg[0] != "items":
            return
        for index, raw in msg[1]:
            try:
                entry = extract_entry(raw)
            except LexiconError as e:
                outbox.send(("fatal", str(e)))
                return
            outbox.send((index, entry))


def main(argv: list[str]) -> None:
    from flows.children import die_with_parent
    in_fd, out_fd, parent = (int(a) for a in argv)
    die_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)   # Ctrl-C reaches the parent, which stops us
    serve(Connection(in_fd, writable=False), Connection(out_fd, readable=False))


if __name__ == "__main__":
    main(sys.argv[1:])
