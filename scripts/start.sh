#!/usr/bin/env bash
# Runs the whole product on embedded defaults: Temporal dev server (SQLite file), worker, API and
# builder. Logs go to data/logs/; Ctrl-C stops everything.
set -euo pipefail
source scripts/lib.sh
export PATH="$ROOT/node_modules/.bin:$PATH"

TEMPORAL_PORT="${TEMPORAL_PORT:-7233}"
TEMPORAL_UI_PORT="${TEMPORAL_UI_PORT:-8233}"
export API_PORT="${API_PORT:-4000}"
BUILDER_PORT="${BUILDER_PORT:-3000}"
export TEMPORAL_ADDRESS="${TEMPORAL_ADDRESS:-localhost:$TEMPORAL_PORT}"
export API_URL="${API_URL:-http://localhost:$API_PORT}"
LOGS="$PARLEY_DATA_DIR/logs"
mkdir -p "$LOGS"

pids=()
stop_all() {
  trap - INT TERM EXIT
  log "stopping"
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop_all INT TERM EXIT

run() { # name, command...
  local name="$1"; shift
  "$@" >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
}

wait_for() { # what, check-command...
  local what="$1"; shift
  for _ in $(seq 1 240); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || die "$what failed to start; see $LOGS"; done
    sleep 0.5
  done
  die "$what did not become ready; see $LOGS"
}

log "building the builder app (cached when unchanged)"
turbo run build --filter=@parley/builder --output-logs=errors-only >"$LOGS/build.log" 2>&1 \
  || { tail -40 "$LOGS/build.log"; die "builder build failed"; }

log "starting Temporal dev server (data/temporal.db)"
run temporal "$TEMPORAL_CLI" server start-dev --db-filename "$PARLEY_DATA_DIR/temporal.db" \
  --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" --log-level warn \
  --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal
wait_for "Temporal" "$TEMPORAL_CLI" operator cluster health --address "$TEMPORAL_ADDRESS"

log "starting worker, API and builder"
run worker npm run --silent start -w @parley/worker
run api npm run --silent start -w @parley/api-server
run builder npm run --silent start -w @parley/builder -- -p "$BUILDER_PORT"
wait_for "API" curl -fsS "http://localhost:$API_PORT/health"
wait_for "builder" curl -fsS -o /dev/null "http://localhost:$BUILDER_PORT/flows"

cat <<MSG

  Parley is running.
    Builder, inbox, web chat   http://localhost:$BUILDER_PORT
    API (tRPC)                 http://localhost:$API_PORT/trpc
    Temporal UI                http://localhost:$TEMPORAL_UI_PORT
  Logs: $LOGS   Stop: Ctrl-C

MSG
wait -n "${pids[@]}" || true
die "a process exited; see $LOGS"
