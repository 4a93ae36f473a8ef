"""Per-case deadline (SIGALRM, so a hang fails the test instead of freezing the suite) and a
counter of hostile cases, summed up in pytest's terminal summary.

    from tests.hostile.harness import count, deadline, hostile_summary  # noqa: F401 (fixture)
    pytestmark = pytest.mark.usefixtures("hostile_summary")
"""
from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest

CASES: Counter[str] = Counter()


def count(kind: str, n: int = 1) -> None:
    """Record that `n` hostile cases of `kind` ran (the session summary prints the totals)."""
    CASES[kind] += n


class CaseTimeout(AssertionError):
    """A hostile case ran past its deadline (a hang or a super-linear blow-up)."""


@contextlib.contextmanager
def deadline(seconds: float, what: str = "case") -> Iterator[None]:
    """Fail with CaseTimeout if the block runs longer than `seconds` (wall clock). SIGALRM
    interrupts Python code; time spent inside one C call is caught by the final check."""
    started = time.monotonic()
    use_alarm = threading.current_thread() is threading.main_thread()

    def _fire(signum, frame):
        raise CaseTimeout(f"{what} still running after {seconds:g} s")

    if use_alarm:
        previous = signal.signal(signal.SIGALRM, _fire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
    took = time.monotonic() - started
    if took > seconds:
        raise CaseTimeout(f"{what} took {took:.1f} s (deadline {seconds:g} s)")


class _Summary:
    def pytest_terminal_summary(self, terminalreporter):
        if not CASES:
            return
        terminalreporter.section("hostile cases run")
        for kind, n in sorted(CASES.items()):
            terminalreporter.write_line(f"{kind:<40} {n:>6}")
        terminalreporter.write_line(f"{'total':<40} {sum(CASES.values()):>6}")


@pytest.fixture(scope="session")
def hostile_summary(request):
    """Registers the end-of-session summary of hostile cases (once)."""
    pm = request.config.pluginmanager
    if not pm.has_plugin("vnarchive-hostile-summary"):
        pm.register(_Summary(), "vnarchive-hostile-summary")
    return CASES
