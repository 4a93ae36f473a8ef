"""`vnarchive browse`: the archive in a browser through Datasette, served from a read-only SQLite
mirror (warehouse/sqlite_mirror.py), with entity pages for people, units, awards and documents."""
