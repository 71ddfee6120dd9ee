-- wrk script for the soak: officers' pages and API reads, a resident's own household, and
-- every fourth request a new visit with two findings to one of the officer's 52 households.
local reqs, officer, counter, tid = {}, nil, 0, 0
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end

function init(args)
  officer = "Bearer " .. os.getenv("OFFICER_TOKEN")
  local resident = "Bearer " .. os.getenv("RESIDENT_TOKEN")
  local cookie = "jm_session=" .. os.getenv("SESSION")
  reqs = {
    wrk.format("GET", "/", {Cookie = cookie}),
    wrk.format("GET", "/units/4", {Cookie = cookie}),
    wrk.format("GET", "/tasks", {Cookie = cookie}),
    wrk.format("GET", "/coverage", {Cookie = cookie}),
    wrk.format("GET", "/api/v1/residents/1", {Authorization = officer}),
    wrk.format("GET", "/api/v1/households?gridID=4", {Authorization = officer}),
    wrk.format("GET", "/api/v1/me", {Authorization = resident}),
    wrk.format("GET", "/api/v1/households/" .. os.getenv("RESIDENT_HOUSEHOLD"), {Authorization = resident}),
  }
end

function request()
  counter = counter + 1
  if counter % 4 == 0 then
    local body = string.format(
      '{"clientID":"soak-%d-%d-%d","householdID":%d,"visitedAt":"%s","method":"in_person","categories":["routine"],' ..
      '"findings":[{"kind":"need","description":"浸泡测试"},{"kind":"suggestion","description":"路灯"}]}',
      tid, os.time(), counter, 1 + counter % 52, os.date("!%Y-%m-%dT%H:%M:%SZ", os.time() - 60))
    return wrk.format("POST", "/api/v1/visits", {["Content-Type"] = "application/json", Authorization = officer}, body)
  end
  return reqs[(counter % #reqs) + 1]
end

done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("requests %d  req/s %.0f  p50 %.1f ms  p99 %.1f ms  non-2xx/errors %d\n",
    summary.requests, summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
