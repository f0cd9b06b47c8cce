--[[
  Writes objects of an ObjectStore, all or none: ObjectStore insert, save and saveAll. For each
  object it reads the stored hash and its indexed values, checks existence (insert), the expected
  version and every unique value, and only then writes the hash, the new version, every index
  change, the expiry and the change feed. Each write then sweeps up to ARGV[4] expired objects.
  The index keys (idx:, vals:, ord:, uniq:, cmp:, cvals:) and the objects swept are derived from
  the prefix of KEYS[1], {<name>}:, so they share its hash slot. Safe to run again with the same
  operation id: when the first object already holds it (an earlier run lost its reply), this
  returns the stored versions and writes nothing. On a resend (the last argument) that does not
  find the operation id, it writes nothing either and replies DS_INDOUBT: the earlier attempt may
  have been applied and overwritten since, and applying it again would undo the later write.

  Input:
    KEYS[1] the meta hash, {<name>}:meta, holding the index definitions
    KEYS[2] the set of all ids, {<name>}:ids
    KEYS[3] the expiry sorted set, {<name>}:exp, id -> expiry in Unix ms
    KEYS[4] the change feed stream, {<name>}:changes
    KEYS[5] and on: the object hashes, {<name>}:obj:<id>, one per object in ARGV order
    ARGV[1] 'insert' (refuse ids that exist) or 'save' (replace)
    ARGV[2] the operation id, random, stored in each hash as _ds_op
    ARGV[3] now, Unix ms, from the caller's clock
    ARGV[4] how many expired objects to sweep
    ARGV[5] the change feed's length, 0 for none
    ARGV[6] the version property, mirrored from _ds_v, or '' for none
    ARGV[7] the number of objects; then per object: id, expected version ('' for no check),
            TTL in ms (0 for none), the number of fields, then field name and value pairs
    ARGV last: '1' when an earlier attempt of this call may have run (its reply was lost), else '0'

  Output:
    the new version of each object, in order (array of integers)
    DS_CONFLICT <n> <stored version> exists    object n exists (insert); nothing was written
    DS_CONFLICT <n> <stored version> version   object n is at another version; nothing written
    DS_UNIQUE <n> <field> <holder id>          a unique value of object n is held by another
                                               object; nothing was written
    DS_WRONGTYPE <key> holds a <type>          a key holds another Redis type; nothing written
    DS_INDOUBT <key> ...                       a resend that cannot tell whether the earlier attempt
                                               was applied; nothing was written
    DS_BADARG <reason>                         a malformed argument; nothing was written
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
--@include store_write

local meta = KEYS[1]
local mode = ARGV[1]
local op = ARGV[2]
local now = tonumber(ARGV[3])
local sweep = tonumber(ARGV[4])
local feedlen = tonumber(ARGV[5])
local vfield = ARGV[6]
local n = tonumber(ARGV[7])
if (mode ~= 'insert' and mode ~= 'save') or not now or not sweep or not feedlen or not n or n < 1
    or #KEYS ~= 4 + n then
  return redis.error_reply('DS_BADARG malformed store_save arguments')
end
local wrong = assert_type(meta, 'hash') or assert_type(KEYS[2], 'set') or assert_type(KEYS[3], 'zset')
    or assert_type(KEYS[4], 'stream')
if wrong then
  return wrong
end
local objs = {}
local seen = {}
local at = 8
for i = 1, n do
  local o = {id = ARGV[at], expected = ARGV[at + 1], ttl = tonumber(ARGV[at + 2]), t = {}}
  local nf = tonumber(ARGV[at + 3])
  if not o.id or not o.ttl or not nf or seen[o.id] or KEYS[4 + i] ~= store_prefix(meta) .. 'obj:' .. o.id then
    return redis.error_reply('DS_BADARG malformed object ' .. i)
  end
  seen[o.id] = true
  at = at + 4
  for _ = 1, nf do
    o.t[ARGV[at]] = ARGV[at + 1]
    at = at + 2
  end
  objs[i] = o
end
if #ARGV ~= at or (ARGV[at] ~= '0' and ARGV[at] ~= '1') then
  return redis.error_reply('DS_BADARG malformed store_save arguments')
end
if redis.call('HGET', KEYS[5], '_ds_op') == op then
  local versions = {}
  for i = 1, n do
    versions[i] = tonumber(redis.call('HGET', KEYS[4 + i], '_ds_v')) or 0
  end
  return versions
end
if ARGV[at] == '1' then
  return redis.error_reply('DS_INDOUBT ' .. KEYS[5] .. ' no longer holds the operation of this resend')
end
local prefix = store_prefix(meta)
local defs = store_defs(meta)
local versions = store_write(prefix, defs, objs, mode, op, now, feedlen, vfield)
if not versions.err then
  store_sweep(prefix, defs, now, sweep, feedlen)
end
return versions
