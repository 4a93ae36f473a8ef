"""`vnarchive browse`: the archive in a web browser (Datasette over a read-only SQLite mirror,
rebuilt whenever the archive changed), and the mirror as an export."""
from __future__ import annotations

import ipaddress
import json
import socket
import sys
from pathlib import Path

import typer

from flows.cli_app import DEFAULT_DB, app
from flows.cli_warehouse import _fail


def default_mirror(db: str) -> str:
    """The mirror lives next to the archive: data/archive.duckdb -> data/archive.sqlite."""
    return str(Path(db).with_suffix(".sqlite"))


def refresh_mirror(db: str, mirror: str, wait: float = 15.0):
    """The mirror, rebuilt if the archive changed; a missing, locked or unreadable archive exits
    with one line."""
    import duckdb

    from warehouse.sqlite_mirror import ArchiveLocked, ensure_mirror
    if not Path(db).exists():
        _fail(f"no archive at {db} (run `vnarchive ingest` first, or pass --db)")
    try:
        return ensure_mirror(db, mirror, wait=wait)
    except ArchiveLocked as e:
        _fail(str(e), 1)
    except duckdb.Error as e:
        _fail(f"cannot read the archive {db}: {str(e).splitlines()[0]}", 1)
    except OSError as e:      # the mirror's folder is not writable, the disk is full
        _fail(f"cannot write the mirror {mirror}: {e}", 1)


def _port_free(host: str, port: int) -> bool:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return False
    return True


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


@app.command()
def browse(db: str = typer.Option(DEFAULT_DB, "--db", help="archive file"),
           port: int = typer.Option(8001, "--port", min=1, max=65535, help="port to listen on"),
           host: str = typer.Option("127.0.0.1", "--host", help="address to bind (default: this machine only)"),
           mirror: str = typer.Option(None, "--mirror", help="SQLite mirror (default: the archive's name with .sqlite)"),
           wait: float = typer.Option(15.0, "--wait", min=0, help="seconds to wait for an ingest to let go of the archive")):
    """Browse the archive in a web browser: people, units, awards and documents with their evidence,
    facets, full-text search, canned queries and a read-only SQL editor (Datasette)."""
    import uvicorn

    from warehouse.browse.app import make_datasette
    mirror = mirror or default_mirror(db)
    info, rebuilt = refresh_mirror(db, mirror, wait)
    how = f"rebuilt in {info.seconds:.1f} s" if rebuilt else "up to date"
    print(f"mirror {mirror}: {how} ({info.rows:,} rows in {info.relations} tables and views)")
    if not _port_free(host, port):
        _fail(f"cannot listen on {host}:{port} (in use, or not an address of this machine); pass --port or --host", 1)
    if not _loopback(host):
        print(f"vnarchive browse: listening on {host}: anyone who can reach this address can read the archive",
              file=sys.stderr)
    ds = make_datasette(mirror, db)
    print(f"serving {db} read-only at http://{host}:{port}/  (Ctrl-C to stop)", flush=True)
    uvicorn.run(ds.app(), host=host, port=port, log_level="warning", lifespan="on", workers=1)


def export_sqlite(db: str, out: str) -> None:
    """`vnarchive export --format sqlite`: the mirror and its Datasette metadata.json in `out`."""
    from warehouse.browse.metadata import database_name, datasette_metadata
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"{database_name()}.sqlite"
    info, _ = refresh_mirror(db, str(target))
    meta = datasette_metadata(str(target))
    (out_dir / "metadata.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"exported {info.rows:,} rows ({info.relations} tables and views) to {target} with metadata.json "
          f"(serve it: vnarchive browse, or datasette {target} -m {out_dir / 'metadata.json'})")
