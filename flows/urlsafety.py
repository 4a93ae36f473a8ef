"""Which URLs the fetcher may request: http(s) only, the source's own hosts, and no
private, loopback or link-local addresses unless explicitly allowed (tests)."""
from __future__ import annotations

import ipaddress
import socket
from dataclasses import dataclass
from urllib.parse import urlsplit

ALLOWED_SCHEMES = ("http", "https")
DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class Refusal:
    reason: str   # "unsupported_scheme" | "host_not_allowed" | "private_address" | "invalid_url"
    message: str


def host_key(url: str) -> str:
    """"host" or "host:port" (when the port is not the scheme's default), lowercase."""
    p = urlsplit(url)
    host = (p.hostname or "").lower().rstrip(".")
    try:
        port = p.port
    except ValueError:
        port = None
    if port is None or port == DEFAULT_PORTS.get(p.scheme.lower()):
        return host
    return f"{host}:{port}"


def host_allowed(url: str, allowed_hosts: set[str] | frozenset[str]) -> bool:
    """An entry "example.vn" allows that host on the default port, "example.vn:8080" that
    exact port, "*.example.vn" any subdomain (and the bare domain) on the default port."""
    key = host_key(url)
    if key in allowed_hosts:
        return True
    host, _, port = key.partition(":")
    if port:
        return False
    return any(a.startswith("*.") and (host == a[2:] or host.endswith(a[1:])) for a in allowed_hosts)


def is_private_ip(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved
            or ip.is_multicast or ip.is_unspecified or not ip.is_global)   # not global: 100.64/10 (CGNAT)


def resolve(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """Addresses of a host name or literal; empty when it does not resolve."""
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError):
        return []
    out = []
    for info in infos:
        try:
            out.append(ipaddress.ip_address(info[4][0].split("%")[0]))
        except ValueError:
            continue
    return out


def check_url(url: str, allowed_hosts: set[str] | frozenset[str], *, allow_private: bool = False) -> Refusal | None:
    """None when `url` may be requested, else why not."""
    try:
        p = urlsplit(url)
        _ = p.port
    except ValueError as e:
        return Refusal("invalid_url", f"{url!r}: {e}")
    if p.scheme.lower() not in ALLOWED_SCHEMES:
        return Refusal("unsupported_scheme", f"only http(s) is fetched, not {p.scheme or 'a relative URL'!r}")
    if not p.hostname:
        return Refusal("invalid_url", f"{url!r} has no host")
    if not host_allowed(url, allowed_hosts):
        return Refusal("host_not_allowed", f"{host_key(url)} is not one of the source's hosts ({', '.join(sorted(allowed_hosts))})")
    if not allow_private:
        bad = [str(ip) for ip in resolve(p.hostname) if is_private_ip(ip)]
        if bad:
            return Refusal("private_address", f"{p.hostname} resolves to a private/loopback address ({bad[0]})")
    return None
