#!/usr/bin/env bash
# Run Switchyard's processes in the background, one session each (setsid):
# api, listener and WORKERS workers (worker-1, worker-2, ...). Output is appended
# to .run/logs/<name>.log, pids are kept in .run/pids/<name>.pid. Starting what
# runs already is a no-op, so `start all` also brings back crashed parts.
# stop sends SIGTERM to each process group, waits up to STOP_TIMEOUT s, then SIGKILL.
# Usage: scripts/processes.sh start|stop|restart|status [api|listener|worker|all]
#        scripts/processes.sh scale N       (start or stop workers to reach N)
# Env: WORKERS (1), BIN_DIR ($ROOT/build), RUN_DIR ($ROOT/.run), STOP_TIMEOUT (15);
#      SWITCHYARD_API_CMD, SWITCHYARD_LISTENER_CMD, SWITCHYARD_WORKER_CMD replace
#      a binary by another command line (word-split), e.g. for testing this script.
# Every other variable (DATABASE_URL, BROKER_URL, API_PORT, ...) reaches the processes.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN_DIR=${BIN_DIR:-$ROOT/build}
RUN_DIR=${RUN_DIR:-$ROOT/.run}
case "$BIN_DIR" in /*) ;; *) BIN_DIR=$PWD/$BIN_DIR ;; esac
case "$RUN_DIR" in /*) ;; *) RUN_DIR=$PWD/$RUN_DIR ;; esac
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
WORKERS=${WORKERS:-1}
STOP_TIMEOUT=${STOP_TIMEOUT:-15}

log() { echo "processes: $*"; }
die() { echo "processes: error: $*" >&2; exit 1; }

# The command line of an instance (api, listener, worker-N), one word per line.
command_of() {
  local override binary
  case "$1" in
    api) override=${SWITCHYARD_API_CMD:-}; binary=switchyard-api ;;
    listener) override=${SWITCHYARD_LISTENER_CMD:-}; binary=switchyard-listener ;;
    worker-*) override=${SWITCHYARD_WORKER_CMD:-}; binary=switchyard-worker ;;
    *) die "unknown process $1" ;;
  esac
  if [ -n "$override" ]; then
    # shellcheck disable=SC2086
    printf '%s\n' $override
  else
    echo "$BIN_DIR/$binary"
  fi
}

pidfile() { echo "$PID_DIR/$1.pid"; }

# The pid of a live instance, or nothing.
live_pid() {
  local file pid exe args=
  file=$(pidfile "$1")
  [ -f "$file" ] || return 0
  pid=$(cat "$file")
  exe=$(command_of "$1" | head -n 1)
  if [[ "$pid" =~ ^[0-9]+$ ]]; then
    args=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || true
  fi
  # Alive, and still our program (not a reused pid).
  if [ -n "$args" ] && alive "$pid" && [[ "$args" == *"$(basename "$exe")"* ]]; then
    echo "$pid"
  fi
}

start_one() {
  local name=$1 pid
  pid=$(live_pid "$name")
  if [ -n "$pid" ]; then
    log "$name already running (pid $pid)"
    return 0
  fi
  rm -f "$(pidfile "$name")"
  local -a cmd
  mapfile -t cmd < <(command_of "$name")
  [ -x "${cmd[0]}" ] || command -v "${cmd[0]}" >/dev/null 2>&1 ||
    die "${cmd[0]} not found: run 'make build'"
  mkdir -p "$LOG_DIR" "$PID_DIR"
  local logfile="$LOG_DIR/$name.log"
  echo "=== $(date -Is) starting $name: ${cmd[*]}" >>"$logfile"
  (cd "$ROOT" && SWITCHYARD_INSTANCE=$name exec setsid "${cmd[@]}" >>"$logfile" 2>&1 </dev/null) &
  pid=$!
  echo "$pid" >"$(pidfile "$name")"
  sleep 0.2
  if ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$(pidfile "$name")"
    tail -n 20 "$logfile" >&2
    die "$name exited at once (log $logfile)"
  fi
  log "$name started (pid $pid, log ${logfile#"$ROOT"/})"
}

# SIGTERM to every named instance, wait for all up to STOP_TIMEOUT, then SIGKILL.
stop_many() {
  local -A pids=()
  local name pid
  for name in "$@"; do
    pid=$(live_pid "$name")
    if [ -z "$pid" ]; then rm -f "$(pidfile "$name")"; continue; fi
    pids[$name]=$pid
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  done
  [ "${#pids[@]}" -gt 0 ] || return 0
  log "stopping ${!pids[*]}"
  local deadline=$((SECONDS + STOP_TIMEOUT)) left
  while :; do
    left=()
    for name in "${!pids[@]}"; do
      if alive "${pids[$name]}"; then left+=("$name"); fi
    done
    [ "${#left[@]}" -gt 0 ] || break
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "still running after ${STOP_TIMEOUT}s, killing: ${left[*]}"
      for name in "${left[@]}"; do
        kill -KILL -- "-${pids[$name]}" 2>/dev/null || kill -KILL "${pids[$name]}" 2>/dev/null || true
      done
      break
    fi
    sleep 0.2
  done
  for name in "${!pids[@]}"; do
    rm -f "$(pidfile "$name")"
    echo "=== $(date -Is) stopped $name" >>"$LOG_DIR/$name.log"
  done
  log "stopped ${!pids[*]}"
}

# A process is gone once it has exited, even if nobody reaped it yet (zombie).
alive() {
  kill -0 "$1" 2>/dev/null && [ "$(ps -o stat= -p "$1" 2>/dev/null | cut -c1)" != Z ]
}

# worker-N names with a pidfile, in numeric order.
known_workers() {
  local f
  for f in "$PID_DIR"/worker-*.pid; do
    [ -e "$f" ] || continue
    f=${f##*/}
    echo "${f%.pid}"
  done | sort -t- -k2 -n
}

running_workers() {
  local name
  for name in $(known_workers); do
    if [ -n "$(live_pid "$name")" ]; then echo "$name"; fi
  done
}

# Instance names for a target: api, listener, worker (workers 1..count), all.
names_for() {
  local target=$1 count=$2 i
  case "$target" in
    api | listener) echo "$target" ;;
    worker) for ((i = 1; i <= count; i++)); do echo "worker-$i"; done ;;
    all) echo listener; names_for worker "$count"; echo api ;;
    *) die "unknown target '$target' (api|listener|worker|all)" ;;
  esac
}

start() {
  local name
  for name in $(names_for "$1" "$WORKERS"); do start_one "$name"; done
}

# Stop api first (no new work), then workers and listener together.
stop() {
  local -a workers
  mapfile -t workers < <(known_workers)
  case "$1" in
    api | listener) stop_many "$1" ;;
    worker) stop_many "${workers[@]}" ;;
    all) stop_many api; stop_many "${workers[@]}" listener ;;
    *) die "unknown target '$1' (api|listener|worker|all)" ;;
  esac
}

# Restart keeps the number of running workers (WORKERS when none runs).
restart() {
  local count
  count=$(running_workers | wc -l)
  [ "$count" -gt 0 ] || count=$WORKERS
  stop "$1"
  local name
  for name in $(names_for "$1" "$count"); do start_one "$name"; done
}

scale() {
  local n=${1:-}
  [[ "$n" =~ ^[0-9]+$ ]] || die "scale needs a number of workers, got '$n'"
  local name i extra=()
  for ((i = 1; i <= n; i++)); do start_one "worker-$i"; done
  for name in $(known_workers); do
    if [ "${name#worker-}" -gt "$n" ]; then extra+=("$name"); fi
  done
  if [ "${#extra[@]}" -gt 0 ]; then stop_many "${extra[@]}"; fi
  log "$(running_workers | wc -l) worker(s) running"
}

uptime_of() {
  local s
  s=$(ps -o etimes= -p "$1" | tr -d ' ')
  printf '%dd%02dh%02dm%02ds' $((s / 86400)) $((s % 86400 / 3600)) $((s % 3600 / 60)) $((s % 60)) |
    sed -E 's/^0d(00h)?(00m)?//'
}

status() {
  local -a names
  mapfile -t names < <(echo api; echo listener; { names_for worker "$WORKERS"; known_workers; } | sort -u -t- -k2 -n)
  printf '%-12s %-8s %-8s %s\n' NAME PID STATE UPTIME
  local name pid
  for name in "${names[@]}"; do
    pid=$(live_pid "$name")
    if [ -n "$pid" ]; then
      printf '%-12s %-8s %-8s %s\n' "$name" "$pid" running "$(uptime_of "$pid")"
    elif [ -f "$(pidfile "$name")" ]; then
      # Started and never stopped: it died (see its log); `start` brings it back.
      printf '%-12s %-8s %-8s %s\n' "$name" "$(cat "$(pidfile "$name")")" exited -
    else
      printf '%-12s %-8s %-8s %s\n' "$name" - stopped -
    fi
  done
}

main() {
  local action=${1:-} target=${2:-all}
  case "$action" in
    start | stop | restart) "$action" "$target" ;;
    status) status ;;
    scale) scale "${2:-}" ;;
    *) echo "usage: $0 start|stop|restart|status [api|listener|worker|all] | scale N" >&2; exit 2 ;;
  esac
}

main "$@"
