"""Child processes that die with this process, however it dies (SIGKILL included).

Linux sends a child its PR_SET_PDEATHSIG signal when the THREAD that forked it ends, so every
child is forked by one daemon thread that lives as long as the process (a task thread that
spawned a worker and then finished would otherwise kill it). The child sets the signal first
thing (`die_with_parent`, or the `python -m flows.children PPID -- CMD...` launcher for programs
that are not ours: the setting survives exec) and exits at once if its parent is already gone."""
from __future__ import annotations

import ctypes
import os
import queue
import signal
import subprocess
import sys
import threading
from concurrent.futures import Future

PR_SET_PDEATHSIG = 1
_requests: "queue.Queue[tuple[tuple, dict, Future]]" = queue.Queue()
_spawner: threading.Thread | None = None
_spawner_lock = threading.Lock()


def die_with_parent(parent_pid: int) -> None:
    """In a child: SIGKILL me when my parent dies; exit now if it already has."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:
        os._exit(1)


def _serve() -> None:
    while True:
        args, kwargs, fut = _requests.get()
        try:
            fut.set_result(subprocess.Popen(*args, **kwargs))
        except BaseException as e:  # noqa: BLE001 (handed to the caller)
            fut.set_exception(e)


def popen(cmd: list[str], **kwargs) -> subprocess.Popen:
    """subprocess.Popen(cmd, **kwargs) forked by the long-lived spawner thread. `cmd` must set
    the death signal itself (our own modules call die_with_parent); see `launcher`."""
    global _spawner
    with _spawner_lock:
        if _spawner is None or not _spawner.is_alive():
            _spawner = threading.Thread(target=_serve, name="vnarchive-spawner", daemon=True)
            _spawner.start()
    fut: Future = Future()
    _requests.put(((cmd,), kwargs, fut))
    return fut.result()


def launcher(cmd: list[str]) -> list[str]:
    """`cmd` run through this module, which sets the death signal and then execs it."""
    return [sys.executable, "-m", "flows.children", str(os.getpid()), "--", *cmd]


if __name__ == "__main__":     # python -m flows.children PARENT_PID -- PROGRAM ARGS...
    die_with_parent(int(sys.argv[1]))
    program = sys.argv[3:]
    os.execvp(program[0], program)
