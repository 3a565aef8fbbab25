#!/usr/bin/env bash
# The public pages benchmark: Gazette serving an issue's web version, its publication's page and
# its feed, against nginx serving the very same bytes as static files, in the same run, with wrk
# (2 threads, 32 connections, 15 s each, loopback). Prints requests per second, p99 and the ratio.
# Not a test: run it by hand. Needs Debian's wrk and nginx-light.
# Options (environment): SECONDS_EACH=15 CONNECTIONS=32 THREADS=2
set -euo pipefail
cd "$(dirname "$0")/.."
command -v wrk >/dev/null || { echo "needs wrk: apt-get install wrk" >&2; exit 1; }
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$NGINX" ] || { echo "needs nginx: apt-get install nginx-light" >&2; exit 1; }
SECONDS_EACH=${SECONDS_EACH:-15}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
PORT=18181
STATIC_PORT=18182
UA="Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"

./mvnw -B -q -DskipTests package

WORK=$(mktemp -d)
APP_PID=
cleanup() {
    [ -n "$APP_PID" ] && kill "$APP_PID" 2>/dev/null && wait "$APP_PID" 2>/dev/null || true
    [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

# Gazette on its embedded defaults, in a data directory of its own
mkdir -p "$WORK/app"
(cd "$WORK/app" && QUARKUS_HTTP_PORT=$PORT QUARKUS_MANAGEMENT_PORT=18183 GAZETTE_EMBEDDED_SMTP_PORT=18184 \
    GAZETTE_ADMIN_EMAIL=bench@example.com GAZETTE_ADMIN_PASSWORD=bench-password-1 \
    GAZETTE_BASE_URL=http://127.0.0.1:$PORT \
    exec java -jar "$OLDPWD/target/quarkus-app/quarkus-run.jar" >"$WORK/app.log" 2>&1) &
APP_PID=$!
BASE=http://127.0.0.1:$PORT
for _ in $(seq 1 240); do
    curl -fs "$BASE/q/health" >/dev/null 2>&1 && break
    kill -0 "$APP_PID" 2>/dev/null || { tail -40 "$WORK/app.log"; exit 1; }
    sleep 0.5
done

json() { python3 -c "import json,sys; print(json.load(sys.stdin)[sys.argv[1]])" "$1"; }
TOKEN=$(curl -fs -H 'Content-Type: application/json' \
    -d '{"email":"bench@example.com","password":"bench-password-1"}' "$BASE/api/v1/auth/login" | json token)
api() { curl -fs -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }
api -d '{"slug":"ai-weekly","name":"AI 뉴스레터","tagline":"매주 읽는 AI 소식","description":"A weekly letter about AI",
  "category":"Tech","locale":"ko","senderName":"지은","senderEmail":"letters@example.com",
  "copyrightNotice":"© 2026 AI 뉴스레터"}' "$BASE/api/v1/publications" >/dev/null

# the seed issue: a Korean letter with sections, a table, code and a quote
BODY=$(python3 - <<'EOF'
import json
parts = []
for n, title in enumerate(["프롬프트: DeepSeek", "이번 주의 도구", "읽을거리", "커뮤니티 소식"], 1):
    parts.append(f"## {n}. {title}\n")
    parts.append("딥시크의 **새 모델**을 일주일 동안 써 봤습니다. 추론이 필요한 질문에서 눈에 띄게 좋아졌고, "
                 "긴 문서를 요약할 때도 핵심을 놓치지 않았습니다. 다만 한국어 존댓말은 아직 어색한 곳이 있습니다. "
                 "자세한 비교는 <https://example.com/deepseek> 에 정리해 두었습니다.\n")
    parts.append("- 첫째, 프롬프트는 짧고 분명하게\n- 둘째, 예시를 두세 개 함께\n- 셋째, 결과를 다시 검토하게\n")
    parts.append("| 모델 | 점수 | 속도 |\n|------|-----:|-----:|\n| A | 91 | 1.2s |\n| B | 88 | 0.8s |\n")
    parts.append("> 좋은 질문이 좋은 답을 만든다는 말은 여전히 맞습니다.\n")
parts.append("```java\nSystem.out.println(\"안녕, 구독자 여러분\");\n```\n")
print(json.dumps({"title": "AI 주간 소식 1호", "slug": "issue-1", "subtitle": "딥시크와 이번 주의 도구들",
                  "category": "AI", "bodyMarkdown": "\n".join(parts)}))
EOF
)
ISSUE=$(api -d "$BODY" "$BASE/api/v1/publications/ai-weekly/issues" | json id)
api -d '{"webOnly":true}' "$BASE/api/v1/publications/ai-weekly/issues/$ISSUE/send" >/dev/null
for _ in $(seq 1 60); do
    curl -fs -o /dev/null "$BASE/p/ai-weekly/issue-1" && break
    sleep 0.5
done
sleep 3 # the send to no one finishes, and the pages are rendered for good

# the same bytes, as static files behind nginx
mkdir -p "$WORK/static/p/ai-weekly"
curl -fs -A "$UA" "$BASE/p/ai-weekly/issue-1" -o "$WORK/static/p/ai-weekly/issue-1.html"
curl -fs "$BASE/p/ai-weekly" -o "$WORK/static/p/ai-weekly/index.html"
curl -fs "$BASE/p/ai-weekly/feed.xml" -o "$WORK/static/p/ai-weekly/feed.xml"
cat >"$WORK/nginx.conf" <<EOF
worker_processes auto;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
    access_log off;
    types { text/html html; application/atom+xml xml; }
    client_body_temp_path $WORK/tmp; proxy_temp_path $WORK/tmp; fastcgi_temp_path $WORK/tmp;
    uwsgi_temp_path $WORK/tmp; scgi_temp_path $WORK/tmp;
    server {
        listen 127.0.0.1:$STATIC_PORT;
        root $WORK/static;
        location = /p/ai-weekly/issue-1 { try_files /p/ai-weekly/issue-1.html =404; }
        location = /p/ai-weekly { try_files /p/ai-weekly/index.html =404; }
    }
}
EOF
mkdir -p "$WORK/tmp"
chmod -R a+rX "$WORK/static" && chmod a+x "$WORK"
"$NGINX" -c "$WORK/nginx.conf" -p "$WORK"

# wrk's summary: requests per second and the 99th percentile in milliseconds
measure() {
    local out rps p99
    out=$(wrk -t"$THREADS" -c"$CONNECTIONS" -d"${SECONDS_EACH}s" --latency -H "User-Agent: $UA" "$1")
    rps=$(awk '/^Requests\/sec/ {print $2}' <<<"$out")
    p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v=v*1000}; print v}' <<<"$out")
    if grep -q "Non-2xx" <<<"$out"; then echo "non-2xx answers from $1" >&2; fi
    echo "$rps $p99"
}

curl -fs -A "$UA" -o /dev/null "$BASE/p/ai-weekly/issue-1" # warm the path once more
wrk -t"$THREADS" -c"$CONNECTIONS" -d5s -H "User-Agent: $UA" "$BASE/p/ai-weekly/issue-1" >/dev/null # JIT warm-up

printf '%s: %s cores, wrk -t%s -c%s -d%ss, loopback\n' "$(date -u +%F)" "$(nproc)" "$THREADS" "$CONNECTIONS" "$SECONDS_EACH"
printf '%-28s %9s %12s %9s %12s %9s %7s\n' page bytes "Gazette r/s" "p99 ms" "nginx r/s" "p99 ms" ratio
for page in "/p/ai-weekly/issue-1:web version" "/p/ai-weekly:publication page" "/p/ai-weekly/feed.xml:feed"; do
    path=${page%%:*}
    name=${page#*:}
    bytes=$(curl -fs -A "$UA" "$BASE$path" | wc -c)
    read -r g_rps g_p99 < <(measure "$BASE$path")
    read -r n_rps n_p99 < <(measure "http://127.0.0.1:$STATIC_PORT$path")
    ratio=$(awk -v g="$g_rps" -v n="$n_rps" 'BEGIN {printf "%.3f", g / n}')
    printf '%-28s %9s %12.0f %9.2f %12.0f %9.2f %7s\n' "$name" "$bytes" "$g_rps" "$g_p99" "$n_rps" "$n_p99" "$ratio"
done
VIEWS=$(api "$BASE/api/v1/publications/ai-weekly/issues/$ISSUE" | json viewCount)
echo "views counted for the one reader wrk plays: $VIEWS"
