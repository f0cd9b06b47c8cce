--[[
  Returns the index of the first or last occurrence of an element in a DsList (LPOS).
  Backs DsList.indexOf, lastIndexOf and contains.

  Input:
    KEYS[1] the list's key, {<name>}:list
    ARGV[1] the element (bytes)
    ARGV[2] '1' for the first occurrence from the head, '-1' for the last

  Output:
    the index (0 at the head), or -1 when the list does not hold the element
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type
]]
--@include assert_type

local key = KEYS[1]
local element = ARGV[1]
local rank = ARGV[2]

local wrong = assert_type(key, 'list')
if wrong then
  return wrong
end
local at = redis.call('LPOS', key, element, 'RANK', rank)
if not at then
  return -1
end
return at
