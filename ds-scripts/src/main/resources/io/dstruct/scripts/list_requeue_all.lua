--[[
  Moves every element of a DsList's in-flight list back to the head of the list, oldest first
  at the head. For recovery after a consumer crashed between a blocking pop and its delivery.

  Input:
    KEYS[1] the list's key, {<name>}:list
    KEYS[2] the in-flight list's key, {<name>}:list:inflight

  Output:
    the number of elements moved back
    DS_WRONGTYPE <key> holds a <type>   a key holds another Redis type; nothing was written
]]
--@include assert_type

local list = KEYS[1]
local inflight = KEYS[2]

local wrong = assert_type(list, 'list') or assert_type(inflight, 'list')
if wrong then
  return wrong
end
local moved = 0
while redis.call('LMOVE', inflight, list, 'RIGHT', 'LEFT') do
  moved = moved + 1
end
return moved
