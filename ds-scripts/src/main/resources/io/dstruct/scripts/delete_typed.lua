--[[
  Deletes a structure's key, unless it holds another Redis type than the structure's.
  Backs every delete and clear of one key that must not remove another type: Dict.delete(key),
  HashDict.clear and delete().

  Input:
    KEYS[1] the key
    ARGV[1] the Redis type the structure keeps there: 'string', 'list', 'hash', ...

  Output:
    1 when the key was deleted, 0 when it did not exist
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
]]
--@include assert_type

local key = KEYS[1]
local expected = ARGV[1]

local wrong = assert_type(key, expected)
if wrong then
  return wrong
end
return redis.call('DEL', key)
