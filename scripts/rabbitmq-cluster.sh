#!/usr/bin/env bash
# A RabbitMQ cluster of NODES private nodes on this machine (scripts/rabbitmq.sh
# for each): node i is $PREFIX-i@localhost with AMQP port AMQP_PORT+i-1,
# management MGMT_PORT+i-1, Erlang distribution DIST_PORT+i-1 and its data in
# $CLUSTER_DIR/node-i. All nodes run as the same user and so share its Erlang
# cookie; nodes 2..N join node 1. Quorum queues declared once all have joined get
# a member on every node (RabbitMQ's default initial group size is the cluster
# size), so a quorum queue survives the loss of any one node of three.
# Usage: scripts/rabbitmq-cluster.sh start|stop|status|destroy|urls|vhost NAME
#        scripts/rabbitmq-cluster.sh kill-node I|stop-node I|start-node I
#   urls  print the BROKER_URL list of the cluster (vhost VHOST, default /)
# Env: NODES (3, or the size of the last start), CLUSTER_DIR ($ROOT/.run/rabbitmq-cluster), PREFIX (switchyard),
#      AMQP_PORT (5672), MGMT_PORT (15672), DIST_PORT (25672), VHOST (empty: /)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CLUSTER_DIR=${CLUSTER_DIR:-$ROOT/.run/rabbitmq-cluster}
case "$CLUSTER_DIR" in /*) ;; *) CLUSTER_DIR=$PWD/$CLUSTER_DIR ;; esac
# The size given at start is remembered, so that stop/status need not repeat it.
if [ -z "${NODES:-}" ] && [ -f "$CLUSTER_DIR/nodes" ]; then NODES=$(cat "$CLUSTER_DIR/nodes"); fi
NODES=${NODES:-3}
PREFIX=${PREFIX:-switchyard}
AMQP_PORT=${AMQP_PORT:-5672}
MGMT_PORT=${MGMT_PORT:-15672}
DIST_PORT=${DIST_PORT:-25672}
VHOST=${VHOST:-}

log() { echo "rabbitmq-cluster: $*"; }
die() { echo "rabbitmq-cluster: error: $*" >&2; exit 1; }

[[ "$NODES" =~ ^[1-9][0-9]?$ ]] || die "NODES must be a number from 1 to 99, got '$NODES'"

node_name() { echo "$PREFIX-$1@localhost"; }

# scripts/rabbitmq.sh for node I.
node() {
  local i=$1
  shift
  env RABBITMQ_DIR="$CLUSTER_DIR/node-$i" NODE="$(node_name "$i")" \
    AMQP_PORT=$((AMQP_PORT + i - 1)) MGMT_PORT=$((MGMT_PORT + i - 1)) \
    DIST_PORT=$((DIST_PORT + i - 1)) "$ROOT/scripts/rabbitmq.sh" "$@"
}

check_index() {
  if ! [[ "${1:-}" =~ ^[0-9]+$ ]] || [ "$1" -lt 1 ] || [ "$1" -gt "$NODES" ]; then
    die "node index must be 1..$NODES, got '${1:-}'"
  fi
}

urls() {
  local i list=""
  for ((i = 1; i <= NODES; i++)); do
    list+="${list:+,}amqp://guest:guest@127.0.0.1:$((AMQP_PORT + i - 1))/$VHOST"
  done
  echo "$list"
}

start() {
  local i
  mkdir -p "$CLUSTER_DIR"
  echo "$NODES" >"$CLUSTER_DIR/nodes"
  for ((i = 1; i <= NODES; i++)); do node "$i" start; done
  for ((i = 2; i <= NODES; i++)); do node "$i" join "$(node_name 1)"; done
  if [ -n "$VHOST" ]; then node 1 vhost "$VHOST"; fi
  log "up: $NODES node(s); BROKER_URL=$(urls)"
}

stop() {
  local i
  # The seed node last: the others find their peers gone, not their seed.
  for ((i = NODES; i >= 1; i--)); do node "$i" stop; done
}

status() {
  local i rc=0
  for ((i = 1; i <= NODES; i++)); do node "$i" status || rc=$?; done
  if [ "$rc" -eq 0 ] && [ "$NODES" -gt 1 ]; then
    local running
    running=$(env RABBITMQ_DIR="$CLUSTER_DIR/node-1" NODE="$(node_name 1)" \
      "$ROOT/scripts/rabbitmq.sh" members 2>/dev/null || true)
    [ -z "$running" ] || log "running cluster members: $running"
  fi
  return "$rc"
}

destroy() {
  local i
  for ((i = NODES; i >= 1; i--)); do node "$i" destroy; done
  rm -rf "$CLUSTER_DIR"
}

case "${1:-}" in
  start | stop | status | destroy | urls) "$1" ;;
  vhost) node 1 vhost "${2:-}" ;;
  kill-node) check_index "${2:-}"; node "$2" kill ;;
  stop-node) check_index "${2:-}"; node "$2" stop ;;
  start-node) check_index "${2:-}"; node "$2" start ;;
  *) echo "usage: $0 start|stop|status|destroy|urls|vhost NAME|kill-node I|stop-node I|start-node I" >&2
     exit 2 ;;
esac
