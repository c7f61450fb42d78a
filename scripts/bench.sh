#!/usr/bin/env bash
# Runs the benchmarks under bench/ and prints their figures.
set -euo pipefail
source scripts/lib.sh
export PATH="$ROOT/node_modules/.bin:$PATH"
tsx bench/message-roundtrip/run.ts "$@"
