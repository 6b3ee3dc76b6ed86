# Shared settings for the local Kafka scripts: which version, where its jars, data and logs live.
# KAFKA_NODES=3 makes it a three-node KRaft cluster: node N (1, 2, 3) listens for clients on KAFKA_PORT + N - 1 and
# for the controller quorum on KAFKA_CONTROLLER_PORT + N - 1 (by default KAFKA_PORT + 100 + N - 1, clear of the
# client ports). One node stays the default.
KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_NODES="${KAFKA_NODES:-1}"
if [ "$KAFKA_NODES" = 1 ]; then
  KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
else
  KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-$((KAFKA_PORT + 100))}"
fi
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_HOME="${KAFKA_HOME:-$KAFKA_DIR/.kafka}"
KAFKA_LIB="$KAFKA_HOME/lib-$KAFKA_VERSION"
if [ "$KAFKA_NODES" = 1 ]; then
  KAFKA_RUN="$KAFKA_HOME/run-$KAFKA_VERSION-$KAFKA_PORT"
else
  KAFKA_RUN="$KAFKA_HOME/run-$KAFKA_VERSION-$KAFKA_PORT-x$KAFKA_NODES"
fi

case "$KAFKA_NODES" in
  1 | 3) ;;
  *) echo "KAFKA_NODES must be 1 or 3 (got \"$KAFKA_NODES\")." >&2; exit 1 ;;
esac

kafka_major() { echo "${KAFKA_VERSION%%.*}"; }

# Node N's client port, controller port, and directory (data, logs, pid file).
node_port() { echo $((KAFKA_PORT + $1 - 1)); }
node_controller_port() { echo $((KAFKA_CONTROLLER_PORT + $1 - 1)); }
node_dir() {
  if [ "$KAFKA_NODES" = 1 ]; then echo "$KAFKA_RUN"; else echo "$KAFKA_RUN/node-$1"; fi
}

# True when something accepts TCP connections on node N's client port (node 1 by default).
kafka_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$(node_port "${1:-1}")") 2>/dev/null
}

# The pid of node N (node 1 by default) when kafka:start started it and it still runs.
kafka_pid() {
  local file pid
  file="$(node_dir "${1:-1}")/broker.pid"
  [ -f "$file" ] || return 1
  pid="$(cat "$file")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}
