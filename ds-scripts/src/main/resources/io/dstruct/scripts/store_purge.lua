--[[
  Removes up to ARGV[2] objects of an ObjectStore whose expiry has passed, with their index
  entries: one batch of ObjectStore purgeExpired. The objects removed and their index keys are
  derived from the prefix of KEYS[1], {<name>}:. Safe to run again.

  Input:
    KEYS[1] the meta hash, {<name>}:meta, holding the index definitions
    KEYS[2] the expiry sorted set, {<name>}:exp
    ARGV[1] now, Unix ms, from the caller's clock
    ARGV[2] the most objects to remove
    ARGV[3] the change feed's length, 0 for none

  Output:
    how many objects were removed
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

local now, n, feedlen = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
if not now or not n or not feedlen then
  return redis.error_reply('DS_BADARG malformed store_purge arguments')
end
local wrong = assert_type(KEYS[1], 'hash') or assert_type(KEYS[2], 'zset')
if wrong then
  return wrong
end
return store_sweep(store_prefix(KEYS[1]), store_defs(KEYS[1]), now, n, feedlen)
