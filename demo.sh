#!/usr/bin/env bash
# Starts the whole PlantPulse demo on one machine: a real Kafka broker (KRaft, from Maven
# artifacts), the app on Payara Micro and the device simulator. Ctrl-C stops all three.
#
#   ./demo.sh                      200 devices at 200 records/s
#   ./demo.sh --devices 1000 --rate 5000   any simulator option (see --help of the simulator)
#
# Ports: PLANTPULSE_DEMO_PORT (8080) for the dashboard, PLANTPULSE_DEMO_KAFKA_PORT (9092) for
# Kafka, which also uses the next port for its controller.
set -euo pipefail
cd "$(dirname "$0")"

port="${PLANTPULSE_DEMO_PORT:-8080}"
kafka_port="${PLANTPULSE_DEMO_KAFKA_PORT:-9092}"
work=target/demo
# Every process we start carries this marker, so stopping (and checking) is exact.
marker="-Dplantpulse.demo=$$"
pids=()
started=$(date +%s)

log() { printf '%s [demo] %s\n' "$(date +%T)" "$*"; }

stop_all() {
  trap - EXIT INT TERM
  if ((${#pids[@]})); then
    log "Stopping ${#pids[@]} process(es)..."
    kill -TERM "${pids[@]}" 2>/dev/null || true
    for _ in $(seq 1 30); do
      alive=0
      for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
      ((alive)) || break
      sleep 0.5
    done
    kill -KILL "${pids[@]}" 2>/dev/null || true
    wait 2>/dev/null || true
  fi
  log "Stopped."
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# Waits for a condition, printing a dot a second; fails with the log's tail on timeout.
await() {
  local what=$1 seconds=$2 logfile=$3; shift 3
  printf '%s [demo] Waiting for %s ' "$(date +%T)" "$what"
  for _ in $(seq 1 "$seconds"); do
    if "$@" >/dev/null 2>&1; then echo " ok"; return 0; fi
    for pid in "${pids[@]}"; do
      kill -0 "$pid" 2>/dev/null || { echo; log "A process died; last lines of $logfile:"; tail -20 "$logfile"; return 1; }
    done
    printf '.'; sleep 1
  done
  echo; log "$what did not come within ${seconds}s; last lines of $logfile:"; tail -20 "$logfile"; return 1
}

for p in "$port" "$kafka_port" "$((kafka_port + 1))"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    log "Port $p is already in use: stop what uses it or set PLANTPULSE_DEMO_PORT / PLANTPULSE_DEMO_KAFKA_PORT."
    exit 1
  fi
done

log "[1/4] Building the WAR (mvn package, tests skipped)..."
mvn -B -q -Dstyle.color=never package -DskipTests
classpath="target/test-classes:target/classes:$(cat target/tools.classpath)"
mkdir -p "$work/tmp"

log "[2/4] Starting Kafka (KRaft) on localhost:$kafka_port..."
java "$marker" -Xmx512m -cp "$classpath" io.plantpulse.testsupport.EmbeddedKafka \
  --port "$kafka_port" --dir "$work/kafka" \
  --topic plantpulse.telemetry:6 --topic plantpulse.telemetry.dlq:1 >"$work/kafka.log" 2>&1 &
pids+=($!)
await "Kafka" 60 "$work/kafka.log" grep -q "ready on" "$work/kafka.log"

log "[3/4] Starting PlantPulse on Payara Micro, port $port..."
java "$marker" -Xmx512m -Djava.io.tmpdir="$work/tmp" \
  -Dplantpulse.kafka.bootstrap-servers="localhost:$kafka_port" \
  -jar target/payara-micro.jar --deploy target/plantpulse.war --port "$port" --nocluster \
  --prebootcommandfile deploy/payara/pre-boot-commands.asadmin \
  >"$work/payara.log" 2>&1 &
pids+=($!)
await "the app to be ready" 120 "$work/payara.log" curl -fs "http://localhost:$port/health/ready"

log "[4/4] Starting the device simulator $*..."
# The classpath the Docker image gives the simulator, so the demo proves it.
java "$marker" -Xmx256m -cp "target/classes:target/simulator-lib/*" io.plantpulse.simulator.SimulatorMain \
  --bootstrap-servers "localhost:$kafka_port" "$@" >"$work/simulator.log" 2>&1 &
pids+=($!)
await "live data" 30 "$work/simulator.log" sh -c "curl -fs http://localhost:$port/api/devices | grep -q deviceId"

log "PlantPulse is live after $(($(date +%s) - started))s:  http://localhost:$port/"
log "Logs: $work/{kafka,payara,simulator}.log. Press Ctrl-C to stop everything."
# Returns when any of them exits; the EXIT trap then stops the others.
wait -n "${pids[@]}"
log "A process exited on its own; see the logs in $work/."
