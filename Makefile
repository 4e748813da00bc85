# Jointly: `make demo` serves the demo; `make test` runs every test; `make serve` serves production.
# All set up what they need first, and only when something changed.
# Unset, JOINTLY_ENV means production: the demo and the tests say which they are.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/jointly
# `make demo PORT=8123 WORKERS=3`, `make serve PORT=8080 WORKERS=4 HOST=0.0.0.0` (both serve with gunicorn).
PORT ?= 8000
HOST ?= 127.0.0.1
WORKERS ?=
DEMO_ENV := JOINTLY_ENV=development JOINTLY_DEMO_MODE=1

.PHONY: demo test lint test-sqlite test-postgres test-browser chromium setup assets serve clean bench bench-load bench-profile bench-search bench-all

demo: setup
	$(DEMO_ENV) $(PY) -m jointly.cli migrate --no-input
	$(DEMO_ENV) $(PY) -m jointly.cli load_demo
	$(DEMO_ENV) $(PY) -m jointly.cli serve_demo --addrport 127.0.0.1:$(PORT) $(if $(WORKERS),--workers $(WORKERS))

# Production: gunicorn (WORKERS processes, two per core plus one unless told), the background worker
# and the scheduler, with every setting from the environment (README, "Running in production").
serve: setup
	$(PY) -m jointly.cli collectstatic --no-input --verbosity 0
	$(PY) -m jointly.cli serve --bind $(HOST):$(PORT) $(if $(WORKERS),--workers $(WORKERS))

setup: $(VENV)/.installed assets

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

assets: build/static/jointly/application.css

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

build/static/jointly/application.css: node_modules/.installed frontend/application.scss
	npm run --silent build

# SQLite always; PostgreSQL too whenever it answers on 127.0.0.1:5432. The two runs go side by
# side (one core each), and each prints its whole output when it finishes, so they do not interleave.
# The browser tests (axe, layouts, journeys) run once, in the SQLite run: they check pages, which the
# role and view tests already check on both databases, and running them twice kept `make test` over
# CI's 15 minutes. `make test-postgres` on its own runs everything, browser tests included.
test: setup lint
	@if $(PY) scripts/postgres_ready.py; then \
		echo "Running the suite on SQLite and on PostgreSQL side by side (browser tests in the SQLite run): each prints its results when it finishes."; \
		$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres POSTGRES_MARKS="not browser"; \
	else \
		$(MAKE) --no-print-directory test-sqlite || exit 1; \
		echo "PostgreSQL is not answering on 127.0.0.1:5432: the PostgreSQL run was skipped."; \
		if [ -n "$$CI" ]; then echo "CI needs PostgreSQL." && exit 1; fi; \
	fi

test-sqlite: setup chromium
	@echo "== Test suite on SQLite =="
	JOINTLY_ENV=test $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: setup chromium
	@echo "== Test suite on PostgreSQL$(if $(POSTGRES_MARKS), ($(POSTGRES_MARKS))) =="
	JOINTLY_ENV=test DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest $(if $(POSTGRES_MARKS),-m "$(POSTGRES_MARKS)") $(PYTEST_ARGS)

# Lint and format check (ruff, configured in pyproject.toml); `ruff format .` and `ruff check --fix .` mend most of it.
lint: setup
	$(BIN)/ruff check --quiet .
	$(BIN)/ruff format --check --quiet .

# Only the browser tests (Playwright in Debian's Chromium, with axe-core).
test-browser: setup chromium
	JOINTLY_ENV=test $(BIN)/pytest -m browser $(PYTEST_ARGS)

# Installs Debian's chromium if missing and root, else says in one line what to install (scripts/ensure_chromium.sh).
chromium:
	@sh scripts/ensure_chromium.sh

bench: setup
	$(PY) scripts/bench_import.py

# 50 people for 30 s against the demo as `make demo` serves it, beside a bare WSGI app (run `make demo` once first).
bench-load: setup
	$(PY) scripts/bench_load.py

# The area profile against the tight SQL for the cells it shows, at 318 and 1,018 indicators.
# Every issue-13 figure beside its bare reference, SQLite then PostgreSQL (BENCH_QUICK=1 for a short run).
bench-all: setup
	$(PY) scripts/bench_all.py

bench-search: setup
	$(PY) scripts/bench_search.py

bench-profile: setup
	$(PY) scripts/bench_profile.py

clean:
	rm -rf $(VENV) node_modules build var
