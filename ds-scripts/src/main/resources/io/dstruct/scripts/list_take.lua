--[[
  Takes the element at one end of a DsList into the list's in-flight hash, under the field of the
  pop that takes it, and returns it. Backs every pop: the element stays in Redis until the pop
  hands it over (HDEL of its field) or puts it back (list_requeue). Safe to run again with the same
  field: when the field already holds an element (the reply of an earlier run was lost), this
  returns that element and takes nothing.

  Input:
    KEYS[1] the list's key, {<name>}:list
    KEYS[2] the in-flight hash, {<name>}:list:inflight
    ARGV[1] the pop's field in the in-flight hash, <pop id>:head or <pop id>:tail
    ARGV[2] 'head' to take the head element, 'tail' to take the tail element

  Output:
    the element (bytes), or nil when the list is empty
    DS_WRONGTYPE <key> holds a <type>   a key holds another Redis type; nothing was written
]]
--@include assert_type

local list = KEYS[1]
local inflight = KEYS[2]
local field = ARGV[1]
local side = ARGV[2]

local wrong = assert_type(list, 'list') or assert_type(inflight, 'hash')
if wrong then
  return wrong
end
local held = redis.call('HGET', inflight, field)
if held then
  return held
end
local element
if side == 'head' then
  element = redis.call('LPOP', list)
else
  element = redis.call('RPOP', list)
end
if not element then
  return false
end
redis.call('HSET', inflight, field, element)
return element
