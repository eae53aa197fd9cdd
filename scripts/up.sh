#!/usr/bin/env bash
# `make up`: the whole local stack without Docker. Installs what is missing,
# builds (Release), starts PostgreSQL and RabbitMQ under .run/ (unless
# DATABASE_URL / BROKER_URL point at servers of your own), migrates, starts api,
# listener and WORKERS workers, and waits until /health answers 200.
# Running it again is harmless: whatever runs is left alone, what died is restarted.
# Each process runs under a supervisor that restarts it when it dies (scripts/supervise.sh).
# Usage: scripts/up.sh      Env: WORKERS (1), API_PORT (8000), BUILD_DIR (build),
#        SKIP_DEPS=1 (skip scripts/deps.sh), SKIP_BUILD=1 (use the binaries in
#        BUILD_DIR as they are), HEALTH_TIMEOUT (60), and those of
#        scripts/postgres.sh, scripts/rabbitmq.sh, scripts/processes.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRIPTS="$ROOT/scripts"
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
case "$BUILD_DIR" in /*) ;; *) BUILD_DIR=$PWD/$BUILD_DIR ;; esac
API_PORT=${API_PORT:-8000}
HEALTH_TIMEOUT=${HEALTH_TIMEOUT:-60}
export API_PORT

step() { printf '\n==> %s\n' "$*"; }
die() { echo "up: error: $*" >&2; exit 1; }

deps() {
  if [ "${SKIP_DEPS:-0}" = 1 ]; then return 0; fi
  step "Dependencies"
  "$SCRIPTS/deps.sh"
}

build() {
  export BIN_DIR=$BUILD_DIR
  if [ "${SKIP_BUILD:-0}" = 1 ]; then return 0; fi
  step "Build (Release, $BUILD_DIR)"
  if [ ! -f "$BUILD_DIR/CMakeCache.txt" ]; then
    local -a generator=()
    if command -v ninja >/dev/null 2>&1; then generator=(-G Ninja); fi
    cmake -S "$ROOT" -B "$BUILD_DIR" "${generator[@]}" -DCMAKE_BUILD_TYPE=Release
  fi
  cmake --build "$BUILD_DIR" --parallel "${JOBS:-$(nproc)}"
}

# Local servers unless the environment points at others; the processes get
# URLs matching the local servers' ports.
servers() {
  if [ -n "${DATABASE_URL:-}" ]; then
    step "PostgreSQL: using DATABASE_URL from the environment"
  else
    step "PostgreSQL (local, .run/postgres)"
    "$SCRIPTS/postgres.sh" start
    export DATABASE_URL="postgresql://postgres:${PG_PASSWORD:-postgres}@localhost:${PG_PORT:-5432}/tasks"
  fi
  if [ -n "${BROKER_URL:-}" ]; then
    step "RabbitMQ: using BROKER_URL from the environment"
  elif [ "${RABBITMQ_NODES:-1}" != 1 ]; then
    step "RabbitMQ cluster of ${RABBITMQ_NODES} nodes (local, .run/rabbitmq-cluster)"
    NODES=$RABBITMQ_NODES "$SCRIPTS/rabbitmq-cluster.sh" start
    BROKER_URL=$(NODES=$RABBITMQ_NODES "$SCRIPTS/rabbitmq-cluster.sh" urls)
    export BROKER_URL
    LOCAL_BROKER=1
  else
    step "RabbitMQ (local, .run/rabbitmq)"
    "$SCRIPTS/rabbitmq.sh" start
    export BROKER_URL="amqp://guest:guest@localhost:${AMQP_PORT:-5672}/"
    LOCAL_BROKER=1
  fi
}

migrate() {
  step "Migrations"
  (cd "$ROOT" && "$BUILD_DIR/switchyard" migrate)
}

processes() {
  step "Processes (api, listener, ${WORKERS:-1} worker(s))"
  "$SCRIPTS/processes.sh" start all
}

# Running, or restarting under its supervisor (e.g. it started before the
# database accepted connections): keep waiting until HEALTH_TIMEOUT.
api_running() {
  case "$("$SCRIPTS/processes.sh" status | awk '$1 == "api" { print $3 }')" in
    running | restarting) return 0 ;;
    *) return 1 ;;
  esac
}

health_failed() {
  echo "--- tail of .run/logs/api.log" >&2
  tail -n 30 "${RUN_DIR:-$ROOT/.run}/logs/api.log" >&2 || true
  die "the API is not healthy: see 'make logs' and 'make ps'"
}

wait_healthy() {
  step "Waiting for http://localhost:$API_PORT/health"
  local deadline=$((SECONDS + HEALTH_TIMEOUT)) code
  while :; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://localhost:$API_PORT/health" || true)
    if [ "$code" = 200 ]; then echo " healthy"; return 0; fi
    if ! api_running; then
      echo " the api process exited"
      health_failed
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo " no 200 after ${HEALTH_TIMEOUT}s (last answer: ${code:-none})"
      health_failed
    fi
    printf '.'
    sleep 1
  done
}

summary() {
  local console="RabbitMQ             see BROKER_URL"
  if [ "${LOCAL_BROKER:-0}" = 1 ]; then
    console="RabbitMQ console     http://localhost:${MGMT_PORT:-15672}   (guest/guest)"
  fi
  cat <<EOF

Switchyard is up.
  API                  http://localhost:$API_PORT   (Authorization: Bearer dev-admin-key)
  Swagger UI           http://localhost:$API_PORT/docs
  ReDoc                http://localhost:$API_PORT/redoc
  Tracker gRPC         localhost:${GRPC_PORT:-8765}   (docs/tracker.md)
  $console
  Logs                 .run/logs/   (make logs, make logs-api, ...)
  Prometheus           $( [ "${PROMETHEUS:-0}" = 1 ] && echo "http://localhost:${PROMETHEUS_PORT:-9090}   (dashboard: config/grafana/switchyard.json)" || echo "make up PROMETHEUS=1   (docs/observability.md)")
  Status               make ps, make health-check
  Stop everything      make down
EOF
}

# PROMETHEUS=1: a local Prometheus scraping every process (scripts/prometheus.sh).
monitoring() {
  [ "${PROMETHEUS:-0}" = 1 ] || return 0
  step "Prometheus"
  "$SCRIPTS/prometheus.sh" start
}

main() {
  deps
  build
  servers
  migrate
  processes
  wait_healthy
  monitoring
  summary
}

main "$@"
