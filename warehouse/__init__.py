"""DuckDB archive: schema, loads, entity resolution, views, exports, search, migrations."""
