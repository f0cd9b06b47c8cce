-- Returns the server's time in Unix milliseconds (TIME): the one clock of every connector script, so the
-- due times, deadlines and sentAt of all processes agree whatever their own clocks say.
local function conn_now()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
