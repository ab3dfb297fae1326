#!/usr/bin/env bash
# Class data sharing (CDS) for a service:  infra/cds.sh MODULE
# Prints the java arguments that start MODULE from a class archive:
#   -XX:SharedArchiveFile=MODULE/target/cds/app.jsa -Xlog:cds=off -jar MODULE/target/cds/MODULE-….jar
# The packaged jar is extracted (Spring Boot's tools jar mode) and one training run records the
# archive, stopping right after the application context is refreshed (spring.context.exit=onRefresh),
# with local throw-away users and the database of the environment (KAT_DB_*; its schema is migrated
# as a normal start would). Redone only when the jar is newer than the archive. When anything fails
# it prints the plain "-jar MODULE/target/MODULE-….jar" and says why on stderr: CDS only speeds up
# the start (measured here: 6.7-7.1 s -> 3.6-3.9 s to a refreshed context for enrollment-service).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="${1:?usage: infra/cds.sh MODULE}"
JAR="$(ls "$ROOT/$MODULE/target/$MODULE-"*.jar 2>/dev/null | grep -v original | head -1 || true)"
[ -n "$JAR" ] || { echo "[cds] no jar for $MODULE; build first" >&2; exit 1; }
DIR="$ROOT/$MODULE/target/cds"
APP="$DIR/$(basename "$JAR")"
ARCHIVE="$DIR/app.jsa"
if [ ! -f "$ARCHIVE" ] || [ "$JAR" -nt "$ARCHIVE" ]; then
  rm -rf "$DIR"
  if ! java -Djarmode=tools -jar "$JAR" extract --destination "$DIR" >/dev/null 2>&1; then
    echo "[cds] could not extract $JAR; starting without an archive" >&2; echo "-jar $JAR"; exit 0
  fi
  if [ -z "${KAT_DB_PASSWORD:-}" ]; then
    DB_ENV="$("$ROOT/infra/db.sh" start)" || { echo "[cds] no database for the training run; starting without an archive" >&2; echo "-jar $JAR"; exit 0; }
    eval "$(printf '%s\n' "$DB_ENV" | sed 's/^/export /')"
  fi
  TRAIN_ENV=(SPRING_PROFILES_ACTIVE=local)
  for u in FRONTEND ATTENDANCE FINANCE COMPLIANCE ADMIN; do TRAIN_ENV+=("KAT_PASSWORD_$u=training-$(head -c 12 /dev/urandom | base64 | tr '+/' 'xy')"); done
  # throw-away personal data secrets too: the training run stops after start-up and makes no data keys
  TRAIN_ENV+=("KAT_PERSONAL_DATA_MASTER_KEY=$(head -c 32 /dev/urandom | base64)" "KAT_PERSONAL_DATA_PSEUDONYM_KEY=$(head -c 32 /dev/urandom | base64)")
  # the JVM options the services run with (infra/service-jvm.env): an archive is only used by a compatible JVM
  read -r -a SERVICE_OPTS <<<"$(sed -n 's/^KAT_SERVICE_JAVA_OPTS=//p' "$ROOT/infra/service-jvm.env")"
  if ! env "${TRAIN_ENV[@]}" java "${SERVICE_OPTS[@]}" -XX:ArchiveClassesAtExit="$ARCHIVE" -Xlog:cds=off -Xlog:cds+dynamic=off \
       -Dspring.context.exit=onRefresh -jar "$APP" --server.port=0 >"$DIR/training.log" 2>&1 || [ ! -s "$ARCHIVE" ]; then
    echo "[cds] training run of $MODULE failed (see $DIR/training.log); starting without an archive" >&2
    rm -f "$ARCHIVE"; echo "-jar $JAR"; exit 0
  fi
fi
echo "-XX:SharedArchiveFile=$ARCHIVE -Xlog:cds=off -Xlog:cds+dynamic=off -jar $APP"
