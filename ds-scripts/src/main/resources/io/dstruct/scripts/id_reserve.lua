--[[
  Reserves the next block of ids of an IdGenerator and returns the last id of the block; the
  block is the size ids up to and including it. Sets the generator up on first use.

  Input:
    KEYS[1] the generator's key, {<name>}:id, holding the last id reserved so far
    ARGV[1] the block size, a whole number >= 1
    ARGV[2] the first id the generator hands out minus one, stored when KEYS[1] does not exist
    ARGV[3] the floor: the last id this client has reserved, or ARGV[2]. If the stored value is
            below it (the server lost its data), the counter restarts from the floor, so this
            client never goes back. Ids stay below 2^53, so Lua compares them exactly.

  Output:
    the last id of the reserved block (integer)
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
    DS_BADARG <reason>                  ARGV[1] is not a whole number >= 1; nothing was written
    DS_NOTINTEGER <key>                 KEYS[1] holds a string that is not an integer
]]
--@include assert_type

local key = KEYS[1]
local size = tonumber(ARGV[1])
local floor = ARGV[3]

if size == nil or size < 1 or size ~= math.floor(size) then
  return redis.error_reply('DS_BADARG block size must be a whole number >= 1')
end
local wrong = assert_type(key, 'string')
if wrong then
  return wrong
end
if redis.call('EXISTS', key) == 0 then
  redis.call('SET', key, ARGV[2])
end
local last = tonumber(redis.call('GET', key))
if last == nil then
  return redis.error_reply('DS_NOTINTEGER ' .. key)
end
if last < tonumber(floor) then
  redis.call('SET', key, floor)
end
return redis.call('INCRBY', key, ARGV[1])
