"""An httpx transport where a request has one total deadline, from connect to the last byte,
response headers included. httpx's own timeouts bound each socket operation, so a server that
sends a byte every few seconds (headers or body) is otherwise waited on forever.

The deadline belongs to the calling thread (`with deadline(seconds):` around everything a
request does: redirects, retries, their waits). Every connect, read and write through the
transport waits at most until it, and a watchdog thread shuts down the socket of any read or
write still blocked when it passes (a TLS record dribbled byte by byte is several waits inside
one read). Past it, the next operation raises a timeout that httpx reports as such."""
from __future__ import annotations

import contextlib
import socket
import threading
import time
from collections.abc import Iterator

import httpcore
import httpx

WATCH_INTERVAL = 0.2
_local = threading.local()


@contextlib.contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Everything inside shares one deadline, started by the first request (so time spent
    waiting for the per-host rate limit before it does not count). Nested: the inner one
    applies inside, the outer one resumes after."""
    saved = getattr(_local, "budget", None), getattr(_local, "at", None)
    _local.budget, _local.at = seconds, None
    try:
        yield
    finally:
        _local.budget, _local.at = saved


def _start_clock() -> None:
    if getattr(_local, "at", None) is None and getattr(_local, "budget", None) is not None:
        _local.at = time.monotonic() + _local.budget


def time_left() -> float | None:
    """Seconds until this thread's deadline (None: no deadline, or not started)."""
    at = getattr(_local, "at", None)
    return None if at is None else at - time.monotonic()


def budget() -> float | None:
    """This thread's total time per request (None outside `deadline`)."""
    return getattr(_local, "budget", None)


def _bounded(timeout: float | None, exc: type[Exception]) -> float | None:
    left = time_left()
    if left is None:
        return timeout
    if left <= 0:
        raise exc(f"the request's total time ({_local.budget:g} s) is up")
    return left if timeout is None else min(timeout, left)


class _Watchdog:
    """Shuts down the socket of a blocked operation that outlives its deadline."""

    def __init__(self):
        self._armed: dict[int, tuple[float, socket.socket]] = {}
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None

    def arm(self, key: int, at: float, sock: socket.socket | None) -> None:
        if sock is None:
            return
        with self._lock:
            self._armed[key] = (at, sock)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="vnarchive-http-deadline", daemon=True)
                self._thread.start()

    def disarm(self, key: int) -> None:
        with self._lock:
            self._armed.pop(key, None)

    def _run(self) -> None:
        while True:
            time.sleep(WATCH_INTERVAL)
            now = time.monotonic()
            with self._lock:
                late = [k for k, (at, _) in self._armed.items() if at <= now]
                socks = [self._armed.pop(k)[1] for k in late]
            for s in socks:
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)


_watchdog = _Watchdog()


class _Stream(httpcore.NetworkStream):
    def __init__(self, inner: httpcore.NetworkStream):
        self._inner = inner

    @contextlib.contextmanager
    def _watched(self, exc: type[Exception]) -> Iterator[None]:
        at = getattr(_local, "at", None)
        if at is not None:
            _watchdog.arm(id(self), at, self._inner.get_extra_info("socket"))
        try:
            yield
        except (httpcore.ReadError, httpcore.WriteError, httpcore.ConnectError):
            left = time_left()
            if left is not None and left <= 0:     # the watchdog cut it: say what happened
                raise exc(f"the request's total time ({_local.budget:g} s) is up") from None
            raise
        finally:
            if at is not None:
                _watchdog.disarm(id(self))

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        t = _bounded(timeout, httpcore.ReadTimeout)
        with self._watched(httpcore.ReadTimeout):
            data = self._inner.read(max_bytes, t)
        left = time_left()
        if not data and left is not None and left <= 0:   # a shut-down socket reads as end of stream
            raise httpcore.ReadTimeout(f"the request's total time ({_local.budget:g} s) is up")
        return data

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        t = _bounded(timeout, httpcore.WriteTimeout)
        with self._watched(httpcore.WriteTimeout):
            self._inner.write(buffer, t)

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        t = _bounded(timeout, httpcore.ConnectTimeout)
        with self._watched(httpcore.ConnectTimeout):
            return _Stream(self._inner.start_tls(ssl_context, server_hostname, t))

    def get_extra_info(self, info: str):
        return self._inner.get_extra_info(info)


class _Backend(httpcore.SyncBackend):
    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options=None) -> httpcore.NetworkStream:
        _start_clock()
        t = _bounded(timeout, httpcore.ConnectTimeout)
        return _Stream(super().connect_tcp(host, port, t, local_address, socket_options))


class DeadlineTransport(httpx.HTTPTransport):
    """httpx.HTTPTransport (no proxy, no environment) over the deadline-aware network backend."""

    def __init__(self, limits: httpx.Limits = httpx.Limits(max_connections=100, max_keepalive_connections=20)):
        super().__init__(trust_env=False, limits=limits)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False), max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections, keepalive_expiry=limits.keepalive_expiry,
            network_backend=_Backend())

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        _start_clock()          # a kept-alive connection: the clock starts with the request
        return super().handle_request(request)
