--[[
  Adds a delta to a Counter and returns the new value; a counter that does not exist yet is first
  created at its seed. Backs Counter.next and next(delta), so that opening a counter sends nothing.

  Input:
    KEYS[1] the counter's key, {<name>}:counter
    ARGV[1] the seed, a 64-bit integer in decimal
    ARGV[2] the delta, a 64-bit integer in decimal

  Output:
    the counter's new value, in decimal (a bulk string: Lua numbers are doubles, so a value of 2^53
    or more is read back with GET)
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
    DS_NOTINTEGER <key>                 KEYS[1] holds a string that is not a 64-bit integer, or
                                        the sum overflows; nothing was written
]]
--@include assert_type

local rcall = redis.call
local key = KEYS[1]
local seed = ARGV[1]
local delta = ARGV[2]

-- SETNX writes only a key that does not exist, which cannot be of another type.
local created = rcall('SETNX', key, seed) == 1
local value = redis.pcall('INCRBY', key, delta)
if type(value) == 'table' and value.err then
  if created then
    rcall('DEL', key)
  end
  local wrong = assert_type(key, 'string')
  if wrong then
    return wrong
  end
  return redis.error_reply('DS_NOTINTEGER ' .. key)
end
if value >= 2 ^ 53 or value <= -2 ^ 53 then
  return rcall('GET', key)
end
return string.format('%d', value)
