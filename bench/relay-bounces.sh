#!/usr/bin/env bash
# Bounces through a real relay: Debian's Postfix, started in a temporary directory on a free port,
# relays Gazette's issue to a scripted receiving server that refuses two recipients after DATA; the
# DSNs Postfix writes come back by VERP to Gazette's inbound listener through its transport map. A
# complaint, a mailto unsubscribe and forged bounces go through the relay too. It runs the
# RelayBouncesTest (which the default test run also runs wherever Postfix is installed) and prints
# what it checked.
#
#   apt-get install postfix && postfix stop     # the system instance is not used
#   bench/relay-bounces.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v postfix >/dev/null 2>&1 && [ ! -x /usr/sbin/postfix ]; then
    echo "postfix is not installed: apt-get install postfix" >&2
    exit 1
fi

log=$(mktemp)
trap 'rm -f "$log"' EXIT
if ! CI=true nice ./mvnw -B verify -Dtest=RelayBouncesTest -Dsurefire.failIfNoSpecifiedTests=false -DskipITs \
        -Dquarkus.log.category.\"dev.gazette\".level=WARN >"$log" 2>&1; then
    grep -E "checked:|FAIL|ERROR|Expect|expected" "$log" | head -40 >&2
    echo "relay-bounces: FAILED (full log: kept at $log.kept)" >&2
    cp "$log" "$log.kept"
    exit 1
fi
grep -h "checked:" "$log" target/surefire-reports/*RelayBouncesTest-output.txt 2>/dev/null | awk '!seen[$0]++' || true
grep -E "Tests run:.*RelayBouncesTest" "$log" | tail -1
echo "relay-bounces: OK"
