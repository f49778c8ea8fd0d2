#!/usr/bin/env bash
# Run the suite on SQLite, then on a throwaway PostgreSQL cluster on 127.0.0.1.
# Both runs have a throwaway Redis and S3 server beside them (with-services.sh), and the
# PostgreSQL run a streaming replica (with-postgres.sh, WITH_REPLICA=true).
# With CI=true a missing PostgreSQL is a failure; otherwise that half is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${NEWSROOM_SERVICES:-}" ]; then
    exec scripts/with-services.sh "$(pwd)/scripts/run-tests.sh" "$@"
fi

pytest_run() {
    local status=0
    .venv/bin/python -m pytest "$@" || status=$?
    if [ "$status" -eq 5 ]; then
        echo "pytest collected no tests: that is a failure" >&2
        return 1
    fi
    return "$status"
}

echo "== Tests on SQLite"
DATABASE_URL="sqlite:///$(pwd)/db.sqlite3" pytest_run "$@"

echo "== Tests on PostgreSQL"
export -f pytest_run
status=0
WITH_REPLICA=true scripts/with-postgres.sh bash -c 'pytest_run "$@"' pytest_run "$@" || status=$?
if [ "$status" -eq 77 ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "CI=true but PostgreSQL is missing: that is a failure" >&2
        exit 1
    fi
    echo "PostgreSQL not installed: PostgreSQL run skipped"
    exit 0
fi
exit "$status"
