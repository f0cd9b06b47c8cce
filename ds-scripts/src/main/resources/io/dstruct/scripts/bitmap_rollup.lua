--[[
  Builds a coarse slot of a BitmapCounter from the fine slots inside it: BITOP OR of the coarse slot
  with every fine slot into the coarse slot, so ids already in it stay; then sets its expiry, or
  keeps the one it had when it has none. Backs BitmapCounter.rollup.
  A coarse slot whose expiry has already passed by the server's clock is not written.

  Input:
    KEYS[1] the coarse slot, {<name>}:bitmap:<resolution>:<start>
    KEYS (from the second) the fine slots inside it; there may be none
    ARGV[1] the coarse slot's expiry as a Unix time in milliseconds, or '0' when it does not expire

  Output:
    the count of the coarse slot afterwards (integer); 0 when it was not written as it had expired
    DS_WRONGTYPE <key> holds a <type>   a slot key holds another Redis type; nothing was written
    DS_BADARG <reason>                  ARGV[1] is not a whole number >= 0; nothing was written
]]
--@include assert_type
--@include bitop_chunked

local rcall = redis.call
local coarse = KEYS[1]
local expiry = tonumber(ARGV[1])

if expiry == nil or expiry < 0 or expiry ~= math.floor(expiry) then
  return redis.error_reply('DS_BADARG expiry must be a whole number of milliseconds >= 0: ' .. ARGV[1])
end
local fine = {}
for i = 1, #KEYS do
  local wrong = assert_type(KEYS[i], 'string')
  if wrong then
    return wrong
  end
  if i > 1 and rcall('EXISTS', KEYS[i]) == 1 then
    fine[#fine + 1] = KEYS[i]
  end
end

local time = rcall('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
if expiry > 0 and expiry <= now then
  return 0
end
if #fine > 0 then
  local ttl = rcall('PTTL', coarse)
  table.insert(fine, 1, coarse)
  bitop_chunked('OR', coarse, fine)
  if expiry > 0 then
    rcall('PEXPIREAT', coarse, string.format('%d', expiry))
  elseif ttl > 0 then
    rcall('PEXPIRE', coarse, ttl)
  end
end
return rcall('BITCOUNT', coarse)
