#!/usr/bin/env bash
# The reliability suite (docs/reliability.md): a Kafka broker, two PlantPulse instances on Payara
# Micro behind Debian's nginx, the device simulator, and clients that resume as js/websocket.js
# does. Prints progress as it goes; writes target/reliability/*.json, and docs/reliability.md with
# its charts after a full run.
#
#   bench/reliability.sh              the full suite (about 50 minutes on 2 cores)
#   bench/reliability.sh --short      short versions of every scenario, about 8 minutes (CI)
#   bench/reliability.sh --only rolling,storm
set -euo pipefail
cd "$(dirname "$0")/.."
command -v nginx > /dev/null || { echo "nginx is needed: apt-get install -y nginx" >&2; exit 1; }
mvn -B -q -Dstyle.color=never package -DskipTests
classpath="target/test-classes:target/classes:$(cat target/tools.classpath)"
exec java -Xmx2g -XX:+UseG1GC -cp "$classpath" io.plantpulse.bench.ReliabilityMain "$@"
