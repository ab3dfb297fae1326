#!/usr/bin/env bash
# Measures projection lag (commit -> queryable) twice in one run, in a fresh database:
#   1. with the projection service woken by PostgreSQL LISTEN/NOTIFY (the default),
#   2. with Axon's default polling only (fetch delay 1000 ms, no NOTIFY), for comparison.
# usage: infra/bench/lag.sh [COUNT=200] [RATE=20]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
COUNT="${1:-200}"; RATE="${2:-20}"
DB_ENV="$("$ROOT/infra/db.sh" start)" || { echo "[db] could not get a PostgreSQL database (see above)" >&2; exit 1; }
eval "$(printf '%s\n' "$DB_ENV" | sed 's/^/export /')"
export KAT_DB_NAME="kat_bench_lag"
PGPASSWORD="$KAT_DB_PASSWORD" psql -h "$KAT_DB_HOST" -p "$KAT_DB_PORT" -U "$KAT_DB_USER" -d postgres -qc "drop database if exists $KAT_DB_NAME with (force)" -c "create database $KAT_DB_NAME"
(cd "$ROOT" && mvn -q -B -o -DskipTests install 2>/dev/null || mvn -q -B -DskipTests install)
LOGS="$ROOT/.local/logs"; mkdir -p "$LOGS"
for u in FRONTEND ATTENDANCE FINANCE COMPLIANCE ADMIN; do export "KAT_PASSWORD_$u=bench-$(head -c 12 /dev/urandom | base64 | tr '+/' 'xy')"; done
export KAT_PERSONAL_DATA_MASTER_KEY="$(head -c 32 /dev/urandom | base64)" KAT_PERSONAL_DATA_PSEUDONYM_KEY="$(head -c 32 /dev/urandom | base64)"
export SPRING_PROFILES_ACTIVE=local
jar() { ls "$ROOT/$1/target/$1-"*.jar | grep -v original | head -1; }
wait_ready() { for _ in $(seq 1 120); do curl -fsS "http://localhost:$1/actuator/health/readiness" >/dev/null 2>&1 && return 0; sleep 0.5; done; echo "not ready: $1" >&2; exit 1; }
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

java -Xmx256m -jar "$(jar enrollment-service)" --server.port=18081 >"$LOGS/bench-enrollment.log" 2>&1 & pids+=($!)
wait_ready 18081
curl -fsS -u "admin:$KAT_PASSWORD_ADMIN" -X POST localhost:18081/api/catalog/modules -H 'Content-Type: application/json' -d '{"code":"M1","title":"Intro","ceHours":8}' >/dev/null
curl -fsS -u "admin:$KAT_PASSWORD_ADMIN" -X POST localhost:18081/api/catalog/series -H 'Content-Type: application/json' \
  -d "{\"seriesNumber\":900,\"capacity\":100000,\"priceCents\":100,\"ceOptionPriceCents\":0,\"classDays\":[{\"module\":\"M1\",\"date\":\"2099-01-05\"}]}" >/dev/null

run() { # label extra-args...
  local label=$1; shift
  java -Xmx256m -jar "$(jar projection-service)" --server.port=18082 "$@" >"$LOGS/bench-projection-$label.log" 2>&1 & local pid=$!
  wait_ready 18082
  python3 "$ROOT/infra/bench/lag.py" http://localhost:18081 http://localhost:18082 series-900 10 10 "warmup-$label" >/dev/null
  python3 "$ROOT/infra/bench/lag.py" http://localhost:18081 http://localhost:18082 series-900 "$COUNT" "$RATE" "$label"
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
run notify
run polling-1000ms --kat.projections.listen-for-appends=false --kat.projections.fetch-delay-ms=1000
