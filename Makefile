# The two commands of the README: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PY := $(VENV)/bin/python
UV := $(PY) -m uv
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)
PORT ?= 8000

.PHONY: run test env peers system-deps messages makemessages lint check worker bench clean

$(VENV)/.synced: pyproject.toml uv.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check uv
	$(UV) sync --frozen --inexact --quiet
	touch $@

env: $(VENV)/.synced

system-deps:
	./scripts/system-deps.sh

# Real peers the tests run against (ical.js, the Nu Html Checker, node-oidc-provider), under tests/peers/.
peers: tests/peers/node_modules/.package-lock.json

tests/peers/node_modules/.package-lock.json: tests/peers/package.json tests/peers/package-lock.json
	cd tests/peers && npm ci --no-audit --no-fund --loglevel=error

messages: env
	$(PY) scripts/compile_messages.py >/dev/null

# Extract new strings into the .po files (translators then fill in fi and sv).
makemessages: env
	$(PY) manage.py makemessages -l fi -l sv -l en --no-location --no-obsolete -i ".venv/*" -i "var/*"

run: env messages
	DJANGO_DEBUG=1 $(PY) manage.py migrate --noinput
	DJANGO_DEBUG=1 $(PY) manage.py seed_demo
	@echo "Starting a Celery worker with beat and the web server at http://localhost:$(PORT)/"
	DJANGO_DEBUG=1 $(PY) -m celery -A config worker -B --concurrency 1 --loglevel INFO \
	  --schedule var/celerybeat-schedule & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	DJANGO_DEBUG=1 $(PY) manage.py runserver 0.0.0.0:$(PORT)

# Locally the test database is kept between runs (add --create-db after a new migration); CI builds it anew.
REUSE_DB := $(if $(CI),,--reuse-db)

test: env system-deps peers messages
	$(PY) -m pytest $(REUSE_DB) $(PYTEST_ARGS)

# Style, the floors as an import contract, and types where the rules live (pyproject.toml).
lint: env
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/mypy

check: env
	$(PY) manage.py makemigrations --check --dry-run

# The page benchmark and the think-time load run; `make bench BENCH=` runs every benchmark module.
BENCH ?= pages load
bench: env messages
	$(PY) -m benchmarks $(BENCH)

clean:
	rm -rf $(VENV) var
