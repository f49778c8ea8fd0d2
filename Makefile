# The two commands of README.md: `make demo` and `make test`; `make serve` for production.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
PORT ?= 8000
export DJANGO_SETTINGS_MODULE := newsroom.settings

.PHONY: demo serve test lint bench bench-site audit clean messages

# Compiled translations are committed (a fresh clone needs no gettext); with msgfmt on
# the machine, an edited .po is compiled again before the demo or the tests run.
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po articles/locale/*/LC_MESSAGES/*.po))

%.mo: %.po
	@if command -v msgfmt >/dev/null; then msgfmt --check-format -o $@ $<; \
	else echo "msgfmt not found (apt-get install gettext): keeping the committed $@"; fi

messages: $(MO_FILES)

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create $(VENV). On Debian: apt-get install python3-venv"; exit 1; }
	$(VENV)/bin/pip install --quiet --upgrade pip
	$(VENV)/bin/pip install --quiet -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(VENV)/bin/pip install --quiet -e '.[dev]'
	touch $@

demo: $(VENV)/.installed $(MO_FILES)
	$(VENV)/bin/python manage.py migrate --noinput
	$(VENV)/bin/python manage.py load_demo
	@echo "Serving the demo on http://127.0.0.1:$(PORT)/ (admin: http://127.0.0.1:$(PORT)/admin/)"
	$(VENV)/bin/python manage.py runserver 127.0.0.1:$(PORT)

# Production: settings from the environment (DEBUG off unless set), static files collected
# for WhiteNoise, then gunicorn. Without REDIS_URL the page cache lives in one process's
# memory, so one worker process (with threads) keeps it coherent; with Redis, several.
serve: $(VENV)/.installed $(MO_FILES)
	DEBUG=$${DEBUG:-false} $(VENV)/bin/python manage.py collectstatic --noinput --verbosity 0
	DEBUG=$${DEBUG:-false} exec $(VENV)/bin/gunicorn newsroom.wsgi \
		--bind $${BIND:-127.0.0.1:$(PORT)} \
		--workers $${WEB_CONCURRENCY:-$$([ -n "$${REDIS_URL:-}" ] && echo 3 || echo 1)} \
		--threads $${THREADS:-4} --access-logfile -

# The suite's Nu validator (tests/quality.py): vnu.jar from npm, pinned in tests/tools
# (no install scripts: Java comes from the system).
TEST_TOOLS := tests/tools/node_modules/.installed

$(TEST_TOOLS): tests/tools/package.json tests/tools/package-lock.json
	@command -v npm >/dev/null || { echo "npm not found (apt-get install npm): the suite's Nu validator comes from it"; exit 1; }
	cd tests/tools && npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

test: $(VENV)/.installed-dev $(MO_FILES) $(TEST_TOOLS)
	scripts/run-tests.sh

lint: $(VENV)/.installed-dev
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/ruff check .
	$(VENV)/bin/python manage.py check
	$(VENV)/bin/python manage.py makemigrations --check --dry-run

# SQLite and PostgreSQL (a throwaway cluster) in one run, so their figures compare.
# PostgreSQL with its durable defaults (fsync on), as in production: bench/README.md.
bench: $(VENV)/.installed-dev
	PG_DURABLE=true scripts/with-postgres.sh sh -c '$(VENV)/bin/python bench/import_bench.py --postgres-url "$$DATABASE_URL"' \
		|| { [ $$? -eq 77 ] && $(VENV)/bin/python bench/import_bench.py; }
	$(VENV)/bin/python bench/parser_accuracy.py

# Readers' pages under wrk at archive scale (bench/README.md): PostgreSQL, then SQLite.
# BENCH_SITE_ARGS passes options, e.g. BENCH_SITE_ARGS="--count 10000 --cache on --pages search".
bench-site: $(VENV)/.installed-dev
	scripts/with-postgres.sh sh -c '$(VENV)/bin/python bench/site_bench.py --postgres-url "$$DATABASE_URL" $(BENCH_SITE_ARGS)' \
		|| { [ $$? -eq 77 ] && $(VENV)/bin/python bench/site_bench.py $(BENCH_SITE_ARGS); }

# --ignore-scripts: vnu-jar's install script would fetch a Java runtime where none is found.
audit: $(VENV)/.installed-dev
	cd audit && npm install --ignore-scripts --no-audit --no-fund --silent
	$(VENV)/bin/python audit/check_pages.py --lighthouse

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
