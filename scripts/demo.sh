#!/usr/bin/env bash
# `npm run demo`: the whole system on a fresh machine — local Kafka (downloaded on first use), the demo topics,
# the producer service and the DLQ-aware consumer worker, a mix of good and bad ad offers pushed through them
# (plus Kafka Connect and Karafka DLQ records), live lag traffic, and the console on http://localhost:$PORT.
# Ctrl-C stops everything it started. Running it again adds no second copy of the demo data.
# DEMO_CONSUMER_FIXED=1 runs the consumer's fixed release, which accepts what the first one rejected.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1
PORT="${PORT:-3000}"
export PRODUCER_PORT="${PRODUCER_PORT:-8899}"
export CONSUMER_PORT="${CONSUMER_PORT:-8900}"
export PRODUCER_URL="http://127.0.0.1:$PRODUCER_PORT"
# The demo's admin, created on the first start of an empty store (see README: Sign-in).
export REDRIVE_ADMIN_PASSWORD="${REDRIVE_ADMIN_PASSWORD:-redrive-demo-admin}"
# Everything connects to the broker kafka:start runs (or finds) on KAFKA_PORT.
export KAFKA_BROKERS="${KAFKA_BROKERS:-127.0.0.1:${KAFKA_PORT:-9092}}"
# Topic and group names start with DEMO_TOPIC_PREFIX; the consumer's data and every process's log live in DEMO_DIR.
export DEMO_TOPIC_PREFIX="${DEMO_TOPIC_PREFIX:-demo.}"
DEMO_DIR="${DEMO_DIR:-.redrive-demo}"
export DEMO_CONSUMER_DATA_DIR="${DEMO_CONSUMER_DATA_DIR:-$DEMO_DIR/consumer}"
export DEMO_CONSUMER_GROUP="${DEMO_CONSUMER_GROUP:-${DEMO_TOPIC_PREFIX}offers-worker}"
offers="${DEMO_TOPIC_PREFIX}offers"
export DEMO_CONSUMER_TOPICS="${DEMO_CONSUMER_TOPICS:-$offers.banner=banner,$offers.video=video,$offers.native=native}"
LOG_DIR="$DEMO_DIR/logs"
# tsx as a loader of node itself, so each pid below is the process to signal (npx would not pass signals on).
TSX=(node --import tsx)

# npm ci can refuse an npm 11 lock file for other platforms' optional binaries (npm/cli#8320); fall back.
[ -d node_modules ] || npm ci --no-audit --no-fund || npm install --no-audit --no-fund

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in "$PORT" "$PRODUCER_PORT" "$CONSUMER_PORT"; do
  if port_busy "$port"; then
    echo "demo: port $port is in use (another demo?). Choose others with PORT, PRODUCER_PORT and CONSUMER_PORT." >&2
    exit 1
  fi
done

started_kafka=0
pids=()
names=()
cleanup() {
  # Whoever read our output may be gone (a closed terminal, a killed pipe): echo must not end the cleanup.
  trap '' PIPE
  trap - INT TERM HUP EXIT
  echo
  echo "Stopping the demo…"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  # Each process finishes what it has in hand; whatever has not exited after 25 s is killed.
  for _ in $(seq 1 50); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    [ "$alive" = 0 ] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ "$started_kafka" = 1 ]; then bash scripts/kafka/stop.sh; fi
  echo "Demo stopped."
}
trap 'cleanup; exit 0' INT TERM HUP
trap cleanup EXIT

if ! bash scripts/kafka/status.sh >/dev/null 2>&1; then
  bash scripts/kafka/start.sh
  started_kafka=1
fi

# Rebuild only when the source is newer than the last build.
if [ ! -f .next/BUILD_ID ] || [ -n "$(find app lib components instrumentation.ts next.config.js package.json -newer .next/BUILD_ID -print -quit)" ]; then
  echo "Building the console…"
  npx next build >/dev/null
fi

mkdir -p "$LOG_DIR"
"${TSX[@]}" demo/seed-demo.ts topics

# start NAME COMMAND…: runs it in the background, its output in $LOG_DIR/NAME.log. In a session of its own, so
# Ctrl-C reaches only this script, which then stops the processes in its own time and order.
start() {
  local name="$1"
  shift
  setsid "$@" >"$LOG_DIR/$name.log" 2>&1 &
  pids+=($!)
  names+=("$name")
}

# wait_healthy NAME URL: until URL answers 2xx; stops the demo if the process exits first or takes over 2 minutes.
wait_healthy() {
  local name="$1" url="$2" pid="${pids[-1]}"
  for _ in $(seq 1 240); do
    curl -sf "$url" >/dev/null 2>&1 && return 0
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "demo: the $name exited while starting; the end of $LOG_DIR/$name.log:" >&2
      tail -n 20 "$LOG_DIR/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "demo: the $name did not answer $url within 2 minutes (see $LOG_DIR/$name.log)." >&2
  exit 1
}

start producer "${TSX[@]}" demo/producer/main.ts
wait_healthy producer "$PRODUCER_URL/health"
start consumer "${TSX[@]}" demo/consumer/main.ts
wait_healthy consumer "http://127.0.0.1:$CONSUMER_PORT/health"
"${TSX[@]}" demo/seed-demo.ts data
start traffic "${TSX[@]}" demo/lag-traffic.ts
start console node node_modules/next/dist/bin/next start -p "$PORT"
wait_healthy console "http://127.0.0.1:$PORT/api/health"

mode="unfixed: it rejects 970×250 billboards"
case "${DEMO_CONSUMER_FIXED:-}" in 1 | true) mode="fixed: it accepts 970×250 billboards" ;; esac
cat <<INFO

Redrive is running: http://localhost:$PORT   sign in as admin / $REDRIVE_ADMIN_PASSWORD

  producer service  $PRODUCER_URL   POST /push {"topic","num","data","key"}
  consumer worker   http://127.0.0.1:$CONSUMER_PORT   GET /processed?topic=&key=, /metrics, /health ($mode)
  logs              $LOG_DIR/

The full loop: open Dead-letter queues → $offers.banner.DLT. The "Banner size 970x250" group failed because
this consumer does not know that size. Ctrl-C, start again with DEMO_CONSUMER_FIXED=1 npm run demo, redeliver
one of them, and see it processed: curl 'http://127.0.0.1:$CONSUMER_PORT/processed?topic=$offers.banner&key=ban-1100'

Ctrl-C stops everything this started.
INFO

# Until Ctrl-C, or until one of the processes stops on its own.
set +e
wait -n
code=$?
for i in "${!pids[@]}"; do
  if ! kill -0 "${pids[$i]}" 2>/dev/null; then echo "demo: the ${names[$i]} stopped (exit $code); see $LOG_DIR/${names[$i]}.log" >&2; fi
done
exit 1
