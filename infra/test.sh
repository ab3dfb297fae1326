#!/usr/bin/env bash
# Runs every test against a real PostgreSQL:  infra/test.sh  [extra mvn args]
# Gets a server from infra/db.sh (starting a private one when none is running), drops the
# databases earlier test runs left (each test class creates its own, named t_*), then runs Maven.
# Then lints both services' OpenAPI descriptions (written by each ApiDescriptionTest to
# <service>/target/openapi/<service>.json) with Redocly's CLI and its recommended rules, and fails
# on any error or warning (node and npx needed; the CLI is fetched by npx, nothing is installed globally).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

DB_ENV="$("$ROOT/infra/db.sh" start)" || { echo "[db] could not get a PostgreSQL database (see above)" >&2; exit 1; }
eval "$(printf '%s\n' "$DB_ENV" | sed 's/^/export /')"

PSQL=(psql -h "$KAT_DB_HOST" -p "$KAT_DB_PORT" -U "$KAT_DB_USER" -d postgres -Atq)
export PGPASSWORD="$KAT_DB_PASSWORD"
for db in $("${PSQL[@]}" -c "select datname from pg_database where datname like 't\_%'"); do
  "${PSQL[@]}" -c "drop database if exists \"$db\" with (force)" >/dev/null
done

echo "[test] PostgreSQL at $KAT_DB_HOST:$KAT_DB_PORT; running mvn verify"
mvn -B -ntp verify "$@"

exec "$ROOT/infra/lint-api.sh"
