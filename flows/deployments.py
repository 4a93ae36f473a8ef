"""Scheduled deployments, defined in code: `vnarchive deployments` lists them and
`vnarchive serve` serves them (docs/scaling.md: running them under a Prefect server or Cloud)."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

TIMEZONE = "Asia/Ho_Chi_Minh"


@dataclass(frozen=True)
class DeploymentSpec:
    name: str
    flow: str                 # attribute of flows.ingest
    cron: str
    timezone: str = TIMEZONE
    parameters: dict = field(default_factory=dict)
    description: str = ""

    def as_dict(self) -> dict:
        return asdict(self)

    def flow_object(self):
        import flows.ingest as ingest
        return getattr(ingest, self.flow)


def specs(sources_file: str = "sources.toml", db: str = "data/archive.duckdb") -> list[DeploymentSpec]:
    return [
        DeploymentSpec("nightly-ingest", "nightly_flow", "0 2 * * *",
                       parameters={"sources_file": sources_file, "db": db},
                       description="Every source in the registry, only what is new or changed (02:00 Hà Nội time)."),
        DeploymentSpec("weekly-reprocess", "reprocess_flow", "0 3 * * 0",
                       parameters={"db": db},
                       description="Rebuild every entity from the stored raw bytes with the current extractor (Sunday 03:00)."),
    ]


def to_deployments(sources_file: str = "sources.toml", db: str = "data/archive.duckdb") -> list:
    """Prefect RunnerDeployments for `serve` (or `.deploy` to a work pool)."""
    from prefect.schedules import Cron
    return [s.flow_object().to_deployment(name=s.name, schedule=Cron(s.cron, timezone=s.timezone),
                                          parameters=s.parameters, description=s.description, tags=["vnarchive"],
                                          concurrency_limit=1)
            for s in specs(sources_file, db)]


def serve_all(sources_file: str = "sources.toml", db: str = "data/archive.duckdb") -> None:
    from prefect import serve
    serve(*to_deployments(sources_file, db))
