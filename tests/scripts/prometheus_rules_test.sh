#!/usr/bin/env bash
# The monitoring files of config/ as Prometheus reads them (promtool, Debian's
# `prometheus` package): the alerting rules load, each alert fires on the series
# it is about and stays quiet on healthy ones (alerts_test.yml), the example
# configuration loads, and every query of the Grafana dashboard is valid PromQL
# (each becomes a recording rule for `promtool check rules`). That the dashboard
# names only series that exist is checked against a live scrape by
# tests/e2e/observability/grafana_dashboard_e2etest.cpp.
# ctest: prometheus_rules_test (label unit).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
command -v promtool >/dev/null || { echo "promtool missing: scripts/deps.sh installs Debian's prometheus" >&2; exit 1; }
WORK=$(mktemp -d /tmp/prometheus-rules-test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT

cd "$ROOT/config/prometheus"
promtool check rules alerts.yml
promtool test rules alerts_test.yml
promtool check config prometheus.yml

python3 - "$ROOT/config/grafana/switchyard.json" "$WORK/dashboard_rules.yml" <<'PY'
import json, sys
dashboard = json.load(open(sys.argv[1]))
rules = []
for panel in dashboard["panels"]:
    for target in panel.get("targets", []):
        # Grafana's interval variable, as Prometheus would see it resolved.
        expr = target["expr"].replace("$__rate_interval", "1m")
        rules.append((panel["id"], target["refId"], expr))
if not rules:
    sys.exit("the dashboard has no queries")
with open(sys.argv[2], "w") as out:
    out.write("groups:\n  - name: dashboard\n    rules:\n")
    for panel, ref, expr in rules:
        out.write(f"      - record: dashboard:panel_{panel}_{ref.lower()}\n")
        out.write(f"        expr: {json.dumps(expr)}\n")
print(f"{len(rules)} dashboard queries")
PY
promtool check rules "$WORK/dashboard_rules.yml"
echo "ok"
