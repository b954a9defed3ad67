-- POST /api/v2 with one fixed form body, given after "--": the same request every time, so wrk sends it from its
-- fast path (no request() function). Used for the bare server, status and balance: the same load for all three.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
wrk.method = "POST"
wrk.path = "/api/v2"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

function init(args)
   wrk.body = args[1]
end

function done(summary, latency, requests)
   report(summary, latency, 0)
end
