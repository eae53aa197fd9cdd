#!/usr/bin/env bash
# Run Switchyard's processes in the background, each under a supervisor
# (scripts/supervise.sh) in a session of its own: api, listener and WORKERS
# workers (worker-1, worker-2, ...). A process that dies is restarted with
# backoff (1 s doubling to 30 s, back to 1 s after 60 s up) and the restart is
# logged. Output is appended to .run/logs/<name>.log, the program's pid is in
# .run/pids/<name>.pid, its supervisor's pid and counters in .run/supervise/.
# Starting what runs already is a no-op, so `start all` also brings back
# anything whose supervisor is gone.
# stop sends SIGTERM to each supervisor, which stops its program (SIGTERM, then
# SIGKILL after STOP_TIMEOUT s) without restarting it; whatever still runs
# STOP_TIMEOUT + 3 s later is killed here.
# Usage: scripts/processes.sh start|stop|restart|status [api|listener|worker|all]
#        scripts/processes.sh scale N       (start or stop workers to reach N)
# Env: WORKERS (1), BIN_DIR ($ROOT/build), RUN_DIR ($ROOT/.run), STOP_TIMEOUT (15);
#      SWITCHYARD_API_CMD, SWITCHYARD_LISTENER_CMD, SWITCHYARD_WORKER_CMD replace
#      a binary by another command line (word-split), e.g. for testing this script;
#      SUPERVISE_BACKOFF_MIN, SUPERVISE_BACKOFF_MAX, SUPERVISE_RESET_AFTER (seconds,
#      read by the supervisors at start).
# Every other variable (DATABASE_URL, BROKER_URL, API_PORT, ...) reaches the processes.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BIN_DIR=${BIN_DIR:-$ROOT/build}
RUN_DIR=${RUN_DIR:-$ROOT/.run}
case "$BIN_DIR" in /*) ;; *) BIN_DIR=$PWD/$BIN_DIR ;; esac
case "$RUN_DIR" in /*) ;; *) RUN_DIR=$PWD/$RUN_DIR ;; esac
LOG_DIR="$RUN_DIR/logs"
PID_DIR="$RUN_DIR/pids"
SUPERVISE_DIR="$RUN_DIR/supervise"
WORKERS=${WORKERS:-1}
STOP_TIMEOUT=${STOP_TIMEOUT:-15}

log() { echo "processes: $*"; }
die() { echo "processes: error: $*" >&2; exit 1; }

# The helpers below answer in variables (CMD, REPLY) rather than on stdout, and
# use builtins only: `status` runs them for every instance.

# CMD: the command line of an instance (api, listener, worker-N).
command_of() {
  local override binary
  case "$1" in
    api) override=${SWITCHYARD_API_CMD:-}; binary=switchyard-api ;;
    listener) override=${SWITCHYARD_LISTENER_CMD:-}; binary=switchyard-listener ;;
    worker-*) override=${SWITCHYARD_WORKER_CMD:-}; binary=switchyard-worker ;;
    *) die "unknown process $1" ;;
  esac
  if [ -n "$override" ]; then
    read -r -a CMD <<<"$override"
  else
    CMD=("$BIN_DIR/$binary")
  fi
}

# REPLY: the first line of a file, or nothing.
first_line() {
  REPLY=
  if [ -f "$1" ]; then read -r REPLY <"$1" || true; fi
}

# REPLY: the command line of a live pid, words joined by spaces, or nothing.
cmdline_of() {
  local -a words=()
  if [[ "$1" =~ ^[0-9]+$ ]]; then mapfile -d '' -t words 2>/dev/null <"/proc/$1/cmdline" || true; fi
  REPLY="${words[*]}"
}

# A process is gone once it has exited, even if nobody reaped it yet (zombie).
alive() {
  local stat=
  [[ "$1" =~ ^[1-9][0-9]*$ ]] && kill -0 "$1" 2>/dev/null || return 1
  read -r stat 2>/dev/null <"/proc/$1/stat" || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}

# REPLY: the pid of a live instance (the program, not its supervisor), or nothing.
live_pid() {
  local pid
  first_line "$PID_DIR/$1.pid"
  pid=$REPLY
  REPLY=
  [ -n "$pid" ] || return 0
  command_of "$1"
  cmdline_of "$pid"
  # Alive, and still our program (not a reused pid).
  if [ -n "$REPLY" ] && alive "$pid" && [[ "$REPLY" == *"${CMD[0]##*/}"* ]]; then
    REPLY=$pid
  else
    REPLY=
  fi
}

# REPLY: the pid of the live supervisor of an instance, or nothing.
supervisor_pid() {
  local pid
  first_line "$SUPERVISE_DIR/$1.pid"
  pid=$REPLY
  REPLY=
  [ -n "$pid" ] || return 0
  cmdline_of "$pid"
  if [ -n "$REPLY" ] && alive "$pid" && [[ "$REPLY" == *"supervise.sh $1 "* ]]; then
    REPLY=$pid
  else
    REPLY=
  fi
}

# REPLY: a value of the instance's state file (restarts, last_exit, state, ...), or -.
state_of() {
  local key value=''
  if [ -f "$SUPERVISE_DIR/$1.state" ]; then
    while IFS='=' read -r key value; do
      if [ "$key" = "$2" ]; then break; fi
      value=
    done <"$SUPERVISE_DIR/$1.state"
  fi
  REPLY=${value:--}
}

# Running, or between two runs under its supervisor.
managed() {
  supervisor_pid "$1"
  [ -n "$REPLY" ] && return 0
  live_pid "$1"
  [ -n "$REPLY" ]
}

start_one() {
  local name=$1 pid sup
  supervisor_pid "$name"
  sup=$REPLY
  live_pid "$name"
  pid=$REPLY
  if [ -n "$sup" ]; then
    log "$name already running (pid ${pid:-none: restarting}, supervisor $sup)"
    return 0
  fi
  if [ -n "$pid" ]; then
    # Started by an earlier processes.sh, or its supervisor was killed.
    log "$name already running without a supervisor (pid $pid): 'restart' puts it under one"
    return 0
  fi
  local state="$SUPERVISE_DIR/$name.state"
  rm -f "$PID_DIR/$name.pid" "$SUPERVISE_DIR/$name.pid" "$state"
  command_of "$name"
  [ -x "${CMD[0]}" ] || command -v "${CMD[0]}" >/dev/null 2>&1 ||
    die "${CMD[0]} not found: run 'make build'"
  mkdir -p "$LOG_DIR" "$PID_DIR" "$SUPERVISE_DIR"
  local logfile="$LOG_DIR/$name.log"
  # Each worker scrapes on a port of its own (docs/observability.md): worker-N on
  # WORKER_METRICS_PORT_BASE + N (9111, 9112, ...); the listener keeps METRICS_PORT.
  local metrics_port=
  case "$name" in worker-*) metrics_port=$((${WORKER_METRICS_PORT_BASE:-9110} + ${name#worker-})) ;; esac
  (cd "$ROOT" && if [ -n "$metrics_port" ]; then export METRICS_PORT=$metrics_port; fi &&
    PID_DIR=$PID_DIR SUPERVISE_DIR=$SUPERVISE_DIR SUPERVISE_GRACE=$STOP_TIMEOUT \
    exec setsid "$ROOT/scripts/supervise.sh" "$name" "${CMD[@]}" >>"$logfile" 2>&1 </dev/null) &
  sup=$!
  echo "$sup" >"$SUPERVISE_DIR/$name.pid"
  # The first run must outlive its start: a bad configuration or a missing
  # library fails at once, and restarting that forever would only hide it.
  local i
  for i in $(seq 1 100); do
    if [ -f "$state" ] || ! alive "$sup"; then break; fi
    sleep 0.1
  done
  sleep 0.3
  live_pid "$name"
  pid=$REPLY
  state_of "$name" restarts
  if [ -z "$pid" ] || [ "$REPLY" != 0 ]; then
    kill -TERM "$sup" 2>/dev/null || true
    for i in $(seq 1 50); do alive "$sup" || break; sleep 0.1; done
    kill -KILL -- "-$sup" 2>/dev/null || true
    rm -f "$PID_DIR/$name.pid" "$SUPERVISE_DIR/$name.pid"
    tail -n 20 "$logfile" >&2
    die "$name exited at once (log $logfile)"
  fi
  log "$name started (pid $pid, supervisor $sup, log ${logfile#"$ROOT"/})"
}

# SIGTERM to the supervisor of every named instance (or to the program itself,
# when it has none), wait for all, then SIGKILL what is left.
stop_many() {
  local -A pids=() sups=() killed=()
  local name pid sup
  for name in "$@"; do
    supervisor_pid "$name"
    sup=$REPLY
    live_pid "$name"
    pid=$REPLY
    if [ -z "$sup" ] && [ -z "$pid" ]; then
      rm -f "$PID_DIR/$name.pid" "$SUPERVISE_DIR/$name.pid"
      continue
    fi
    pids[$name]=${pid:-0}
    sups[$name]=${sup:-0}
    if [ -n "$sup" ]; then
      kill -TERM "$sup" 2>/dev/null || true
    else
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  [ "${#pids[@]}" -gt 0 ] || return 0
  log "stopping ${!pids[*]}"
  # The supervisors send SIGKILL after STOP_TIMEOUT themselves; a little later
  # than that, this does.
  local deadline=$((SECONDS + STOP_TIMEOUT + 3)) left
  while :; do
    left=()
    for name in "${!pids[@]}"; do
      if alive "${pids[$name]}" || alive "${sups[$name]}"; then left+=("$name"); fi
    done
    [ "${#left[@]}" -gt 0 ] || break
    if [ "$SECONDS" -ge "$deadline" ]; then
      log "still running after ${STOP_TIMEOUT}s, killing: ${left[*]}"
      for name in "${left[@]}"; do
        killed[$name]=1
        # A supervisor's process group holds its program; a program without
        # one leads its own group.
        if [ "${sups[$name]}" != 0 ]; then kill -KILL -- "-${sups[$name]}" 2>/dev/null || true; fi
        if [ "${pids[$name]}" != 0 ]; then
          kill -KILL -- "-${pids[$name]}" 2>/dev/null || kill -KILL "${pids[$name]}" 2>/dev/null || true
        fi
      done
      break
    fi
    sleep 0.2
  done
  for name in "${!pids[@]}"; do
    rm -f "$PID_DIR/$name.pid" "$SUPERVISE_DIR/$name.pid"
    if [ -f "$SUPERVISE_DIR/$name.state" ]; then sed -i 's/^state=.*/state=stopped/' "$SUPERVISE_DIR/$name.state"; fi
    # A supervisor that stopped cleanly logged it already.
    if [ "${sups[$name]}" = 0 ] || [ -n "${killed[$name]:-}" ]; then
      echo "=== $(date -Is) stopped $name" >>"$LOG_DIR/$name.log"
    fi
  done
  log "stopped ${!pids[*]}"
}

# worker-N names with a pidfile (program or supervisor), in numeric order.
known_workers() {
  local f
  for f in "$PID_DIR"/worker-*.pid "$SUPERVISE_DIR"/worker-*.pid; do
    [ -e "$f" ] || continue
    f=${f##*/}
    echo "${f%.pid}"
  done | sort -u -t- -k2 -n
}

running_workers() {
  local name
  for name in $(known_workers); do
    if managed "$name"; then echo "$name"; fi
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

# REPLY: how long a pid has run, as 1d02h03m04s without the leading zero units.
uptime_of() {
  local s
  s=$(ps -o etimes= -p "$1")
  s=${s//[[:space:]]/}
  if [ -z "$s" ]; then REPLY=-; return 0; fi
  if ((s >= 86400)); then
    printf -v REPLY '%dd%02dh%02dm%02ds' $((s / 86400)) $((s % 86400 / 3600)) $((s % 3600 / 60)) $((s % 60))
  elif ((s >= 3600)); then
    printf -v REPLY '%02dh%02dm%02ds' $((s / 3600)) $((s % 3600 / 60)) $((s % 60))
  elif ((s >= 60)); then
    printf -v REPLY '%02dm%02ds' $((s / 60)) $((s % 60))
  else
    printf -v REPLY '%02ds' "$s"
  fi
}

# One line per instance. STATE: running; restarting (between two runs, see its
# log); unsupervised (a program whose supervisor is gone: `restart` fixes it);
# exited (died with no supervisor: `start` brings it back); stopped.
status() {
  local -a names
  mapfile -t names < <(echo api; echo listener; { names_for worker "$WORKERS"; known_workers; } | sort -u -t- -k2 -n)
  local format='%-12s %-8s %-13s %-10s %-9s %s\n'
  # shellcheck disable=SC2059
  printf "$format" NAME PID STATE UPTIME RESTARTS LAST-EXIT
  local name pid sup state uptime restarts last_exit
  for name in "${names[@]}"; do
    live_pid "$name"
    pid=$REPLY
    supervisor_pid "$name"
    sup=$REPLY
    if [ -n "$sup" ] && [ -n "$pid" ]; then
      state=running
    elif [ -n "$sup" ]; then
      state=restarting
    elif [ -n "$pid" ]; then
      state=unsupervised
    elif [ -f "$PID_DIR/$name.pid" ] || [ -f "$SUPERVISE_DIR/$name.pid" ]; then
      state=exited
    else
      state=stopped
    fi
    uptime=-
    if [ -n "$pid" ]; then uptime_of "$pid"; uptime=$REPLY; fi
    state_of "$name" restarts
    restarts=$REPLY
    state_of "$name" last_exit
    last_exit=$REPLY
    # shellcheck disable=SC2059
    printf "$format" "$name" "${pid:--}" "$state" "$uptime" "$restarts" "$last_exit"
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
