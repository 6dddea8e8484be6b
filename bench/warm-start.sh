#!/usr/bin/env bash
# Measures the warm start: 15 minutes of the simulator's default plant (200 devices, 200
# records/s, 180,000 records) already in Kafka, then PlantPulse starts on Payara Micro; prints
# the time from launch to /health/ready and the replay time the app logs, and writes
# target/bench/warm-start.json. Usage: bench/warm-start.sh [backfill-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
backfill="${1:-900}"
kafka_port=29092
http_port=18080
work=target/bench/warm-start
marker="-Dplantpulse.bench=$$"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT
mkdir -p "$work/tmp"

[ -f target/tools.classpath ] || mvn -B -q -Dstyle.color=never package -DskipTests
classpath="target/test-classes:target/classes:$(cat target/tools.classpath)"

echo "warm-start: starting Kafka on $kafka_port"
java "$marker" -Xmx512m -cp "$classpath" io.plantpulse.testsupport.EmbeddedKafka --port "$kafka_port" \
  --dir "$work/kafka" --topic plantpulse.telemetry:6 --topic plantpulse.telemetry.dlq:1 >"$work/kafka.log" 2>&1 &
pids+=($!)
until grep -q "ready on" "$work/kafka.log"; do sleep 0.5; done

echo "warm-start: backfilling ${backfill}s of the default plant"
java "$marker" -cp "$classpath" io.plantpulse.simulator.SimulatorMain --bootstrap-servers "localhost:$kafka_port" \
  --backfill "$backfill" --duration 1 | grep -E "backfilled|Simulating"

echo "warm-start: starting PlantPulse; waiting for ready"
start=$(date +%s%N)
java "$marker" -Xmx512m -Djava.io.tmpdir="$work/tmp" -Dplantpulse.kafka.bootstrap-servers="localhost:$kafka_port" \
  -jar target/payara-micro.jar --deploy target/plantpulse.war --port "$http_port" --nocluster >"$work/payara.log" 2>&1 &
pids+=($!)
until curl -fs "http://localhost:$http_port/health/ready" >/dev/null 2>&1; do
  kill -0 "${pids[1]}" || { tail -20 "$work/payara.log"; exit 1; }
  sleep 0.2
done
ready_ms=$((($(date +%s%N) - start) / 1000000))
replay=$(grep -o "warm start done: [0-9]* records replayed in [0-9]* ms" "$work/payara.log" | tail -1)
records=$(echo "$replay" | awk '{print $4}')
replay_ms=$(echo "$replay" | awk '{print $8}')
devices=$(curl -fs "http://localhost:$http_port/api/devices" | grep -o '"deviceId"' | wc -l)
json="{\"backfillSeconds\":$backfill,\"recordsReplayed\":$records,\"replayMs\":$replay_ms,\"launchToReadyMs\":$ready_ms,\"devices\":$devices,\"cores\":$(nproc)}"
echo "$json" | tee target/bench/warm-start.json
echo "warm-start: $records records replayed in ${replay_ms} ms; launch to ready ${ready_ms} ms"
