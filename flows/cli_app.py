"""The Typer application every command module registers on (one module per command group,
so they stay small and independent)."""
import typer

app = typer.Typer(help="vnarchive: Vietnamese government documents to a queryable DuckDB archive.",
                  no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False)
quarantine_app = typer.Typer(help="Inspect and retry quarantined inputs.", no_args_is_help=True)
app.add_typer(quarantine_app, name="quarantine")

DEFAULT_DB = "data/archive.duckdb"
