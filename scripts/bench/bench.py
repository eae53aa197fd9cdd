"""End-to-end benchmark of the task API (standard library only).

1. Waits (up to 60 s) until GET /api/v1/tasks/stats shows nothing queued,
   running or retrying, then keeps those counts as the baseline.
2. Closed-loop load: wrk with --connections connections for --duration seconds,
   each request a POST /api/v1/tasks of system.noop (post.lua, 142-byte body).
3. Polls the stats every 0.1 s until as many new tasks have succeeded as were
   accepted (202), or --drain-timeout passes.

Prints submit throughput and latency (wrk), accepted and rejected counts,
end-to-end tasks/s (from the start of the load to the poll that saw the last
accepted task succeed) and the drain time, then one JSON line. The method is the
one of shared/bench/loadgen, so the figures compare with the baseline's.
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

PENDING = ("queued", "running", "retrying")
LUA = Path(__file__).resolve().parent / "post.lua"


def parse_args():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--url", default=os.environ.get("BENCH_URL", "http://127.0.0.1:8000"), help="API base URL")
    p.add_argument("--duration", type=int, default=int(os.environ.get("DURATION", 20)), help="seconds of load (env DURATION)")
    p.add_argument("--connections", type=int, default=int(os.environ.get("CONNECTIONS", 32)),
                   help="concurrent connections, closed loop (env CONNECTIONS)")
    p.add_argument("--threads", type=int, default=int(os.environ.get("THREADS", 2)), help="wrk threads")
    p.add_argument("--key", default=os.environ.get("BENCH_KEY", "dev-admin-key"), help="bearer key")
    p.add_argument("--drain-timeout", type=float, default=300, help="seconds to wait for completion after the load")
    return p.parse_args()


class TaskStats:
    """Reads GET /api/v1/tasks/stats -> by_status."""

    def __init__(self, base, key):
        self.request = urllib.request.Request(base + "/api/v1/tasks/stats",
                                              headers={"Authorization": "Bearer " + key})

    def by_status(self):
        with urllib.request.urlopen(self.request, timeout=10) as r:
            return json.load(r)["by_status"]


def wait_idle(stats, seconds=60):
    deadline = time.monotonic() + seconds
    while True:
        counts = stats.by_status()
        pending = sum(counts.get(s, 0) for s in PENDING)
        if not pending:
            return counts
        if time.monotonic() > deadline:
            print(f"warning: {pending} tasks still pending before the load")
            return counts
        time.sleep(0.5)


def run_wrk(a, url):
    cmd = ["wrk", f"-t{a.threads}", f"-c{a.connections}", f"-d{a.duration}s", "--timeout", "30s",
           "-s", str(LUA), url + "/api/v1/tasks"]
    print(f"load: {a.connections} connections for {a.duration} s on {url}/api/v1/tasks ...", flush=True)
    out = subprocess.run(cmd, env={**os.environ, "BENCH_KEY": a.key}, capture_output=True, text=True)
    if out.returncode:
        sys.exit(f"wrk failed: {out.stderr or out.stdout}")
    values = dict(re.findall(r"^([A-Z0-9_]+) (\S+)$", out.stdout, re.M))
    if "REQUESTS" not in values:
        sys.exit(f"unexpected wrk output:\n{out.stdout}")
    return values


def drain(stats, before, accepted, t_load_end, timeout, unreachable_after=30):
    """Poll until `accepted` new tasks succeeded; returns (counts, succeeded, t_end).
    Gives up after `timeout` s, or when no poll has answered for `unreachable_after` s."""
    print(f"drain: waiting for {accepted} tasks to succeed ...", flush=True)
    counts, succeeded = before, 0
    last_answer = time.monotonic()
    while True:
        try:
            counts = stats.by_status()
            succeeded = counts.get("succeeded", 0) - before.get("succeeded", 0)
            last_answer = time.monotonic()
        except (OSError, ValueError) as e:  # a loaded server may drop a poll; keep the last counts
            print(f"warning: stats poll failed: {e}")
        t_end = time.monotonic()
        if t_end - last_answer > unreachable_after:
            print(f"error: no answer from the stats endpoint for {unreachable_after} s, giving up")
            return counts, succeeded, t_end
        if succeeded >= accepted or t_end - t_load_end > timeout:
            return counts, succeeded, t_end
        time.sleep(0.1 if t_end - last_answer < 1 else 1)


def main():
    a = parse_args()
    base = a.url.rstrip("/")
    stats = TaskStats(base, a.key)
    try:
        before = wait_idle(stats)
    except (OSError, ValueError, KeyError) as e:
        sys.exit(f"no task stats at {base}/api/v1/tasks/stats: {e}")

    t0 = time.monotonic()
    w = run_wrk(a, base)
    t_load_end = time.monotonic()
    statuses = {k[len("STATUS_"):]: int(v) for k, v in w.items() if k.startswith("STATUS_")}
    accepted = statuses.pop("202", 0)

    counts, succeeded, t_end = drain(stats, before, accepted, t_load_end, a.drain_timeout)
    failed = counts.get("failed", 0) - before.get("failed", 0)
    requests, wrk_s, e2e_s = int(w["REQUESTS"]), float(w["DURATION_S"]), t_end - t0
    r = {
        "url": base, "connections": a.connections, "threads": a.threads, "duration_s": a.duration,
        "requests": requests, "submit_rps": round(requests / wrk_s, 1),
        "p50_ms": float(w["P50_MS"]), "p90_ms": float(w["P90_MS"]), "p99_ms": float(w["P99_MS"]),
        "accepted": accepted, "non_202": statuses, "socket_errors": int(w["SOCKET_ERRORS"]),
        "succeeded": succeeded, "failed": failed, "complete": succeeded >= accepted,
        "e2e_s": round(e2e_s, 2), "drain_s": round(t_end - t_load_end, 2),
        "e2e_tasks_per_s": round(succeeded / e2e_s, 1) if e2e_s > 0 else 0.0,
    }
    print(f"submit:      {r['submit_rps']} req/s ({requests} requests in {wrk_s:.1f} s)")
    print(f"latency:     p50 {r['p50_ms']} ms, p90 {r['p90_ms']} ms, p99 {r['p99_ms']} ms")
    print(f"accepted:    {accepted} (202); non-202: {statuses or 'none'}; socket errors: {r['socket_errors']}")
    print(f"end to end:  {r['e2e_tasks_per_s']} tasks/s ({succeeded} succeeded, {failed} failed, in {r['e2e_s']} s)")
    print(f"drain:       {r['drain_s']} s after the load ended"
          + ("" if r["complete"] else " -- INCOMPLETE: not every accepted task succeeded"))
    print(json.dumps(r))
    return 0 if r["complete"] else 1


if __name__ == "__main__":
    sys.exit(main())
