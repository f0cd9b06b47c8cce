--[[
  Puts back, at the end it was taken from, an element that a DsList pop took but could not hand
  over: its caller was cancelled, timed out or interrupted, the element does not decode, or a Kotlin
  coroutine was cancelled as the element reached it. The one way every pop puts an element back.

  Input:
    KEYS[1] the list's key, {<name>}:list
    KEYS[2] the in-flight hash, {<name>}:list:inflight
    ARGV[1] the pop's field in the in-flight hash, <pop id>:head or <pop id>:tail
    ARGV[2] 'head' to put the element back at the head, 'tail' at the tail
    ARGV[3] 'inflight' when the pop has not acknowledged the element: it is moved back from the
            field if the field still holds it, else nothing is written (it was put back already,
            requeued or cleared), so running this twice is harmless;
            'acked' when the pop had already removed the field: ARGV[4] is pushed back
    ARGV[4] the element's bytes, as taken (read only with 'acked')

  Output:
    1 when an element was put back, 0 when nothing was written
    DS_WRONGTYPE <key> holds a <type>   a key holds another Redis type; nothing was written
]]
--@include assert_type

local list = KEYS[1]
local inflight = KEYS[2]
local field = ARGV[1]
local side = ARGV[2]
local mode = ARGV[3]
local element = ARGV[4]

local wrong = assert_type(list, 'list') or assert_type(inflight, 'hash')
if wrong then
  return wrong
end
if mode == 'inflight' then
  element = redis.call('HGET', inflight, field)
  if not element then
    return 0
  end
  redis.call('HDEL', inflight, field)
end
if side == 'head' then
  redis.call('LPUSH', list, element)
else
  redis.call('RPUSH', list, element)
end
return 1
