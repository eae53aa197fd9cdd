"""Incident creation under load, with the orchestration on (standard library + wrk).

`make bench-incidents`. On the local stack:
1. Starts the recording server of the tests (tests/support/recording_http_server.py,
   counting only) as Slack's Web API, the document service and the on-call
   notifier, and restarts the workers with SLACK_API_URL, SLACK_BOT_TOKEN,
   INCIDENT_DOCS_URL and ONCALL_NOTIFY_URL pointing at it.
2. Creates a team (the admin on call) and a service through the catalog API.
3. Closed-loop load: wrk with --connections connections for --duration seconds,
   each request a POST /api/v1/incidents/ (a 201 is an incident committed).
4. Waits until every orchestration step has finished (nothing queued, running or
   retrying in GET /api/v1/tasks/stats), then restarts the workers as they were.

Prints creations/s and latency (wrk), the 201s and other answers, how long the
orchestration took to drain after the load, steps/s end to end and the calls the
recording server answered, then one JSON line.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RECORDER = ROOT / "tests" / "support" / "recording_http_server.py"
PENDING = ("queued", "running", "retrying")
LUA = r'''
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args)
  statuses = {}
  wrk.method = "POST"
  wrk.body = os.getenv("BENCH_BODY")
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "dev-admin-key")
end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do totals[status] = (totals[status] or 0) + count end
  end
  for status, count in pairs(totals) do io.write(string.format("STATUS_%d %d\n", status, count)) end
  local e = summary.errors
  io.write(string.format("SOCKET_ERRORS %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("DURATION_S %.3f\n", summary.duration / 1e6))
  for _, p in ipairs({50, 90, 99}) do io.write(string.format("P%d_MS %.3f\n", p, latency:percentile(p) / 1000)) end
end
'''


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default=os.environ.get("BENCH_URL", "http://127.0.0.1:8000"))
    p.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", 20)))
    p.add_argument("--connections", type=int, default=int(os.environ.get("CONNECTIONS", 32)))
    p.add_argument("--key", default=os.environ.get("BENCH_KEY", "dev-admin-key"))
    p.add_argument("--drain-timeout", type=float, default=600)
    return p.parse_args()


def call(base, key, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + key,
                                              "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as r:
        return json.load(r) if r.status != 204 else None


def pending(base, key):
    counts = call(base, key, "GET", "/api/v1/tasks/stats")["by_status"]
    return sum(counts.get(s, 0) for s in PENDING)


def restart_workers(env):
    subprocess.run([str(ROOT / "scripts" / "processes.sh"), "restart", "worker"], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def main():
    args = parse_args()
    recorder = subprocess.Popen([sys.executable, str(RECORDER), "--count-only", "--slack-token", "xoxb-bench"],
                                stdout=subprocess.PIPE, text=True)
    try:
        line = recorder.stdout.readline()
        match = re.search(r"listening (http://\S+)", line)
        if not match:
            sys.exit("the recording server did not start: " + line)
        fake = match.group(1)
        orchestrated = dict(os.environ, SLACK_API_URL=fake + "/slack/api", SLACK_BOT_TOKEN="xoxb-bench",
                            INCIDENT_DOCS_URL=fake + "/docs", ONCALL_NOTIFY_URL=fake + "/notify")
        restart_workers(orchestrated)
        time.sleep(2)
        base, key = args.url, args.key
        stamp = str(int(time.time()))
        team = call(base, key, "POST", "/api/v1/teams/", {
            "name": "bench-team-" + stamp, "slack_channel_id": "C0BENCH" + stamp[-4:],
            "on_call": {"time_zone": "UTC", "rotation_start": "2026-01-01T00:00:00", "shift_days": 7,
                        "members": [1]}})
        service = call(base, key, "POST", "/api/v1/services/", {
            "name": "bench-service-" + stamp, "owner_team": team["id"], "criticality": "TIER_1_CRITICAL"})
        deadline = time.monotonic() + 60
        while pending(base, key) and time.monotonic() < deadline:
            time.sleep(0.5)

        body = json.dumps({"title": "Bench incident: checkout latency", "description": "load test",
                           "service": service["id"], "severity": "SEV2_HIGH"})
        lua = Path("/tmp/switchyard-bench-incidents.lua")
        lua.write_text(LUA)
        print(f"==> POST /api/v1/incidents/ for {args.duration}s, {args.connections} connections, orchestration on")
        start = time.monotonic()
        out = subprocess.run(["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency", "-s",
                              str(lua), base + "/api/v1/incidents/"],
                             env=dict(os.environ, BENCH_BODY=body, BENCH_KEY=key),
                             capture_output=True, text=True, check=True).stdout
        load_end = time.monotonic()
        values = dict(re.findall(r"^([A-Z0-9_]+) ([0-9.]+)$", out, re.M))
        created = int(values.get("STATUS_201", 0))
        others = {k: int(v) for k, v in values.items() if k.startswith("STATUS_") and k != "STATUS_201"}
        duration = float(values["DURATION_S"])
        while pending(base, key) and time.monotonic() - load_end < args.drain_timeout:
            time.sleep(0.2)
        drained = time.monotonic()
        calls = json.load(urllib.request.urlopen(fake + "/__count"))["count"]
        steps = 3 * created
        result = {
            "creations_per_s": round(created / duration, 1),
            "p50_ms": float(values["P50_MS"]), "p90_ms": float(values["P90_MS"]), "p99_ms": float(values["P99_MS"]),
            "created": created, "other_answers": others, "socket_errors": int(values.get("SOCKET_ERRORS", 0)),
            "drain_after_load_s": round(drained - load_end, 1),
            "orchestration_steps_per_s": round(steps / (drained - start), 1),
            "recorded_calls": calls,
        }
        print(f"  creations/s         {result['creations_per_s']}  (201: {created}, other: {others or 'none'})")
        print(f"  latency ms          p50 {result['p50_ms']}  p90 {result['p90_ms']}  p99 {result['p99_ms']}")
        print(f"  orchestration       {steps} steps, drained {result['drain_after_load_s']} s after the load, "
              f"{result['orchestration_steps_per_s']} steps/s end to end")
        print(f"  calls answered      {calls} (Slack, document service, notifier)")
        print(json.dumps(result))
    finally:
        recorder.terminate()
        restart_workers(dict(os.environ))


if __name__ == "__main__":
    main()
