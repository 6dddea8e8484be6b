#!/usr/bin/env bash
# The hostile-input suite (docs/security.md): a Kafka poison mix, then healthy clients alone and
# with hostile ones among them, then SIGTERM under attack; against a real broker and Payara Micro.
# Prints progress and its figures; writes target/bench/hostile.{json,md}, and after a full run the
# figures section of docs/security.md.
#
#   bench/hostile.sh           100,000 + 100,000 records, 1,000 healthy and 100 hostile clients
#   bench/hostile.sh --short   10,000 + 10,000 records, 100 healthy and 28 hostile (CI, ~2 min)
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" == "--short" ]]; then
  exec bench/run.sh --smoke --only hostile
fi
exec bench/run.sh --only hostile "$@"
