--[[
  Gives one delivery's message back at once without counting the delivery as an attempt: the leased ->
  ready move, to the end of the inbox. Delivery release, and receivers whose caller was gone (cancelled,
  timed out, interrupted) when the message came. Only the delivery that holds the lease may release. Not
  safe to run twice.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    ARGV[1] the message's stream id in the inbox: the lease's token (each id is leased once)

  Output:
    1
    DS_NOTLEASED <stream id>             the message is not leased any more; nothing was written
    DS_WRONGTYPE <key> holds a <type>    KEYS[1] holds another Redis type; nothing was written
]]
--@include assert_type
--@include conn_lease
--@include conn_entry

local inbox = KEYS[1]
local sid = ARGV[1]

local wrong = assert_type(inbox, 'stream') or conn_lease(inbox, sid)
if wrong then
  return wrong
end
local fields = conn_entry(inbox, sid)
if fields then
  -- the same fields, attempt unchanged: the next delivery has the number this one had
  redis.call('XADD', inbox, '*', unpack(fields))
end
redis.call('XDEL', inbox, sid)
return 1
