# Two commands do everything on a fresh machine:
#   make run   set up, ingest the bundled sample corpus into data/archive.duckdb, show a query
#   make test  set up and run the test suite
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
export PREFECT_SERVER_ANALYTICS_ENABLED := false
export PREFECT_HOME ?= $(CURDIR)/.prefect
export PREFECT_LOGGING_LEVEL ?= WARNING
export DO_NOT_TRACK := 1

.PHONY: setup run test bench samples clean docs screenshots

$(BIN)/vnarchive: pyproject.toml requirements.lock
	@echo "setting up $(VENV) (pinned dependencies; log in $(VENV)/install.log)"
	@$(PY) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check -c requirements.lock -e '.[test]' \
		> $(VENV)/install.log 2>&1 || (cat $(VENV)/install.log; exit 1)
	@touch $@

setup: $(BIN)/vnarchive

run: setup
	$(BIN)/vnarchive ingest samples/ --db data/archive.duckdb
	$(BIN)/vnarchive sql --db data/archive.duckdb "SELECT person_name, title, unit_name, observed_on FROM person_timeline ORDER BY person_name, observed_on LIMIT 15"
	@echo "Browse it: $(BIN)/vnarchive browse --db data/archive.duckdb   (then open http://127.0.0.1:8001/)"

test: setup
	$(BIN)/python -m pytest

samples: setup
	$(BIN)/python samples/make_binary_samples.py

docs: setup
	$(BIN)/python -m warehouse.schema_doc > docs/schema.md

screenshots: setup
	VNARCHIVE_SCREENSHOTS=docs/img $(BIN)/python -m pytest -q tests/test_browse_browser.py

bench: setup
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/load_speed.py
	$(BIN)/python bench/ingest_speed.py
	$(BIN)/python bench/browse_speed.py

clean:
	rm -rf data/archive.duckdb* data/archive.sqlite .prefect
