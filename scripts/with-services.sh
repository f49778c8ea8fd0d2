#!/usr/bin/env bash
# Run a command beside a throwaway Redis and an S3-compatible server (moto) on 127.0.0.1,
# then remove them. CMD sees TEST_REDIS_URL and TEST_S3_ENDPOINT_URL for the tests that need
# them (tests/conftest.py skips those tests when a variable is missing, or fails with CI=true).
#   scripts/with-services.sh CMD [ARG...]
set -euo pipefail
cd "$(dirname "$0")/.."

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_for_port() {
    # $1 port, $2 name, $3 pid: up to 30 s for the server to listen.
    for _ in $(seq 300); do
        if python3 -c "import socket,sys; socket.create_connection(('127.0.0.1', $1), 0.2)" 2>/dev/null; then
            return 0
        fi
        kill -0 "$3" 2>/dev/null || { echo "$2 exited before listening" >&2; return 1; }
        sleep 0.1
    done
    echo "$2 did not listen on 127.0.0.1:$1 within 30 s" >&2
    return 1
}

SERVICES_DIR=$(mktemp -d /tmp/newsroom-services.XXXXXX)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    rm -rf "$SERVICES_DIR"
}
trap cleanup EXIT

if command -v redis-server >/dev/null; then
    REDIS_PORT=$(free_port)
    redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --save "" --appendonly no \
        --dir "$SERVICES_DIR" >"$SERVICES_DIR/redis.log" 2>&1 &
    pids+=($!)
    wait_for_port "$REDIS_PORT" redis-server "$!"
    export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
    echo "== Redis $(redis-server --version | awk '{print $3}') on 127.0.0.1:$REDIS_PORT"
else
    echo "redis-server not found (apt-get install redis-server): Redis tests skipped" >&2
fi

if [ -x .venv/bin/moto_server ]; then
    S3_PORT=$(free_port)
    .venv/bin/moto_server -H 127.0.0.1 -p "$S3_PORT" >"$SERVICES_DIR/moto.log" 2>&1 &
    pids+=($!)
    wait_for_port "$S3_PORT" moto_server "$!"
    export TEST_S3_ENDPOINT_URL="http://127.0.0.1:$S3_PORT"
    echo "== S3 (moto) on 127.0.0.1:$S3_PORT"
else
    echo ".venv/bin/moto_server not found (make .venv/.installed-dev): S3 tests skipped" >&2
fi

export NEWSROOM_SERVICES=started
status=0
"$@" || status=$?
exit "$status"
