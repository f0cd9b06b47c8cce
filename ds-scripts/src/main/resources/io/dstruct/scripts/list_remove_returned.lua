--[[
  Removes an element that a DsList iterator returned: at the index where the iterator read it if
  it is still there, else the occurrence of the same bytes nearest that index (other clients may
  have moved it), else nothing. Backs remove() of the DsList iterator, which so never removes a
  neighbour of the element it returned.

  Input:
    KEYS[1] the list's key, {<name>}:list
    ARGV[1] the index where the iterator read the element, 0 at the head; must be >= 0
    ARGV[2] a marker that the list does not hold: random bytes chosen by the caller
    ARGV[3] the element the iterator returned (bytes)

  Output:
    the index the element was removed at, or -1 when the list no longer holds it (nothing written)
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
]]
--@include assert_type

local key = KEYS[1]
local index = tonumber(ARGV[1])
local marker = ARGV[2]
local expected = ARGV[3]

local wrong = assert_type(key, 'list')
if wrong then
  return wrong
end
local at = -1
if redis.call('LINDEX', key, index) == expected then
  at = index
else
  for _, i in ipairs(redis.call('LPOS', key, expected, 'COUNT', 0)) do
    if at < 0 or math.abs(i - index) < math.abs(at - index) then
      at = i
    end
  end
end
if at < 0 then
  return -1
end
redis.call('LSET', key, at, marker)
redis.call('LREM', key, 1, marker)
return at
