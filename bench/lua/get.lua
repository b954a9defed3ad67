-- GET one website page with a session cookie. Arguments after "--": path cookie (NAME=VALUE).
dofile(os.getenv("BENCH_LUA") .. "/report.lua")
bad = 0

function init(args)
   wrk.path = args[1]
   wrk.headers["Cookie"] = args[2]
end

function response(status, headers, body)
   if status ~= 200 then
      bad = bad + 1
      if bad <= 3 then io.stderr:write("unexpected page reply: " .. status .. " " .. body:sub(1, 300) .. "\n") end
   end
end

function done(summary, latency, requests)
   report(summary, latency, bad_total())
end
