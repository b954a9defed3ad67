-- Shared by the scripts below: one machine-readable line for bench/run, latencies in microseconds.
-- bad = replies that were not what the action should answer (counted by the script's response(), if it has one).
function report(summary, latency, bad)
   local e = summary.errors
   local seconds = summary.duration / 1e6
   io.write(string.format(
      "RESULT requests=%d seconds=%.2f rps=%.1f p50_us=%d p90_us=%d p99_us=%d max_us=%d socket_errors=%d non2xx=%d bad=%d\n",
      summary.requests, seconds, summary.requests / seconds,
      latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
      e.connect + e.read + e.write + e.timeout, e.status, bad or 0))
end

-- Per-thread counters live in each thread's own Lua state; setup() keeps the handles so done() can sum them.
threads = {}
function setup(thread)
   table.insert(threads, thread)
   thread:set("id", #threads)
end

function bad_total()
   local n = 0
   for _, t in ipairs(threads) do n = n + (t:get("bad") or 0) end
   return n
end
