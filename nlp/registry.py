"""The one registry of the extractor: its stages (recognisers, run in STAGE_ORDER) and the named
rules inside them. Every fact an extraction holds names the rule that produced it (`rule` on the
record, in the contract JSON and in the archive), so `vnarchive eval --rules` can count per rule
the facts that matched gold and those that did not.

A recogniser module registers its stage with `@stage(name, writes=field)` and each of its rules
with `rule(name, fact, pattern)`; the module keeps the returned name as a constant and stamps it
on the records the rule produces. `pattern` says in one line which pattern of Vietnamese
administrative language the rule reads."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp.context import DocContext

# the order the pipeline runs the stages in: each stage reads what the earlier ones wrote on the
# document model (nlp.context.DocContext)
STAGE_ORDER = ("document_fields", "dates", "legal_refs", "movements", "units", "people", "signer", "awards",
               "tenure", "unit_changes")
FACT_KINDS = ("person", "position", "unit", "award", "date", "legal_ref", "movement", "tenure_event", "unit_change")


@dataclass(frozen=True)
class Rule:
    name: str                         # "<stage>.<rule>", e.g. "people.title_then_name"
    fact: str                         # one of FACT_KINDS
    pattern: str                      # the pattern it reads, in one line


@dataclass(frozen=True)
class Stage:
    name: str
    run: Callable[["DocContext"], object]
    writes: str | None                # the DocContext field that receives the result, if any


class RegistryError(RuntimeError):
    """Two rules or stages share a name, or a stage is missing from STAGE_ORDER: a programming error."""


_RULES: dict[str, Rule] = {}
_STAGES: dict[str, Stage] = {}


def rule(name: str, fact: str, pattern: str) -> str:
    """Register a rule; returns its name (the value records carry in `rule`)."""
    if fact not in FACT_KINDS:
        raise RegistryError(f"rule {name}: unknown fact kind {fact!r}")
    known = _RULES.get(name)
    if known is not None and known != Rule(name, fact, pattern):
        raise RegistryError(f"rule {name} registered twice")
    _RULES[name] = Rule(name, fact, pattern)
    return name


def stage(name: str, writes: str | None = None):
    """Decorator: register `fn(ctx)` as the stage `name`; its result goes to `ctx.<writes>`."""
    if name not in STAGE_ORDER:
        raise RegistryError(f"stage {name} is not in STAGE_ORDER")

    def register(fn):
        if name in _STAGES and _STAGES[name].run is not fn:
            raise RegistryError(f"stage {name} registered twice")
        _STAGES[name] = Stage(name, fn, writes)
        return fn
    return register


def stages() -> list[Stage]:
    """The registered stages in STAGE_ORDER (every one must be registered)."""
    missing = [n for n in STAGE_ORDER if n not in _STAGES]
    if missing:
        raise RegistryError(f"stages not registered: {', '.join(missing)}")
    return [_STAGES[n] for n in STAGE_ORDER]


def run_stages(ctx: "DocContext") -> None:
    for st in stages():
        result = st.run(ctx)
        if st.writes is not None:
            setattr(ctx, st.writes, result)


def rules() -> dict[str, Rule]:
    """Every registered rule by name, in registration order."""
    return dict(_RULES)
