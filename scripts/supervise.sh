#!/usr/bin/env bash
# Keep one instance (api, listener, worker-N) running: start COMMAND, and whenever
# it exits, start it again after a backoff. Started by scripts/processes.sh, one
# supervisor per instance, each in its own session with its child.
#
# Promises:
# 1. The child's pid is in PID_DIR/NAME.pid while it runs; this supervisor's in
#    SUPERVISE_DIR/NAME.pid; SUPERVISE_DIR/NAME.state holds the counters that
#    `processes.sh status` shows (restarts, last exit, start time of the child).
# 2. An exit the supervisor did not ask for (crash, signal, any status) is logged
#    to stdout (the instance log) as
#      === <time> worker-1 exited (signal 9); restart 3 in 4 s
#    and followed by a restart after SUPERVISE_BACKOFF_MIN (1) seconds, doubling
#    per restart up to SUPERVISE_BACKOFF_MAX (30); a child that stayed up
#    SUPERVISE_RESET_AFTER (60) seconds starts the next backoff from the minimum.
# 3. SIGTERM, SIGINT or SIGHUP to the supervisor stops it: SIGTERM to the child, up
#    to SUPERVISE_GRACE (15) seconds for it to exit, then SIGKILL; the child is not
#    restarted and the stop is not counted as a restart. A stop during a backoff
#    ends the wait at once.
# 4. The child execs in place of a subshell, so a child that re-executes itself
#    (the worker's execv) keeps its pid and stays supervised.
# Not promised: a child that exits with status 128+N is reported as "signal N"
# (bash's wait cannot tell the two apart). If the supervisor itself is killed
# with SIGKILL its child keeps running unsupervised; processes.sh stop still
# stops it through the pid file.
#
# Usage: scripts/supervise.sh NAME COMMAND [ARG...]
# Env: PID_DIR, SUPERVISE_DIR (required), SUPERVISE_BACKOFF_MIN, SUPERVISE_BACKOFF_MAX,
#      SUPERVISE_RESET_AFTER, SUPERVISE_GRACE; the child gets SWITCHYARD_INSTANCE=NAME.
set -uo pipefail

[ "$#" -ge 2 ] || { echo "usage: $0 NAME COMMAND [ARG...]" >&2; exit 2; }
NAME=$1
shift
: "${PID_DIR:?}" "${SUPERVISE_DIR:?}"
BACKOFF_MIN=${SUPERVISE_BACKOFF_MIN:-1}
BACKOFF_MAX=${SUPERVISE_BACKOFF_MAX:-30}
RESET_AFTER=${SUPERVISE_RESET_AFTER:-60}
GRACE=${SUPERVISE_GRACE:-15}

CHILD_PIDFILE="$PID_DIR/$NAME.pid"
SELF_PIDFILE="$SUPERVISE_DIR/$NAME.pid"
STATE_FILE="$SUPERVISE_DIR/$NAME.state"

stopping=0
child=
restarts=0
last_exit=-
started_at=0

note() { echo "=== $(date -Is) $*"; }

# Written whole and renamed, so a reader never sees half a file.
write_state() {
  local state=$1
  printf 'state=%s\nchild=%s\nrestarts=%s\nlast_exit=%s\nstarted_at=%s\nsupervisor=%s\n' \
    "$state" "${child:--}" "$restarts" "$last_exit" "$started_at" "$$" >"$STATE_FILE.tmp"
  mv -f "$STATE_FILE.tmp" "$STATE_FILE"
}

# shellcheck disable=SC2317  # called by the trap
on_stop() {
  [ "$stopping" = 1 ] && return 0
  stopping=1
  if [ -n "$child" ]; then kill -TERM "$child" 2>/dev/null; fi
}
trap on_stop TERM INT HUP

# Waits for the child and sets `status` to its exit status (128+N for signal N).
# A signal to the supervisor interrupts `wait`; from then on (a stop) the child is
# polled, so that it can be sent SIGKILL when the grace is over. Bash reaps its
# children as they exit, so `kill -0` fails once the child is gone and `wait`
# then returns its saved status.
await_child() {
  local deadline='' killed=0
  while :; do
    if [ "$stopping" = 0 ]; then
      wait "$child" 2>/dev/null
      status=$?
      if ! kill -0 "$child" 2>/dev/null; then return 0; fi
      continue
    fi
    if ! kill -0 "$child" 2>/dev/null; then
      wait "$child" 2>/dev/null
      status=$?
      return 0
    fi
    if [ -z "$deadline" ]; then deadline=$((SECONDS + GRACE)); fi
    if [ "$killed" = 0 ] && [ "$SECONDS" -ge "$deadline" ]; then
      note "$NAME still running ${GRACE} s after SIGTERM: SIGKILL"
      kill -KILL "$child" 2>/dev/null
      killed=1
    fi
    sleep 0.2 &
    wait $! 2>/dev/null
  done
}

describe() {
  if [ "$1" -gt 128 ]; then echo "signal $(($1 - 128))"; else echo "status $1"; fi
}

# The whole script is read before it runs (a function, then exit on the same
# line): editing this file never disturbs supervisors already running.
main() {
  mkdir -p "$PID_DIR" "$SUPERVISE_DIR"
  echo "$$" >"$SELF_PIDFILE"
  delay=$BACKOFF_MIN

  while :; do
    note "starting $NAME: $*$([ "$restarts" -gt 0 ] && echo " (restart $restarts)")"
    (export SWITCHYARD_INSTANCE="$NAME"; exec "$@" </dev/null) &
    child=$!
    started_at=$(date +%s)
    echo "$child" >"$CHILD_PIDFILE"
    write_state running
    # A stop that arrived while the child was being started.
    if [ "$stopping" = 1 ]; then kill -TERM "$child" 2>/dev/null; fi

    await_child
    up=$(($(date +%s) - started_at))
    last_exit=$(describe "$status")
    rm -f "$CHILD_PIDFILE"
    if [ "$stopping" = 1 ]; then break; fi

    if [ "$up" -ge "$RESET_AFTER" ]; then delay=$BACKOFF_MIN; fi
    restarts=$((restarts + 1))
    child=
    write_state backoff
    note "$NAME exited ($last_exit); restart $restarts in $delay s (it ran $up s)"
    sleep "$delay" &
    wait $! 2>/dev/null
    if [ "$stopping" = 1 ]; then kill "$!" 2>/dev/null; break; fi
    delay=$((delay * 2))
    if [ "$delay" -gt "$BACKOFF_MAX" ]; then delay=$BACKOFF_MAX; fi
  done

  child=
  write_state stopped
  note "stopped $NAME (last exit: $last_exit)"
  rm -f "$SELF_PIDFILE"
}

main "$@"; exit 0
