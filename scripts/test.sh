#!/usr/bin/env bash
# `npm test`: typecheck, lint, unit tests, integration tests against a real broker and real stores, Playwright e2e
# against the production build in Debian's Chromium, and the fault suite on a three-node cluster of its own. Starts
# the local broker when none answers (and stops it again afterwards if it started it). Ends with one "N passed, N failed" line over all runners.
set -uo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
results="$(mktemp -d)"
status=0

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
run() { "$@" || status=1; }

step "typecheck"
run npx tsc --noEmit
step "lint"
run npx eslint --max-warnings 0 .
run npx prettier --check . --log-level warn

step "unit tests"
run npx vitest run --project unit --reporter=default --reporter=json --outputFile.json="$results/unit.json"

step "deploy check (Helm chart lint, render and schema validation; compose.yaml)"
run bash scripts/deploy-check.sh

started_kafka=0
if ! bash scripts/kafka/status.sh >/dev/null 2>&1; then
  step "starting the local Kafka broker"
  bash scripts/kafka/start.sh || { echo "Kafka could not be started; integration and e2e tests cannot run." >&2; exit 1; }
  started_kafka=1
fi
# The second cluster of the multi-cluster tests (test/second-kafka.ts): a broker of its own on 9192.
started_second_kafka=0
if [ -z "${KAFKA_SECOND_BROKERS:-}" ] && ! KAFKA_PORT=9192 KAFKA_CONTROLLER_PORT=9193 bash scripts/kafka/status.sh >/dev/null 2>&1; then
  step "starting the second local Kafka broker (127.0.0.1:9192)"
  KAFKA_PORT=9192 KAFKA_CONTROLLER_PORT=9193 KAFKA_HEAP=384m bash scripts/kafka/start.sh || { echo "The second Kafka broker could not be started; integration and e2e tests cannot run." >&2; exit 1; }
  started_second_kafka=1
fi
cleanup() {
  [ "$started_kafka" = 1 ] && bash scripts/kafka/stop.sh >/dev/null 2>&1
  [ "$started_second_kafka" = 1 ] && KAFKA_PORT=9192 KAFKA_CONTROLLER_PORT=9193 bash scripts/kafka/stop.sh >/dev/null 2>&1
  rm -rf "$results"
}
trap cleanup EXIT

step "integration tests (real broker, PGlite and PostgreSQL)"
run npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$results/integration.json"

step "e2e tests (next build + next start, Chromium)"
if [ ! -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]; then
  echo "Chromium is missing at ${CHROMIUM_PATH:-/usr/bin/chromium} (Debian: apt-get install -y chromium)." >&2
  status=1
else
  run npx next build
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results/e2e.json" run npx playwright test --reporter=list,json
  step "fault suite (a three-node cluster of its own; kill -9, SIGSTOP and restarts of real processes)"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$results/faults.json" run npx playwright test -c playwright.faults.config.ts --reporter=list,json
fi

node scripts/test-summary.mjs "$results" || status=1
exit $status
