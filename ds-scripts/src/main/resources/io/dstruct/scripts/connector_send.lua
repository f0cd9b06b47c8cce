--[[
  Sends one message to a connector: adds its envelope to the connector's inbox, or to its delayed set when
  it is due later. Connector send, request. Only keys of the receiving connector are touched. Not safe to
  run twice: a second run sends the message again (a send whose reply was lost is an outcome unknown).

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox, with its consumer group 'ds'
    KEYS[2] the delayed set, {<name>}:connector:delayed: a sorted set of message id -> due time
    KEYS[3] the delayed envelopes, {<name>}:connector:delayed:msgs: a hash of message id -> packed fields
    ARGV[1] the message id, random, chosen by the sender
    ARGV[2] the sender's name
    ARGV[3] the payload (the codec's bytes)
    ARGV[4] the delay in ms from now, 0 for none
    ARGV[5] the earliest delivery time in Unix ms, 0 for none; the message is due at the later of both
    ARGV[6] for a request, the requester's name; else empty
    ARGV[7] for a request, its correlation id; else empty

  Output:
    the message's sentAt, Unix ms by the server's clock
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include conn_now
--@include conn_group

local inbox = KEYS[1]
local delayed = KEYS[2]
local delayedMsgs = KEYS[3]
local id = ARGV[1]
local from = ARGV[2]
local payload = ARGV[3]
local delay = tonumber(ARGV[4])
local at = tonumber(ARGV[5])
local replyTo = ARGV[6]
local corr = ARGV[7]

if id == '' or not delay or not at or delay < 0 or at < 0 then
  return redis.error_reply('DS_BADARG malformed connector_send arguments')
end
local now = conn_now()
local wrong = assert_type(inbox, 'stream')
if wrong then
  return wrong
end
local fields = {'id', id, 'from', from, 'sentAt', string.format('%d', now), 'attempt', '0', 'payload', payload}
if replyTo ~= '' then
  fields[#fields + 1] = 'replyTo'
  fields[#fields + 1] = replyTo
  fields[#fields + 1] = 'corr'
  fields[#fields + 1] = corr
end
local due = math.max(now + delay, at)
if due > now then
  wrong = assert_type(delayed, 'zset') or assert_type(delayedMsgs, 'hash')
  if wrong then
    return wrong
  end
  redis.call('ZADD', delayed, due, id)
  redis.call('HSET', delayedMsgs, id, cmsgpack.pack(fields))
else
  conn_group(inbox)
  redis.call('XADD', inbox, '*', unpack(fields))
end
return now
