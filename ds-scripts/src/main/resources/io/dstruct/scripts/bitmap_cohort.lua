--[[
  Computes a retention row of a BitmapCounter: the count of a first slot, then for each later slot
  how many ids of the first slot it also holds (BITOP AND into a temporary key, BITCOUNT). Backs
  BitmapCounter.cohort. Writes nothing that outlives the script.

  Input:
    KEYS[1] a temporary key, {<name>}:bitmap:tmp; deleted again before the script returns
    KEYS[2] the first slot, whose ids make the cohort
    KEYS (from the third) the later slots, in order; there may be none

  Output:
    an array of #KEYS - 1 integers: the count of KEYS[2], then for each later slot the number of
    ids in both KEYS[2] and that slot
    DS_WRONGTYPE <key> holds a <type>   a slot key holds another Redis type
    DS_BADARG <reason>                  there is no first slot
]]
--@include assert_type

local rcall = redis.call
local tmp = KEYS[1]
local first = KEYS[2]

if first == nil then
  return redis.error_reply('DS_BADARG no first slot')
end
for i = 2, #KEYS do
  local wrong = assert_type(KEYS[i], 'string')
  if wrong then
    return wrong
  end
end

local row = { rcall('BITCOUNT', first) }
for i = 3, #KEYS do
  if row[1] == 0 or rcall('EXISTS', KEYS[i]) == 0 then
    row[#row + 1] = 0
  else
    rcall('BITOP', 'AND', tmp, first, KEYS[i])
    row[#row + 1] = rcall('BITCOUNT', tmp)
  end
end
rcall('DEL', tmp)
return row
