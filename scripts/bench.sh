#!/usr/bin/env bash
# Runs the benchmarks under bench/ and prints their figures.
#   ./parley bench              all, full size
#   ./parley bench roundtrip    message round trip vs bare Temporal Update
#   ./parley bench inbox        inbox list, view counts and search p50/p99 over 100k conversations, 1M messages vs a primary-key lookup
#   ./parley bench contacts     contacts list, search (name, email, phone) and a contact's page p50/p99 over 100k contacts vs a primary-key lookup
#   ./parley bench live         database write → live update subscriber (SSE) p50/p99 with 20 subscribers, agent reply → customer stream p50/p99, idle poll cost
#   ./parley bench analytics    every dashboard query p50/p95/p99 over 100k conversations, 1M messages; event write overhead per turn
#   ./parley bench routing      handoff → offer latency and handoffs/s to assignment vs a bare signal round trip
#   ./parley bench runtime      starts/s, history per message, memory per conversation
#   ./parley bench load         N conversations at once x M messages: failed starts, lost, duplicated
#   ./parley bench ai           intent, knowledge and sentiment quality and latency (+ OpenAI overhead)
#   ./parley bench voice        pipeline RTF and streams, speech engines, end of turn → first TTS byte
#   ./parley bench builder      validate+compile of big flows, the editor's load and pan FPS, replay-gated publish
set -euo pipefail
source scripts/lib.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
export NODE_OPTIONS="${NODE_OPTIONS:-} --expose-gc"
which="${1:-all}"; [ $# -gt 0 ] && shift
case "$which" in
  roundtrip) tsx bench/message-roundtrip/run.ts "$@" ;;
  runtime)   tsx bench/conversation-runtime/run.ts "$@" ;;
  routing)   tsx bench/routing/run.ts "$@" ;;
  inbox)     tsx bench/inbox/run.ts "$@" ;;
  contacts)  tsx bench/contacts/run.ts "$@" ;;
  live)      tsx bench/live/run.ts "$@" ;;
  analytics) tsx bench/analytics/run.ts "$@" ;;
  load)      tsx bench/load/run.ts "$@" ;;
  ai)        tsx bench/ai-eval/run.ts "$@"; tsx bench/ai-openai/run.ts ;;
  voice)     tsx bench/voice/pipeline.ts "$@"; tsx bench/voice/speech.ts; tsx bench/voice/speech-pool.ts; tsx bench/voice/overhead.ts; tsx bench/voice/browser-capture.ts ;;
  builder)   tsx bench/builder/compile.ts "$@"; tsx bench/builder/editor.ts; tsx bench/builder/replay.ts ;;
  all)       for b in roundtrip runtime routing inbox contacts live analytics load ai voice builder; do bash scripts/bench.sh "$b"; done ;;
  *) die "unknown benchmark $which (roundtrip | runtime | routing | inbox | contacts | live | analytics | load | ai | voice | builder | all)" ;;
esac
