--[[
  Writes one field of a HashDict under a condition and returns the value it replaced.
  Backs HashDict.put (always), putIfAbsent (absent) and replace(key, value) (present).
  The TTL of the hash, if any, is left as it is.

  Input:
    KEYS[1] the hash's key, {<name>}:hash
    ARGV[1] the field
    ARGV[2] the new value (bytes)
    ARGV[3] the condition: 'always', 'absent' or 'present'

  Output:
    the previous value, or nil when the field was absent. The write happened when the condition
    held: 'always' always; 'absent' when the reply is nil; 'present' when it is not nil.
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
    DS_BADARG <reason>                  ARGV[3] is not valid; nothing was written
]]
--@include assert_type

local key = KEYS[1]
local field = ARGV[1]
local value = ARGV[2]
local condition = ARGV[3]

if condition ~= 'always' and condition ~= 'absent' and condition ~= 'present' then
  return redis.error_reply('DS_BADARG unknown condition ' .. condition)
end
local wrong = assert_type(key, 'hash')
if wrong then
  return wrong
end

local old = redis.call('HGET', key, field)
if (condition == 'absent' and old) or (condition == 'present' and not old) then
  return old
end
redis.call('HSET', key, field, value)
return old
