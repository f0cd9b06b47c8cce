--[[
  Runs a query on an ObjectStore and loads the objects that match, in the same step, so a result
  never holds an object that does not match, or an expired one: ObjectStore find, findPage and
  count. The query is an AND of equalities on indexed fields (each a set of values) and ranges on
  ordered fields, optionally ordered by an ordered field. The plan, smallest first:
    - ordered: walk the order's sorted set (or a compound index's) from the cursor, checking each
      id against the other conditions, until enough match; unless the smallest equality holds
      under a quarter as many ids, which are then checked, scored and sorted instead;
    - not ordered: take the smallest condition (set, range or compound index), check each of its
      ids against the others, and sort the matches by id (numeric ids by number).
  Index keys (idx:, ord:, cmp:) are derived from the prefix of KEYS[1], {<name>}:.

  Input:
    KEYS[1] the meta hash, {<name>}:meta, holding the state of each index
    KEYS[2] the set of all ids, {<name>}:ids
    KEYS[3] the expiry sorted set, {<name>}:exp
    ARGV[1] now, Unix ms, from the caller's clock
    ARGV[2] 'find', or 'count' to count the matches (offset and limit ignored; the caller sends no
            cursor)
    ARGV[3] the ordered field to order by, or '' for id order
    ARGV[4] a compound index key suffix, cmp:<name>:<values>, to drive the query, or ''
    ARGV[5] '1' for descending order, else '0'
    ARGV[6] how many matches to skip
    ARGV[7] the most objects to return, -1 for no limit
    ARGV[8] the cursor's score ('' for none, or for id order)
    ARGV[9] the cursor's id, '' for none: the result starts after it
    ARGV[10] the number of indexes that must be ready; then their names; then the number of
             equalities, and per equality: field, number of values, values; then the number
             of ranges, and per range: field, min, max (as ZRANGEBYSCORE takes them)

  Output:
    for 'find': {next score, next id, id, fields, id, fields, ...}: the cursor after this page
    ('' and '' when no object follows), then each object's id and its fields as a flat array
    for 'count': {count}
    DS_NOTREADY <index>                  an index the query needs is not built yet
    DS_BADARG <reason>                   a malformed argument
    Writes nothing
]]
local rcall = redis.call
local meta = KEYS[1]
local prefix = string.sub(meta, 1, #meta - 4)
local now = tonumber(ARGV[1])
local counting = ARGV[2] == 'count'
local order = ARGV[3]
local driverKey = ARGV[4] ~= '' and prefix .. ARGV[4] or nil
local desc = ARGV[5] == '1'
local offset = tonumber(ARGV[6]) or 0
local limit = tonumber(ARGV[7]) or -1
local cscore = ARGV[8] ~= '' and tonumber(ARGV[8]) or nil
local cid = ARGV[9] ~= '' and ARGV[9] or nil
if not now then
  return redis.error_reply('DS_BADARG malformed store_find arguments')
end

local nready = tonumber(ARGV[10])
local at = 10
for i = 1, nready do
  if rcall('HGET', meta, 'state:' .. ARGV[at + i]) ~= 'ready' then
    return redis.error_reply('DS_NOTREADY ' .. ARGV[at + i])
  end
end
at = at + nready + 1
local eqs = {}
for i = 1, tonumber(ARGV[at]) do
  local f, nv = ARGV[at + 1], tonumber(ARGV[at + 2])
  local e = {keys = {}, size = 0}
  for j = 1, nv do
    local k = prefix .. 'idx:' .. f .. ':' .. ARGV[at + 2 + j]
    e.keys[j] = k
    e.size = e.size + rcall('SCARD', k)
  end
  eqs[i] = e
  at = at + 2 + nv
end
local ranges = {}
at = at + 1
for _ = 1, tonumber(ARGV[at]) do
  local f, lo, hi = ARGV[at + 1], ARGV[at + 2], ARGV[at + 3]
  local r = {field = f, key = prefix .. 'ord:' .. f, lo = lo, hi = hi}
  r.loEx = string.sub(lo, 1, 1) == '('
  r.hiEx = string.sub(hi, 1, 1) == '('
  r.loN = tonumber(r.loEx and string.sub(lo, 2) or lo)
  r.hiN = tonumber(r.hiEx and string.sub(hi, 2) or hi)
  ranges[f] = r
  at = at + 3
end

local exp = KEYS[3]
local anyExpired = rcall('ZCOUNT', exp, '-inf', now) > 0

local function inRange(r, s)
  if r.loN and (s < r.loN or (r.loEx and s == r.loN)) then
    return false
  end
  if r.hiN and (s > r.hiN or (r.hiEx and s == r.hiN)) then
    return false
  end
  return true
end

-- Whether id meets every condition but the equality skipEq and the range on skipRange.
local function passes(id, skipEq, skipRange)
  for i, e in ipairs(eqs) do
    if i ~= skipEq then
      local hit = false
      for _, k in ipairs(e.keys) do
        if rcall('SISMEMBER', k, id) == 1 then
          hit = true
          break
        end
      end
      if not hit then
        return false
      end
    end
  end
  for f, r in pairs(ranges) do
    if f ~= skipRange then
      local s = rcall('ZSCORE', r.key, id)
      if not s or not inRange(r, tonumber(s)) then
        return false
      end
    end
  end
  if anyExpired then
    local t = rcall('ZSCORE', exp, id)
    if t and tonumber(t) <= now then
      return false
    end
  end
  return true
end

local function idLess(a, b)
  local na, nb = tonumber(a), tonumber(b)
  if na and nb and na ~= nb then
    return na < nb
  elseif na and not nb then
    return true
  elseif nb and not na then
    return false
  end
  return a < b
end

local function smallestEq()
  local best, size = nil, nil
  for i, e in ipairs(eqs) do
    if not size or e.size < size then
      best, size = i, e.size
    end
  end
  return best, size
end

local function members(e)
  if #e.keys == 1 then
    return rcall('SMEMBERS', e.keys[1])
  end
  return rcall('SUNION', unpack(e.keys))
end

local need = -1
if not counting and limit >= 0 then
  need = offset + limit + 1
end
local matches = {} -- {id, score}
local count = 0

local function take(id, score)
  count = count + 1
  if not counting then
    matches[#matches + 1] = {id, score}
  end
end

if order ~= '' then
  local src = driverKey or prefix .. 'ord:' .. order
  local r = ranges[order] or {lo = '-inf', hi = '+inf'}
  local srcCount = rcall('ZCOUNT', src, r.lo, r.hi)
  local small, size = smallestEq()
  if small and size * 4 < srcCount then
    local found = {}
    for _, id in ipairs(members(eqs[small])) do
      local s = rcall('ZSCORE', src, id)
      if s then
        s = tonumber(s)
        if (not ranges[order] or inRange(r, s)) and passes(id, small, order) then
          found[#found + 1] = {id, s}
        end
      end
    end
    table.sort(found, function(a, b)
      if a[2] ~= b[2] then
        if desc then return a[2] > b[2] end
        return a[2] < b[2]
      end
      if desc then return a[1] > b[1] end
      return a[1] < b[1]
    end)
    for _, m in ipairs(found) do
      local after = true
      if cscore then
        if desc then
          after = m[2] < cscore or (m[2] == cscore and m[1] < cid)
        else
          after = m[2] > cscore or (m[2] == cscore and m[1] > cid)
        end
      end
      if after then
        take(m[1], m[2])
        if need >= 0 and #matches >= need then
          break
        end
      end
    end
  else
    local lo, hi = r.lo, r.hi
    if cscore then
      if desc then hi = ARGV[8] else lo = ARGV[8] end
    end
    local chunk = 64
    if need > 0 then
      chunk = math.max(chunk, need * 2)
    end
    local skip = 0
    local done = false
    while not done do
      local page
      if desc then
        page = rcall('ZREVRANGEBYSCORE', src, hi, lo, 'WITHSCORES', 'LIMIT', skip, chunk)
      else
        page = rcall('ZRANGEBYSCORE', src, lo, hi, 'WITHSCORES', 'LIMIT', skip, chunk)
      end
      for i = 1, #page, 2 do
        local id, s = page[i], tonumber(page[i + 1])
        local after = true
        if cscore and s == cscore then
          if desc then after = id < cid else after = id > cid end
        end
        if after and passes(id, nil, order) then
          take(id, s)
          if need >= 0 and #matches >= need then
            done = true
            break
          end
        end
      end
      if #page < 2 * chunk then
        done = true
      end
      skip = skip + chunk
    end
  end
else
  -- the smallest driver: an equality, a range, the compound index, or every id
  local small, size = smallestEq()
  local driver = small and {kind = 'eq', i = small} or nil
  for f, r in pairs(ranges) do
    local n = rcall('ZCOUNT', r.key, r.lo, r.hi)
    if not size or n < size then
      driver, size = {kind = 'range', field = f, r = r}, n
    end
  end
  if driverKey then
    local n = rcall('ZCARD', driverKey)
    if not size or n < size then
      driver = {kind = 'compound'}
    end
  end
  local ids
  local skipEq, skipRange
  if not driver then
    ids = rcall('SMEMBERS', KEYS[2])
  elseif driver.kind == 'eq' then
    ids, skipEq = members(eqs[driver.i]), driver.i
  elseif driver.kind == 'range' then
    ids, skipRange = rcall('ZRANGEBYSCORE', driver.r.key, driver.r.lo, driver.r.hi), driver.field
  else
    ids = rcall('ZRANGE', driverKey, 0, -1)
  end
  local found = {}
  for _, id in ipairs(ids) do
    -- an id the compound index does not drive must be in its combination too
    local inCompound = not driverKey or driver.kind == 'compound' or rcall('ZSCORE', driverKey, id)
    if inCompound and passes(id, skipEq, skipRange) then
      found[#found + 1] = id
    end
  end
  if counting then
    count = #found
  else
    table.sort(found, function(a, b)
      if desc then return idLess(b, a) end
      return idLess(a, b)
    end)
    for _, id in ipairs(found) do
      if not cid or (desc and idLess(id, cid)) or (not desc and idLess(cid, id)) then
        take(id, nil)
        if need >= 0 and #matches >= need then
          break
        end
      end
    end
  end
end

if counting then
  return {count}
end
local out = {'', ''}
local last = #matches
if need >= 0 and #matches >= need then
  last = need - 1
  local m = matches[last]
  if m then
    out[1] = m[2] and string.format('%.17g', m[2]) or ''
    out[2] = m[1]
  end
end
for i = offset + 1, last do
  local id = matches[i][1]
  out[#out + 1] = id
  out[#out + 1] = rcall('HGETALL', prefix .. 'obj:' .. id)
end
return out
