--[[
  Reads objects of an ObjectStore by id: ObjectStore get and getAll. An object whose expiry has
  passed (by ARGV[1]) reads as absent, even before a sweep removes it.

  Input:
    KEYS[1] the expiry sorted set, {<name>}:exp
    KEYS (from the second) the object hashes, {<name>}:obj:<id>
    ARGV[1] now, Unix ms, from the caller's clock
    ARGV (from the second) the ids, one per object hash in the same order

  Output:
    one array per id: the object's fields as a flat array of names and values, empty when the
    object is absent or expired
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type
    DS_BADARG <reason>                   a malformed argument
    Writes nothing
]]
--@include assert_type

local exp = KEYS[1]
local now = tonumber(ARGV[1])
if not now or #ARGV ~= #KEYS then
  return redis.error_reply('DS_BADARG malformed store_get arguments')
end
local out = {}
for i = 2, #KEYS do
  local wrong = assert_type(KEYS[i], 'hash')
  if wrong then
    return wrong
  end
  local at = redis.call('ZSCORE', exp, ARGV[i])
  if at and tonumber(at) <= now then
    out[i - 1] = {}
  else
    out[i - 1] = redis.call('HGETALL', KEYS[i])
  end
end
return out
