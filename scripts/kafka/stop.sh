#!/usr/bin/env bash
# Stops the nodes that kafka:start started (a broker someone else runs is left alone). KAFKA_NODE=N stops node N only.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

if [ -n "${KAFKA_NODE:-}" ]; then nodes=("$KAFKA_NODE"); else mapfile -t nodes < <(seq 1 "$KAFKA_NODES"); fi
label() { if [ "$KAFKA_NODES" = 1 ]; then echo "Kafka"; else echo "Node $1"; fi; }

pids=()
for n in "${nodes[@]}"; do
  pid="$(kafka_pid "$n" || true)"
  if [ -z "$pid" ]; then
    if [ "$KAFKA_NODES" = 1 ]; then echo "No local Kafka $KAFKA_VERSION started by Redrive is running."; else echo "Node $n is not running."; fi
    rm -f "$(node_dir "$n")/broker.pid"
    continue
  fi
  # A node stopped with SIGSTOP would never act on SIGTERM.
  kill -CONT "$pid" 2>/dev/null || true
  kill "$pid"
  pids+=("$n:$pid")
done

for entry in "${pids[@]}"; do
  n="${entry%%:*}"; pid="${entry#*:}"
  stopped=0
  for _ in $(seq 1 60); do
    kill -0 "$pid" 2>/dev/null || { stopped=1; break; }
    sleep 0.5
  done
  if [ "$stopped" = 1 ]; then
    echo "$(label "$n") stopped."
  else
    kill -9 "$pid" 2>/dev/null || true
    echo "$(label "$n") did not stop within 30 s and was killed."
  fi
  rm -f "$(node_dir "$n")/broker.pid"
done
