"""Site profiles: one TOML file per site in extractors/profiles/, each with dated layout versions
(like Fundus' parser versions), plus the generic settings in profiles/_generic.toml."""
from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

PROFILE_DIR = Path(__file__).with_name("profiles")
SELECTOR_FIELDS = ("title", "date", "author", "lead", "body", "captions", "prune")


@dataclass(frozen=True)
class ProfileVersion:
    """The CSS selectors of one layout, valid for pages published up to `valid_until`."""

    name: str
    valid_until: dt.date
    title: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    lead: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    captions: tuple[str, ...] = ()
    prune: tuple[str, ...] = ()


PROFILE_STATUSES = ("verified", "unverified")


@dataclass(frozen=True)
class SiteProfile:
    name: str
    site: str
    domains: tuple[str, ...]
    versions: tuple[ProfileVersion, ...]      # oldest layout first (ascending valid_until)
    status: str = "unverified"                # "verified": a real page of the site passes with it

    def versions_for(self, when: dt.date | None = None) -> list[ProfileVersion]:
        """The version valid on `when` (today if None) first, then the others, newest first."""
        when = when or dt.date.today()
        current = next((v for v in self.versions if when <= v.valid_until), self.versions[-1])
        return [current] + [v for v in reversed(self.versions) if v is not current]


@dataclass(frozen=True)
class GenericSettings:
    """The generic extractor's selectors and thresholds (profiles/_generic.toml)."""

    raw: dict = field(default_factory=dict)

    def get(self, section: str, key: str, default=None):
        return self.raw.get(section, {}).get(key, default)


def _version(d: dict) -> ProfileVersion:
    until = d.get("valid_until")
    if isinstance(until, str):
        until = dt.date.fromisoformat(until)
    kwargs = {k: tuple(d.get(k, ())) for k in SELECTOR_FIELDS}
    return ProfileVersion(name=str(d["name"]), valid_until=until or dt.date.max, **kwargs)


def parse_profile(data: dict) -> SiteProfile:
    versions = sorted((_version(v) for v in data.get("versions", [])), key=lambda v: v.valid_until)
    if not versions:
        raise ValueError(f"profile {data.get('name')!r} has no versions")
    if not all(v.body for v in versions):
        raise ValueError(f"profile {data.get('name')!r}: every version needs a body selector")
    status = data.get("status", "unverified")
    if status not in PROFILE_STATUSES:
        raise ValueError(f"profile {data.get('name')!r}: status must be one of {PROFILE_STATUSES}")
    return SiteProfile(name=data["name"], site=data.get("site", data["name"]),
                       domains=tuple(d.lower() for d in data["domains"]), versions=tuple(versions), status=status)


@lru_cache(maxsize=4)
def load_profiles(directory: str = str(PROFILE_DIR)) -> dict[str, SiteProfile]:
    """All profiles in `directory` by name (files starting with "_" are settings, not sites)."""
    out: dict[str, SiteProfile] = {}
    for path in sorted(Path(directory).glob("*.toml")):
        if path.name.startswith("_"):
            continue
        with open(path, "rb") as f:
            prof = parse_profile(tomllib.load(f))
        out[prof.name] = prof
    return out


@lru_cache(maxsize=1)
def generic_settings() -> GenericSettings:
    with open(PROFILE_DIR / "_generic.toml", "rb") as f:
        return GenericSettings(tomllib.load(f))


def host_of(url: str | None) -> str:
    if not url or "://" not in url:
        return ""
    return (urlsplit(url).hostname or "").lower().rstrip(".")


def profile_for(name: str | None = None, url: str | None = None) -> SiteProfile | None:
    """The profile named `name`, else the one whose domain is the URL's host or its longest suffix."""
    profiles = load_profiles()
    if name and name in profiles:
        return profiles[name]
    host = host_of(url)
    if not host:
        return None
    best, best_len = None, 0
    for prof in profiles.values():
        for dom in prof.domains:
            if (host == dom or host.endswith("." + dom)) and len(dom) > best_len:
                best, best_len = prof, len(dom)
    return best
