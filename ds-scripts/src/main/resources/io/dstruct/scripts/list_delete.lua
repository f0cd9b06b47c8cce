--[[
  Deletes every key of a DsList, the list and its in-flight hash, unless one of them holds another
  Redis type than the DsList's. Backs DsList.clear and DsList.delete.

  Input:
    KEYS[1] the list's key, {<name>}:list
    KEYS[2] the in-flight hash, {<name>}:list:inflight

  Output:
    the number of keys deleted, 0 to 2
    DS_WRONGTYPE <key> holds a <type>   a key holds another Redis type; nothing was written
]]
--@include assert_type

local list = KEYS[1]
local inflight = KEYS[2]

local wrong = assert_type(list, 'list') or assert_type(inflight, 'hash')
if wrong then
  return wrong
end
return redis.call('DEL', list, inflight)
