#!/usr/bin/env bash
# The segment benchmark: 1,000,000 subscribers and 10,000,000 delivery rows (10 issues) with opens,
# clicks, tips and comments, seeded by set-based SQL; then the segment count of a filter of each kind
# (median of 7 runs) against a count with no condition and a plain count(*), in the same run.
# Not a test: run it by hand. Options: -Dsubscribers=1000000 -Dissues=10 -Druns=7
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.gazette.bench.SegmentBenchmark
