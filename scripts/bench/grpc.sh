#!/usr/bin/env bash
# `make bench-grpc`: brings the local stack up (scripts/up.sh), builds
# tracker_grpc_bench and measures the tracker's create-event rate through REST
# then gRPC in one run (tests/bench/tracker_grpc_bench.cpp says how).
# With --rest the servers under test are yours: the local stack is not started.
# Usage: scripts/bench/grpc.sh [--rest URL] [--grpc HOST:PORT] [--key K] [--seconds S] [--clients C]
# Env: DURATION (15), CONNECTIONS (16), SKIP_UP=1 (do not run scripts/up.sh)
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
BUILD_DIR=${BUILD_DIR:-$ROOT/build}

wants_local_stack() {
  local arg
  [ "${SKIP_UP:-0}" != 1 ] || return 1
  for arg in "$@"; do
    case "$arg" in --rest | --rest=*) return 1 ;; esac
  done
}

main() {
  if wants_local_stack "$@"; then
    "$ROOT/scripts/up.sh"
    set -- --rest "http://127.0.0.1:${API_PORT:-8000}" --grpc "127.0.0.1:${GRPC_PORT:-8765}" "$@"
  fi
  cmake --build "$BUILD_DIR" --target tracker_grpc_bench >/dev/null
  echo
  echo "==> Benchmark: tracker create-event, REST and gRPC"
  exec "$BUILD_DIR/tracker_grpc_bench" --seconds "${DURATION:-15}" --clients "${CONNECTIONS:-16}" "$@"
}

main "$@"
