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
# Inbound email for email channels: an SMTP endpoint on this port, channels at <public id>@this domain.
export PARLEY_SMTP_INBOUND_PORT="${PARLEY_SMTP_INBOUND_PORT:-2525}"
export PARLEY_EMAIL_DOMAIN="${PARLEY_EMAIL_DOMAIN:-localhost}"
LOGS="$PARLEY_DATA_DIR/logs"
mkdir -p "$LOGS"

pids=()
# Each service runs in its own process group (setsid), so stopping it also stops what npm and
# tsx spawned under it; the worker gets SIGTERM and drains before it exits.
stop_all() {
  trap - INT TERM EXIT
  log "stopping"
  for pid in "${pids[@]}"; do kill -TERM -- "-$pid" 2>/dev/null || true; done
  for _ in $(seq 1 40); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 -- "-$pid" 2>/dev/null && alive=1; done
    [ $alive -eq 0 ] && return 0
    sleep 0.25
  done
  for pid in "${pids[@]}"; do kill -KILL -- "-$pid" 2>/dev/null || true; done
}
trap stop_all INT TERM EXIT

run() { # name, command...
  local name="$1"; shift
  setsid "$@" >"$LOGS/$name.log" 2>&1 &
  pids+=($!)
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$TEMPORAL_PORT" "$TEMPORAL_UI_PORT" "$API_PORT" "$BUILDER_PORT" "$PARLEY_SMTP_INBOUND_PORT"; do
  port_free "$port" || die "port $port is in use (another Parley running?); set TEMPORAL_PORT, TEMPORAL_UI_PORT, API_PORT, BUILDER_PORT or PARLEY_SMTP_INBOUND_PORT"
done

wait_for() { # what, check-command...
  local what="$1"; shift
  for _ in $(seq 1 240); do
    if "$@" >/dev/null 2>&1; then return 0; fi
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null || die "$what failed to start; see $LOGS"; done
    sleep 0.5
  done
  die "$what did not become ready; see $LOGS"
}

log "building the builder app and the widget (cached when unchanged)"
turbo run build --filter=@parley/builder --filter=@parley/widget --output-logs=errors-only >"$LOGS/build.log" 2>&1 \
  || { tail -40 "$LOGS/build.log"; die "build failed"; }

# The Temporal UI decrypts payloads through the API's codec endpoint, which answers the session
# of an owner, admin or supervisor signed in to the builder: tick "Include cross-origin
# credentials" in the UI's Codec Server settings once per browser (the CLI has no flag for it).
# With a codec token the token rides in the path instead (the UI cannot send a header), and no
# sign-in is needed; see docs/deployment.md.
codec_endpoint="http://localhost:$API_PORT/codec"
if [ -n "${PARLEY_CODEC_TOKEN:-}" ]; then codec_endpoint="$codec_endpoint/$PARLEY_CODEC_TOKEN"; fi
codec_args=(--ui-codec-endpoint "$codec_endpoint")
export PARLEY_CODEC_CORS_ORIGINS="${PARLEY_CODEC_CORS_ORIGINS:-http://localhost:$TEMPORAL_UI_PORT,http://127.0.0.1:$TEMPORAL_UI_PORT}"

log "starting Temporal dev server (data/temporal.db)"
run temporal "$TEMPORAL_CLI" server start-dev --db-filename "$PARLEY_DATA_DIR/temporal.db" \
  --ip 127.0.0.1 --port "$TEMPORAL_PORT" --ui-port "$TEMPORAL_UI_PORT" --log-level warn \
  --sqlite-pragma journal_mode=wal --sqlite-pragma synchronous=normal "${codec_args[@]}"
wait_for "Temporal" "$TEMPORAL_CLI" operator cluster health --address "$TEMPORAL_ADDRESS"

log "starting worker, API and builder"
run worker npm run --silent start -w @parley/worker
run api npm run --silent start -w @parley/api-server
run builder npm run --silent start -w @parley/builder -- -p "$BUILDER_PORT"
wait_for "API" curl -fsS "http://localhost:$API_PORT/health"
wait_for "builder" curl -fsS -o /dev/null "http://localhost:$BUILDER_PORT/flows"

cat <<MSG

  Parley is running.
    Builder, inbox, web chat   http://localhost:$BUILDER_PORT   (sign in there)
    API (tRPC)                 http://localhost:$API_PORT/trpc
    REST API and reference     http://localhost:$API_PORT/api/v1/docs
    Temporal UI                http://localhost:$TEMPORAL_UI_PORT
    Inbound email (SMTP)       smtp://localhost:$PARLEY_SMTP_INBOUND_PORT   (email channels: <public id>@$PARLEY_EMAIL_DOMAIN)
  Logs: $LOGS   Stop: Ctrl-C

MSG
# The seed leaves the demo people's first passwords here: shown once, then only their hashes exist.
sign_ins="$PARLEY_DATA_DIR/first-sign-ins.txt"
if [ -f "$sign_ins" ]; then
  printf '  Sign in with (shown only this once; write them down):\n'
  cat "$sign_ins"
  printf '\n'
  rm -f "$sign_ins"
else
  printf '  Sign in with the demo accounts (admin@parley.dev, supervisor@, agent@, analyst@) and the\n'
  printf '  passwords printed at the first start; "Forgot password?" prints a reset link into %s/api.log.\n\n' "$LOGS"
fi
wait -n "${pids[@]}" || true
die "a process exited; see $LOGS"
