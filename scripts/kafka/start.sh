#!/usr/bin/env bash
# Starts a local KRaft Kafka from Apache Kafka's Maven jars: one node on 127.0.0.1:$KAFKA_PORT by default, or with
# KAFKA_NODES=3 a three-node cluster on $KAFKA_PORT, +1 and +2 (every node both broker and controller, so three
# voters keep a quorum with one node down; replication factor 3 and min.insync.replicas=2 for new and internal
# topics). Idempotent: downloads once, formats storage once, and starts only the nodes that are not running, so it
# also restarts a node that was killed. KAFKA_NODE=N starts node N only.
# With KAFKA_SASL_PORT and KAFKA_SASL_USERS ("name:password,name:password") a single node also listens for SASL/PLAIN
# clients there and enforces ACLs for them (StandardAuthorizer); the plaintext listener stays trusted (its anonymous
# principal is a super user), for tests that set ACLs up and then act as a user who lacks one.
# With KAFKA_ADVERTISED_PORT a single node's plaintext listener tells clients to connect to that port instead (a proxy
# in front of the broker, for tests that cut connections between Redrive and Kafka).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

fail() { echo "kafka:start: $*" >&2; exit 1; }

nodes=()
if [ -n "${KAFKA_NODE:-}" ]; then
  [ "$KAFKA_NODE" -ge 1 ] && [ "$KAFKA_NODE" -le "$KAFKA_NODES" ] 2>/dev/null || fail "KAFKA_NODE must be between 1 and $KAFKA_NODES."
  nodes=("$KAFKA_NODE")
else
  for n in $(seq 1 "$KAFKA_NODES"); do nodes+=("$n"); done
fi

to_start=()
for n in "${nodes[@]}"; do
  if kafka_port_open "$n"; then
    if [ "$KAFKA_NODES" = 1 ]; then echo "Kafka already answers on 127.0.0.1:$KAFKA_PORT — using it."; else echo "Node $n already answers on 127.0.0.1:$(node_port "$n")."; fi
  else
    to_start+=("$n")
  fi
done
[ "${#to_start[@]}" -gt 0 ] || exit 0

command -v java >/dev/null 2>&1 || fail "Java is not installed. Install a JDK 17+ (Debian: apt-get install -y openjdk-17-jdk-headless) and run this again."
if ! ls "$KAFKA_LIB"/kafka_2.13-*.jar >/dev/null 2>&1; then
  command -v mvn >/dev/null 2>&1 || fail "Maven is needed once to download Kafka $KAFKA_VERSION's jars. Install it (Debian: apt-get install -y maven) and run this again."
  echo "Downloading Apache Kafka $KAFKA_VERSION from Maven Central (first use only)…"
  profile=()
  [ "$(kafka_major)" = "3" ] && profile=(-Dkafka3)
  if ! mvn -q -B -f "$KAFKA_DIR/pom.xml" package -Dkafka.version="$KAFKA_VERSION" -Dlib.dir="$KAFKA_LIB" "${profile[@]}" >"$KAFKA_HOME.mvn.log" 2>&1; then
    rm -rf "$KAFKA_LIB"
    fail "could not download Kafka $KAFKA_VERSION (see $KAFKA_HOME.mvn.log)."
  fi
fi
if [ "$KAFKA_NODES" != 1 ] && { [ -n "${KAFKA_SASL_PORT:-}" ] || [ -n "${KAFKA_ADVERTISED_PORT:-}" ]; }; then
  fail "KAFKA_SASL_PORT and KAFKA_ADVERTISED_PORT are for a single node."
fi

classpath="$KAFKA_LIB/*"
mkdir -p "$KAFKA_RUN"
voters=""
for n in $(seq 1 "$KAFKA_NODES"); do voters="$voters${voters:+,}$n@127.0.0.1:$(node_controller_port "$n")"; done
replication=$(( KAFKA_NODES >= 3 ? 3 : 1 ))
min_isr=$(( KAFKA_NODES >= 3 ? 2 : 1 ))
# One cluster id for every node of the cluster, kept beside them.
if [ ! -s "$KAFKA_RUN/cluster-id" ]; then
  java -cp "$classpath" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 >"$KAFKA_RUN/cluster-id"
fi
cluster_id="$(cat "$KAFKA_RUN/cluster-id")"

# Writes node N's configuration and logging settings, and formats its storage the first time.
prepare_node() {
  local n="$1" dir data logs port controller_port
  dir="$(node_dir "$n")"; data="$dir/data"; logs="$dir/logs"
  port="$(node_port "$n")"; controller_port="$(node_controller_port "$n")"
  mkdir -p "$data" "$logs"
  local listeners="PLAINTEXT://127.0.0.1:$port"
  local advertised="PLAINTEXT://127.0.0.1:${KAFKA_ADVERTISED_PORT:-$port}"
  local protocols="CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
  local sasl_props=""
  if [ -n "${KAFKA_SASL_PORT:-}" ]; then
    [ -n "${KAFKA_SASL_USERS:-}" ] || fail "KAFKA_SASL_PORT needs KAFKA_SASL_USERS (name:password,name:password)."
    listeners="$listeners,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT"
    advertised="$advertised,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT"
    protocols="$protocols,SASL_PLAINTEXT:SASL_PLAINTEXT"
    local users="" pair pairs
    IFS=',' read -ra pairs <<<"$KAFKA_SASL_USERS"
    for pair in "${pairs[@]}"; do users="$users user_${pair%%:*}=\"${pair#*:}\""; done
    sasl_props="sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required$users;
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:ANONYMOUS"
  fi
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=$n
controller.quorum.voters=$voters
listeners=$listeners,CONTROLLER://127.0.0.1:$controller_port
advertised.listeners=$advertised
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=$protocols
$sasl_props
log.dirs=$data
num.partitions=1
default.replication.factor=$replication
min.insync.replicas=$min_isr
offsets.topic.replication.factor=$replication
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=$replication
transaction.state.log.min.isr=$min_isr
transaction.state.log.num.partitions=5
share.coordinator.state.topic.replication.factor=$replication
share.coordinator.state.topic.min.isr=$min_isr
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
delete.topic.enable=true
PROPS

  # Log to a file beside the data, at INFO, whichever logging backend this Kafka line uses.
  cat >"$dir/log4j2.properties" <<PROPS
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$logs/server.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=INFO
logger.org.name=org.apache.kafka
logger.org.level=INFO
PROPS
  cat >"$dir/log4j.properties" <<PROPS
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$logs/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS

  if [ ! -f "$data/meta.properties" ]; then
    java -Xmx256m -cp "$classpath" -Dlog4j2.configurationFile="$dir/log4j2.properties" -Dlog4j.configuration="file:$dir/log4j.properties" \
      kafka.tools.StorageTool format -t "$cluster_id" -c "$dir/server.properties" >"$logs/format.log" 2>&1 \
      || fail "formatting the KRaft storage of node $n failed (see $logs/format.log)."
  fi
}

launch_node() {
  local n="$1" dir logs
  dir="$(node_dir "$n")"; logs="$dir/logs"
  : >"$logs/server.log"
  nohup java -Xmx"$KAFKA_HEAP" -Xms128m -XX:+UseG1GC -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$dir/log4j2.properties" -Dlog4j.configuration="file:$dir/log4j.properties" \
    -Dkafka.logs.dir="$logs" -cp "$classpath" kafka.Kafka "$dir/server.properties" >"$logs/stdout.log" 2>&1 &
  echo $! >"$dir/broker.pid"
}

for n in "${to_start[@]}"; do prepare_node "$n"; done
# All of them before waiting for any: a node of a cluster starts only once a quorum of controllers answers.
for n in "${to_start[@]}"; do launch_node "$n"; done

for n in "${to_start[@]}"; do
  logs="$(node_dir "$n")/logs"
  up=0
  for _ in $(seq 1 180); do
    if ! kafka_pid "$n" >/dev/null; then
      tail -n 20 "$logs/stdout.log" "$logs/server.log" >&2 || true
      fail "node $n exited during start-up (logs: $logs)."
    fi
    if kafka_port_open "$n" && grep -q "Kafka Server started" "$logs/server.log" 2>/dev/null; then up=1; break; fi
    sleep 0.5
  done
  [ "$up" = 1 ] || fail "node $n did not answer within 90 s (logs: $logs)."
  if [ "$KAFKA_NODES" = 1 ]; then
    echo "Kafka $KAFKA_VERSION is up on 127.0.0.1:$KAFKA_PORT (pid $(kafka_pid "$n")). Logs: $logs"
  else
    echo "Node $n of Kafka $KAFKA_VERSION is up on 127.0.0.1:$(node_port "$n") (pid $(kafka_pid "$n")). Logs: $logs"
  fi
done
