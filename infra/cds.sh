#!/usr/bin/env bash
# How a service starts quickly:  infra/cds.sh MODULE
# Prints the launch line of MODULE, one argument per line (paths may hold spaces), its java launcher first
# (infra/service-java.sh), the JVM options left to the caller:
#   JAVA / -XX:AOTCache=MODULE/target/cds/app.aot / -jar / MODULE/target/cds/MODULE-….jar           (JDK 25 or later)
#   JAVA / -XX:SharedArchiveFile=MODULE/target/cds/app.jsa / -Xlog:cds=off / … / -jar / …jar        (JDK 17-24)
# and keeps the same lines in MODULE/target/cds/launch, where the benchmark reads them. The caller puts the services'
# JVM options after the launcher: `mapfile -t L < <(infra/cds.sh M); "${L[0]}" $OPTS "${L[@]:1}"`.
# Those options are KAT_SERVICE_JAVA_OPTS when set (infra/run.sh passes a user's JAVA_OPTS so), else infra/service-jvm.env's:
# a cache or archive is only used by a JVM started with options alike (a different collector or object layout, and
# the JVM refuses it), so the training run uses them and they are kept beside the cache (MODULE/target/cds/options).
# The packaged jar is extracted (Spring Boot's tools jar mode) and one training run records the cache or archive,
# stopping right after the application context is refreshed (spring.context.exit=onRefresh), with local throw-away
# users and the database of the environment (KAT_DB_*; its schema is migrated as a normal start would). On JDK 25 or
# later that is the JVM's ahead-of-time cache (JEP 483/514/515: classes loaded and linked, method profiles); before,
# JDK 17's dynamic class data sharing archive. Redone when the jar, the JVM options or the launcher changed, or when the
# cache is gone or no longer usable: before a cache is used (just recorded or found) the JVM is asked to map it, its
# checksum verified (-XX:+VerifySharedSpaces; -XX:AOTMode=on or -Xshare:on make a cache it cannot use an error, ~1 s),
# because a JVM started with a damaged one drops it, on JDK 17 silently. One run at a time per module (a lock file in
# MODULE/target). When anything fails it prints the plain "JAVA / -jar / MODULE/target/MODULE-….jar" and says why on
# stderr: either only speeds up the start (measured: docs/benchmarks.md, "tenth session").
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="${1:-}"
if [ $# -ne 1 ] || [ -z "$MODULE" ] || [ ! -d "$ROOT/$MODULE/src" ]; then
  echo "usage: infra/cds.sh MODULE   (a service module of this checkout, e.g. enrollment-service)" >&2; exit 2
fi
JAR="$(ls "$ROOT/$MODULE/target/$MODULE-"*.jar 2>/dev/null | grep -v original | head -1 || true)"
[ -n "$JAR" ] || { echo "[cds] no jar for $MODULE; build first" >&2; exit 1; }
JAVA="$("$ROOT/infra/service-java.sh")"
DIR="$ROOT/$MODULE/target/cds"
APP="$DIR/$(basename "$JAR")"
LAUNCH="$DIR/launch"
plain() { echo "[cds] $1; starting without a cache" >&2; printf '%s\n' "$JAVA" -jar "$JAR"; exit 0; }
# the JVM options the services run with: a cache or archive is only used by a JVM started alike
OPTIONS="${KAT_SERVICE_JAVA_OPTS-$(sed -n 's/^KAT_SERVICE_JAVA_OPTS=//p' "$ROOT/infra/service-jvm.env")}"
read -r -a SERVICE_OPTS <<<"$OPTIONS"
VERSION="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -1)"
if [ "${VERSION:-0}" -ge 25 ]; then
  CACHE="$DIR/app.aot"; RECORD=(-XX:AOTCacheOutput="$CACHE" -Xlog:aot=error); USE=(-XX:AOTCache="$CACHE"); STRICT=(-XX:AOTMode=on)
else
  CACHE="$DIR/app.jsa"; RECORD=(-XX:ArchiveClassesAtExit="$CACHE" -Xlog:cds=off -Xlog:cds+dynamic=off)
  USE=(-XX:SharedArchiveFile="$CACHE" -Xlog:cds=off -Xlog:cds+dynamic=off); STRICT=(-Xshare:on)
fi
usable() { # the JVM maps the cache as a service would start (its options, its class path) and verifies its checksum
  "$JAVA" "${SERVICE_OPTS[@]}" "${USE[@]}" "${STRICT[@]}" -XX:+VerifySharedSpaces -XX:ErrorFile="$DIR/check-crash.log" \
    -cp "$APP" -version >"$DIR/check.log" 2>&1
}
# one run at a time per module: a second caller waits, then finds the first's cache current (flock(1), util-linux)
exec 9>"$ROOT/$MODULE/target/cds.lock"
flock 9
# current while its cache is there and usable, neither the jar nor the env file changed since, and the launcher and
# the options are the same
if [ -f "$LAUNCH" ] && [ -s "$CACHE" ] && [ ! "$JAR" -nt "$LAUNCH" ] && [ ! "$ROOT/infra/service-jvm.env" -nt "$LAUNCH" ] \
   && [ "$(head -1 "$LAUNCH")" = "$JAVA" ] && [ -f "$DIR/options" ] && [ "$(cat "$DIR/options")" = "$OPTIONS" ]; then
  if usable; then cat "$LAUNCH"; exit 0; fi
  # the reason: the JVM's first complaint about the cache (not JDK 25.0.3's adapter warnings, JDK-8364929)
  REASON="$(awk '!/AdapterHandlerEntry/ && tolower($0) ~ /error|fail|unable|truncat|mismatch/ { print; exit }' "$DIR/check.log")"
  echo "[cds] the cache of $MODULE cannot be used (${REASON:-$(head -1 "$DIR/check.log")}); recording it again" >&2
elif [ -f "$LAUNCH" ] && [ ! -s "$CACHE" ] && [ "$(head -1 "$LAUNCH")" = "$JAVA" ]; then
  echo "[cds] the cache of $MODULE is gone or empty; recording it again" >&2
fi

rm -rf "$DIR" 2>/dev/null || plain "could not remove the old cache in $DIR"
"$JAVA" -Djarmode=tools -jar "$JAR" extract --destination "$DIR" >/dev/null 2>&1 || plain "could not extract $JAR"
if [ -z "${KAT_DB_PASSWORD:-}" ]; then
  DB_ENV="$("$ROOT/infra/db.sh" start)" || plain "no database for the training run"
  eval "$(printf '%s\n' "$DB_ENV" | sed 's/^/export /')"
fi
TRAIN_ENV=(SPRING_PROFILES_ACTIVE=local)
for u in FRONTEND ATTENDANCE FINANCE COMPLIANCE ADMIN; do TRAIN_ENV+=("KAT_PASSWORD_$u=training-$(head -c 12 /dev/urandom | base64 | tr '+/' 'xy')"); done
# throw-away personal data secrets too: the training run stops after start-up and makes no data keys
TRAIN_ENV+=("KAT_PERSONAL_DATA_MASTER_KEY=$(head -c 32 /dev/urandom | base64)" "KAT_PERSONAL_DATA_PSEUDONYM_KEY=$(head -c 32 /dev/urandom | base64)")
# the jar by its absolute path: the cache records the class path, and a relative one would only match in this folder
if ! env "${TRAIN_ENV[@]}" "$JAVA" "${SERVICE_OPTS[@]}" "${RECORD[@]}" -Dspring.context.exit=onRefresh -jar "$APP" \
     --server.port=0 >"$DIR/training.log" 2>&1 || [ ! -s "$CACHE" ]; then
  rm -f "$CACHE"; plain "training run of $MODULE failed (see $DIR/training.log)"
fi
usable || { rm -f "$CACHE"; plain "the JVM cannot use the cache it recorded for $MODULE (see $DIR/check.log)"; }
printf '%s\n' "$OPTIONS" >"$DIR/options"
printf '%s\n' "$JAVA" "${USE[@]}" -jar "$APP" | tee "$LAUNCH"
