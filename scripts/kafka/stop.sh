#!/usr/bin/env bash
# Stops the broker that kafka:start started (a broker someone else runs is left alone).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

pid="$(kafka_pid || true)"
if [ -z "$pid" ]; then
  echo "No local Kafka $KAFKA_VERSION started by Redrive is running."
  rm -f "$KAFKA_PID_FILE"
  exit 0
fi
kill "$pid"
for _ in $(seq 1 60); do
  kill -0 "$pid" 2>/dev/null || { rm -f "$KAFKA_PID_FILE"; echo "Kafka stopped."; exit 0; }
  sleep 0.5
done
kill -9 "$pid" 2>/dev/null || true
rm -f "$KAFKA_PID_FILE"
echo "Kafka did not stop within 30 s and was killed."
