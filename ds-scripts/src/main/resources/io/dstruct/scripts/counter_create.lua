--[[
  Creates a Counter at its seed unless it exists, and returns its current value.
  A second process that opens the same counter never resets it.

  Input:
    KEYS[1] the counter's key, {<name>}:counter
    ARGV[1] the seed, a 64-bit integer in decimal

  Output:
    the counter's value: the seed if it was just created
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
    DS_NOTINTEGER <key>                 KEYS[1] holds a string that is not an integer; nothing was written
]]
--@include assert_type

local key = KEYS[1]
local seed = ARGV[1]

local wrong = assert_type(key, 'string')
if wrong then
  return wrong
end
if redis.call('EXISTS', key) == 0 then
  redis.call('SET', key, seed)
end
-- INCRBY 0 reads the value as Redis reads a counter: it fails unless the value is a 64-bit integer.
local value = redis.pcall('INCRBY', key, 0)
if type(value) == 'table' and value.err then
  return redis.error_reply('DS_NOTINTEGER ' .. key)
end
return value
