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

# The staff console's end-to-end tests drive a real headless Chromium (Debian's chromium and
# chromium-driver); CI runs on a fresh machine, so install them when missing (as root, as CI runs).
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    echo "[test] installing chromium and chromium-driver (staff console end-to-end tests)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
  else
    echo "[test] chromium/chromedriver missing: run as root or: sudo apt-get install -y chromium chromium-driver" >&2
    exit 1
  fi
fi

# Certificates and transcripts set a character Liberation Sans lacks (a Chinese, Japanese, Korean or Arabic name) in
# WenQuanYi Zen Hei or DejaVu Sans (Debian's fonts-wqy-zenhei and fonts-dejavu-core, the projection service's default
# kat.pdf.fallback-fonts), and CertificatePdfTest reads such names back: install them when missing, as Chromium.
if [ ! -r /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || [ ! -r /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "[test] installing fonts-wqy-zenhei and fonts-dejavu-core (CJK and Arabic names in certificate and transcript PDFs)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei fonts-dejavu-core >/dev/null
  else
    echo "[test] fonts missing: run as root or: sudo apt-get install -y fonts-wqy-zenhei fonts-dejavu-core" >&2
    exit 1
  fi
fi

DB_ENV="$("$ROOT/infra/db.sh" start)" || { echo "[db] could not get a PostgreSQL database (see above)" >&2; exit 1; }
eval "$(printf '%s\n' "$DB_ENV" | sed 's/^/export /')"

PSQL=(psql -h "$KAT_DB_HOST" -p "$KAT_DB_PORT" -U "$KAT_DB_USER" -d postgres -Atq)
export PGPASSWORD="$KAT_DB_PASSWORD"
for db in $("${PSQL[@]}" -c "select datname from pg_database where datname like 't\_%'"); do
  "${PSQL[@]}" -c "drop database if exists \"$db\" with (force)" >/dev/null
done

# the tests run on the JDK the services run on (infra/service-java.sh: 25 or later when the machine has one, for its
# ahead-of-time cache); the code is compiled for Java 17 whatever compiles it (maven.compiler.release)
# (JAVA_HOME as that launcher reports its java.home: the launcher may be a link or a wrapper outside its JDK's bin/)
SERVICE_JAVA="$("$ROOT/infra/service-java.sh")"
JAVA_HOME="$("$SERVICE_JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.home = //p' | head -1)"
[ -x "$JAVA_HOME/bin/java" ] || { echo "[test] $SERVICE_JAVA reports no JDK home with a bin/java (java.home: '$JAVA_HOME')" >&2; exit 1; }
export JAVA_HOME
echo "[test] PostgreSQL at $KAT_DB_HOST:$KAT_DB_PORT; running mvn verify on $JAVA_HOME"
mvn -B -ntp verify "$@"

exec "$ROOT/infra/lint-api.sh"
