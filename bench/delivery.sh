#!/usr/bin/env bash
# The delivery benchmark: Gazette's full send path against Postfix's smtp-source, both into
# smtp-sink, in the same run; then a 1,000,000-recipient send. Needs Debian's postfix package
# (smtp-sink, smtp-source). Options: -Dmessages=20000 -Dsessions=8 -Drounds=2 -Dbig=1000000
set -euo pipefail
cd "$(dirname "$0")/.."
command -v smtp-sink >/dev/null || { echo "needs smtp-sink and smtp-source: apt-get install postfix" >&2; exit 1; }
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.gazette.bench.DeliveryBenchmark
