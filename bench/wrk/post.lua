-- GET one of the seeded posts, chosen at random: wrk.path is the post list's path.
local posts = tonumber(os.getenv("BENCH_POSTS"))

init = function()
  math.randomseed(os.time() + math.floor(os.clock() * 1000000))
end

request = function()
  return wrk.format("GET", wrk.path .. "/" .. math.random(1, posts))
end
