#!/usr/bin/env bash
# The benchmark harness (issue 6): the services as packaged jars against PostgreSQL, beside what
# PostgreSQL itself allows, measured in the same run. Not part of the test suite.
#   infra/bench/run.sh quick   about 11-12 minutes: every figure, shorter runs, 20,000-event history (each service warmed up until its JIT is quiet)
#   infra/bench/run.sh full    about 30 minutes: the figures published in docs/benchmarks.md
#   infra/bench/run.sh profile [clients] [peer]   about 4 minutes: where enrollment-service's CPU goes under registrations
#   infra/bench/run.sh profile race   about 5 minutes: the same during five sell-out races over two instances
#   infra/bench/run.sh profile lag    about 5 minutes: projection lag at 100/s with both services warm, and their collector pauses
#     (and the seconds in which some lag exceeded 50 ms, with the commands' own slowest round trip in them)
#   infra/bench/run.sh profile projection   about 5 minutes: the same with projection-service under the profiler
#   infra/bench/run.sh profile waits [clients]   about 5 minutes, no profiler: event-sourced and peer registrations in ABBA
#     slices, each kind's CPU per process, PostgreSQL's commits, WAL and syncs per registration, and what the database's
#     backends were waiting on (pg_stat_activity sampled every 5 ms); thread groups are the names Linux keeps (15 bytes), digits dropped
#     (samples with async-profiler, tools.profiler:async-profiler from Maven Central, fetched into .local/tools on
#      first use; KAT_ASYNC_PROFILER_LIB=/path/libasyncProfiler.so names another copy; KAT_ASYNC_PROFILER_LIB=jfr
#      records with the JDK Flight Recorder instead, which made the service 3-4x slower on the 2-core machine of
#      docs/benchmarks.md; KAT_ASYNC_PROFILER_EVENT=alloc: where the service allocates, in bytes, instead of CPU time)
# quick and full print a table, write docs/benchmark-results/<mode>.json and the table into docs/benchmarks.md; the profile
# modes print only (the profilers' samples stay in .local/logs). Refuses to run while infra/run.sh's services run from this
# checkout (it rebuilds their jars).
# Uses the database server of infra/db.sh (starting one if none runs); creates and drops its own
# databases (kat_bench, kat_bench_history; `history` mode leaves kat_bench_history for profiling against)
# KAT_BENCH_LOAD_SECONDS=S (quick and full): each registration row's seconds per kind, 1-120 (quick 3, full 15), for an
# experiment such as quick mode with full mode's rows; the table says each slice's seconds.
# (`infra/bench/run.sh history N`: N events; its personal data is sealed under KAT_BENCH_MASTER_KEY and KAT_BENCH_PSEUDONYM_KEY
#  when set, base64 of 32 bytes each, which services started by hand against it must be given as KAT_PERSONAL_DATA_*_KEY)
# and leaves every other database alone.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODE="${1:-quick}"
case "$MODE" in quick|full|history|profile) ;; *) echo "usage: infra/bench/run.sh [quick|full|history|profile [clients] [peer]|profile race|profile lag|profile projection|profile waits [clients]]" >&2; exit 2 ;; esac
DB_ENV="$("$ROOT/infra/db.sh" start)" || { echo "[bench] could not get a PostgreSQL server (see above)" >&2; exit 1; }
eval "$(printf '%s\n' "$DB_ENV" | sed 's/^/export /')"
# infra/run.sh's services read the jars and class data sharing archives a build replaces: refuse rather than pull
# them from under a running system (infra/run.sh refuses to build then for the same reason)
for s in enrollment-service projection-service staff-console; do
  if [ -f "$ROOT/.local/run/$s.pid" ] && kill -0 "$(cat "$ROOT/.local/run/$s.pid")" 2>/dev/null; then
    echo "[bench] $s is running from this checkout (infra/run.sh): stop it first (infra/run.sh stop), the benchmark rebuilds its jars" >&2
    exit 1
  fi
done
echo "[bench] building the jars (tests skipped: they are infra/test.sh's job)"
(cd "$ROOT" && { mvn -q -B -o -DskipTests install 2>/dev/null || mvn -q -B -ntp -DskipTests install; }) | sed 's/\x1b\[[0-9;]*m//g'  # Maven 3.8 prints colour resets even in batch mode
echo "[bench] start-up caches (infra/cds.sh): the services start as infra/run.sh starts them"
# (trained with the options the services will run with: KAT_BENCH_SERVICE_JVM's when set, for an experiment)
if [ -n "${KAT_BENCH_SERVICE_JVM:-}" ]; then export KAT_SERVICE_JAVA_OPTS="$KAT_BENCH_SERVICE_JVM"; fi
"$ROOT/infra/cds.sh" enrollment-service >/dev/null
"$ROOT/infra/cds.sh" projection-service >/dev/null
# the harness runs on the services' launcher too, so that its jcmd attaches to a JVM of its own version
SERVICE_JAVA="$("$ROOT/infra/service-java.sh")"
JAR="$(ls "$ROOT"/benchmark/target/benchmark-*.jar | grep -v original | head -1)"
if [ "$MODE" = profile ] && [ -z "${KAT_ASYNC_PROFILER_LIB:-}" ]; then
  AP_VERSION=4.1
  case "$(uname -m)" in x86_64) AP_ARCH=linux-x64 ;; aarch64) AP_ARCH=linux-arm64 ;; *) AP_ARCH= ;; esac
  AP_HOME="$ROOT/.local/tools/async-profiler-$AP_VERSION"
  if [ -n "$AP_ARCH" ] && [ ! -f "$AP_HOME/$AP_ARCH/libasyncProfiler.so" ]; then
    mkdir -p "$AP_HOME"
    (cd "$ROOT" && mvn -q -B -ntp dependency:copy -Dartifact="tools.profiler:async-profiler:$AP_VERSION" -DoutputDirectory="$AP_HOME" >&2) \
      && (cd "$AP_HOME" && jar xf "async-profiler-$AP_VERSION.jar" "$AP_ARCH/libasyncProfiler.so") || true
  fi
  if [ -n "$AP_ARCH" ] && [ -f "$AP_HOME/$AP_ARCH/libasyncProfiler.so" ]; then
    export KAT_ASYNC_PROFILER_LIB="$AP_HOME/$AP_ARCH/libasyncProfiler.so"
  else
    echo "[bench] async-profiler $AP_VERSION could not be had for $(uname -m): recording with the JDK Flight Recorder, whose overhead inflates the service's CPU figures" >&2
    export KAT_ASYNC_PROFILER_LIB=jfr
  fi
fi
# profile: one enrollment-service under the profiler at N clients (default 16); prints where its CPU goes
[ "$MODE" = profile ] && exec "$SERVICE_JAVA" -Xmx1g -jar "$JAR" profile "$ROOT" "${2:-16}" "${3:-}"
exec "$SERVICE_JAVA" -Xmx1g -jar "$JAR" "$MODE" "${2:-$ROOT}"
