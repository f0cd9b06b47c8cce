--[[
  Gives one delivery's message back at once without counting the delivery as an attempt: the leased ->
  ready move, to the end of the inbox. Delivery release, and receivers whose caller was gone (cancelled,
  timed out, interrupted) when the message came. Only the delivery that holds the lease may release. Not
  safe to run twice.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    ARGV[1] the message's stream id in the inbox
    ARGV[2] the delivery count the delivery saw: the lease's token

  Output:
    1
    DS_NOTLEASED <stream id>             the message is not leased any more; nothing was written
    DS_LEASEMOVED <stream id> <count>    the message was delivered again since; nothing was written
    DS_WRONGTYPE <key> holds a <type>    KEYS[1] holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include conn_lease
--@include conn_entry
--@include conn_field
--@include conn_without

local inbox = KEYS[1]
local sid = ARGV[1]
local count = tonumber(ARGV[2])

if not count or count < 1 then
  return redis.error_reply('DS_BADARG malformed connector_release arguments')
end
local wrong = assert_type(inbox, 'stream') or conn_lease(inbox, sid, count)
if wrong then
  return wrong
end
local fields = conn_entry(inbox, sid)
if fields then
  local attempt = (tonumber(conn_field(fields, 'attempt')) or 0) + count - 1
  redis.call('XADD', inbox, '*', unpack(conn_without(fields, {attempt = true}, {'attempt', string.format('%d', attempt)})))
end
redis.call('XACK', inbox, 'ds', sid)
redis.call('XDEL', inbox, sid)
return 1
