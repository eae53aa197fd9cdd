"""Alert intake under load, with deduplication (standard library + wrk).

`make bench-alerts` (the local stack) or `python3 scripts/bench/alerts.py --url URL`.
1. Closed-loop load: wrk with --connections connections for --duration seconds,
   each request an Alertmanager message of --per-request alerts (POST
   /api/v1/webhooks/alertmanager/) whose fingerprints cycle through --distinct
   values, so nearly every alert is a repeat of an open incident (the dedup path:
   one upsert and one timeline entry) and only --distinct incidents open.
2. Waits until every alerts.ingest task succeeded (GET /api/v1/tasks/stats).
The server must not rate-limit the source: run it with a clients.yaml whose
rate_limits.webhooks has requests: 0 (docs/alerts.md, "Measured").

Prints requests/s and alerts/s accepted, answer latency p50/p90/p99 (wrk), the
drain after the load and alerts/s end to end, then one JSON line.

With --rate R (alerts/s) the load is paced instead (open loop, no wrk): requests
go out on a fixed schedule over --connections keep-alive connections, and each
answer's latency counts from its scheduled time, so a stall is not hidden by the
requests it held back (coordinated omission). This is the goal's measure: the
answer p99 at a sustained rate, with every alert's task done at that rate.
"""
import argparse
import http.client
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

PENDING = ("queued", "running", "retrying")
LUA = r'''
local threads = {}
local counter = 0
function setup(thread) table.insert(threads, thread) end
function init(args)
  statuses = {}
  per = tonumber(os.getenv("BENCH_PER_REQUEST"))
  distinct = tonumber(os.getenv("BENCH_DISTINCT"))
end
function request()
  local alerts = {}
  for i = 1, per do
    counter = counter + 1
    alerts[i] = string.format('{"status":"firing","fingerprint":"bench-%d","labels":' ..
      '{"alertname":"BenchAlert%d","severity":"warning","service":"bench"},' ..
      '"annotations":{"summary":"Bench alert %d"},"startsAt":"2026-02-05T18:00:00Z"}',
      counter % distinct, counter % distinct, counter % distinct)
  end
  local body = '{"version":"4","status":"firing","receiver":"bench","groupKey":"bench","alerts":[' ..
               table.concat(alerts, ",") .. ']}'
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end
function response(status, headers, body) statuses[status] = (statuses[status] or 0) + 1 end
function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do totals[status] = (totals[status] or 0) + count end
  end
  for status, count in pairs(totals) do io.write(string.format("STATUS_%d %d\n", status, count)) end
  io.write(string.format("REQUESTS %d\n", summary.requests))
  io.write(string.format("DURATION_S %.3f\n", summary.duration / 1e6))
  for _, p in ipairs({50, 90, 99}) do io.write(string.format("P%d_MS %.3f\n", p, latency:percentile(p) / 1000)) end
end
'''


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default=os.environ.get("BENCH_URL", "http://127.0.0.1:8000"))
    p.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", 20)))
    p.add_argument("--connections", type=int, default=int(os.environ.get("CONNECTIONS", 16)))
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--per-request", type=int, default=10, help="alerts per Alertmanager message")
    p.add_argument("--distinct", type=int, default=50, help="distinct fingerprints (incidents)")
    p.add_argument("--key", default=os.environ.get("BENCH_KEY", "dev-admin-key"), help="key for the stats")
    p.add_argument("--drain-timeout", type=float, default=300)
    p.add_argument("--rate", type=float, default=float(os.environ.get("RATE", 0)),
                   help="alerts/s, paced (open loop); 0: closed loop with wrk")
    return p.parse_args()


def alertmanager_body(counter, per, distinct):
    alerts = []
    for _ in range(per):
        counter += 1
        n = counter % distinct
        alerts.append({"status": "firing", "fingerprint": f"bench-{n}",
                       "labels": {"alertname": f"BenchAlert{n}", "severity": "warning", "service": "bench"},
                       "annotations": {"summary": f"Bench alert {n}"}, "startsAt": "2026-02-05T18:00:00Z"})
    return json.dumps({"version": "4", "status": "firing", "receiver": "bench", "groupKey": "bench",
                       "alerts": alerts}).encode()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))] if ordered else 0.0


def paced(a, base):
    """Open-loop load at a.rate alerts/s; returns the same keys as wrk's output."""
    url = urllib.parse.urlsplit(base)
    interval = a.connections * a.per_request / a.rate  # seconds between one connection's requests
    start = time.monotonic() + 0.5
    end = start + a.duration
    latencies, statuses, lock = [], {}, threading.Lock()

    def connection(index):
        conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
        counter = index * 1_000_003
        due = start + index * interval / a.connections
        mine, codes = [], {}
        while due < end:
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)
            body = alertmanager_body(counter, a.per_request, a.distinct)
            counter += a.per_request
            try:
                conn.request("POST", "/api/v1/webhooks/alertmanager/", body,
                             {"Content-Type": "application/json"})
                response = conn.getresponse()
                response.read()
                code = response.status
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=30)
                code = 0
            mine.append((time.monotonic() - due) * 1000)
            codes[code] = codes.get(code, 0) + 1
            due += interval
        with lock:
            latencies.extend(mine)
            for code, count in codes.items():
                statuses[code] = statuses.get(code, 0) + count

    threads = [threading.Thread(target=connection, args=(i,)) for i in range(a.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    values = {f"STATUS_{code}": str(count) for code, count in statuses.items()}
    values.update({"REQUESTS": str(len(latencies)), "DURATION_S": f"{a.duration:.3f}",
                   "P50_MS": f"{percentile(latencies, 50):.3f}", "P90_MS": f"{percentile(latencies, 90):.3f}",
                   "P99_MS": f"{percentile(latencies, 99):.3f}"})
    return values


def closed_loop(a, base):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(LUA)
    cmd = ["wrk", f"-t{a.threads}", f"-c{a.connections}", f"-d{a.duration}s", "--timeout", "30s",
           "-s", f.name, base + "/api/v1/webhooks/alertmanager/"]
    out = subprocess.run(cmd, env={**os.environ, "BENCH_PER_REQUEST": str(a.per_request),
                                   "BENCH_DISTINCT": str(a.distinct)}, capture_output=True, text=True)
    os.unlink(f.name)
    values = dict(re.findall(r"^([A-Z0-9_]+) (\S+)$", out.stdout, re.M))
    if out.returncode or "REQUESTS" not in values:
        sys.exit(f"wrk failed: {out.stderr or out.stdout}")
    return values


def succeeded(base, key):
    request = urllib.request.Request(base + "/api/v1/tasks/stats", headers={"Authorization": "Bearer " + key})
    with urllib.request.urlopen(request, timeout=10) as r:
        counts = json.load(r)["by_status"]
    return counts.get("succeeded", 0), sum(counts.get(s, 0) for s in PENDING)


def main():
    a = parse_args()
    base = a.url.rstrip("/")
    before, _ = succeeded(base, a.key)
    pacing = f"paced at {a.rate:g} alerts/s" if a.rate else "closed loop"
    print(f"load: {a.connections} connections for {a.duration} s, {pacing}, {a.per_request} alerts "
          f"per request, {a.distinct} fingerprints ...", flush=True)
    t0 = time.monotonic()
    values = paced(a, base) if a.rate else closed_loop(a, base)
    t_load = time.monotonic()
    accepted = int(values.get("STATUS_202", 0))
    alerts = accepted * a.per_request
    done = 0
    while time.monotonic() - t_load < a.drain_timeout:
        now, _ = succeeded(base, a.key)
        done = now - before
        if done >= alerts:
            break
        time.sleep(0.2)
    t_end = time.monotonic()
    wrk_s = float(values["DURATION_S"])
    r = {"requests_per_s": round(int(values["REQUESTS"]) / wrk_s, 1),
         "alerts_accepted_per_s": round(alerts / wrk_s, 1),
         "answer_p50_ms": float(values["P50_MS"]), "answer_p90_ms": float(values["P90_MS"]),
         "answer_p99_ms": float(values["P99_MS"]), "accepted_requests": accepted,
         "other_answers": {k: v for k, v in values.items() if k.startswith("STATUS_") and k != "STATUS_202"},
         "alerts_done": done, "drain_s": round(t_end - t_load, 2),
         "alerts_per_s_end_to_end": round(done / (t_end - t0), 1)}
    print(f"accepted:   {r['alerts_accepted_per_s']} alerts/s ({r['requests_per_s']} requests/s)")
    print(f"answer:     p50 {r['answer_p50_ms']} ms, p90 {r['answer_p90_ms']} ms, p99 {r['answer_p99_ms']} ms")
    print(f"end to end: {r['alerts_per_s_end_to_end']} alerts/s ({done} of {alerts} done, "
          f"drain {r['drain_s']} s after the load)")
    print(json.dumps(r))


if __name__ == "__main__":
    main()
