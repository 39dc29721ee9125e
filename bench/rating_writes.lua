-- wrk script for bench/run: sellers' rating writes (POST /api/ratings/submit) while lookups run.
-- Args (after `--`): LOOKUPS_FILE CSRF_TOKEN. Cycles through the pseudonyms of the lookups file
-- and through 60 past days. writes_per_sec counts stored ratings only (2xx); the lookups file's
-- nonexistent names (~2%) get 404 and are reported apart, as are errors.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

-- per-thread globals (read back in done() via thread:get)
n2xx, n404, nother = 0, 0, 0

function init(args)
  names = {}
  for line in io.lines(args[1]) do
    line = line:gsub("%s+$", "")
    if #line > 0 then names[#names + 1] = line end
  end
  wrk.method = "POST"
  wrk.path = "/api/ratings/submit"
  wrk.headers["Content-Type"] = "application/json"
  wrk.headers["X-CSRF-Token"] = args[2]
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
  local ok, nf, other = 0, 0, 0
  for _, t in ipairs(threads) do
    ok = ok + t:get("n2xx")
    nf = nf + t:get("n404")
    other = other + t:get("nother")
  end
  local e = summary.errors
  io.write(string.format("writes_per_sec=%.1f stored=%d http404=%d errors=%d p50_ms=%.2f p99_ms=%.2f\n",
    ok / (summary.duration / 1e6), ok, nf, other + e.connect + e.read + e.write + e.timeout,
    latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
