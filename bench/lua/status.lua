-- action=status for random orders of one customer, ids in [lo, hi] (all theirs: Seed prints the range).
-- Arguments after "--": key lo hi multi. multi = 0 asks order=N; multi = 100 asks orders=a,b,... with 100 ids.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
wrk.method = "POST"
wrk.path = "/api/v2"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local key, lo, hi, multi
bad = 0

function init(args)
   key = args[1]
   lo = tonumber(args[2])
   hi = tonumber(args[3])
   multi = tonumber(args[4])
   math.randomseed(id * 104729 + os.time())
end

function request()
   local body
   if multi > 0 then
      local ids = {}
      for i = 1, multi do ids[i] = math.random(lo, hi) end
      body = "key=" .. key .. "&action=status&orders=" .. table.concat(ids, "%2C")
   else
      body = "key=" .. key .. "&action=status&order=" .. math.random(lo, hi)
   end
   return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
   -- every id is the customer's own, so an error anywhere in the reply is a bug, not a miss
   if status ~= 200 or body:find('"error"', 1, true) or not body:find('"status":', 1, true) then
      bad = bad + 1
      if bad <= 3 then io.stderr:write("unexpected status reply: " .. status .. " " .. body:sub(1, 300) .. "\n") end
   end
end

function done(summary, latency, requests)
   report(summary, latency, bad_total())
end
