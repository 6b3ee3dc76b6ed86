#!/usr/bin/env bash
# `npm run demo`: the product on its embedded defaults — local Kafka (downloaded on first use), PGlite store,
# demo traffic, and the console on http://localhost:3000. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"
# The demo's admin, created on the first start of an empty store (see README: Sign-in).
export REDRIVE_ADMIN_PASSWORD="${REDRIVE_ADMIN_PASSWORD:-redrive-demo-admin}"

# npm ci can refuse an npm 11 lock file for other platforms' optional binaries (npm/cli#8320); fall back.
[ -d node_modules ] || npm ci --no-audit --no-fund || npm install --no-audit --no-fund

started_kafka=0
if ! bash scripts/kafka/status.sh >/dev/null 2>&1; then
  bash scripts/kafka/start.sh
  started_kafka=1
fi

# Rebuild only when the source is newer than the last build.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app lib components instrumentation.ts next.config.js package.json -newer .next/BUILD_ID -print -quit)" ]; then
  echo "Building the console…"
  npx next build >/dev/null
fi

pids=()
cleanup() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [ "$started_kafka" = 1 ] && bash scripts/kafka/stop.sh
  echo "Demo stopped."
}
trap cleanup INT TERM EXIT

npx tsx demo/traffic.ts &
pids+=($!)
npx next start -p "$PORT" &
pids+=($!)

for _ in $(seq 1 60); do
  curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 1
done
echo
echo "Redrive is running: http://localhost:$PORT   (Ctrl-C stops the console, the demo traffic and the Kafka it started)"
echo "Sign in as admin / $REDRIVE_ADMIN_PASSWORD"
wait
