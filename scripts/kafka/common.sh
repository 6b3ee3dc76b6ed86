# Shared settings for the local Kafka scripts: which version, where its jars, data and logs live.
KAFKA_VERSION="${KAFKA_VERSION:-4.1.1}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP="${KAFKA_HEAP:-512m}"
KAFKA_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
KAFKA_HOME="${KAFKA_HOME:-$KAFKA_DIR/.kafka}"
KAFKA_LIB="$KAFKA_HOME/lib-$KAFKA_VERSION"
KAFKA_RUN="$KAFKA_HOME/run-$KAFKA_VERSION-$KAFKA_PORT"
KAFKA_DATA="$KAFKA_RUN/data"
KAFKA_LOGS="$KAFKA_RUN/logs"
KAFKA_PID_FILE="$KAFKA_RUN/broker.pid"

kafka_major() { echo "${KAFKA_VERSION%%.*}"; }

# True when something accepts TCP connections on the broker port.
kafka_port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null
}

kafka_pid() {
  [ -f "$KAFKA_PID_FILE" ] || return 1
  local pid
  pid="$(cat "$KAFKA_PID_FILE")"
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}
