"""Entry point of the `vnarchive` command: imports every command module (each registers its commands)."""
from flows.cli_app import app  # noqa: F401
from flows import cli_browse, cli_eval, cli_extract, cli_ingest, cli_resolve, cli_warehouse  # noqa: F401

if __name__ == "__main__":
    app()
