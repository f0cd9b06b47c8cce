--[[
  Opens an ObjectStore: adds the caller's index definitions that the meta hash does not hold yet,
  and returns the state of every index. A new index is 'ready' when the store holds no object,
  else 'building' until store_reindex has indexed every stored object. A definition held under the
  same name but with other fields (a compound index redefined) is replaced, and built anew under
  keys of its own. Definitions of other indexes are left as they are, including those of other
  versions of the schema: every write maintains every index the meta hash holds. Safe to run again.

  Input:
    KEYS[1] the meta hash, {<name>}:meta
    KEYS[2] the set of all ids, {<name>}:ids
    ARGV[1] the caller's index definitions, a JSON array of {name, kind, fields[, order]}

  Output:
    the name and state of every index, as a flat array
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   ARGV[1] is not a JSON array; nothing was written
]]
--@include assert_type
--@include store_defs

local rcall = redis.call
local meta = KEYS[1]
local wrong = assert_type(meta, 'hash') or assert_type(KEYS[2], 'set')
if wrong then
  return wrong
end
local ok, mine = pcall(cjson.decode, ARGV[1])
if not ok or type(mine) ~= 'table' then
  return redis.error_reply('DS_BADARG index definitions are not a JSON array')
end
local function shape(d)
  return d.kind .. '|' .. table.concat(d.fields, ',') .. '|' .. tostring(d.order) .. '|' .. tostring(d.key)
end
local defs = store_defs(meta)
local held = {}
for i, d in ipairs(defs) do
  held[d.name] = i
end
local empty = rcall('SCARD', KEYS[2]) == 0
local added = false
for _, d in ipairs(mine) do
  local i = held[d.name]
  if not i or shape(defs[i]) ~= shape(d) then
    -- a new index, or one redefined under the same name (its keys are new too): built from scratch
    defs[i or #defs + 1] = d
    held[d.name] = i or #defs
    added = true
    rcall('HSET', meta, 'state:' .. d.name, empty and 'ready' or 'building')
  end
end
if added then
  rcall('HSET', meta, 'indexes', cjson.encode(defs))
  if not empty then
    rcall('HDEL', meta, 'reindex:cursor')
  end
end
local out = {}
for _, d in ipairs(defs) do
  out[#out + 1] = d.name
  out[#out + 1] = rcall('HGET', meta, 'state:' .. d.name) or 'building'
end
return out
