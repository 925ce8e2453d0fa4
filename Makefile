# WebCammerPlus — the two commands: `make run` and `make test`. `make help` lists the rest.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SERVICES := scripts/services.sh
PYTEST_ARGS ?=

.PHONY: help lock venv run demo migrate token test test-python test-dashboard test-extension services-up services-down \
        lint lint-ts fmt audit secrets-baseline extension dashboard overlay test-overlay bench-overlay wire-types wire-check \
        bench-analytics bench-rest bench-ai bench-hub bench-metrics bench-store bench-extension clean

help:
	@echo "make run          set up and serve on http://127.0.0.1:5000 (SQLite, dev issuer, simulator)"
	@echo "make demo         like run, with the simulator driving the room 'demo_room'"
	@echo "make token SUB=alice TIER=pro   mint a dev access token"
	@echo "make test         set up, start PostgreSQL/Redis/InfluxDB/localstripe, run every test"
	@echo "make lint | fmt   black + ruff + mypy + bandit + secret scan + stale wire types; lint-ts: ESLint + Prettier"
	@echo "make wire-types   regenerate the clients' wire.ts from the server's pydantic models"
	@echo "make audit        pip-audit + npm audit (needs the internet; not run in CI)"
	@echo "make dashboard    build the analytics page served at /dashboard (needs Node.js + npm)"
	@echo "make overlay      build the OBS overlay pages served at /overlay/ (needs Node.js + npm)"
	@echo "make bench-overlay     one overlay at 50 tips/s in Chromium vs a plain DOM page"
	@echo "make bench-analytics   analytics REST vs raw store queries, SQLite and influxd"
	@echo "make bench-rest | bench-ai | bench-hub | bench-store   benchmarks vs the peer (see bench/README.md)"
	@echo "make bench-metrics     cost of the Prometheus metrics on S1 (on against off, same run)"
	@echo "make bench-extension   side panel at 200 events/s vs a plain DOM page; translation server vs device (port 5000 free)"

$(STAMP): requirements.txt requirements-dev.txt constraints.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt -c constraints.txt
	@touch $(STAMP)

venv: $(STAMP)

migrate: venv
	$(BIN)/flask --app server db upgrade

run: venv migrate dashboard overlay
	@echo ""
	@echo "  WebCammerPlus on http://127.0.0.1:5000  (API docs: http://127.0.0.1:5000/api/v1/docs)"
	@echo "  Get a dev token:   make token SUB=alice TIER=pro"
	@echo "  Then:              curl -H \"Authorization: Bearer \$$TOKEN\" http://127.0.0.1:5000/api/v1/me"
	@echo ""
	SIMULATOR=$${SIMULATOR-demo_room} $(BIN)/python -m server

demo: venv migrate dashboard overlay
	SIMULATOR=$${SIMULATOR:-demo_room} $(BIN)/python -m server

SUB ?= alice
TIER ?= free
token: venv  ## migrates first (quietly) so `TOKEN=$$(make -s token)` works on a fresh clone
	@$(BIN)/flask --app server db upgrade >/dev/null 2>&1 || $(BIN)/flask --app server db upgrade >&2
	@$(BIN)/flask --app server dev-token --sub "$(SUB)" --tier "$(TIER)" $(if $(LINK),--link "$(LINK)",)

lock:  ## re-pin every transitive package in constraints.txt from a fresh venv
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock && .venv-lock/bin/pip install -q -r requirements-dev.txt
	{ echo "# Full lock of every installed package (direct pins live in requirements*.txt)."; \
	  echo "# Regenerate after changing a pin: make lock"; .venv-lock/bin/pip freeze; } > constraints.txt
	rm -rf .venv-lock

services-up: venv
	@$(SERVICES) start >/dev/null

services-down:
	@$(SERVICES) stop

test: venv services-up dashboard overlay test-python test-dashboard test-extension test-overlay

test-dashboard: dashboard
	cd dashboard && npm test

test-python: venv
	eval "$$($(SERVICES) env)" && $(BIN)/pytest -q $(PYTEST_ARGS)

test-extension:
	@if [ -f extension/package.json ]; then \
	  cd extension && npm ci --no-audit --no-fund && npm run typecheck && npm test && WCP_E2E_PORT=$${WCP_E2E_PORT:-5123} npm run e2e; \
	else echo "extension/ has no package.json yet: nothing to test"; fi

extension:
	cd extension && npm ci --no-audit --no-fund && npm run build

lint: venv
	$(BIN)/black --check server tests bench
	$(BIN)/ruff check server tests bench
	$(BIN)/mypy
	$(BIN)/bandit -q -c pyproject.toml -r server -ll
	git ls-files -z | xargs -0 $(BIN)/detect-secrets-hook --baseline .secrets.baseline --exclude-files '$(SECRET_SCAN_SKIP)'
	@$(MAKE) --no-print-directory wire-check
	$(MAKE) --no-print-directory lint-ts

# ESLint (typescript-eslint, eslint-plugin-vue) + Prettier --check; `npm run format` in either folder fixes.
lint-ts:
	cd extension && { test -d node_modules || npm ci --no-audit --no-fund; } && { test -d .wxt || npx wxt prepare; } && npm run lint
	cd dashboard && { test -d node_modules || npm ci --no-audit --no-fund; } && npm run lint
	cd overlay && { test -d node_modules || npm ci --no-audit --no-fund; } && npm run lint

# The clients' wire types: server/contract.py (JSON Schema) -> contracts/generate.mjs -> wire.ts.
WIRE_TS := dashboard/src/wire.ts overlay/src/wire.ts extension/utils/shared/wire.ts
contracts/node_modules/.package-lock.json: contracts/package-lock.json
	cd contracts && npm ci --prefer-offline --no-audit --no-fund

wire-types: venv contracts/node_modules/.package-lock.json
	rm -rf contracts/build && $(BIN)/python -m server.contract contracts/build >/dev/null
	cd contracts && node generate.mjs build $(addprefix ../,$(WIRE_TS))

wire-check: venv contracts/node_modules/.package-lock.json
	@tmp=$$(mktemp -d) && trap 'rm -rf "$$tmp"' EXIT && \
	  $(BIN)/python -m server.contract "$$tmp" >/dev/null && \
	  (cd contracts && node generate.mjs "$$tmp" "$$tmp/wire.ts") && \
	  for f in $(WIRE_TS); do cmp -s "$$tmp/wire.ts" "$$f" || \
	    { echo "$$f is stale or missing: run make wire-types"; exit 1; }; done

SECRET_SCAN_SKIP := (package-lock\.json|constraints\.txt|\.secrets\.baseline)$$
secrets-baseline: venv  ## after reviewing that every finding is a fake (tests, placeholders)
	$(BIN)/detect-secrets scan --exclude-files '$(SECRET_SCAN_SKIP)' > .secrets.baseline

# Needs the internet (PyPI / npm advisory services): for users and release machines, not CI.
audit: venv
	$(BIN)/pip-audit --strict -r constraints.txt
	cd extension && npm audit --omit=dev
	cd dashboard && npm audit --omit=dev

fmt: venv
	$(BIN)/black server tests bench
	$(BIN)/ruff check --fix server tests bench

bench-rest: venv
	$(BIN)/python -m bench.bench_rest

bench-ai: venv
	$(BIN)/python -m bench.bench_ai

bench-hub: venv services-up
	eval "$$($(SERVICES) env)" && $(BIN)/python -m bench.bench_hub

bench-metrics: venv  ## S1 publish rate with METRICS=on against off, same run
	$(BIN)/python -m bench.bench_metrics

bench-store: venv services-up
	eval "$$($(SERVICES) env)" && $(BIN)/python -m bench.bench_store

bench-extension: venv extension
	node bench/bench_extension.mjs

# Built by make (not committed): /dashboard answers 503 until dashboard/dist exists.
DASHBOARD_SOURCES := $(wildcard dashboard/src/*.ts dashboard/src/*.css) dashboard/index.html \
                     dashboard/package-lock.json dashboard/vite.config.ts dashboard/tsconfig.json
dashboard/dist/index.html: $(DASHBOARD_SOURCES)
	cd dashboard && npm ci --no-audit --no-fund && npm run build

dashboard:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory dashboard/dist/index.html; \
	else echo "npm not found: skipping the dashboard build (/dashboard answers 503 until it is built)"; fi

# Built by make (not committed): /overlay/ answers 503 until overlay/dist exists.
OVERLAY_SOURCES := $(wildcard overlay/src/*.ts overlay/src/kinds/*.ts overlay/src/*.css) overlay/index.html \
                   overlay/preview.html overlay/package-lock.json overlay/vite.config.ts overlay/tsconfig.json
overlay/dist/index.html: $(OVERLAY_SOURCES)
	cd overlay && npm ci --no-audit --no-fund && npm run build

overlay:
	@if command -v npm >/dev/null 2>&1; then $(MAKE) --no-print-directory overlay/dist/index.html; \
	else echo "npm not found: skipping the overlay build (/overlay/ answers 503 until it is built)"; fi

# vitest, then Chromium against the real server (overlay/e2e/)
test-overlay: venv overlay
	cd overlay && npm run typecheck && npm test && npm run e2e

bench-overlay: venv overlay
	node bench/bench_overlay.mjs

bench-analytics: venv services-up
	eval "$$($(SERVICES) env)" && $(BIN)/python -m bench.bench_analytics

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
