-- action=add with a link no other request uses (the panel refuses a second unfinished order for the same link).
-- Arguments after "--": customers service nonce. Keys are bench-key-1..customers (BenchDb.key); one customer
-- makes every order debit the same balance row.
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
wrk.method = "POST"
wrk.path = "/api/v2"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"

local customers, service, nonce
local n = 0
bad = 0

function init(args)
   customers = tonumber(args[1])
   service = args[2]
   nonce = args[3]
   math.randomseed(id * 7919 + os.time())
end

function request()
   n = n + 1
   local body = "key=bench-key-" .. math.random(1, customers) .. "&action=add&service=" .. service
      .. "&link=https%3A%2F%2Fbench.test%2F" .. nonce .. "%2F" .. id .. "%2F" .. n .. "&quantity=100"
   return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
   if status ~= 200 or not body:find('{"order":', 1, true) then
      bad = bad + 1
      if bad <= 3 then io.stderr:write("unexpected add reply: " .. status .. " " .. body .. "\n") end
   end
end

function done(summary, latency, requests)
   report(summary, latency, bad_total())
end
