--[[
  Removes the element at an index of a DsList, if it is still the element the caller read there.
  Backs DsList.remove(int index): the caller reads and decodes the element first, so a corrupt
  element is reported before anything is written, then removes it with this script, and reads
  again if another writer changed the element in between.

  Input:
    KEYS[1] the list's key, {<name>}:list
    ARGV[1] the index, 0 at the head; must be >= 0
    ARGV[2] a marker that the list does not hold: random bytes chosen by the caller
    ARGV[3] the element the caller read at the index (bytes)

  Output:
    1 when the element was removed, 0 when the index held another element (nothing written)
    DS_INDEX <index> <size>              the index is not below the list's size; nothing was written
    DS_WRONGTYPE <key> holds a <type>   KEYS[1] holds another Redis type; nothing was written
]]
--@include assert_type
--@include element_at

local key = KEYS[1]
local index = tonumber(ARGV[1])
local marker = ARGV[2]
local expected = ARGV[3]

local wrong = assert_type(key, 'list')
if wrong then
  return wrong
end
local current, missing = element_at(key, index)
if missing then
  return missing
end
if current ~= expected then
  return 0
end
redis.call('LSET', key, index, marker)
redis.call('LREM', key, 1, marker)
return 1
