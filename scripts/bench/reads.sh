#!/usr/bin/env bash
# make bench-reads: times every list read at ten million tasks (issue #24).
# Builds a throwaway database (BENCH_DB, never the dev data) on the dev PostgreSQL
# when one answers at DATABASE_URL's host and port, else on a private cluster
# started here (build/bench-postgres, port 55462, removed afterwards); migrates
# it, fills it with scripts/bench/reads_fill.sql (BENCH_TASKS, BENCH_EVENTS,
# BENCH_INCIDENTS), runs
# build/reads_bench (one Markdown table) and drops the database.
# Needs some 9 GB of free disk for the default sizes.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"
DATABASE_URL=${DATABASE_URL:-postgresql://postgres:postgres@localhost:5432/tasks}
BENCH_DB=${BENCH_DB:-switchyard_bench_reads}
BENCH_TASKS=${BENCH_TASKS:-10000000}
BENCH_EVENTS=${BENCH_EVENTS:-1000000}
BENCH_INCIDENTS=${BENCH_INCIDENTS:-1000000}
[[ "$BENCH_DB" =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "BENCH_DB must be a plain name" >&2; exit 2; }

log() { echo "bench-reads: $*" >&2; }

# The dev server's URL up to the database name.
server=${DATABASE_URL%/*}
private=()
if ! pg_isready -q -d "$DATABASE_URL" 2>/dev/null; then
  private=(env PGDATA_DIR="$ROOT/build/bench-postgres" PG_PORT=55462 PG_FSYNC=off)
  server=postgresql://postgres:postgres@127.0.0.1:55462
  log "no PostgreSQL at $DATABASE_URL: starting a private one"
  "${private[@]}" scripts/postgres.sh start >&2
fi
url="$server/$BENCH_DB"
[ "$url" != "$DATABASE_URL" ] || { echo "BENCH_DB is the dev database" >&2; exit 2; }

cleanup() {
  psql -X -q "$server/postgres" -c "DROP DATABASE IF EXISTS $BENCH_DB" >&2 || true
  if [ ${#private[@]} -gt 0 ]; then "${private[@]}" scripts/postgres.sh destroy >&2 || true; fi
}
trap cleanup EXIT

log "free disk: $(df -h --output=avail "$ROOT" | tail -n 1 | tr -d ' ')"
psql -X -q "$server/postgres" -c "DROP DATABASE IF EXISTS $BENCH_DB" >&2
DATABASE_URL=$url build/switchyard migrate >&2
log "filling $BENCH_TASKS tasks, $BENCH_EVENTS tracker events and $BENCH_INCIDENTS incidents"
start=$SECONDS
psql -X -q -v ON_ERROR_STOP=1 -v tasks="$BENCH_TASKS" -v events="$BENCH_EVENTS" \
  -v incidents="$BENCH_INCIDENTS" "$url" \
  -f scripts/bench/reads_fill.sql >&2
log "filled in $((SECONDS - start)) s ($(psql -X -tA "$url" -c "SELECT pg_size_pretty(pg_database_size(current_database()))"))"
BENCH_DATABASE_URL=$url build/reads_bench
