#!/bin/sh
# One image, two commands: "app" (the default) runs PlantPulse on Payara Micro; "simulator" runs
# the device simulator with the options that follow (--help lists them). Anything else runs as is.
set -eu

command="${1:-app}"
if [ "$#" -gt 0 ]; then
  shift
fi

case "$command" in
  app)
    # JAVA_OPTS is a list of flags: split on purpose.
    # shellcheck disable=SC2086
    exec java $JAVA_OPTS -jar /opt/payara/payara-micro.jar \
      --deploy /opt/payara/deployments/plantpulse.war --port 8080 --nocluster \
      --prebootcommandfile /opt/plantpulse/pre-boot-commands.asadmin "$@"
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
