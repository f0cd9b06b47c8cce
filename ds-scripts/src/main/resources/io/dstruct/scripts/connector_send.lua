--[[
  Sends one message to a connector: adds its envelope to the connector's inbox, or to its delayed set when
  it is due later. Connector send, request. Only keys of the receiving connector are touched. Safe to run
  twice with the same message id: a run that finds the id among the recent sends (KEYS[2], kept for
  ARGV[8] ms) adds nothing and replies the first run's sentAt.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox, with its consumer group 'ds'
    KEYS[2] the recent sends, {<name>}:connector:sent: a sorted set of message id -> sentAt
    KEYS[3] the delayed set, {<name>}:connector:delayed: a sorted set of message id -> due time
    KEYS[4] the delayed envelopes, {<name>}:connector:delayed:msgs: a hash of message id -> packed fields
    ARGV[1] the message id, random, chosen by the sender
    ARGV[2] the sender's name
    ARGV[3] the payload (the codec's bytes)
    ARGV[4] the delay in ms from now, 0 for none
    ARGV[5] the earliest delivery time in Unix ms, 0 for none; the message is due at the later of both
    ARGV[6] for a request, the requester's name; else empty
    ARGV[7] for a request, its correlation id; else empty
    ARGV[8] how long the recent sends remember a message id, in ms

  Output:
    the message's sentAt, Unix ms by the server's clock (the first run's, for a repeated run)
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include conn_now
--@include conn_group

local inbox = KEYS[1]
local sent = KEYS[2]
local delayed = KEYS[3]
local delayedMsgs = KEYS[4]
local id = ARGV[1]
local from = ARGV[2]
local payload = ARGV[3]
local delay = tonumber(ARGV[4])
local at = tonumber(ARGV[5])
local replyTo = ARGV[6]
local corr = ARGV[7]
local window = tonumber(ARGV[8])

if id == '' or not delay or not at or not window or delay < 0 or at < 0 or window < 0 then
  return redis.error_reply('DS_BADARG malformed connector_send arguments')
end
local wrong = assert_type(inbox, 'stream') or assert_type(sent, 'zset') or assert_type(delayed, 'zset')
  or assert_type(delayedMsgs, 'hash')
if wrong then
  return wrong
end

local now = conn_now()
local first = redis.call('ZSCORE', sent, id)
if first then
  return tonumber(first)
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
  redis.call('ZADD', delayed, due, id)
  redis.call('HSET', delayedMsgs, id, cmsgpack.pack(fields))
else
  conn_group(inbox)
  redis.call('XADD', inbox, '*', unpack(fields))
end
redis.call('ZADD', sent, now, id)
redis.call('ZREMRANGEBYSCORE', sent, '-inf', '(' .. string.format('%d', now - window))
return now
