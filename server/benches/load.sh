#!/usr/bin/env bash
# Load benchmark of the listing list and search server functions (issue 4):
# 100,000 listings in one org, wrk on loopback, requests/s and p50/p95/p99.
#
#   bash server/benches/load.sh            # seeds once, then measures
#   LISTINGS=20000 DURATION=10s bash server/benches/load.sh
#
# Needs: a release build (`cargo leptos build --release --precompress --split`), wrk (apt-get install wrk).
# Uses the project-local PostgreSQL (started if needed) and its own database.
set -euo pipefail
cd "$(dirname "$0")/../.."
LISTINGS="${LISTINGS:-100000}"
DURATION="${DURATION:-20s}"
CONNECTIONS="${CONNECTIONS:-16}"
PORT="${BENCH_PORT:-3200}"
command -v wrk >/dev/null || { echo "installing wrk"; apt-get install -y -qq wrk >/dev/null; }
[ -x target/release/server ] || { echo "build first: cargo leptos build --release --precompress --split"; exit 1; }

base_url="$(target/release/server db start | tail -1)"
admin_url="${base_url%/*}/postgres"
db_url="${base_url%/*}/propertypro_bench"
if ! psql "$admin_url" -tAc "select 1 from pg_database where datname = 'propertypro_bench'" | grep -q 1; then
  psql "$admin_url" -qc "create database propertypro_bench"
fi
seeded="$(psql "$db_url" -tAc "select count(*) from listings where org_id = 'be4c0000-0000-4000-8000-000000000001'" 2>/dev/null || echo 0)"
if [ "$seeded" != "$LISTINGS" ]; then
  echo "==> seeding $LISTINGS listings"
  DATABASE_URL="$db_url" DEMO_DATA=off target/release/server seed-bench "$LISTINGS"
fi

echo "==> starting the server on :$PORT"
DATABASE_URL="$db_url" DEMO_DATA=off LEPTOS_SITE_ADDR="127.0.0.1:$PORT" PUBLIC_URL="http://127.0.0.1:$PORT" \
  LEPTOS_SITE_ROOT=target/site LEPTOS_OUTPUT_NAME=propertypro LEPTOS_HASH_FILES=true \
  LOGIN_IP_LIMIT_PER_MIN=100000 RUST_LOG=warn target/release/server >/tmp/pp-bench-server.log 2>&1 &
server_pid=$!
trap 'kill $server_pid 2>/dev/null || true' EXIT
for _ in $(seq 1 60); do curl -fs "http://127.0.0.1:$PORT/health" >/dev/null && break; sleep 0.5; done

jar="$(mktemp)"
curl -fs -c "$jar" -H 'Accept: application/json' -H "Origin: http://127.0.0.1:$PORT" \
  --data-urlencode "email=bench@bench.example" --data-urlencode "password=bench-realty-2026" \
  "http://127.0.0.1:$PORT/api/auth/login" >/dev/null
cookie="$(awk '$6 ~ /pp_session/ {print $6"="$7}' "$jar")"
[ -n "$cookie" ] || { echo "sign-in failed"; exit 1; }
api="http://127.0.0.1:$PORT/api/listings/list"
after="$(curl -fs -H "Cookie: $cookie" "$api" | python3 -c 'import json,sys; print(json.load(sys.stdin)["next"])')"

run() {
  printf '%-44s ' "$1"
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" -H "Cookie: $cookie" -s server/benches/report.lua "$2" | tail -1
}
echo "==> $LISTINGS listings, $CONNECTIONS connections, $DURATION each (wrk, loopback)"
run "list, newest first (page 1)" "$api"
run "list, newest first (page 2, keyset)" "$api?after=$after"
run "list, price high to low" "$api?sort=price_desc"
run "list, filtered (active, \$500k+, 3+ beds)" "$api?status=active&min_price=500000&beds=3"
run "search \"harbor\"" "$api?q=harbor"
run "search \"sunny beacon\"" "$api?q=sunny%20beacon"
