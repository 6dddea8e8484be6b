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
rm -rf "$work" && mkdir -p "$work"
# shellcheck source=bench/lib.sh
. bench/lib.sh

echo "warm-start: starting Kafka on $kafka_port"
start_kafka "$kafka_port" "$work"

echo "warm-start: backfilling ${backfill}s of the default plant"
java "$marker" -cp "$classpath" io.plantpulse.simulator.SimulatorMain --bootstrap-servers "localhost:$kafka_port" \
  --backfill "$backfill" --duration 1 | grep -E "backfilled|Simulating"

echo "warm-start: starting PlantPulse; waiting for ready"
start=$(date +%s%N)
start_app "$kafka_port" "$http_port" "$work"
await_ready "$http_port" "$work"
ready_ms=$((($(date +%s%N) - start) / 1000000))
replay=$(grep -o "warm start done: [0-9]* records replayed in [0-9]* ms" "$work/payara.log" | tail -1)
records=$(echo "$replay" | awk '{print $4}')
replay_ms=$(echo "$replay" | awk '{print $8}')
devices=$(curl -fs "http://localhost:$http_port/api/devices" | grep -o '"deviceId"' | wc -l)
json="{\"backfillSeconds\":$backfill,\"recordsReplayed\":$records,\"replayMs\":$replay_ms,\"launchToReadyMs\":$ready_ms,\"devices\":$devices,\"cores\":$(nproc)}"
echo "$json" | tee target/bench/warm-start.json
echo "warm-start: $records records replayed in ${replay_ms} ms; launch to ready ${ready_ms} ms"
