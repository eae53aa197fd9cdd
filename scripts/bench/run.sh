#!/usr/bin/env bash
# `make bench`: brings the local stack up (scripts/up.sh), then measures submit
# throughput/latency and end-to-end tasks/s with wrk (see bench.py --help).
# With --url the server under test is yours: the local stack is not started.
# Usage: scripts/bench/run.sh [--url URL] [--duration S] [--connections N] [--key K]
# Env: DURATION (20), CONNECTIONS (32), SKIP_UP=1 (do not run scripts/up.sh)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

wants_local_stack() {
  local arg
  [ "${SKIP_UP:-0}" != 1 ] || return 1
  for arg in "$@"; do
    case "$arg" in --url | --url=*) return 1 ;; esac
  done
}

main() {
  command -v wrk >/dev/null 2>&1 || { echo "bench: wrk not found (run scripts/deps.sh)" >&2; exit 1; }
  if wants_local_stack "$@"; then
    "$ROOT/scripts/up.sh"
    set -- --url "http://127.0.0.1:${API_PORT:-8000}" "$@"
  fi
  local python=/usr/bin/python3
  [ -x "$python" ] || python=python3
  echo
  echo "==> Benchmark"
  exec "$python" "$HERE/bench.py" "$@"
}

main "$@"
