--[[
  Deletes one batch of an ObjectStore's objects with their index entries: one step of ObjectStore
  clear. Once no object is left, it also deletes the store's other keys: what is left of each
  index, the expiry sorted set, the change feed, the set of ids and the meta hash. The id counter
  of the store's IdGenerator ({<name>}:id) is kept, so ids are not handed out again. Object
  hashes and index keys are derived from the prefix of KEYS[1], {<name>}:. Safe to run again.

  Input:
    KEYS[1] the meta hash, {<name>}:meta, holding the index definitions
    KEYS[2] the set of all ids, {<name>}:ids
    KEYS[3] the expiry sorted set, {<name>}:exp
    KEYS[4] the change feed stream, {<name>}:changes
    ARGV[1] the most objects to delete in this batch

  Output:
    {deleted, done}: how many objects this batch deleted, and 1 once the store is gone
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

redis.replicate_commands()
local rcall = redis.call
local meta = KEYS[1]
local batch = tonumber(ARGV[1])
if not batch or batch < 1 then
  return redis.error_reply('DS_BADARG bad batch size')
end
local wrong = assert_type(meta, 'hash') or assert_type(KEYS[2], 'set') or assert_type(KEYS[3], 'zset')
    or assert_type(KEYS[4], 'stream')
if wrong then
  return wrong
end
local prefix = store_prefix(meta)
local defs = store_defs(meta)
local ids = rcall('SRANDMEMBER', KEYS[2], batch)
for _, id in ipairs(ids) do
  store_remove(prefix, defs, id, 0, 'clear')
end
if rcall('SCARD', KEYS[2]) > 0 then
  return {#ids, 0}
end
for _, d in ipairs(defs) do
  local f = d.fields[1]
  if d.kind == 'indexed' or d.kind == 'compound' then
    local reg = d.kind == 'indexed' and prefix .. 'vals:' .. f or prefix .. 'cvals:' .. d.key
    local base = d.kind == 'indexed' and prefix .. 'idx:' .. f .. ':' or prefix .. 'cmp:' .. d.key .. ':'
    for _, v in ipairs(rcall('SMEMBERS', reg)) do
      rcall('DEL', base .. v)
    end
    rcall('DEL', reg)
  elseif d.kind == 'ordered' then
    rcall('DEL', prefix .. 'ord:' .. f)
  else
    rcall('DEL', prefix .. 'uniq:' .. f)
  end
end
rcall('DEL', meta, KEYS[2], KEYS[3], KEYS[4])
return {#ids, 1}
