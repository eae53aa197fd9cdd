#!/usr/bin/env bash
# A private PostgreSQL cluster for the local stack and the tests, outside any
# system service: initdb once, then pg_ctl start/stop. Listens on 127.0.0.1 only;
# password auth (scram-sha-256) over TCP, trust on its unix socket, which lives
# in the data folder. As root the server runs as the `postgres` user (PostgreSQL
# refuses root); as any other user it runs as that user.
# Usage: scripts/postgres.sh start|stop|status|destroy|createdb NAME
#   destroy   stop, then delete the cluster's data
#   createdb  create database NAME if missing (server must be running)
# Env: PGDATA_DIR ($ROOT/.run/postgres), PG_PORT (5432), PG_PASSWORD (postgres),
#      PG_FSYNC (on; off for throwaway test clusters: commits still reach the OS
#      before they return, so only an OS crash, never a server kill, loses data)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PGDATA_DIR=${PGDATA_DIR:-$ROOT/.run/postgres}
case "$PGDATA_DIR" in /*) ;; *) PGDATA_DIR=$PWD/$PGDATA_DIR ;; esac
PG_PORT=${PG_PORT:-5432}
PG_PASSWORD=${PG_PASSWORD:-postgres}
PG_FSYNC=${PG_FSYNC:-on}

log() { echo "postgres: $*"; }
die() { echo "postgres: error: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

pg_bin() {
  local dir
  dir=$(find /usr/lib/postgresql -mindepth 2 -maxdepth 2 -name bin -type d 2>/dev/null | sort -V | tail -n 1)
  [ -n "$dir" ] || die "no PostgreSQL server under /usr/lib/postgresql (run scripts/deps.sh)"
  echo "$dir"
}
BIN=$(pg_bin)

# Run a server binary as the cluster's owner.
as_owner() {
  if is_root; then
    (cd / && runuser -u postgres -- "$@")
  else
    "$@"
  fi
}

# The folder that really holds the cluster: PGDATA_DIR, or the target of the
# symlink left there when PGDATA_DIR was unusable (see choose_data_dir).
data_dir() {
  if [ -L "$PGDATA_DIR" ]; then readlink "$PGDATA_DIR"; else echo "$PGDATA_DIR"; fi
}

# A short path under /var/tmp, stable for a given PGDATA_DIR.
fallback_dir() {
  local sum
  sum=$(printf '%s' "$PGDATA_DIR" | cksum | cut -d' ' -f1)
  echo "/var/tmp/switchyard-$(id -u)-$sum/postgres"
}

# A new cluster goes in PGDATA_DIR unless the postgres user cannot reach it
# (a checkout under /root) or the socket path would pass the 107-byte limit;
# then it goes in fallback_dir, and PGDATA_DIR becomes a symlink to it.
choose_data_dir() {
  local socket="$PGDATA_DIR/.s.PGSQL.$PG_PORT" alt
  if [ -L "$PGDATA_DIR" ]; then
    alt=$(data_dir)
    make_owned_dir "$alt"
    echo "$alt"
    return 0
  fi
  make_owned_dir "$PGDATA_DIR"
  if [ "${#socket}" -le 100 ] && as_owner test -w "$PGDATA_DIR"; then
    echo "$PGDATA_DIR"
    return 0
  fi
  alt=$(fallback_dir)
  make_owned_dir "$alt"
  chmod 755 "$(dirname "$alt")"
  rmdir "$PGDATA_DIR" 2>/dev/null || die "$PGDATA_DIR is not usable by the server and not empty"
  ln -s "$alt" "$PGDATA_DIR"
  log "$PGDATA_DIR is not usable by the server (access or socket path length): data in $alt" >&2
  echo "$alt"
}

make_owned_dir() {
  mkdir -p "$1"
  chmod 700 "$1"
  if is_root; then chown postgres:postgres "$1"; fi
}

initialized() { [ -f "$(data_dir)/PG_VERSION" ]; }

# pg_ctl status alone would call a postmaster killed but not yet reaped (a zombie) running.
running() {
  initialized && as_owner "$BIN/pg_ctl" -D "$(data_dir)" status >/dev/null 2>&1 &&
    [ "$(ps -o stat= -p "$(head -n 1 "$(data_dir)/postmaster.pid")" 2>/dev/null | cut -c1)" != Z ]
}

# 0 when something listens on 127.0.0.1:PORT.
port_busy() {
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Hltn "sport = :$1")" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

init_cluster() {
  local dir pwfile
  dir=$(choose_data_dir)
  log "initdb in $dir"
  pwfile=$(mktemp)
  printf '%s\n' "$PG_PASSWORD" >"$pwfile"
  if is_root; then chown postgres "$pwfile"; fi
  if ! as_owner "$BIN/initdb" -D "$dir" -U postgres --pwfile="$pwfile" -E UTF8 --no-locale \
      --auth-local=trust --auth-host=scram-sha-256 >"$dir.initdb.log" 2>&1; then
    rm -f "$pwfile"
    cat "$dir.initdb.log" >&2
    die "initdb failed"
  fi
  rm -f "$pwfile" "$dir.initdb.log"
  echo "include_if_exists = 'switchyard.conf'" >>"$dir/postgresql.conf"
}

# Settings rewritten at every start, so PG_PORT and PG_FSYNC apply to an old cluster.
write_settings() {
  local dir
  dir=$(data_dir)
  cat >"$dir/switchyard.conf" <<EOF
# Written by scripts/postgres.sh at every start.
port = $PG_PORT
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
max_connections = 200
fsync = $PG_FSYNC
EOF
  if is_root; then chown postgres:postgres "$dir/switchyard.conf"; fi
}

start() {
  if running; then
    log "already running (port $(running_port), data $(data_dir))"
    return 0
  fi
  if port_busy "$PG_PORT"; then
    die "port $PG_PORT is in use by another process (a system PostgreSQL? 'sudo service postgresql stop'), or set PG_PORT"
  fi
  initialized || init_cluster
  write_settings
  local dir
  dir=$(data_dir)
  log "starting on 127.0.0.1:$PG_PORT (log $PGDATA_DIR/server.log)"
  if ! as_owner "$BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null; then
    tail -n 20 "$dir/server.log" >&2 || true
    die "PostgreSQL did not start"
  fi
  log "up: postgresql://postgres:***@127.0.0.1:$PG_PORT (data $dir)"
}

running_port() {
  sed -n 4p "$(data_dir)/postmaster.pid" 2>/dev/null || echo "?"
}

stop() {
  if ! running; then
    log "not running"
    return 0
  fi
  log "stopping"
  as_owner "$BIN/pg_ctl" -D "$(data_dir)" -m fast -w -t 60 stop >/dev/null
  log "stopped"
}

status() {
  if running; then
    log "running, pid $(head -n 1 "$(data_dir)/postmaster.pid"), port $(running_port), data $(data_dir)"
  else
    log "stopped"
    return 3
  fi
}

destroy() {
  stop
  local dir
  dir=$(data_dir)
  rm -rf "$dir" "$PGDATA_DIR"
  if [ "$dir" != "$PGDATA_DIR" ]; then rmdir "$(dirname "$dir")" 2>/dev/null || true; fi
  log "data removed ($dir)"
}

createdb() {
  local name=${1:-}
  [[ "$name" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || die "createdb needs a plain database name, got '$name'"
  running || die "not running"
  local -a psql=("$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d postgres)
  if [ "$(PGPASSWORD=$PG_PASSWORD "${psql[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$name'")" = 1 ]; then
    log "database $name exists"
  else
    PGPASSWORD=$PG_PASSWORD "${psql[@]}" -c "CREATE DATABASE \"$name\""
    log "database $name created"
  fi
}

case "${1:-}" in
  start | stop | status | destroy) "$1" ;;
  createdb) createdb "${2:-}" ;;
  *) echo "usage: $0 start|stop|status|destroy|createdb NAME" >&2; exit 2 ;;
esac
