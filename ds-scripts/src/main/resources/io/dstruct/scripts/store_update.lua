--[[
  Sets and removes named fields of one object of an ObjectStore, keeping the others and its expiry:
  ObjectStore update. Reads the stored hash and its indexed values, checks every unique value, and
  only then writes the fields, the new version, every index change and the change feed; then sweeps
  up to ARGV[3] expired objects. Index keys and swept objects are derived from the prefix of
  KEYS[1], {<name>}:. Safe to run again with the same operation id: when the hash already holds it
  (an earlier run lost its reply), this returns the stored fields and writes nothing. On a resend
  (the last argument) that does not find the operation id, it writes nothing either and replies
  DS_INDOUBT: the earlier attempt may have been applied and overwritten (or deleted) since.

  Input:
    KEYS[1] the meta hash, {<name>}:meta, holding the index definitions
    KEYS[2] the expiry sorted set, {<name>}:exp
    KEYS[3] the change feed stream, {<name>}:changes
    KEYS[4] the object's hash, {<name>}:obj:<id>
    ARGV[1] the operation id, random, stored in the hash as _ds_op
    ARGV[2] now, Unix ms, from the caller's clock
    ARGV[3] how many expired objects to sweep
    ARGV[4] the change feed's length, 0 for none
    ARGV[5] the version property, mirrored from _ds_v, or '' for none
    ARGV[6] the object's id
    ARGV[7] the number of fields to set; then field name and value pairs; then the number of
            fields to remove, and their names
    ARGV last: '1' when an earlier attempt of this call may have run (its reply was lost), else '0'

  Output:
    the object's fields afterwards (a flat array of names and values), or nil when there is no
    such object (or it has expired); nothing was written then
    DS_UNIQUE 1 <field> <holder id>      a new unique value is held by another object; nothing
                                         was written
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_INDOUBT <key> ...                 a resend that cannot tell whether the earlier attempt was
                                         applied; nothing was written
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

local rcall = redis.call
local meta = KEYS[1]
local key = KEYS[4]
local op = ARGV[1]
local now = tonumber(ARGV[2])
local sweep = tonumber(ARGV[3])
local feedlen = tonumber(ARGV[4])
local vfield = ARGV[5]
local id = ARGV[6]
local nset = tonumber(ARGV[7])
local prefix = store_prefix(meta)
if not now or not sweep or not feedlen or not nset or key ~= prefix .. 'obj:' .. id then
  return redis.error_reply('DS_BADARG malformed store_update arguments')
end
local wrong = assert_type(meta, 'hash') or assert_type(KEYS[2], 'zset') or assert_type(KEYS[3], 'stream')
    or assert_type(key, 'hash')
if wrong then
  return wrong
end
local ndel = tonumber(ARGV[8 + 2 * nset])
local resend = ndel and ARGV[9 + 2 * nset + ndel]
if not ndel or #ARGV ~= 9 + 2 * nset + ndel or (resend ~= '0' and resend ~= '1') then
  return redis.error_reply('DS_BADARG malformed store_update arguments')
end
local old = store_fields(key)
if old and old['_ds_op'] == op then
  return rcall('HGETALL', key)
end
if resend == '1' then
  return redis.error_reply('DS_INDOUBT ' .. key .. ' no longer holds the operation of this resend')
end
if not old or store_expired(prefix, id, now) then
  return false
end
local new = {}
for f, v in pairs(old) do
  new[f] = v
end
local sets = {}
local at = 8
for _ = 1, nset do
  new[ARGV[at]] = ARGV[at + 1]
  sets[#sets + 1] = ARGV[at]
  sets[#sets + 1] = ARGV[at + 1]
  at = at + 2
end
local dels = {}
for i = 1, ndel do
  new[ARGV[at + i]] = nil
  dels[i] = ARGV[at + i]
end
local defs = store_defs(meta)
for _, d in ipairs(defs) do
  if d.kind == 'unique' then
    local f = d.fields[1]
    local v = new[f]
    if v and v ~= old[f] then
      local holder = rcall('HGET', prefix .. 'uniq:' .. f, v)
      if holder and holder ~= id and not store_expired(prefix, holder, now) then
        return redis.error_reply('DS_UNIQUE 1 ' .. f .. ' ' .. holder)
      elseif holder and holder ~= id then
        store_remove(prefix, defs, holder, feedlen, 'expire')
      end
    end
  end
end
local version = (tonumber(old['_ds_v']) or 0) + 1
new['_ds_v'] = tostring(version)
new['_ds_op'] = op
sets[#sets + 1] = '_ds_v'
sets[#sets + 1] = new['_ds_v']
sets[#sets + 1] = '_ds_op'
sets[#sets + 1] = op
if vfield ~= '' then
  new[vfield] = new['_ds_v']
  sets[#sets + 1] = vfield
  sets[#sets + 1] = new['_ds_v']
end
if #dels > 0 then
  rcall('HDEL', key, unpack(dels))
end
rcall('HSET', key, unpack(sets))
store_apply(id, store_entries(prefix, defs, old), store_entries(prefix, defs, new))
store_feed(KEYS[3], feedlen, id, 'update', version)
store_sweep(prefix, defs, now, sweep, feedlen)
return rcall('HGETALL', key)
