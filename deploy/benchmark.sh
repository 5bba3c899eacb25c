#!/usr/bin/env bash
# The projector benchmark, one run on one broker and one MongoDB server: two loads, 1,000,000 recent
# events then 400,000 back-dated ones (partner events over 2,000 partners among them), each measured as the
# raw bulk-upsert ceiling, the MongoDB Kafka sink connector 2.0.1, the projector in its own JVM with
# -Xmx512m, and the naive one-record-at-a-time projector. On the recent load also: query latency of
# capability-api on the loaded read model, end-to-end latency from talent-service's 201 to the change
# on the live stream at 200 hires/s, and a rebuild into a new generation while queries answer
# (stopped after 120 s, its rate then projected). Also the cost of one more event for a person with
# 5,000 events. Writes services/capability-projector/benchmark/RESULTS.md and throughput.svg
# (23 to 26 minutes on 2 cores).
# Options pass through to Maven, e.g. -Dcaptrack.bench.events=200000 for a shorter run.
set -euo pipefail
cd "$(dirname "$0")/.."
# capability-api and talent-service run from their executable jars beside the projector
./mvnw -B -ntp -q -pl services/capability-api,services/talent-service -am package \
  -DskipTests -Djacoco.skip=true -Dspotless.check.skip=true
# The benchmark's own JVM plays the MongoDB server (mongo-java-server: the whole read model, 4 to 5 GB,
# in its heap) and the Kafka broker. On G1 its young collections paused it for 130 to 360 ms every few
# seconds during the end-to-end hires, stalling every client at once; a real server has no such
# pauses. A JDK of 23 or later (generational ZGC by default) runs it when one is installed; the
# services, the projector and the sink connector keep the build's JDK.
bench_jvm=()
for jdk in /usr/lib/jvm/*/; do
  major=$("${jdk}bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p' || true)
  if [[ -n "$major" && "$major" -ge 23 ]]; then
    bench_jvm=("-Dcaptrack.bench.java=${jdk}bin/java" "-Dcaptrack.bench.jvm-collector=-XX:+UseZGC")
    echo "the benchmark's own JVM (server and broker): ${jdk}bin/java, generational ZGC"
    break
  fi
done
exec ./mvnw -B -ntp -Pbenchmark -pl services/capability-projector -am verify \
  -DskipTests -Djacoco.skip=true "${bench_jvm[@]}" "$@"
