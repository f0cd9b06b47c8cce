--[[
  Counts ids in one slot of each resolution of a BitmapCounter: sets bit <id> of every slot's
  bitmap, then sets the slot's expiry when it has one. Backs BitmapCounter.add and addAll.
  The counter's settings (zone and first day of the week) are stored in the meta key on the first
  write that writes a slot; a write with other settings is refused, so no two processes cut days differently.
  A slot whose expiry has already passed by the server's clock is skipped: it would be deleted at
  once. A bitmap that must grow is first grown to fill the allocation its new length gets anyway
  (the next jemalloc size class), by a BITOP through the temporary key; Redis's own growth would
  double it, so a slot could take up to twice the memory its ids need.

  Input:
    KEYS[1] a temporary key, {<name>}:bitmap:tmp; deleted again before the script returns
    KEYS[2] the meta key, {<name>}:bitmap:meta, a string holding the settings
    KEYS (from the third) the slot keys, {<name>}:bitmap:<resolution>:<start>; at least one
    ARGV[1] the settings of the writer, such as 'zone=Z firstDayOfWeek=MONDAY'
    ARGV (from the second, one per slot key, in the same order) the slot's expiry as a Unix time in
         milliseconds, or '0' when the slot does not expire
    ARGV (after those) the ids, whole numbers from 0 to 4294967295; at least one

  Output:
    how many of the ids were not yet set in at least one of the slots written (integer); an id
    given twice counts once
    DS_WRONGTYPE <key> holds a <type>   a slot key or the meta key holds another Redis type;
                                        nothing was written
    DS_BADARG <reason>                  no slot key, no id, or an id or expiry that is not valid,
                                        or the meta key holds other settings than ARGV[1];
                                        nothing was written
]]
local rcall = redis.call
local tmp = KEYS[1]
local meta_key = KEYS[2]
local settings = ARGV[1]
local slot_count = #KEYS - 2
local MAX_ID = 4294967295
local MAX_BYTES = 536870912
local CHUNK = 1000

-- Returns the length, at least need bytes, that fills the jemalloc size class of a string of need
-- bytes plus the sds header (16 bytes is enough for any header).
local function capacity(need)
  local total = need + 16
  local class = 128
  while class < total do
    class = class * 2
  end
  local step = 16
  if class > 128 then
    step = class / 8
  end
  return math.min(math.ceil(total / step) * step - 16, MAX_BYTES)
end

local function whole(text, max)
  local n = tonumber(text)
  if n == nil or n < 0 or n > max or n ~= math.floor(n) then
    return nil
  end
  return n
end

if slot_count < 1 or #ARGV <= slot_count + 1 then
  return redis.error_reply('DS_BADARG a bitmap write needs at least one slot and one id')
end
local expiries = {}
for i = 1, slot_count do
  expiries[i] = whole(ARGV[i + 1], 2 ^ 53)
  if expiries[i] == nil then
    return redis.error_reply('DS_BADARG expiry must be a whole number of milliseconds >= 0: ' .. ARGV[i + 1])
  end
end
local ids = {}
local top = 0
for j = slot_count + 2, #ARGV do
  local id = whole(ARGV[j], MAX_ID)
  if id == nil then
    return redis.error_reply('DS_BADARG id must be a whole number from 0 to 4294967295: ' .. ARGV[j])
  end
  ids[#ids + 1] = id
  if id > top then
    top = id
  end
end
-- STRLEN checks the type too: it fails on anything but a string (or a missing key, length 0).
local stored = redis.pcall('GET', meta_key)
if type(stored) == 'table' and stored.err then
  return redis.error_reply('DS_WRONGTYPE ' .. meta_key .. ' holds a ' .. rcall('TYPE', meta_key)['ok'])
end
if stored and stored ~= settings then
  return redis.error_reply('DS_BADARG the bitmap counter ' .. meta_key .. ' keeps ' .. stored
    .. ', but this one was opened with ' .. settings)
end
local lengths = {}
for i = 1, slot_count do
  local key = KEYS[i + 2]
  local len = redis.pcall('STRLEN', key)
  if type(len) == 'table' then
    return redis.error_reply('DS_WRONGTYPE ' .. key .. ' holds a ' .. rcall('TYPE', key)['ok'])
  end
  lengths[i] = len
end

local time = rcall('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local live = {}
for i = 1, slot_count do
  if expiries[i] == 0 or expiries[i] > now then
    live[#live + 1] = i
  end
end

if not stored and #live > 0 then
  rcall('SET', meta_key, settings)
end
local need = math.floor(top / 8) + 1
for _, i in ipairs(live) do
  local key = KEYS[i + 2]
  if lengths[i] < need then
    local size = capacity(need)
    if lengths[i] == 0 and rcall('EXISTS', key) == 0 then
      rcall('SETBIT', key, string.format('%d', size * 8 - 1), 0)
    else
      local ttl = rcall('PTTL', key)
      rcall('DEL', tmp)
      rcall('SETBIT', tmp, string.format('%d', size * 8 - 1), 0)
      rcall('BITOP', 'OR', key, key, tmp)
      rcall('DEL', tmp)
      if ttl > 0 then
        rcall('PEXPIRE', key, ttl)
      end
    end
  end
end

-- BITFIELD sets up to CHUNK bits per call and returns their old values. The operations are the same
-- for every slot, so they are built once. An id is new when one of its bits was 0; an id given
-- twice is new at its first place only, since the second SET sees the bit the first one set.
local chunks = {}
for first = 1, #ids, CHUNK do
  local ops = {}
  for j = first, math.min(first + CHUNK - 1, #ids) do
    local n = #ops
    ops[n + 1] = 'SET'
    ops[n + 2] = 'u1'
    ops[n + 3] = string.format('%d', ids[j])
    ops[n + 4] = '1'
  end
  chunks[#chunks + 1] = ops
end
local new = {}
for _, i in ipairs(live) do
  local key = KEYS[i + 2]
  for c, ops in ipairs(chunks) do
    local old = rcall('BITFIELD', key, unpack(ops))
    local base = (c - 1) * CHUNK
    for k = 1, #old do
      if old[k] == 0 then
        new[base + k] = true
      end
    end
  end
end
local added = 0
for _ in pairs(new) do
  added = added + 1
end
for _, i in ipairs(live) do
  if expiries[i] > 0 then
    rcall('PEXPIREAT', KEYS[i + 2], string.format('%d', expiries[i]))
  end
end
return added
