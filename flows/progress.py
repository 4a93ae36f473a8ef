"""A progress reporter the flow calls and the CLI renders (rich). The flow runs in the CLI's
process, so the reporter is process-global; without one (deployments, tests) calls are no-ops."""
from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator


class Reporter:
    def start(self, label: str, total: int) -> None: ...
    def advance(self, label: str, n: int = 1) -> None: ...
    def note(self, message: str) -> None: ...


_current: Reporter = Reporter()


def current() -> Reporter:
    return _current


class RichReporter(Reporter):
    def __init__(self):
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
        self.console = Console(stderr=True)
        self.progress = Progress(TextColumn("{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                                 TimeElapsedColumn(), console=self.console, transient=False,
                                 disable=not sys.stderr.isatty())
        self.tasks: dict[str, int] = {}

    def start(self, label: str, total: int) -> None:
        if label in self.tasks:
            self.progress.update(self.tasks[label], total=self.progress.tasks[self.tasks[label]].total + total)
        else:
            self.tasks[label] = self.progress.add_task(label, total=total)

    def advance(self, label: str, n: int = 1) -> None:
        if label in self.tasks:
            self.progress.advance(self.tasks[label], n)

    def note(self, message: str) -> None:
        self.console.print(message, highlight=False)


@contextlib.contextmanager
def reporting(reporter: Reporter) -> Iterator[Reporter]:
    global _current
    previous, _current = _current, reporter
    progress = getattr(reporter, "progress", None)
    try:
        if progress is not None:
            with progress:
                yield reporter
        else:
            yield reporter
    finally:
        _current = previous
