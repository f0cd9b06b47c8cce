--[[
  Counts the ids present in any (OR) or in every (AND) one of some slots of a BitmapCounter: BITOP
  into a temporary key, BITCOUNT of it, DEL of it. Backs BitmapCounter.countUnion and
  countIntersection. Writes nothing that outlives the script.

  Input:
    KEYS[1] a temporary key, {<name>}:bitmap:tmp; deleted again before the script returns
    KEYS (from the second) the slot keys to combine; at least one
    ARGV[1] 'OR' for the union, 'AND' for the intersection

  Output:
    the number of ids (integer)
    DS_WRONGTYPE <key> holds a <type>   a slot key holds another Redis type
    DS_BADARG <reason>                  ARGV[1] is neither 'OR' nor 'AND', or there is no slot key
]]
--@include assert_type
--@include bitop_chunked

local rcall = redis.call
local tmp = KEYS[1]
local op = ARGV[1]

if op ~= 'OR' and op ~= 'AND' then
  return redis.error_reply('DS_BADARG operation must be OR or AND: ' .. op)
end
if #KEYS < 2 then
  return redis.error_reply('DS_BADARG no slot to combine')
end
local present = {}
for i = 2, #KEYS do
  local wrong = assert_type(KEYS[i], 'string')
  if wrong then
    return wrong
  end
  if rcall('EXISTS', KEYS[i]) == 1 then
    present[#present + 1] = KEYS[i]
  end
end

-- A missing slot is an empty bitmap: it empties an intersection and adds nothing to a union.
if #present == 0 or (op == 'AND' and #present < #KEYS - 1) then
  return 0
end
if #present == 1 then
  return rcall('BITCOUNT', present[1])
end
bitop_chunked(op, tmp, present)
local count = rcall('BITCOUNT', tmp)
rcall('DEL', tmp)
return count
