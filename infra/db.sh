#!/usr/bin/env bash
# Gives the services a PostgreSQL database.
#   infra/db.sh start   ensure a server and the databases exist; prints the connection as KEY=VALUE lines
#   infra/db.sh stop    stop the private cluster this script started (a server it did not start is left alone)
#   infra/db.sh status
# Where the server comes from, in this order:
#   1. KAT_DB_HOST (+ KAT_DB_PORT, KAT_DB_USER, KAT_DB_PASSWORD) set in the environment: used as is;
#   2. a server already listening on localhost:5432 (reached as KAT_DB_USER/KAT_DB_PASSWORD, or, when
#      run as root, through the local `postgres` superuser to create the role);
#   3. a private cluster from the machine's PostgreSQL binaries in .local/pg (git-ignored), on port
#      55432, run as the unprivileged `postgres` OS user when this script runs as root.
# Running it twice is harmless. Safe to source for the functions: `source infra/db.sh --lib`.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PRIVATE_PORT="${KAT_PRIVATE_PG_PORT:-55432}"
APP_USER="${KAT_DB_USER:-kat}"
APP_PASSWORD="${KAT_DB_PASSWORD:-kat-local-only}"
APP_DB="${KAT_DB_NAME:-kat}"

log() { printf '[db] %s\n' "$*" >&2; }

find_pg_bin() {
  local d
  for d in "${KAT_PG_BIN:-}" /usr/lib/postgresql/17/bin /usr/lib/postgresql/16/bin /usr/lib/postgresql/15/bin; do
    if [ -n "$d" ] && [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ]; then echo "$d"; return 0; fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v initdb)")"; return 0
  fi
  return 1
}

install_pg_if_possible() {
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "no PostgreSQL binaries found; installing Debian's postgresql package"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-client >&2
    # Debian's package may start its own cluster on 5432; that is fine, step 2 then uses it.
    return 0
  fi
  log "no PostgreSQL binaries found. Install them, e.g. 'sudo apt-get install postgresql' (Debian/Ubuntu)"
  log "or 'brew install postgresql@15' (macOS), or point KAT_DB_HOST/KAT_DB_PORT/KAT_DB_USER/KAT_DB_PASSWORD at a server."
  exit 1
}

psql_bin() { command -v psql || echo "$(find_pg_bin)/psql"; }

# Runs a command as the OS user that owns the private cluster.
as_pg_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

private_dir() {
  # The cluster lives in the repo's git-ignored .local/ when the postgres user can reach it,
  # otherwise under /var/tmp (a checkout below /root is not traversable by other users).
  local d="$ROOT/.local/pg"
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$ROOT" 2>/dev/null; then
    d="/var/tmp/kat-pg-$(printf '%s' "$ROOT" | md5sum | cut -c1-12)"
  fi
  echo "$d"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

start_private() {
  local bin dir
  bin="$(find_pg_bin)" || { install_pg_if_possible; bin="$(find_pg_bin)"; }
  if port_open 5432 && [ -z "${KAT_FORCE_PRIVATE:-}" ]; then return 0; fi  # the install may have started one
  dir="$(private_dir)"
  if port_open "$PRIVATE_PORT" && ! as_pg_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    # Another checkout's private cluster (or something else) holds the port.
    if can_login 127.0.0.1 "$PRIVATE_PORT" "$APP_USER" "$APP_PASSWORD" postgres; then
      log "using the kat cluster already listening on 127.0.0.1:$PRIVATE_PORT"
      DB_HOST=127.0.0.1; DB_PORT=$PRIVATE_PORT; return 0
    fi
    log "port $PRIVATE_PORT is taken by a server that $APP_USER cannot log into; set KAT_PRIVATE_PG_PORT to another port"
    exit 1
  fi
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    chown postgres "$dir"; chmod 700 "$dir"
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    log "initialising a private cluster in $dir/data"
    local pwfile="$dir/pwfile"
    printf '%s\n' "$APP_PASSWORD" > "$pwfile"
    [ "$(id -u)" = 0 ] && chown postgres "$pwfile"
    as_pg_owner "$bin/initdb" -D "$dir/data" -U "$APP_USER" --pwfile="$pwfile" -A scram-sha-256 -E UTF8 \
      --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$pwfile"
    cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $PRIVATE_PORT
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 256MB
fsync = on
synchronous_commit = on
CONF
  fi
  if ! as_pg_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    log "starting the private cluster on 127.0.0.1:$PRIVATE_PORT"
    # the server outlives this script: it must not inherit its open files (a lock held by a caller such as
    # `flock FILE infra/test.sh` would otherwise stay held until the server stops)
    ( for fd in /proc/self/fd/*; do fd="${fd##*/}"; [ "$fd" -gt 2 ] 2>/dev/null && eval "exec $fd>&-"; done
      as_pg_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >&2 ) || {
      # pg_ctl says only that it failed; the reason (a port taken, a stale lock) is in the server's own log
      log "the private cluster did not start; the last lines of its log, $dir/server.log:"
      tail -n 15 "$dir/server.log" >&2 2>/dev/null || true
      return 1
    }
  fi
  DB_HOST=127.0.0.1; DB_PORT=$PRIVATE_PORT
}

can_login() { # host port user password db
  PGPASSWORD="$4" PGCONNECT_TIMEOUT=5 "$(psql_bin)" -h "$1" -p "$2" -U "$3" -d "$5" -Atqc 'select 1' >/dev/null 2>&1
}

ensure_role_on_5432() {
  can_login 127.0.0.1 5432 "$APP_USER" "$APP_PASSWORD" postgres && return 0
  if [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    log "creating role $APP_USER on the server at localhost:5432 (through the local postgres superuser)"
    runuser -u postgres -- psql -p 5432 -v ON_ERROR_STOP=1 -qc \
      "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname='$APP_USER') THEN
         CREATE ROLE \"$APP_USER\" LOGIN CREATEDB PASSWORD '$APP_PASSWORD'; END IF; END\$\$;" >&2 && return 0
  fi
  log "a server listens on localhost:5432 but $APP_USER cannot log in; set KAT_DB_USER/KAT_DB_PASSWORD"
  log "to a role with CREATEDB there, or set KAT_FORCE_PRIVATE=1 to use a private cluster instead."
  exit 1
}

ensure_database() { # name
  local exists
  exists=$(PGPASSWORD="$APP_PASSWORD" "$(psql_bin)" -h "$DB_HOST" -p "$DB_PORT" -U "$APP_USER" -d postgres -Atqc \
    "select 1 from pg_database where datname='$1'")
  if [ "$exists" != 1 ]; then
    PGPASSWORD="$APP_PASSWORD" "$(psql_bin)" -h "$DB_HOST" -p "$DB_PORT" -U "$APP_USER" -d postgres -qc "create database \"$1\"" >&2
  fi
}

cmd_start() {
  if [ -n "${KAT_DB_HOST:-}" ]; then
    DB_HOST="$KAT_DB_HOST"; DB_PORT="${KAT_DB_PORT:-5432}"
  elif port_open 5432 && [ -z "${KAT_FORCE_PRIVATE:-}" ]; then
    DB_HOST=127.0.0.1; DB_PORT=5432; ensure_role_on_5432
  else
    start_private
    if [ "${DB_PORT:-}" != "$PRIVATE_PORT" ]; then DB_HOST=127.0.0.1; DB_PORT=5432; ensure_role_on_5432; fi
  fi
  ensure_database "$APP_DB"
  echo "KAT_DB_HOST=$DB_HOST"
  echo "KAT_DB_PORT=$DB_PORT"
  echo "KAT_DB_USER=$APP_USER"
  echo "KAT_DB_PASSWORD=$APP_PASSWORD"
  echo "KAT_DB_NAME=$APP_DB"
}

cmd_stop() {
  local bin dir
  dir="$(private_dir)"
  if [ -f "$dir/data/PG_VERSION" ] && bin="$(find_pg_bin)"; then
    as_pg_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >&2 || true
    log "private cluster stopped"
  else
    log "no private cluster to stop"
  fi
}

cmd_status() {
  local bin dir; dir="$(private_dir)"
  if [ -f "$dir/data/PG_VERSION" ] && bin="$(find_pg_bin)"; then
    as_pg_owner "$bin/pg_ctl" -D "$dir/data" status || true
  fi
  port_open 5432 && echo "a server listens on localhost:5432" || true
}

[ "${1:-}" = "--lib" ] && return 0 2>/dev/null
case "${1:-start}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  *) echo "usage: infra/db.sh start|stop|status" >&2; exit 2 ;;
esac
