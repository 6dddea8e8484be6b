#!/usr/bin/env bash
# The benchmark suite (docs/performance.md): a real Kafka broker and PlantPulse on Payara Micro in
# their own processes, this machine's JVM as the load client. Prints progress as it goes; writes
# target/bench/*.json, and docs/performance.md with its charts after a full run.
#
#   bench/run.sh             the full suite (about 15 minutes on 2 cores)
#   bench/run.sh --smoke     small sizes, about 3 minutes (CI); writes only under target/bench
#   bench/run.sh --only stream,fanout
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -Dstyle.color=never package -DskipTests
classpath="target/test-classes:target/classes:$(cat target/tools.classpath)"
exec java -Xmx2g -XX:+UseG1GC -cp "$classpath" io.plantpulse.bench.BenchMain "$@"
