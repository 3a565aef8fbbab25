#!/usr/bin/env bash
# 100,000 subscription confirmations in a minute, through the real confirm button, and the
# subscriber.confirmed webhook each one causes, posted to a local receiver: none lost, none doubled,
# and the delivery rate every five seconds. Not a test: run it by hand.
# Options: -Dconfirmations=100000 -Dseconds=60 -Dclients=16 -Dwarmup=20000 (uncounted confirmations on another publication first, so that the JIT has compiled the path); -Dmode=drain writes the confirmations' events
# and deliveries at once instead and measures the webhook engine alone.
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
exec java "$@" -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" dev.gazette.bench.WebhookBenchmark
