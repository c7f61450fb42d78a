#!/usr/bin/env bash
# Every test: typecheck, lint, unit, integration (real Temporal + SQLite + HTTP), end-to-end
# (built builder app in headless Chromium), then a short benchmark run whose figures are printed.
set -euo pipefail
source scripts/lib.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"

log "typecheck"
turbo run typecheck --output-logs=errors-only
tsc -p tsconfig.json
log "lint"
eslint . --max-warnings=0
log "build the builder app for the end-to-end tests"
turbo run build --filter=@parley/builder --output-logs=errors-only
log "tests: unit, integration, e2e"
vitest run "$@"
if [ $# -eq 0 ]; then
  log "benchmarks (short runs; ./parley bench for full size)"
  export NODE_OPTIONS="${NODE_OPTIONS:-} --expose-gc"
  tsx bench/message-roundtrip/run.ts --conversations 8 --messages 10
  tsx bench/conversation-runtime/run.ts --starts 48 --messages 400 --cached 100
  tsx bench/ai-eval/run.ts --quick
  tsx bench/ai-openai/run.ts --quick
  tsx bench/voice/pipeline.ts --quick
  tsx bench/voice/speech.ts 1
  tsx bench/voice/overhead.ts --quick
  tsx bench/voice/browser-capture.ts
fi
