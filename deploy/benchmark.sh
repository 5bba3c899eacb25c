#!/usr/bin/env bash
# The projector benchmark: loads 1,000,000 events into a real Kafka broker and measures the
# projector, the MongoDB server's raw bulk-upsert ceiling and a naive one-updateOne-per-record
# projector in one run. Figures go to services/capability-projector/benchmark/RESULTS.md.
# Options pass through to Maven, e.g. -Dcaptrack.bench.events=200000 for a shorter run.
set -euo pipefail
cd "$(dirname "$0")/.."
exec ./mvnw -B -ntp -Pbenchmark -pl services/capability-projector -am verify \
  -DskipTests -Djacoco.skip=true "$@"
