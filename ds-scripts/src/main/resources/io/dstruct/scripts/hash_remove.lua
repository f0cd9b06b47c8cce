--[[
  Deletes one field of a HashDict and returns the value it held.
  Backs HashDict.remove(key).

  Input:
    KEYS[1] the hash's key, {<name>}:hash
    ARGV[1] the field

  Output:
    the value the field held, or nil when it was absent (nothing written)
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
]]
--@include assert_type

local key = KEYS[1]
local field = ARGV[1]

local wrong = assert_type(key, 'hash')
if wrong then
  return wrong
end
local old = redis.call('HGET', key, field)
if old then
  redis.call('HDEL', key, field)
end
return old
