#!/usr/bin/env bash
# The send progress query on a large send, before and after it read counters (issue 17, item 10).
# Usage: bench/progress.sh [deliveries, default 1000000]
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests test-compile
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.gazette.bench.ProgressBenchmark "$@"
