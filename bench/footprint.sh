#!/usr/bin/env bash
# The app's footprint as the demo runs it (Payara Micro, -Xmx512m, a fresh KRaft broker): RSS and
# heap after GC at idle (ready, no telemetry), then with the simulator at its default rate (200
# devices, 200 records/s) and the CPU the app used meanwhile. Prints progress; writes
# target/bench/footprint.json. Usage: bench/footprint.sh [idle-seconds] [simulated-seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
idle_s="${1:-30}"
sim_s="${2:-60}"
kafka_port=29192
http_port=18180
work=target/bench/footprint
rm -rf "$work" && mkdir -p "$work"
# shellcheck source=bench/lib.sh
. bench/lib.sh

heap_after_gc_mib() {
  jcmd "$1" GC.run >/dev/null
  jcmd "$1" GC.heap_info | awk '/used/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub("K", "", v); printf "%d", v / 1024; exit}}'
}

# wait_with_progress SECONDS WHAT: a line every 10 s, so a person sees it is alive.
wait_with_progress() {
  for ((s = 0; s < $1; s += 10)); do
    echo "footprint: $2, ${s}/${1}s (RSS $(rss_mib "$app_pid") MiB)"
    sleep $(($1 - s < 10 ? $1 - s : 10))
  done
}

echo "footprint: starting Kafka on $kafka_port"
start_kafka "$kafka_port" "$work"
echo "footprint: starting PlantPulse on $http_port; waiting for ready"
start=$(date +%s%N)
start_app "$kafka_port" "$http_port" "$work"
await_ready "$http_port" "$work"
ready_ms=$((($(date +%s%N) - start) / 1000000))

wait_with_progress "$idle_s" "idle"
idle_rss=$(rss_mib "$app_pid")
idle_heap=$(heap_after_gc_mib "$app_pid")

echo "footprint: starting the simulator at its defaults for ${sim_s}s"
java "$marker" -Xmx256m -cp "target/classes:target/simulator-lib/*" io.plantpulse.simulator.SimulatorMain \
  --bootstrap-servers "localhost:$kafka_port" --duration "$((sim_s + 10))" >"$work/simulator.log" 2>&1 &
pids+=($!)
until curl -fs "http://localhost:$http_port/api/devices" | grep -q deviceId; do sleep 0.5; done
ticks_before=$(cpu_ticks "$app_pid")
wait_with_progress "$sim_s" "simulated"
ticks=$(($(cpu_ticks "$app_pid") - ticks_before))
sim_rss=$(rss_mib "$app_pid")
sim_heap=$(heap_after_gc_mib "$app_pid")
devices=$(curl -fs "http://localhost:$http_port/api/devices" | grep -o '"deviceId"' | wc -l)
cpu_pct=$(awk -v t="$ticks" -v hz="$(getconf CLK_TCK)" -v s="$sim_s" -v n="$(nproc)" \
  'BEGIN {printf "%.1f", 100 * t / hz / s / n}')

json="{\"jvm\":\"-Xmx512m\",\"cores\":$(nproc),\"launchToReadyMs\":$ready_ms,\"idle\":{\"seconds\":$idle_s,\"rssMiB\":$idle_rss,\"heapAfterGcMiB\":$idle_heap},\"simulated\":{\"seconds\":$sim_s,\"devices\":$devices,\"rssMiB\":$sim_rss,\"heapAfterGcMiB\":$sim_heap,\"cpuPercentOfMachine\":$cpu_pct}}"
echo "$json" | tee target/bench/footprint.json
echo "footprint: idle RSS ${idle_rss} MiB (heap after GC ${idle_heap} MiB); with the simulator RSS ${sim_rss} MiB (heap ${sim_heap} MiB), app CPU ${cpu_pct}% of $(nproc) cores"
