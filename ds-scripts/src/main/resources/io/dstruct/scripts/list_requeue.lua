--[[
  Moves one element that a blocking pop took into the in-flight list back into its DsList, when
  the pop was cancelled or timed out before the element reached its caller.

  Input:
    KEYS[1] the list's key, {<name>}:list
    KEYS[2] the in-flight list's key, {<name>}:list:inflight
    ARGV[1] the element (bytes)
    ARGV[2] 'head' to put it back at the head (where a head pop took it), 'tail' for the tail

  Output:
    1 when the element was moved back, 0 when the in-flight list no longer held it
    DS_WRONGTYPE <key> holds a <type>   a key holds another Redis type; nothing was written, and
                                        the element stays in the in-flight list
]]
--@include assert_type

local list = KEYS[1]
local inflight = KEYS[2]
local element = ARGV[1]
local side = ARGV[2]

local wrong = assert_type(list, 'list') or assert_type(inflight, 'list')
if wrong then
  return wrong
end
if redis.call('LREM', inflight, 1, element) == 0 then
  return 0
end
if side == 'head' then
  redis.call('LPUSH', list, element)
else
  redis.call('RPUSH', list, element)
end
return 1
