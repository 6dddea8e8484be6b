# Shared by the single-purpose benchmark scripts (warm-start.sh, footprint.sh): a KRaft broker and
# PlantPulse on Payara Micro as the demo runs them, each a process marked so that the caller's EXIT
# trap stops exactly what it started. Source it after `cd` to the project root.

marker="-Dplantpulse.bench=$$"
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true' EXIT

[ -f target/tools.classpath ] && [ -f target/plantpulse.war ] ||
  mvn -B -q -Dstyle.color=never package -DskipTests
classpath="target/test-classes:target/classes:$(cat target/tools.classpath)"

# start_kafka PORT DIR: a fresh broker with the demo's topics; returns once it serves.
start_kafka() {
  java "$marker" -Xmx512m -cp "$classpath" io.plantpulse.testsupport.EmbeddedKafka --port "$1" \
    --dir "$2/kafka" --topic plantpulse.telemetry:6 --topic plantpulse.telemetry.dlq:1 \
    >"$2/kafka.log" 2>&1 &
  pids+=($!)
  until grep -q "ready on" "$2/kafka.log"; do sleep 0.5; done
}

# start_app KAFKA_PORT HTTP_PORT DIR: PlantPulse with the demo's options; sets app_pid.
# BENCH_APP_OPTS adds JVM options, e.g. a flight recording:
# BENCH_APP_OPTS=-XX:StartFlightRecording=settings=profile,filename=/tmp/app.jfr
start_app() {
  mkdir -p "$3/tmp"
  # shellcheck disable=SC2086 # the options are words
  java "$marker" ${BENCH_APP_OPTS:-} -Xmx512m -Djava.io.tmpdir="$3/tmp" -Dplantpulse.kafka.bootstrap-servers="localhost:$1" \
    -jar target/payara-micro.jar --deploy target/plantpulse.war --port "$2" --nocluster \
    --prebootcommandfile deploy/payara/pre-boot-commands.asadmin >"$3/payara.log" 2>&1 &
  app_pid=$!
  pids+=($app_pid)
}

# await_ready HTTP_PORT DIR: until /health/ready answers 200; fails if the app died.
await_ready() {
  until curl -fs "http://localhost:$1/health/ready" >/dev/null 2>&1; do
    kill -0 "$app_pid" 2>/dev/null || { tail -20 "$2/payara.log"; exit 1; }
    sleep 0.2
  done
}

# rss_mib PID: resident set size in MiB.
rss_mib() {
  awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status"
}

# cpu_ticks PID: user + system clock ticks used so far.
cpu_ticks() {
  awk '{print $14 + $15}' "/proc/$1/stat"
}
