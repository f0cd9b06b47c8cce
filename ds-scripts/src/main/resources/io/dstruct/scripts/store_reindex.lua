--[[
  Indexes one batch of stored objects for every index of an ObjectStore that is not ready: one
  step of ObjectStore reindex. Its cursor over the set of ids is kept in the meta hash, so a
  reindex that stops (a crash) continues where it stopped. When the cursor comes back to the start,
  every index that was building is marked 'ready'. Each batch checks the unique values it adds
  first, and writes nothing if one is taken. The object hashes and index keys are derived from the
  prefix of KEYS[1], {<name>}:. Safe to run again.

  Input:
    KEYS[1] the meta hash, {<name>}:meta
    KEYS[2] the set of all ids, {<name>}:ids
    ARGV[1] how many ids to read in this batch (SSCAN COUNT)

  Output:
    {done, indexed}: done is 1 when every index is ready, indexed how many objects this batch read
    DS_UNIQUE 0 <field> <holder id>      two stored objects share a value of a new unique field;
                                         nothing was written by this batch
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include store_prefix
--@include store_defs
--@include store_fields
--@include store_entries
--@include store_apply

redis.replicate_commands()
local rcall = redis.call
local meta = KEYS[1]
local batch = tonumber(ARGV[1])
if not batch or batch < 1 then
  return redis.error_reply('DS_BADARG bad batch size')
end
local wrong = assert_type(meta, 'hash') or assert_type(KEYS[2], 'set')
if wrong then
  return wrong
end
local prefix = store_prefix(meta)
local building = {}
for _, d in ipairs(store_defs(meta)) do
  if rcall('HGET', meta, 'state:' .. d.name) ~= 'ready' then
    building[#building + 1] = d
  end
end
if #building == 0 then
  return {1, 0}
end
local cursor = rcall('HGET', meta, 'reindex:cursor') or '0'
local scan = rcall('SSCAN', KEYS[2], cursor, 'COUNT', batch)
local adds = {}
local claimed = {}
for _, id in ipairs(scan[2]) do
  local t = store_fields(prefix .. 'obj:' .. id)
  if t then
    local e = store_entries(prefix, building, t)
    for _, x in pairs(e) do
      if x.k == 'h' then
        local holder = claimed[x.key .. '\n' .. x.v] or rcall('HGET', x.key, x.v)
        if holder and holder ~= id then
          local f = string.sub(x.key, #prefix + 6)
          return redis.error_reply('DS_UNIQUE 0 ' .. f .. ' ' .. holder)
        end
        claimed[x.key .. '\n' .. x.v] = id
      end
    end
    adds[#adds + 1] = {id, e}
  end
end
for _, a in ipairs(adds) do
  store_apply(a[1], {}, a[2])
end
if scan[1] == '0' then
  for _, d in ipairs(building) do
    rcall('HSET', meta, 'state:' .. d.name, 'ready')
  end
  rcall('HDEL', meta, 'reindex:cursor')
  return {1, #adds}
end
rcall('HSET', meta, 'reindex:cursor', scan[1])
return {0, #adds}
