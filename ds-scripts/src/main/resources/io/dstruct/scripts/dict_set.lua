--[[
  Writes one Dict entry under a condition and returns the value it replaced.
  Backs Dict.put (always), putIfAbsent (absent) and replace(key, value) (present).

  Input:
    KEYS[1] the entry's key, <namespace>:<key>
    ARGV[1] the new value (bytes)
    ARGV[2] the condition: 'always', 'absent' or 'present'
    ARGV[3] the TTL of the written entry in milliseconds; '0' for none
    ARGV[4] '1' to keep the TTL of an entry that exists, else '0'

  Output:
    the previous value, or nil when the entry was absent. The write happened when the condition
    held: 'always' always; 'absent' when the reply is nil; 'present' when it is not nil.
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
    DS_BADARG <reason>                  ARGV[2] or ARGV[3] is not valid; nothing was written
]]
--@include assert_type
--@include parse_ttl
--@include write_entry

local key = KEYS[1]
local value = ARGV[1]
local condition = ARGV[2]
local ttl = parse_ttl(ARGV[3])
local keep = ARGV[4] == '1'

if ttl == nil then
  return redis.error_reply('DS_BADARG ttl must be a whole number of milliseconds >= 0')
end
if condition ~= 'always' and condition ~= 'absent' and condition ~= 'present' then
  return redis.error_reply('DS_BADARG unknown condition ' .. condition)
end
local wrong = assert_type(key, 'string')
if wrong then
  return wrong
end

local old = redis.call('GET', key)
if (condition == 'absent' and old) or (condition == 'present' and not old) then
  return old
end
write_entry(key, value, ttl, keep, old ~= false)
return old
