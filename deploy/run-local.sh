#!/usr/bin/env bash
# Builds captrack and runs it locally: a Kafka broker, the MongoDB stand-in on a file, five services.
# Needs only Java 17+ and the network access to Maven Central for the first build. Ctrl-C stops all.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -ntp -Dmaven.test.skip=true -Dspotless.check.skip=true -Djacoco.skip=true package
exec java -Xmx1g -cp "deploy/local/target/classes:deploy/local/target/lib/*" io.captrack.local.LocalRun "$@"
