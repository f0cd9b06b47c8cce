--[[
  Returns the object of an ObjectStore whose unique property holds a value, or else inserts the
  candidate object: ObjectStore getOrInsert. The lookup and the insert are one step, so two callers
  with the same value get the same object. The insert checks and writes as store_save does, then
  sweeps up to ARGV[4] expired objects; index keys and swept objects are derived from the prefix of
  KEYS[1], {<name>}:. Safe to run again with the same operation id: when the candidate's hash holds
  it (an earlier run inserted it and lost its reply), this returns its version and writes nothing.
  On a resend (the last argument) that finds neither the operation id nor a holder of the value,
  it writes nothing either and replies DS_INDOUBT: the earlier attempt may have inserted the
  candidate, which has changed since.

  Input:
    KEYS[1] the meta hash, {<name>}:meta, holding the index definitions
    KEYS[2] the set of all ids, {<name>}:ids
    KEYS[3] the expiry sorted set, {<name>}:exp
    KEYS[4] the change feed stream, {<name>}:changes
    KEYS[5] the candidate's hash, {<name>}:obj:<id>
    ARGV[1] the unique property to look up by
    ARGV[2] the operation id, random, stored in the hash as _ds_op
    ARGV[3] now, Unix ms, from the caller's clock
    ARGV[4] how many expired objects to sweep
    ARGV[5] the change feed's length, 0 for none
    ARGV[6] the version property, mirrored from _ds_v, or '' for none
    ARGV[7] the candidate's id
    ARGV[8] the candidate's TTL in ms, 0 for none
    ARGV[9] the number of fields; then field name and value pairs
    ARGV last: '1' when an earlier attempt of this call may have run (its reply was lost), else '0'

  Output:
    {'found', holder id, field, value, ...} when an object holds the value
    {'inserted', version} when the candidate was inserted
    DS_CONFLICT 1 <stored version> exists      the candidate's id exists; nothing was written
    DS_UNIQUE 1 <field> <holder id>            another unique value is taken; nothing written
    DS_WRONGTYPE <key> holds a <type>          a key holds another Redis type; nothing written
    DS_INDOUBT <key> ...                       a resend that cannot tell whether the earlier
                                               attempt inserted; nothing was written
    DS_BADARG <reason>                         a malformed argument, or no value for ARGV[1]
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
local field = ARGV[1]
local op = ARGV[2]
local now = tonumber(ARGV[3])
local sweep = tonumber(ARGV[4])
local feedlen = tonumber(ARGV[5])
local vfield = ARGV[6]
local o = {id = ARGV[7], expected = '', ttl = tonumber(ARGV[8]), t = {}}
local nf = tonumber(ARGV[9])
local prefix = store_prefix(meta)
local resend = nf and ARGV[10 + 2 * nf]
if not now or not sweep or not feedlen or not o.ttl or not nf or KEYS[5] ~= prefix .. 'obj:' .. o.id
    or #ARGV ~= 10 + 2 * nf or (resend ~= '0' and resend ~= '1') then
  return redis.error_reply('DS_BADARG malformed store_get_or_insert arguments')
end
local wrong = assert_type(meta, 'hash') or assert_type(KEYS[2], 'set') or assert_type(KEYS[3], 'zset')
    or assert_type(KEYS[4], 'stream')
if wrong then
  return wrong
end
if redis.call('HGET', KEYS[5], '_ds_op') == op then
  return {'inserted', tonumber(redis.call('HGET', KEYS[5], '_ds_v')) or 0}
end
for i = 10, 9 + 2 * nf, 2 do
  o.t[ARGV[i]] = ARGV[i + 1]
end
if not o.t[field] then
  return redis.error_reply('DS_BADARG the candidate has no value for ' .. field)
end
local holder = redis.call('HGET', prefix .. 'uniq:' .. field, o.t[field])
if holder and not store_expired(prefix, holder, now) then
  local found = redis.call('HGETALL', prefix .. 'obj:' .. holder)
  table.insert(found, 1, holder)
  table.insert(found, 1, 'found')
  return found
end
if resend == '1' then
  return redis.error_reply('DS_INDOUBT ' .. KEYS[5] .. ' no longer holds the operation of this resend')
end
local defs = store_defs(meta)
local versions = store_write(prefix, defs, {o}, 'insert', op, now, feedlen, vfield)
if versions.err then
  return versions
end
store_sweep(prefix, defs, now, sweep, feedlen)
return {'inserted', versions[1]}
