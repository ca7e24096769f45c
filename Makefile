# Accord: `make demo` serves the seed scenario, `make test` runs every check.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | cksum | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
SCENARIOS := scenarios/sco-organization.yaml scenarios/sco-2019-security-council-secretaries.yaml
# The interface's translations: catalogues (.po) are kept in git, compiled (.mo) here.
LOCALE_DIR := src/accord/locale
LANGUAGES := ru zh_Hans
CATALOGUES := $(wildcard $(LOCALE_DIR)/*/LC_MESSAGES/django.po)

.PHONY: bootstrap demo demo-pg test test-sqlite test-pg checks typecheck audit lint format lock messages bench bench-synth clean

bootstrap: $(STAMP) $(CATALOGUES:.po=.mo)

$(STAMP): requirements.lock pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Accord needs Python 3.11 or newer")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	rm -f $(VENV)/.installed-*
	touch $@

# Compile a catalogue when it changes (gettext's msgfmt, through Django).
$(LOCALE_DIR)/%/LC_MESSAGES/django.mo: $(LOCALE_DIR)/%/LC_MESSAGES/django.po | $(STAMP)
	cd src/accord && ../../$(BIN)/accord compilemessages --locale $* --verbosity 0
	touch $@

# Extract the marked strings of the templates and Python into the catalogues; then
# translate every new or fuzzy entry (tests/test_translations.py fails until done).
messages: bootstrap
	cd src/accord && ../../$(BIN)/accord makemessages $(addprefix --locale ,$(LANGUAGES)) \
		--add-location file --no-obsolete --ignore 'static/*' --verbosity 0

demo: bootstrap
	$(BIN)/accord migrate --noinput --verbosity 0
	$(BIN)/accord load $(SCENARIOS)
	@echo "Accord is serving the seed scenario on http://$(HOST):$(PORT)/"
	$(BIN)/accord serve --host $(HOST) --port $(PORT)

# The same demo on PostgreSQL: a server of its own in var/pg (kept between runs,
# stopped when the demo stops).
demo-pg: bootstrap
	scripts/with-postgres --dir var/pg sh -c '\
		$(BIN)/accord migrate --noinput --verbosity 0 && \
		$(BIN)/accord load $(SCENARIOS) && \
		echo "Accord is serving the seed scenario from PostgreSQL on http://$(HOST):$(PORT)/" && \
		exec $(BIN)/accord serve --host $(HOST) --port $(PORT)'

# Lint, the layers contract (import-linter, [tool.importlinter] in pyproject.toml) and
# checks, the dependency audit, then the whole suite on SQLite and on PostgreSQL, the two
# runs side by side (each with its own database: about 14 minutes on two cores, 12 and 13 for each half).
test: checks audit
	$(MAKE) --no-print-directory -j2 test-sqlite test-pg

checks: bootstrap
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/accord check --fail-level WARNING
	$(BIN)/accord makemigrations --check --dry-run

# Known vulnerabilities in the locked dependencies (pip-audit) fail the build; a
# vulnerability service out of reach is said in one line and does not.
audit: bootstrap
	$(BIN)/python scripts/audit-dependencies

# Each half ends with its 15 slowest tests, to keep the whole run in its time budget.
test-sqlite: bootstrap
	$(BIN)/pytest -q --durations=15

# A PostgreSQL 15 server started for the run in a temporary directory, stopped after it.
# (The browser tests serve their own SQLite file, so they run once, above.)
test-pg: bootstrap
	scripts/with-postgres $(BIN)/pytest -q --durations=15 -m "not browser and not database_independent"

# Static types of src/ ([tool.mypy] in pyproject.toml).
typecheck: bootstrap
	$(BIN)/mypy

lint: bootstrap
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Re-resolve the pinned dependencies after changing pyproject.toml. Extras stay in the
# lock (cachecontrol[filecache], which pip-audit asks for): without them pip 23.2, which
# Python 3.11's venv brings, looks for the newest release of such a package and refuses
# it in --require-hashes mode.
lock: bootstrap
	$(BIN)/python -m pip install --quiet pip-tools
	CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --extra dev \
		--no-emit-index-url --no-emit-find-links -o requirements.lock pyproject.toml

bench: bootstrap
	$(BIN)/python bench/load_seed.py
	$(BIN)/python bench/web_pages.py

# Load a synthetic history (2 organizations x 10 years) into SQLite and PostgreSQL.
bench-synth: bootstrap
	$(BIN)/python bench/load_synth.py

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache .hypothesis
