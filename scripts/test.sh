#!/usr/bin/env bash
# Every test: typecheck, lint, unit, integration (real Temporal + SQLite + HTTP), end-to-end
# (built builder app in headless Chromium), the database suites again on a real PostgreSQL
# server, then a short benchmark run whose figures are printed.
set -euo pipefail
source scripts/lib.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

log "typecheck"
turbo run typecheck --output-logs=errors-only
tsc -p tsconfig.json
log "lint"
eslint . --max-warnings=0
log "build the builder app and the embeddable widget for the end-to-end tests"
turbo run build --filter=@parley/builder --filter=@parley/widget --output-logs=errors-only
log "tests: unit, integration, e2e"
vitest run "$@"
if [ $# -eq 0 ]; then
  # The suites that use a database (test/support/database.ts) once more, each file on its own
  # fresh database of a throwaway PostgreSQL 15 server (about 4 minutes on 2 cores). The voice
  # gateway suite stays on SQLite only: it spends its minute and a half in speech recognition,
  # and its database writes (recordings, messages) are the ones the voice suites below cover.
  log "integration suites on PostgreSQL"
  # A server of your own in PARLEY_TEST_POSTGRES_URL is used as it is (and then for both passes).
  if [ -z "${PARLEY_TEST_POSTGRES_URL:-}" ]; then
    trap stop_test_postgres EXIT
    start_test_postgres
  fi
  vitest run --project integration \
    packages/db/test/database.test.ts \
    packages/analytics/test \
    packages/api/test \
    packages/activities/test \
    packages/workflows/test \
    apps/api/test/http-conversations.test.ts apps/api/test/http-flows.test.ts apps/api/test/http-agent-actions.test.ts \
    apps/api/test/knowledge.test.ts apps/api/test/notifications.test.ts apps/api/test/replay-check.test.ts apps/api/test/widget.test.ts apps/api/test/widget-files.test.ts apps/api/test/customer-stream.test.ts \
    apps/api/test/contacts-rest.test.ts apps/api/test/continue-by-email.test.ts apps/api/test/continue-by-sms.test.ts apps/api/test/one-contact-three-channels.test.ts apps/api/test/email-channel.test.ts apps/api/test/inbox-work.test.ts apps/api/test/analytics.test.ts \
    apps/api/test/rest-api.test.ts apps/api/test/scheduled-reports.test.ts apps/api/test/webhooks-delivery.test.ts apps/api/test/webhooks-rest.test.ts \
    apps/api/test/sms-channel.test.ts apps/api/test/whatsapp-channel.test.ts apps/api/test/api-channel.test.ts apps/api/test/imap-channel.test.ts \
    apps/worker/test
  stop_test_postgres
  trap - EXIT
  log "benchmarks (short runs; ./parley bench for full size)"
  export NODE_OPTIONS="${NODE_OPTIONS:-} --expose-gc"
  tsx bench/message-roundtrip/run.ts --conversations 8 --messages 10
  tsx bench/message-roundtrip/run.ts --conversations 64 --messages 10
  tsx bench/load/run.ts --conversations 500 --messages 20
  tsx bench/routing/run.ts --agents 20 --handoffs 100
  tsx bench/inbox/run.ts --conversations 2000 --messages 20000 --queries 30
  tsx bench/analytics/run.ts --conversations 2000 --messages 20000 --queries 20 --turns 50
  tsx bench/live/run.ts --writes 40 --subscribers 10
  tsx bench/conversation-runtime/run.ts --starts 48 --messages 400 --cached 100
  tsx bench/ai-eval/run.ts --quick
  tsx bench/ai-openai/run.ts --quick
  tsx bench/voice/pipeline.ts --quick
  tsx bench/voice/speech.ts 1
  tsx bench/voice/overhead.ts --quick
  tsx bench/voice/browser-capture.ts
  tsx bench/builder/compile.ts --rounds 5 --sizes 500,1000
  tsx bench/builder/editor.ts --nodes 300 --pan-ms 1000
  tsx bench/builder/replay.ts --conversations 20
fi
