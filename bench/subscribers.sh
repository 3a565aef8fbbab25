#!/usr/bin/env bash
# The studio's subscriber table at 1,000,000 subscribers: its first page, a keyset page deep in the
# table, prefix searches and a status filter, p50 and p99 as a browser gets them, against the API's
# OFFSET list at the same depth. Not a test: run it by hand.
# Options: -Dsubscribers=1000000 -Drequests=300
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.gazette.bench.SubscriberTableBenchmark
