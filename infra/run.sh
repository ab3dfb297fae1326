#!/usr/bin/env bash
# Runs the whole system locally:  infra/run.sh        (start; prints the URLs)
#                                 infra/run.sh stop   (stop both services and the private PostgreSQL)
#                                 infra/run.sh restart SERVICE   (stop one service and start it again, no build)
#                                 infra/run.sh instance PORT     (another enrollment-service on PORT, as the first one runs: same database, no build)
# Starts PostgreSQL when none is running (infra/db.sh), builds, loads the demo catalog from the
# training page (once; a second run adds nothing), then starts enrollment-service,
# projection-service and the staff console in the background. While any of them runs it neither
# builds nor reloads the demo (a build would replace the jars the running ones read): it starts what
# is not running from the jars there are. Logs: .local/logs/ (appended, one line marks each start).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN="$ROOT/.local/run"; LOGS="$ROOT/.local/logs"
mkdir -p "$RUN" "$LOGS"
ENROLLMENT_PORT="${ENROLLMENT_PORT:-8081}"
PROJECTION_PORT="${PROJECTION_PORT:-8082}"
CONSOLE_PORT="${CONSOLE_PORT:-8083}"
export ENROLLMENT_PORT PROJECTION_PORT CONSOLE_PORT
# where created things are read (Location headers) and certificates are checked (their QR codes): the projection
# service as started here, unless set
export KAT_READ_BASE_URL="${KAT_READ_BASE_URL:-http://localhost:$PROJECTION_PORT}"
export KAT_PUBLIC_BASE_URL="${KAT_PUBLIC_BASE_URL:-http://localhost:$PROJECTION_PORT}"

# the pid a service was started with, when that process still runs and is that service (one of its arguments is a jar
# under this checkout's MODULE/target): a pid file left by a crash, whose number another process may have by now, is not trusted
# (an added instance, "enrollment-service-8084", runs the module enrollment-service's jar)
service_pid() {
  local f="$RUN/$1.pid" pid module="$1"
  [[ $1 =~ ^(.*)-[0-9]+$ ]] && module="${BASH_REMATCH[1]}"
  [ -f "$f" ] || return 1
  pid="$(cat "$f")"
  kill -0 "$pid" 2>/dev/null && tr '\0' '\n' <"/proc/$pid/cmdline" 2>/dev/null | grep -qx -- "$ROOT/$module/target/.*\.jar" && echo "$pid"
}
is_running() { service_pid "$1" >/dev/null; }

stop_service() {
  local pid
  if pid="$(service_pid "$1")"; then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$pid" 2>/dev/null; then
      kill -9 "$pid" 2>/dev/null || true
      echo "stopped $1 (killed: it had not stopped 30 s after SIGTERM)"
    else
      echo "stopped $1"
    fi
  fi
  rm -f "$RUN/$1.pid"
}

running_services() {
  for s in enrollment-service projection-service staff-console; do
    if is_running "$s"; then echo "$s"; fi
  done
}

usage() { echo "usage: infra/run.sh [stop [SERVICE] | restart enrollment-service|projection-service|staff-console | instance PORT]  (SERVICE: enrollment-service, projection-service, staff-console or enrollment-service-PORT)" >&2; exit 2; }
case "${1:-}" in
  "") [ $# -le 1 ] || usage ;;
  stop)
    [ $# -le 2 ] || usage
    if [ $# -eq 2 ]; then
      # one service alone (a fresh reviewer had to kill a process by its pid file to stop the projection service)
      [[ $2 =~ ^(enrollment-service|projection-service|staff-console|enrollment-service-[0-9]+)$ ]] || usage
      STOP_ONLY="$2"
    fi ;;
  restart)
    [ $# -eq 2 ] || usage
    case "$2" in
      enrollment-service|projection-service|staff-console) RESTART_ONLY="$2" ;;
      *) usage ;;
    esac ;;
  instance)
    [ $# -eq 2 ] && [[ $2 =~ ^[0-9]+$ ]] || usage
    # a port a service can listen on without privileges (a fresh reviewer's 99999 ended in Tomcat's stack trace, and 80 ran as root)
    if [ "${#2}" -gt 5 ] || [ "$2" -lt 1024 ] || [ "$2" -gt 65535 ]; then
      echo "[run] instance port $2 is not one to run on: give a port from 1024 to 65535" >&2
      exit 2
    fi
    INSTANCE_PORT="$2" ;;
  *) usage ;;
esac

if [ -n "${STOP_ONLY:-}" ]; then
  if is_running "$STOP_ONLY"; then stop_service "$STOP_ONLY"; else echo "[run] $STOP_ONLY is not running"; fi
  exit 0
fi
if [ "${1:-}" = stop ]; then
  stop_service staff-console
  stop_service projection-service
  for f in "$RUN"/enrollment-service-*.pid; do [ -e "$f" ] && stop_service "$(basename "$f" .pid)"; done
  stop_service enrollment-service
  "$ROOT/infra/db.sh" stop
  exit 0
fi

# the JDK the services run on and their JVM options, refused before anything is built or stopped
# (infra/service-java.sh; the options shared with the benchmark in infra/service-jvm.env, which JAVA_OPTS replaces)
SERVICE_JAVA="$("$ROOT/infra/service-java.sh")"
KAT_SERVICE_JAVA_OPTS="$(sed -n 's/^KAT_SERVICE_JAVA_OPTS=//p' "$ROOT/infra/service-jvm.env")"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-$(sed -n 's/^MALLOC_ARENA_MAX=//p' "$ROOT/infra/service-jvm.env")}"
JAVA_OPTS="${JAVA_OPTS:-$KAT_SERVICE_JAVA_OPTS}"
read -r -a JVM_OPTS <<<"$JAVA_OPTS"
if ! JVM_CHECK="$("$SERVICE_JAVA" "${JVM_OPTS[@]}" -version 2>&1)"; then
  echo "[run] the JVM refuses JAVA_OPTS=\"$JAVA_OPTS\": $(printf '%s\n' "$JVM_CHECK" | head -1)" >&2; exit 1
fi
# a port another process listens on (IPv4 or IPv6 loopback) would make the service fail while that process answered
# its readiness check; refused before anything is built or stopped
port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null || (exec 3<>"/dev/tcp/::1/$1") 2>/dev/null; }
require_port_free() { # name port
  if port_in_use "$2"; then
    echo "[run] port $2 is in use by another process, so $1 cannot listen there: stop that process or choose another port (ENROLLMENT_PORT, PROJECTION_PORT, CONSOLE_PORT)" >&2
    exit 1
  fi
}
# another enrollment-service instance (README, "Several enrollment-service instances"): the first one's launch line and
# environment as that process has them (/proc: its database, secrets, the projection service's address), its own port;
# this shell's settings are not used (a fresh reviewer's instance, started with another KAT_DB_NAME, had run on an
# empty database and answered with another checkout's projection address); no build, no demo load, no database start;
# stopped with the others by infra/run.sh stop
if [ -n "${INSTANCE_PORT:-}" ]; then
  FIRST_PID="$(service_pid enrollment-service)" \
    || { echo "[run] start the system first (infra/run.sh): another instance runs as the first one does" >&2; exit 1; }
  NAME="enrollment-service-$INSTANCE_PORT"
  if is_running "$NAME"; then echo "[run] $NAME already running (pid $(cat "$RUN/$NAME.pid"))"; exit 0; fi
  FIRST_PORT="$(tr '\0' '\n' <"/proc/$FIRST_PID/environ" | sed -n 's/^ENROLLMENT_PORT=//p' | head -1)"
  if [ "$INSTANCE_PORT" = "${FIRST_PORT:-8081}" ]; then
    echo "[run] port $INSTANCE_PORT is the first enrollment-service's own: give another port for the second instance" >&2; exit 1
  fi
  require_port_free "$NAME" "$INSTANCE_PORT"
  mapfile -d '' FIRST_CMD <"/proc/$FIRST_PID/cmdline"
  mapfile -d '' FIRST_ENV_ALL <"/proc/$FIRST_PID/environ"
  FIRST_ENV=()
  for v in "${FIRST_ENV_ALL[@]}"; do
    case "$v" in ENROLLMENT_PORT=*) ;; *) FIRST_ENV+=("$v") ;; esac
  done
  first_value() { local v; for v in "${FIRST_ENV[@]}"; do [ "${v%%=*}" = "$1" ] && { echo "${v#*=}"; return; }; done; }
  # a setting of this shell that differs from the running system's is named: the running system's is used
  for k in KAT_DB_HOST KAT_DB_PORT KAT_DB_NAME KAT_PRIVATE_PG_PORT PROJECTION_PORT KAT_READ_BASE_URL KAT_PUBLIC_BASE_URL; do
    mine="${!k:-}"
    first="$(first_value "$k")"
    if [ -n "$mine" ] && [ "$mine" != "$first" ]; then
      if [ -n "$first" ]; then there="$k=$first"; else there="$k unset there"; fi
      echo "[run] $k=$mine in this shell is not used: the instance joins the running system ($there)" >&2
    fi
  done
  echo "=== infra/run.sh starts $NAME at $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$LOGS/$NAME.log"
  ( for fd in /proc/"$BASHPID"/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
    cd "$(readlink "/proc/$FIRST_PID/cwd")"
    exec env -i "${FIRST_ENV[@]}" ENROLLMENT_PORT="$INSTANCE_PORT" nohup "${FIRST_CMD[@]}" >>"$LOGS/$NAME.log" 2>&1 ) &
  echo $! >"$RUN/$NAME.pid"
  for _ in $(seq 1 120); do
    kill -0 "$(cat "$RUN/$NAME.pid")" 2>/dev/null || { echo "[run] $NAME died; see $LOGS/$NAME.log" >&2; tail -40 "$LOGS/$NAME.log" >&2; exit 1; }
    if curl -fsS "http://localhost:$INSTANCE_PORT/actuator/health/readiness" >/dev/null 2>&1; then
      echo "[run] $NAME is running (pid $(cat "$RUN/$NAME.pid")): http://localhost:$INSTANCE_PORT, as the first instance runs:"\
        "database $(first_value KAT_DB_NAME) on $(first_value KAT_DB_HOST):$(first_value KAT_DB_PORT), the same users and secrets"
      exit 0
    fi
    sleep 0.5
  done
  echo "[run] $NAME not ready after 60 s; see $LOGS/$NAME.log" >&2; exit 1
fi

for s in enrollment-service:"$ENROLLMENT_PORT" projection-service:"$PROJECTION_PORT" staff-console:"$CONSOLE_PORT"; do
  is_running "${s%%:*}" || require_port_free "${s%%:*}" "${s#*:}"
done

# 1. the database
DB_ENV="$("$ROOT/infra/db.sh" start)" || { echo "[db] could not get a PostgreSQL database (see above)" >&2; exit 1; }
eval "$(printf '%s\n' "$DB_ENV" | sed 's/^/export /')"

# 2. local users, one per role, with generated passwords (kept in .local/credentials.env, mode 600)
CREDS="$ROOT/.local/credentials.env"
if [ ! -f "$CREDS" ]; then
  ( umask 077  # in a subshell: only this file is private, not the caches and logs made after it
    for u in FRONTEND ATTENDANCE FINANCE COMPLIANCE ADMIN; do
      echo "KAT_PASSWORD_$u=$(head -c 18 /dev/urandom | base64 | tr '+/' 'xy')"
    done > "$CREDS" )
fi
# personal data secrets (README, Personal data): the master key of the data keys, the pseudonym key of
# clinician ids; generated once, like the passwords, and kept with them (losing them loses the data)
grep -q '^KAT_PERSONAL_DATA_MASTER_KEY=' "$CREDS" || echo "KAT_PERSONAL_DATA_MASTER_KEY=$(head -c 32 /dev/urandom | base64)" >> "$CREDS"
grep -q '^KAT_PERSONAL_DATA_PSEUDONYM_KEY=' "$CREDS" || echo "KAT_PERSONAL_DATA_PSEUDONYM_KEY=$(head -c 32 /dev/urandom | base64)" >> "$CREDS"
set -a; . "$CREDS"; set +a
export SPRING_PROFILES_ACTIVE=local

# the fonts certificates and transcripts set Chinese, Japanese, Korean and Arabic names in (kat.pdf.fallback-fonts); without
# them such characters print as "?" (the projection service warns at start)
if { [ ! -r /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc ] || [ ! -r /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; } \
   && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "[run] installing fonts-wqy-zenhei and fonts-dejavu-core (CJK and Arabic names in certificate and transcript PDFs)"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei fonts-dejavu-core >/dev/null) \
    || echo "[run] the fonts could not be installed: CJK and Arabic characters print as '?' in PDFs"
fi

# 3. the build (tests are the other command); not while a service runs from the jars it would replace
RESTART_ONLY="${RESTART_ONLY:-}"
ALREADY_RUNNING="$(running_services | tr '\n' ' ')$RESTART_ONLY"
if [ -n "$RESTART_ONLY" ]; then
  echo "[run] restarting $RESTART_ONLY from the jars there are (no build)"
elif [ -n "$ALREADY_RUNNING" ]; then
  echo "[run] running: $ALREADY_RUNNING- not rebuilding (to rebuild: infra/run.sh stop, then infra/run.sh)"
else
  echo "[run] building (mvn -DskipTests install)"
  (cd "$ROOT" && mvn -q -B -DskipTests install) 2>&1 | sed 's/\x1b\[[0-9;]*m//g'  # Maven 3.8 prints colour resets even in batch mode
fi
# the packaged jar of a module, or a refusal that says what to do
jar_of() {
  ls "$ROOT/$1/target/$1-"*.jar 2>/dev/null | grep -v original | head -1 | grep . \
    || { echo "[run] no jar for $1 in $1/target: build it first (infra/run.sh stop, then infra/run.sh)" >&2; exit 1; }
}
# a restart stops the service only once its jar is there (and its JDK was accepted, above); then its cache is checked
if [ -n "$RESTART_ONLY" ]; then jar_of "$RESTART_ONLY" >/dev/null; stop_service "$RESTART_ONLY"; fi
# each service starts from the JVM's ahead-of-time cache on JDK 25 or later, else from a class data sharing archive
# (infra/cds.sh, trained with these JVM options; made once per build, ~15 s); SERVICE_JAVA is the launcher of
# infra/service-java.sh. The launch lines are arrays, one argument per line of infra/cds.sh (a checkout's path may
# hold spaces); JAVA_OPTS is split at spaces, as JVM launch scripts do.
# (a service that is running keeps the line it started with: redoing its cache would delete the files it runs from)
# (and a restart of one service leaves the others' caches alone, running or not: another restart may be starting them)
launch() {
  if is_running "$1" || { [ -n "$RESTART_ONLY" ] && [ "$1" != "$RESTART_ONLY" ]; }; then
    # not started by this run: the line it has, if any
    if [ -f "$ROOT/$1/target/cds/launch" ]; then tail -n +2 "$ROOT/$1/target/cds/launch"; fi
  else
    KAT_SERVICE_JAVA_OPTS="$JAVA_OPTS" "$ROOT/infra/cds.sh" "$1" | tail -n +2
  fi
}
echo "[run] start-up caches (infra/cds.sh), the services on $SERVICE_JAVA"
LINES="$(launch enrollment-service)"; mapfile -t ENROLLMENT_LAUNCH <<<"$LINES"
LINES="$(launch projection-service)"; mapfile -t PROJECTION_LAUNCH <<<"$LINES"
# the staff console holds no data and starts in a few seconds: its plain jar, no cache
CONSOLE_JAR="$(jar_of staff-console)"; CONSOLE_LAUNCH=(-jar "$CONSOLE_JAR")

# 4. the demo catalog, through the ordinary command path (a one-shot process with its own clock); loaded before, when
# a service is already running
if [ -z "$ALREADY_RUNNING" ]; then
  echo "[run] loading the demo catalog"
  SPRING_PROFILES_ACTIVE=local,demo-load "$SERVICE_JAVA" "${JVM_OPTS[@]}" "${ENROLLMENT_LAUNCH[@]}" >"$LOGS/demo-load.log" 2>&1 \
    || { echo "[run] demo load failed; see $LOGS/demo-load.log" >&2; tail -30 "$LOGS/demo-load.log" >&2; exit 1; }
  grep -o 'demo catalog: .*' "$LOGS/demo-load.log" | sed 's/^/[run] /' || true
fi

# 5. the services
start_service() { # name port
  if is_running "$1"; then
    echo "[run] $1 already running (pid $(cat "$RUN/$1.pid"))"; return 0
  fi
  require_port_free "$1" "$2"
  echo "=== infra/run.sh starts $1 at $(date -u +%Y-%m-%dT%H:%M:%SZ)" >>"$LOGS/$1.log"
  local args
  case "$1" in
    enrollment-service) args=("${ENROLLMENT_LAUNCH[@]}") ;;
    projection-service) args=("${PROJECTION_LAUNCH[@]}") ;;
    *) args=("${CONSOLE_LAUNCH[@]}") ;;
  esac
  # the service keeps none of this script's other open files: a lock its caller holds (`flock F infra/run.sh`) or a
  # pipe it is read through would otherwise stay open as long as the service runs
  ( for fd in /proc/"$BASHPID"/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] && eval "exec $fd>&-" 2>/dev/null; done
    exec nohup "$SERVICE_JAVA" "${JVM_OPTS[@]}" "${args[@]}" >>"$LOGS/$1.log" 2>&1 ) &
  echo $! >"$RUN/$1.pid"
}
wait_ready() { # name port
  for _ in $(seq 1 120); do
    kill -0 "$(cat "$RUN/$1.pid")" 2>/dev/null || { echo "[run] $1 died; see $LOGS/$1.log" >&2; tail -40 "$LOGS/$1.log" >&2; exit 1; }
    if curl -fsS "http://localhost:$2/actuator/health/readiness" >/dev/null 2>&1 && is_running "$1"; then return 0; fi
    sleep 0.5
  done
  echo "[run] $1 not ready after 60 s; see $LOGS/$1.log" >&2; exit 1
}
# the staff console (browser screens) calls both services as the signed-in person
export KAT_ENROLLMENT_URL="http://localhost:$ENROLLMENT_PORT" KAT_PROJECTION_URL="http://localhost:$PROJECTION_PORT"
port_of() { case "$1" in enrollment-service) echo "$ENROLLMENT_PORT" ;; projection-service) echo "$PROJECTION_PORT" ;; *) echo "$CONSOLE_PORT" ;; esac; }
if [ -n "$RESTART_ONLY" ]; then
  start_service "$RESTART_ONLY" "$(port_of "$RESTART_ONLY")"; wait_ready "$RESTART_ONLY" "$(port_of "$RESTART_ONLY")"
  echo "[run] $RESTART_ONLY is running again (pid $(cat "$RUN/$RESTART_ONLY.pid")): http://localhost:$(port_of "$RESTART_ONLY")"
  exit 0
fi
start_service enrollment-service "$ENROLLMENT_PORT"; start_service projection-service "$PROJECTION_PORT"
wait_ready enrollment-service "$ENROLLMENT_PORT"; wait_ready projection-service "$PROJECTION_PORT"
# 6. the staff console
start_service staff-console "$CONSOLE_PORT"
wait_ready staff-console "$CONSOLE_PORT"

cat <<MSG

KAT enrollment is running.
  enrollment-service (commands)  http://localhost:$ENROLLMENT_PORT   e.g. POST /api/catalog/series
  projection-service (queries)   http://localhost:$PROJECTION_PORT   e.g. GET  /api/catalog/series/20
  staff console (browser)        http://localhost:$CONSOLE_PORT   sign in as admin, attendance, finance or compliance
  health                         http://localhost:$ENROLLMENT_PORT/actuator/health  http://localhost:$PROJECTION_PORT/actuator/health
  PostgreSQL                     $KAT_DB_HOST:$KAT_DB_PORT database $KAT_DB_NAME, user $KAT_DB_USER, password $KAT_DB_PASSWORD (local only)
  logs                           $LOGS/
  users (HTTP Basic for the APIs, the same names and passwords for the staff console; local only; passwords in .local/credentials.env, load them with: set -a; . .local/credentials.env; set +a)
    frontend   (front end)         $KAT_PASSWORD_FRONTEND
    attendance (attendance staff)  $KAT_PASSWORD_ATTENDANCE
    finance                        $KAT_PASSWORD_FINANCE
    compliance                     $KAT_PASSWORD_COMPLIANCE
    admin      (administrators)    $KAT_PASSWORD_ADMIN
Stop everything with: infra/run.sh stop; stop one service with: infra/run.sh stop projection-service (or enrollment-service, staff-console);
restart one service with: infra/run.sh restart enrollment-service (or projection-service, staff-console)
MSG
