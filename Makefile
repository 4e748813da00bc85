# Jointly: `make demo` serves the demo; `make test` runs every test.
# Both set up what they need first, and only when something changed.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/jointly

.PHONY: demo test test-sqlite test-postgres test-browser setup assets serve check-postgres clean bench

demo: setup
	JOINTLY_DEMO_MODE=1 $(PY) -m jointly.cli migrate --no-input
	JOINTLY_DEMO_MODE=1 $(PY) -m jointly.cli load_demo
	JOINTLY_DEMO_MODE=1 $(PY) -m jointly.cli serve_demo

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
test: setup
	@if $(PY) scripts/postgres_ready.py; then \
		echo "Running the suite on SQLite and on PostgreSQL side by side: each prints its results when it finishes."; \
		$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres; \
	else \
		$(MAKE) --no-print-directory test-sqlite || exit 1; \
		echo "PostgreSQL is not answering on 127.0.0.1:5432: the PostgreSQL run was skipped."; \
		if [ -n "$$CI" ]; then echo "CI needs PostgreSQL." && exit 1; fi; \
	fi

test-sqlite: setup
	@echo "== Test suite on SQLite =="
	JOINTLY_ENV=test $(BIN)/pytest $(PYTEST_ARGS)

test-postgres: setup
	@echo "== Test suite on PostgreSQL =="
	JOINTLY_ENV=test DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest $(PYTEST_ARGS)

# Only the browser tests (Playwright in Debian's Chromium, with axe-core).
test-browser: setup
	JOINTLY_ENV=test $(BIN)/pytest -m browser $(PYTEST_ARGS)

bench: setup
	$(PY) scripts/bench_import.py

clean:
	rm -rf $(VENV) node_modules build var
