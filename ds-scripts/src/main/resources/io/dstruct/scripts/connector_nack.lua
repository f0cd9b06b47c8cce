--[[
  Gives one delivery's message back for another attempt: the leased -> ready move (no delay) or leased ->
  delayed (a delay), with the attempt counted and the error kept as the message's last error. Delivery
  nack. A message that has had its ARGV[4] attempts goes to the dead letters with that error instead:
  the leased -> dead move. Only the delivery that holds the lease may nack. Not safe to run twice.

  Input:
    KEYS[1] the inbox stream, {<name>}:connector:inbox
    KEYS[2] the delayed set, {<name>}:connector:delayed
    KEYS[3] the delayed envelopes, {<name>}:connector:delayed:msgs
    KEYS[4] the dead letters, {<name>}:connector:dead
    KEYS[5] the dead letters' index, {<name>}:connector:dead:ids
    ARGV[1] the message's stream id in the inbox: the lease's token (each id is leased once)
    ARGV[2] the delay before the next attempt, in ms, 0 or more
    ARGV[3] the error: why this attempt failed
    ARGV[4] the most deliveries a message may have (maxAttempts)
    ARGV[5] the most dead letters kept

  Output:
    1 if the message will be delivered again, 2 if it went to the dead letters
    DS_NOTLEASED <stream id>             the message is not leased any more; nothing was written
    DS_WRONGTYPE <key> holds a <type>    a key holds another Redis type; nothing was written
    DS_BADARG <reason>                   a malformed argument; nothing was written
]]
--@include assert_type
--@include conn_now
--@include conn_group
--@include conn_lease
--@include conn_entry
--@include conn_field
--@include conn_without
--@include conn_dead

local inbox = KEYS[1]
local delayed = KEYS[2]
local delayedMsgs = KEYS[3]
local dead = KEYS[4]
local deadIds = KEYS[5]
local sid = ARGV[1]
local delay = tonumber(ARGV[2])
local err = ARGV[3]
local maxAttempts = tonumber(ARGV[4])
local deadLimit = tonumber(ARGV[5])

if not delay or delay < 0 or not maxAttempts or not deadLimit or deadLimit < 1 then
  return redis.error_reply('DS_BADARG malformed connector_nack arguments')
end
local wrong = assert_type(inbox, 'stream') or assert_type(delayed, 'zset') or assert_type(delayedMsgs, 'hash')
  or assert_type(dead, 'stream') or assert_type(deadIds, 'hash') or conn_lease(inbox, sid)
if wrong then
  return wrong
end
local now = conn_now()
local fields = conn_entry(inbox, sid)
local moved = 1
if fields then
  local attempt = (tonumber(conn_field(fields, 'attempt')) or 0) + 1
  if attempt >= maxAttempts then
    conn_dead(dead, deadIds, fields, err, attempt, now, deadLimit)
    moved = 2
  else
    local again = conn_without(fields, {attempt = true, error = true},
      {'attempt', string.format('%d', attempt), 'error', err})
    if delay > 0 then
      local id = conn_field(fields, 'id') or sid
      redis.call('ZADD', delayed, now + delay, id)
      redis.call('HSET', delayedMsgs, id, cmsgpack.pack(again))
    else
      conn_group(inbox)
      redis.call('XADD', inbox, '*', unpack(again))
    end
  end
end
redis.call('XDEL', inbox, sid)
return moved
