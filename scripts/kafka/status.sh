#!/usr/bin/env bash
# Says whether a broker answers on the local port and whether kafka:start owns it. Exit 0 when up.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

pid="$(kafka_pid || true)"
if kafka_port_open; then
  if [ -n "$pid" ]; then
    echo "Kafka $KAFKA_VERSION is running on 127.0.0.1:$KAFKA_PORT (pid $pid). Logs: $KAFKA_LOGS"
  else
    echo "A broker answers on 127.0.0.1:$KAFKA_PORT (not started by kafka:start)."
  fi
  exit 0
fi
echo "No broker answers on 127.0.0.1:$KAFKA_PORT."
exit 1
