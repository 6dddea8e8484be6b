#!/usr/bin/env bash
# The decoder microbenchmark (JMH): real simulator records decoded by the streaming decoder and by
# the JSON-P tree decoder it replaced, in the same run. Prints JMH's progress and table; writes
# target/bench/decoder.json (JMH's own) and target/bench/decoder.md.
#
#   bench/decoder.sh            2 forks × 5 s warm-up × 5 s measured, per decoder (about 2 minutes)
#   bench/decoder.sh --smoke    1 fork, 1 s each (CI's check that it runs)
set -euo pipefail
cd "$(dirname "$0")/.."
forks=2 iterations=5 seconds=5s
if [[ "${1:-}" == "--smoke" ]]; then forks=1 iterations=1 seconds=1s; fi
mvn -B -q -Dstyle.color=never package -DskipTests
classpath="target/test-classes:target/classes:$(cat target/tools.classpath)"
mkdir -p target/bench
java -cp "$classpath" org.openjdk.jmh.Main io.plantpulse.ingest.DecoderBenchmark \
  -f "$forks" -wi "$iterations" -w "$seconds" -i "$iterations" -r "$seconds" \
  -rf json -rff target/bench/decoder.json
java -cp "$classpath" io.plantpulse.bench.DecoderReport target/bench/decoder.json target/bench/decoder.md
cat target/bench/decoder.md
