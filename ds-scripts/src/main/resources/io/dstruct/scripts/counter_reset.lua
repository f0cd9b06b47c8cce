--[[
  Sets a Counter to a value, unless its key holds another Redis type. Backs Counter.reset.

  Input:
    KEYS[1] the counter's key, {<name>}:counter
    ARGV[1] the new value, a 64-bit integer in decimal

  Output:
    1
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
]]
--@include assert_type

local key = KEYS[1]
local value = ARGV[1]

local wrong = assert_type(key, 'string')
if wrong then
  return wrong
end
redis.call('SET', key, value)
return 1
