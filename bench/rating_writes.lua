-- wrk script for bench/run: sellers' rating writes (POST /api/ratings/submit) while lookups run.
-- Args (after `--`): LOOKUPS_FILE CSRF_TOKEN. Cycles through the pseudonyms of the lookups file
-- (nonexistent names give 404, which counts as an answered request) and through 60 past days.
local counter = 0
n2xx, n404, nother = 0, 0, 0

function init(args)
  names = {}
  for line in io.lines(args[1]) do
    line = line:gsub("%s+$", "")
    if #line > 0 then names[#names + 1] = line end
  end
  csrf = args[2]
  wrk.method = "POST"
  wrk.path = "/api/ratings/submit"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-CSRF-Token"] = csrf
  counter = math.random(1, #names)
end

function request()
  counter = counter + 1
  local name = names[counter % #names + 1]
  local day = os.date("!%Y-%m-%d", os.time() - 86400 * (counter % 60))
  local safe = (counter % 17 ~= 0) and "true" or "false"
  local body = string.format('{"buyer":"%s","safe":%s,"reliable":true,"day":"%s"}', name, safe, day)
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status >= 200 and status < 300 then n2xx = n2xx + 1
  elseif status == 404 then n404 = n404 + 1
  else nother = nother + 1 end
end

function done(summary, latency, requests)
  io.write(string.format("writes_per_sec=%.1f requests=%d errors=%d p99_ms=%.2f\n",
    summary.requests / (summary.duration / 1e6), summary.requests,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout + summary.errors.status,
    latency:percentile(99) / 1000))
end
