#!/bin/bash
# A single-node KRaft broker+controller. Internal topics have one replica (a single broker cannot
# hold three; without this no consumer group forms: kafkajs issue #1752).
set -eu
DATA=/var/lib/kafka/data
CONF=/var/lib/kafka/server.properties
HOST="${KAFKA_ADVERTISED_HOST:-kafka}"
cat > "$CONF" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=localhost:9093
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://:9092,CONTROLLER://localhost:9093
advertised.listeners=PLAINTEXT://${HOST}:9092
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${DATA}
auto.create.topics.enable=false
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPS
cat > /var/lib/kafka/log4j2.xml <<'XML'
<Configuration status="WARN"><Appenders><Console name="STDOUT" target="SYSTEM_OUT"><PatternLayout pattern="[%d{ISO8601}] %p %m (%c{1})%n"/></Console></Appenders>
<Loggers><Logger name="kafka.server.KafkaRaftServer" level="INFO"/><Root level="WARN"><AppenderRef ref="STDOUT"/></Root></Loggers></Configuration>
XML
JAVA=(java -Xms256m "-Xmx${KAFKA_HEAP:-768m}" -Dlog4j2.configurationFile=/var/lib/kafka/log4j2.xml -cp '/opt/kafka/libs/*')
if [ ! -f "$DATA/meta.properties" ]; then
  "${JAVA[@]}" kafka.tools.StorageTool format --standalone -t "${KAFKA_CLUSTER_ID:-$("${JAVA[@]}" kafka.tools.StorageTool random-uuid)}" -c "$CONF" >/dev/null
fi
exec "${JAVA[@]}" kafka.Kafka "$CONF"
