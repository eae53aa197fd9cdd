#!/usr/bin/env bash
# `make down`: stop what `make up` started: Prometheus (PROMETHEUS=1), api, listener and workers, then the
# local RabbitMQ node and PostgreSQL cluster under .run/ (servers named by
# DATABASE_URL / BROKER_URL elsewhere are never touched). Data stays in .run/.
# Usage: scripts/down.sh
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCRIPTS="$ROOT/scripts"

step() { printf '==> %s\n' "$*"; }

step "Processes"
"$SCRIPTS/prometheus.sh" stop
"$SCRIPTS/processes.sh" stop all
step "RabbitMQ (local)"
"$SCRIPTS/rabbitmq.sh" stop
# A cluster started by `make up RABBITMQ_NODES=N` (its script knows N).
if [ -d "$ROOT/.run/rabbitmq-cluster" ]; then "$SCRIPTS/rabbitmq-cluster.sh" stop; fi
step "PostgreSQL (local)"
"$SCRIPTS/postgres.sh" stop
step "Stopped. Data and logs stay in .run/ ('make clean-all' removes them)."
