"""Entry point of the `vnarchive` command: imports every command module."""
from flows.cli_app import app  # noqa: F401
from flows import cli_extract  # noqa: F401

for _name in ("cli_eval", "cli_warehouse", "cli_ingest", "cli_browse", "cli_resolve"):
    try:
        __import__(f"flows.{_name}")
    except ModuleNotFoundError as e:  # a command group not written yet
        if e.name != f"flows.{_name}":
            raise

if __name__ == "__main__":
    app()
