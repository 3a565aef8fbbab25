#!/usr/bin/env bash
# Subscriber CSV import benchmark: generates CSV files of N rows, imports each through the real
# HTTP endpoint of the packaged app, and prints rows per second and the heap the app used meanwhile.
# Not a test: run it by hand (it never runs in ./mvnw verify).
#
#   bench/import-benchmark.sh                 # 100,000 and 1,000,000 rows
#   ROWS="10000 100000" bench/import-benchmark.sh
#
# Settings (environment): ROWS, PORT (default 18080), HEAP (the app's -Xmx, default 256m),
# SKIP_BUILD=1 to reuse target/quarkus-app. Needs curl and python3.
set -euo pipefail

ROWS=${ROWS:-"100000 1000000"}
PORT=${PORT:-18080}
HEAP=${HEAP:-256m}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/gazette-import-bench.XXXXXX")
BASE="http://127.0.0.1:${PORT}"
# metrics are on the management interface
MANAGEMENT_PORT=${MANAGEMENT_PORT:-19000}
APP_PID=""

cleanup() {
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill "$APP_PID"
        wait "$APP_PID" 2>/dev/null || true
    fi
    rm -rf "$WORK"
}
trap cleanup EXIT

if [[ "${SKIP_BUILD:-0}" != "1" ]]; then
    echo "Building the app (./mvnw -DskipTests package)..."
    (cd "$ROOT" && ./mvnw -B -q -DskipTests package)
fi

echo "Starting the packaged app on port ${PORT} with -Xmx${HEAP} (data in ${WORK})..."
QUARKUS_LOG_CATEGORY__DEV_GAZETTE_SUBSCRIBER__LEVEL=DEBUG QUARKUS_HTTP_PORT="$PORT" QUARKUS_MANAGEMENT_PORT="$MANAGEMENT_PORT" GAZETTE_EMBEDDED_SMTP_PORT=0 GAZETTE_EMBEDDED_POSTGRES_DATA_DIR="$WORK/pg" \
    GAZETTE_ADMIN_EMAIL=admin@bench.example.com GAZETTE_ADMIN_PASSWORD="bench admin password" \
    java "-Xmx${HEAP}" -jar "$ROOT/target/quarkus-app/quarkus-run.jar" >"$WORK/app.log" 2>&1 &
APP_PID=$!
for _ in $(seq 1 120); do
    if curl -fs "$BASE/q/health/ready" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "The app did not start:"; tail -40 "$WORK/app.log"; exit 1; fi
    sleep 0.5
done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

EMAIL="bench-$(date +%s)@bench.example.com"
curl -fs -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"bench password 123\",\"name\":\"Bench\"}" "$BASE/api/v1/auth/signup" >/dev/null
TOKEN=$(curl -fs -H 'Content-Type: application/json' \
    -d "{\"email\":\"$EMAIL\",\"password\":\"bench password 123\"}" "$BASE/api/v1/auth/login" | json "['token']")

# heap used (all areas) and old generation used, from the app's own Prometheus metrics
heap_sample() {
    curl -fs "http://127.0.0.1:${MANAGEMENT_PORT}/q/metrics" | python3 -c '
import sys
heap = old = 0.0
for line in sys.stdin:
    if line.startswith("jvm_memory_used_bytes") and "area=\"heap\"" in line:
        value = float(line.rsplit(" ", 1)[1])
        heap += value
        if "Old Gen" in line or "Tenured" in line:
            old += value
print(int(heap), int(old))'
}

printf '\n%-10s %-9s %-10s %-12s %-14s %-16s %s\n' rows "file MB" seconds "rows/s" "peak heap MB" "peak old gen MB" result
for N in $ROWS; do
    FILE="$WORK/subscribers-$N.csv"
    awk -v n="$N" 'BEGIN { print "email,name,tags"; for (i = 1; i <= n; i++) printf "reader%d@list%d.example.com,Reader %d,t%d;all\n", i, i % 97, i, i % 10 }' >"$FILE"
    SIZE_MB=$(python3 -c "import os; print(round(os.path.getsize('$FILE') / 1048576, 1))")
    SLUG="bench-$N-$RANDOM"
    curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \
        -d "{\"slug\":\"$SLUG\",\"name\":\"Bench $N\",\"locale\":\"en\",\"senderName\":\"Bench\",\"senderEmail\":\"bench@example.com\"}" \
        "$BASE/api/v1/publications" >/dev/null

    # sample the heap every 200 ms while the import runs
    : >"$WORK/samples"
    ( while true; do heap_sample >>"$WORK/samples" 2>/dev/null || true; sleep 0.2; done ) &
    SAMPLER=$!
    START=$(date +%s.%N)
    REPORT=$(curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: text/csv' --data-binary "@$FILE" \
        "$BASE/api/v1/publications/$SLUG/subscribers/import")
    END=$(date +%s.%N)
    kill "$SAMPLER"; wait "$SAMPLER" 2>/dev/null || true

    python3 - "$N" "$SIZE_MB" "$START" "$END" "$WORK/samples" "$REPORT" <<'PY'
import json, sys
n, size, start, end, samples, report = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), float(sys.argv[4]), sys.argv[5], json.loads(sys.argv[6])
seconds = end - start
rows = [tuple(map(int, l.split())) for l in open(samples) if l.strip()]
peak_heap = max((r[0] for r in rows), default=0) / 1048576
peak_old = max((r[1] for r in rows), default=0) / 1048576
result = "created=%d updated=%d skipped=%d errors=%d" % (report["created"], report["updated"], report["skipped"], report["errorCount"])
print("%-10d %-9s %-10.1f %-12.0f %-14.0f %-16.0f %s" % (n, size, seconds, n / seconds, peak_heap, peak_old, result))
PY
    rm -f "$FILE"
done
echo
echo "The app's own account of each import:"
grep -o 'Import into publication.*\|import: .*' "$WORK/app.log" || true
echo
echo "Heap limit of the app: -Xmx${HEAP}. Peaks are sampled every 200 ms from /q/metrics during each import."
