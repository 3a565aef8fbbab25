#!/usr/bin/env bash
# The stats benchmark: the send path's outcome UPDATE with and without the stats triggers; then
# 1,000,000 deliveries with realistic events in the database, the stats endpoints' latency under a
# short load (median, p99) against a full recount of the same figures, and the rebuild's time.
# Not a test: run it by hand. Options: -Ddeliveries=1000000 -Dclients=4 -Dseconds=10
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.gazette.bench.StatsBenchmark
