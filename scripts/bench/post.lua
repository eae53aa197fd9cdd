-- wrk script for scripts/bench/bench.py: every request submits one system.noop
-- task (a 95-byte payload) with the bearer key from BENCH_KEY. Each thread
-- counts the HTTP statuses it receives; done() prints the totals and wrk's
-- latency percentiles as "KEY value" lines for bench.py to parse.
local threads = {}

local body = '{"service":"system","action":"noop","payload":' ..
             '{"bench":true,"n":42,"note":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}}'

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  wrk.method = "POST"
  wrk.body = body
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["Authorization"] = "Bearer " .. (os.getenv("BENCH_KEY") or "dev-admin-key")
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("statuses")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  for status, count in pairs(totals) do
    io.write(string.format("STATUS_%d %d\n", status, count))
  end
  local e = summary.errors
  io.write(string.format("SOCKET_ERRORS %d\n", e.connect + e.read + e.write + e.timeout))
  io.write(string.format("REQUESTS %d\n", summary.requests))
  io.write(string.format("DURATION_S %.3f\n", summary.duration / 1e6))
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("P%d_MS %.3f\n", p, latency:percentile(p) / 1000))
  end
end
