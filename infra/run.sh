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
  step "local stack (Kafka, FerretDB) and the browser for end-to-end tests"
  bash infra/local/stack.sh up
  ensure_chromium
  step "unit tests"
  pnpm exec vitest run --config test/vitest.unit.config.ts --reporter=default --reporter=json --outputFile.json="$results/unit.json"
  step "integration and end-to-end tests"
  pnpm exec vitest run --config test/vitest.integration.config.ts --reporter=default --reporter=json --outputFile.json="$results/integration.json"
  step "summary"
  node infra/test-summary.mjs "$results/unit.json" "$results/integration.json"
  echo "total time: $((SECONDS - started)) s"
}

DEMO_DIR="$ROOT/.data/demo"
DEMO_PASSWORD=rapport-demo-pass

# Stops the demo's services (started detached so the review UI outlives the demo command).
stop_demo_services() {
  local f pid
  for f in "$DEMO_DIR"/*.pid; do
    [ -e "$f" ] || continue
    pid=$(cat "$f")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$f"
  done
}

# start_service <name> <port> <main.ts> [VAR=value ...]: detached, logging to .data/demo/<name>.log.
start_service() {
  local name=$1 port=$2 main=$3
  shift 3
  env HTTP_PORT="$port" LOG_LEVEL=info "$@" setsid node --conditions=@rapport/source --import tsx "$main" \
    >"$DEMO_DIR/$name.log" 2>&1 < /dev/null &
  echo $! >"$DEMO_DIR/$name.pid"
  local pid=$!
  for _ in $(seq 1 240); do
    curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break
    kill -0 "$pid" 2>/dev/null || { tail -n 20 "$DEMO_DIR/$name.log"; echo "$name exited; see .data/demo/$name.log" >&2; exit 1; }
    sleep 0.5
  done
  # Ready must mean *this* process: another one on the port would answer too.
  sleep 1
  kill -0 "$pid" 2>/dev/null || { tail -n 20 "$DEMO_DIR/$name.log"; echo "$name exited (is port $port taken?); see .data/demo/$name.log" >&2; exit 1; }
  echo "$name ready: http://127.0.0.1:$port/readyz, /metrics (log: .data/demo/$name.log)"
}

demo_user() { # <username> <role> [extra rapport users create options...]
  local out
  if ! out=$(printf '%s' "$DEMO_PASSWORD" | pnpm -s rapport users create --tenant acme --username "$1" --role "$2" "${@:3}" --password-stdin 2>&1); then
    case "$out" in *"already exists"*) ;; *) echo "$out" >&2; return 1 ;; esac
  fi
}

# Polls the scorecards worker's consumer lag until it has caught up (or 10 minutes pass).
wait_for_scorecards() {
  local port=$1 lag="" last="" i
  for i in $(seq 1 300); do
    lag=$(curl -fs "http://127.0.0.1:$port/metrics" | awk '/^rapport_scorecards_consumer_lag[{ ]/ { s += $NF } END { print s + 0 }')
    if [ "$lag" = "0" ] && [ "$i" -gt 3 ]; then echo "scorecards up to date"; return 0; fi
    if [ "$lag" != "$last" ] && [ $((i % 5)) -eq 1 ]; then echo "scorecards: $lag messages to go"; last=$lag; fi
    sleep 2
  done
  echo "scorecards still catching up ($lag to go); the pages fill in as it does"
}

# demo_import <rapport import options...>: into tenant acme; prints the summary line. The sample
# files hold a few records that cannot be imported on purpose, so exit 2 (some invalid) is expected.
demo_import() {
  local rc=0
  pnpm -s rapport import --tenant acme "$@" >"$DEMO_DIR/import.out" || rc=$?
  tail -n 1 "$DEMO_DIR/import.out"
  [ "$rc" -eq 0 ] || [ "$rc" -eq 2 ]
}

run_demo() {
  local scorer_port=${SCORER_HTTP_PORT:-9464} ui_port=${REVIEW_HTTP_PORT:-8080} cards_port=${SCORECARDS_HTTP_PORT:-9465}
  mkdir -p "$DEMO_DIR"
  # The demo's audit key, kept with its data (in production a key comes from a secret store,
  # never from the database it protects); the review service and the CLI seal with it.
  [ -s "$DEMO_DIR/audit-keys" ] || (umask 077 && printf 'demo:%s' "$(head -c 32 /dev/urandom | base64 -w0)" >"$DEMO_DIR/audit-keys")
  AUDIT_KEYS=$(cat "$DEMO_DIR/audit-keys")
  export AUDIT_KEYS
  setup
  stop_demo_services
  step "local stack (Kafka, FerretDB)"
  bash infra/local/stack.sh up
  step "demo data: the golden corpus, ${DEMO_COUNT:-2000} generated conversations, 3 invalid events"
  pnpm -s demo:data --count "${DEMO_COUNT:-2000}" --out "$DEMO_DIR/generated.jsonl"
  trap 'status=$?; if [ $status -ne 0 ]; then stop_demo_services; fi' EXIT
  step "services: scorer, scorecards worker, review service"
  start_service scorer "$scorer_port" services/scorer/src/main.ts
  start_service scorecards "$cards_port" services/scorecards-worker/src/main.ts
  start_service review-api "$ui_port" services/review-api/src/main.ts COOKIE_SECURE=false
  step "replay events into rapport.interactions.v1"
  pnpm -s rapport replay test/fixtures/golden test/fixtures/demo "$DEMO_DIR/generated.jsonl"
  step "bring your own data: sample exports through rapport import (records it cannot take are named on stderr)"
  local f=packages/ingest/fixtures
  demo_import --format zendesk "$f/zendesk/tickets.jsonl"
  demo_import --format intercom "$f/intercom/conversation.json"
  demo_import --format freshdesk "$f/freshdesk/tickets.json"
  demo_import --format mbox --agent-domains help.example "$f/email/support.mbox"
  demo_import --format webvtt "$f/transcripts/call-0001.vtt"
  demo_import --format csv "$f/generic/messages.csv"
  step "summary"
  pnpm -s rapport summary --wait 300
  curl -fs "http://127.0.0.1:$scorer_port/metrics" | grep -E '^rapport_scorer_(consumed|dead_lettered|flagged)_total' || true
  step "scorecards (the worker catches up on the scored interactions)"
  wait_for_scorecards "$cards_port"
  step "insights: what customers asked about most in the last 8 weeks (more on /insights)"
  pnpm -s rapport insights topics --tenant acme --from "$(date -u -d '-55 days' +%F)" --to "$(date -u +%F)" --limit 8 --examples 1
  step "demo users (tenant acme)"
  demo_user ada admin --display-name "Ada (admin)"
  demo_user mona manager --display-name "Mona (manager)" --teams orders,billing
  demo_user audrey auditor --display-name "Audrey (auditor)"
  demo_user mia agent --display-name "Mia Hansen (agent)" --agent-id ag-101
  cat <<TXT

The review UI is running: http://127.0.0.1:$ui_port/
  sign in as  mona / $DEMO_PASSWORD   (manager of the orders and billing teams)
  also        ada (admin), audrey (auditor), mia (agent): same password
  pages       /queue (review), /scorecards (teams and agents), /insights (topics, coverage),
              /rules (rule precision), /audit (ada, audrey)
  API docs    http://127.0.0.1:$ui_port/docs (OpenAPI 3)

Where to look:
  MongoDB  mongodb://127.0.0.1:${MONGO_PORT:-27017}/rapport: "interactions" (scores, flags, evidence,
           redacted transcripts of flagged ones), "reviews", "audit"
  Kafka    127.0.0.1:${KAFKA_PORT:-9092}: rapport.scored.v1, rapport.reviews.v1,
           rapport.interactions.dlq.v1 (invalid events, payload encrypted or redacted)
  Logs     .data/demo/*.log (pino JSON), .data/kafka.log, .data/ferretdb.log
  Stop     npm run demo:stop (the services), pnpm stack down (Kafka and FerretDB)
  Again    npm run demo (idempotent: the same events change nothing)
TXT
}

case "${1:-}" in
  test) run_tests ;;
  demo) shift; run_demo "$@" ;;
  demo-stop) stop_demo_services; echo "demo services stopped" ;;
  *) echo "usage: infra/run.sh test | demo | demo-stop" >&2; exit 2 ;;
esac
