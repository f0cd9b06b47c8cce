--[[
  Writes or deletes one Dict entry only if it still holds the expected value (or is still absent).
  Backs Dict.replace(key, old, new), remove(key, value), compute* and merge.

  Input:
    KEYS[1] the entry's key, <namespace>:<key>
    ARGV[1] '1' if the entry must hold ARGV[2], '0' if it must be absent
    ARGV[2] the expected value (bytes; ignored when ARGV[1] is '0')
    ARGV[3] '1' to set the entry to ARGV[4], '0' to delete it
    ARGV[4] the new value (bytes; ignored when ARGV[3] is '0')
    ARGV[5] the TTL of the written entry in milliseconds; '0' for none
    ARGV[6] '1' to keep the TTL of an entry that exists, else '0'

  Output:
    1 when the entry matched and was written or deleted, 0 when it did not match (nothing written)
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
    DS_BADARG <reason>                  ARGV[5] is not valid; nothing was written
]]
--@include assert_type
--@include matches_expected
--@include parse_ttl
--@include write_entry

local key = KEYS[1]
local mustExist = ARGV[1] == '1'
local expected = ARGV[2]
local doSet = ARGV[3] == '1'
local value = ARGV[4]
local ttl = parse_ttl(ARGV[5])
local keep = ARGV[6] == '1'

if ttl == nil then
  return redis.error_reply('DS_BADARG ttl must be a whole number of milliseconds >= 0')
end
local wrong = assert_type(key, 'string')
if wrong then
  return wrong
end

local current = redis.call('GET', key)
if not matches_expected(current, mustExist, expected) then
  return 0
end

if doSet then
  write_entry(key, value, ttl, keep, current ~= false)
else
  redis.call('DEL', key)
end
return 1
