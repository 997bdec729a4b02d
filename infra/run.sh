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
  setup
  step "local stack (Kafka, FerretDB)"
  bash infra/local/stack.sh up
  step "demo"
  pnpm -s rapport demo "$@"
}

case "${1:-}" in
  test) run_tests ;;
  demo) shift; run_demo "$@" ;;
  *) echo "usage: infra/run.sh test | demo" >&2; exit 2 ;;
esac
