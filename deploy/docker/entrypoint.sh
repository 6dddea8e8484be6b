#!/bin/sh
# One image, two commands: "app" (the default) runs PlantPulse on Payara Micro; "simulator" runs
# the device simulator with the options that follow (--help lists them). Anything else runs as is.
set -eu

command="${1:-app}"
if [ "$#" -gt 0 ]; then
  shift
fi

# Docker restarts a container whose process exits, not one that is only unhealthy: after a grace
# period for the warm start, kill the JVM when /health/live fails several times in a row, and the
# restart policy brings up a fresh container. Readiness never counts (a broker outage is not ours
# to restart away). docs/operations.md, "A stuck instance under Compose".
watchdog() {
  pid="$1"
  grace="${PLANTPULSE_WATCHDOG_GRACE_SECONDS:-180}"
  [ "$grace" -gt 0 ] || return 0
  sleep "$grace"
  failures=0
  while kill -0 "$pid" 2>/dev/null; do
    if ${PLANTPULSE_WATCHDOG_PROBE:-java -Xshare:auto -XX:TieredStopAtLevel=1 -Xmx24m -cp /opt/plantpulse/classes io.plantpulse.health.HealthProbe} \
        "${PLANTPULSE_WATCHDOG_URL:-http://localhost:8080/health/live}" >/dev/null 2>&1; then
      failures=0
    else
      failures=$((failures + 1))
      if [ "$failures" -ge "${PLANTPULSE_WATCHDOG_FAILURES:-3}" ]; then
        echo "watchdog: /health/live failed $failures times in a row; stopping the JVM so the container restarts" >&2
        kill -KILL "$pid" 2>/dev/null
        return 0
      fi
    fi
    sleep "${PLANTPULSE_WATCHDOG_INTERVAL_SECONDS:-10}"
  done
}

# Runs "$@" as a child with the watchdog beside it, passing SIGTERM and SIGINT on.
supervise() {
  "$@" &
  pid=$!
  trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
  watchdog "$pid" &
  watcher=$!
  status=0
  wait "$pid" || status=$?
  # A trapped signal ends the first wait early; wait again for the JVM to finish its shutdown.
  while kill -0 "$pid" 2>/dev/null; do
    status=0
    wait "$pid" || status=$?
  done
  kill "$watcher" 2>/dev/null || true
  exit "$status"
}

case "$command" in
  app)
    # JAVA_OPTS is a list of flags: split on purpose.
    # shellcheck disable=SC2086
    supervise ${PLANTPULSE_APP_COMMAND:-java $JAVA_OPTS -jar /opt/payara/payara-micro.jar \
      --deploy /opt/payara/deployments/plantpulse.war --port 8080 --nocluster \
      --prebootcommandfile /opt/plantpulse/pre-boot-commands.asadmin} "$@"
    ;;
  simulator)
    # shellcheck disable=SC2086
    exec java $SIMULATOR_JAVA_OPTS \
      -cp "/opt/plantpulse/classes:/opt/plantpulse/simulator-lib/*" \
      io.plantpulse.simulator.SimulatorMain "$@"
    ;;
  *)
    exec "$command" "$@"
    ;;
esac
