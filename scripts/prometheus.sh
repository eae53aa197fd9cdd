#!/usr/bin/env bash
# A local Prometheus scraping the local stack (`make up PROMETHEUS=1`), with the
# alerting rules of config/prometheus/alerts.yml, so the dashboard's queries
# (config/grafana/switchyard.json) and the alerts can be tried. Its config, data
# and log live in PROMETHEUS_DIR; the worker targets are the running workers
# (worker-N scrapes on WORKER_METRICS_PORT_BASE + N), rewritten by `targets`
# (make scale-workers calls it). Debian's `prometheus` package (scripts/deps.sh).
# Usage: scripts/prometheus.sh start|stop|status|targets
# Env: PROMETHEUS_DIR ($ROOT/.run/prometheus), PROMETHEUS_PORT (9090), API_PORT
#      (8000), WORKER_METRICS_PORT_BASE (9110), LISTENER_METRICS_PORT (9102)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PROMETHEUS_DIR=${PROMETHEUS_DIR:-$ROOT/.run/prometheus}
PROMETHEUS_PORT=${PROMETHEUS_PORT:-9090}
PID_FILE="$PROMETHEUS_DIR/prometheus.pid"

log() { echo "prometheus: $*"; }
die() { echo "prometheus: error: $*" >&2; exit 1; }

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

# The worker targets as file service discovery reads them: one per running worker.
write_targets() {
  local base=${WORKER_METRICS_PORT_BASE:-9110} targets="" n
  for n in $("$ROOT/scripts/processes.sh" status | awk '$1 ~ /^worker-[0-9]+$/ { sub("worker-", "", $1); print $1 }'); do
    targets+="${targets:+, }\"localhost:$((base + n))\""
  done
  printf '[{"targets": [%s], "labels": {}}]\n' "$targets" >"$PROMETHEUS_DIR/workers.json.tmp"
  mv "$PROMETHEUS_DIR/workers.json.tmp" "$PROMETHEUS_DIR/workers.json"
}

write_config() {
  cp "$ROOT/config/prometheus/alerts.yml" "$PROMETHEUS_DIR/alerts.yml"
  cat >"$PROMETHEUS_DIR/prometheus.yml" <<YAML
# Written by scripts/prometheus.sh from config/prometheus/prometheus.yml's jobs.
global:
  scrape_interval: 15s
  evaluation_interval: 15s
rule_files:
  - alerts.yml
scrape_configs:
  - job_name: switchyard-api
    static_configs:
      - targets: ["localhost:${API_PORT:-8000}"]
  - job_name: switchyard-listener
    static_configs:
      - targets: ["localhost:${LISTENER_METRICS_PORT:-9102}"]
  - job_name: switchyard-worker
    file_sd_configs:
      - files: ["workers.json"]
YAML
  write_targets
  promtool check config "$PROMETHEUS_DIR/prometheus.yml" >/dev/null
}

start() {
  command -v prometheus >/dev/null || die "prometheus is not installed (scripts/deps.sh installs it)"
  if running; then log "already running (pid $(cat "$PID_FILE"))"; return 0; fi
  mkdir -p "$PROMETHEUS_DIR/data"
  write_config
  # The background job is prometheus itself (nohup execs it), so $! is its pid.
  (
    cd "$PROMETHEUS_DIR" || exit 1
    nohup prometheus --config.file=prometheus.yml \
      --storage.tsdb.path=data --storage.tsdb.retention.time=2d \
      --web.listen-address="127.0.0.1:$PROMETHEUS_PORT" >prometheus.log 2>&1 &
    echo $! >"$PID_FILE"
  )
  local deadline=$((SECONDS + 30))
  until curl -sf "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" >/dev/null; do
    running || die "prometheus exited: see $PROMETHEUS_DIR/prometheus.log"
    [ "$SECONDS" -lt "$deadline" ] || die "prometheus not ready after 30 s: see $PROMETHEUS_DIR/prometheus.log"
    sleep 0.5
  done
  log "http://127.0.0.1:$PROMETHEUS_PORT (rules: config/prometheus/alerts.yml)"
}

stop() {
  running || { rm -f "$PID_FILE"; return 0; }
  local pid
  pid=$(cat "$PID_FILE")
  kill "$pid"
  for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  kill -9 "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  log "stopped"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "prometheus   $(cat "$PID_FILE")  running  http://127.0.0.1:$PROMETHEUS_PORT"; else echo "prometheus   -  stopped"; fi ;;
  targets) if running; then write_targets; fi ;;
  *) die "usage: $0 start|stop|status|targets" ;;
esac
