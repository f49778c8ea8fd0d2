#!/usr/bin/env bash
# Run the suite on SQLite, then on a throwaway PostgreSQL cluster on 127.0.0.1.
# With CI=true a missing PostgreSQL is a failure; otherwise that half is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python

pytest_run() {
    local status=0
    "$PY" -m pytest "$@" || status=$?
    if [ "$status" -eq 5 ]; then
        echo "pytest collected no tests: that is a failure" >&2
        return 1
    fi
    return "$status"
}

echo "== Tests on SQLite"
DATABASE_URL="sqlite:///$(pwd)/db.sqlite3" pytest_run "$@"

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    if [ "${CI:-}" = "true" ]; then
        echo "CI=true but the PostgreSQL server binaries are missing (apt-get install postgresql)" >&2
        exit 1
    fi
    echo "== PostgreSQL not installed: PostgreSQL run skipped"
    exit 0
fi

echo "== Tests on PostgreSQL ($PG_BIN)"
PGDATA_DIR=$(mktemp -d /tmp/newsroom-pg.XXXXXX)
PGPORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg() {
    # initdb and postgres refuse to run as root.
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA_DIR"
}
trap cleanup EXIT
[ "$(id -u)" -eq 0 ] && chown postgres "$PGDATA_DIR"
as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA_DIR -c fsync=off -c full_page_writes=off" start >/dev/null
"$PG_BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE ROLE newsroom LOGIN CREATEDB" \
    -c "CREATE DATABASE newsroom OWNER newsroom"
DATABASE_URL="postgres://newsroom@127.0.0.1:$PGPORT/newsroom" pytest_run "$@"
