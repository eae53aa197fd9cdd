#!/usr/bin/env bash
# `make slave-up` / `make slave-down`: a release-tracker slave (MODE=slave) beside
# the local stack of `make up`, which is its master. The slave has its own
# database (tasks_<name>) and vhost (<name>) on the same local servers, its own
# processes under .run/slave-<name>/ and its own port; it forwards what it
# records to the master and pings it (docs/releases.md, "Master and slave").
# Usage: scripts/slave.sh up|down|status
# Env: SLAVE_NAME (edge: its CLIENT_NAME, database and vhost), SLAVE_ENV (dev: its
#      ENV_NAME), SLAVE_PORT (8001), API_PORT (8000: the master's),
#      MASTER_API_KEY (dev-admin-key), WORKERS (1), BUILD_DIR (build), the KUBE_*
#      settings of its cluster, PG_PORT / AMQP_PORT as for `make up`.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRIPTS="$ROOT/scripts"
BUILD_DIR=${BUILD_DIR:-$ROOT/build}
NAME=${SLAVE_NAME:-edge}
SLAVE_PORT=${SLAVE_PORT:-8001}
MASTER_PORT=${API_PORT:-8000}

die() { echo "slave: error: $*" >&2; exit 1; }
[[ "$NAME" =~ ^[a-z0-9_-]+$ ]] || die "SLAVE_NAME must be lowercase letters, digits, - or _"

export RUN_DIR="$ROOT/.run/slave-$NAME" BIN_DIR="$BUILD_DIR"
export MODE=slave CLIENT_NAME="$NAME" ENV_NAME="${SLAVE_ENV:-dev}" API_PORT="$SLAVE_PORT"
export GRPC_PORT=0  # the tracker's gRPC door is the master's (port 8765)
export MASTER_URL="http://127.0.0.1:$MASTER_PORT" MASTER_API_KEY="${MASTER_API_KEY:-dev-admin-key}"
export DATABASE_URL="postgresql://postgres:${PG_PASSWORD:-postgres}@localhost:${PG_PORT:-5432}/tasks_${NAME//-/_}"
export BROKER_URL="amqp://guest:guest@localhost:${AMQP_PORT:-5672}/$NAME"

healthy() { curl -fsS -o /dev/null "http://127.0.0.1:$1/health"; }

up() {
  healthy "$MASTER_PORT" || die "no master answers on port $MASTER_PORT: run 'make up' first"
  "$SCRIPTS/rabbitmq.sh" vhost "$NAME"
  (cd "$ROOT" && "$BUILD_DIR/switchyard" migrate)
  "$SCRIPTS/processes.sh" start all
  for _ in $(seq 1 150); do
    if healthy "$SLAVE_PORT"; then
      echo "slave: $NAME (ENV_NAME=$ENV_NAME) on http://127.0.0.1:$SLAVE_PORT, forwarding to $MASTER_URL"
      echo "slave: logs in $RUN_DIR/logs/"
      return 0
    fi
    sleep 0.2
  done
  tail -n 30 "$RUN_DIR/logs/api.log" >&2 || true
  die "the slave's API is not healthy"
}

case "${1:-}" in
  up) up ;;
  down) "$SCRIPTS/processes.sh" stop all ;;
  status) "$SCRIPTS/processes.sh" status ;;
  *) echo "usage: $0 up|down|status" >&2; exit 2 ;;
esac
