-- wrk script: every request logs a new visit with two findings to a random household.
-- Client ids are unique per thread and request, so each one is a real insert.
local counter = 0
local thread_id = 0
local households = tonumber(os.getenv("HOUSEHOLDS") or "600")

function setup(thread)
  thread_id = thread_id + 1
  thread:set("tid", thread_id)
end

function init(args)
  math.randomseed(os.time() + tid)
end

function request()
  counter = counter + 1
  local body = string.format(
    '{"clientID":"bench-%d-%d-%d","householdID":%d,"visitedAt":"%s","method":"in_person","categories":["routine","care"],' ..
    '"notes":"benchmark","findings":[{"kind":"need","description":"需要上门办理身份证"},{"kind":"hazard","description":"楼道堆放杂物"}]}',
    tid, os.time(), counter, math.random(1, households), os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 60))
  return wrk.format("POST", "/api/v1/visits", {["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. os.getenv("TOKEN")}, body)
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local function ms(p) return latency:percentile(p) / 1000 end
  io.write(string.format("visits/s %.0f  p50 %.1f ms  p90 %.1f ms  p99 %.1f ms  p99.9 %.1f ms  non-2xx/errors %d of %d\n",
    summary.requests / (summary.duration / 1e6), ms(50), ms(90), ms(99), ms(99.9), errors, summary.requests))
end
