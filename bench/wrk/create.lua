-- POST a new post with two tags, as the signed-in bench user (BENCH_TOKEN) or, without auth,
-- naming a seeded author (BENCH_AUTHOR_ID).
local token = os.getenv("BENCH_TOKEN") or ""
local author = os.getenv("BENCH_AUTHOR_ID") or ""
local count = 0

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
if token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end

request = function()
  count = count + 1
  local author_field = ""
  if author ~= "" then
    author_field = ',"author_id":' .. author
  end
  local body = '{"title":"Bench post ' .. count .. '","body":"A few words for the stats job to count.",'
    .. '"tags":["bench","load"]' .. author_field .. '}'
  return wrk.format(nil, nil, nil, body)
end
