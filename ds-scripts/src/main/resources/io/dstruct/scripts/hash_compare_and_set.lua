--[[
  Writes or deletes one field of a HashDict only if it still holds the expected value (or is
  still absent). Backs HashDict.replace(key, old, new), remove(key, value), compute* and merge.

  Input:
    KEYS[1] the hash's key, {<name>}:hash
    ARGV[1] the field
    ARGV[2] '1' if the field must hold ARGV[3], '0' if it must be absent
    ARGV[3] the expected value (bytes; ignored when ARGV[2] is '0')
    ARGV[4] '1' to set the field to ARGV[5], '0' to delete it
    ARGV[5] the new value (bytes; ignored when ARGV[4] is '0')

  Output:
    1 when the field matched and was written or deleted, 0 when it did not match (nothing written)
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
]]
--@include assert_type
--@include matches_expected

local key = KEYS[1]
local field = ARGV[1]
local mustExist = ARGV[2] == '1'
local expected = ARGV[3]
local doSet = ARGV[4] == '1'
local value = ARGV[5]

local wrong = assert_type(key, 'hash')
if wrong then
  return wrong
end

local current = redis.call('HGET', key, field)
if not matches_expected(current, mustExist, expected) then
  return 0
end

if doSet then
  redis.call('HSET', key, field, value)
else
  redis.call('HDEL', key, field)
end
return 1
