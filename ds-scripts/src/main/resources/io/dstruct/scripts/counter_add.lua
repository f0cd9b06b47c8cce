--[[
  Adds a delta to a Counter and returns the new value; a counter that does not exist yet is first
  created at its seed. Backs Counter.next and next(delta), so that opening a counter sends nothing.

  Input:
    KEYS[1] the counter's key, {<name>}:counter
    ARGV[1] the seed, a 64-bit integer in decimal
    ARGV[2] the delta, a 64-bit integer in decimal

  Output:
    the counter's new value, in decimal (a bulk string: as a Lua number it would be rounded above
    2^53)
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
    DS_NOTINTEGER <key>                 KEYS[1] holds a string that is not a 64-bit integer, or
                                        the sum overflows; nothing was written
]]
--@include assert_type

local rcall = redis.call
local key = KEYS[1]
local seed = ARGV[1]
local delta = ARGV[2]

local wrong = assert_type(key, 'string')
if wrong then
  return wrong
end
local created = rcall('EXISTS', key) == 0
if created then
  rcall('SET', key, seed)
end
local value = redis.pcall('INCRBY', key, delta)
if type(value) == 'table' and value.err then
  if created then
    rcall('DEL', key)
  end
  return redis.error_reply('DS_NOTINTEGER ' .. key)
end
return rcall('GET', key)
