--[[
  Deletes some keys of one structure, unless one of them holds another Redis type than the
  structure keeps there; then it deletes none. With the mode 'check' it only checks, so a caller
  can check a structure of many keys chunk by chunk before deleting any of them.
  Backs Counter, IdGenerator, IdMapper and BitmapCounter delete().

  Input:
    KEYS (all of them) the keys; at least one
    ARGV[1] 'delete', or 'check' to check the types and delete nothing
    ARGV (from the second, one per key, in the same order) the Redis type the structure keeps at
         that key: 'string', 'hash', ...

  Output:
    how many keys were deleted (integer); 0 for 'check'
    DS_WRONGTYPE <key> holds a <type>   a key holds another Redis type; nothing was deleted
    DS_BADARG <reason>                  no key, a type missing, or a mode that is neither; nothing
                                        was deleted
]]
--@include assert_type

local mode = ARGV[1]

if #KEYS == 0 or #ARGV ~= #KEYS + 1 or (mode ~= 'delete' and mode ~= 'check') then
  return redis.error_reply('DS_BADARG delete_keys_typed needs keys, a mode and one type per key')
end
for i = 1, #KEYS do
  local wrong = assert_type(KEYS[i], ARGV[i + 1])
  if wrong then
    return wrong
  end
end
if mode == 'check' then
  return 0
end
return redis.call('DEL', unpack(KEYS))
