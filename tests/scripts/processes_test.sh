#!/usr/bin/env bash
# scripts/processes.sh and scripts/supervise.sh with `sleep` commands in place of
# the binaries (SWITCHYARD_*_CMD), in a temporary RUN_DIR: no build, no server.
# Checks that a process killed with SIGKILL comes back with a new pid, counted,
# logged and shown by `status`, with a growing backoff; that a process
# re-executing itself (the worker's execv) stays supervised; that stop, restart
# and scale stop supervisor and program without a restart; that a stop during a
# backoff is prompt; that a program failing at start is reported and not
# restarted. ctest: processes_script_test (label unit).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PROCESSES="$ROOT/scripts/processes.sh"
RUN_DIR=$(mktemp -d /tmp/processes-test.XXXXXX)
# Durations unique to this run, so that its programs can be told from any other.
T=$((100000 + $$))
API="sleep ${T}1" LISTENER="sleep ${T}2" WORKER="sleep ${T}3"
export RUN_DIR WORKERS=2 STOP_TIMEOUT=5
export SWITCHYARD_API_CMD=$API SWITCHYARD_LISTENER_CMD=$LISTENER SWITCHYARD_WORKER_CMD=$WORKER
export SUPERVISE_BACKOFF_MIN=1 SUPERVISE_BACKOFF_MAX=30 SUPERVISE_RESET_AFTER=60

cleanup() {
  "$PROCESSES" stop all >/dev/null 2>&1 || true
  rm -rf "$RUN_DIR"
}
trap cleanup EXIT

failures=0
pass() { echo "ok   $*"; }
fail() {
  echo "FAIL $*" >&2
  "$PROCESSES" status >&2 || true
  failures=$((failures + 1))
}
check() { # check DESCRIPTION COMMAND...
  local what=$1
  shift
  if "$@"; then pass "$what"; else fail "$what"; fi
}

# Gone once exited, even if not reaped yet (a zombie of an orphan).
alive() {
  local stat=
  [ -n "$1" ] && [ "$1" != - ] && kill -0 "$1" 2>/dev/null || return 1
  read -r stat <"/proc/$1/stat" 2>/dev/null || return 1
  stat=${stat##*) }
  [ "${stat%% *}" != Z ]
}
dead() { ! alive "$1"; }
# The program's pid from its pid file while it runs, else -.
pid_of() {
  local pid=
  read -r pid <"$RUN_DIR/pids/$1.pid" 2>/dev/null || true
  if alive "$pid"; then echo "$pid"; else echo -; fi
}
supervisor_of() { cat "$RUN_DIR/supervise/$1.pid" 2>/dev/null || echo -; }
# A value of the supervisor's state file: state (running, backoff, stopped), restarts, last_exit.
state() { sed -n "s/^$2=//p" "$RUN_DIR/supervise/$1.state" 2>/dev/null; }
state_is() { [ "$(state "$1" state)" = "$2" ]; }
log_has() { grep -qF -- "$2" "$RUN_DIR/logs/$1.log"; }
log_lacks() { ! log_has "$@"; }
# The row of an instance in `processes.sh status`, single-spaced.
status_row() { "$PROCESSES" status | awk -v n="$1" '$1 == n { $1 = $1; print }'; }
status_is() { # NAME "STATE RESTARTS LAST-EXIT" (PID and UPTIME left out)
  local row
  row=$(status_row "$1" | awk '{ $1 = $2 = $4 = ""; print }' | xargs)
  [ "$row" = "$2" ] || { echo "status of $1: '$row', expected '$2'" >&2; return 1; }
}
running_with_new_pid() { # NAME OLD_PID
  local pid
  pid=$(pid_of "$1")
  [ "$pid" != - ] && [ "$pid" != "$2" ] && state_is "$1" running
}
no_program() { ! pgrep -f "^$1\$" >/dev/null; }
no_supervisor() { ! pgrep -f "supervise.sh $1 " >/dev/null; }

# Polls COMMAND... every 0.1 s for up to SECONDS s.
eventually() {
  local seconds=$1 i
  shift
  for ((i = 0; i < seconds * 10; i++)); do
    if "$@" 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  "$@"
}

echo "--- start"
"$PROCESSES" start all >/dev/null
api=$(pid_of api)
api_supervisor=$(supervisor_of api)
for name in api listener worker-1 worker-2; do
  check "$name runs under a supervisor" alive "$(supervisor_of "$name")"
done
check "status shows them running" status_is worker-2 "running 0 -"
check "the pid file holds the program" grep -q "^sleep" "/proc/$api/cmdline"
check "the supervisor is another process" test "$api_supervisor" != "$api"
check "start again is a no-op" bash -c "'$PROCESSES' start all | grep -q 'api already running'"
check "and keeps the pid" test "$(pid_of api)" = "$api"

echo "--- kill -9 the api: restarted, counted, logged, shown"
kill -KILL "$api"
check "the api comes back with a new pid" eventually 5 running_with_new_pid api "$api"
check "the restart is logged" log_has api "api exited (signal 9); restart 1 in 1 s"
check "status shows the restart" status_is api "running 1 signal 9"
check "the same supervisor restarted it" test "$(supervisor_of api)" = "$api_supervisor"
check "the old program is gone" dead "$api"

echo "--- kill -9 again: the backoff doubles"
api=$(pid_of api)
kill -KILL "$api"
check "the second restart waits 2 s" eventually 3 log_has api "api exited (signal 9); restart 2 in 2 s"
check "status shows it restarting" status_is api "restarting 2 signal 9"
check "it comes back" eventually 5 running_with_new_pid api "$api"

echo "--- a worker re-executing itself (execv, same pid) stays supervised"
# Like switchyard-worker's execv("/proc/self/exe", argv): same pid, same name.
cat >"$RUN_DIR/reexec.sh" <<EOF
#!/usr/bin/env bash
sleep 0.5
exec -a "\$0" sleep ${T}4
EOF
chmod +x "$RUN_DIR/reexec.sh"
SWITCHYARD_WORKER_CMD="$RUN_DIR/reexec.sh" "$PROCESSES" scale 3 >/dev/null
w3=$(pid_of worker-3)
check "worker-3 started" alive "$w3"
check "it re-executed itself" eventually 3 grep -q "${T}4" "/proc/$w3/cmdline"
sleep 0.5
check "same pid, still running" test "$(pid_of worker-3)" = "$w3"
check "not counted as a restart" test "$(state worker-3 restarts)" = 0
check "nothing logged as an exit" log_lacks worker-3 exited
SWITCHYARD_WORKER_CMD="$RUN_DIR/reexec.sh" "$PROCESSES" scale 2 >/dev/null
check "scale 2 stopped worker-3" dead "$w3"

echo "--- restart: new programs, not counted as crashes"
w1=$(pid_of worker-1)
w1_supervisor=$(supervisor_of worker-1)
"$PROCESSES" restart worker >/dev/null
check "worker-1 has a new pid" running_with_new_pid worker-1 "$w1"
check "its old supervisor is gone" dead "$w1_supervisor"
check "the restart is not a crash" test "$(state worker-1 restarts)" = 0
check "no exit logged" log_lacks worker-1 "worker-1 exited"
check "the stop is logged" log_has worker-1 "stopped worker-1"

echo "--- scale down: the extra worker is stopped for good"
w2=$(pid_of worker-2)
w2_supervisor=$(supervisor_of worker-2)
"$PROCESSES" scale 1 >/dev/null
check "worker-2's program is gone" dead "$w2"
check "worker-2's supervisor is gone (nothing can restart it)" dead "$w2_supervisor"
check "worker-2 is stopped" status_is worker-2 "stopped 0 signal 15"
check "no supervisor for worker-2" no_supervisor worker-2

echo "--- a stop during a backoff is prompt"
api=$(pid_of api)
api_supervisor=$(supervisor_of api)
kill -KILL "$api"
check "the api waits out a 4 s backoff" eventually 3 log_has api "restart 3 in 4 s"
start=$SECONDS
"$PROCESSES" stop api >/dev/null
check "stopped within 2 s" test $((SECONDS - start)) -le 2
check "its supervisor is gone (nothing can restart it)" dead "$api_supervisor"
check "the api is stopped" state_is api stopped
check "no api program runs" no_program "$API"

echo "--- stop all: nothing left, nothing restarted"
listener=$(pid_of listener)
listener_supervisor=$(supervisor_of listener)
w1=$(pid_of worker-1)
"$PROCESSES" stop all >/dev/null
check "the listener is gone" dead "$listener"
check "its supervisor is gone" dead "$listener_supervisor"
check "worker-1 is gone" dead "$w1"
check "the listener is stopped" status_is listener "stopped 0 signal 15"
check "no program runs" bash -c "! pgrep -f '^sleep ${T}[1-4]' >/dev/null"
check "no supervisor runs" no_supervisor ".*sleep ${T}"
check "no pid files are left" test -z "$(find "$RUN_DIR/pids" "$RUN_DIR/supervise" -name '*.pid')"

echo "--- a program that fails at start is reported, not restarted forever"
if SWITCHYARD_LISTENER_CMD=false "$PROCESSES" start listener >/dev/null 2>&1; then
  fail "start of a failing program succeeds"
else
  pass "start of a failing program fails"
fi
check "its supervisor is gone" no_supervisor "listener false"

if [ "$failures" -gt 0 ]; then
  echo "$failures check(s) failed"
  exit 1
fi
echo "all checks passed"
