"""Workflow benchmark (standard library only): `make bench-workflows`.

1. Step boundaries at light load: submits --chains workflows one after another,
   each a chain of --steps system.noop steps, with `Prefer: wait`, and measures
   for every step after the first the time from its parent's finish to its own
   start (the step boundary: the parent's commit, the confirmed publish of the
   child, the broker, a worker's window), from the timestamps the workflow shows.
2. Throughput: --connections closed-loop clients submit the same chain for
   --duration seconds (202 each), then polls until no workflow is running.
   Prints workflows/s and steps/s end to end (from the start of the load to the
   poll that saw the last one finish), and the submit latency percentiles.
"""
import argparse
import http.client
import json
import os
import statistics
import sys
import threading
import time
from datetime import datetime
from urllib.parse import urlparse


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default=os.environ.get("BENCH_URL", "http://127.0.0.1:8000"))
    p.add_argument("--key", default=os.environ.get("BENCH_KEY", "dev-admin-key"))
    p.add_argument("--steps", type=int, default=10, help="steps per workflow (a chain)")
    p.add_argument("--chains", type=int, default=30, help="workflows for the boundary measure")
    p.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", 20)))
    p.add_argument("--connections", type=int, default=int(os.environ.get("CONNECTIONS", 16)))
    p.add_argument("--drain-timeout", type=float, default=300)
    return p.parse_args()


def chain(steps):
    body = [{"id": "s0", "service": "system", "action": "noop", "payload": {"n": 0}}]
    for i in range(1, steps):
        body.append({"id": f"s{i}", "service": "system", "action": "noop", "depends_on": [f"s{i-1}"],
                     "payload": {"previous": {"$ref": f"steps.s{i-1}.result"}}})
    return json.dumps({"steps": body})


class Api:
    def __init__(self, url, key):
        u = urlparse(url)
        self.host, self.port = u.hostname, u.port or 80
        self.headers = {"Authorization": "Bearer " + key, "Content-Type": "application/json"}
        self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)

    def call(self, method, path, body=None, headers=None):
        for attempt in range(2):  # one reconnect: the server may close an idle connection
            try:
                self.connection.request(method, path, body, {**self.headers, **(headers or {})})
                response = self.connection.getresponse()
                return response.status, response.read()
            except (http.client.HTTPException, OSError):
                self.connection.close()
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=60)
                if attempt:
                    raise


def ts(text):
    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def boundaries(a, body):
    api = Api(a.url, a.key)
    gaps, totals = [], []
    for _ in range(a.chains):
        status, raw = api.call("POST", "/api/v1/workflows", body, {"Prefer": "wait=60"})
        view = json.loads(raw)
        if status != 200 or view.get("status") != "succeeded":
            sys.exit(f"a chain did not succeed within the wait: {status} {raw[:300]!r}")
        steps = view["steps"]
        for parent, child in zip(steps, steps[1:]):
            gaps.append((ts(child["started_at"]) - ts(parent["finished_at"])) * 1000)
        totals.append((ts(view["finished_at"]) - ts(view["submitted_at"])) * 1000)
    return gaps, totals


def throughput(a, body):
    accepted, latencies, others = [0], [], {}
    lock = threading.Lock()
    stop_at = time.monotonic() + a.duration

    def client():
        api = Api(a.url, a.key)
        while time.monotonic() < stop_at:
            started = time.monotonic()
            status, _ = api.call("POST", "/api/v1/workflows", body)
            elapsed = (time.monotonic() - started) * 1000
            with lock:
                latencies.append(elapsed)
                if status == 202:
                    accepted[0] += 1
                else:
                    others[status] = others.get(status, 0) + 1

    t0 = time.monotonic()
    threads = [threading.Thread(target=client) for _ in range(a.connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    t_load = time.monotonic()
    api = Api(a.url, a.key)
    while True:
        _, raw = api.call("GET", "/api/v1/workflows?status=running&limit=1")
        if not json.loads(raw)["items"]:
            break
        if time.monotonic() - t_load > a.drain_timeout:
            print("warning: workflows still running at the drain timeout")
            break
        time.sleep(0.1)
    t_end = time.monotonic()
    return accepted[0], others, latencies, t_end - t0, t_load - t0


def main():
    a = parse_args()
    body = chain(a.steps)
    gaps, totals = boundaries(a, body)
    print(f"boundaries:  {len(gaps)} step boundaries in {a.chains} chains of {a.steps} steps, one at a time")
    print(f"             parent finished -> child started: p50 {percentile(gaps, 50):.1f} ms, "
          f"p90 {percentile(gaps, 90):.1f} ms, p99 {percentile(gaps, 99):.1f} ms, "
          f"mean {statistics.mean(gaps):.1f} ms")
    print(f"             whole chain (submitted -> finished): p50 {percentile(totals, 50):.1f} ms")
    accepted, others, latencies, e2e_s, load_s = throughput(a, body)
    r = {
        "steps_per_workflow": a.steps, "connections": a.connections, "duration_s": a.duration,
        "boundary_p50_ms": round(percentile(gaps, 50), 2), "boundary_p99_ms": round(percentile(gaps, 99), 2),
        "boundary_mean_ms": round(statistics.mean(gaps), 2),
        "accepted": accepted, "non_202": others,
        "submit_p50_ms": round(percentile(latencies, 50), 2), "submit_p99_ms": round(percentile(latencies, 99), 2),
        "workflows_per_s": round(accepted / e2e_s, 1), "steps_per_s": round(accepted * a.steps / e2e_s, 1),
        "e2e_s": round(e2e_s, 2), "drain_s": round(e2e_s - load_s, 2),
    }
    print(f"throughput:  {accepted} workflows accepted in {load_s:.1f} s ({a.connections} clients); "
          f"non-202: {others or 'none'}")
    print(f"             submit p50 {r['submit_p50_ms']} ms, p99 {r['submit_p99_ms']} ms")
    print(f"end to end:  {r['workflows_per_s']} workflows/s = {r['steps_per_s']} steps/s "
          f"(all done {r['e2e_s']} s after the start, drain {r['drain_s']} s)")
    print(json.dumps(r))


if __name__ == "__main__":
    sys.exit(main())
