#!/usr/bin/env bash
# Runs the benchmarks under bench/ and prints their figures.
#   ./parley bench              all, full size
#   ./parley bench roundtrip    message round trip vs bare Temporal Update
#   ./parley bench runtime      starts/s, history per message, memory per conversation
set -euo pipefail
source scripts/lib.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
export NODE_OPTIONS="${NODE_OPTIONS:-} --expose-gc"
which="${1:-all}"; [ $# -gt 0 ] && shift
case "$which" in
  roundtrip) tsx bench/message-roundtrip/run.ts "$@" ;;
  runtime)   tsx bench/conversation-runtime/run.ts "$@" ;;
  all)       tsx bench/message-roundtrip/run.ts; tsx bench/conversation-runtime/run.ts ;;
  *) die "unknown benchmark $which (roundtrip | runtime | all)" ;;
esac
