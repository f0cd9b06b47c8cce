--[[
  Deletes one object of an ObjectStore with its index entries, expiry and id: ObjectStore delete.
  Then sweeps up to ARGV[2] expired objects. Index keys and swept objects are derived from the
  prefix of KEYS[1], {<name>}:. Not safe to run twice: a second run replies 0.

  Input:
    KEYS[1] the meta hash, {<name>}:meta, holding the index definitions
    KEYS[2] the object's hash, {<name>}:obj:<id>
    ARGV[1] now, Unix ms, from the caller's clock
    ARGV[2] how many expired objects to sweep
    ARGV[3] the change feed's length, 0 for none
    ARGV[4] the object's id

  Output:
    1 if the object existed and had not expired, else 0 (an expired one is removed too)
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include store_prefix
--@include store_defs
--@include store_fields
--@include store_entries
--@include store_apply
--@include store_feed
--@include store_remove
--@include store_sweep
--@include store_expired

local meta = KEYS[1]
local now = tonumber(ARGV[1])
local sweep = tonumber(ARGV[2])
local feedlen = tonumber(ARGV[3])
local id = ARGV[4]
local prefix = store_prefix(meta)
if not now or not sweep or not feedlen or KEYS[2] ~= prefix .. 'obj:' .. id then
  return redis.error_reply('DS_BADARG malformed store_delete arguments')
end
local wrong = assert_type(meta, 'hash') or assert_type(KEYS[2], 'hash')
if wrong then
  return wrong
end
local defs = store_defs(meta)
local live = not store_expired(prefix, id, now)
local existed = store_remove(prefix, defs, id, feedlen, live and 'delete' or 'expire')
store_sweep(prefix, defs, now, sweep, feedlen)
if existed and live then
  return 1
end
return 0
