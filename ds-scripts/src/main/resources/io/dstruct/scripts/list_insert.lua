--[[
  Inserts an element at an index of a DsList, shifting the elements from there one place to the
  tail. Backs DsList.add(index, value). An index equal to the size appends.

  Input:
    KEYS[1] the list's key, {<name>}:list
    ARGV[1] the index, 0 at the head; must be >= 0
    ARGV[2] the new element (bytes)
    ARGV[3] a marker that the list does not hold: random bytes chosen by the caller

  Output:
    the new size of the list
    DS_INDEX <index> <size>              the index is above the list's size; nothing was written
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
]]
--@include assert_type

local key = KEYS[1]
local index = tonumber(ARGV[1])
local value = ARGV[2]
local marker = ARGV[3]

local wrong = assert_type(key, 'list')
if wrong then
  return wrong
end
local size = redis.call('LLEN', key)
if index > size then
  return redis.error_reply('DS_INDEX ' .. ARGV[1] .. ' ' .. size)
end
if index == size then
  return redis.call('RPUSH', key, value)
end
-- Mark the slot, insert before the (unique) mark, then put the shifted element back after it.
local shifted = redis.call('LINDEX', key, index)
redis.call('LSET', key, index, marker)
redis.call('LINSERT', key, 'BEFORE', marker, value)
redis.call('LSET', key, index + 1, shifted)
return size + 1
