--[[
  Moves the delayed messages of a connector that are due into its inbox, oldest due first: the delayed ->
  ready move. Run by a receiver when connector_receive reports a due message. Safe to run twice: each
  run moves what is due at that moment, so a second run moves the next ones or none.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    KEYS[2] the delayed set, {<name>}:connector:delayed: message id -> due time in Unix ms
    KEYS[3] the delayed envelopes, {<name>}:connector:delayed:msgs: message id -> packed fields
    ARGV[1] the most messages to move, 1 or more

  Output:
    {moved, next}: how many messages moved, and the ms until the next delayed message is due (0 if one is
    due already, -1 if there is none)
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include conn_now
--@include conn_group

local inbox = KEYS[1]
local delayed = KEYS[2]
local delayedMsgs = KEYS[3]
local most = tonumber(ARGV[1])

if not most or most < 1 then
  return redis.error_reply('DS_BADARG malformed connector_promote arguments')
end
local wrong = assert_type(inbox, 'stream') or assert_type(delayed, 'zset') or assert_type(delayedMsgs, 'hash')
if wrong then
  return wrong
end

local now = conn_now()
local due = redis.call('ZRANGEBYSCORE', delayed, '-inf', now, 'LIMIT', 0, most)
if #due > 0 then
  conn_group(inbox)
end
for _, id in ipairs(due) do
  local packed = redis.call('HGET', delayedMsgs, id)
  if packed then
    redis.call('XADD', inbox, '*', unpack(cmsgpack.unpack(packed)))
    redis.call('HDEL', delayedMsgs, id)
  end
  redis.call('ZREM', delayed, id)
end
local nextDue = -1
local head = redis.call('ZRANGE', delayed, 0, 0, 'WITHSCORES')
if #head > 0 then
  nextDue = math.max(0, tonumber(head[2]) - now)
end
return {#due, nextDue}
