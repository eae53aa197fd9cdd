#!/usr/bin/env bash
# A private RabbitMQ node for the local stack and the tests, outside any system
# service: its config, data and logs live in RABBITMQ_DIR, with the management
# plugin on, guest/guest from loopback only. As root the node runs as the
# `rabbitmq` user (what Debian's wrapper does); as any other user, as that user.
# Usage: scripts/rabbitmq.sh start|stop|status|destroy|members|kill|vhost NAME|join NODE
#   destroy  stop, then delete the node's data
#   kill     SIGKILL the node's processes (a crash, for the fault tests); data stays
#   vhost    create vhost NAME if missing and give guest full permissions on it
#   join     make this node a member of NODE's cluster (no-op when it already is)
#   members  print the cluster's running nodes, space-separated
# Env: RABBITMQ_DIR ($ROOT/.run/rabbitmq), AMQP_PORT (5672), MGMT_PORT (15672),
#      NODE (switchyard@localhost), DIST_PORT (Erlang distribution, AMQP_PORT+20000
#      when that fits, else AMQP_PORT-20000), START_TIMEOUT (seconds, 90)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RABBITMQ_DIR=${RABBITMQ_DIR:-$ROOT/.run/rabbitmq}
case "$RABBITMQ_DIR" in /*) ;; *) RABBITMQ_DIR=$PWD/$RABBITMQ_DIR ;; esac
AMQP_PORT=${AMQP_PORT:-5672}
MGMT_PORT=${MGMT_PORT:-15672}
NODE=${NODE:-switchyard@localhost}
START_TIMEOUT=${START_TIMEOUT:-90}
if [ -z "${DIST_PORT:-}" ]; then
  DIST_PORT=$((AMQP_PORT + 20000))
  if [ "$DIST_PORT" -gt 65535 ]; then DIST_PORT=$((AMQP_PORT - 20000)); fi
fi
RMQ_BIN=/usr/lib/rabbitmq/bin

log() { echo "rabbitmq: $*"; }
die() { echo "rabbitmq: error: $*" >&2; exit 1; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# Run a RabbitMQ tool as the node's owner. Debian's /usr/sbin wrappers refuse
# other users, so the tools in /usr/lib/rabbitmq/bin are called directly; the
# Erlang cookie is the owner's ~/.erlang.cookie for server and CLI alike.
as_owner() {
  if is_root; then
    (cd / && runuser -u rabbitmq -- "$@")
  else
    (cd / && "$@")
  fi
}

ctl() { as_owner "$RMQ_BIN/rabbitmqctl" -n "$NODE" "$@"; }

# The folder that really holds the node (see choose_node_dir).
node_dir() {
  if [ -L "$RABBITMQ_DIR" ]; then readlink "$RABBITMQ_DIR"; else echo "$RABBITMQ_DIR"; fi
}

fallback_dir() {
  local sum
  sum=$(printf '%s' "$RABBITMQ_DIR" | cksum | cut -d' ' -f1)
  echo "/var/tmp/switchyard-$(id -u)-$sum/rabbitmq"
}

# The node goes in RABBITMQ_DIR unless the rabbitmq user cannot reach it (a
# checkout under /root); then in fallback_dir, with RABBITMQ_DIR a symlink to it.
choose_node_dir() {
  [ -L "$RABBITMQ_DIR" ] && { node_dir; return 0; }
  mkdir -p "$RABBITMQ_DIR"
  if ! is_root; then echo "$RABBITMQ_DIR"; return 0; fi
  chown rabbitmq:rabbitmq "$RABBITMQ_DIR"
  if as_owner test -w "$RABBITMQ_DIR"; then echo "$RABBITMQ_DIR"; return 0; fi
  local alt
  alt=$(fallback_dir)
  mkdir -p "$alt"
  chmod 755 "$(dirname "$alt")"
  chown rabbitmq:rabbitmq "$alt"
  rmdir "$RABBITMQ_DIR" 2>/dev/null || die "$RABBITMQ_DIR is not reachable by the rabbitmq user and not empty"
  ln -s "$alt" "$RABBITMQ_DIR"
  log "$RABBITMQ_DIR is not reachable by the rabbitmq user: node in $alt" >&2
  echo "$alt"
}

# Where the node keeps its state: the environment of rabbitmq-server only, so
# that the node's processes, and only they, carry RABBITMQ_NODENAME=$NODE.
node_env() {
  local dir
  dir=$(node_dir)
  NODE_ENV=(
    "RABBITMQ_NODENAME=$NODE"
    "RABBITMQ_MNESIA_BASE=$dir/mnesia"
    "RABBITMQ_LOG_BASE=$dir/log"
    "RABBITMQ_CONFIG_FILE=$dir/rabbitmq.conf"
    "RABBITMQ_ENABLED_PLUGINS_FILE=$dir/enabled_plugins"
    "RABBITMQ_PID_FILE=$dir/pid"
    "RABBITMQ_DIST_PORT=$DIST_PORT"
    # Erlang distribution on loopback only.
    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
  )
}

write_config() {
  local dir
  dir=$(choose_node_dir)
  mkdir -p "$dir/mnesia" "$dir/log"
  echo "[rabbitmq_management]." >"$dir/enabled_plugins"
  cat >"$dir/rabbitmq.conf" <<EOF
# Written by scripts/rabbitmq.sh at every start.
listeners.tcp.default = $AMQP_PORT
management.tcp.port = $MGMT_PORT
loopback_users.guest = true
EOF
  if is_root; then chown -R rabbitmq:rabbitmq "$dir"; fi
}

running() { ctl ping >/dev/null 2>&1; }

# 0 when something listens on PORT.
port_busy() {
  if command -v ss >/dev/null 2>&1; then
    [ -n "$(ss -Hltn "sport = :$1")" ]
  else
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
  fi
}

check_ports() {
  local p
  for p in "$AMQP_PORT" "$MGMT_PORT" "$DIST_PORT"; do
    if port_busy "$p"; then
      die "port $p is in use by another process (a system rabbitmq-server? 'sudo service rabbitmq-server stop'); set AMQP_PORT/MGMT_PORT/DIST_PORT"
    fi
  done
}

# Pids of this node's processes (VM, erl_child_setup, helpers): those started
# with RABBITMQ_NODENAME=$NODE in their environment.
node_pids() {
  local f
  for f in /proc/[0-9]*/environ; do
    if grep -qzxF "RABBITMQ_NODENAME=$NODE" "$f" 2>/dev/null; then
      f=${f#/proc/}
      echo "${f%/environ}"
    fi
  done
}

show_logs() {
  local dir
  dir=$(node_dir)
  echo "--- $dir/console.log" >&2
  tail -n 20 "$dir/console.log" >&2 || true
  echo "--- $dir/log/$NODE.log" >&2
  tail -n 20 "$dir/log/$NODE.log" >&2 || true
}

# Show the logs, take down what was started, fail.
abort_start() {
  show_logs
  local pids
  pids=$(node_pids)
  # shellcheck disable=SC2086
  if [ -n "$pids" ]; then kill -KILL $pids 2>/dev/null || true; fi
  die "$1"
}

wait_for_ping() {
  local server_pid=$1 deadline=$((SECONDS + START_TIMEOUT))
  printf 'rabbitmq: waiting for %s ' "$NODE"
  until running; do
    if ! kill -0 "$server_pid" 2>/dev/null; then
      echo " exited"
      abort_start "rabbitmq-server exited during startup"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo " timeout"
      abort_start "node $NODE did not answer ping within ${START_TIMEOUT}s"
    fi
    printf '.'
    sleep 1
  done
  echo " up"
}

start() {
  if running; then
    log "already running (node $NODE, amqp $AMQP_PORT, management $MGMT_PORT)"
    return 0
  fi
  check_ports
  write_config
  node_env
  local dir
  dir=$(node_dir)
  rm -f "$dir/pid"
  log "starting node $NODE (amqp $AMQP_PORT, management $MGMT_PORT, data $dir)"
  cd /
  if is_root; then
    setsid runuser -u rabbitmq -- env "${NODE_ENV[@]}" "$RMQ_BIN/rabbitmq-server" \
      >>"$dir/console.log" 2>&1 </dev/null &
  else
    setsid env "${NODE_ENV[@]}" "$RMQ_BIN/rabbitmq-server" >>"$dir/console.log" 2>&1 </dev/null &
  fi
  wait_for_ping $!
  ctl await_startup --timeout "$START_TIMEOUT" >/dev/null || abort_start "node $NODE did not finish booting"
  log "up: amqp://guest:guest@127.0.0.1:$AMQP_PORT/, management http://127.0.0.1:$MGMT_PORT (log $RABBITMQ_DIR/log/$NODE.log)"
}

# Wait until none of the node's VM processes remain; SIGKILL them after $1 s.
wait_gone() {
  local deadline=$((SECONDS + $1))
  while [ -n "$(node_pids)" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "node processes still there, killing them"
      # shellcheck disable=SC2046
      kill -KILL $(node_pids) 2>/dev/null || true
      sleep 1
      return 0
    fi
    sleep 0.5
  done
}

# epmd is started by the first Erlang node and outlives it: stop it once no
# node is registered, unless systemd manages it (epmd.socket/epmd.service).
stop_idle_epmd() {
  command -v epmd >/dev/null 2>&1 || return 0
  local names
  names=$(epmd -names 2>/dev/null) || return 0
  if grep -q '^name ' <<<"$names"; then return 0; fi
  if command -v systemctl >/dev/null 2>&1 &&
     systemctl is-active --quiet epmd.socket epmd.service 2>/dev/null; then
    return 0
  fi
  epmd -kill >/dev/null 2>&1 || true
  log "no Erlang node left: epmd stopped"
}

stop() {
  if running; then
    log "stopping node $NODE"
    ctl stop "$(node_dir)/pid" >/dev/null || log "rabbitmqctl stop failed, terminating the VM"
  else
    log "not running"
  fi
  if [ -n "$(node_pids)" ]; then
    # shellcheck disable=SC2046
    kill -TERM $(node_pids) 2>/dev/null || true
  fi
  wait_gone 20
  stop_idle_epmd
}

status() {
  if running; then
    log "running, node $NODE, pid $(cat "$(node_dir)/pid" 2>/dev/null || echo '?'), amqp $AMQP_PORT, management http://127.0.0.1:$MGMT_PORT"
  else
    log "stopped (node $NODE)"
    return 3
  fi
}

destroy() {
  stop
  local dir
  dir=$(node_dir)
  rm -rf "$dir" "$RABBITMQ_DIR"
  if [ "$dir" != "$RABBITMQ_DIR" ]; then rmdir "$(dirname "$dir")" 2>/dev/null || true; fi
  log "data removed ($dir)"
}

vhost() {
  local name=${1:-}
  [[ "$name" =~ ^[A-Za-z0-9_.-]+$ ]] || die "vhost needs a plain name, got '$name'"
  running || die "node $NODE is not running"
  local vhosts
  vhosts=$(ctl list_vhosts --silent name)
  if grep -qxF "$name" <<<"$vhosts"; then
    log "vhost $name exists"
  else
    ctl add_vhost "$name" >/dev/null
    log "vhost $name created"
  fi
  ctl set_permissions -p "$name" guest '.*' '.*' '.*' >/dev/null
}

kill_node() {
  local pids
  pids=$(node_pids)
  if [ -z "$pids" ]; then log "not running"; return 0; fi
  log "killing node $NODE (SIGKILL)"
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  wait_gone 10
}

# Cluster membership is kept in the node's data: a member that restarts rejoins
# by itself, so this only acts on a node that is not yet a member.
join() {
  local seed=${1:-}
  [ -n "$seed" ] || die "join needs the node to join, e.g. switchyard-1@localhost"
  running || die "node $NODE is not running"
  if ctl cluster_status --formatter json 2>/dev/null | grep -qF "\"$seed\""; then
    log "$NODE is already clustered with $seed"
    return 0
  fi
  ctl stop_app >/dev/null
  ctl reset >/dev/null
  ctl join_cluster "$seed" >/dev/null || die "$NODE could not join $seed"
  ctl start_app >/dev/null
  ctl await_startup --timeout "$START_TIMEOUT" >/dev/null || die "$NODE did not restart after joining"
  log "$NODE joined $seed"
}

members() {
  running || die "node $NODE is not running"
  ctl cluster_status --formatter json |
    python3 -c 'import json, sys; print(" ".join(json.load(sys.stdin)["running_nodes"]))'
}

case "${1:-}" in
  start | stop | status | destroy | members) "$1" ;;
  kill) kill_node ;;
  vhost) vhost "${2:-}" ;;
  join) join "${2:-}" ;;
  *) echo "usage: $0 start|stop|status|destroy|members|kill|vhost NAME|join NODE" >&2; exit 2 ;;
esac
