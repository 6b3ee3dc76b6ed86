#!/usr/bin/env bash
# Says, for each node, whether it answers on its port and whether kafka:start owns it. Exit 0 when every node is up.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

status=0
for n in $(seq 1 "$KAFKA_NODES"); do
  port="$(node_port "$n")"
  pid="$(kafka_pid "$n" || true)"
  logs="$(node_dir "$n")/logs"
  if [ "$KAFKA_NODES" = 1 ]; then name="Kafka $KAFKA_VERSION"; else name="Node $n (Kafka $KAFKA_VERSION)"; fi
  if kafka_port_open "$n"; then
    if [ -n "$pid" ]; then
      state="$(ps -o state= -p "$pid" 2>/dev/null | tr -d ' ')"
      if [ "$state" = T ]; then
        echo "$name is stopped (SIGSTOP) on 127.0.0.1:$port (pid $pid). Logs: $logs"
        status=1
      else
        echo "$name is running on 127.0.0.1:$port (pid $pid). Logs: $logs"
      fi
    else
      echo "A broker answers on 127.0.0.1:$port (not started by kafka:start)."
    fi
  else
    if [ "$KAFKA_NODES" = 1 ]; then echo "No broker answers on 127.0.0.1:$port."; else echo "Node $n: no broker answers on 127.0.0.1:$port."; fi
    status=1
  fi
done
exit $status
