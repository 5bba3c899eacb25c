#!/usr/bin/env bash
# The projector benchmark, one run on one broker and one MongoDB server: two loads, 1,000,000 recent
# events then 400,000 back-dated ones (partner events over 2,000 partners among them), each measured as the
# raw bulk-upsert ceiling, the MongoDB Kafka sink connector 2.0.1, the projector in its own JVM with
# -Xmx512m, and the naive one-record-at-a-time projector. On the recent load also: query latency of
# capability-api on the loaded read model, end-to-end latency from talent-service's 201 to the change
# on the live stream at 200 hires/s, and a rebuild into a new generation while queries answer
# (stopped after 120 s, its rate then projected). Also the cost of one more event for a person with
# 5,000 events. Writes services/capability-projector/benchmark/RESULTS.md and throughput.svg
# (about 20 minutes on 2 cores).
# Options pass through to Maven, e.g. -Dcaptrack.bench.events=200000 for a shorter run.
set -euo pipefail
cd "$(dirname "$0")/.."
# capability-api and talent-service run from their executable jars beside the projector
./mvnw -B -ntp -q -pl services/capability-api,services/talent-service -am package \
  -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true
exec ./mvnw -B -ntp -Pbenchmark -pl services/capability-projector -am verify \
  -DskipTests -Djacoco.skip=true "$@"
