#!/usr/bin/env bash
# Throwaway PostgreSQL and RabbitMQ for the integration and end-to-end tests
# (the ctest fixture calls `start` and `stop`). They use their own ports, node,
# database and vhost, so a developer's stack on 5432/5672 is never touched.
# Every start begins from empty data under build/test-servers/ (a leftover run
# is stopped first); stop keeps the data and logs for a post-mortem.
#   PostgreSQL 127.0.0.1:25442, database switchyard_test
#   RabbitMQ   switchyard-test@localhost, AMQP 26730, management 15683, vhost switchyard_test
# Usage: scripts/test-servers.sh start|stop|status
#        scripts/test-servers.sh stop-broker|start-broker|stop-db|start-db
#   (one server at a time, for the outage tests; data is kept)
# The ports sit below Linux's ephemeral range (32768-60999): a client that keeps
# reconnecting to a port inside it while the server is down can be handed that
# very port as its source and connect to itself, and the restarted server then
# cannot bind it (seen once as a RabbitMQ that "did not finish booting").
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRIPTS="$ROOT/scripts"
DATA_DIR=${TEST_SERVERS_DIR:-$ROOT/build/test-servers}
NAME=switchyard_test

PG_ENV=(PGDATA_DIR="$DATA_DIR/postgres" PG_PORT=25442 PG_PASSWORD=postgres PG_FSYNC=off)
RMQ_ENV=(RABBITMQ_DIR="$DATA_DIR/rabbitmq" AMQP_PORT=26730 MGMT_PORT=15683 DIST_PORT=25683
         NODE=switchyard-test@localhost)

DATABASE_URL="postgresql://postgres:postgres@127.0.0.1:25442/$NAME"
BROKER_URL="amqp://guest:guest@127.0.0.1:26730/$NAME"
MGMT_URL="http://guest:guest@127.0.0.1:15683"

pg() { env "${PG_ENV[@]}" "$SCRIPTS/postgres.sh" "$@"; }
rmq() { env "${RMQ_ENV[@]}" "$SCRIPTS/rabbitmq.sh" "$@"; }

log() { echo "test-servers: $*"; }

start() {
  log "removing any previous test servers and their data"
  rmq destroy >/dev/null
  pg destroy >/dev/null
  rm -rf "$DATA_DIR"
  mkdir -p "$DATA_DIR"
  pg start
  pg createdb "$NAME"
  rmq start
  rmq vhost "$NAME"
  log "ready"
  echo "SWITCHYARD_TEST_DATABASE_URL=$DATABASE_URL"
  echo "SWITCHYARD_TEST_BROKER_URL=$BROKER_URL"
  echo "SWITCHYARD_TEST_MGMT_URL=$MGMT_URL"
}

stop() {
  rmq stop
  pg stop
}

status() {
  local rc=0
  pg status || rc=$?
  rmq status || rc=$?
  return "$rc"
}

case "${1:-}" in
  start | stop | status) "$1" ;;
  stop-broker) rmq stop ;;
  start-broker) rmq start ;;
  stop-db) pg stop ;;
  start-db) pg start ;;
  *) echo "usage: $0 start|stop|status|stop-broker|start-broker|stop-db|start-db" >&2; exit 2 ;;
esac
