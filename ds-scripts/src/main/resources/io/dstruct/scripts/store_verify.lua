--[[
  Checks one batch of an ObjectStore's indexes against its objects, and returns each drift found:
  one step of ObjectStore verify. Phases, in order: 'o' reads objects by the set of ids and checks
  that each exists and that every entry of every ready index is there; 'k' scans the keys of the
  store for object hashes whose id is not in the set; then one phase per ready index reads its
  entries back and checks that each matches its object. Object hashes and index keys are derived
  from the prefix of KEYS[1], {<name>}:.

  Input:
    KEYS[1] the meta hash, {<name>}:meta, holding the index definitions and states
    KEYS[2] the set of all ids, {<name>}:ids
    ARGV[1] the cursor: '' to start, else the one the previous step returned
    ARGV[2] how many entries to read in this step (SCAN COUNT)

  Output:
    {next cursor, drift, drift, ...}: the cursor is '' when the check is complete; each drift is
    a line of text naming the object, the index and what is wrong
    DS_BADARG <reason>                   a malformed argument
    Writes nothing
]]
--@include store_prefix
--@include store_defs
--@include store_fields
--@include store_entries

redis.replicate_commands()
local rcall = redis.call
local meta = KEYS[1]
local ids = KEYS[2]
local prefix = store_prefix(meta)
local batch = tonumber(ARGV[2])
if not batch or batch < 1 then
  return redis.error_reply('DS_BADARG bad batch size')
end
local defs = {}
for _, d in ipairs(store_defs(meta)) do
  if rcall('HGET', meta, 'state:' .. d.name) == 'ready' then
    defs[#defs + 1] = d
  end
end
local phase, cursor = 'o', '0'
if ARGV[1] ~= '' then
  phase, cursor = string.match(ARGV[1], '^(%S+) (%S+)$')
end
local drifts = {}
local function drift(text)
  drifts[#drifts + 1] = text
end

-- Whether the index entry e of the object id is in Redis.
local function present(e, id)
  if e.k == 's' then
    return rcall('SISMEMBER', e.key, id) == 1 and rcall('SISMEMBER', e.reg, e.rv) == 1
  elseif e.k == 'z' then
    local s = rcall('ZSCORE', e.key, id)
    return s and tonumber(s) == e.score and (not e.reg or rcall('SISMEMBER', e.reg, e.rv) == 1)
  end
  return rcall('HGET', e.key, e.v) == id
end

-- Whether the object id holds the entry of key (score s, or unique value v).
local function holds(d, id, key, s, v)
  local t = store_fields(prefix .. 'obj:' .. id)
  if not t then
    return false
  end
  for _, e in pairs(store_entries(prefix, {d}, t)) do
    if e.key == key and (s == nil or e.score == s) and (v == nil or e.v == v) then
      return true
    end
  end
  return false
end

local next
if phase == 'o' then
  local scan = rcall('SSCAN', ids, cursor, 'COUNT', batch)
  for _, id in ipairs(scan[2]) do
    local t = store_fields(prefix .. 'obj:' .. id)
    if not t then
      drift('object ' .. id .. ': in the set of ids, but has no hash')
    else
      for _, d in ipairs(defs) do
        for _, e in pairs(store_entries(prefix, {d}, t)) do
          if not present(e, id) then
            drift('object ' .. id .. ': missing from ' .. d.name .. ' (' .. e.key .. ')')
          end
        end
      end
    end
  end
  next = scan[1] == '0' and 'k 0' or 'o ' .. scan[1]
elseif phase == 'k' then
  local pattern = string.gsub(prefix .. 'obj:', '[%*%?%[%]\\]', '\\%0') .. '*'
  local scan = rcall('SCAN', cursor, 'MATCH', pattern, 'COUNT', batch)
  for _, key in ipairs(scan[2]) do
    local id = string.sub(key, #prefix + 5)
    if rcall('SISMEMBER', ids, id) == 0 then
      drift('object ' .. id .. ': has a hash, but is not in the set of ids')
    end
  end
  next = scan[1] == '0' and (#defs > 0 and '1 0' or '') or 'k ' .. scan[1]
else
  local k = tonumber(phase)
  local d = defs[k]
  local done = true
  if d then
    if d.kind == 'ordered' then
      local key = prefix .. 'ord:' .. d.fields[1]
      local scan = rcall('ZSCAN', key, cursor, 'COUNT', batch)
      for i = 1, #scan[2], 2 do
        if not holds(d, scan[2][i], key, tonumber(scan[2][i + 1]), nil) then
          drift('object ' .. scan[2][i] .. ': ' .. d.name .. ' holds score ' .. scan[2][i + 1] .. ' for it')
        end
      end
      done, cursor = scan[1] == '0', scan[1]
    elseif d.kind == 'unique' then
      local key = prefix .. 'uniq:' .. d.fields[1]
      local scan = rcall('HSCAN', key, cursor, 'COUNT', batch)
      for i = 1, #scan[2], 2 do
        if not holds(d, scan[2][i + 1], key, nil, scan[2][i]) then
          drift('object ' .. scan[2][i + 1] .. ': ' .. d.name .. ' maps the value ' .. scan[2][i] .. ' to it')
        end
      end
      done, cursor = scan[1] == '0', scan[1]
    else
      local reg, base
      if d.kind == 'indexed' then
        reg, base = prefix .. 'vals:' .. d.fields[1], prefix .. 'idx:' .. d.fields[1] .. ':'
      else
        reg, base = prefix .. 'cvals:' .. d.key, prefix .. 'cmp:' .. d.key .. ':'
      end
      local scan = rcall('SSCAN', reg, cursor, 'COUNT', batch)
      for _, v in ipairs(scan[2]) do
        local key = base .. v
        local members
        if d.kind == 'indexed' then
          members = rcall('SMEMBERS', key)
        else
          members = rcall('ZRANGE', key, 0, -1, 'WITHSCORES')
        end
        if #members == 0 then
          drift(d.name .. ': registers ' .. v .. ', which has no entry')
        end
        local step = d.kind == 'indexed' and 1 or 2
        for i = 1, #members, step do
          local s = step == 2 and tonumber(members[i + 1]) or nil
          if not holds(d, members[i], key, s, nil) then
            drift('object ' .. members[i] .. ': ' .. d.name .. ' lists it under ' .. v)
          end
        end
      end
      done, cursor = scan[1] == '0', scan[1]
    end
  end
  if done then
    next = k < #defs and (k + 1) .. ' 0' or ''
  else
    next = k .. ' ' .. cursor
  end
end
table.insert(drifts, 1, next)
return drifts
