--[[
  Deletes one Dict entry and returns the value it held.
  Backs Dict.remove(key).

  Input:
    KEYS[1] the entry's key, <namespace>:<key>

  Output:
    the value the entry held, or nil when it was absent (nothing written)
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
]]
--@include assert_type

local key = KEYS[1]

local wrong = assert_type(key, 'string')
if wrong then
  return wrong
end
local old = redis.call('GET', key)
if old then
  redis.call('DEL', key)
end
return old
