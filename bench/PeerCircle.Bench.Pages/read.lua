-- wrk script for one page (bench/PeerCircle.Bench.Pages): replays the signed-in cookie, if any, and
-- prints p50/p95/p99/max latency in microseconds (wrk --latency has no p95).
local cookie = "--COOKIE--"
if cookie ~= "" then
  wrk.headers["Cookie"] = cookie
end

function done(summary, latency, requests)
  io.write(string.format("PERCENTILES %d %d %d %d\n",
    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
