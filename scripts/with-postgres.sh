#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL cluster on 127.0.0.1, then remove it.
#   scripts/with-postgres.sh CMD [ARG...]   (CMD sees DATABASE_URL=postgres://…)
# With WITH_REPLICA=true it also starts a streaming replica of that cluster (pg_basebackup -R,
# another port) and CMD sees DATABASE_REPLICA_URL too; the role may pause the replica's replay.
# With PG_DURABLE=true the cluster keeps PostgreSQL's durable defaults (fsync, full_page_writes
# and synchronous_commit on, as in production), for benchmarks; otherwise it runs with fsync
# and full-page writes off, which is safe for a throwaway cluster and faster for tests.
# Exits 77 (the "skipped" convention) when the PostgreSQL server binaries are not installed.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/initdb" ]; then
    echo "PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)" >&2
    exit 77
fi

PGDATA_DIR=$(mktemp -d /tmp/newsroom-pg.XXXXXX)
PGPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg() {
    # initdb and postgres refuse to run as root.
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/replica" -m immediate stop >/dev/null 2>&1 || true
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$PGDATA_DIR"
}
trap cleanup EXIT
if [ "$(id -u)" -eq 0 ]; then chown postgres "$PGDATA_DIR"; fi
as_pg "$PG_BIN/initdb" -D "$PGDATA_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
UNSAFE_SPEED="-c fsync=off -c full_page_writes=off"
[ "${PG_DURABLE:-}" = "true" ] && UNSAFE_SPEED=""
as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/data" -l "$PGDATA_DIR/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $PGDATA_DIR $UNSAFE_SPEED" start >/dev/null
"$PG_BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -q -c "CREATE ROLE newsroom LOGIN CREATEDB" \
    -c "CREATE DATABASE newsroom OWNER newsroom"
echo "== PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT${UNSAFE_SPEED:+ ($UNSAFE_SPEED)}"
if [ "${WITH_REPLICA:-}" = "true" ]; then
    # Tests pause replay to show a lagging replica. Granted in template1 as well, so the
    # test database created from it inherits the grant.
    for db in template1 newsroom; do
        "$PG_BIN/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -d "$db" -q \
            -c "GRANT EXECUTE ON FUNCTION pg_wal_replay_pause(), pg_wal_replay_resume() TO newsroom"
    done
    REPLICA_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PGPORT" -U postgres -D "$PGDATA_DIR/replica" \
        -R -X stream --checkpoint=fast
    as_pg "$PG_BIN/pg_ctl" -D "$PGDATA_DIR/replica" -l "$PGDATA_DIR/replica.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $REPLICA_PORT -k $PGDATA_DIR -c fsync=off" start >/dev/null
    echo "== PostgreSQL streaming replica on 127.0.0.1:$REPLICA_PORT"
    export DATABASE_REPLICA_URL="postgres://newsroom@127.0.0.1:$REPLICA_PORT/newsroom"
fi
DATABASE_URL="postgres://newsroom@127.0.0.1:$PGPORT/newsroom" "$@"
