#!/usr/bin/env bash
# How a service starts quickly:  infra/cds.sh MODULE
# Prints the launch line of MODULE, its java launcher first (infra/service-java.sh), the JVM options left to the caller:
#   JAVA -XX:AOTCache=MODULE/target/cds/app.aot -jar MODULE/target/cds/MODULE-….jar                        (JDK 25 or later)
#   JAVA -XX:SharedArchiveFile=MODULE/target/cds/app.jsa -Xlog:cds=off … -jar MODULE/target/cds/MODULE-….jar (JDK 17-24)
# and keeps the same line in MODULE/target/cds/launch, where the benchmark reads it. The caller puts the services' JVM
# options (infra/service-jvm.env) after the launcher: `read -r JAVA REST <<<"$(infra/cds.sh M)"; $JAVA $OPTS $REST`.
# The packaged jar is extracted (Spring Boot's tools jar mode) and one training run records the cache or archive,
# stopping right after the application context is refreshed (spring.context.exit=onRefresh), with local throw-away
# users and the database of the environment (KAT_DB_*; its schema is migrated as a normal start would). On JDK 25 or
# later that is the JVM's ahead-of-time cache (JEP 483/514/515: classes loaded and linked, method profiles); before,
# JDK 17's dynamic class data sharing archive. Redone when the jar, the JVM options or the launcher changed, or the cache is gone;
# one run at a time per module (a lock file in MODULE/target). When anything fails it
# prints the plain "JAVA -jar MODULE/target/MODULE-….jar" and says why on stderr: either only speeds up the start
# (measured: docs/benchmarks.md, "tenth session").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="${1:?usage: infra/cds.sh MODULE}"
JAR="$(ls "$ROOT/$MODULE/target/$MODULE-"*.jar 2>/dev/null | grep -v original | head -1 || true)"
[ -n "$JAR" ] || { echo "[cds] no jar for $MODULE; build first" >&2; exit 1; }
JAVA="$("$ROOT/infra/service-java.sh")"
DIR="$ROOT/$MODULE/target/cds"
APP="$DIR/$(basename "$JAR")"
LAUNCH="$DIR/launch"
plain() { echo "[cds] $1; starting without a cache" >&2; echo "$JAVA -jar $JAR"; exit 0; }
# one run at a time per module: a second caller waits, then finds the first's cache current (flock(1), util-linux)
exec 9>"$ROOT/$MODULE/target/cds.lock"
flock 9
# current while its cache is there, neither the jar nor the JVM options changed since, and the launcher is the same
# (a cache damaged in place is not detected here: JDK 25 says so in the service's log and starts without it; JDK 17
# drops a damaged archive silently, and with it the JDK's own class sharing)
if [ -f "$LAUNCH" ] && { [ -s "$DIR/app.aot" ] || [ -s "$DIR/app.jsa" ]; } && [ ! "$JAR" -nt "$LAUNCH" ] \
   && [ ! "$ROOT/infra/service-jvm.env" -nt "$LAUNCH" ] && [ "$(cut -d' ' -f1 "$LAUNCH")" = "$JAVA" ]; then
  cat "$LAUNCH"; exit 0
fi

rm -rf "$DIR"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DIR" >/dev/null 2>&1 || plain "could not extract $JAR"
if [ -z "${KAT_DB_PASSWORD:-}" ]; then
  DB_ENV="$("$ROOT/infra/db.sh" start)" || plain "no database for the training run"
  eval "$(printf '%s\n' "$DB_ENV" | sed 's/^/export /')"
fi
TRAIN_ENV=(SPRING_PROFILES_ACTIVE=local)
for u in FRONTEND ATTENDANCE FINANCE COMPLIANCE ADMIN; do TRAIN_ENV+=("KAT_PASSWORD_$u=training-$(head -c 12 /dev/urandom | base64 | tr '+/' 'xy')"); done
# throw-away personal data secrets too: the training run stops after start-up and makes no data keys
TRAIN_ENV+=("KAT_PERSONAL_DATA_MASTER_KEY=$(head -c 32 /dev/urandom | base64)" "KAT_PERSONAL_DATA_PSEUDONYM_KEY=$(head -c 32 /dev/urandom | base64)")
# the JVM options the services run with (infra/service-jvm.env): a cache or archive is only used by a JVM started alike
read -r -a SERVICE_OPTS <<<"$(sed -n 's/^KAT_SERVICE_JAVA_OPTS=//p' "$ROOT/infra/service-jvm.env")"
VERSION="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1)"
if [ "${VERSION:-0}" -ge 25 ]; then
  CACHE="$DIR/app.aot"; RECORD=(-XX:AOTCacheOutput="$CACHE" -Xlog:aot=error); USE="-XX:AOTCache=$CACHE"
else
  CACHE="$DIR/app.jsa"; RECORD=(-XX:ArchiveClassesAtExit="$CACHE" -Xlog:cds=off -Xlog:cds+dynamic=off)
  USE="-XX:SharedArchiveFile=$CACHE -Xlog:cds=off -Xlog:cds+dynamic=off"
fi
# the jar by its absolute path: the cache records the class path, and a relative one would only match in this folder
if ! env "${TRAIN_ENV[@]}" "$JAVA" "${SERVICE_OPTS[@]}" "${RECORD[@]}" -Dspring.context.exit=onRefresh -jar "$APP" \
     --server.port=0 >"$DIR/training.log" 2>&1 || [ ! -s "$CACHE" ]; then
  rm -f "$CACHE"; plain "training run of $MODULE failed (see $DIR/training.log)"
fi
echo "$JAVA $USE -jar $APP" | tee "$LAUNCH"
