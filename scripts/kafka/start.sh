#!/usr/bin/env bash
# Starts a single-node KRaft broker on 127.0.0.1:$KAFKA_PORT from Apache Kafka's Maven jars.
# Idempotent: downloads once, formats storage once, and does nothing if a broker already answers.
# With KAFKA_SASL_PORT and KAFKA_SASL_USERS ("name:password,name:password") it also listens for SASL/PLAIN clients
# there and enforces ACLs for them (StandardAuthorizer); the plaintext listener stays trusted (its anonymous
# principal is a super user), for tests that set ACLs up and then act as a user who lacks one.
# With KAFKA_ADVERTISED_PORT the plaintext listener tells clients to connect to that port instead (a proxy in front
# of the broker, for tests that cut connections between Redrive and Kafka).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

fail() { echo "kafka:start: $*" >&2; exit 1; }

if kafka_port_open; then
  echo "Kafka already answers on 127.0.0.1:$KAFKA_PORT — using it."
  exit 0
fi

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

mkdir -p "$KAFKA_DATA" "$KAFKA_LOGS"
config="$KAFKA_RUN/server.properties"
listeners="PLAINTEXT://127.0.0.1:$KAFKA_PORT"
advertised="PLAINTEXT://127.0.0.1:${KAFKA_ADVERTISED_PORT:-$KAFKA_PORT}"
protocols="CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT"
sasl_props=""
if [ -n "${KAFKA_SASL_PORT:-}" ]; then
  [ -n "${KAFKA_SASL_USERS:-}" ] || fail "KAFKA_SASL_PORT needs KAFKA_SASL_USERS (name:password,name:password)."
  listeners="$listeners,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT"
  advertised="$advertised,SASL_PLAINTEXT://127.0.0.1:$KAFKA_SASL_PORT"
  protocols="$protocols,SASL_PLAINTEXT:SASL_PLAINTEXT"
  users=""
  IFS=',' read -ra pairs <<<"$KAFKA_SASL_USERS"
  for pair in "${pairs[@]}"; do users="$users user_${pair%%:*}=\"${pair#*:}\""; done
  sasl_props="sasl.enabled.mechanisms=PLAIN
listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required$users;
authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
super.users=User:ANONYMOUS"
fi
cat >"$config" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=$listeners,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=$advertised
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=$protocols
$sasl_props
log.dirs=$KAFKA_DATA
num.partitions=1
offsets.topic.replication.factor=1
offsets.topic.num.partitions=10
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=true
delete.topic.enable=true
PROPS

# Log to a file beside the data, at INFO, whichever logging backend this Kafka line uses.
cat >"$KAFKA_RUN/log4j2.properties" <<PROPS
rootLogger.level=INFO
rootLogger.appenderRef.file.ref=file
appender.file.type=File
appender.file.name=file
appender.file.fileName=$KAFKA_LOGS/server.log
appender.file.layout.type=PatternLayout
appender.file.layout.pattern=[%d] %p %m (%c)%n
logger.kafka.name=kafka
logger.kafka.level=INFO
logger.org.name=org.apache.kafka
logger.org.level=INFO
PROPS
cat >"$KAFKA_RUN/log4j.properties" <<PROPS
log4j.rootLogger=INFO, file
log4j.appender.file=org.apache.log4j.FileAppender
log4j.appender.file.File=$KAFKA_LOGS/server.log
log4j.appender.file.layout=org.apache.log4j.PatternLayout
log4j.appender.file.layout.ConversionPattern=[%d] %p %m (%c)%n
PROPS

classpath="$KAFKA_LIB/*"
if [ ! -f "$KAFKA_DATA/meta.properties" ]; then
  cluster_id="$(java -cp "$classpath" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1)"
  java -Xmx256m -cp "$classpath" -Dlog4j2.configurationFile="$KAFKA_RUN/log4j2.properties" -Dlog4j.configuration="file:$KAFKA_RUN/log4j.properties" \
    kafka.tools.StorageTool format -t "$cluster_id" -c "$config" >"$KAFKA_LOGS/format.log" 2>&1 \
    || fail "formatting the KRaft storage failed (see $KAFKA_LOGS/format.log)."
fi

: >"$KAFKA_LOGS/server.log"
nohup java -Xmx"$KAFKA_HEAP" -Xms128m -XX:+UseG1GC -Djava.awt.headless=true \
  -Dlog4j2.configurationFile="$KAFKA_RUN/log4j2.properties" -Dlog4j.configuration="file:$KAFKA_RUN/log4j.properties" \
  -Dkafka.logs.dir="$KAFKA_LOGS" -cp "$classpath" kafka.Kafka "$config" >"$KAFKA_LOGS/stdout.log" 2>&1 &
echo $! >"$KAFKA_PID_FILE"

for _ in $(seq 1 120); do
  if ! kafka_pid >/dev/null; then
    tail -n 20 "$KAFKA_LOGS/stdout.log" "$KAFKA_LOGS/server.log" >&2 || true
    fail "the broker exited during start-up (logs: $KAFKA_LOGS)."
  fi
  if kafka_port_open && grep -q "Kafka Server started" "$KAFKA_LOGS/server.log" 2>/dev/null; then
    echo "Kafka $KAFKA_VERSION is up on 127.0.0.1:$KAFKA_PORT (pid $(kafka_pid)). Logs: $KAFKA_LOGS"
    exit 0
  fi
  sleep 0.5
done
fail "the broker did not answer within 60 s (logs: $KAFKA_LOGS)."
