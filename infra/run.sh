#!/usr/bin/env bash
# The README's Quickstart commands: `npm test` / `pnpm test` and `npm run demo` / `pnpm demo`.
# Each installs what is missing (pnpm, dependencies, Kafka jars, FerretDB) and starts the local
# stack itself, so both work on a fresh machine.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# shellcheck source=lib.sh
. infra/lib.sh

step() { printf '\n== %s\n' "$*"; }

setup() {
  step "toolchain and dependencies"
  ensure_pnpm
  pnpm install --frozen-lockfile --reporter=append-only 2>&1 | tail -n 3
}

run_tests() {
  local started=$SECONDS results="$ROOT/test/artifacts"
  mkdir -p "$results"
  setup
  step "lint and format check"
  pnpm -s lint
  step "typecheck and build"
  pnpm -s typecheck
  step "local stack (Kafka, FerretDB)"
  bash infra/local/stack.sh up
  step "unit tests"
  pnpm exec vitest run --config test/vitest.unit.config.ts --reporter=default --reporter=json --outputFile.json="$results/unit.json"
  step "integration and end-to-end tests"
  pnpm exec vitest run --config test/vitest.integration.config.ts --reporter=default --reporter=json --outputFile.json="$results/integration.json"
  step "summary"
  node infra/test-summary.mjs "$results/unit.json" "$results/integration.json"
  echo "total time: $((SECONDS - started)) s"
}

run_demo() {
  local data="$ROOT/.data/demo" port=${SCORER_HTTP_PORT:-9464}
  scorer_pid=""
  setup
  step "local stack (Kafka, FerretDB)"
  bash infra/local/stack.sh up
  step "demo data: the golden corpus, ${DEMO_COUNT:-2000} generated conversations, 3 invalid events"
  pnpm -s demo:data --count "${DEMO_COUNT:-2000}" --out "$data/generated.jsonl"
  step "scorer worker (log: .data/demo/scorer.log)"
  HTTP_PORT=$port LOG_LEVEL=info node --conditions=@rapport/source --import tsx services/scorer/src/main.ts >"$data/scorer.log" 2>&1 &
  scorer_pid=$!
  trap 'if [ -n "$scorer_pid" ]; then kill -TERM "$scorer_pid" 2>/dev/null; wait "$scorer_pid" 2>/dev/null; fi; true' EXIT
  for _ in $(seq 1 120); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    kill -0 "$scorer_pid" 2>/dev/null || { tail -n 20 "$data/scorer.log"; echo "the scorer exited; see .data/demo/scorer.log" >&2; exit 1; }
    sleep 0.5
  done
  # Ready must mean *this* scorer: another process on the port would answer too.
  sleep 1
  kill -0 "$scorer_pid" 2>/dev/null || { tail -n 20 "$data/scorer.log"; echo "the scorer exited (is port $port taken? set SCORER_HTTP_PORT); see .data/demo/scorer.log" >&2; exit 1; }
  echo "scorer ready: http://127.0.0.1:$port/readyz, /metrics"
  step "replay events into rapport.interactions.v1"
  pnpm -s rapport replay test/fixtures/golden test/fixtures/demo "$data/generated.jsonl"
  step "summary"
  pnpm -s rapport summary --wait 300
  curl -fs "http://127.0.0.1:$port/metrics" | grep -E '^rapport_scorer_(consumed|dead_lettered|flagged)_total' || true
  cat <<TXT

Where to look:
  MongoDB  mongodb://127.0.0.1:${MONGO_PORT:-27017}/rapport, collection "interactions"
           flagged: { flagged: true }, with flags[].evidence and the redacted transcript
  Kafka    127.0.0.1:${KAFKA_PORT:-9092}: rapport.scored.v1 (every scored interaction),
           rapport.interactions.dlq.v1 (invalid events with their original bytes)
  Logs     .data/demo/scorer.log (pino JSON), .data/kafka.log, .data/ferretdb.log
  Again    npm run demo (idempotent: the same events change nothing); stop the stack: pnpm stack down
TXT
}

case "${1:-}" in
  test) run_tests ;;
  demo) shift; run_demo "$@" ;;
  *) echo "usage: infra/run.sh test | demo" >&2; exit 2 ;;
esac
