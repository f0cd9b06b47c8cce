--[[
  Moves every element of a DsList's in-flight hash back to the end of the list it was taken from,
  and deletes the hash. For recovery after a consumer died between a pop and its handover.

  Input:
    KEYS[1] the list's key, {<name>}:list
    KEYS[2] the in-flight hash, {<name>}:list:inflight; each field is <pop id>:head or
            <pop id>:tail, the end its element was taken from

  Output:
    the number of elements moved back
    DS_WRONGTYPE <key> holds a <type>   a key holds another Redis type; nothing was written
]]
--@include assert_type

local list = KEYS[1]
local inflight = KEYS[2]

local wrong = assert_type(list, 'list') or assert_type(inflight, 'hash')
if wrong then
  return wrong
end
-- HGETALL gives a small hash in the order its fields were written, so the first taken comes first:
-- head elements are pushed from the last one, tail elements from the first one.
local entries = redis.call('HGETALL', inflight)
for i = #entries - 1, 1, -2 do
  if string.sub(entries[i], -5) ~= ':tail' then
    redis.call('LPUSH', list, entries[i + 1])
  end
end
for i = 1, #entries, 2 do
  if string.sub(entries[i], -5) == ':tail' then
    redis.call('RPUSH', list, entries[i + 1])
  end
end
redis.call('DEL', inflight)
return #entries / 2
